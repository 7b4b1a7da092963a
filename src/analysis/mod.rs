//! The weak-spot pass: `analyze(&Map, &Config) -> Report`. A pure, deterministic function of the map
//! that the GUI, the command line and every export call alike.

mod advice;
mod calendar;
mod findings;
mod journeys;
mod preflight;
mod readiness;
mod report;
mod segments;
mod solve;
mod summary;
mod workshop;

pub use calendar::{Calendar, CalendarDay, CampaignRun, DayLoad, Period, Schedule, calendar};
pub use preflight::{
    CONVERSATIONAL_CHANNELS, CampaignPreflight, CampaignTouchPoint, NOTABLE_SHARE, ObjectiveTotal,
    Preflight, ReadinessFinding, ReadinessRule, Verdict,
};
pub use report::{
    ChannelScore, Config, Finding, FindingGroup, Quadrant, Report, Rule, ScoreBasis, Severity,
    StageScore, Summary, TouchPointAnalysis,
};
pub use segments::{
    SegmentComparison, SegmentDifference, SegmentReport, SegmentSummary, analyze_segments,
};
pub use workshop::{
    Rankings, disagreements, presentation_steps, ranked_by_votes, ranked_by_weakness,
};

use crate::model::Map;
use journeys::Journeys;
pub(crate) use journeys::chain_removal_effects;

/// The performance gap of DESIGN.md, `(5 − score) / 4`: 0 = excellent, 1 = terrible. The one place
/// the formula is written (weakness, exposure and what-if use it).
#[must_use]
pub fn gap(score: f64) -> f64 {
    (5.0 - score) / 4.0
}

/// How weak a touch point is, 0–1: the performance gap, weighted by how much it matters and by how
/// many journeys pass through it. `None` when it has no score.
#[must_use]
pub fn weakness(score: Option<f64>, importance: u8, flow: f64) -> Option<f64> {
    let gap = gap(score?);
    Some(gap * (0.4 + 0.6 * f64::from(importance) / 5.0) * (0.5 + 0.5 * flow))
}

/// Analyses a map: per touch point facts, findings (most severe first) and summaries.
#[must_use]
pub fn analyze(map: &Map, config: &Config) -> Report {
    analyze_journeys(map, config, &Journeys::of(map))
}

/// The analysis and every campaign's pre-flight, on one journey model.
#[must_use]
pub fn analyze_with_preflight(map: &Map, config: &Config) -> (Report, Preflight) {
    analyze_view_with_preflight(map, None, config)
}

/// The analysis of the map as segment `segment` sees it (the whole map for `None`, or for a
/// segment the map lacks) and every campaign's pre-flight on that journey model; a campaign that
/// names a segment of its own moves by that segment's model (DESIGN.md, "Segments").
#[must_use]
pub fn analyze_segment_with_preflight(
    map: &Map,
    segment: Option<&str>,
    config: &Config,
) -> (Report, Preflight) {
    let seen = segment.and_then(|id| map.for_segment(id).map(|view| (id, view)));
    analyze_view_with_preflight(map, seen.as_ref().map(|(id, view)| (*id, view)), config)
}

/// [`analyze_segment_with_preflight`] with the segment's view of the map already made
/// ([`Map::for_segment`]; the editor keeps one while it shows a segment): `shown` is the segment's
/// id and that view, `None` for the map itself.
#[must_use]
pub fn analyze_view_with_preflight(
    map: &Map,
    shown: Option<(&str, &Map)>,
    config: &Config,
) -> (Report, Preflight) {
    let (segment, shown) = shown.map_or((None, map), |(id, view)| (Some(id), view));
    let journeys = Journeys::of(shown);
    let report = analyze_journeys(shown, config, &journeys);
    let preflight = preflight::preflight(
        map,
        config,
        &preflight::View {
            segment,
            map: shown,
            journeys: &journeys,
            report: &report,
        },
    );
    (report, preflight)
}

/// Every campaign's pre-flight alone (it needs the analysis' weaknesses, which it computes too).
#[must_use]
pub fn preflight(map: &Map, config: &Config) -> Preflight {
    if map.plan().campaigns.is_empty() {
        return Preflight::default();
    }
    analyze_with_preflight(map, config).1
}

fn analyze_journeys(map: &Map, config: &Config, journeys: &Journeys<'_>) -> Report {
    let summary = summary::summarize(map, journeys);
    let touchpoints: Vec<TouchPointAnalysis> = journeys
        .touchpoints
        .iter()
        .enumerate()
        .map(|(i, touchpoint)| TouchPointAnalysis {
            id: touchpoint.id.clone(),
            weakness: weakness(touchpoint.score, touchpoint.importance, journeys.flow[i]),
            flow: journeys.flow[i],
            removal_effect: journeys.removal_effect[i],
            must_pass: journeys.must_pass[i],
            evidence: crate::model::EvidenceStrength::of(
                touchpoint.score,
                touchpoint.measured.as_ref(),
            ),
            quadrant: summary::quadrant(touchpoint, &summary),
            entry: journeys.entry[i],
            goal: journeys.goal[i],
            reachable: journeys.reachable[i],
            worst_severity: None,
        })
        .collect();
    let findings = findings::find(map, config, journeys, &touchpoints, &summary);
    let mut touchpoints = touchpoints;
    for finding in &findings {
        if let Some(id) = &finding.touchpoint
            && let Ok(position) = touchpoints.binary_search_by(|analysis| analysis.id.cmp(id))
        {
            let worst = &mut touchpoints[position].worst_severity;
            *worst = (*worst).max(Some(finding.severity));
        }
    }
    Report {
        findings,
        touchpoints,
        summary,
    }
}

#[cfg(test)]
mod tests;
