//! The open map with its file, undo history, saved state and the latest analysis.

use std::path::PathBuf;

use crate::analysis::{Config, Preflight, Report, analyze_with_preflight};
use crate::edit::{Edit, History, STICKY};
use crate::layout::place_missing;
use crate::model::{Map, ModelError};

/// The map being edited.
pub struct Document {
    /// The map.
    pub map: Map,
    /// Where it is saved; `None` for a map never saved.
    pub path: Option<PathBuf>,
    /// Undo and redo.
    pub history: History,
    /// The history revision at the last save; `None` when the map has never been saved as it is.
    saved_revision: Option<u64>,
    /// The weak-spot analysis of the map as it is (re-run after each edit, not each frame).
    pub report: Report,
    /// Every campaign's pre-flight, computed with the report on the same journey model.
    pub preflight: Preflight,
    /// Whether a drag changed the map since the last analysis.
    analysis_pending: bool,
}

impl Document {
    /// Opens a map; touch points without a position are laid out (this is not an edit: the
    /// positions are derived, and are written with the next save).
    #[must_use]
    pub fn new(mut map: Map, path: Option<PathBuf>, saved: bool) -> Self {
        place_missing(&mut map);
        let (report, preflight) = analyze_with_preflight(&map, &Config::default());
        let history = History::default();
        Self {
            saved_revision: saved.then(|| history.revision()),
            map,
            path,
            history,
            report,
            preflight,
            analysis_pending: false,
        }
    }

    /// Whether the map differs from the saved file.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.saved_revision != Some(self.history.revision())
    }

    /// Records that the map was just saved to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_revision = Some(self.history.revision());
    }

    /// Applies an edit through the history and re-runs the analysis (deferred during a drag, which
    /// only moves cards, until the drag ends).
    pub fn perform(
        &mut self,
        edit: Edit,
        label: &str,
        coalesce: Option<String>,
        now_secs: f64,
    ) -> Result<(), ModelError> {
        let dragging = coalesce
            .as_deref()
            .is_some_and(|key| key.starts_with(&format!("{STICKY}drag:")));
        self.history
            .perform(&mut self.map, edit, label, coalesce, now_secs)?;
        if dragging {
            self.analysis_pending = true;
        } else {
            self.reanalyse();
        }
        Ok(())
    }

    /// Ends a drag or typing burst; runs an analysis a drag deferred.
    pub fn seal(&mut self) {
        self.history.seal();
        if self.analysis_pending {
            self.reanalyse();
        }
    }

    /// Undoes the last step.
    pub fn undo(&mut self) -> Result<Option<String>, ModelError> {
        let label = self.history.undo(&mut self.map)?;
        self.reanalyse();
        Ok(label)
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self) -> Result<Option<String>, ModelError> {
        let label = self.history.redo(&mut self.map)?;
        self.reanalyse();
        Ok(label)
    }

    fn reanalyse(&mut self) {
        (self.report, self.preflight) = analyze_with_preflight(&self.map, &Config::default());
        self.analysis_pending = false;
    }

    /// The file name for the window title.
    #[must_use]
    pub fn file_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|path| path.file_name())
            .map_or_else(
                || "not saved yet".to_owned(),
                |name| name.to_string_lossy().into_owned(),
            )
    }
}
