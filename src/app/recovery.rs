//! Autosave to a recovery file, and the recent-files settings. After a crash the next start finds
//! the recovery file and offers to restore it.

use std::path::{Path, PathBuf};

use crate::format::{self, write_atomically};
use crate::model::Map;

/// Where touchmap keeps its recovery file: `$TOUCHMAP_DATA_DIR`, else the platform's data folder.
#[must_use]
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TOUCHMAP_DATA_DIR") {
        return Some(PathBuf::from(dir));
    }
    eframe::storage_dir("touchmap")
}

/// This window's recovery copy of the open map and the file it belongs to. Every window has its
/// own copy (named after its process), and holds a lock while it runs: a second window never offers
/// to restore a copy whose window is still open, and never deletes it; a copy whose window crashed
/// (its lock released by the operating system) is offered at the next start.
#[derive(Debug, Clone)]
pub struct Recovery {
    folder: PathBuf,
    /// This window's name among the copies.
    window: String,
    /// Held for the window's life. `None` when the lock file could not be made (the copy is still
    /// written; another window may then offer it while this one runs).
    lock: Option<std::sync::Arc<std::fs::File>>,
}

/// A recovery file found at start.
#[derive(Debug, Clone)]
pub struct Recovered {
    /// The map as it was when last autosaved.
    pub map: Map,
    /// The file the map belonged to, if it had been saved.
    pub original: Option<PathBuf>,
    /// The window that left it.
    pub window: String,
}

impl Recovery {
    /// This process's recovery copy in this folder.
    #[must_use]
    pub fn new(folder: PathBuf) -> Self {
        Self::for_window(folder, &std::process::id().to_string())
    }

    /// A window's recovery copy in this folder, with the window's lock taken.
    #[must_use]
    pub fn for_window(folder: PathBuf, window: &str) -> Self {
        let lock = std::fs::create_dir_all(&folder)
            .ok()
            .and_then(|()| open_lock(&folder, window))
            .filter(|file| file.try_lock().is_ok())
            .map(std::sync::Arc::new);
        Self {
            folder,
            window: window.to_owned(),
            lock,
        }
    }

    fn map_path(&self, window: &str) -> PathBuf {
        self.folder.join(format!("recovery-{window}.json"))
    }

    fn original_path(&self, window: &str) -> PathBuf {
        self.folder.join(format!("recovery-{window}-of.txt"))
    }

    /// Writes this window's recovery copy.
    pub fn write(&self, map: &Map, original: Option<&Path>) -> Result<(), String> {
        std::fs::create_dir_all(&self.folder)
            .map_err(|error| format!("cannot create {}: {error}", self.folder.display()))?;
        let original_text = original
            .map(|path| path.to_string_lossy().into_owned())
            .unwrap_or_default();
        write_atomically(&self.original_path(&self.window), original_text.as_bytes())
            .map_err(|error| error.to_string())?;
        write_atomically(
            &self.map_path(&self.window),
            format::to_string(map).as_bytes(),
        )
        .map_err(|error| error.to_string())?;
        Ok(())
    }

    /// Removes this window's recovery copy (after a save or a clean exit).
    pub fn clear(&self) {
        self.remove(&self.window);
    }

    /// Removes the copy another window left, once it was restored or discarded.
    pub fn remove_found(&self, found: &Recovered) {
        if found.window != self.window {
            self.remove(&found.window);
            let _ = std::fs::remove_file(self.lock_path(&found.window));
        }
    }

    /// A clean exit with nothing unsaved: removes this window's copy and its lock file, so the data
    /// folder does not fill up with one lock file per window ever opened.
    pub fn close(&self) {
        self.clear();
        if self.lock.is_some() {
            let _ = std::fs::remove_file(self.lock_path(&self.window));
        }
    }

    fn lock_path(&self, window: &str) -> PathBuf {
        self.folder.join(format!("recovery-{window}.lock"))
    }

    /// Removes lock files left by windows that are gone and left no copy (a crash with nothing
    /// unsaved, or a version that never removed them).
    fn sweep_locks(&self) {
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(window) = name
                .strip_prefix("recovery-")
                .and_then(|rest| rest.strip_suffix(".lock"))
            else {
                continue;
            };
            if window == self.window || self.map_path(window).exists() {
                continue;
            }
            // Removed only while we hold its lock: no running window uses it.
            if let Ok(file) = std::fs::OpenOptions::new().write(true).open(entry.path())
                && file.try_lock().is_ok()
            {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    fn remove(&self, window: &str) {
        let _ = std::fs::remove_file(self.map_path(window));
        let _ = std::fs::remove_file(self.original_path(window));
    }

    /// A recovery copy left by a window that did not end cleanly and is no longer running (the
    /// newest, if several). A damaged copy is reported as an error and left on disk for a person
    /// to look at.
    pub fn find(&self) -> Option<Result<Recovered, String>> {
        self.sweep_locks();
        let mut candidates: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(&self.folder)
            .ok()?
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let window = name
                    .strip_prefix("recovery-")?
                    .strip_suffix(".json")?
                    .to_owned();
                let modified = entry.metadata().and_then(|m| m.modified()).ok()?;
                Some((modified, window))
            })
            .filter(|(_, window)| {
                *window != self.window && !window_is_running(&self.folder, window)
            })
            .collect();
        candidates.sort();
        let (_, window) = candidates.pop()?;
        let path = self.map_path(&window);
        let original = std::fs::read_to_string(self.original_path(&window))
            .ok()
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty())
            .map(PathBuf::from);
        Some(
            format::load_file(&path)
                .map(|map| Recovered {
                    map,
                    original,
                    window,
                })
                .map_err(|error| {
                    format!(
                        "the recovery file {} cannot be read: {error}",
                        path.display()
                    )
                }),
        )
    }

    /// Whether this window holds its lock (for tests and diagnostics).
    #[must_use]
    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }
}

fn open_lock(folder: &Path, window: &str) -> Option<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(folder.join(format!("recovery-{window}.lock")))
        .ok()
}

/// Whether the window that writes this copy still runs: it holds the copy's lock (a copy without a
/// lock file was left by a window that is gone).
fn window_is_running(folder: &Path, window: &str) -> bool {
    let existing = std::fs::OpenOptions::new()
        .write(true)
        .open(folder.join(format!("recovery-{window}.lock")))
        .ok();
    match existing {
        // Taking the lock works only when no running window holds it; it is released again when
        // `file` is dropped here.
        Some(file) => matches!(file.try_lock(), Err(std::fs::TryLockError::WouldBlock)),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_window_leaves_the_first_windows_copy_alone_until_that_window_is_gone() {
        let directory = tempfile::tempdir().expect("temp dir");
        let folder = directory.path().to_owned();
        let first = Recovery::for_window(folder.clone(), "first");
        assert!(first.is_locked());
        let mut map = Map::new("Unsaved in the first window");
        map.brand = Some("A".into());
        first.write(&map, None).expect("writes");

        // The second window starts while the first still runs: nothing to restore.
        let second = Recovery::for_window(folder.clone(), "second");
        assert!(second.find().is_none(), "the first window is still open");
        second.write(&Map::new("Second"), None).expect("writes");
        second.clear();
        assert!(
            folder.join("recovery-first.json").exists(),
            "clearing the second window's copy keeps the first's"
        );

        // The first window crashes (its lock goes with it, its copy stays): now it is offered.
        drop(first);
        let found = second.find().expect("found").expect("readable");
        assert_eq!(found.map.title, "Unsaved in the first window");
        assert_eq!(found.window, "first");
        second.remove_found(&found);
        assert!(second.find().is_none(), "restored or discarded once");
        assert!(!folder.join("recovery-first.lock").exists());
    }

    #[test]
    fn lock_files_go_with_a_clean_exit_and_stale_ones_are_swept() {
        let directory = tempfile::tempdir().expect("temp dir");
        let folder = directory.path().to_owned();
        let lock_files = || {
            let mut names: Vec<String> = std::fs::read_dir(&folder)
                .expect("folder")
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| {
                    std::path::Path::new(name)
                        .extension()
                        .is_some_and(|extension| extension == "lock")
                })
                .collect();
            names.sort();
            names
        };
        let first = Recovery::for_window(folder.clone(), "first");
        let running = Recovery::for_window(folder.clone(), "running");
        first.write(&Map::new("Saved"), None).expect("writes");
        first.close();
        drop(first);
        assert_eq!(lock_files(), ["recovery-running.lock"]);

        // A window that crashed with nothing unsaved left only its lock file: swept at the next
        // start; the running window's lock stays.
        drop(Recovery::for_window(folder.clone(), "crashed"));
        assert_eq!(
            lock_files(),
            ["recovery-crashed.lock", "recovery-running.lock"]
        );
        let next = Recovery::for_window(folder.clone(), "next");
        assert!(next.find().is_none());
        assert_eq!(
            lock_files(),
            ["recovery-next.lock", "recovery-running.lock"]
        );
        assert!(running.is_locked());
    }
}
/// Settings kept between sessions.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened or saved maps, newest first.
    pub recent: Vec<PathBuf>,
    /// The left drawer (weak spots, campaigns) as the user last left it; `None` = by window size.
    pub left_drawer: Option<bool>,
    /// The right drawer (inspector, what-if) as the user last left it; `None` = by window size.
    pub right_drawer: Option<bool>,
    /// Whether the minimap is shown (when it covers no card).
    pub minimap: Option<bool>,
    /// Light, dark, or (`None`) as the system says.
    pub dark: Option<bool>,
    /// How large the whole interface is drawn (1.0 = normal), for the back of the room.
    pub text_size: Option<f32>,
}

impl Settings {
    /// The most recent files shown in the menu.
    pub const MAX_RECENT: usize = 10;

    /// Puts a file at the top of the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|known| *known != path);
        self.recent.insert(0, path);
        self.recent.truncate(Self::MAX_RECENT);
    }
}
