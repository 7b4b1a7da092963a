//! Campaign pre-flight (DESIGN.md, "Campaign pre-flight"): where a campaign's customers go on the
//! journey model, which weak spots they meet, how many reach the objective's goal, at what cost, and
//! whether the team is ready to answer them. Pure, like the rest of the analysis.

use serde::Serialize;

use super::journeys::Journeys;
use super::report::{rounded, rounded_option};
use super::{Config, Report, Severity};
use crate::model::{Campaign, Map, TouchPoint, TouchPointId};
use crate::numbers::{decimal, hours, whole};

/// A campaign must send at least this share of its customers through a touch point for the
/// touch point to count in `amplified-weak-spot` and `slow-response`.
pub const NOTABLE_SHARE: f64 = 0.10;

/// Channels where customers expect an answer (case-insensitive), for `slow-response`.
pub const CONVERSATIONAL_CHANNELS: [&str; 13] = [
    "facebook",
    "instagram",
    "linkedin",
    "x/twitter",
    "x",
    "twitter",
    "youtube",
    "tiktok",
    "e-mail",
    "email",
    "chat",
    "phone",
    "reviews",
];

/// Which readiness rule produced a finding; the names are those of DESIGN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReadinessRule {
    /// The campaign sends many customers through a weak spot.
    AmplifiedWeakSpot,
    /// None of its customers can reach the objective's goal.
    MissesGoal,
    /// What the goals are worth does not pay for the budget.
    Unprofitable,
    /// The team answers slower than the campaign needs, where customers talk back.
    SlowResponse,
    /// A channel nobody owns.
    UnownedChannel,
    /// The goals will not reach the objective's target.
    MissesTarget,
    /// The objective has no KPI or no target.
    UnmeasuredObjective,
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
            Self::UnownedChannel => "unowned-channel",
            Self::MissesTarget => "misses-target",
            Self::UnmeasuredObjective => "unmeasured-objective",
        }
    }
}

/// One readiness finding of a campaign.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadinessFinding {
    /// The rule that found it.
    pub rule: ReadinessRule,
    /// The touch point, or `None` for a campaign-level finding.
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

/// What one campaign does at one touch point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignTouchPoint {
    /// The touch point.
    pub id: TouchPointId,
    /// The campaign's customers who pass here (at most once each).
    #[serde(serialize_with = "rounded")]
    pub customers: f64,
    /// The campaign's customers whose journey ends here without reaching a goal.
    #[serde(serialize_with = "rounded")]
    pub lost: f64,
    /// Customers who meet a poor experience here: customers × gap (0 when unmeasured).
    #[serde(serialize_with = "rounded")]
    pub exposure: f64,
}

/// The pre-flight of one campaign.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignPreflight {
    /// The campaign's id.
    pub id: String,
    /// The campaign's name.
    pub name: String,
    /// The objective's id.
    pub objective: String,
    /// Extra customers the campaign brings in.
    #[serde(serialize_with = "rounded")]
    pub reach: f64,
    /// What it costs.
    #[serde(serialize_with = "rounded")]
    pub budget: f64,
    /// Customers who reach the objective's goal.
    #[serde(serialize_with = "rounded")]
    pub goal_reached: f64,
    /// `goal_reached ÷ reach` (0 without reach).
    #[serde(serialize_with = "rounded")]
    pub goal_share: f64,
    /// `budget ÷ goal_reached`; `None` when nothing is reached.
    #[serde(serialize_with = "rounded_option")]
    pub cost_per_goal: Option<f64>,
    /// `(goal_reached × value − budget) ÷ budget`; `None` without a value or a budget.
    #[serde(serialize_with = "rounded_option")]
    pub roi: Option<f64>,
    /// `baseline + goal_reached ≥ target`; `None` without both.
    pub meets_target: Option<bool>,
    /// Every touch point, by id.
    pub touchpoints: Vec<CampaignTouchPoint>,
    /// Most severe first, like the analysis' findings.
    pub findings: Vec<ReadinessFinding>,
}

impl CampaignPreflight {
    /// What the campaign does at one touch point.
    #[must_use]
    pub fn touchpoint(&self, id: &TouchPointId) -> Option<&CampaignTouchPoint> {
        self.touchpoints
            .binary_search_by(|t| t.id.cmp(id))
            .ok()
            .map(|position| &self.touchpoints[position])
    }

    /// The touch points where most of its customers are lost, most first (only those with losses).
    #[must_use]
    pub fn biggest_leaks(&self, count: usize) -> Vec<&CampaignTouchPoint> {
        largest(&self.touchpoints, count, |t| t.lost)
    }

    /// The touch points where most of its customers meet a poor experience, most first.
    #[must_use]
    pub fn biggest_exposures(&self, count: usize) -> Vec<&CampaignTouchPoint> {
        largest(&self.touchpoints, count, |t| t.exposure)
    }

    /// Where its customers go: the touch points most of them pass, most first.
    #[must_use]
    pub fn busiest(&self, count: usize) -> Vec<&CampaignTouchPoint> {
        largest(&self.touchpoints, count, |t| t.customers)
    }

    /// The rows a report shows for the campaign: the eight touch points most of its customers pass,
    /// then the three where most are lost if they are not among them already.
    #[must_use]
    pub fn report_rows(&self) -> Vec<&CampaignTouchPoint> {
        let mut rows = self.busiest(8);
        for leak in self.biggest_leaks(3) {
            if !rows.iter().any(|row| row.id == leak.id) {
                rows.push(leak);
            }
        }
        rows
    }

    /// The most severe readiness finding, if any.
    #[must_use]
    pub fn worst_severity(&self) -> Option<Severity> {
        self.findings.first().map(|finding| finding.severity)
    }
}

fn largest(
    touchpoints: &[CampaignTouchPoint],
    count: usize,
    key: impl Fn(&CampaignTouchPoint) -> f64,
) -> Vec<&CampaignTouchPoint> {
    let mut ranked: Vec<&CampaignTouchPoint> =
        touchpoints.iter().filter(|t| key(t) >= 0.5).collect();
    ranked.sort_by(|a, b| key(b).total_cmp(&key(a)).then_with(|| a.id.cmp(&b.id)));
    ranked.truncate(count);
    ranked
}

/// The pre-flight of every campaign of a map (in id order), as `touchmap campaign --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Preflight {
    /// One per campaign.
    pub campaigns: Vec<CampaignPreflight>,
}

impl Preflight {
    /// One campaign's pre-flight.
    #[must_use]
    pub fn campaign(&self, id: &str) -> Option<&CampaignPreflight> {
        self.campaigns.iter().find(|campaign| campaign.id == id)
    }
}

/// Where a campaign's customers start, per touch point (summing to 1): by `split`, else by the
/// channels' own reach when all have one above zero, else evenly.
fn campaign_start(campaign: &Campaign, touchpoints: &[&TouchPoint]) -> Vec<f64> {
    let position = |id: &TouchPointId| touchpoints.binary_search_by(|t| t.id.cmp(id)).ok();
    let reaches: Option<Vec<f64>> = campaign
        .channels
        .iter()
        .map(|id| {
            position(id)
                .and_then(|i| touchpoints[i].reach)
                .filter(|&reach| reach > 0.0)
        })
        .collect();
    let weights: Vec<f64> = match (&campaign.split, reaches) {
        (Some(split), _) => split.clone(),
        (None, Some(reaches)) => reaches,
        (None, None) => vec![1.0; campaign.channels.len()],
    };
    let total: f64 = weights.iter().sum();
    let mut start = vec![0.0; touchpoints.len()];
    for (id, weight) in campaign.channels.iter().zip(&weights) {
        if let Some(i) = position(id)
            && total > 0.0
        {
            start[i] += weight / total;
        }
    }
    start
}

fn is_conversational(channel: Option<&str>) -> bool {
    channel.is_some_and(|channel| {
        let channel = channel.trim().to_lowercase();
        CONVERSATIONAL_CHANNELS.contains(&channel.as_str())
    })
}

fn gap(touchpoint: &TouchPoint) -> f64 {
    touchpoint.score.map_or(0.0, |score| (5.0 - score) / 4.0)
}

/// A whole percentage with a space, as in the design's reasons: "24 %".
fn spaced_percent(fraction: f64) -> String {
    crate::numbers::percent(fraction).replace('%', " %")
}

pub(super) fn preflight(
    map: &Map,
    config: &Config,
    journeys: &Journeys<'_>,
    report: &Report,
) -> Preflight {
    let plan = map.plan();
    let campaigns = plan
        .campaigns
        .iter()
        .map(|campaign| campaign_preflight(map, config, journeys, report, campaign))
        .collect();
    Preflight { campaigns }
}

fn campaign_preflight(
    map: &Map,
    config: &Config,
    journeys: &Journeys<'_>,
    report: &Report,
    campaign: &Campaign,
) -> CampaignPreflight {
    let touchpoints = &journeys.touchpoints;
    let model = &journeys.model;
    let start = campaign_start(campaign, touchpoints);
    let visits = model.visits(&start);
    let reach = campaign.reach;
    let rows: Vec<CampaignTouchPoint> = touchpoints
        .iter()
        .enumerate()
        .map(|(i, touchpoint)| {
            let customers = reach * visits[i].min(1.0);
            CampaignTouchPoint {
                id: touchpoint.id.clone(),
                customers,
                lost: reach * visits[i] * model.leaving(i),
                exposure: customers * gap(touchpoint),
            }
        })
        .collect();
    let objective = map.plan().objective(&campaign.objective);
    let goal_index = objective.and_then(|objective| {
        touchpoints
            .binary_search_by(|t| t.id.cmp(&objective.goal))
            .ok()
    });
    let goal_visits = goal_index.map_or(0.0, |i| visits[i].min(1.0));
    let goal_reached = reach * goal_visits;
    let goal_share = if reach > 0.0 {
        goal_reached / reach
    } else {
        0.0
    };
    let cost_per_goal = (goal_reached > 0.0).then(|| campaign.budget / goal_reached);
    let value = objective.and_then(|objective| objective.value);
    let roi = value
        .filter(|_| campaign.budget > 0.0)
        .map(|value| (goal_reached * value - campaign.budget) / campaign.budget);
    let meets_target = objective
        .and_then(|objective| Some(objective.baseline? + goal_reached >= objective.target?));

    let name = &campaign.name;
    let mut findings = Vec::new();
    let weakness_of = |id: &TouchPointId| report.touchpoint(id).and_then(|a| a.weakness);

    if goal_visits <= 1e-12 {
        let goal_name = objective
            .and_then(|objective| map.touchpoint(&objective.goal))
            .map_or_else(|| "the objective's goal".to_owned(), |t| t.name.clone());
        findings.push(ReadinessFinding {
            rule: ReadinessRule::MissesGoal,
            touchpoint: None,
            severity: Severity::Critical,
            reason: format!(
                "None of {name}'s customers can reach {goal_name}: no path of links leads there from its channels."
            ),
            action: format!(
                "Link the campaign's channels towards {goal_name}, or choose channels from which customers can get there."
            ),
            weakness: None,
        });
    }

    for (i, touchpoint) in touchpoints.iter().enumerate() {
        let row = &rows[i];
        let share = if reach > 0.0 {
            row.customers / reach
        } else {
            visits[i].min(1.0)
        };
        if share < NOTABLE_SHARE {
            continue;
        }
        let weakness = weakness_of(&touchpoint.id);
        if let (Some(weakness), Some(score)) = (weakness, touchpoint.score)
            && weakness >= config.high
        {
            let severity = if weakness >= config.critical {
                Severity::Critical
            } else {
                Severity::High
            };
            findings.push(ReadinessFinding {
                rule: ReadinessRule::AmplifiedWeakSpot,
                touchpoint: Some(touchpoint.id.clone()),
                severity,
                reason: format!(
                    "{name} sends {} of its {} customers ({}) through {}, which scores {}/5.",
                    whole(row.customers),
                    whole(reach),
                    spaced_percent(share),
                    touchpoint.name,
                    decimal(score, 1)
                ),
                action: format!(
                    "Fix {} before the campaign starts, or aim the campaign at customers who skip it.",
                    touchpoint.name
                ),
                weakness: Some(weakness),
            });
        }
        if let Some(needed) = campaign.response_hours
            && is_conversational(touchpoint.channel.as_deref())
            && touchpoint.response_hours.is_none_or(|hours| hours > needed)
        {
            let today = touchpoint.response_hours.map_or_else(
                || "has no agreed response time".to_owned(),
                |today| format!("answers in {}", hours(today)),
            );
            findings.push(ReadinessFinding {
                rule: ReadinessRule::SlowResponse,
                touchpoint: Some(touchpoint.id.clone()),
                severity: Severity::High,
                reason: format!(
                    "{name} needs answers within {}, but {} ({}), where {} of its customers ({}) pass, {today}.",
                    hours(needed),
                    touchpoint.name,
                    touchpoint.channel.as_deref().unwrap_or_default().trim(),
                    whole(row.customers),
                    spaced_percent(share)
                ),
                action: format!(
                    "Staff {} to answer within {} for the campaign's run, or set a slower promise.",
                    touchpoint.name,
                    hours(needed)
                ),
                weakness,
            });
        }
    }

    for channel in &campaign.channels {
        if let Some(touchpoint) = map.touchpoint(channel)
            && touchpoint.owner_name().is_none()
        {
            findings.push(ReadinessFinding {
                rule: ReadinessRule::UnownedChannel,
                touchpoint: Some(channel.clone()),
                severity: Severity::High,
                reason: format!(
                    "{name} brings customers in at {}, and nobody in the organisation owns it.",
                    touchpoint.name
                ),
                action: format!(
                    "Name the team that runs {} and answers the customers it brings.",
                    touchpoint.name
                ),
                weakness: weakness_of(channel),
            });
        }
    }

    if let (Some(value), true) = (value, campaign.budget > 0.0)
        && goal_reached * value < campaign.budget
    {
        findings.push(ReadinessFinding {
            rule: ReadinessRule::Unprofitable,
            touchpoint: None,
            severity: Severity::High,
            reason: format!(
                "{name} is expected to bring {} goals worth {} in all, less than its budget of {}.",
                whole(goal_reached),
                whole(goal_reached * value),
                whole(campaign.budget)
            ),
            action: "Fix the leaks on the way to the goal, cut the budget, or aim at customers more likely to convert.".to_owned(),
            weakness: None,
        });
    }

    if meets_target == Some(false)
        && let Some(objective) = objective
    {
        let (baseline, target) = (
            objective.baseline.unwrap_or_default(),
            objective.target.unwrap_or_default(),
        );
        findings.push(ReadinessFinding {
            rule: ReadinessRule::MissesTarget,
            touchpoint: None,
            severity: Severity::Medium,
            reason: format!(
                "{name} is expected to add {} to a baseline of {}, short of the target of {} for '{}'.",
                whole(goal_reached),
                whole(baseline),
                whole(target),
                objective.name
            ),
            action: "Raise the reach, fix the weak spots that lose customers, or set a target the campaign can meet.".to_owned(),
            weakness: None,
        });
    }

    if let Some(objective) = objective
        && (objective
            .kpi
            .as_deref()
            .is_none_or(|kpi| kpi.trim().is_empty())
            || objective.target.is_none())
    {
        let missing = match (
            objective.kpi.as_deref().is_none_or(|k| k.trim().is_empty()),
            objective.target.is_none(),
        ) {
            (true, true) => "no KPI and no target",
            (true, false) => "no KPI",
            _ => "no target",
        };
        findings.push(ReadinessFinding {
            rule: ReadinessRule::UnmeasuredObjective,
            touchpoint: None,
            severity: Severity::Medium,
            reason: format!(
                "Objective '{}' has {missing}, so nobody can say afterwards whether {name} worked.",
                objective.name
            ),
            action: "Name what is counted and the number to reach before the money is spent."
                .to_owned(),
            weakness: None,
        });
    }

    findings.sort_by(|a, b| {
        super::findings::severity_order(
            (a.severity, a.weakness, a.touchpoint.as_ref()),
            (b.severity, b.weakness, b.touchpoint.as_ref()),
        )
        .then_with(|| a.rule.cmp(&b.rule))
    });

    CampaignPreflight {
        id: campaign.id.clone(),
        name: campaign.name.clone(),
        objective: campaign.objective.clone(),
        reach,
        budget: campaign.budget,
        goal_reached,
        goal_share,
        cost_per_goal,
        roi,
        meets_target,
        touchpoints: rows,
        findings,
    }
}
