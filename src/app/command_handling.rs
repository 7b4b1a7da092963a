//! Carrying out what the user asked for, after the frame: one `perform` for every action, the
//! keyboard shortcuts (from the command table), and the edits they make.

use super::{Document, TouchmapApp};
use crate::edit::Edit;
use crate::format::{self};
use crate::layout;
use crate::templates;
use crate::ui::command::{Command, CommandState};
use crate::ui::{self, Action, PathPurpose, ViewState};

use super::clipboard;
use super::modals::Modal;
use crate::ui::Pending;

impl TouchmapApp {
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
                if let Err(error) = self.document.perform(edit, &label, coalesce, now) {
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
                    self.view.status = format!("Copied {} touch points", self.view.selection.len());
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
                    self.perform(
                        Action::Edit {
                            edit: Edit::Batch(edits),
                            label: "Auto-layout".into(),
                            coalesce: None,
                        },
                        ctx,
                    );
                }
                self.view.fit_requested = true;
            }
            Action::FitView => self.view.fit_requested = true,
            Action::New(template) => self.unless_unsaved(Pending::New(template), ctx),
            Action::Open => self.unless_unsaved(Pending::Open, ctx),
            Action::OpenPath(path) => self.unless_unsaved(Pending::OpenPath(path), ctx),
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
                let stem = crate::model::TouchPointId::slug_from_name(&self.document.map.title);
                match self
                    .dialogs
                    .pick_save(&format!("{stem}.{}", format.extension()))
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
                        self.perform(
                            Action::Edit {
                                edit: Edit::UpdateTouchPoint(voted),
                                label,
                                coalesce: key,
                            },
                            ctx,
                        );
                    }
                }
            }
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
                    self.perform(
                        Action::Edit {
                            edit: Edit::Batch(edits),
                            label: "Reset votes".into(),
                            coalesce: None,
                        },
                        ctx,
                    );
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
                let steps = ui::workshop::presentation_steps(&self.document.report);
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
                if let Some(what_if) = self.view.what_if.take()
                    && let Some(edit) = what_if.edit(&self.document.map)
                {
                    let name = self
                        .document
                        .map
                        .touchpoint(&what_if.id)
                        .map(|t| t.name.clone())
                        .unwrap_or_default();
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
                    .and_then(|template| format::from_str(template.text).ok())
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
            Pending::Quit => {
                self.quit_confirmed = true;
                if let Some(recovery) = &self.recovery {
                    recovery.clear();
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    pub(super) fn delete_selection(&mut self, now: f64) {
        let map = &self.document.map;
        let (edit, label) = if let Some((from, to)) = self.view.selected_link.clone() {
            (Edit::RemoveLink { from, to }, "Delete link".to_owned())
        } else if self.view.selection.is_empty() {
            return;
        } else {
            let plan = map.plan();
            let naming: Vec<String> = self
                .view
                .selection
                .iter()
                .filter_map(|id| {
                    let names = plan.naming(id);
                    (!names.is_empty()).then(|| {
                        let name = map
                            .touchpoint(id)
                            .map_or_else(|| id.to_string(), |t| t.name.clone());
                        format!("{name} is named by {}", names.join(", "))
                    })
                })
                .collect();
            if !naming.is_empty() {
                self.modal = Some(Modal::RemoveFromPlan {
                    ids: self.view.selection.iter().cloned().collect(),
                    names: naming.join("; "),
                });
                return;
            }
            let names: Vec<String> = self
                .view
                .selection
                .iter()
                .filter_map(|id| map.touchpoint(id))
                .map(|t| t.name.clone())
                .collect();
            let label = if names.len() == 1 {
                format!("Delete {}", names[0])
            } else {
                format!("Delete {} touch points", names.len())
            };
            (
                Edit::Batch(
                    self.view
                        .selection
                        .iter()
                        .cloned()
                        .map(Edit::RemoveTouchPoint)
                        .collect(),
                ),
                label,
            )
        };
        match self.document.perform(edit, &label, None, now) {
            Ok(()) => {
                self.view.clear_selection();
                self.view.status = label;
            }
            Err(error) => self.view.status = format!("Not deleted: {error}"),
        }
    }

    pub(super) fn paste(&mut self, text: &str, now: f64) {
        match clipboard::paste_edit(&self.document.map, text) {
            Ok((edit, ids)) => {
                let count = ids.len();
                match self
                    .document
                    .perform(edit, &format!("Paste {count} touch points"), None, now)
                {
                    Ok(()) => {
                        self.view.clear_selection();
                        self.view.selection.extend(ids);
                        self.view.status = format!("Pasted {count} touch points");
                    }
                    Err(error) => self.view.status = format!("Not pasted: {error}"),
                }
            }
            Err(message) => self.view.status = format!("Not pasted: {message}"),
        }
    }

    /// Keyboard shortcuts and clipboard events; single keys only when no text box has the focus.
    /// What the table needs to know to say which commands can run now.
    pub(super) fn command_state(&self, ctx: &egui::Context) -> CommandState {
        CommandState {
            has_selection: !self.view.selection.is_empty(),
            has_selected_link: self.view.selected_link.is_some(),
            can_undo: self.document.history.undo_label().is_some(),
            can_redo: self.document.history.redo_label().is_some(),
            presenting: self.view.mode == ui::Mode::Presenting,
            typing: ctx.egui_wants_keyboard_input(),
        }
    }

    /// The commands whose shortcuts were pressed, and the clipboard's copy, cut and paste.
    pub(super) fn shortcuts(&self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let state = self.command_state(ctx);
        actions.extend(Command::pressed(ctx, state).into_iter().map(Action::Run));
        if state.typing || state.presenting {
            return;
        }
        let events = ctx.input(|input| input.events.clone());
        for event in events {
            match event {
                egui::Event::Copy => actions.push(Action::Copy),
                egui::Event::Cut => actions.push(Action::Cut),
                egui::Event::Paste(text) => actions.push(Action::Paste(text)),
                _ => {}
            }
        }
    }

    /// Carries out a command from the table (menu, shortcut or palette).
    pub(super) fn run_command(&mut self, command: Command, ctx: &egui::Context) {
        let mut actions = Vec::new();
        match command {
            Command::NewMap => actions.push(Action::New("blank")),
            Command::Open => actions.push(Action::Open),
            Command::OpenByPath => actions.push(Action::AskPath(PathPurpose::Open)),
            Command::Save => actions.push(Action::Save),
            Command::SaveAs => actions.push(Action::SaveAs),
            Command::SaveToPath => actions.push(Action::AskPath(PathPurpose::Save)),
            Command::ExportPicture => {
                actions.push(Action::Export(crate::export::ExportFormat::Png));
            }
            Command::ExportToPath => actions.push(Action::AskPath(PathPurpose::Export(
                crate::export::ExportFormat::Png,
            ))),
            Command::Quit => actions.push(Action::Quit),
            Command::Undo => actions.push(Action::Undo),
            Command::Redo => actions.push(Action::Redo),
            Command::AddTouchPoint => {
                let map = &self.document.map;
                let pos = layout::free_slot(map, 0);
                let stage = map.stages().first().cloned();
                ui::add_touchpoint(
                    map,
                    &mut self.view,
                    stage,
                    pos,
                    ui::NewLink::None,
                    &mut actions,
                );
                self.view.centre_on = self.view.selection.first().cloned();
            }
            Command::Rename => {
                if let Some(id) = self.view.selection.first().cloned()
                    && let Some(touchpoint) = self.document.map.touchpoint(&id)
                {
                    self.view.rename = Some(ui::Rename {
                        id,
                        text: touchpoint.name.clone(),
                        needs_focus: true,
                        fresh: false,
                    });
                }
            }
            Command::Duplicate => actions.push(Action::Duplicate),
            Command::Delete => actions.push(Action::DeleteSelection),
            Command::SelectAll => {
                self.view.selection = self
                    .document
                    .map
                    .touchpoints()
                    .into_iter()
                    .map(|t| t.id.clone())
                    .collect();
            }
            Command::ClearSelection => {
                self.view.clear_selection();
                self.view.help_open = false;
            }
            Command::Find => {
                self.view.search_open = true;
                self.view.focus_search = true;
            }
            Command::FitView => actions.push(Action::FitView),
            Command::ZoomIn | Command::ZoomOut => {
                let area = ctx.content_rect();
                let factor = if command == Command::ZoomIn {
                    1.2
                } else {
                    1.0 / 1.2
                };
                ui::canvas::zoom_at(&mut self.view, area, area.center(), factor);
            }
            Command::AutoLayout => actions.push(Action::AutoLayout),
            Command::Charts => self.view.charts_open = !self.view.charts_open,
            Command::LeftDrawer => self.settings.left_drawer = Some(!self.left_drawer_open(ctx)),
            Command::RightDrawer => {
                self.settings.right_drawer = Some(!self.right_drawer_open(ctx));
            }
            Command::Minimap => {
                self.view.minimap = !self.view.minimap;
                self.settings.minimap = Some(self.view.minimap);
            }
            Command::TextBigger => self.change_text_size(ctx, 0.1),
            Command::TextSmaller => self.change_text_size(ctx, -0.1),
            Command::Voting => {
                self.view.mode = if self.view.mode == ui::Mode::Voting {
                    ui::Mode::Edit
                } else {
                    ui::Mode::Voting
                };
            }
            Command::Present => actions.push(Action::Present(true)),
            Command::PresentEnd => actions.push(Action::Present(false)),
            Command::PresentNext => actions.push(Action::PresentStep(1)),
            Command::PresentPrevious => actions.push(Action::PresentStep(-1)),
            Command::Campaigns => {
                self.view.campaigns_open = !self.view.campaigns_open;
                if self.view.campaigns_open {
                    self.settings.left_drawer = Some(true);
                }
            }
            Command::Filters => self.view.filters_open = !self.view.filters_open,
            Command::WhatIf => {
                if let Some(id) = self.view.selection.first() {
                    self.view.what_if = ui::workshop::WhatIf::new(&self.document.map, id);
                }
            }
            Command::Lanes => {
                self.view.lanes = !self.view.lanes;
                self.view.fit_requested = true;
            }
            Command::Compare => actions.push(Action::Compare),
            Command::CompareByPath => actions.push(Action::AskPath(PathPurpose::Compare)),
            Command::ResetVotes => actions.push(Action::ResetVotes),
            Command::SelectLeft
            | Command::SelectRight
            | Command::SelectUp
            | Command::SelectDown => {
                let direction = match command {
                    Command::SelectLeft => [-1.0, 0.0],
                    Command::SelectRight => [1.0, 0.0],
                    Command::SelectUp => [0.0, -1.0],
                    _ => [0.0, 1.0],
                };
                if let Some(from) = self.view.selection.first().cloned()
                    && let Some(next) =
                        layout::nearest_in_direction(&self.document.map, &from, direction)
                {
                    self.view.select_only(next.clone());
                    self.view.centre_on = Some(next);
                }
            }
            Command::AddNext => self.add_linked(1, &mut actions),
            Command::AddBefore => self.add_linked(-1, &mut actions),
            Command::Help => self.view.help_open = !self.view.help_open,
            Command::Palette => self.view.palette = Some(String::new()),
        }
        for action in actions {
            self.perform(action, ctx);
        }
    }

    /// Tab (`step` 1) adds a touch point in the stage after the selected one's, linked from it;
    /// Shift+Tab (`step` -1) one in the stage before, linked to it. The name box goes on the new
    /// card; adding, linking and naming are one undo step.
    pub(super) fn add_linked(&mut self, step: i32, actions: &mut Vec<Action>) {
        let map = &self.document.map;
        let Some(selected) = self
            .view
            .selection
            .first()
            .and_then(|id| map.touchpoint(id))
        else {
            return;
        };
        let stages = map.stages();
        let here = selected
            .stage
            .as_ref()
            .and_then(|stage| stages.iter().position(|s| s == stage));
        let stage = match here {
            Some(index) => {
                let next = (index as i32 + step).clamp(0, stages.len() as i32 - 1) as usize;
                Some(stages[next].clone())
            }
            None => None,
        };
        let column = layout::column_of(map, stage.as_deref());
        let pos = layout::free_slot(map, column);
        let link = if step > 0 {
            ui::NewLink::From(&selected.id)
        } else {
            ui::NewLink::To(&selected.id)
        };
        ui::add_touchpoint(map, &mut self.view, stage, pos, link, actions);
        self.view.centre_on = self.view.selection.first().cloned();
    }
}
