//! One function per readiness rule: when it fires, its severity, its reason and its action.

use super::{
    Context, GUESSED_GOAL_SHARE, GUESSED_ROI, NOTABLE_SHARE, ReadinessFinding, ReadinessRule,
    is_conversational, quote,
};
use crate::analysis::Severity;
use crate::analysis::advice::{what_to_check, who_to_ask};
use crate::analysis::journeys::link_probabilities;
use crate::model::TouchPoint;
use crate::numbers::percent;
use crate::numbers::{hours, money, whole};

pub(super) fn misses_goal(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
    if context.facts.goal_visits > 1e-12 {
        return;
    }
    let name = &context.campaign.name;
    let goal_name = context.goal_name();
    let touchpoints = &context.journeys.touchpoints;
    let starts: Vec<usize> = (0..context.facts.start.len())
        .filter(|&i| context.facts.start[i] > 0.0)
        .collect();
    let why = match context
        .facts
        .goal
        .and_then(|goal| context.journeys.untaken_links_towards(&starts, goal))
    {
        None => "no path of links leads there from its channels".to_owned(),
        Some(untaken) if untaken.is_empty() => {
            "its customers leave before they get there".to_owned()
        }
        Some(untaken) => {
            let named: Vec<String> = untaken
                .iter()
                .take(3)
                .map(|&(from, to)| format!("{} → {}", touchpoints[from].name, touchpoints[to].name))
                .collect();
            let more = if untaken.len() > 3 {
                format!(" and {} more", untaken.len() - 3)
            } else {
                String::new()
            };
            format!(
                "links lead there, but customers take none of them: {}{more} carry a share of 0 (or none is left by the other links)",
                named.join(", ")
            )
        }
    };
    let channels: Vec<String> = context
        .campaign
        .channels
        .iter()
        .map(|id| context.map.name_of(id))
        .collect();
    findings.push(ReadinessFinding {
        rule: ReadinessRule::MissesGoal,
        touchpoint: None,
        severity: Severity::Critical,
        reason: format!("None of {name}'s customers can reach {goal_name}: {why}."),
        action: format!(
            "Check the shares of the links from {} towards {goal_name} against what customers do, or bring the campaign in where customers go on to {goal_name}.",
            channels.join(", ")
        ),
        weakness: None,
    });
}

pub(super) fn amplified_weak_spots(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
    let name = &context.campaign.name;
    for (i, touchpoint) in context.journeys.touchpoints.iter().enumerate() {
        if context.share(i) < NOTABLE_SHARE {
            continue;
        }
        let (Some(weakness), Some(score)) = (context.weakness(&touchpoint.id), touchpoint.score)
        else {
            continue;
        };
        if weakness < context.config.high {
            continue;
        }
        let severity = if weakness >= context.config.critical {
            Severity::Critical
        } else {
            Severity::High
        };
        findings.push(ReadinessFinding {
            rule: ReadinessRule::AmplifiedWeakSpot,
            touchpoint: Some(touchpoint.id.clone()),
            severity,
            reason: format!(
                "{name} {} through {}, which scores {}{}.",
                context.sends(i),
                touchpoint.name,
                crate::numbers::score(score),
                quote(touchpoint)
            ),
            action: format!(
                "Fix {} before the campaign starts — {}; {} — or aim the campaign at customers who skip it.",
                touchpoint.name,
                what_to_check(touchpoint),
                who_to_ask(touchpoint)
            ),
            weakness: Some(weakness),
        });
    }
}

pub(super) fn slow_response(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
    let Some(needed) = context.campaign.response_hours else {
        return;
    };
    let name = &context.campaign.name;
    for (i, touchpoint) in context.journeys.touchpoints.iter().enumerate() {
        let Some(today) = touchpoint.response_hours else {
            continue;
        };
        if today <= needed || context.share(i) < NOTABLE_SHARE {
            continue;
        }
        let staff = touchpoint
            .owner_name()
            .map_or_else(String::new, |owner| format!(" ({owner})"));
        findings.push(ReadinessFinding {
            rule: ReadinessRule::SlowResponse,
            touchpoint: Some(touchpoint.id.clone()),
            severity: Severity::High,
            reason: format!(
                "{name} promises answers within {}, but {} answers in {}, and the campaign {} through it.",
                hours(needed),
                touchpoint.name,
                hours(today),
                context.sends(i)
            ),
            action: format!(
                "Staff {}{staff} to answer within {} for the campaign's run (today it takes {}), or promise {} in the campaign.",
                touchpoint.name,
                hours(needed),
                hours(today),
                hours(today)
            ),
            weakness: context.weakness(&touchpoint.id),
        });
    }
}

pub(super) fn unknown_response(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
    let Some(needed) = context.campaign.response_hours else {
        return;
    };
    let silent: Vec<(usize, &TouchPoint)> = context
        .journeys
        .touchpoints
        .iter()
        .enumerate()
        .filter(|&(i, touchpoint)| {
            touchpoint.response_hours.is_none()
                && is_conversational(touchpoint.channel.as_deref())
                && context.share(i) >= NOTABLE_SHARE
        })
        .map(|(i, touchpoint)| (i, *touchpoint))
        .collect();
    if silent.is_empty() {
        return;
    }
    let named: Vec<String> = silent
        .iter()
        .map(|&(i, touchpoint)| {
            format!(
                "{} ({}, {})",
                touchpoint.name,
                touchpoint.channel.as_deref().unwrap_or_default().trim(),
                percent(context.share(i))
            )
        })
        .collect();
    let mut owners: Vec<&str> = silent
        .iter()
        .filter_map(|(_, touchpoint)| touchpoint.owner_name())
        .collect();
    owners.sort_unstable();
    owners.dedup();
    let whom = if owners.is_empty() {
        "whoever will answer there (nobody owns them yet)".to_owned()
    } else {
        owners.join(", ")
    };
    findings.push(ReadinessFinding {
        rule: ReadinessRule::UnknownResponse,
        touchpoint: None,
        severity: Severity::Medium,
        reason: format!(
            "{} promises answers within {}, but nobody has agreed how fast customers are answered at {}.",
            context.campaign.name,
            hours(needed),
            named.join(", ")
        ),
        action: format!(
            "Agree with {whom} how fast each of these answers during the campaign, and write it in their response time."
        ),
        weakness: None,
    });
}

pub(super) fn unowned_channels(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
    for channel in &context.campaign.channels {
        let Some(touchpoint) = context.map.touchpoint(channel) else {
            continue;
        };
        if touchpoint.owner_name().is_some() {
            continue;
        }
        let kind = touchpoint
            .channel
            .as_deref()
            .map(str::trim)
            .filter(|kind| !kind.is_empty())
            .map_or_else(String::new, |kind| format!(" ({kind})"));
        findings.push(ReadinessFinding {
            rule: ReadinessRule::UnownedChannel,
            touchpoint: Some(channel.clone()),
            severity: Severity::High,
            reason: format!(
                "{} brings customers in at {}{kind}, and nobody in the organisation owns it.",
                context.campaign.name, touchpoint.name
            ),
            action: format!(
                "Name the team that publishes {} and answers the customers it brings before the first day of the campaign.",
                touchpoint.name
            ),
            weakness: context.weakness(channel),
        });
    }
}

pub(super) fn unprofitable(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
    let Some(value) = context.objective().and_then(|objective| objective.value) else {
        return;
    };
    let (budget, goal_reached) = (context.campaign.budget, context.numbers.goal_reached);
    if budget <= 0.0 || goal_reached * value >= budget {
        return;
    }
    let break_even = budget / value.max(f64::MIN_POSITIVE);
    let leak = context.numbers.biggest_leaks(1).first().map_or_else(
        || "the leaks on the way".to_owned(),
        |leak| {
            format!(
                "the biggest leak, {} ({} customers lost there)",
                context.map.name_of(&leak.id),
                whole(leak.lost)
            )
        },
    );
    findings.push(ReadinessFinding {
        rule: ReadinessRule::Unprofitable,
        touchpoint: None,
        severity: Severity::High,
        reason: format!(
            "{} is expected to bring {} goals worth {} in all, less than its budget of {}.",
            context.campaign.name,
            whole(goal_reached),
            money(goal_reached * value),
            money(budget)
        ),
        action: if value > 0.0 {
            format!(
                "It needs {} goals at {} each to break even: fix {leak}, or cut the budget to {}.",
                whole(break_even.ceil()),
                money(value),
                money(goal_reached * value)
            )
        } else {
            "The objective's goal is worth 0: give it a value, or fund the campaign from another objective.".to_owned()
        },
        weakness: None,
    });
}

pub(super) fn overloaded(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
    let plan = context.map.plan();
    for overload in context.overloads.of_campaign(context.index) {
        let touchpoint = context.journeys.touchpoints[overload.touchpoint];
        let capacity = touchpoint.capacity_per_day.unwrap_or_default();
        let severity = if overload.peak > 2.0 * capacity {
            Severity::Critical
        } else {
            Severity::High
        };
        let names: Vec<&str> = overload
            .peak_campaigns
            .iter()
            .map(|&c| plan.campaigns[c].name.as_str())
            .collect();
        let together = match names.as_slice() {
            [] | [_] => format!("from {} alone", context.campaign.name),
            [rest @ .., last] => format!("with {} and {last} running together", rest.join(", ")),
        };
        let days = if overload.first == overload.last {
            format!("on {}", overload.first.short())
        } else {
            format!(
                "from {} to {}",
                overload.first.short(),
                overload.last.short()
            )
        };
        let others: Vec<&str> = names
            .iter()
            .copied()
            .filter(|&other| other != context.campaign.name)
            .collect();
        let spread = if others.is_empty() {
            format!("spread {} over more days", context.campaign.name)
        } else {
            format!(
                "move {} apart from {}",
                others.join(", "),
                context.campaign.name
            )
        };
        findings.push(ReadinessFinding {
            rule: ReadinessRule::Overloaded,
            touchpoint: Some(touchpoint.id.clone()),
            severity,
            reason: format!(
                "{} gets up to {} extra customers a day {days}, {together}; it can take {}.",
                touchpoint.name,
                whole(overload.peak),
                whole(capacity)
            ),
            action: format!(
                "{}, or agree {} more a day at {} for those days ({}).",
                capitalised(&spread),
                whole((overload.peak - capacity).ceil()),
                touchpoint.name,
                who_to_ask(touchpoint)
            ),
            weakness: context.weakness(&touchpoint.id),
        });
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

pub(super) fn misses_target(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
    if context.numbers.meets_target != Some(false) {
        return;
    }
    let Some(objective) = context.objective() else {
        return;
    };
    let (baseline, target) = (
        objective.baseline.unwrap_or_default(),
        objective.target.unwrap_or_default(),
    );
    let numbers = context.numbers;
    let action = if numbers.goal_share > 0.0 {
        format!(
            "At today's {} of customers reaching {}, a reach of about {} would meet it; or fix the leaks that lose customers, or set a target the campaign can meet.",
            crate::numbers::fine_percent(numbers.goal_share),
            context.goal_name(),
            whole(((target - baseline) / numbers.goal_share).ceil())
        )
    } else {
        "Raise the reach, fix the weak spots that lose customers, or set a target the campaign can meet.".to_owned()
    };
    findings.push(ReadinessFinding {
        rule: ReadinessRule::MissesTarget,
        touchpoint: None,
        severity: Severity::Medium,
        reason: format!(
            "{} is expected to add {} to a baseline of {}, short of the target of {} for '{}'.",
            context.campaign.name,
            whole(numbers.goal_reached),
            whole(baseline),
            whole(target),
            objective.name
        ),
        action,
        weakness: None,
    });
}

pub(super) fn unmeasured_objective(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
    let Some(objective) = context.objective() else {
        return;
    };
    let no_kpi = objective
        .kpi
        .as_deref()
        .is_none_or(|kpi| kpi.trim().is_empty());
    let missing = match (no_kpi, objective.target.is_none()) {
        (false, false) => return,
        (true, true) => "no KPI and no target",
        (true, false) => "no KPI",
        (false, true) => "no target",
    };
    findings.push(ReadinessFinding {
        rule: ReadinessRule::UnmeasuredObjective,
        touchpoint: None,
        severity: Severity::Medium,
        reason: format!(
            "Objective '{}' has {missing}, so nobody can say afterwards whether {} worked.",
            objective.name, context.campaign.name
        ),
        action: format!(
            "Write down what is counted at {} and the number to reach, before the money is spent.",
            context.goal_name()
        ),
        weakness: None,
    });
}

pub(super) fn guessed_shares(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
    let numbers = context.numbers;
    let high_roi = numbers.roi.is_some_and(|roi| roi > GUESSED_ROI);
    if numbers.goal_share <= GUESSED_GOAL_SHARE && !high_roi {
        return;
    }
    let (Some(model), Some(_)) = (context.model, context.facts.goal) else {
        return;
    };
    // The links its customers take on the way to the goal: from a touch point they visit, towards
    // one from which the goal can still be reached, with a positive probability.
    let journeys = context.journeys;
    let mut guessed = Vec::new();
    let mut taken = 0_usize;
    for (from, links) in journeys.outgoing.iter().enumerate() {
        if context.facts.visits[from] <= 0.0 || model.leaving(from) >= 1.0 {
            continue;
        }
        for (&(to, _), probability) in links.iter().zip(link_probabilities(links)) {
            if probability <= 0.0 || !model.reaches_goal[to] {
                continue;
            }
            taken += 1;
            if !journeys.observed(from, to) {
                guessed.push((from, to));
            }
        }
    }
    if guessed.is_empty() {
        return;
    }
    let touchpoints = &journeys.touchpoints;
    let named: Vec<String> = guessed
        .iter()
        .take(3)
        .map(|&(from, to)| format!("{} → {}", touchpoints[from].name, touchpoints[to].name))
        .collect();
    let claim = match numbers.roi.filter(|_| high_roi) {
        Some(roi) => format!(
            "{} of its customers reaching {} and an ROI of {}",
            percent(numbers.goal_share),
            context.goal_name(),
            percent(roi)
        ),
        None => format!(
            "{} of its customers reaching {}",
            percent(numbers.goal_share),
            context.goal_name()
        ),
    };
    findings.push(ReadinessFinding {
        rule: ReadinessRule::GuessedShares,
        touchpoint: None,
        severity: Severity::Medium,
        reason: format!(
            "{} expects {claim}, but {} of the {taken} links its customers take there have no observed count: this rests on guessed shares.",
            context.campaign.name,
            guessed.len()
        ),
        action: format!(
            "Calibrate the shares with path data from analytics before trusting these numbers, starting with {}.",
            named.join(", ")
        ),
        weakness: None,
    });
}

pub(super) fn undated(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
    let campaign = context.campaign;
    if context.schedule.is_dated(context.index) {
        return;
    }
    let dated: Vec<&str> = context
        .map
        .plan()
        .campaigns
        .iter()
        .enumerate()
        .filter(|&(index, _)| context.schedule.is_dated(index))
        .map(|(_, other)| other.name.as_str())
        .collect();
    if dated.is_empty() {
        return;
    }
    let missing = match (&campaign.starts, &campaign.ends) {
        (None, None) => "no start and no end date",
        (Some(_), None) => "no end date",
        _ => "no start date",
    };
    findings.push(ReadinessFinding {
        rule: ReadinessRule::Undated,
        touchpoint: None,
        severity: Severity::Low,
        reason: format!(
            "{} has {missing} while {} {} dates, so the calendar cannot tell whether the team can take its customers alongside the others.",
            campaign.name,
            dated.join(", "),
            if dated.len() == 1 { "has" } else { "have" }
        ),
        action: format!(
            "Give {} its first and last day (starts, ends) in the Campaigns panel.",
            campaign.name
        ),
        weakness: None,
    });
}
