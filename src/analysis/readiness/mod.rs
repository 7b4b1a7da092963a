//! The readiness rules of campaign pre-flight (DESIGN.md, "Readiness findings of a campaign"): the
//! rule list, what a rule reads (`Context`), and the words shared by the rules' actions (what to
//! check at a kind of touch point, whom to ask). One function per rule is in `rules.rs`, each with a
//! reason that names numbers a room can act on and an action written for that touch point and rule.

mod rules;

use serde::Serialize;
use strum::IntoEnumIterator;

use super::calendar::{Overloads, Schedule};
use super::journeys::{JourneyModel, Journeys};
use super::preflight::CampaignPreflight;
use super::{Config, Report, Severity};
use crate::model::{Campaign, Map, Objective, TouchPoint, TouchPointId};
use crate::numbers::{percent, whole};

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
            Self::AmplifiedWeakSpot => "No weak spot on the way of 10% or more of its customers",
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
    /// The dated campaigns.
    pub schedule: &'a Schedule,
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
        let share = percent(self.share(i));
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
    use rules::{
        amplified_weak_spots, guessed_shares, misses_goal, misses_target, overloaded,
        slow_response, undated, unknown_response, unmeasured_objective, unowned_channels,
        unprofitable,
    };
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

/// The first evidence quote, shortened, as "customers say “…”", or nothing.
fn quote(touchpoint: &TouchPoint) -> String {
    touchpoint
        .evidence
        .iter()
        .map(|item| item.text.trim())
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
