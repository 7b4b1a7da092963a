//! Every segment's whole analysis (DESIGN.md, "Segments"): the map as each segment sees it
//! ([`Map::for_segment`]), analysed side by side on the cores.

use super::{Config, Report, analyze};
use crate::model::Map;

/// One segment's analysis: its id, the map as it sees it, and the report.
pub struct SegmentReport {
    /// The segment's id.
    pub id: String,
    /// The map with the segment's values.
    pub map: Map,
    /// The whole analysis of that map.
    pub report: Report,
}

/// Analyses every segment of the map, in the map's order (empty when it has none).
#[must_use]
pub fn analyze_segments(map: &Map, config: &Config) -> Vec<SegmentReport> {
    std::thread::scope(|scope| {
        let runs: Vec<_> = map
            .segments()
            .iter()
            .map(|segment| {
                scope.spawn(move || {
                    let view = map.for_segment(&segment.id).unwrap_or_else(|| map.clone());
                    let report = analyze(&view, config);
                    SegmentReport {
                        id: segment.id.clone(),
                        map: view,
                        report,
                    }
                })
            })
            .collect();
        runs.into_iter().filter_map(|run| run.join().ok()).collect()
    })
}

/// How many weak spots per segment a comparison names.
pub const TOP_WEAK_SPOTS: usize = 3;
/// How many touch points a comparison lists where the segments differ most.
pub const MOST_DIFFERENT: usize = 10;

/// One segment in a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentSummary {
    /// The segment's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its share of customers: its weight over all weights (an absent weight counts 1).
    pub share: f64,
    /// The overall score with its basis ("3.4/5, average of 24 scores").
    pub overall: String,
    /// Its most severe weak spots: severity and touch point name, at most [`TOP_WEAK_SPOTS`].
    pub weak_spots: Vec<(super::Severity, String)>,
}

/// A touch point whose weakness differs between the segments.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentDifference {
    /// The touch point.
    pub id: crate::model::TouchPointId,
    /// The touch point's name.
    pub name: String,
    /// Its weakness in each segment, in the segments' order (`None`: not scored there).
    pub weakness: Vec<Option<f64>>,
    /// The widest gap between two segments' weaknesses.
    pub spread: f64,
}

/// The segments side by side (DESIGN.md, "Segments"), for the command line and the reports.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentComparison {
    /// Per segment, in the map's order.
    pub segments: Vec<SegmentSummary>,
    /// The touch points where the segments differ most, widest first, at most [`MOST_DIFFERENT`]
    /// (a spread under 0.01, which rounds away in two decimals, is no difference).
    pub differences: Vec<SegmentDifference>,
    /// Whether any touch point is scored in two segments at all (else nothing can differ).
    pub comparable: bool,
}

impl SegmentComparison {
    /// Every segment of `map` analysed and compared; `None` for a map without segments.
    #[must_use]
    pub fn of(map: &Map, config: &Config) -> Option<Self> {
        if map.segments().is_empty() {
            return None;
        }
        Some(Self::from_reports(map, &analyze_segments(map, config)))
    }

    /// The comparison of segment analyses already made ([`analyze_segments`]).
    #[must_use]
    pub fn from_reports(map: &Map, reports: &[SegmentReport]) -> Self {
        let weight = |id: &str| map.segment(id).and_then(|s| s.weight).unwrap_or(1.0);
        let total: f64 = reports.iter().map(|run| weight(&run.id)).sum();
        let segments = reports
            .iter()
            .map(|run| SegmentSummary {
                id: run.id.clone(),
                name: map
                    .segment(&run.id)
                    .map_or_else(|| run.id.clone(), |s| s.name.clone()),
                share: if total > 0.0 {
                    weight(&run.id) / total
                } else {
                    0.0
                },
                overall: run.report.summary.overall_text(),
                weak_spots: run
                    .report
                    .grouped()
                    .into_iter()
                    .filter_map(|group| Some((group.severity, run.map.name_of(group.touchpoint?))))
                    .take(TOP_WEAK_SPOTS)
                    .collect(),
            })
            .collect();
        let mut comparable = false;
        let mut differences: Vec<SegmentDifference> = map
            .touchpoints()
            .into_iter()
            .filter_map(|touchpoint| {
                let weakness: Vec<Option<f64>> = reports
                    .iter()
                    .map(|run| {
                        run.report
                            .touchpoint(&touchpoint.id)
                            .and_then(|analysis| analysis.weakness)
                    })
                    .collect();
                let known: Vec<f64> = weakness.iter().flatten().copied().collect();
                if known.len() < 2 {
                    return None;
                }
                comparable = true;
                let spread = known.iter().copied().fold(f64::MIN, f64::max)
                    - known.iter().copied().fold(f64::MAX, f64::min);
                (spread >= 0.01).then(|| SegmentDifference {
                    id: touchpoint.id.clone(),
                    name: touchpoint.name.clone(),
                    weakness,
                    spread,
                })
            })
            .collect();
        differences.sort_by(|a, b| b.spread.total_cmp(&a.spread).then_with(|| a.id.cmp(&b.id)));
        differences.truncate(MOST_DIFFERENT);
        Self {
            segments,
            differences,
            comparable,
        }
    }
}
