//! The workshop's rankings: the steps presentation mode walks through, and where the room's dot
//! votes and the data disagree. Pure functions of the map and its report.

use super::{Config, Report};
use crate::model::{Map, TouchPoint, TouchPointId};

/// The touch points presentation mode steps through: those with findings, most severe first.
#[must_use]
pub fn presentation_steps(report: &Report) -> Vec<&TouchPointId> {
    let mut steps: Vec<&TouchPointId> = Vec::new();
    for finding in &report.findings {
        if let Some(id) = &finding.touchpoint
            && !steps.contains(&id)
        {
            steps.push(id);
        }
    }
    steps
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
                "The room worries about {} ({} votes), but the data rates it fine (weakness {weakness:.2}).",
                touchpoint.name, touchpoint.votes
            )),
            None => sentences.push(format!("The room worries about {} ({} votes), but it has no score yet: measure it.", touchpoint.name, touchpoint.votes)),
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
}
