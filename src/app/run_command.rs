//! The command table at work: which commands can run now, the shortcuts pressed this frame, and
//! what each command does (menu, shortcut and palette all end here).

use super::TouchmapApp;
use crate::layout;
use crate::ui::command::{Command, CommandState};
use crate::ui::{self, Action, PathPurpose};

impl TouchmapApp {
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
                // Pasted text arrives here, whether from Ctrl+V or Edit › Paste (which asks the
                // window for the clipboard's text).
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
            Command::ImportSpreadsheet => actions.push(Action::ImportSpreadsheet),
            Command::ImportPathData => actions.push(Action::ImportPathData),
            Command::ImportSurvey => actions.push(Action::ImportSurvey),
            Command::Copy => actions.push(Action::Copy),
            Command::Cut => actions.push(Action::Cut),
            Command::Paste => ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste),
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
                // About the canvas's centre (the view's offset is from the canvas's corner; the
                // window's centre lies a drawer's width to the right of it).
                let area = self.view.canvas_area.unwrap_or_else(|| ctx.content_rect());
                let factor = if command == Command::ZoomIn {
                    1.2
                } else {
                    1.0 / 1.2
                };
                ui::canvas::zoom_at(&mut self.view, area, area.center(), factor);
            }
            Command::AutoLayout => actions.push(Action::AutoLayout),
            Command::Charts => self.view.charts_open = Some(!self.charts_open(ctx)),
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
            Command::ThemeLight => self.set_theme(ctx, Some(false)),
            Command::ThemeDark => self.set_theme(ctx, Some(true)),
            Command::ThemeSystem => self.set_theme(ctx, None),
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
            Command::Attribution => self.view.attribution_open = !self.view.attribution_open,
            Command::EvidenceLibrary => {
                self.view.evidence_open = !self.view.evidence_open;
                self.view.evidence_filter.focus = self.view.evidence_open;
            }
            Command::WhatIf => {
                if let Some(id) = self.view.selection.first() {
                    self.view.what_if = ui::workshop::WhatIf::new(&self.document.map, id);
                    // The panel lives in the right drawer, closed by default at 1280×720: F8
                    // showed nothing there.
                    self.settings.right_drawer = Some(true);
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
}
