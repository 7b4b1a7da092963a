//! The window's chrome: menu bar, status bar, search bar, window title, theme and text size.

use egui::{Key, RichText, Ui};

use super::TouchmapApp;
use crate::templates::TEMPLATES;
use crate::ui::command::{Command, CommandState, Menu};
use crate::ui::{self, Action};

/// How long a status message stays, in seconds.
const STATUS_SECS: f64 = 12.0;

impl TouchmapApp {
    pub(super) fn update_window_title(&mut self, ctx: &egui::Context) {
        let marker = if self.document.is_dirty() { " •" } else { "" };
        let title = format!(
            "{}{marker} — {} — touchmap",
            self.document.map.title,
            self.document.file_name()
        );
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// The window title as last sent.
    #[must_use]
    pub fn window_title(&self) -> &str {
        &self.window_title
    }

    /// Applies the remembered theme and text size.
    pub(super) fn apply_look(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.settings.dark {
            Some(true) => egui::ThemePreference::Dark,
            Some(false) => egui::ThemePreference::Light,
            None => egui::ThemePreference::System,
        });
        ctx.set_zoom_factor(self.settings.text_size.unwrap_or(1.0));
    }

    /// Light (`Some(false)`), dark (`Some(true)`) or the system's theme, applied and remembered.
    pub(super) fn set_theme(&mut self, ctx: &egui::Context, dark: Option<bool>) {
        self.settings.dark = dark;
        self.apply_look(ctx);
        self.view.status = match dark {
            Some(true) => "Dark theme".to_owned(),
            Some(false) => "Light theme".to_owned(),
            None => "Theme of the system".to_owned(),
        };
    }

    /// Makes the whole interface larger or smaller by `step`, within 0.8–2.0, and remembers it.
    pub(super) fn change_text_size(&mut self, ctx: &egui::Context, step: f32) {
        let size = (self.settings.text_size.unwrap_or(1.0) + step).clamp(0.8, 2.0);
        self.settings.text_size = Some((size * 10.0).round() / 10.0);
        self.apply_look(ctx);
        self.view.status = format!("Text size {:.0}%", size * 100.0);
    }

    pub(super) fn search_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.add_space(8.0);
            let label = ui.label("Search");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.view.search)
                        .hint_text("name, channel, owner, stage…")
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
            if self.view.focus_search {
                response.request_focus();
                self.view.focus_search = false;
            }
            let matches = self
                .document
                .map
                .graph()
                .node_weights()
                .filter(|t| self.view.matches_search(t))
                .count();
            if !self.view.search.trim().is_empty() {
                ui.label(format!("{matches} match"));
            }
            if ui.button("Close").clicked()
                || (response.has_focus() && ui.input(|input| input.key_pressed(Key::Escape)))
            {
                self.view.search.clear();
                self.view.search_open = false;
            }
        });
    }

    /// Whether a toggle command is on (for its tick in the menu); `None` for other commands.
    pub(super) fn command_checked(&self, command: Command, ctx: &egui::Context) -> Option<bool> {
        Some(match command {
            Command::Charts => self.charts_open(ctx),
            Command::LeftDrawer => self.left_drawer_open(ctx),
            Command::RightDrawer => self.right_drawer_open(ctx),
            Command::Minimap => self.view.minimap,
            Command::Voting => self.view.mode == ui::Mode::Voting,
            Command::Campaigns => self.view.campaigns_open,
            Command::Filters => self.view.filters_open,
            Command::Attribution => self.view.attribution_open,
            Command::EvidenceLibrary => self.view.evidence_open,
            Command::Lanes => self.view.lanes,
            Command::ThemeLight => self.settings.dark == Some(false),
            Command::ThemeDark => self.settings.dark == Some(true),
            Command::ThemeSystem => self.settings.dark.is_none(),
            _ => return None,
        })
    }

    /// A command's label as the menu shows it: Undo and Redo say what they undo.
    pub(super) fn command_label(&self, command: Command) -> String {
        let history = &self.document.history;
        match command {
            Command::Undo => history
                .undo_label()
                .map_or_else(|| "Undo".to_owned(), |label| format!("Undo {label}")),
            Command::Redo => history
                .redo_label()
                .map_or_else(|| "Redo".to_owned(), |label| format!("Redo {label}")),
            other => other.label().to_owned(),
        }
    }

    /// One command as a menu entry, with its shortcut, greyed out when it cannot run.
    pub(super) fn command_button(
        &self,
        ui: &mut Ui,
        command: Command,
        state: CommandState,
        actions: &mut Vec<Action>,
    ) {
        let label = self.command_label(command);
        let shortcut = command.shortcut_text();
        let enabled = command.enabled(state);
        let clicked = if let Some(checked) = self.command_checked(command, ui.ctx()) {
            let text = if shortcut.is_empty() {
                label
            } else {
                format!("{label}  ({shortcut})")
            };
            ui.add_enabled(enabled, egui::Button::selectable(checked, text))
                .clicked()
        } else {
            ui.add_enabled(enabled, egui::Button::new(label).shortcut_text(shortcut))
                .clicked()
        };
        if clicked {
            actions.push(Action::Run(command));
            ui.close();
        }
    }

    /// The menu bar, generated from the command table, plus the submenus that list files and
    /// formats (templates, recent maps, export formats).
    pub(super) fn menu_bar(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let state = self.command_state(ui.ctx());
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                for menu in Menu::BAR {
                    ui.menu_button(menu.title(), |ui| {
                        if menu == Menu::File {
                            self.file_submenus(ui, actions);
                        }
                        for command in Command::all().filter(|c| c.menu() == menu) {
                            self.command_button(ui, command, state, actions);
                        }
                    });
                }
                ui.separator();
                // The toolbar's words and keys come from the command table, like the menus'.
                for command in [
                    Command::AddTouchPoint,
                    Command::Undo,
                    Command::Redo,
                    Command::FitView,
                ] {
                    let hover = format!("{} ({})", command.description(), command.shortcut_text());
                    if ui
                        .add_enabled(command.enabled(state), egui::Button::new(command.label()))
                        .on_hover_text(hover)
                        .clicked()
                    {
                        actions.push(Action::Run(command));
                    }
                }
                self.segment_picker(ui, actions);
            });
        });
    }

    /// The toolbar's segment picker (only on maps with segments): the whole editor shows the map as
    /// the picked segment sees it.
    fn segment_picker(&self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let map = &self.document.map;
        if map.segments().is_empty() {
            return;
        }
        ui.separator();
        let shown = self.document.segment();
        let label = ui.label("Segment");
        egui::ComboBox::from_id_salt("segment-picker")
            .selected_text(shown.map_or("Everyone", |segment| segment.name.as_str()))
            .show_ui(ui, |ui| {
                if ui.selectable_label(shown.is_none(), "Everyone").clicked() {
                    actions.push(Action::ShowSegment(None));
                }
                for segment in map.segments() {
                    let picked = shown.is_some_and(|s| s.id == segment.id);
                    if ui.selectable_label(picked, &segment.name).clicked() {
                        actions.push(Action::ShowSegment(Some(segment.id.clone())));
                    }
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("Show the map as one kind of customer walks it: their scores, shares, findings and campaigns");
    }

    /// File › New from template, Open recent and Export: lists of templates, files and formats.
    pub(super) fn file_submenus(&self, ui: &mut Ui, actions: &mut Vec<Action>) {
        ui.menu_button("New from template", |ui| {
            for template in TEMPLATES {
                if ui
                    .button(template.name)
                    .on_hover_text(template.description)
                    .clicked()
                {
                    actions.push(Action::New(template.name));
                    ui.close();
                }
            }
        });
        ui.menu_button("Open recent", |ui| {
            if self.settings.recent.is_empty() {
                ui.label("No recent maps");
            }
            for path in &self.settings.recent {
                if ui.button(path.display().to_string()).clicked() {
                    actions.push(Action::OpenPath(path.clone()));
                    ui.close();
                }
            }
        });
        ui.menu_button("Export", |ui| {
            for format in crate::export::ExportFormat::ALL {
                if ui
                    .button(format!(
                        "{}…  (.{})",
                        format.description(),
                        format.extension()
                    ))
                    .clicked()
                {
                    actions.push(Action::Export(format));
                    ui.close();
                }
            }
        });
        ui.separator();
    }

    /// The command palette (Ctrl+Shift+P): type part of any command's name, Enter runs the first
    /// match, a click runs any; Esc closes it.
    pub(super) fn palette_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(mut query) = self.view.palette.take() else {
            return;
        };
        let state = self.command_state(ctx);
        let mut close = false;
        egui::Modal::new(egui::Id::unique("touchmap-palette")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("Run a command");
            let label = ui.label("Command (type part of its name, what it does or its keys)");
            // No hint text inside the box: egui draws an empty box's hint for one more frame
            // after the first keystroke, and under X11 that frame did not always come — the box
            // looked empty above a list already filtered by what was typed.
            let response = ui
                .add(egui::TextEdit::singleline(&mut query).desired_width(540.0))
                .labelled_by(label.id);
            response.request_focus();
            let matches: Vec<Command> = Command::all()
                .filter(|command| {
                    command.matches(&query)
                        && command.enabled(CommandState {
                            typing: false,
                            ..state
                        })
                })
                .collect();
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for command in &matches {
                        let text = format!(
                            "{}  —  {}",
                            self.command_label(*command),
                            command.description()
                        );
                        if ui
                            .add(egui::Button::new(text).shortcut_text(command.shortcut_text()))
                            .clicked()
                        {
                            actions.push(Action::Run(*command));
                            close = true;
                        }
                    }
                    if matches.is_empty() {
                        ui.label("No command matches.");
                    }
                });
            if ui.input(|input| input.key_pressed(Key::Enter))
                && let Some(first) = matches.first()
            {
                actions.push(Action::Run(*first));
                close = true;
            }
            if ui.input(|input| input.key_pressed(Key::Escape)) {
                close = true;
            }
        });
        if !close {
            self.view.palette = Some(query);
        }
    }

    pub(super) fn status_bar(&mut self, ui: &mut Ui, now: f64) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                // A map never saved says so once, not "not saved yet · … · saved".
                let (file, dirty) = match (self.document.has_file(), self.document.is_dirty()) {
                    (true, true) => (self.document.file_name(), " · unsaved changes"),
                    (true, false) => (self.document.file_name(), " · saved"),
                    (false, _) => ("not saved yet".to_owned(), ""),
                };
                ui.label(format!(
                    "{file} · {} · {}{dirty}",
                    crate::numbers::count(
                        self.document.map.touchpoint_count(),
                        "touch point",
                        "touch points"
                    ),
                    crate::numbers::count(self.document.map.link_count(), "link", "links")
                ));
                ui.separator();
                if let Some(job) = &self.job {
                    ui.spinner();
                    ui.label(&job.what);
                } else if self.document.is_analysing() {
                    ui.spinner();
                    ui.label("Updating the findings…");
                } else {
                    // A message goes after a while, so it never describes an older state.
                    if self.status_shown.0 != self.view.status {
                        self.status_shown = (self.view.status.clone(), now);
                    } else if !self.view.status.is_empty() {
                        let age = now - self.status_shown.1;
                        if age >= STATUS_SECS {
                            self.view.status.clear();
                        } else {
                            ui.ctx()
                                .request_repaint_after(std::time::Duration::from_secs_f64(
                                    STATUS_SECS - age,
                                ));
                        }
                    }
                    ui.label(&self.view.status);
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(RichText::new("F1: shortcuts").weak());
                    ui::workshop::timer_ui(ui, &mut self.view, now);
                    ui.label(format!("{:.0}%", self.view.zoom * 100.0));
                });
            });
        });
    }
}
