//! The editor application: owns the [`Document`], draws the panels, carries out the [`Action`]s the
//! widgets emit after each frame, and does everything that touches files (dialogs, load, save,
//! autosave).

mod chrome;
mod clipboard;
mod command_handling;
mod dialogs;
mod document;
mod editing;
mod files;
mod frame_log;
mod input_order;
mod modals;
mod path_data;
mod recovery;
mod run_command;
mod survey_data;
mod teams;

use std::path::PathBuf;
use std::process::ExitCode;

use egui::{RichText, Ui};

pub use crate::ui::Pending;
pub use dialogs::{FileDialogs, NativeDialogs, ScriptedDialogs};
pub use document::Document;
use files::Job;
pub use modals::Modal;
pub use recovery::{Recovered, Recovery, Settings, data_dir};

use crate::format;
use crate::templates::{self};
use crate::ui::{self, Action, ViewState};

/// Windows narrower than this (in points) start with the side drawers closed.
const DRAWER_WIDTH_LIMIT: f32 = 1400.0;
/// Windows lower than this (in points) start with the charts hidden (the map needs the height);
/// F9 shows them at any height.
const CHARTS_HEIGHT_LIMIT: f32 = 800.0;

/// The key of the settings in eframe's storage.
const SETTINGS_KEY: &str = "touchmap-settings";

/// The touchmap editor.
pub struct TouchmapApp {
    /// The open map.
    pub document: Document,
    /// Selection, zoom, panels.
    pub view: ViewState,
    /// The dialog over the editor, if any.
    pub modal: Option<Modal>,
    /// Recent files.
    pub settings: Settings,
    dialogs: Box<dyn FileDialogs>,
    recovery: Option<Recovery>,
    recovered: Option<Recovered>,
    last_autosave_secs: f64,
    autosaved_revision: Option<u64>,
    quit_confirmed: bool,
    window_title: String,
    fonts_installed: bool,
    /// Long work (loading or exporting a large map) running off the UI thread.
    job: Option<Job>,
    /// The path data import dialog, while it is open.
    pub path_import: Option<ui::path_import::PathImport>,
    /// Path data being read on another thread, with the columns it is read with.
    path_reader: Option<path_data::Reading>,
    /// The survey import dialog, while it is open.
    pub survey_import: Option<ui::survey_import::SurveyDialog>,
    /// The status message shown and since when (seconds), so it can go before it is stale.
    status_shown: (String, f64),
    /// The open file, watched for changes made elsewhere.
    watch: Option<teams::FileWatch>,
    /// The file's new version, while the user decides what to do with it and their edits.
    disk_change: Option<teams::DiskChange>,
}

impl TouchmapApp {
    /// An editor on a map, with the given dialogs and recovery folder (none in tests that do not
    /// want one).
    #[must_use]
    pub fn new(
        document: Document,
        dialogs: Box<dyn FileDialogs>,
        recovery: Option<Recovery>,
    ) -> Self {
        let mut app = Self {
            document,
            view: ViewState::default(),
            modal: None,
            settings: Settings::default(),
            dialogs,
            recovery,
            recovered: None,
            last_autosave_secs: 0.0,
            autosaved_revision: None,
            quit_confirmed: false,
            window_title: String::new(),
            fonts_installed: false,
            job: None,
            path_import: None,
            path_reader: None,
            survey_import: None,
            status_shown: (String::new(), 0.0),
            watch: None,
            disk_change: None,
        };
        app.check_recovery();
        app
    }

    /// An editor on the built-in example, for first runs and tests.
    #[must_use]
    pub fn with_example(dialogs: Box<dyn FileDialogs>) -> Self {
        let map = format::from_str(templates::FIRST_RUN_EXAMPLE).unwrap_or_default();
        Self::new(Document::new(map, None, true), dialogs, None)
    }

    fn check_recovery(&mut self) {
        let Some(recovery) = &self.recovery else {
            return;
        };
        match recovery.find() {
            None => {}
            Some(Ok(found)) => {
                self.modal = Some(Modal::Recover {
                    original: found.original.clone(),
                });
                self.recovered = Some(found);
            }
            Some(Err(message)) => {
                self.modal = Some(Modal::Error {
                    title: "Unsaved changes could not be restored".into(),
                    message,
                });
            }
        }
    }

    /// The pre-flight of the campaign the map shows, if one is chosen.
    fn shown_campaign<'a>(
        view: &ViewState,
        document: &'a Document,
    ) -> Option<&'a crate::analysis::CampaignPreflight> {
        view.campaign
            .as_deref()
            .and_then(|id| document.preflight.campaign(id))
    }

    /// Whether the charts panel is shown: as F9 left it, else on windows at least 800 points high.
    #[must_use]
    pub fn charts_open(&self, ctx: &egui::Context) -> bool {
        self.view
            .charts_open
            .unwrap_or_else(|| ctx.content_rect().height() >= CHARTS_HEIGHT_LIMIT)
    }

    /// Whether the left drawer (weak spots, campaigns) is open: as the user left it, else open on
    /// windows at least 1,400 points wide, so a projector's 1280×720 gives the canvas the room.
    #[must_use]
    pub fn left_drawer_open(&self, ctx: &egui::Context) -> bool {
        self.settings
            .left_drawer
            .unwrap_or_else(|| ctx.content_rect().width() >= DRAWER_WIDTH_LIMIT)
    }

    /// Whether the right drawer (inspector, what-if) is open; as [`Self::left_drawer_open`].
    #[must_use]
    pub fn right_drawer_open(&self, ctx: &egui::Context) -> bool {
        self.settings
            .right_drawer
            .unwrap_or_else(|| ctx.content_rect().width() >= DRAWER_WIDTH_LIMIT)
    }

    /// Draws the whole editor and carries out what the user asked for. Used by eframe and by the
    /// UI tests alike.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_installed {
            // The bundled font applies from the next frame; drawing before it would use glyphs
            // the default fonts lack, so this one frame stays empty.
            ui::theme::install_fonts(&ctx);
            self.apply_look(&ctx);
            self.fonts_installed = true;
            ctx.request_repaint();
            return;
        }
        let mut actions = Vec::new();

        if ctx.input(|input| input.viewport().close_requested())
            && self.document.is_dirty()
            && !self.quit_confirmed
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved {
                then: Pending::Quit,
            });
        }
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            actions.push(Action::OpenPath(path));
        }
        if self.modal.is_none() && self.view.rename.is_none() && self.view.palette.is_none() {
            self.shortcuts(&ctx, &mut actions);
        }

        let now = ctx.input(|input| input.time);
        if let Some(comparison) = &mut self.view.comparison {
            comparison.refresh(&self.document.map, self.document.history.revision());
        }
        if self.view.mode == ui::Mode::Presenting {
            // Only the map and the caption, side by side on a wide screen, the caption below the
            // map otherwise: the caption never covers the card it presents, and scrolls when long.
            let screen = ctx.content_rect();
            let caption = |ui: &mut Ui| {
                // The timebox heads the caption's panel: over the map it covered a card's title.
                ui::workshop::presentation_timer_ui(ui, &self.view, now);
                if let Some(segment) = self.document.segment() {
                    ui.label(
                        RichText::new(format!("Segment: {}", segment.name))
                            .size(24.0)
                            .strong(),
                    );
                }
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui::workshop::presentation_caption_ui(
                        ui,
                        self.document.shown_map(),
                        &self.document.report,
                        self.document.presentation_steps(),
                        &self.view,
                    );
                });
            };
            if screen.width() >= 1.6 * screen.height() {
                egui::Panel::right("presentation-caption")
                    .exact_size(screen.width() * 0.38)
                    .resizable(false)
                    .show(ui, caption);
            } else {
                egui::Panel::bottom("presentation-caption")
                    .exact_size(screen.height() * 0.42)
                    .resizable(false)
                    .show(ui, caption);
            }
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    let campaign = Self::shown_campaign(&self.view, &self.document);
                    ui::canvas::canvas_ui(
                        ui,
                        self.document.shown_map(),
                        &self.document.report,
                        campaign,
                        &self.document.layout,
                        &mut self.view,
                        &mut actions,
                    );
                });
            if self.view.timer.is_some() {
                ctx.request_repaint_after(std::time::Duration::from_millis(250));
            }
        } else {
            self.menu_bar(ui, &mut actions);
            self.status_bar(ui, now);
            let (mut left_open, mut right_open) =
                (self.left_drawer_open(&ctx), self.right_drawer_open(&ctx));
            let (left_before, right_before) = (left_open, right_open);
            let matching = self.view.filtered.matching(
                &self.view.filter,
                (
                    self.document.history.revision(),
                    self.document.analysis_generation(),
                ),
                self.document.shown_map(),
                &self.document.report,
            );
            egui::Panel::left("findings")
                .default_size(330.0)
                .resizable(true)
                .show_collapsible(ui, &mut left_open, |ui| {
                    if self.view.campaigns_open {
                        ui::campaigns::campaigns_ui(
                            ui,
                            self.document.shown_map(),
                            &self.document.preflight,
                            &mut self.view,
                            &mut actions,
                        );
                    } else if self.view.mode == ui::Mode::Voting {
                        ui::workshop::votes_ui(ui, self.document.rankings(), &mut actions);
                    } else {
                        ui::review::findings_ui(
                            ui,
                            self.document.shown_map(),
                            &self.document.report,
                            self.document.finding_groups(),
                            matching.as_deref(),
                            &mut self.view,
                            &mut actions,
                        );
                    }
                });
            egui::Panel::right("inspector")
                .default_size(320.0)
                .resizable(true)
                .show_collapsible(ui, &mut right_open, |ui| {
                    egui::Panel::bottom("what-if")
                        .resizable(false)
                        .show(ui, |ui| {
                            ui::workshop::what_if_ui(
                                ui,
                                self.document.shown_map(),
                                &self.document.report,
                                &self.document.preflight,
                                (
                                    self.document.history.revision(),
                                    self.document.analysis_generation(),
                                ),
                                &mut self.view,
                                &mut actions,
                            );
                        });
                    if self.view.comparison.is_some() {
                        egui::Panel::top("comparison")
                            .exact_size(230.0)
                            .resizable(false)
                            .show(ui, |ui| {
                                egui::ScrollArea::vertical()
                                    .max_height(260.0)
                                    .show(ui, |ui| {
                                        ui::workshop::comparison_ui(
                                            ui,
                                            &self.document.map,
                                            self.document.history.revision(),
                                            &mut self.view,
                                        );
                                    });
                            });
                    }
                    ui::inspector::inspector_ui(
                        ui,
                        self.document.shown_map(),
                        &self.document.report,
                        (self.document.history.revision(), self.document.segment()),
                        &mut self.view,
                        &mut actions,
                    );
                });
            // A drawer dragged shut (or open) by its edge stays that way, like one closed by key.
            if left_open != left_before {
                self.settings.left_drawer = Some(left_open);
            }
            if right_open != right_before {
                self.settings.right_drawer = Some(right_open);
            }
            if self.charts_open(&ctx) {
                egui::Panel::bottom("charts")
                    .exact_size(ui::review::CHART_HEIGHT + 12.0)
                    .resizable(false)
                    .show(ui, |ui| {
                        let document = &self.document;
                        let curves = || document.segment_curves().to_vec();
                        let segments = (!document.map.segments().is_empty())
                            .then_some((&mut self.view.segment_curves, &curves as &dyn Fn() -> _));
                        ui::review::charts_ui(
                            ui,
                            document.ipa_dots(),
                            &document.report,
                            matching.as_deref(),
                            segments,
                        );
                    });
            }
            egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
                let mut listed = !self.view.conflicts_hidden;
                ui::conflicts::conflicts_banner_ui(ui, self.document.shown_map(), &mut listed, &mut actions);
                self.view.conflicts_hidden = !listed;
                if self.view.sample_notice {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new("  This is a sample map of an online store, to try touchmap on. Start your own:").strong());
                        for command in [ui::command::Command::NewMap, ui::command::Command::Open] {
                            let text = format!("{} ({})", command.label(), command.shortcut_text());
                            if ui.button(text).on_hover_text(command.description()).clicked() {
                                actions.push(Action::Run(command));
                            }
                            if command == ui::command::Command::NewMap {
                                ui.label("or File › New from template, or");
                            }
                        }
                        if ui.button("✖").on_hover_text("Keep exploring the sample").clicked() {
                            self.view.sample_notice = false;
                        }
                    });
                }
                if self.view.search_open {
                    self.search_bar(ui);
                }
                if self.view.filters_open {
                    ui::workshop::filter_bar_ui(ui, self.document.shown_map(), &mut self.view.filter);
                }
                if let Some(segment) = self.document.segment() {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(format!("  Segment {}: their values and findings; a value changed now is theirs only", segment.name)).strong().color(ui::theme::SEGMENT));
                        if ui.button("Show everyone").clicked() {
                            actions.push(Action::ShowSegment(None));
                        }
                    });
                }
                if self.view.mode == ui::Mode::Voting {
                    ui.label(RichText::new("  Dot voting: click a card to vote, right-click to take a vote back (F6 ends voting)").strong());
                }
                let campaign = Self::shown_campaign(&self.view, &self.document);
                ui::canvas::canvas_ui(ui, self.document.shown_map(), &self.document.report, campaign, &self.document.layout, &mut self.view, &mut actions);
            });
        }
        ui::help::help_ui(&ctx, &mut self.view.help_open);
        self.palette_ui(&ctx, &mut actions);
        if self.view.attribution_open {
            let mut open = true;
            ui::attribution::attribution_ui(
                &ctx,
                self.document.shown_map(),
                &self.document.report,
                self.view.data_attribution.as_ref(),
                &mut open,
                &mut actions,
            );
            self.view.attribution_open = open;
        }
        if self.view.evidence_open {
            let mut open = true;
            ui::evidence::library_ui(
                &ctx,
                &self.document.map,
                &mut self.view.evidence_filter,
                &mut open,
                &mut actions,
            );
            self.view.evidence_open = open;
        }
        if let Some(state) = self.path_import.as_mut() {
            ui::path_import::path_import_ui(&ctx, &self.document.map, state, &mut actions);
        }
        if let Some(state) = self.survey_import.as_mut() {
            ui::survey_import::survey_dialog_ui(&ctx, &self.document.map, state, &mut actions);
        }
        self.modal_ui(&ctx, &mut actions);

        if !actions.is_empty()
            || self
                .view
                .rename
                .as_ref()
                .is_some_and(|rename| rename.needs_focus)
        {
            // What an action changed (or a rename box that wants the focus) shows in the next
            // frame, which must come now rather than at the next mouse move.
            ctx.request_repaint();
        }
        for action in actions {
            self.perform(action, &ctx);
        }
        self.poll_job(&ctx);
        self.watch_file(&ctx, now);
        if self.refresh_survey_import() {
            ctx.request_repaint();
        }
        if self.refresh_path_import() {
            // A file being read, or a new preview to show.
            ctx.request_repaint_after(std::time::Duration::from_millis(16));
        }
        if self.document.poll_analysis() {
            // The new findings show in the very next frame.
            ctx.request_repaint();
        } else if self.document.is_analysing() {
            // Look again soon: the worker cannot wake this window itself.
            ctx.request_repaint_after(std::time::Duration::from_millis(8));
        }
        self.autosave(&ctx);
        self.update_window_title(&ctx);
    }
}

/// The editor in its native window: its input ordered so no typed character is lost, and the
/// frame log `TOUCHMAP_FRAME_LOG` asks for.
struct Windowed {
    app: TouchmapApp,
    input_order: input_order::InputOrder,
    frame_log: Option<frame_log::FrameLog>,
}

impl eframe::App for Windowed {
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self
            .input_order
            .arrange(&mut raw_input.events, ctx.text_edit_focused())
        {
            ctx.request_repaint();
        }
    }

    fn ui(&mut self, ui: &mut Ui, frame: &mut eframe::Frame) {
        if let Some(log) = &mut self.frame_log {
            let has_key = ui.input(|input| {
                input
                    .events
                    .iter()
                    .any(|event| matches!(event, egui::Event::Key { pressed: true, .. }))
            });
            log.frame_starts(ui.ctx(), frame.info().cpu_usage, has_key);
        }
        self.app.ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.app.settings);
    }

    fn on_exit(&mut self) {
        // A clean exit after "Don't save" or with nothing unsaved needs no recovery copy. With
        // unsaved changes (closed by the system), the copy stays for the next start.
        if !self.app.document.is_dirty()
            && let Some(recovery) = &self.app.recovery
        {
            recovery.close();
        }
    }
}

/// Starts the editor on a map, the last map, or the example.
#[must_use]
pub fn run(path: Option<PathBuf>) -> ExitCode {
    let mut options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("touchmap")
            .with_app_id("touchmap")
            .with_inner_size([1500.0, 950.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    if frame_log::FrameLog::wanted() {
        // Timing frames needs them back to back, not one per screen refresh.
        options.wgpu_options.surface.present_mode = eframe::wgpu::PresentMode::AutoNoVsync;
    }
    let result = eframe::run_native(
        "touchmap",
        options,
        Box::new(move |creation| {
            creation.egui_ctx.global_style_mut(|style| {
                for font in style.text_styles.values_mut() {
                    font.size *= 1.12;
                }
            });
            let settings: Settings = creation
                .storage
                .and_then(|storage| eframe::get_value(storage, SETTINGS_KEY))
                .unwrap_or_default();
            let recovery = data_dir().map(Recovery::new);
            let mut error = None;
            let document = match path.as_ref().or(settings.recent.first()) {
                Some(path) => match files::load_document(path) {
                    Ok(document) => Some(document),
                    Err(load_error) => {
                        error = Some(Modal::Error {
                            title: format!("Could not open {}", path.display()),
                            message: format!("{load_error}\n\nShowing the example map instead."),
                        });
                        None
                    }
                },
                None => None,
            };
            let first_start = document.is_none();
            let document = document.unwrap_or_else(|| {
                let map = format::from_str(templates::FIRST_RUN_EXAMPLE).unwrap_or_default();
                Document::new(map, None, true)
            });
            let mut app = TouchmapApp::new(document, Box::new(NativeDialogs), recovery);
            app.view.sample_notice = first_start;
            app.view.minimap = settings.minimap.unwrap_or(true);
            app.settings = settings;
            if let Some(path) = &app.document.path.clone() {
                app.settings.remember(path);
            }
            if app.modal.is_none() {
                app.modal = error;
            }
            Ok(Box::new(Windowed {
                app,
                input_order: input_order::InputOrder::default(),
                frame_log: frame_log::FrameLog::from_env(),
            }))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("touchmap: could not open the editor window: {error}");
            ExitCode::from(1)
        }
    }
}
