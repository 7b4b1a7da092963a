//! The rules of DESIGN.md, each turning journey facts into findings with a plain-language reason and
//! a suggested action.

use std::cmp::Ordering;

use super::journeys::{Journeys, link_probabilities};
use super::{Config, Finding, Rule, Severity, Summary, TouchPointAnalysis};
use crate::model::{Map, TouchPoint};

fn score_text(score: f64) -> String {
    format!("{score:.1}/5")
}

fn percent(fraction: f64) -> String {
    crate::numbers::percent(fraction)
}

/// A short quote from the evidence, to make a reason concrete.
fn first_quote(touchpoint: &TouchPoint) -> String {
    match touchpoint.evidence.first() {
        Some(quote) => {
            let short: String = quote.chars().take(80).collect();
            let ellipsis = if short.len() < quote.len() { "…" } else { "" };
            format!(" Customers say: \"{short}{ellipsis}\".")
        }
        None => String::new(),
    }
}

pub(super) fn find(
    map: &Map,
    config: &Config,
    journeys: &Journeys<'_>,
    touchpoint_analyses: &[TouchPointAnalysis],
    summary: &Summary,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let costly_limit = costly_limit(&journeys.touchpoints);
    let any_goal_reached =
        (0..journeys.touchpoints.len()).any(|i| journeys.goal[i] && journeys.reachable[i]);

    for (i, touchpoint) in journeys.touchpoints.iter().enumerate() {
        let analysis = &touchpoint_analyses[i];
        let name = &touchpoint.name;
        let weakness = analysis.weakness;
        let mut push = |rule, severity, reason: String, action: String| {
            findings.push(Finding {
                rule,
                touchpoint: Some(touchpoint.id.clone()),
                stage: None,
                severity,
                weakness,
                reason,
                action,
            });
        };

        if let (Some(weakness), Some(score)) = (weakness, touchpoint.score)
            && let Some(severity) = config.severity_of(weakness)
        {
            push(
                Rule::Weak,
                severity,
                format!(
                    "{name} scores {} on a moment that matters {}/5 to customers, and {} of journeys pass through it.{}",
                    score_text(score),
                    touchpoint.importance,
                    percent(analysis.flow),
                    first_quote(touchpoint)
                ),
                format!(
                    "Find out why {name} disappoints, name who fixes it and set a target score before the next campaign."
                ),
            );
        }

        // A bottleneck is a weak spot that no journey can avoid: must-pass, weak itself and below
        // the map's average. A healthy must-pass step (4.4/5 on a map averaging 4.5/5) is not one.
        if analysis.must_pass
            && let (Some(weakness), Some(score), Some(average)) =
                (weakness, touchpoint.score, summary.mean_score)
            && weakness >= config.medium
            && score < average
        {
            let severity = if weakness >= config.high {
                Severity::Critical
            } else {
                Severity::High
            };
            push(
                Rule::Bottleneck,
                severity,
                format!(
                    "Every customer journey passes through {name}, and it scores {} against a map average of {}.",
                    score_text(score),
                    score_text(average)
                ),
                format!(
                    "Fix {name} before driving more traffic: every campaign sends more customers into this weak spot."
                ),
            );
        }

        if !journeys.goal[i] && journeys.outgoing[i].is_empty() {
            push(
                Rule::DeadEnd,
                Severity::High,
                format!(
                    "Customers who reach {name} have nowhere to go next: it is not a goal and no link leads on."
                ),
                format!(
                    "Link {name} to the step customers should take next, or mark it as a goal if the journey succeeds here."
                ),
            );
        }

        if !journeys.reachable[i] {
            push(
                Rule::Unreachable,
                Severity::High,
                format!("No journey from an entry point leads to {name}."),
                format!(
                    "Link {name} from the touch point customers come from, or mark it as an entry."
                ),
            );
        }

        if journeys.entry[i] && !journeys.reaches_goal[i] && !journeys.goal[i] {
            let why = if any_goal_reached || journeys.goal.iter().any(|&g| g) {
                "no path of links leads from it to a goal"
            } else {
                "the map has no goal"
            };
            push(
                Rule::NoGoal,
                Severity::High,
                format!("Customers who start at {name} can never reach a goal: {why}."),
                format!("Add the links that lead from {name} towards a purchase or another goal."),
            );
        }

        let links = &journeys.outgoing[i];
        if !links.is_empty() && links.iter().all(|(_, share)| share.is_some()) {
            let continuing: f64 = link_probabilities(links).iter().sum();
            if continuing < 0.5 {
                let severity = if touchpoint.importance >= 4 {
                    Severity::High
                } else {
                    Severity::Medium
                };
                push(
                    Rule::DropOff,
                    severity,
                    format!(
                        "Only {} of customers at {name} continue along its links; the other {} leave here.",
                        percent(continuing),
                        percent(1.0 - continuing)
                    ),
                    format!(
                        "Find out where customers go after {name} and give them a reason to take the next step."
                    ),
                );
            }
        }

        if let (Some((limit, median)), Some(ratio)) = (costly_limit, cost_per_reach(touchpoint))
            && ratio > limit
        {
            push(
                Rule::Costly,
                Severity::Medium,
                format!(
                    "{name} costs {} per customer reached, more than 3 times the map's median of {}.",
                    money(ratio),
                    money(median)
                ),
                format!(
                    "Review the spend on {name}, or move budget to touch points that reach customers more cheaply."
                ),
            );
        }

        let important = touchpoint.importance >= 4;
        if touchpoint.owner_name().is_none() {
            push(
                Rule::Unowned,
                if important {
                    Severity::Medium
                } else {
                    Severity::Low
                },
                format!("Nobody in the organisation answers for {name}."),
                format!("Name the team or person who owns {name} and its score."),
            );
        }
        if touchpoint.score.is_none() {
            push(
                Rule::Unmeasured,
                if important { Severity::Medium } else { Severity::Low },
                format!("{name} has no score, so nobody knows how well it performs."),
                "Decide how it will be measured (CSAT, reviews, a workshop rating) and record a score.".to_owned(),
            );
        }
    }

    for stage in &summary.stages {
        if stage.touchpoints == 0 {
            findings.push(Finding {
                rule: Rule::EmptyStage,
                touchpoint: None,
                stage: Some(stage.stage.clone()),
                severity: Severity::Low,
                weakness: None,
                reason: format!("The {} stage has no touch point.", stage.stage),
                action: format!(
                    "Add the touch points customers meet during {}, or remove the stage.",
                    stage.stage
                ),
            });
        }
    }

    let stage_position = |finding: &Finding| {
        finding
            .stage
            .as_ref()
            .and_then(|stage| map.stages().iter().position(|s| s == stage))
    };
    findings.sort_by(|a, b| {
        severity_order(
            (a.severity, a.weakness, a.touchpoint.as_ref()),
            (b.severity, b.weakness, b.touchpoint.as_ref()),
        )
        .then_with(|| a.rule.cmp(&b.rule))
        .then_with(|| stage_position(a).cmp(&stage_position(b)))
    });
    findings
}

/// The order of DESIGN.md for findings (analysis and readiness alike): most severe first, then by
/// weakness descending, then by touch point id, touch point findings before map-level ones.
pub(super) fn severity_order(
    a: (Severity, Option<f64>, Option<&crate::model::TouchPointId>),
    b: (Severity, Option<f64>, Option<&crate::model::TouchPointId>),
) -> Ordering {
    b.0.cmp(&a.0)
        .then_with(|| {
            b.1.unwrap_or(-1.0)
                .partial_cmp(&a.1.unwrap_or(-1.0))
                .unwrap_or(Ordering::Equal)
        })
        .then_with(|| match (a.2, b.2) {
            (Some(a), Some(b)) => a.cmp(b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
}

fn cost_per_reach(touchpoint: &TouchPoint) -> Option<f64> {
    let cost = touchpoint.cost.filter(|&cost| cost > 0.0)?;
    let reach = touchpoint.reach.filter(|&reach| reach > 0.0)?;
    Some(cost / reach)
}

/// Three times the median cost per reached customer, and the median.
fn costly_limit(touchpoints: &[&TouchPoint]) -> Option<(f64, f64)> {
    let mut ratios: Vec<f64> = touchpoints
        .iter()
        .filter_map(|t| cost_per_reach(t))
        .collect();
    if ratios.is_empty() {
        return None;
    }
    ratios.sort_by(f64::total_cmp);
    let middle = ratios.len() / 2;
    let median = if ratios.len().is_multiple_of(2) {
        f64::midpoint(ratios[middle - 1], ratios[middle])
    } else {
        ratios[middle]
    };
    Some((3.0 * median, median))
}

fn money(value: f64) -> String {
    crate::numbers::money(value)
}
