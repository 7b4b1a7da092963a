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
