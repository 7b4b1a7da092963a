//! Carrying out what the user asked for, after the frame: one `perform` for every action, and the
//! dialogs that ask before unsaved work is replaced. Commands are in `run_command.rs`, the edits they
//! make from the selection in `editing.rs`.

use super::{Document, TouchmapApp, editing};
use crate::edit::Edit;
use crate::templates;
use crate::ui::{self, Action, PathPurpose, ViewState};

use super::clipboard;
use super::modals::Modal;
use crate::ui::Pending;

impl TouchmapApp {
    /// Applies an edit the app built from the map itself (not from the view of a segment, as the
    /// panels' [`Action::Edit`]s are); a refusal shows in the status bar.
    pub(super) fn change(&mut self, edit: Edit, label: &str, ctx: &egui::Context) {
        self.change_merging(edit, label, None, ctx);
    }

    /// [`Self::change`], merging with the previous step of the same key (votes in a row).
    pub(super) fn change_merging(
        &mut self,
        edit: Edit,
        label: &str,
        coalesce: Option<crate::edit::MergeKey>,
        ctx: &egui::Context,
    ) {
        let now = ctx.input(|input| input.time);
        if let Err(error) = self.document.perform(edit, label, coalesce, now) {
            self.view.status = format!("Not changed: {error}");
        }
    }

    /// Carries out one action: each arm is one call, the work in the methods below and in
    /// `editing.rs` (the edits built from the map), `files.rs`, `teams.rs` and the import modules.
    pub fn perform(&mut self, action: Action, ctx: &egui::Context) {
        if matches!(
            action,
            Action::New(_)
                | Action::Open
                | Action::OpenPath(_)
                | Action::AskPath(PathPurpose::Open)
        ) {
            self.view.sample_notice = false;
        }
        let now = ctx.input(|input| input.time);
        match action {
            Action::Run(command) => self.run_command(command, ctx),
            Action::SaveThen(then) => self.save_then(then, ctx),
            Action::DiscardThen(then) => self.carry_out(then, ctx),
            Action::Recovery { restore, original } => self.recover(restore, original),
            Action::Edit {
                edit,
                label,
                coalesce,
            } => {
                if let Err(error) = self.document.perform_from_view(edit, &label, coalesce, now) {
                    self.view.status = format!("Not changed: {error}");
                }
            }
            Action::SealHistory => self.document.seal(),
            Action::Undo => self.undo_or_redo(true),
            Action::Redo => self.undo_or_redo(false),
            Action::Focus(id) => {
                self.view.select_only(id.clone());
                self.view.centre_on = Some(id);
            }
            Action::DeleteSelection => self.delete_selection(now),
            Action::ResolveConflict {
                position,
                side,
                label,
            } => self.resolve_conflict(position, side, &label, now),
            Action::MergeFromDisk => self.merge_from_disk(now),
            Action::KeepMine => self.keep_mine(),
            Action::ShowSegment(id) => self.show_segment(id.as_deref()),
            Action::DeleteWithPlan(ids) => self.delete_with_plan(&ids, now),
            Action::Duplicate => {
                let text = clipboard::copy_selection(&self.document.map, &self.view.selection);
                self.paste(&text, now);
            }
            Action::Copy => self.copy_selection(ctx, false, now),
            Action::Cut => self.copy_selection(ctx, true, now),
            Action::Paste(text) => self.paste(&text, now),
            Action::AutoLayout => {
                if let Some(edit) = editing::auto_layout_edit(&self.document.map) {
                    self.change(edit, "Auto-layout", ctx);
                }
                self.view.fit_requested = true;
            }
            Action::FitView => self.view.fit_requested = true,
            Action::New(template) => self.unless_unsaved(Pending::New(template), ctx),
            Action::Open => self.unless_unsaved(Pending::Open, ctx),
            Action::OpenPath(path) => self.unless_unsaved(Pending::OpenPath(path), ctx),
            Action::ImportSpreadsheet => self.unless_unsaved(Pending::Import, ctx),
            Action::ImportSpreadsheetFrom(path) => {
                self.unless_unsaved(Pending::ImportPath(path), ctx);
            }
            Action::ImportPathData => self.pick_then(PathPurpose::ImportPathData),
            Action::ImportPathDataFrom(path) => self.start_path_import(&path),
            Action::ApplyPathImport => self.apply_path_import(ctx),
            Action::ClosePathImport => self.path_import = None,
            Action::ImportSurvey => self.pick_then(PathPurpose::ImportSurvey),
            Action::ImportSurveyFrom(path) => self.start_survey_import(&path),
            Action::ApplySurveyImport => self.apply_survey_import(ctx),
            Action::CloseSurveyImport => self.survey_import = None,
            Action::Save => match self.document.path.clone() {
                Some(path) => {
                    self.save_to(&path);
                }
                None => self.pick_then(PathPurpose::Save),
            },
            Action::SaveAs => self.pick_then(PathPurpose::Save),
            Action::SaveAsPath(path) => {
                self.save_to(&path);
            }
            Action::AskPath(purpose) => {
                let text = self.suggested_path(purpose);
                self.modal = Some(Modal::TypePath {
                    purpose,
                    text,
                    note: None,
                });
            }
            Action::Export(format) => self.pick_then(PathPurpose::Export(format)),
            Action::ExportTo(path, format) => self.export_to(&path, format),
            Action::Quit => self.unless_unsaved(Pending::Quit, ctx),
            Action::Vote(id, delta) => {
                if let Some((edit, label)) = editing::vote_edit(&self.document.map, &id, delta) {
                    let key = Some(crate::edit::MergeKey::Vote(id));
                    self.change_merging(edit, &label, key, ctx);
                }
            }
            Action::ShowInspector => self.settings.right_drawer = Some(true),
            Action::ResetVotes => {
                if let Some(edit) = editing::reset_votes_edit(&self.document.map) {
                    self.change(edit, "Reset votes", ctx);
                }
            }
            Action::Present(on) => self.present(on, ctx),
            Action::PresentStep(delta) => self.present_step(delta),
            Action::ApplyWhatIf => {
                // The scenario is the shown map's (a segment's values while one is shown), so it
                // is applied as the panels' edits are.
                if let Some(what_if) = self.view.what_if.take()
                    && let Some(edit) = what_if.edit(self.document.shown_map())
                {
                    let label = format!("What-if on {}", self.document.map.name_of(&what_if.id));
                    self.perform(
                        Action::Edit {
                            edit,
                            label,
                            coalesce: None,
                        },
                        ctx,
                    );
                }
            }
            Action::Compare => self.pick_then(PathPurpose::Compare),
            Action::CompareWithPath(path) => self.compare_with(&path),
        }
    }

    /// Asks the native dialog for the file `purpose` needs and goes on with it; when no dialog
    /// answers (none on this system, or it failed at once), offers the box to type a path.
    fn pick_then(&mut self, purpose: PathPurpose) {
        let started = std::time::Instant::now();
        let picked = match purpose {
            PathPurpose::ImportPathData => self.dialogs.pick_data(),
            PathPurpose::ImportSurvey => self.dialogs.pick_survey(),
            PathPurpose::Open | PathPurpose::Compare => self.dialogs.pick_open(),
            PathPurpose::Import => self.dialogs.pick_sheet(),
            PathPurpose::Save => self.dialogs.pick_save(&self.save_name()),
            PathPurpose::Export(format) => {
                let suggested =
                    std::path::PathBuf::from(self.suggested_path(PathPurpose::Export(format)));
                self.dialogs
                    .pick_export(&suggested, (format.description(), format.extension()))
            }
        };
        match (picked, purpose) {
            (Some(path), PathPurpose::ImportPathData) => self.start_path_import(&path),
            (Some(path), PathPurpose::ImportSurvey) => self.start_survey_import(&path),
            (Some(path), PathPurpose::Compare) => self.compare_with(&path),
            (Some(path), PathPurpose::Save) => {
                self.save_to(&path);
            }
            (Some(path), PathPurpose::Export(format)) => self.export_to(&path, format),
            (Some(path), PathPurpose::Open) => self.open_path(&path),
            (Some(path), PathPurpose::Import) => self.import_sheet(&path),
            (None, _) => self.offer_typed_path(purpose, started),
        }
    }

    /// The file name the save dialog suggests for a map never saved: its title as a slug.
    fn save_name(&self) -> String {
        format!(
            "{}.json",
            crate::model::TouchPointId::slug_from_name(&self.document.map.title)
        )
    }

    /// Saves (asking for a path when the map has none), then does what was asked if it was saved.
    fn save_then(&mut self, then: Pending, ctx: &egui::Context) {
        let saved = match self.document.path.clone() {
            Some(path) => self.save_to(&path),
            None => match self.dialogs.pick_save(&self.save_name()) {
                Some(path) => self.save_to(&path),
                None => false,
            },
        };
        if saved {
            self.carry_out(then, ctx);
        } else if self.modal.is_none() {
            self.view.status = "Not saved: use File › Save to path…".into();
        }
    }

    /// Restores (or discards) the recovery copy found at start. The copy belongs to a window that
    /// ended; restored, it lives on in this window (and in this window's own copy), so either way
    /// the old one goes.
    fn recover(&mut self, restore: bool, original: Option<std::path::PathBuf>) {
        if let Some(found) = self.recovered.take() {
            if let Some(recovery) = &self.recovery {
                recovery.remove_found(&found);
            }
            if restore {
                self.document = Document::new(found.map, original, false);
                self.view = ViewState::default();
                self.view.status = "Restored unsaved changes: save them now".into();
            }
        }
    }

    fn undo_or_redo(&mut self, undo: bool) {
        let (done, none, failed) = if undo {
            ("Undid", "Nothing to undo", "Could not undo")
        } else {
            ("Redid", "Nothing to redo", "Could not redo")
        };
        let result = if undo {
            self.document.undo()
        } else {
            self.document.redo()
        };
        self.view.status = match result {
            Ok(Some(label)) => format!("{done} {label}"),
            Ok(None) => none.to_owned(),
            Err(error) => format!("{failed}: {error}"),
        };
    }

    fn show_segment(&mut self, id: Option<&str>) {
        self.document.show_segment(id);
        self.view.status = match self.document.segment() {
            Some(segment) => format!("Showing the segment {}", segment.name),
            None => "Showing everyone: the map's own values".to_owned(),
        };
    }

    /// Deletes touch points the plan names, taking them out of the plan in the same step (the
    /// user agreed).
    fn delete_with_plan(&mut self, ids: &[crate::model::TouchPointId], now: f64) {
        let (edit, label) = editing::delete_with_plan_edit(&self.document.map, ids);
        self.delete(edit, label, now);
    }

    /// Copies the selection to the clipboard as JSON; `cut` deletes it too.
    fn copy_selection(&mut self, ctx: &egui::Context, cut: bool, now: f64) {
        if self.view.selection.is_empty() {
            return;
        }
        ctx.copy_text(clipboard::copy_selection(
            &self.document.map,
            &self.view.selection,
        ));
        if cut {
            self.delete_selection(now);
        } else {
            self.view.status = format!(
                "Copied {}",
                crate::numbers::count(self.view.selection.len(), "touch point", "touch points")
            );
        }
    }

    fn present(&mut self, on: bool, ctx: &egui::Context) {
        self.view.mode = if on {
            ui::Mode::Presenting
        } else {
            ui::Mode::Edit
        };
        self.view.presentation_step = 0;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        if on {
            self.present_step(0);
        } else {
            self.view.fit_requested = true;
        }
    }

    fn present_step(&mut self, delta: i32) {
        let steps = self.document.presentation_steps();
        if steps.is_empty() {
            return;
        }
        let last = steps.len() as i64 - 1;
        let step = (self.view.presentation_step as i64 + i64::from(delta)).clamp(0, last) as usize;
        self.view.presentation_step = step;
        let id = steps[step].clone();
        self.view.select_only(id.clone());
        self.view.zoom = 1.4;
        self.view.centre_on = Some(id);
    }

    pub(super) fn unless_unsaved(&mut self, then: Pending, ctx: &egui::Context) {
        if self.document.is_dirty() {
            self.modal = Some(Modal::Unsaved { then });
        } else {
            self.carry_out(then, ctx);
        }
    }

    /// Does what was pending, whatever the unsaved changes.
    pub(super) fn carry_out(&mut self, pending: Pending, ctx: &egui::Context) {
        match pending {
            Pending::New(name) => {
                let map = templates::template(name)
                    .and_then(|template| template.map().ok())
                    .unwrap_or_default();
                self.document = Document::new(map, None, false);
                self.view = ViewState::default();
                self.view.status = format!("New map from the {name} template");
            }
            Pending::Open => self.pick_then(PathPurpose::Open),
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::Import => self.pick_then(PathPurpose::Import),
            Pending::ImportPath(path) => self.import_sheet(&path),
            Pending::Quit => {
                self.quit_confirmed = true;
                if let Some(recovery) = &self.recovery {
                    recovery.clear();
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }
}
