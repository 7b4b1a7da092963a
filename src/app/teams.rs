//! Many hands on one map in the editor: merge conflicts resolved one step at a time, and the open
//! file watched for changes made elsewhere (a `git pull`, a colleague on a shared drive).

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecursiveMode, Watcher as _};

use super::TouchmapApp;
use super::modals::Modal;
use crate::edit::Edit;
use crate::format;
use crate::merge::{Side, merge, resolve};
use crate::model::Map;

impl TouchmapApp {
    /// Resolves conflict number `position` of the map's list to `side`, as one undoable step; a
    /// value that no longer fits the map (a link whose end is gone) is explained in a dialog and
    /// changes nothing.
    pub(super) fn resolve_conflict(&mut self, position: usize, side: Side, label: &str, now: f64) {
        let resolved = match resolve(&self.document.map, position, side) {
            Ok(resolved) => resolved,
            Err(message) => {
                self.modal = Some(Modal::Error {
                    title: "This conflict cannot be resolved that way".into(),
                    message: format!(
                        "{message}.\n\nThe map is unchanged; choose the other side, or change the map first."
                    ),
                });
                return;
            }
        };
        if self.become_map(
            &resolved,
            label,
            "This conflict cannot be resolved that way",
            now,
        ) {
            self.view.status = format!("{label} (Ctrl+Z undoes it)");
        }
    }

    /// Turns the open map into `target` as one undoable step labelled `label` (nothing when they
    /// are equal); a refusal is shown in a dialog titled `failure` and changes nothing. Whether
    /// the map is `target` now.
    fn become_map(&mut self, target: &Map, label: &str, failure: &str, now: f64) -> bool {
        let Some(edit) = Edit::between(&self.document.map, target) else {
            return true;
        };
        match self.document.perform(edit, label, None, now) {
            Ok(()) => true,
            Err(error) => {
                self.modal = Some(Modal::Error {
                    title: failure.to_owned(),
                    message: format!("{error}.\n\nThe map is unchanged."),
                });
                false
            }
        }
    }
}

/// Events about the open file settle this long before it is read (a save is a burst: temporary
/// file, rename, backup), in seconds.
const SETTLE_SECS: f64 = 0.3;

/// The open map's file, watched through its folder (saves replace the file, so watching the file
/// itself would lose track of it after the first rename).
pub(super) struct FileWatch {
    path: PathBuf,
    /// `None` when the system refused to watch (then nothing is noticed, as before).
    _watcher: Option<notify::RecommendedWatcher>,
    events: Receiver<()>,
    /// When to read the file, once the events settle.
    due: Option<f64>,
    /// Whether the file was found missing, and said so.
    missing: bool,
}

impl FileWatch {
    fn start(path: PathBuf, ctx: &egui::Context) -> Self {
        let (sender, events) = channel();
        let name = path.file_name().map(std::ffi::OsStr::to_owned);
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
            _ => PathBuf::from("."),
        };
        let ctx = ctx.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            // Reading the file (this editor's own check included) is not a change.
            if matches!(
                event.kind,
                EventKind::Access(kind) if kind != AccessKind::Close(AccessMode::Write)
            ) {
                return;
            }
            let ours = event.paths.is_empty()
                || event
                    .paths
                    .iter()
                    .any(|changed| changed.file_name() == name.as_deref());
            if ours && sender.send(()).is_ok() {
                ctx.request_repaint();
            }
        })
        .and_then(|mut watcher| {
            watcher.watch(&folder, RecursiveMode::NonRecursive)?;
            Ok(watcher)
        })
        .ok();
        Self {
            path,
            _watcher: watcher,
            events,
            due: None,
            missing: false,
        }
    }
}

/// Gives the touch points of a version read from disk that have no position the one they have
/// on screen, and lays out the new ones, as opening a file does: a file without positions
/// reloads without every card jumping (positions are derived, not edits).
fn keep_places(current: &Map, theirs: &mut Map) {
    let unplaced: Vec<_> = theirs
        .touchpoints()
        .into_iter()
        .filter(|t| t.pos.is_none())
        .filter_map(|t| {
            let pos = current.touchpoint(&t.id)?.pos?;
            let mut placed = t.clone();
            placed.pos = Some(pos);
            Some(placed)
        })
        .collect();
    for touchpoint in unplaced {
        let _ = theirs.update_touchpoint(touchpoint);
    }
    crate::layout::place_missing(theirs);
}

/// A new version of the open file that arrived while the map had unsaved edits, waiting for the
/// user's choice (kept here, not in the dialog, which is cloned every frame).
pub(super) struct DiskChange {
    map: Map,
    text: String,
}

impl TouchmapApp {
    /// Follows the open file: starts watching a newly opened or saved file, and once a change
    /// settles, reads the file and takes it in (see [`Self::check_disk`]).
    pub(super) fn watch_file(&mut self, ctx: &egui::Context, now: f64) {
        let path = self.document.path.clone();
        if self.watch.as_ref().map(|watch| &watch.path) != path.as_ref() {
            self.watch = path.map(|path| {
                if self.document.disk.is_none() {
                    // A map restored after a crash: the base of a later merge is the file as it
                    // is now.
                    self.document.disk = format::read_map_text(&path).ok();
                }
                FileWatch::start(path, ctx)
            });
        }
        let Some(watch) = &mut self.watch else {
            return;
        };
        if watch.events.try_iter().count() > 0 {
            watch.due = Some(now + SETTLE_SECS);
        }
        match watch.due {
            Some(due) if now >= due => {
                watch.due = None;
                self.check_disk(now);
            }
            Some(due) => ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now)),
            None => {}
        }
    }

    /// Reads the open file after it changed on disk. The editor's own save reads back as the text
    /// it wrote and is ignored; with no unsaved edits the map reloads in place; with some, a
    /// dialog offers to merge the file's new version into them or to keep them. A file that is
    /// gone, or cannot be read as a map, is said in words and the map stays open.
    fn check_disk(&mut self, now: f64) {
        let Some(path) = self.document.path.clone() else {
            return;
        };
        let name = crate::export::text::file_name(&path);
        let text = match format::read_map_text(&path) {
            Ok(text) => text,
            Err(format::FormatError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                if let Some(watch) = &mut self.watch
                    && !watch.missing
                {
                    watch.missing = true;
                    self.document.mark_unsaved();
                    self.modal = Some(Modal::Notice {
                        title: format!("{name} was deleted or renamed on disk"),
                        message: "The map stays open here with everything in it. Save (Ctrl+S) writes it back; Save As puts it somewhere else.".into(),
                    });
                }
                return;
            }
            Err(error) => {
                self.view.status = format!("{name} changed on disk but cannot be read: {error}");
                return;
            }
        };
        if let Some(watch) = &mut self.watch {
            watch.missing = false;
        }
        if self.document.disk.as_deref() == Some(text.as_str()) {
            return;
        }
        let theirs = match format::from_str(&text) {
            Ok(map) => map,
            Err(error) => {
                // Half a copy, or a line merge's conflict markers: keep the map, say why.
                self.document.mark_unsaved();
                self.view.status = format!(
                    "{name} changed on disk but is not a map touchmap can read ({error}); your map stays as it is"
                );
                return;
            }
        };
        if self.document.is_dirty() {
            self.disk_change = Some(DiskChange { map: theirs, text });
            self.modal = Some(Modal::FileChanged { file: name });
        } else {
            self.reload_from_disk(theirs, text, &name, now);
        }
    }

    /// Takes the file's new version in as one undoable step, keeping the view and what is still
    /// there of the selection; the map is then in step with the file.
    fn reload_from_disk(&mut self, mut theirs: Map, text: String, name: &str, now: f64) {
        keep_places(&self.document.map, &mut theirs);
        let label = format!("Reload {name} (changed on disk)");
        let failure = format!("{name} changed on disk and could not be reloaded");
        if !self.become_map(&theirs, &label, &failure, now) {
            return;
        }
        self.document.mark_in_step_with(text);
        let map = &self.document.map;
        self.view.selection.retain(|id| map.contains(id));
        if let Some((from, to)) = &self.view.selected_link
            && map.link(from, to).is_none()
        {
            self.view.selected_link = None;
        }
        self.view.status =
            format!("Reloaded {name}: it changed on disk. Ctrl+Z goes back to what you had.");
    }

    /// Merges the file's new version into the unsaved map (three-way, with the version this
    /// editor read or wrote last as the base), as one undoable step. Conflicts keep ours and show
    /// in the banner.
    pub(super) fn merge_from_disk(&mut self, now: f64) {
        let Some(mut change) = self.disk_change.take() else {
            return;
        };
        keep_places(&self.document.map, &mut change.map);
        let name = self
            .document
            .path
            .as_deref()
            .map_or_else(String::new, crate::export::text::file_name);
        let base = self
            .document
            .disk
            .as_deref()
            .and_then(|text| format::from_str(text).ok())
            .unwrap_or_else(|| Map::new(change.map.title.clone()));
        let merged = match merge(&base, &self.document.map, &change.map) {
            Ok(merged) => merged,
            Err(error) => {
                self.modal = Some(Modal::Error {
                    title: format!("{name} could not be merged"),
                    message: format!("{error}\n\nYour map is unchanged; save it to keep it."),
                });
                return;
            }
        };
        let label = format!("Merge {name}'s new version");
        if !self.become_map(
            &merged.map,
            &label,
            &format!("{name} could not be merged"),
            now,
        ) {
            return;
        }
        self.document.disk = Some(change.text);
        self.view.status = match merged.conflicts.len() {
            0 => format!("Merged {name}'s new version into your changes: save to write both"),
            count => format!(
                "Merged {name}'s new version: {} kept ours (see the banner)",
                crate::numbers::count(count, "conflict", "conflicts")
            ),
        };
    }

    /// Keeps the unsaved map as it is; the file's new version becomes the base of a later merge,
    /// and the next save writes over it.
    pub(super) fn keep_mine(&mut self) {
        if let Some(change) = self.disk_change.take() {
            self.document.disk = Some(change.text);
            "Kept your map as it is; saving writes it over the file's new version"
                .clone_into(&mut self.view.status);
        }
    }
}
