//! The rules of DESIGN.md, each turning journey facts into findings with a plain-language reason and
//! a suggested action.

use std::cmp::Ordering;

use super::advice::{how_to_measure, what_to_check, who_to_ask};
use super::journeys::{Journeys, link_probabilities};
use super::{Config, Finding, Rule, Severity, Summary, TouchPointAnalysis};
use crate::model::{Map, TouchPoint};

fn score_text(score: f64) -> String {
    crate::numbers::score(score)
}

fn percent(fraction: f64) -> String {
    crate::numbers::percent(fraction)
}

/// A short quote from the evidence, to make a reason concrete.
fn first_quote(touchpoint: &TouchPoint) -> String {
    match touchpoint.evidence.first() {
        Some(item) => {
            let quote = &item.text;
            let short: String = quote.chars().take(80).collect();
            let ellipsis = if short.len() < quote.len() { "…" } else { "" };
            format!(" Customers say: \"{short}{ellipsis}\".")
        }
        None => String::new(),
    }
}

/// What one rule found about one touch point.
struct Found {
    rule: Rule,
    severity: Severity,
    reason: String,
    action: String,
}

/// What every rule reads.
struct Context<'a> {
    config: &'a Config,
    journeys: &'a Journeys<'a>,
    analyses: &'a [TouchPointAnalysis],
    summary: &'a Summary,
    /// Three times the median cost per eventual customer, and the median.
    costly: Option<(f64, f64)>,
    any_goal: bool,
}

/// A rule of DESIGN.md's table that looks at one touch point.
type TouchPointRule = fn(&Context<'_>, usize) -> Option<Found>;

/// The touch point rules, in the order of DESIGN.md's table. A touch point with no link at all
/// gets `unlinked` alone: it is not part of any journey yet.
const RULES: [TouchPointRule; 12] = [
    weak,
    bottleneck,
    dead_end,
    unreachable,
    no_goal,
    shadowed_goal,
    drop_off,
    costly,
    unowned,
    unmeasured,
    uncertain,
    stale,
];

pub(super) fn find(
    map: &Map,
    config: &Config,
    journeys: &Journeys<'_>,
    analyses: &[TouchPointAnalysis],
    summary: &Summary,
) -> Vec<Finding> {
    let context = Context {
        config,
        journeys,
        analyses,
        summary,
        costly: costly_limit(journeys),
        any_goal: journeys.goal.iter().any(|&goal| goal),
    };
    let mut findings = Vec::new();
    for (i, touchpoint) in journeys.touchpoints.iter().enumerate() {
        let found: Vec<Found> = if journeys.linked[i] {
            RULES.iter().filter_map(|rule| rule(&context, i)).collect()
        } else {
            vec![unlinked(touchpoint)]
        };
        findings.extend(found.into_iter().map(|found| Finding {
            rule: found.rule,
            touchpoint: Some(touchpoint.id.clone()),
            stage: None,
            severity: found.severity,
            weakness: analyses[i].weakness,
            reason: found.reason,
            action: found.action,
        }));
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

/// "Medium if importance ≥ 4, else low" and its kin.
fn by_importance(touchpoint: &TouchPoint, important: Severity, otherwise: Severity) -> Severity {
    if touchpoint.importance >= 4 {
        important
    } else {
        otherwise
    }
}

/// An advice phrase with its first letter in capitals, to open a sentence.
fn capitalised(text: &str) -> String {
    let mut characters = text.chars();
    characters.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(characters).collect()
    })
}

fn weak(context: &Context<'_>, i: usize) -> Option<Found> {
    let touchpoint = context.journeys.touchpoints[i];
    let score = touchpoint.score?;
    let severity = context.config.severity_of(context.analyses[i].weakness?)?;
    let name = &touchpoint.name;
    Some(Found {
        rule: Rule::Weak,
        severity,
        reason: format!(
            "{name} scores {} on a moment that matters {}/5 to customers, and {} of successful journeys pass through it.{}",
            score_text(score),
            touchpoint.importance,
            percent(context.analyses[i].flow),
            first_quote(touchpoint)
        ),
        action: format!(
            "{} ({}); then agree a target above {} for {name} and a date.",
            capitalised(what_to_check(touchpoint)),
            who_to_ask(touchpoint),
            score_text(score)
        ),
    })
}

/// A bottleneck is a weak spot that no journey can avoid: must-pass, weak itself and below the
/// map's average. A healthy must-pass step (4.4/5 on a map averaging 4.5/5) is not one.
fn bottleneck(context: &Context<'_>, i: usize) -> Option<Found> {
    let touchpoint = context.journeys.touchpoints[i];
    let analysis = &context.analyses[i];
    let (weakness, score, average) = (
        analysis.weakness?,
        touchpoint.score?,
        context.summary.mean_score?,
    );
    if !analysis.must_pass || weakness < context.config.medium || score >= average {
        return None;
    }
    let name = &touchpoint.name;
    Some(Found {
        rule: Rule::Bottleneck,
        severity: if weakness >= context.config.high {
            Severity::Critical
        } else {
            Severity::High
        },
        reason: format!(
            "Every customer journey passes through {name}, and it scores {} against a map average of {}.",
            score_text(score),
            score_text(average)
        ),
        action: format!(
            "Hold campaigns that send more customers through {name} until its score is up: no journey can go around it."
        ),
    })
}

fn dead_end(context: &Context<'_>, i: usize) -> Option<Found> {
    let journeys = context.journeys;
    if journeys.goal[i] || !journeys.outgoing[i].is_empty() {
        return None;
    }
    let name = &journeys.touchpoints[i].name;
    Some(Found {
        rule: Rule::DeadEnd,
        severity: Severity::High,
        reason: format!(
            "Customers who reach {name} have nowhere to go next: it is not a goal and no link leads on."
        ),
        action: format!(
            "Link {name} to the step customers should take next, or mark it as a goal if the journey succeeds here."
        ),
    })
}

fn unreachable(context: &Context<'_>, i: usize) -> Option<Found> {
    if context.journeys.reachable[i] {
        return None;
    }
    let name = &context.journeys.touchpoints[i].name;
    Some(Found {
        rule: Rule::Unreachable,
        severity: Severity::High,
        reason: format!("No journey from an entry point leads to {name}."),
        action: format!(
            "Link {name} from the touch point customers come from, or mark it as an entry."
        ),
    })
}

/// The links as people read them: "Signup → Month 3, Club tour → Signup".
fn link_names(journeys: &Journeys<'_>, links: &[(usize, usize)]) -> String {
    links
        .iter()
        .map(|&(from, to)| {
            format!(
                "{} → {}",
                journeys.touchpoints[from].name, journeys.touchpoints[to].name
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn no_goal(context: &Context<'_>, i: usize) -> Option<Found> {
    let journeys = context.journeys;
    if !journeys.entry[i] || journeys.reaches_goal[i] || journeys.goal[i] {
        return None;
    }
    let name = &journeys.touchpoints[i].name;
    let untaken = journeys
        .untaken_links_to_any(&[i], &journeys.goal)
        .filter(|links| !links.is_empty());
    let (why, action) = match untaken {
        Some(links) => {
            let names = link_names(journeys, &links);
            (
                format!(
                    "customers do not take {names} (a share of 0, or shares beside it that already add up to 1)"
                ),
                format!(
                    "If customers do take {names}, give it the share they take; otherwise add the links that lead from {name} towards a goal."
                ),
            )
        }
        None if context.any_goal => (
            "no path of links leads from it to a goal".to_owned(),
            format!("Add the links that lead from {name} towards a purchase or another goal."),
        ),
        None => (
            "the map has no goal".to_owned(),
            "Mark the step where a journey succeeds (a purchase, a sign-up) as a goal.".to_owned(),
        ),
    };
    Some(Found {
        rule: Rule::NoGoal,
        severity: Severity::High,
        reason: format!("Customers who start at {name} can never reach a goal: {why}."),
        action,
    })
}

fn shadowed_goal(context: &Context<'_>, i: usize) -> Option<Found> {
    let journeys = context.journeys;
    let first = journeys.shadowing_goal(i)?;
    let name = &journeys.touchpoints[i].name;
    let first = &journeys.touchpoints[first].name;
    Some(Found {
        rule: Rule::ShadowedGoal,
        severity: Severity::High,
        reason: format!("Journeys end at {first}, so none reach {name}."),
        action: format!(
            "Keep the goal role on the last step the map measures ({first} or {name}, not both), or give {name} its own objective: campaign pre-flight follows each objective to its own goal."
        ),
    })
}

/// Most customers leave here — only where they arrive before any goal: after the purchase a low
/// response (a review request answered by 10 %) is normal.
fn drop_off(context: &Context<'_>, i: usize) -> Option<Found> {
    let journeys = context.journeys;
    let links = &journeys.outgoing[i];
    if journeys.goal[i]
        || !journeys.before_goal[i]
        || links.is_empty()
        || links.iter().any(|(_, share)| share.is_none())
    {
        return None;
    }
    let continuing: f64 = link_probabilities(links).iter().sum();
    if continuing >= 0.5 {
        return None;
    }
    let touchpoint = journeys.touchpoints[i];
    let name = &touchpoint.name;
    let next = links
        .iter()
        .max_by(|a, b| a.1.unwrap_or(0.0).total_cmp(&b.1.unwrap_or(0.0)))
        .map(|&(to, _)| journeys.touchpoints[to].name.as_str())
        .unwrap_or_default();
    Some(Found {
        rule: Rule::DropOff,
        severity: by_importance(touchpoint, Severity::High, Severity::Medium),
        reason: format!(
            "Only {} of customers at {name} continue along its links; the other {} leave here before reaching a goal.",
            percent(continuing),
            percent(1.0 - continuing)
        ),
        action: format!(
            "{} ({}), and make {next} the obvious next step.",
            capitalised(what_to_check(touchpoint)),
            who_to_ask(touchpoint)
        ),
    })
}

fn costly(context: &Context<'_>, i: usize) -> Option<Found> {
    let (limit, median) = context.costly?;
    let touchpoint = context.journeys.touchpoints[i];
    let (cost, reach) = priced(touchpoint)?;
    let success = context.journeys.model.success[i];
    let name = &touchpoint.name;
    let action = format!(
        "Weigh {name}'s spend against the customers it brings to a goal: fix what stops them after it, or move budget to touch points whose customers go on."
    );
    if success <= 0.0 {
        return Some(Found {
            rule: Rule::Costly,
            severity: Severity::Medium,
            reason: format!(
                "{name} costs {} and reaches {} customers, but none of them can go on to a goal from there.",
                money(cost),
                money(reach)
            ),
            action,
        });
    }
    let figure = cost / (reach * success);
    if figure <= limit {
        return None;
    }
    Some(Found {
        rule: Rule::Costly,
        severity: Severity::Medium,
        reason: format!(
            "{name} costs {} per customer who goes on to a goal ({} ÷ ({} reached × {} who go on)), more than 3 times the map's median of {}.",
            money(figure),
            money(cost),
            money(reach),
            crate::numbers::fine_percent(success),
            money(median)
        ),
        action,
    })
}

fn unowned(context: &Context<'_>, i: usize) -> Option<Found> {
    let touchpoint = context.journeys.touchpoints[i];
    if touchpoint.owner_name().is_some() {
        return None;
    }
    let name = &touchpoint.name;
    Some(Found {
        rule: Rule::Unowned,
        severity: by_importance(touchpoint, Severity::Medium, Severity::Low),
        reason: format!("Nobody in the organisation answers for {name}."),
        action: format!("Name the team or person who owns {name} and its score."),
    })
}

fn unmeasured(context: &Context<'_>, i: usize) -> Option<Found> {
    let touchpoint = context.journeys.touchpoints[i];
    if touchpoint.score.is_some() {
        return None;
    }
    let name = &touchpoint.name;
    Some(Found {
        rule: Rule::Unmeasured,
        severity: by_importance(touchpoint, Severity::Medium, Severity::Low),
        reason: format!("{name} has no score, so nobody knows how well it performs."),
        action: format!(
            "Measure {name} with {}, and record the score.",
            how_to_measure(touchpoint)
        ),
    })
}

/// Measured, and the weakness with the interval's low end and with its high end in place of the
/// score fall in different severities (none counting as one): the data cannot yet say.
fn uncertain(context: &Context<'_>, i: usize) -> Option<Found> {
    let touchpoint = context.journeys.touchpoints[i];
    let measured = touchpoint.measured.as_ref()?;
    touchpoint.score?;
    let flow = context.journeys.flow[i];
    let severity_at = |score: f64| {
        super::weakness(Some(score), touchpoint.importance, flow)
            .and_then(|weakness| context.config.severity_of(weakness))
    };
    // The low score is the high weakness.
    let (worst, best) = (severity_at(measured.low), severity_at(measured.high));
    if worst == best {
        return None;
    }
    let name = &touchpoint.name;
    let words = |severity: Option<Severity>| {
        severity.map_or_else(
            || "no weak spot".to_owned(),
            |severity| format!("a {} weak spot", severity.as_str()),
        )
    };
    Some(Found {
        rule: Rule::Uncertain,
        severity: by_importance(touchpoint, Severity::Medium, Severity::Low),
        reason: format!(
            "{name} scores {} on {} answers, 95% between {} and {}: at {} it would be {}, at {} {} — the data cannot yet say whether it is a weak spot.",
            score_text(measured.mean),
            crate::numbers::whole(measured.n),
            score_text(measured.low),
            score_text(measured.high),
            score_text(measured.low),
            words(worst),
            score_text(measured.high),
            words(best),
        ),
        action: format!(
            "Ask more customers about {name} ({}) before deciding on it: more answers narrow the interval (four times the answers halve it).",
            how_to_measure(touchpoint)
        ),
    })
}

/// The data behind the score (its `measured.date`, else the newest dated evidence) is older than
/// `stale_days` before the as-of day.
fn stale(context: &Context<'_>, i: usize) -> Option<Found> {
    let as_of = context.config.as_of?;
    let touchpoint = context.journeys.touchpoints[i];
    let (date, what) = match touchpoint.measured.as_ref().and_then(|m| m.date) {
        Some(date) => (date, "its score's data"),
        None => (
            touchpoint
                .evidence
                .iter()
                .filter_map(|item| item.date)
                .max()?,
            "its newest dated evidence",
        ),
    };
    let age = as_of.since(date);
    if age <= context.config.stale_days {
        return None;
    }
    let name = &touchpoint.name;
    Some(Found {
        rule: Rule::Stale,
        severity: Severity::Low,
        reason: format!(
            "{name}: {what} is from {date}, {} before {as_of}; customers may see it differently now.",
            crate::numbers::count(usize::try_from(age).unwrap_or(usize::MAX), "day", "days"),
        ),
        action: format!(
            "Measure {name} again ({}) and import the new answers.",
            how_to_measure(touchpoint)
        ),
    })
}

fn unlinked(touchpoint: &TouchPoint) -> Found {
    let name = &touchpoint.name;
    Found {
        rule: Rule::Unlinked,
        severity: Severity::Low,
        reason: format!(
            "{name} has no link yet: it is not part of any journey, and changes no other touch point's numbers."
        ),
        action: format!(
            "Link {name} from the step customers come from and to the step they take next."
        ),
    }
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

/// Cost and reach, where both are above zero.
fn priced(touchpoint: &TouchPoint) -> Option<(f64, f64)> {
    let cost = touchpoint.cost.filter(|&cost| cost > 0.0)?;
    let reach = touchpoint.reach.filter(|&reach| reach > 0.0)?;
    Some((cost, reach))
}

/// Three times the median cost per eventual customer — cost ÷ (reach × success(t)) — among the
/// linked touch points whose cost and reach are above zero and from which a goal can be reached
/// (the finite figures), and the median.
fn costly_limit(journeys: &Journeys<'_>) -> Option<(f64, f64)> {
    let mut figures: Vec<f64> = journeys
        .touchpoints
        .iter()
        .enumerate()
        .filter(|&(i, _)| journeys.linked[i] && journeys.model.success[i] > 0.0)
        .filter_map(|(i, t)| {
            let (cost, reach) = priced(t)?;
            Some(cost / (reach * journeys.model.success[i]))
        })
        .collect();
    if figures.is_empty() {
        return None;
    }
    figures.sort_by(f64::total_cmp);
    let middle = figures.len() / 2;
    let median = if figures.len().is_multiple_of(2) {
        f64::midpoint(figures[middle - 1], figures[middle])
    } else {
        figures[middle]
    };
    Some((3.0 * median, median))
}

fn money(value: f64) -> String {
    crate::numbers::money(value)
}
