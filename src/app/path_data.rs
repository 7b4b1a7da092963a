//! File › Import path data…: reading the file's header, reading the file on another thread when
//! the columns change, calibrating for the goal picked (the preview), and applying the preview as
//! one undoable edit. The dialog itself is drawn by `ui::path_import`.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use super::TouchmapApp;
use super::modals::Modal;
use crate::edit::Edit;
use crate::paths::{EventColumns, PathSet};
use crate::ui::attribution::DataAttribution;
use crate::ui::path_import::PathImport;

/// Path data being read: the columns, and where the result arrives.
pub(super) type Reading = Receiver<(EventColumns, Result<PathSet, String>)>;

impl TouchmapApp {
    /// Opens the import dialog for a file, its columns guessed from the header row; a file whose
    /// header cannot be read is refused at once (the map is unchanged).
    pub(super) fn start_path_import(&mut self, path: &Path) {
        let header = std::fs::File::open(path)
            .map_err(|error| error.to_string())
            .and_then(|file| crate::paths::read_header(file).map_err(|error| error.to_string()));
        match header {
            Ok(header) => {
                self.path_import =
                    Some(PathImport::new(path.to_owned(), header, &self.document.map));
                self.path_reader = None;
            }
            Err(error) => {
                self.modal = Some(Modal::Error {
                    title: format!("Could not import {}", path.display()),
                    message: format!("{error}\n\nThe map is unchanged."),
                });
            }
        }
    }

    /// Keeps the dialog's preview up to date: reads the file again (on another thread) when the
    /// columns changed, calibrates when the goal or the links choice changed. Returns whether
    /// the window should draw again soon: something is running, or the preview changed.
    pub(super) fn refresh_path_import(&mut self) -> bool {
        let Some(state) = self.path_import.as_mut() else {
            self.path_reader = None;
            return false;
        };
        let mut changed = false;
        if let Some(reader) = &self.path_reader {
            changed = true;
            match reader.try_recv() {
                Ok((columns, result)) => {
                    state.read = Some((columns, result.map(Arc::new)));
                    state.reading = None;
                    state.preview = None;
                    self.path_reader = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => return true,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    state.read = Some((
                        state.columns.clone(),
                        Err("reading the file stopped unexpectedly".to_owned()),
                    ));
                    state.reading = None;
                    self.path_reader = None;
                }
            }
        }
        // The aggregated layout has no columns to pick: any columns read it the same way.
        let wanted = if state.header.aggregated {
            EventColumns::default()
        } else {
            state.columns.clone()
        };
        let read_for = state.read.as_ref().map(|(columns, _)| columns);
        if read_for != Some(&wanted) {
            let (sender, receiver) = std::sync::mpsc::channel();
            let file = state.file.clone();
            let columns = wanted.clone();
            std::thread::spawn(move || {
                let result = std::fs::File::open(&file)
                    .map_err(|error| error.to_string())
                    .and_then(|reader| {
                        crate::paths::read_paths(reader, &columns).map_err(|e| e.to_string())
                    });
                let _ = sender.send((columns, result));
            });
            state.reading = Some(wanted);
            state.read = None;
            self.path_reader = Some(receiver);
            return true;
        }
        let (Some((_, Ok(paths))), Some(goal)) = (&state.read, state.goal.clone()) else {
            return changed;
        };
        let key = (goal.clone(), state.add_links);
        if state.preview.as_ref().map(|(k, _)| k) != Some(&key) {
            let result = crate::paths::calibrate(&self.document.map, paths, &goal, state.add_links)
                .map(Box::new);
            state.preview = Some((key, result));
            changed = true;
        }
        changed
    }

    /// Applies the preview: the calibrated shares, observed counts, new links and entries as one
    /// step, and the data's attribution for the Attribution panel.
    pub(super) fn apply_path_import(&mut self, ctx: &egui::Context) {
        let Some(state) = self.path_import.take() else {
            return;
        };
        self.path_reader = None;
        let Some(calibration) = state.current() else {
            self.path_import = Some(state);
            return;
        };
        let source = crate::export::text::file_name(&state.file);
        self.view.data_attribution = Some(DataAttribution {
            source: source.clone(),
            attribution: calibration.attribution.clone(),
        });
        let shares = calibration.shares.len();
        match Edit::between(&self.document.map, &calibration.map) {
            Some(edit) => {
                self.change(edit, &format!("Path data from {source}"), ctx);
                self.view.status = format!(
                    "Set {} from {source} (Ctrl+Z undoes it)",
                    crate::numbers::count(shares, "share", "shares")
                );
            }
            None => {
                self.view.status =
                    format!("{source} agrees with the map already: nothing to change");
            }
        }
    }
}
