//! The readiness rules of campaign pre-flight (DESIGN.md, "Readiness findings of a campaign"): one
//! function per rule, each with a reason that names numbers a room can act on and an action written
//! for that touch point and that rule (what to check there, whom to ask).

use serde::Serialize;
use strum::IntoEnumIterator;

use super::calendar::Overloads;
use super::journeys::{JourneyModel, Journeys, link_probabilities};
use super::preflight::CampaignPreflight;
use super::{Config, Report, Severity};
use crate::model::{Campaign, Map, Objective, TouchPoint, TouchPointId};
use crate::numbers::{decimal, hours, money, percent, whole};

/// A campaign must send at least this share of its customers through a touch point for the
/// touch point to count in `amplified-weak-spot`, `slow-response` and `unknown-response`.
pub const NOTABLE_SHARE: f64 = 0.10;

/// Channels where customers expect an answer (case-insensitive), for `unknown-response`. E-mail is
/// not among them: most e-mails a campaign sends (a welcome, a bill) are not conversations.
pub const CONVERSATIONAL_CHANNELS: [&str; 14] = [
    "facebook",
    "instagram",
    "linkedin",
    "x/twitter",
    "x",
    "twitter",
    "youtube",
    "tiktok",
    "chat",
    "phone",
    "reviews",
    "community",
    "whatsapp",
    "messenger",
];

/// A `goal_share` above this, or an ROI above [`GUESSED_ROI`], asks whether the shares behind it
/// were observed (`guessed-shares`).
pub const GUESSED_GOAL_SHARE: f64 = 0.20;
/// An ROI above this (1,000 %) asks the same.
pub const GUESSED_ROI: f64 = 10.0;

/// Which readiness rule produced a finding; the names are those of DESIGN.md. The GUI's checklist
/// walks `ReadinessRule::iter()`, so a new rule appears there without a second list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, strum::EnumIter)]
#[serde(rename_all = "kebab-case")]
pub enum ReadinessRule {
    /// The campaign sends many customers through a weak spot.
    AmplifiedWeakSpot,
    /// None of its customers can reach the objective's goal.
    MissesGoal,
    /// What the goals are worth does not pay for the budget.
    Unprofitable,
    /// A touch point it sends many customers through answers slower than the campaign needs.
    SlowResponse,
    /// Touch points where customers talk back have no agreed response time.
    UnknownResponse,
    /// A channel nobody owns.
    UnownedChannel,
    /// On some day the campaigns running send a touch point more than it can take.
    Overloaded,
    /// The goals will not reach the objective's target.
    MissesTarget,
    /// The objective has no KPI or no target.
    UnmeasuredObjective,
    /// A high goal share or ROI rests on link shares nobody observed.
    GuessedShares,
    /// No dates while other campaigns have them: not on the calendar.
    Undated,
}

impl ReadinessRule {
    /// The rule's name as in DESIGN.md and the JSON output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AmplifiedWeakSpot => "amplified-weak-spot",
            Self::MissesGoal => "misses-goal",
            Self::Unprofitable => "unprofitable",
            Self::SlowResponse => "slow-response",
            Self::UnknownResponse => "unknown-response",
            Self::UnownedChannel => "unowned-channel",
            Self::Overloaded => "overloaded",
            Self::MissesTarget => "misses-target",
            Self::UnmeasuredObjective => "unmeasured-objective",
            Self::GuessedShares => "guessed-shares",
            Self::Undated => "undated",
        }
    }

    /// What the rule checks, as the editor's checklist says it.
    #[must_use]
    pub fn question(self) -> &'static str {
        match self {
            Self::AmplifiedWeakSpot => "No weak spot on the way of 10 % or more of its customers",
            Self::MissesGoal => "Its customers can reach the objective's goal",
            Self::Unprofitable => "The goals pay for the budget",
            Self::SlowResponse => "The team answers as fast as the campaign promises",
            Self::UnknownResponse => "Every channel where customers talk back has a response time",
            Self::UnownedChannel => "Every channel has an owner",
            Self::Overloaded => "Every touch point can take the daily load",
            Self::MissesTarget => "The objective's target is met",
            Self::UnmeasuredObjective => "The objective has a KPI and a target",
            Self::GuessedShares => "A high conversion rests on observed shares",
            Self::Undated => "It is on the calendar (starts and ends)",
        }
    }

    /// Whether a finding of this rule makes the verdict `stop`: as planned the campaign cannot pay
    /// off.
    #[must_use]
    pub fn stops_the_campaign(self) -> bool {
        match self {
            Self::MissesGoal | Self::Unprofitable => true,
            Self::AmplifiedWeakSpot
            | Self::SlowResponse
            | Self::UnknownResponse
            | Self::UnownedChannel
            | Self::Overloaded
            | Self::MissesTarget
            | Self::UnmeasuredObjective
            | Self::GuessedShares
            | Self::Undated => false,
        }
    }

    /// Every rule, in the order of DESIGN.md's table.
    pub fn all() -> impl Iterator<Item = Self> {
        Self::iter()
    }
}

/// One readiness finding of a campaign.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadinessFinding {
    /// The rule that found it.
    pub rule: ReadinessRule,
    /// The touch point, or `None` for a campaign-level finding (and for `unknown-response`, which
    /// names several).
    pub touchpoint: Option<TouchPointId>,
    /// How urgent.
    pub severity: Severity,
    /// One sentence with numbers a room can act on.
    pub reason: String,
    /// One sentence: what to do.
    pub action: String,
    /// The touch point's weakness, for sorting.
    #[serde(skip)]
    pub weakness: Option<f64>,
}

/// What the rules need of a campaign beyond its printed numbers, indexed like the touch points.
pub(super) struct CampaignFacts {
    /// The objective's goal.
    pub goal: Option<usize>,
    /// Expected arrivals at the goal per customer (capped at 1).
    pub goal_visits: f64,
    /// Where its customers start (summing to 1).
    pub start: Vec<f64>,
    /// Expected visits per customer.
    pub visits: Vec<f64>,
}

/// Everything one campaign's rules read.
pub(super) struct Context<'a> {
    pub map: &'a Map,
    pub config: &'a Config,
    pub journeys: &'a Journeys<'a>,
    pub report: &'a Report,
    pub campaign: &'a Campaign,
    pub numbers: &'a CampaignPreflight,
    pub facts: &'a CampaignFacts,
    /// The chain with the objective's goal as the only goal.
    pub model: Option<&'a JourneyModel>,
    pub overloads: &'a Overloads,
    /// The campaign's position in the plan.
    pub index: usize,
}

impl Context<'_> {
    fn objective(&self) -> Option<&Objective> {
        self.map.plan().objective(&self.campaign.objective)
    }

    fn goal_name(&self) -> String {
        self.objective().map_or_else(
            || "the objective's goal".to_owned(),
            |objective| self.map.name_of(&objective.goal),
        )
    }

    /// The share of the campaign's customers passing touch point `i` (at most once each).
    fn share(&self, i: usize) -> f64 {
        self.facts.visits[i].min(1.0)
    }

    /// "sends 9,600 of its 40,000 customers (24 %)", or "sends 24 % of its customers" when the
    /// campaign has no reach yet (a new campaign says nothing about 0 of 0 customers).
    fn sends(&self, i: usize) -> String {
        let share = spaced_percent(self.share(i));
        if self.numbers.reach > 0.0 {
            format!(
                "sends {} of its {} customers ({share})",
                whole(self.numbers.touchpoints[i].customers),
                whole(self.numbers.reach)
            )
        } else {
            format!("sends {share} of its customers")
        }
    }

    fn weakness(&self, id: &TouchPointId) -> Option<f64> {
        self.report.touchpoint(id).and_then(|a| a.weakness)
    }
}

/// Every readiness finding of one campaign, unsorted.
pub(super) fn findings(context: &Context<'_>) -> Vec<ReadinessFinding> {
    let mut findings = Vec::new();
    misses_goal(context, &mut findings);
    amplified_weak_spots(context, &mut findings);
    slow_response(context, &mut findings);
    unknown_response(context, &mut findings);
    unowned_channels(context, &mut findings);
    unprofitable(context, &mut findings);
    overloaded(context, &mut findings);
    misses_target(context, &mut findings);
    unmeasured_objective(context, &mut findings);
    guessed_shares(context, &mut findings);
    undated(context, &mut findings);
    findings
}

/// The order of DESIGN.md: most severe first, then weakness, then touch point id, then rule.
pub(super) fn sort(findings: &mut [ReadinessFinding]) {
    findings.sort_by(|a, b| {
        super::findings::severity_order(
            (a.severity, a.weakness, a.touchpoint.as_ref()),
            (b.severity, b.weakness, b.touchpoint.as_ref()),
        )
        .then_with(|| a.rule.cmp(&b.rule))
    });
}

fn is_conversational(channel: Option<&str>) -> bool {
    channel.is_some_and(|channel| {
        let channel = channel.trim().to_lowercase();
        CONVERSATIONAL_CHANNELS.contains(&channel.as_str())
    })
}

/// A whole percentage with a space, as in the design's reasons: "24 %".
fn spaced_percent(fraction: f64) -> String {
    percent(fraction).replace('%', " %")
}

/// Whom to ask about a touch point: "ask Logistics", or that nobody owns it.
fn who_to_ask(touchpoint: &TouchPoint) -> String {
    touchpoint.owner_name().map_or_else(
        || "nobody owns it yet, so name an owner first".to_owned(),
        |owner| format!("ask {owner}"),
    )
}

/// What to look at first to fix a poor touch point of this kind, by its channel (or name).
fn what_to_check(touchpoint: &TouchPoint) -> &'static str {
    let words = format!(
        "{} {}",
        touchpoint.channel.as_deref().unwrap_or_default(),
        touchpoint.name
    )
    .to_lowercase();
    let has = |keys: &[&str]| keys.iter().any(|key| words.contains(key));
    if has(&[
        "deliver", "courier", "shipping", "parcel", "packag", "logistic",
    ]) {
        "check the carrier's on-time rate and what the tracking messages promise"
    } else if has(&["checkout", "payment", "cart", "basket"]) {
        "check the payment errors and the step where buyers abandon"
    } else if has(&["website", "web", "page", "app", "portal", "form"]) {
        "check the page's errors, its load time and where visitors abandon it"
    } else if has(&["e-mail", "email", "newsletter", "sms"]) {
        "check what the message promises, when it is sent and whether it arrives"
    } else if has(&["store", "shop", "club", "desk", "branch", "front"]) {
        "check staffing and queues at the busiest hours"
    } else if has(&["phone", "chat", "support", "service", "call"]) {
        "check queue times and how many questions are solved at the first contact"
    } else if has(&["review", "word of mouth", "rating"]) {
        "read the most common complaint in the reviews and answer it where it starts"
    } else if has(&["return", "refund"]) {
        "check how long refunds take and what customers must do to get one"
    } else {
        "find out from customers what disappoints them there"
    }
}

/// The first evidence quote, shortened, as "customers say “…”", or nothing.
fn quote(touchpoint: &TouchPoint) -> String {
    touchpoint
        .evidence
        .iter()
        .map(|text| text.trim())
        .find(|text| !text.is_empty())
        .map(|text| {
            let short: String = text.chars().take(80).collect();
            let cut = if short.chars().count() < text.chars().count() {
                "…"
            } else {
                ""
            };
            format!(" (customers say “{short}{cut}”)")
        })
        .unwrap_or_default()
}

fn misses_goal(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
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

fn amplified_weak_spots(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
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
                "{name} {} through {}, which scores {}/5{}.",
                context.sends(i),
                touchpoint.name,
                decimal(score, 1),
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

fn slow_response(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
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

fn unknown_response(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
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
                spaced_percent(context.share(i))
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

fn unowned_channels(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
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

fn unprofitable(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
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

fn overloaded(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
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

fn misses_target(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
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

fn unmeasured_objective(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
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

fn guessed_shares(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
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
            spaced_percent(numbers.goal_share),
            context.goal_name(),
            spaced_percent(roi)
        ),
        None => format!(
            "{} of its customers reaching {}",
            spaced_percent(numbers.goal_share),
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

fn undated(context: &Context<'_>, findings: &mut Vec<ReadinessFinding>) {
    let campaign = context.campaign;
    if campaign.starts.is_some() && campaign.ends.is_some() {
        return;
    }
    let dated: Vec<&str> = context
        .map
        .plan()
        .campaigns
        .iter()
        .filter(|other| other.starts.is_some() && other.ends.is_some())
        .map(|other| other.name.as_str())
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
