//! The open map with its file, undo history, saved state and the latest analysis.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::analysis::{Config, Preflight, Report, analyze_segment_with_preflight};
use crate::edit::{Edit, History, MergeKey};
use crate::layout::place_missing;
use crate::model::{Map, ModelError};

/// Maps with at least this many touch points are analysed on another thread after an edit: the
/// window keeps drawing (the previous findings stay on screen, marked as being brought up to date)
/// and the new analysis is shown the frame after it finishes. Smaller maps are analysed at once —
/// under a few milliseconds, less than a frame.
pub const BACKGROUND_ANALYSIS_TOUCHPOINTS: usize = 1_000;

/// An analysis running on another thread, for the map as it was at `revision`.
struct RunningAnalysis {
    revision: u64,
    result: Receiver<(Report, Preflight)>,
}

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
    /// Bounds and lanes of the map as it is (rebuilt on every change, never per frame).
    pub layout: crate::layout::Derived,
    /// Whether a drag changed the map since the last analysis.
    analysis_pending: bool,
    /// The voting panel's rankings of this map and report, computed when first asked for.
    rankings: std::cell::OnceCell<crate::analysis::Rankings>,
    /// Every segment's stage curve (name, then stage index and score), when first asked for after
    /// a change.
    segment_curves: std::cell::OnceCell<Vec<crate::ui::review::SegmentCurve>>,
    /// The touch points presentation mode steps through, once per analysis (not per frame).
    presentation: std::cell::OnceCell<Vec<crate::model::TouchPointId>>,
    /// The weak spots grouped per touch point, as indices into the report's findings (once per
    /// analysis, when the weak-spots list first asks).
    finding_groups: std::cell::OnceCell<Vec<Vec<usize>>>,
    /// The importance–performance chart's dots (once per analysis, when the charts first ask).
    ipa_dots: std::cell::OnceCell<Vec<crate::export::charts::IpaDot>>,
    /// The analysis running in the background for a big map, if any.
    running: Option<RunningAnalysis>,
    /// Counts the analyses installed, so caches built on the report know when it changed.
    analysis_generation: u64,
    /// The file's text as this editor last read or wrote it: the base of a merge when the file
    /// changes on disk, and how the editor tells its own saves from someone else's.
    pub disk: Option<String>,
    /// The segment the editor shows and the map as it sees it (rebuilt with every change); the
    /// report and pre-flight are that map's.
    shown: Option<(String, Map)>,
}

impl Document {
    /// Opens a map; touch points without a position are laid out (this is not an edit: the
    /// positions are derived, and are written with the next save).
    #[must_use]
    pub fn new(mut map: Map, path: Option<PathBuf>, saved: bool) -> Self {
        place_missing(&mut map);
        let (report, preflight) = analyze_segment_with_preflight(&map, None, &Config::today());
        let history = History::default();
        let layout = crate::layout::Derived::of(&map);
        Self {
            saved_revision: saved.then(|| history.revision()),
            map,
            path,
            history,
            layout,
            report,
            preflight,
            analysis_pending: false,
            rankings: std::cell::OnceCell::new(),
            segment_curves: std::cell::OnceCell::new(),
            presentation: std::cell::OnceCell::new(),
            finding_groups: std::cell::OnceCell::new(),
            ipa_dots: std::cell::OnceCell::new(),
            running: None,
            analysis_generation: 0,
            disk: None,
            shown: None,
        }
    }

    /// The map as the editor shows it: as the shown segment sees it, else the map itself. The
    /// panels draw this map and build their edits from it ([`Self::perform_from_view`]).
    #[must_use]
    pub fn shown_map(&self) -> &Map {
        self.shown.as_ref().map_or(&self.map, |(_, map)| map)
    }

    /// The segment the editor shows, if any.
    #[must_use]
    pub fn segment(&self) -> Option<&crate::model::Segment> {
        self.shown.as_ref().and_then(|(id, _)| self.map.segment(id))
    }

    /// Shows a segment (`None`: everyone) and analyses the map as it sees it. Not an edit: which
    /// segment is shown is not saved.
    pub fn show_segment(&mut self, id: Option<&str>) {
        self.shown = id.and_then(|id| self.map.for_segment(id).map(|map| (id.to_owned(), map)));
        self.running = None;
        self.reanalyse();
    }

    /// Applies an edit a panel built from [`Self::shown_map`]: while a segment is shown, the
    /// values it changed become the segment's own (see [`Edit::onto_base`]).
    pub fn perform_from_view(
        &mut self,
        edit: Edit,
        label: &str,
        coalesce: Option<MergeKey>,
        now_secs: f64,
    ) -> Result<(), ModelError> {
        let edit = match &self.shown {
            Some((id, shown)) => edit.onto_base(&self.map, shown, id),
            None => edit,
        };
        self.perform(edit, label, coalesce, now_secs)
    }

    fn analyse_now(&self) -> (Report, Preflight) {
        crate::analysis::analyze_view_with_preflight(
            &self.map,
            self.shown.as_ref().map(|(id, view)| (id.as_str(), view)),
            &Config::today(),
        )
    }

    /// Whether the findings on screen are being brought up to date on another thread.
    #[must_use]
    pub fn is_analysing(&self) -> bool {
        self.running.is_some()
    }

    /// Which analysis the report is (it grows each time a new one is installed).
    #[must_use]
    pub fn analysis_generation(&self) -> u64 {
        self.analysis_generation
    }

    /// Takes a finished background analysis, if one is ready; returns whether the report changed.
    /// Called once a frame.
    pub fn poll_analysis(&mut self) -> bool {
        let Some(running) = &self.running else {
            return false;
        };
        match running.result.try_recv() {
            Ok((report, preflight)) => {
                let current = running.revision == self.history.revision();
                self.running = None;
                if current {
                    self.install(report, preflight);
                } else {
                    // The map changed again since this analysis started.
                    self.reanalyse();
                }
                current
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                // The worker died (it cannot on a valid map): analyse here instead.
                self.running = None;
                let (report, preflight) = self.analyse_now();
                self.install(report, preflight);
                true
            }
        }
    }

    /// Waits for a background analysis, so that a save or export uses the findings of the map
    /// as it is.
    pub fn settle(&mut self) {
        if let Some(running) = self.running.take() {
            match running.result.recv() {
                Ok((report, preflight)) if running.revision == self.history.revision() => {
                    self.install(report, preflight);
                }
                _ => {
                    let (report, preflight) = self.analyse_now();
                    self.install(report, preflight);
                }
            }
        }
    }

    fn install(&mut self, report: Report, preflight: Preflight) {
        self.report = report;
        self.preflight = preflight;
        self.rankings = std::cell::OnceCell::new();
        self.segment_curves = std::cell::OnceCell::new();
        self.presentation = std::cell::OnceCell::new();
        self.finding_groups = std::cell::OnceCell::new();
        self.ipa_dots = std::cell::OnceCell::new();
        self.analysis_generation += 1;
        // What is drawn from the layout (the minimap's colours) is new too.
        self.layout.restamp();
    }

    /// The touch points presentation mode steps through (once per analysis, when first asked
    /// for).
    pub fn presentation_steps(&self) -> &[crate::model::TouchPointId] {
        self.presentation.get_or_init(|| {
            crate::analysis::presentation_steps(&self.report)
                .into_iter()
                .cloned()
                .collect()
        })
    }

    /// The report's findings grouped per touch point ([`crate::analysis::Report::group_indices`]),
    /// once per analysis.
    pub fn finding_groups(&self) -> &[Vec<usize>] {
        self.finding_groups
            .get_or_init(|| self.report.group_indices())
    }

    /// The importance–performance chart's dots for the map shown, once per analysis (17,000 on a
    /// 20,000-card map, each with its name: built per frame they cost the charts 2 ms).
    pub fn ipa_dots(&self) -> &[crate::export::charts::IpaDot] {
        self.ipa_dots
            .get_or_init(|| crate::export::charts::ipa_dots(self.shown_map(), &self.report))
    }

    /// Every segment's stage curve, for the chart's overlay: each segment's whole analysis, once
    /// per change and only when the overlay is shown.
    pub fn segment_curves(&self) -> &[crate::ui::review::SegmentCurve] {
        self.segment_curves.get_or_init(|| {
            crate::analysis::analyze_segments(&self.map, &Config::today())
                .into_iter()
                .map(|segment| crate::ui::review::SegmentCurve {
                    name: self
                        .map
                        .segment(&segment.id)
                        .map_or(segment.id.clone(), |s| s.name.clone()),
                    points: crate::ui::review::stage_points(&segment.report),
                })
                .collect()
        })
    }

    /// The room's and the data's rankings (once per analysis, when first asked for).
    pub fn rankings(&self) -> &crate::analysis::Rankings {
        self.rankings
            .get_or_init(|| crate::analysis::Rankings::of(self.shown_map(), &self.report))
    }

    /// Whether the map differs from the saved file.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.saved_revision != Some(self.history.revision())
    }

    /// Records that the map was just saved to `path` as `text`.
    pub fn mark_saved(&mut self, path: PathBuf, text: String) {
        self.path = Some(path);
        self.saved_revision = Some(self.history.revision());
        self.disk = Some(text);
    }

    /// Records that the map as it is now matches the file's `text` (reloaded from disk).
    pub fn mark_in_step_with(&mut self, text: String) {
        self.saved_revision = Some(self.history.revision());
        self.disk = Some(text);
    }

    /// Records that the file no longer holds this map (deleted, or changed and not taken in), so
    /// closing asks before the map is lost.
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = None;
    }

    /// Applies an edit through the history and re-runs the analysis (deferred during a drag, which
    /// only moves cards, until the drag ends).
    pub fn perform(
        &mut self,
        edit: Edit,
        label: &str,
        coalesce: Option<MergeKey>,
        now_secs: f64,
    ) -> Result<(), ModelError> {
        let dragging = coalesce.as_ref().is_some_and(MergeKey::is_drag);
        self.history
            .perform(&mut self.map, edit, label, coalesce, now_secs)?;
        self.layout = crate::layout::Derived::of(&self.map);
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
        self.layout = crate::layout::Derived::of(&self.map);
        self.analysis_pending = false;
        // The segment's view follows the map; a segment the map no longer has shows everyone.
        self.shown = self
            .shown
            .take()
            .and_then(|(id, _)| self.map.for_segment(&id).map(|map| (id, map)));
        if self.map.touchpoint_count() >= BACKGROUND_ANALYSIS_TOUCHPOINTS {
            if self.running.is_some() {
                // One analysis at a time (a big tangle's removal effects take every core for
                // seconds): when the running one arrives, `poll_analysis` sees that the map
                // changed since it started and analyses the map as it is then.
                return;
            }
            let (sender, result) = channel();
            let map = self.map.clone();
            let segment = self.shown.as_ref().map(|(id, _)| id.clone());
            std::thread::spawn(move || {
                let _ = sender.send(analyze_segment_with_preflight(
                    &map,
                    segment.as_deref(),
                    &Config::today(),
                ));
            });
            self.running = Some(RunningAnalysis {
                revision: self.history.revision(),
                result,
            });
        } else {
            self.running = None;
            let (report, preflight) = self.analyse_now();
            self.install(report, preflight);
        }
    }

    /// Whether the map has a file (it was opened or saved).
    #[must_use]
    pub fn has_file(&self) -> bool {
        self.path.is_some()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TouchPoint, TouchPointId};

    #[test]
    fn a_big_map_is_analysed_in_the_background_and_the_result_follows_undo() {
        let map = crate::synthetic::synthetic_map(BACKGROUND_ANALYSIS_TOUCHPOINTS, 3);
        let mut document = Document::new(map, None, true);
        let before = document.report.clone();
        let generation = document.analysis_generation();
        // Unmeasure the weakest measured touch point: its findings must go.
        let (_, weakest) = crate::analysis::ranked_by_weakness(&document.report)[0];
        let mut changed = document.map.touchpoint(weakest).expect("exists").clone();
        changed.score = None;
        let id = changed.id.clone();
        document
            .perform(Edit::UpdateTouchPoint(changed), "Unmeasure", None, 0.0)
            .expect("valid");
        assert!(
            document.is_analysing(),
            "the edit did not block on the analysis"
        );
        assert_eq!(
            document.report, before,
            "the old findings stay until the new ones arrive"
        );
        let started = std::time::Instant::now();
        while !document.poll_analysis() {
            assert!(started.elapsed().as_secs() < 60, "the analysis arrives");
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert!(!document.is_analysing());
        assert!(document.analysis_generation() > generation);
        let after = crate::analysis::analyze(&document.map, &Config::default());
        assert_eq!(
            document.report, after,
            "the installed report is the map's as it is now"
        );
        assert!(
            document
                .report
                .touchpoint(&id)
                .is_some_and(|a| a.weakness.is_none())
        );

        // Undo runs a new background analysis; settling waits for it (as a save or export does).
        document.undo().expect("undo");
        document.settle();
        assert_eq!(document.report, before, "undo brings the old findings back");
    }

    #[test]
    fn the_rankings_follow_every_edit_and_undo() {
        let mut map = Map::new("T");
        for (id, score) in [("a", 1.5), ("b", 4.5)] {
            let mut touchpoint = TouchPoint::new(TouchPointId::new(id).expect("id"), id);
            touchpoint.score = Some(score);
            map.add_touchpoint(touchpoint).expect("valid");
        }
        let mut document = Document::new(map, None, true);
        assert_eq!(document.rankings().votes_cast, 0);
        let mut voted = document
            .map
            .touchpoint(&TouchPointId::new("b").expect("id"))
            .expect("b")
            .clone();
        voted.votes = 3;
        document
            .perform(Edit::UpdateTouchPoint(voted), "Vote", None, 0.0)
            .expect("valid");
        let rankings = document.rankings();
        assert_eq!(rankings.votes_cast, 3);
        assert_eq!(rankings.by_votes, [("b".to_owned(), 3)]);
        assert_eq!(rankings.by_weakness[0].0, "a", "the data points at a");
        assert!(
            rankings.disagreements[0].starts_with("The room worries about b (3 votes)"),
            "{:?}",
            rankings.disagreements
        );
        document.undo().expect("undo");
        assert_eq!(document.rankings().votes_cast, 0);
        assert!(document.rankings().by_votes.is_empty());
    }

    #[test]
    fn the_weak_spot_groups_are_kept_per_analysis_and_follow_every_edit_and_undo() {
        // a → b, both scored; a is weak.
        let mut map = Map::new("T");
        let stages = map.stages().to_vec();
        for (id, score, stage) in [("a", 1.5, &stages[0]), ("b", 4.5, &stages[2])] {
            let mut touchpoint = TouchPoint::new(TouchPointId::new(id).expect("id"), id);
            touchpoint.score = Some(score);
            touchpoint.stage = Some(stage.clone());
            map.add_touchpoint(touchpoint).expect("valid");
        }
        let (a, b) = (
            TouchPointId::new("a").expect("id"),
            TouchPointId::new("b").expect("id"),
        );
        map.add_link(&a, &b, crate::model::Link::default())
            .expect("valid");
        let mut document = Document::new(map, None, true);
        let before = document.finding_groups().to_vec();
        assert_eq!(before, document.report.group_indices());
        // Asked again in the next frame: the same list, not a new one.
        assert!(std::ptr::eq(
            document.finding_groups(),
            document.finding_groups()
        ));
        // Whether the list shows `id` as weak.
        let about = |document: &Document, id: &TouchPointId| {
            document.finding_groups().iter().any(|g| {
                let group = document.report.group(g);
                group.touchpoint == Some(id)
                    && group
                        .findings
                        .iter()
                        .any(|f| f.rule == crate::analysis::Rule::Weak)
            })
        };
        assert!(about(&document, &a), "a is weak");
        assert!(!about(&document, &b), "b is fine");
        // Scoring b 1 makes it weak too: a new analysis, new groups.
        let mut weak = document.map.touchpoint(&b).expect("b").clone();
        weak.score = Some(1.0);
        document
            .perform(Edit::UpdateTouchPoint(weak), "Score", None, 0.0)
            .expect("valid");
        assert_eq!(document.finding_groups(), document.report.group_indices());
        assert!(about(&document, &b), "b is weak now");
        // The chart's dots are kept the same way, and follow the edit: b's score is 1 now.
        assert!(std::ptr::eq(document.ipa_dots(), document.ipa_dots()));
        assert_eq!(
            document.ipa_dots(),
            crate::export::charts::ipa_dots(&document.map, &document.report).as_slice()
        );
        let b_dot = document.ipa_dots().iter().find(|dot| dot.id == b);
        assert_eq!(b_dot.map(|dot| dot.score), Some(1.0));
        document.undo().expect("undo");
        assert_eq!(document.finding_groups(), before.as_slice());
        assert!(!about(&document, &b));
    }

    #[test]
    fn the_derived_layout_follows_every_edit_and_undo() {
        let mut map = Map::new("T");
        let mut touchpoint = TouchPoint::new(TouchPointId::new("a").expect("id"), "A");
        touchpoint.pos = Some([40.0, 120.0]);
        map.add_touchpoint(touchpoint.clone()).expect("valid");
        let mut document = Document::new(map, None, true);
        let before = document.layout.bounds;
        let lanes_before = document.layout.lanes(&document.map).lanes.len();

        // Move the card far down: the bounds grow at once, without any frame drawn.
        touchpoint.pos = Some([40.0, 5_000.0]);
        touchpoint.owner = Some("Logistics".into());
        document
            .perform(Edit::UpdateTouchPoint(touchpoint), "Move", None, 0.0)
            .expect("valid");
        assert!(document.layout.bounds.height > before.height + 4_000.0);
        assert!(
            document
                .layout
                .lanes(&document.map)
                .lanes
                .iter()
                .any(|lane| lane.owner.as_deref() == Some("Logistics")),
            "the lanes know the new owner"
        );

        // Undo: back to the old bounds and lanes.
        document.undo().expect("undoes");
        assert_eq!(document.layout.bounds, before);
        assert_eq!(
            document.layout.lanes(&document.map).lanes.len(),
            lanes_before
        );
    }
}
