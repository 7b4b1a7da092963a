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

/// The recovery copy of the open map and the file it belongs to.
#[derive(Debug, Clone)]
pub struct Recovery {
    folder: PathBuf,
}

/// A recovery file found at start.
#[derive(Debug, Clone)]
pub struct Recovered {
    /// The map as it was when last autosaved.
    pub map: Map,
    /// The file the map belonged to, if it had been saved.
    pub original: Option<PathBuf>,
}

impl Recovery {
    /// Recovery files in this folder.
    #[must_use]
    pub fn new(folder: PathBuf) -> Self {
        Self { folder }
    }

    fn map_path(&self) -> PathBuf {
        self.folder.join("recovery.json")
    }

    fn original_path(&self) -> PathBuf {
        self.folder.join("recovery-of.txt")
    }

    /// Writes the recovery copy.
    pub fn write(&self, map: &Map, original: Option<&Path>) -> Result<(), String> {
        std::fs::create_dir_all(&self.folder)
            .map_err(|error| format!("cannot create {}: {error}", self.folder.display()))?;
        let original_text = original
            .map(|path| path.to_string_lossy().into_owned())
            .unwrap_or_default();
        write_atomically(&self.original_path(), original_text.as_bytes())
            .map_err(|error| error.to_string())?;
        write_atomically(&self.map_path(), format::to_string(map).as_bytes())
            .map_err(|error| error.to_string())?;
        Ok(())
    }

    /// Removes the recovery copy (after a save or a clean exit).
    pub fn clear(&self) {
        let _ = std::fs::remove_file(self.map_path());
        let _ = std::fs::remove_file(self.original_path());
    }

    /// The recovery copy left by a session that did not end cleanly. A damaged copy is reported as
    /// an error and left on disk for a person to look at.
    pub fn find(&self) -> Option<Result<Recovered, String>> {
        let path = self.map_path();
        if !path.exists() {
            return None;
        }
        let original = std::fs::read_to_string(self.original_path())
            .ok()
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty())
            .map(PathBuf::from);
        Some(
            format::load_file(&path)
                .map(|map| Recovered { map, original })
                .map_err(|error| {
                    format!(
                        "the recovery file {} cannot be read: {error}",
                        path.display()
                    )
                }),
        )
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
