//! The workshop's rankings: the steps presentation mode walks through, and where the room's dot
//! votes and the data disagree. Pure functions of the map and its report.

use super::{Config, Report};
use crate::model::{Map, TouchPoint, TouchPointId};

/// The touch points presentation mode steps through: those with findings, most severe first
/// (each once, in the order of its first finding; linear in the findings — the list was
/// searched for every finding, which on 20,000 cards was quadratic).
#[must_use]
pub fn presentation_steps(report: &Report) -> Vec<&TouchPointId> {
    let mut seen: std::collections::HashSet<&TouchPointId> = std::collections::HashSet::new();
    report
        .findings
        .iter()
        .filter_map(|finding| finding.touchpoint.as_ref())
        .filter(|id| seen.insert(*id))
        .collect()
}

/// The touch points with votes, most votes first.
#[must_use]
pub fn ranked_by_votes(map: &Map) -> Vec<&TouchPoint> {
    let mut ranked: Vec<_> = map
        .touchpoints()
        .into_iter()
        .filter(|t| t.votes > 0)
        .collect();
    ranked.sort_by(|a, b| b.votes.cmp(&a.votes).then_with(|| a.id.cmp(&b.id)));
    ranked
}

/// The measured touch points as (weakness, id), weakest first.
#[must_use]
pub fn ranked_by_weakness(report: &Report) -> Vec<(f64, &TouchPointId)> {
    let mut ranked: Vec<_> = report
        .touchpoints
        .iter()
        .filter_map(|a| Some((a.weakness?, &a.id)))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    ranked
}

/// What the voting panel shows, computed once per revision (the two sorts and the sentences), not
/// on every frame the panel is open.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rankings {
    /// Votes cast in the room.
    pub votes_cast: u32,
    /// The room's top eight as (name, votes), most votes first.
    pub by_votes: Vec<(String, u32)>,
    /// The data's top eight as (name, weakness), weakest first.
    pub by_weakness: Vec<(String, f64)>,
    /// Where the room and the data disagree.
    pub disagreements: Vec<String>,
}

impl Rankings {
    /// How many of each ranking the panel lists.
    pub const SHOWN: usize = 8;

    /// The rankings of a map and its report.
    #[must_use]
    pub fn of(map: &Map, report: &Report) -> Self {
        Self {
            votes_cast: map.graph().node_weights().map(|t| t.votes).sum(),
            by_votes: ranked_by_votes(map)
                .into_iter()
                .take(Self::SHOWN)
                .map(|t| (t.name.clone(), t.votes))
                .collect(),
            by_weakness: ranked_by_weakness(report)
                .into_iter()
                .take(Self::SHOWN)
                .map(|(weakness, id)| (map.name_of(id), weakness))
                .collect(),
            disagreements: disagreements(map, report),
        }
    }
}

/// Where the room and the data disagree, as sentences.
#[must_use]
pub fn disagreements(map: &Map, report: &Report) -> Vec<String> {
    let by_votes = ranked_by_votes(map);
    let by_weakness = ranked_by_weakness(report);
    let medium = Config::default().medium;
    let mut sentences = Vec::new();
    for touchpoint in by_votes.iter().take(5) {
        let weakness = report.touchpoint(&touchpoint.id).and_then(|a| a.weakness);
        match weakness {
            Some(weakness) if weakness < medium => sentences.push(format!(
                "The room worries about {} ({}), but the data rates it fine (weakness {weakness:.2}).",
                touchpoint.name, crate::numbers::count(touchpoint.votes as usize, "vote", "votes")
            )),
            None => sentences.push(format!(
                "The room worries about {} ({}), but it has no score yet: measure it.",
                touchpoint.name,
                crate::numbers::count(touchpoint.votes as usize, "vote", "votes")
            )),
            _ => {}
        }
    }
    for (weakness, id) in by_weakness.iter().take(5) {
        if *weakness < medium {
            break;
        }
        if let Some(touchpoint) = map.touchpoint(id)
            && touchpoint.votes == 0
        {
            sentences.push(format!(
                "The data points at {} (weakness {weakness:.2}), but nobody voted for it.",
                touchpoint.name
            ));
        }
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_room_and_the_data_disagree_out_loud() {
        let mut map =
            crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example");
        let mut ad = map
            .touchpoint(&TouchPointId::new("instagram-ad").expect("valid"))
            .expect("exists")
            .clone();
        ad.votes = 6;
        map.update_touchpoint(ad).expect("valid");
        let report = crate::analysis::analyze(&map, &Config::default());
        let sentences = disagreements(&map, &report);
        assert!(
            sentences
                .iter()
                .any(|s| s.starts_with("The room worries about Instagram ad (6 votes)")),
            "{sentences:?}"
        );
        assert!(
            sentences
                .iter()
                .any(|s| s.starts_with("The data points at Courier delivery")),
            "{sentences:?}"
        );
    }

    #[test]
    fn presentation_steps_are_the_touch_points_with_findings_once_each_most_severe_first() {
        let map = crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example");
        let report = crate::analysis::analyze(&map, &Config::default());
        let steps = presentation_steps(&report);
        // In the order of each touch point's first finding, which are most severe first.
        let mut expected: Vec<&TouchPointId> = Vec::new();
        for finding in &report.findings {
            if let Some(id) = &finding.touchpoint
                && !expected.contains(&id)
            {
                expected.push(id);
            }
        }
        assert_eq!(steps, expected);
        assert_eq!(steps[0].as_str(), "delivery", "the critical one first");
        let unique: std::collections::HashSet<_> = steps.iter().collect();
        assert_eq!(unique.len(), steps.len(), "each once");
    }
}
