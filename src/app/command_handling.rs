//! Carrying out what the user asked for, after the frame: one `perform` for every action, and the
//! dialogs that ask before unsaved work is replaced. Commands are in `run_command.rs`, the edits they
//! make from the selection in `editing.rs`.

use super::{Document, TouchmapApp};
use crate::edit::Edit;
use crate::layout;
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

    /// Carries out one action.
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
            Action::SaveThen(then) => {
                let saved = match self.document.path.clone() {
                    Some(path) => self.save_to(&path),
                    None => match self.dialogs.pick_save("map.json") {
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
            Action::DiscardThen(then) => self.carry_out(then, ctx),
            Action::Recovery { restore, original } => {
                // The copy belongs to a window that ended; restored, it lives on in this window
                // (and in this window's own copy), so either way the old one goes.
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
            Action::Undo => match self.document.undo() {
                Ok(Some(label)) => self.view.status = format!("Undid {label}"),
                Ok(None) => self.view.status = "Nothing to undo".into(),
                Err(error) => self.view.status = format!("Could not undo: {error}"),
            },
            Action::Redo => match self.document.redo() {
                Ok(Some(label)) => self.view.status = format!("Redid {label}"),
                Ok(None) => self.view.status = "Nothing to redo".into(),
                Err(error) => self.view.status = format!("Could not redo: {error}"),
            },
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
            Action::ShowSegment(id) => {
                self.document.show_segment(id.as_deref());
                self.view.status = match self.document.segment() {
                    Some(segment) => format!("Showing the segment {}", segment.name),
                    None => "Showing everyone: the map's own values".to_owned(),
                };
            }
            Action::DeleteWithPlan(ids) => {
                let mut plan = self.document.map.plan().clone();
                for id in &ids {
                    plan = plan.without(id);
                }
                let mut edits = vec![Edit::SetPlan(plan)];
                edits.extend(ids.iter().cloned().map(Edit::RemoveTouchPoint));
                let label = format!(
                    "Delete {} touch point(s) and take them out of the plan",
                    ids.len()
                );
                match self.document.perform(Edit::Batch(edits), &label, None, now) {
                    Ok(()) => {
                        self.view.clear_selection();
                        self.view.status = label;
                    }
                    Err(error) => self.view.status = format!("Not deleted: {error}"),
                }
            }
            Action::Duplicate => {
                let text = clipboard::copy_selection(&self.document.map, &self.view.selection);
                self.paste(&text, now);
            }
            Action::Copy => {
                if !self.view.selection.is_empty() {
                    ctx.copy_text(clipboard::copy_selection(
                        &self.document.map,
                        &self.view.selection,
                    ));
                    self.view.status = format!(
                        "Copied {}",
                        crate::numbers::count(
                            self.view.selection.len(),
                            "touch point",
                            "touch points"
                        )
                    );
                }
            }
            Action::Cut => {
                if !self.view.selection.is_empty() {
                    ctx.copy_text(clipboard::copy_selection(
                        &self.document.map,
                        &self.view.selection,
                    ));
                    self.delete_selection(now);
                }
            }
            Action::Paste(text) => self.paste(&text, now),
            Action::AutoLayout => {
                let edits: Vec<Edit> = layout::auto_layout(&self.document.map)
                    .into_iter()
                    .filter_map(|(id, pos)| {
                        let touchpoint = self.document.map.touchpoint(&id)?;
                        (touchpoint.pos != Some(pos)).then(|| {
                            let mut moved = touchpoint.clone();
                            moved.pos = Some(pos);
                            Edit::UpdateTouchPoint(moved)
                        })
                    })
                    .collect();
                if !edits.is_empty() {
                    self.change(Edit::Batch(edits), "Auto-layout", ctx);
                }
                self.view.fit_requested = true;
            }
            Action::FitView => self.view.fit_requested = true,
            Action::New(template) => self.unless_unsaved(Pending::New(template), ctx),
            Action::Open => self.unless_unsaved(Pending::Open, ctx),
            Action::OpenPath(path) => self.unless_unsaved(Pending::OpenPath(path), ctx),
            Action::ImportSpreadsheet => self.unless_unsaved(Pending::Import, ctx),
            Action::ImportPathData => {
                let started = std::time::Instant::now();
                match self.dialogs.pick_data() {
                    Some(path) => self.start_path_import(&path),
                    None => self.offer_typed_path(PathPurpose::ImportPathData, started),
                }
            }
            Action::ImportPathDataFrom(path) => self.start_path_import(&path),
            Action::ApplyPathImport => self.apply_path_import(ctx),
            Action::ClosePathImport => self.path_import = None,
            Action::ImportSurvey => {
                let started = std::time::Instant::now();
                match self.dialogs.pick_survey() {
                    Some(path) => self.start_survey_import(&path),
                    None => self.offer_typed_path(PathPurpose::ImportSurvey, started),
                }
            }
            Action::ImportSurveyFrom(path) => self.start_survey_import(&path),
            Action::ApplySurveyImport => self.apply_survey_import(ctx),
            Action::CloseSurveyImport => self.survey_import = None,
            Action::ImportSpreadsheetFrom(path) => {
                self.unless_unsaved(Pending::ImportPath(path), ctx);
            }
            Action::Save => {
                if let Some(path) = self.document.path.clone() {
                    self.save_to(&path);
                } else {
                    self.perform(Action::SaveAs, ctx);
                }
            }
            Action::SaveAs => {
                let started = std::time::Instant::now();
                let suggested = format!(
                    "{}.json",
                    crate::model::TouchPointId::slug_from_name(&self.document.map.title)
                );
                match self.dialogs.pick_save(&suggested) {
                    Some(path) => {
                        self.save_to(&path);
                    }
                    None => self.offer_typed_path(PathPurpose::Save, started),
                }
            }
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
            Action::Export(format) => {
                let started = std::time::Instant::now();
                let suggested =
                    std::path::PathBuf::from(self.suggested_path(PathPurpose::Export(format)));
                match self
                    .dialogs
                    .pick_export(&suggested, (format.description(), format.extension()))
                {
                    Some(path) => self.export_to(&path, format),
                    None => self.offer_typed_path(PathPurpose::Export(format), started),
                }
            }
            Action::ExportTo(path, format) => self.export_to(&path, format),
            Action::Quit => self.unless_unsaved(Pending::Quit, ctx),
            Action::Vote(id, delta) => {
                if let Some(touchpoint) = self.document.map.touchpoint(&id) {
                    let mut voted = touchpoint.clone();
                    voted.votes = voted.votes.saturating_add_signed(delta);
                    if voted.votes != touchpoint.votes {
                        let label = format!("Vote for {}", touchpoint.name);
                        let key = Some(crate::edit::MergeKey::Vote(id.clone()));
                        self.change_merging(Edit::UpdateTouchPoint(voted), &label, key, ctx);
                    }
                }
            }
            Action::ShowInspector => self.settings.right_drawer = Some(true),
            Action::ResetVotes => {
                let edits: Vec<Edit> = self
                    .document
                    .map
                    .touchpoints()
                    .into_iter()
                    .filter(|t| t.votes > 0)
                    .map(|t| {
                        let mut reset = t.clone();
                        reset.votes = 0;
                        Edit::UpdateTouchPoint(reset)
                    })
                    .collect();
                if !edits.is_empty() {
                    self.change(Edit::Batch(edits), "Reset votes", ctx);
                }
            }
            Action::Present(on) => {
                self.view.mode = if on {
                    ui::Mode::Presenting
                } else {
                    ui::Mode::Edit
                };
                self.view.presentation_step = 0;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
                if on {
                    self.perform(Action::PresentStep(0), ctx);
                } else {
                    self.view.fit_requested = true;
                }
            }
            Action::PresentStep(delta) => {
                let steps = self.document.presentation_steps();
                if !steps.is_empty() {
                    let last = steps.len() as i64 - 1;
                    let step = (self.view.presentation_step as i64 + i64::from(delta))
                        .clamp(0, last) as usize;
                    self.view.presentation_step = step;
                    let id = steps[step].clone();
                    self.view.select_only(id.clone());
                    self.view.zoom = 1.4;
                    self.view.centre_on = Some(id);
                }
            }
            Action::ApplyWhatIf => {
                // The scenario is the shown map's (a segment's values while one is shown), so it
                // is applied as the panels' edits are.
                if let Some(what_if) = self.view.what_if.take()
                    && let Some(edit) = what_if.edit(self.document.shown_map())
                {
                    let name = self.document.map.name_of(&what_if.id);
                    self.perform(
                        Action::Edit {
                            edit,
                            label: format!("What-if on {name}"),
                            coalesce: None,
                        },
                        ctx,
                    );
                }
            }
            Action::Compare => {
                let started = std::time::Instant::now();
                match self.dialogs.pick_open() {
                    Some(path) => self.compare_with(&path),
                    None => self.offer_typed_path(PathPurpose::Compare, started),
                }
            }
            Action::CompareWithPath(path) => self.compare_with(&path),
        }
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
            Pending::Open => {
                let started = std::time::Instant::now();
                match self.dialogs.pick_open() {
                    Some(path) => self.open_path(&path),
                    None => self.offer_typed_path(PathPurpose::Open, started),
                }
            }
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::Import => {
                let started = std::time::Instant::now();
                match self.dialogs.pick_sheet() {
                    Some(path) => self.import_sheet(&path),
                    None => self.offer_typed_path(PathPurpose::Import, started),
                }
            }
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
