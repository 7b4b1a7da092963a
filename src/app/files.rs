//! Files and background jobs: open, save, export and compare, the "type a path" fallback when no
//! file dialog is available, autosave to the recovery file, and long loads and exports run on
//! another thread so the window keeps drawing.

use std::path::{Path, PathBuf};

use super::{Document, TouchmapApp};
use crate::format::{self, load_file};
use crate::model::Map;
use crate::ui::{self, PathPurpose, ViewState};

use super::modals::Modal;

/// How often unsaved changes are copied to the recovery file, in seconds.
const AUTOSAVE_SECS: f64 = 5.0;

/// A load or export running on another thread, so the window keeps drawing.
pub(super) struct Job {
    /// What is being done, for the status bar.
    pub(super) what: String,
    /// The result, when it comes.
    pub(super) result: std::sync::mpsc::Receiver<JobResult>,
}

/// What a background job hands back.
pub(super) enum JobResult {
    /// The map read and analysed (a big map's first analysis runs here too, off the UI thread).
    Loaded(PathBuf, Result<Box<Document>, String>),
    Exported(PathBuf, Result<(), String>),
}

/// Files at least this large load on another thread (the window keeps drawing meanwhile).
pub(super) const BACKGROUND_LOAD_BYTES: u64 = 2 * 1024 * 1024;
/// Maps with at least this many touch points export on another thread.
pub(super) const BACKGROUND_EXPORT_TOUCHPOINTS: usize = 500;

/// Reads a map file into a document that remembers the file's text (see [`Document::disk`]).
pub(super) fn load_document(path: &Path) -> Result<Document, format::FormatError> {
    let text = format::read_map_text(path)?;
    let map = format::from_str(&text)?;
    let mut document = Document::new(map, Some(path.to_owned()), true);
    document.disk = Some(text);
    Ok(document)
}

impl TouchmapApp {
    /// Opens a map from a file, replacing the current one (no question asked: callers ask first).
    /// On failure the current map stays and the error is shown.
    pub fn open_path(&mut self, path: &Path) {
        let large =
            std::fs::metadata(path).is_ok_and(|metadata| metadata.len() >= BACKGROUND_LOAD_BYTES);
        if large && self.job.is_none() {
            let (sender, receiver) = std::sync::mpsc::channel();
            let owned = path.to_owned();
            std::thread::spawn(move || {
                let result = load_document(&owned)
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
        let result = load_document(path)
            .map(Box::new)
            .map_err(|error| error.to_string());
        self.opened(path, result);
    }

    /// Makes a new, unsaved map from a spreadsheet; what the import could not take as written is
    /// shown in a notice. On failure the current map stays and the error names the row and column.
    pub(super) fn import_sheet(&mut self, path: &Path) {
        let title = path.file_stem().map_or_else(
            || "Imported map".to_owned(),
            |stem| stem.to_string_lossy().replace(['-', '_'], " "),
        );
        let result = std::fs::read(path)
            .map_err(|error| error.to_string())
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| {
                    "the file is not UTF-8 text: save the spreadsheet as CSV in UTF-8 (Excel: \"CSV UTF-8\"; LibreOffice: \"Text CSV\" with character set \"Unicode (UTF-8)\")".to_owned()
                })
            })
            .and_then(|text| {
                crate::import::import_csv(&text, &title, None).map_err(|error| error.to_string())
            });
        match result {
            Ok(imported) => {
                let counts = format!(
                    "{} and {}",
                    crate::numbers::count(
                        imported.map.touchpoint_count(),
                        "touch point",
                        "touch points"
                    ),
                    crate::numbers::count(imported.map.link_count(), "link", "links")
                );
                self.document = Document::new(imported.map, None, false);
                self.view = ViewState::default();
                self.view.status =
                    format!("Imported {counts} from {} (not saved yet)", path.display());
                let notes: Vec<String> = imported
                    .warnings
                    .iter()
                    .map(|warning| format!("• {}", warning.message(false)))
                    .collect();
                self.modal = Some(Modal::Notice {
                    title: format!("Imported {counts}"),
                    message: notes.join("\n"),
                });
            }
            Err(error) => {
                self.modal = Some(Modal::Error {
                    title: format!("Could not import {}", path.display()),
                    message: format!("{error}\n\nThe map you had open is unchanged."),
                });
            }
        }
    }

    pub(super) fn opened(&mut self, path: &Path, result: Result<Box<Document>, String>) {
        match result {
            Ok(document) => {
                self.document = *document;
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
        let text = format::to_string(&self.document.map);
        match format::save_map_text(&text, &path) {
            Ok(()) => {
                self.document.mark_saved(path.clone(), text);
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

    /// Compares the open map with another version of it (the other one counts as the older).
    pub fn compare_with(&mut self, path: &Path) {
        match load_file(path) {
            Ok(other) => {
                let name = crate::export::text::file_name(path);
                self.view.status = format!("Comparing with {name}");
                self.view.comparison = Some(ui::workshop::Comparison::new(
                    name,
                    other,
                    &self.document.map,
                    self.document.history.revision(),
                ));
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
        // The export shows the findings of the map as it is, not of the one before the last edit.
        self.document.settle();
        if self.document.map.touchpoint_count() >= BACKGROUND_EXPORT_TOUCHPOINTS
            && self.job.is_none()
        {
            let (sender, receiver) = std::sync::mpsc::channel();
            let (map, report, target) = (
                self.document.map.clone(),
                self.document.report.clone(),
                path.clone(),
            );
            let segment = self.document.segment().map(|s| s.id.clone());
            std::thread::spawn(move || {
                let _ = sender.send(JobResult::Exported(
                    target.clone(),
                    write_export(&map, (segment.as_deref(), &report), format, &target),
                ));
            });
            self.job = Some(Job {
                what: format!("Exporting {}…", path.display()),
                result: receiver,
            });
            return;
        }
        let segment = self.document.segment().map(|s| s.id.as_str());
        let written = write_export(
            &self.document.map,
            (segment, &self.document.report),
            format,
            &path,
        );
        self.exported(&path, written);
    }

    pub(super) fn exported(&mut self, path: &Path, written: Result<(), String>) {
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
    pub(super) fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else {
            return;
        };
        match job.result.try_recv() {
            Ok(JobResult::Loaded(path, result)) => {
                self.job = None;
                self.opened(&path, result);
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

    pub(super) fn suggested_path(&self, purpose: PathPurpose) -> String {
        match purpose {
            PathPurpose::Save => self
                .document
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            PathPurpose::Open
            | PathPurpose::Compare
            | PathPurpose::Import
            | PathPurpose::ImportPathData
            | PathPurpose::ImportSurvey => String::new(),
            // Beside the map with its name; a map never saved is named after its title, in the
            // folder the app was started in.
            PathPurpose::Export(format) => self.document.path.as_ref().map_or_else(
                || {
                    format!(
                        "{}.{}",
                        crate::model::TouchPointId::slug_from_name(&self.document.map.title),
                        format.extension()
                    )
                },
                |p| p.with_extension(format.extension()).display().to_string(),
            ),
        }
    }

    /// When no dialog service answers (rfd returns at once), ask for a typed path instead.
    pub(super) fn offer_typed_path(&mut self, purpose: PathPurpose, started: std::time::Instant) {
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

    /// Copies unsaved changes to the recovery file every few seconds.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
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
}

/// Renders an export and writes it atomically (an export keeps no backup).
/// Writes an export of the map, as the segment shown sees it when one is (`report` is the analysis
/// on screen: of the map itself when no segment is shown).
fn write_export(
    map: &Map,
    (segment, report): (Option<&str>, &crate::analysis::Report),
    format: crate::export::ExportFormat,
    path: &Path,
) -> Result<(), String> {
    let scale = crate::export::DEFAULT_PNG_SCALE;
    let bytes = segment
        .and_then(|id| crate::export::export_segment(map, id, format, scale))
        .unwrap_or_else(|| crate::export::export_scaled(map, report, format, scale))
        .map_err(|error| error.to_string())?;
    format::write_atomically(path, &bytes).map_err(|error| error.to_string())?;
    Ok(())
}
