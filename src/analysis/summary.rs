//! Map-level figures: the per-stage emotion curve, per-channel scores, the reach-weighted overall
//! score, costs, and the importance–performance quadrant of each touch point.

use std::collections::BTreeMap;

use super::journeys::Journeys;
use super::{ChannelScore, Quadrant, ScoreBasis, StageScore, Summary};
use crate::model::{Map, TouchPoint};

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0_usize), |(sum, count), value| {
        (sum + value, count + 1)
    });
    (count > 0).then(|| sum / count as f64)
}

pub(super) fn summarize(map: &Map, journeys: &Journeys<'_>) -> Summary {
    let touchpoints = &journeys.touchpoints;
    let measured: Vec<&TouchPoint> = touchpoints
        .iter()
        .copied()
        .filter(|t| t.score.is_some())
        .collect();
    let mean_score = mean(measured.iter().filter_map(|t| t.score));
    let mean_importance = mean(measured.iter().map(|t| f64::from(t.importance)));

    // Weighted by reach only when every measured touch point has one: four reaches among
    // fourteen scores would otherwise decide the headline alone.
    let score_reaches: Option<Vec<(f64, f64)>> = measured
        .iter()
        .map(|t| Some((t.score?, t.reach.filter(|&reach| reach > 0.0)?)))
        .collect();
    let (overall_score, overall_basis) = match score_reaches {
        Some(pairs) if !pairs.is_empty() => {
            let (weighted, total) = pairs
                .iter()
                .fold((0.0, 0.0), |(weighted, total), (score, reach)| {
                    (weighted + score * reach, total + reach)
                });
            (Some(weighted / total), ScoreBasis::ReachWeighted)
        }
        _ => (mean_score, ScoreBasis::Mean),
    };

    let stages = map
        .stages()
        .iter()
        .map(|stage| {
            let in_stage = touchpoints
                .iter()
                .filter(|t| t.stage.as_deref() == Some(stage.as_str()));
            StageScore {
                stage: stage.clone(),
                score: mean(in_stage.clone().filter_map(|t| t.score)),
                touchpoints: in_stage.count(),
            }
        })
        .collect();

    let mut by_channel: BTreeMap<&str, (Vec<f64>, usize)> = BTreeMap::new();
    for touchpoint in touchpoints {
        let Some(channel) = touchpoint
            .channel
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        else {
            continue;
        };
        let entry = by_channel.entry(channel).or_default();
        entry.1 += 1;
        if let Some(score) = touchpoint.score {
            entry.0.push(score);
        }
    }
    let channels = by_channel
        .into_iter()
        .map(|(channel, (scores, count))| ChannelScore {
            channel: channel.to_owned(),
            score: mean(scores.into_iter()),
            touchpoints: count,
        })
        .collect();

    // Folded from +0.0: an empty `sum()` of floats is -0.0, which prints as "-0".
    let total_cost = touchpoints
        .iter()
        .filter_map(|t| t.cost)
        .fold(0.0, |sum, cost| sum + cost);
    let reached: f64 = touchpoints
        .iter()
        .enumerate()
        .filter(|&(i, _)| journeys.entry[i])
        .filter_map(|(_, t)| t.reach)
        .sum();
    let reached_customers = (reached > 0.0).then_some(reached);
    Summary {
        overall_score,
        overall_basis,
        mean_score,
        mean_importance,
        stages,
        channels,
        total_cost,
        reached_customers,
        cost_per_customer: reached_customers.map(|reached| total_cost / reached),
        measured: measured.len(),
        touchpoints: touchpoints.len(),
    }
}

/// The quadrant of a measured touch point: important means at or above the mean importance,
/// performing well means at or above the mean score.
pub(super) fn quadrant(touchpoint: &TouchPoint, summary: &Summary) -> Option<Quadrant> {
    let score = touchpoint.score?;
    let important = f64::from(touchpoint.importance) >= summary.mean_importance?;
    let performing = score >= summary.mean_score?;
    Some(match (important, performing) {
        (true, false) => Quadrant::Concentrate,
        (true, true) => Quadrant::KeepUp,
        (false, false) => Quadrant::LowPriority,
        (false, true) => Quadrant::Overkill,
    })
}
