//! The editor application: owns the [`Document`], draws the panels, carries out the [`Action`]s the
//! widgets emit after each frame, and does everything that touches files (dialogs, load, save,
//! autosave).

mod clipboard;
mod dialogs;
mod document;
mod recovery;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

pub use dialogs::{FileDialogs, NativeDialogs, ScriptedDialogs};
pub use document::Document;
pub use recovery::{Recovery, Settings, data_dir};

use crate::edit::Edit;
use crate::format::{self, load_file, save_file};
use crate::layout;
use crate::model::{Map, TouchPointId};
use crate::templates::{self, TEMPLATES};
use crate::ui::{self, Action, PathPurpose, ViewState};

/// How often unsaved changes are copied to the recovery file, in seconds.
const AUTOSAVE_SECS: f64 = 5.0;
/// Windows narrower than this (in points) start with the side drawers closed.
const DRAWER_WIDTH_LIMIT: f32 = 1400.0;
/// Windows lower than this (in points) hide the charts: the map needs the height.
const CHARTS_HEIGHT_LIMIT: f32 = 800.0;

/// The key of the settings in eframe's storage.
const SETTINGS_KEY: &str = "touchmap-settings";

/// What to do once the user has decided about unsaved changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Start a new map from a template.
    New(&'static str),
    /// Open with the dialog.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Quit.
    Quit,
}

/// A dialog box over the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    /// Something failed; the map is unchanged.
    Error {
        /// One line.
        title: String,
        /// What happened and where.
        message: String,
    },
    /// Save, discard or cancel before `then`.
    Unsaved {
        /// What the user asked for.
        then: Pending,
    },
    /// Type a path to open or save.
    TypePath {
        /// Open or save.
        purpose: PathPurpose,
        /// The text typed.
        text: String,
        /// Why the box is shown, when the dialog was not available.
        note: Option<String>,
    },
    /// Touch points to delete that objectives or campaigns name: take them out of the plan too?
    RemoveFromPlan {
        /// The touch points.
        ids: Vec<TouchPointId>,
        /// What names them, for people.
        names: String,
    },
    /// A recovery file was found at start.
    Recover {
        /// The map it belonged to.
        original: Option<PathBuf>,
    },
}

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
    recovered: Option<Map>,
    last_autosave_secs: f64,
    autosaved_revision: Option<u64>,
    quit_confirmed: bool,
    window_title: String,
    fonts_installed: bool,
    /// Long work (loading or exporting a large map) running off the UI thread.
    job: Option<Job>,
    /// The status message shown and since when (seconds), so it can go before it is stale.
    status_shown: (String, f64),
}

/// How long a status message stays, in seconds.
const STATUS_SECS: f64 = 12.0;

/// A load or export running on another thread, so the window keeps drawing.
struct Job {
    /// What is being done, for the status bar.
    what: String,
    /// The result, when it comes.
    result: std::sync::mpsc::Receiver<JobResult>,
}

/// What a background job hands back.
enum JobResult {
    Loaded(PathBuf, Result<Box<Map>, String>),
    Exported(PathBuf, Result<(), String>),
}

/// Files at least this large load on another thread (the window keeps drawing meanwhile).
const BACKGROUND_LOAD_BYTES: u64 = 2 * 1024 * 1024;
/// Maps with at least this many touch points export on another thread.
const BACKGROUND_EXPORT_TOUCHPOINTS: usize = 500;

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
            status_shown: (String::new(), 0.0),
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
                self.recovered = Some(found.map);
                self.modal = Some(Modal::Recover {
                    original: found.original,
                });
            }
            Some(Err(message)) => {
                self.modal = Some(Modal::Error {
                    title: "Unsaved changes could not be restored".into(),
                    message,
                });
            }
        }
    }

    /// Opens a map from a file, replacing the current one (no question asked: callers ask first).
    /// On failure the current map stays and the error is shown.
    pub fn open_path(&mut self, path: &Path) {
        let large =
            std::fs::metadata(path).is_ok_and(|metadata| metadata.len() >= BACKGROUND_LOAD_BYTES);
        if large && self.job.is_none() {
            let (sender, receiver) = std::sync::mpsc::channel();
            let owned = path.to_owned();
            std::thread::spawn(move || {
                let result = load_file(&owned)
                    .map(Box::new)
                    .map_err(|error| error.to_string());
                let _ = sender.send(JobResult::Loaded(owned, result));
            });
            self.job = Some(Job {
                what: format!("Opening {}…", path.display()),
                result: receiver,
            });
            return;
        }
        let result = load_file(path).map_err(|error| error.to_string());
        self.opened(path, result);
    }

    fn opened(&mut self, path: &Path, result: Result<Map, String>) {
        match result {
            Ok(map) => {
                self.document = Document::new(map, Some(path.to_owned()), true);
                self.view = ViewState::default();
                self.settings.remember(path);
                self.view.status = format!("Opened {}", path.display());
                if let Some(recovery) = &self.recovery {
                    recovery.clear();
                }
            }
            Err(error) => {
                self.modal = Some(Modal::Error {
                    title: format!("Could not open {}", path.display()),
                    message: format!("{error}\n\nThe map you had open is unchanged."),
                });
            }
        }
    }

    /// Saves to a path. Returns whether it worked; a failure is shown and loses nothing.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let mut path = path.to_owned();
        if path.extension().is_none() {
            path.set_extension("json");
        }
        match save_file(&self.document.map, &path) {
            Ok(()) => {
                self.document.mark_saved(path.clone());
                self.settings.remember(&path);
                self.view.status = format!("Saved {}", path.display());
                if let Some(recovery) = &self.recovery {
                    recovery.clear();
                }
                self.autosaved_revision = None;
                true
            }
            Err(error) => {
                self.modal = Some(Modal::Error {
                    title: "The map was not saved".into(),
                    message: format!(
                        "{error}\n\nThe file on disk is as it was, and your changes are still open here: save them somewhere else."
                    ),
                });
                false
            }
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
                        let key = Some(format!("vote:{id}"));
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

    /// Compares the open map with another version of it (the other one counts as the older).
    pub fn compare_with(&mut self, path: &Path) {
        match load_file(path) {
            Ok(other) => {
                let diff = crate::diff::diff(
                    &other,
                    &self.document.map,
                    &crate::analysis::Config::default(),
                );
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.view.status = format!("Comparing with {name}");
                self.view.comparison = Some(ui::workshop::Comparison { name, diff });
            }
            Err(error) => {
                self.modal = Some(Modal::Error {
                    title: format!("Could not compare with {}", path.display()),
                    message: error.to_string(),
                });
            }
        }
    }

    /// Writes an export; a failure is shown and changes nothing.
    pub fn export_to(&mut self, path: &Path, format: crate::export::ExportFormat) {
        let mut path = path.to_owned();
        if path.extension().is_none() {
            path.set_extension(format.extension());
        }
        if self.document.map.touchpoint_count() >= BACKGROUND_EXPORT_TOUCHPOINTS
            && self.job.is_none()
        {
            let (sender, receiver) = std::sync::mpsc::channel();
            let (map, report, target) = (
                self.document.map.clone(),
                self.document.report.clone(),
                path.clone(),
            );
            std::thread::spawn(move || {
                let _ = sender.send(JobResult::Exported(
                    target.clone(),
                    write_export(&map, &report, format, &target),
                ));
            });
            self.job = Some(Job {
                what: format!("Exporting {}…", path.display()),
                result: receiver,
            });
            return;
        }
        let written = write_export(&self.document.map, &self.document.report, format, &path);
        self.exported(&path, written);
    }

    fn exported(&mut self, path: &Path, written: Result<(), String>) {
        match written {
            Ok(()) => {
                self.view.status = format!("Exported {}", path.display());
            }
            Err(message) => {
                self.modal = Some(Modal::Error {
                    title: format!("Could not export {}", path.display()),
                    message,
                });
            }
        }
    }

    /// Whether a load or export is running in the background.
    #[must_use]
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// Takes the result of a background job when it is ready; keeps frames coming until then.
    fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else {
            return;
        };
        match job.result.try_recv() {
            Ok(JobResult::Loaded(path, result)) => {
                self.job = None;
                self.opened(&path, result.map(|map| *map));
            }
            Ok(JobResult::Exported(path, result)) => {
                self.job = None;
                self.exported(&path, result);
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.job = None;
                self.modal = Some(Modal::Error {
                    title: "The background task stopped".into(),
                    message: "Nothing was changed.".into(),
                });
            }
        }
    }

    fn suggested_path(&self, purpose: PathPurpose) -> String {
        match purpose {
            PathPurpose::Save => self
                .document
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            PathPurpose::Open | PathPurpose::Compare => String::new(),
            PathPurpose::Export(format) => self
                .document
                .path
                .as_ref()
                .map(|p| p.with_extension(format.extension()).display().to_string())
                .unwrap_or_default(),
        }
    }

    /// When no dialog service answers (rfd returns at once), ask for a typed path instead.
    fn offer_typed_path(&mut self, purpose: PathPurpose, started: std::time::Instant) {
        if started.elapsed().as_millis() < 300 {
            let text = self.suggested_path(purpose);
            self.modal = Some(Modal::TypePath {
                purpose,
                text,
                note: Some(
                    "No file dialog is available on this desktop: type the file's path.".into(),
                ),
            });
        }
    }

    fn unless_unsaved(&mut self, then: Pending, ctx: &egui::Context) {
        if self.document.is_dirty() {
            self.modal = Some(Modal::Unsaved { then });
        } else {
            self.carry_out(then, ctx);
        }
    }

    /// Does what was pending, whatever the unsaved changes.
    fn carry_out(&mut self, pending: Pending, ctx: &egui::Context) {
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

    fn delete_selection(&mut self, now: f64) {
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

    fn paste(&mut self, text: &str, now: f64) {
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
    fn shortcuts(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let typing = ctx.egui_wants_keyboard_input();
        let command = Modifiers::COMMAND;
        let shift_command = Modifiers::COMMAND | Modifiers::SHIFT;
        let shortcut = |modifiers: Modifiers, key: Key| {
            ctx.input_mut(|input| input.consume_shortcut(&KeyboardShortcut::new(modifiers, key)))
        };
        // Order matters: egui matches Ctrl+Shift+S on a plain Ctrl+S shortcut too.
        if shortcut(shift_command, Key::S) {
            actions.push(Action::SaveAs);
        }
        if shortcut(command, Key::S) {
            actions.push(Action::Save);
        }
        if shortcut(shift_command, Key::O) {
            actions.push(Action::AskPath(PathPurpose::Open));
        }
        if shortcut(command, Key::O) {
            actions.push(Action::Open);
        }
        if shortcut(command, Key::E) {
            actions.push(Action::Export(crate::export::ExportFormat::Png));
        }
        if shortcut(command, Key::N) {
            actions.push(Action::New("blank"));
        }
        if shortcut(command, Key::Q) {
            actions.push(Action::Quit);
        }
        if self.view.mode == ui::Mode::Presenting {
            if shortcut(Modifiers::NONE, Key::ArrowRight)
                || shortcut(Modifiers::NONE, Key::ArrowDown)
                || shortcut(Modifiers::NONE, Key::Space)
                || shortcut(Modifiers::NONE, Key::PageDown)
            {
                actions.push(Action::PresentStep(1));
            }
            if shortcut(Modifiers::NONE, Key::ArrowLeft)
                || shortcut(Modifiers::NONE, Key::ArrowUp)
                || shortcut(Modifiers::NONE, Key::PageUp)
            {
                actions.push(Action::PresentStep(-1));
            }
            if shortcut(Modifiers::NONE, Key::Escape) || shortcut(Modifiers::NONE, Key::F11) {
                actions.push(Action::Present(false));
            }
            return;
        }
        if shortcut(Modifiers::NONE, Key::F11) {
            actions.push(Action::Present(true));
        }
        if shortcut(Modifiers::NONE, Key::F5) {
            self.view.lanes = !self.view.lanes;
            self.view.fit_requested = true;
        }
        if shortcut(Modifiers::NONE, Key::F6) {
            self.view.mode = if self.view.mode == ui::Mode::Voting {
                ui::Mode::Edit
            } else {
                ui::Mode::Voting
            };
        }
        if shortcut(Modifiers::NONE, Key::F7) {
            self.view.filters_open = !self.view.filters_open;
        }
        if shortcut(Modifiers::NONE, Key::F4) {
            self.view.campaigns_open = !self.view.campaigns_open;
            if self.view.campaigns_open {
                self.settings.left_drawer = Some(true);
            }
        }
        if shortcut(Modifiers::NONE, Key::F3) {
            self.settings.left_drawer = Some(!self.left_drawer_open(ctx));
        }
        if shortcut(Modifiers::NONE, Key::F10) {
            self.settings.right_drawer = Some(!self.right_drawer_open(ctx));
        }
        if shortcut(shift_command, Key::Equals) || shortcut(shift_command, Key::Plus) {
            self.change_text_size(ctx, 0.1);
        }
        if shortcut(shift_command, Key::Minus) {
            self.change_text_size(ctx, -0.1);
        }
        if shortcut(command, Key::M) {
            self.view.minimap = !self.view.minimap;
            self.settings.minimap = Some(self.view.minimap);
        }
        if shortcut(Modifiers::NONE, Key::F8)
            && let Some(id) = self.view.selection.first()
        {
            self.view.what_if = ui::workshop::WhatIf::new(&self.document.map, id);
        }
        if shortcut(Modifiers::NONE, Key::F1) {
            self.view.help_open = !self.view.help_open;
        }
        if shortcut(Modifiers::NONE, Key::F9) {
            self.view.charts_open = !self.view.charts_open;
        }
        if shortcut(command, Key::F) {
            self.view.search_open = true;
            self.view.focus_search = true;
        }
        if typing {
            return;
        }
        if shortcut(shift_command, Key::Z) || shortcut(command, Key::Y) {
            actions.push(Action::Redo);
        }
        if shortcut(command, Key::Z) {
            actions.push(Action::Undo);
        }
        if shortcut(command, Key::D) {
            actions.push(Action::Duplicate);
        }
        if shortcut(command, Key::L) {
            actions.push(Action::AutoLayout);
        }
        if shortcut(command, Key::Num0) {
            actions.push(Action::FitView);
        }
        if shortcut(command, Key::A) {
            self.view.selection = self
                .document
                .map
                .touchpoints()
                .into_iter()
                .map(|t| t.id.clone())
                .collect();
        }
        let zoom_in = shortcut(command, Key::Equals) || shortcut(command, Key::Plus);
        let zoom_out = shortcut(command, Key::Minus);
        if zoom_in || zoom_out {
            let area = ctx.content_rect();
            let factor = if zoom_in { 1.2 } else { 1.0 / 1.2 };
            ui::canvas::zoom_at(&mut self.view, area, area.center(), factor);
        }
        if shortcut(Modifiers::NONE, Key::Delete) || shortcut(Modifiers::NONE, Key::Backspace) {
            actions.push(Action::DeleteSelection);
        }
        // Keyboard-fast drawing, as in mind-map tools.
        for (key, direction) in [
            (Key::ArrowLeft, [-1.0, 0.0]),
            (Key::ArrowRight, [1.0, 0.0]),
            (Key::ArrowUp, [0.0, -1.0]),
            (Key::ArrowDown, [0.0, 1.0]),
        ] {
            if shortcut(Modifiers::NONE, key)
                && let Some(from) = self.view.selection.first().cloned()
                && let Some(next) =
                    layout::nearest_in_direction(&self.document.map, &from, direction)
            {
                self.view.select_only(next.clone());
                self.view.centre_on = Some(next);
            }
        }
        if shortcut(Modifiers::SHIFT, Key::Tab) {
            self.add_linked(-1, actions);
        } else if shortcut(Modifiers::NONE, Key::Tab) {
            self.add_linked(1, actions);
        }
        if (shortcut(Modifiers::NONE, Key::F2) || shortcut(Modifiers::NONE, Key::Enter))
            && let Some(id) = self.view.selection.first().cloned()
            && let Some(touchpoint) = self.document.map.touchpoint(&id)
        {
            self.view.rename = Some(ui::Rename {
                id,
                text: touchpoint.name.clone(),
                needs_focus: true,
                fresh: false,
            });
        }
        if shortcut(Modifiers::NONE, Key::Escape) {
            self.view.clear_selection();
            self.view.help_open = false;
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

    /// Copies unsaved changes to the recovery file every few seconds.
    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(recovery) = &self.recovery else {
            return;
        };
        let revision = self.document.history.revision();
        if !self.document.is_dirty() || self.autosaved_revision == Some(revision) {
            return;
        }
        let now = ctx.input(|input| input.time);
        let wait = AUTOSAVE_SECS - (now - self.last_autosave_secs);
        if wait > 0.0 {
            // egui draws only on input: make sure a frame comes to write the copy even when the
            // room has stopped touching the mouse.
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
            return;
        }
        self.last_autosave_secs = now;
        match recovery.write(&self.document.map, self.document.path.as_deref()) {
            Ok(()) => self.autosaved_revision = Some(revision),
            Err(message) => self.view.status = format!("Autosave failed: {message}"),
        }
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
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

    /// Draws the whole editor and carries out what the user asked for. Used by eframe and by the
    /// UI tests alike.
    /// Tab (`step` 1) adds a touch point in the stage after the selected one's, linked from it;
    /// Shift+Tab (`step` -1) one in the stage before, linked to it. The name box goes on the new
    /// card; adding, linking and naming are one undo step.
    fn add_linked(&mut self, step: i32, actions: &mut Vec<Action>) {
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

    /// Applies the remembered theme and text size.
    fn apply_look(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.settings.dark {
            Some(true) => egui::ThemePreference::Dark,
            Some(false) => egui::ThemePreference::Light,
            None => egui::ThemePreference::System,
        });
        ctx.set_zoom_factor(self.settings.text_size.unwrap_or(1.0));
    }

    /// Makes the whole interface larger or smaller by `step`, within 0.8–2.0, and remembers it.
    fn change_text_size(&mut self, ctx: &egui::Context, step: f32) {
        let size = (self.settings.text_size.unwrap_or(1.0) + step).clamp(0.8, 2.0);
        self.settings.text_size = Some((size * 10.0).round() / 10.0);
        self.apply_look(ctx);
        self.view.status = format!("Text size {:.0}%", size * 100.0);
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
        if self.modal.is_none() && self.view.rename.is_none() {
            self.shortcuts(&ctx, &mut actions);
        }

        let now = ctx.input(|input| input.time);
        if self.view.mode == ui::Mode::Presenting {
            // Only the map and the caption: panels hidden, large type.
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    let campaign = Self::shown_campaign(&self.view, &self.document);
                    ui::canvas::canvas_ui(
                        ui,
                        &self.document.map,
                        &self.document.report,
                        campaign,
                        &mut self.view,
                        &mut actions,
                    );
                });
            ui::workshop::presentation_ui(
                &ctx,
                &self.document.map,
                &self.document.report,
                &self.view,
                now,
            );
            if self.view.timer.is_some() {
                ctx.request_repaint_after(std::time::Duration::from_millis(250));
            }
        } else {
            self.menu_bar(ui, &mut actions);
            self.status_bar(ui, now);
            let (mut left_open, mut right_open) =
                (self.left_drawer_open(&ctx), self.right_drawer_open(&ctx));
            let (left_before, right_before) = (left_open, right_open);
            egui::Panel::left("findings")
                .default_size(330.0)
                .resizable(true)
                .show_collapsible(ui, &mut left_open, |ui| {
                    if self.view.campaigns_open {
                        ui::campaigns::campaigns_ui(
                            ui,
                            &self.document.map,
                            &self.document.preflight,
                            &mut self.view,
                            &mut actions,
                        );
                    } else if self.view.mode == ui::Mode::Voting {
                        ui::workshop::votes_ui(
                            ui,
                            &self.document.map,
                            &self.document.report,
                            &mut actions,
                        );
                    } else {
                        ui::review::findings_ui(
                            ui,
                            &self.document.map,
                            &self.document.report,
                            &self.view,
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
                                &self.document.map,
                                &self.document.report,
                                &self.document.preflight,
                                self.document.history.revision(),
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
                                    .show(ui, |ui| ui::workshop::comparison_ui(ui, &mut self.view));
                            });
                    }
                    ui::inspector::inspector_ui(
                        ui,
                        &self.document.map,
                        &self.document.report,
                        self.document.history.revision(),
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
            if self.view.charts_open && ctx.content_rect().height() >= CHARTS_HEIGHT_LIMIT {
                egui::Panel::bottom("charts")
                    .exact_size(ui::review::CHART_HEIGHT + 12.0)
                    .resizable(false)
                    .show(ui, |ui| {
                        ui::review::charts_ui(ui, &self.document.map, &self.document.report);
                    });
            }
            egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
                if self.view.sample_notice {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new("  This is a sample map of an online store, to try touchmap on. Start your own:").strong());
                        if ui.button("New map (Ctrl+N)").clicked() {
                            actions.push(Action::New("blank"));
                        }
                        ui.label("or File › New from template, or");
                        if ui.button("Open a map (Ctrl+O)").clicked() {
                            actions.push(Action::Open);
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
                    ui::workshop::filter_bar_ui(ui, &self.document.map, &mut self.view.filter);
                }
                if self.view.mode == ui::Mode::Voting {
                    ui.label(RichText::new("  Dot voting: click a card to vote, right-click to take a vote back (F6 ends voting)").strong());
                }
                let campaign = Self::shown_campaign(&self.view, &self.document);
                ui::canvas::canvas_ui(ui, &self.document.map, &self.document.report, campaign, &mut self.view, &mut actions);
            });
        }
        ui::help::help_ui(&ctx, &mut self.view.help_open);
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
        self.autosave(&ctx);
        self.update_window_title(&ctx);
    }

    fn search_bar(&mut self, ui: &mut Ui) {
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

    fn menu_bar(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
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
                    if ui.button("Open…  (Ctrl+O)").clicked() {
                        actions.push(Action::Open);
                        ui.close();
                    }
                    if ui.button("Open by path…  (Ctrl+Shift+O)").clicked() {
                        actions.push(Action::AskPath(PathPurpose::Open));
                        ui.close();
                    }
                    ui.menu_button("Open recent", |ui| {
                        if self.settings.recent.is_empty() {
                            ui.label("No recent maps");
                        }
                        for path in self.settings.recent.clone() {
                            if ui.button(path.display().to_string()).clicked() {
                                actions.push(Action::OpenPath(path));
                                ui.close();
                            }
                        }
                    });
                    ui.separator();
                    if ui.button("Save  (Ctrl+S)").clicked() {
                        actions.push(Action::Save);
                        ui.close();
                    }
                    if ui.button("Save as…  (Ctrl+Shift+S)").clicked() {
                        actions.push(Action::SaveAs);
                        ui.close();
                    }
                    if ui.button("Save to path…").clicked() {
                        actions.push(Action::AskPath(PathPurpose::Save));
                        ui.close();
                    }
                    if ui.button("Export to path…  (Ctrl+E)").clicked() {
                        actions.push(Action::AskPath(PathPurpose::Export(
                            crate::export::ExportFormat::Png,
                        )));
                        ui.close();
                    }
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
                    if ui.button("Quit  (Ctrl+Q)").clicked() {
                        actions.push(Action::Quit);
                        ui.close();
                    }
                });
                ui.menu_button("Edit", |ui| {
                    let undo = self
                        .document
                        .history
                        .undo_label()
                        .map_or_else(|| "Undo".to_owned(), |label| format!("Undo {label}"));
                    if ui
                        .add_enabled(
                            self.document.history.undo_label().is_some(),
                            egui::Button::new(format!("{undo}  (Ctrl+Z)")),
                        )
                        .clicked()
                    {
                        actions.push(Action::Undo);
                        ui.close();
                    }
                    let redo = self
                        .document
                        .history
                        .redo_label()
                        .map_or_else(|| "Redo".to_owned(), |label| format!("Redo {label}"));
                    if ui
                        .add_enabled(
                            self.document.history.redo_label().is_some(),
                            egui::Button::new(format!("{redo}  (Ctrl+Shift+Z)")),
                        )
                        .clicked()
                    {
                        actions.push(Action::Redo);
                        ui.close();
                    }
                    ui.separator();
                    let has_selection = !self.view.selection.is_empty();
                    if ui
                        .add_enabled(has_selection, egui::Button::new("Duplicate  (Ctrl+D)"))
                        .clicked()
                    {
                        actions.push(Action::Duplicate);
                        ui.close();
                    }
                    if ui
                        .add_enabled(
                            has_selection || self.view.selected_link.is_some(),
                            egui::Button::new("Delete  (Del)"),
                        )
                        .clicked()
                    {
                        actions.push(Action::DeleteSelection);
                        ui.close();
                    }
                    if ui.button("Find…  (Ctrl+F)").clicked() {
                        self.view.search_open = true;
                        self.view.focus_search = true;
                        ui.close();
                    }
                });
                ui.menu_button("View", |ui| {
                    if ui.button("Fit map  (Ctrl+0)").clicked() {
                        actions.push(Action::FitView);
                        ui.close();
                    }
                    if ui.button("Auto-layout  (Ctrl+L)").clicked() {
                        actions.push(Action::AutoLayout);
                        ui.close();
                    }
                    ui.checkbox(
                        &mut self.view.charts_open,
                        "Charts  (F9; hidden below 800 points of height)",
                    );
                    let ctx = ui.ctx().clone();
                    let mut left = self.left_drawer_open(&ctx);
                    if ui
                        .checkbox(&mut left, "Left drawer: weak spots, campaigns  (F3)")
                        .changed()
                    {
                        self.settings.left_drawer = Some(left);
                    }
                    let mut right = self.right_drawer_open(&ctx);
                    if ui
                        .checkbox(&mut right, "Right drawer: inspector, what-if  (F10)")
                        .changed()
                    {
                        self.settings.right_drawer = Some(right);
                    }
                    if ui
                        .checkbox(&mut self.view.minimap, "Minimap  (Ctrl+M)")
                        .changed()
                    {
                        self.settings.minimap = Some(self.view.minimap);
                    }
                });
                ui.menu_button("Workshop", |ui| {
                    let voting = self.view.mode == ui::Mode::Voting;
                    if ui.selectable_label(voting, "Dot voting  (F6)").clicked() {
                        self.view.mode = if voting {
                            ui::Mode::Edit
                        } else {
                            ui::Mode::Voting
                        };
                        ui.close();
                    }
                    if ui.button("Present the weak spots  (F11)").clicked() {
                        actions.push(Action::Present(true));
                        ui.close();
                    }
                    if ui
                        .selectable_label(
                            self.view.campaigns_open,
                            "Campaigns and pre-flight  (F4)",
                        )
                        .clicked()
                    {
                        self.view.campaigns_open = !self.view.campaigns_open;
                        ui.close();
                    }
                    if ui
                        .selectable_label(self.view.filters_open, "Filters  (F7)")
                        .clicked()
                    {
                        self.view.filters_open = !self.view.filters_open;
                        ui.close();
                    }
                    if ui.button("What if… (selected touch point)  (F8)").clicked() {
                        if let Some(id) = self.view.selection.first() {
                            self.view.what_if = ui::workshop::WhatIf::new(&self.document.map, id);
                        }
                        ui.close();
                    }
                    if ui
                        .selectable_label(self.view.lanes, "Organisation lanes  (F5)")
                        .clicked()
                    {
                        self.view.lanes = !self.view.lanes;
                        self.view.fit_requested = true;
                        ui.close();
                    }
                    if ui.button("Compare with another version…").clicked() {
                        actions.push(Action::Compare);
                        ui.close();
                    }
                    if ui.button("Compare with a version by path…").clicked() {
                        actions.push(Action::AskPath(PathPurpose::Compare));
                        ui.close();
                    }
                    if ui.button("Reset all votes").clicked() {
                        actions.push(Action::ResetVotes);
                        ui.close();
                    }
                });
                ui.menu_button("Help", |ui| {
                    if ui.button("Keyboard and mouse  (F1)").clicked() {
                        self.view.help_open = true;
                        ui.close();
                    }
                });
                ui.separator();
                if ui
                    .button("+ Touch point")
                    .on_hover_text("Or double-click the canvas")
                    .clicked()
                {
                    let map = &self.document.map;
                    let pos = layout::free_slot(map, 0);
                    let stage = map.stages().first().cloned();
                    ui::add_touchpoint(map, &mut self.view, stage, pos, ui::NewLink::None, actions);
                    self.view.centre_on = self.view.selection.first().cloned();
                }
                if ui.button("Undo").clicked() {
                    actions.push(Action::Undo);
                }
                if ui.button("Redo").clicked() {
                    actions.push(Action::Redo);
                }
                if ui.button("Fit").clicked() {
                    actions.push(Action::FitView);
                }
            });
        });
    }

    fn status_bar(&mut self, ui: &mut Ui, now: f64) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let dirty = if self.document.is_dirty() {
                    "unsaved changes"
                } else {
                    "saved"
                };
                ui.label(format!(
                    "{} · {} touch points · {} links · {dirty}",
                    self.document.file_name(),
                    self.document.map.touchpoint_count(),
                    self.document.map.link_count()
                ));
                ui.separator();
                if let Some(job) = &self.job {
                    ui.spinner();
                    ui.label(&job.what);
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

    fn modal_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let original = modal.clone();
        let mut close = false;
        egui::Modal::new(egui::Id::unique("touchmap-modal")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match modal {
                Modal::RemoveFromPlan { ids, names } => {
                    ui.heading("Delete from the plan too?");
                    ui.label(format!("{names}. Deleting also takes it out of them (one step, Ctrl+Z undoes it)."));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Delete and take it out of the plan").clicked() {
                            actions.push(Action::DeleteWithPlan(ids.clone()));
                            close = true;
                        }
                        if ui.button("Cancel").clicked() || ui.input(|input| input.key_pressed(Key::Escape)) {
                            close = true;
                        }
                    });
                }
                Modal::Error { title, message } => {
                    ui.heading(title);
                    ui.label(message);
                    ui.add_space(8.0);
                    if ui.button("OK").clicked() || ui.input(|input| input.key_pressed(Key::Enter) || input.key_pressed(Key::Escape)) {
                        close = true;
                    }
                }
                Modal::Unsaved { then } => {
                    ui.heading("Save changes first?");
                    ui.label(format!("\"{}\" has changes that are not saved.", self.document.map.title));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            close = true;
                            let saved = match self.document.path.clone() {
                                Some(path) => self.save_to(&path),
                                None => match self.dialogs.pick_save("map.json") {
                                    Some(path) => self.save_to(&path),
                                    None => false,
                                },
                            };
                            if saved {
                                self.carry_out(then.clone(), ctx);
                            } else {
                                self.view.status = "Not saved: use File > Save to path…".into();
                            }
                        }
                        if ui.button("Don't save").clicked() {
                            close = true;
                            self.carry_out(then.clone(), ctx);
                        }
                        if ui.button("Cancel").clicked() || ui.input(|input| input.key_pressed(Key::Escape)) {
                            close = true;
                        }
                    });
                }
                Modal::TypePath { purpose, mut text, note } => {
                    ui.heading(match purpose {
                        PathPurpose::Open => "Open a map".to_owned(),
                        PathPurpose::Save => "Save the map".to_owned(),
                        PathPurpose::Export(format) => format!("Export as {}", format.description()),
                        PathPurpose::Compare => "Compare with another version".to_owned(),
                    });
                    if let Some(note) = &note {
                        ui.label(note);
                    }
                    let label = ui.label("File path");
                    let response = ui.add(egui::TextEdit::singleline(&mut text).desired_width(480.0)).labelled_by(label.id);
                    if !response.has_focus() && text.is_empty() {
                        response.request_focus();
                    }
                    let enter = response.lost_focus() && ui.input(|input| input.key_pressed(Key::Enter));
                    ui.horizontal(|ui| {
                        let go = ui.button(match purpose {
                            PathPurpose::Open => "Open",
                            PathPurpose::Save => "Save",
                            PathPurpose::Export(_) => "Export",
                            PathPurpose::Compare => "Compare",
                        });
                        if (go.clicked() || enter) && !text.trim().is_empty() {
                            close = true;
                            let path = PathBuf::from(text.trim());
                            actions.push(match purpose {
                                PathPurpose::Open => Action::OpenPath(path),
                                PathPurpose::Save => Action::SaveAsPath(path),
                                PathPurpose::Export(format) => Action::ExportTo(path, format),
                                PathPurpose::Compare => Action::CompareWithPath(path),
                            });
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                    if !close && let Some(Modal::TypePath { text: stored, .. }) = &mut self.modal {
                        *stored = text;
                    }
                }
                Modal::Recover { original } => {
                    ui.heading("Restore unsaved changes?");
                    let of = original.as_ref().map_or_else(|| "a map that was never saved".to_owned(), |path| path.display().to_string());
                    ui.label(format!("touchmap did not close properly last time. It kept a copy of your unsaved changes to {of}."));
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            close = true;
                            if let Some(map) = self.recovered.take() {
                                self.document = Document::new(map, original.clone(), false);
                                self.view = ViewState::default();
                                self.view.status = "Restored unsaved changes: save them now".into();
                            }
                        }
                        if ui.button("Discard").clicked() {
                            close = true;
                            self.recovered = None;
                            if let Some(recovery) = &self.recovery {
                                recovery.clear();
                            }
                        }
                    });
                }
            }
        });
        // A handler above may have replaced the modal (an error while saving): keep that one.
        if close && self.modal.as_ref() == Some(&original) {
            self.modal = None;
        }
    }
}

/// Renders an export and writes it atomically (an export keeps no backup).
fn write_export(
    map: &Map,
    report: &crate::analysis::Report,
    format: crate::export::ExportFormat,
    path: &Path,
) -> Result<(), String> {
    let bytes = crate::export::export(map, report, format).map_err(|error| error.to_string())?;
    format::write_atomically(path, &bytes).map_err(|error| error.to_string())?;
    Ok(())
}

impl eframe::App for TouchmapApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        TouchmapApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }

    fn on_exit(&mut self) {
        // A clean exit after "Don't save" or with nothing unsaved needs no recovery copy. With
        // unsaved changes (closed by the system), the copy stays for the next start.
        if !self.document.is_dirty()
            && let Some(recovery) = &self.recovery
        {
            recovery.clear();
        }
    }
}

/// Starts the editor on a map, the last map, or the example.
#[must_use]
pub fn run(path: Option<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("touchmap")
            .with_app_id("touchmap")
            .with_inner_size([1500.0, 950.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
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
                Some(path) => match load_file(path) {
                    Ok(map) => Some(Document::new(map, Some(path.clone()), true)),
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
            Ok(Box::new(app))
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
