//! Campaign pre-flight (DESIGN.md, "Campaign pre-flight"): where a campaign's customers go on the
//! journey model — followed to its objective's goal alone — which weak spots they meet, how many
//! reach that goal, at what cost, whether the team is ready to answer them, and the verdict. Pure,
//! like the rest of the analysis. The readiness rules are in `readiness.rs`, the daily load of
//! overlapping campaigns in `calendar.rs`.

use std::collections::HashMap;

use serde::Serialize;

use super::calendar::{Overloads, Schedule};
use super::journeys::{JourneyModel, Journeys};
use super::readiness::{self, CampaignFacts};
use super::report::{rounded, rounded_option};
use super::{Config, Report, Severity};
use crate::model::{Campaign, Map, TouchPoint, TouchPointId};

pub use super::readiness::{
    CONVERSATIONAL_CHANNELS, NOTABLE_SHARE, ReadinessFinding, ReadinessRule,
};

/// The one word a manager acts on (DESIGN.md, "The verdict").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, strum::EnumIter)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// As planned it cannot pay off: misses-goal or unprofitable.
    Stop,
    /// Some other critical or high finding stands in the way.
    FixFirst,
    /// Nothing at high or above.
    Go,
}

impl Verdict {
    /// The word in JSON and on the command line.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stop => "stop",
            Self::FixFirst => "fix-first",
            Self::Go => "go",
        }
    }

    /// The word as reports show it, in capitals so it reads first.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Stop => "STOP",
            Self::FixFirst => "FIX FIRST",
            Self::Go => "GO",
        }
    }

    /// What the word means, in one line.
    #[must_use]
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Stop => "as planned it cannot pay off",
            Self::FixFirst => "fix the high and critical findings before launch",
            Self::Go => "nothing at high or above stands in the way",
        }
    }

    /// The verdict of a campaign's findings: `stop` on misses-goal or unprofitable, `fix-first` on
    /// any other finding at high or above, else `go`.
    #[must_use]
    pub fn of(findings: &[ReadinessFinding]) -> Self {
        if findings
            .iter()
            .any(|finding| finding.rule.stops_the_campaign())
        {
            Self::Stop
        } else if findings
            .iter()
            .any(|finding| finding.severity >= Severity::High)
        {
            Self::FixFirst
        } else {
            Self::Go
        }
    }
}

/// What one campaign does at one touch point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignTouchPoint {
    /// The touch point.
    pub id: TouchPointId,
    /// The campaign's customers who pass here (at most once each).
    #[serde(serialize_with = "rounded")]
    pub customers: f64,
    /// The campaign's customers whose journey ends here without reaching the objective's goal.
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
    /// The segment whose journey model its customers move by, when it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    /// Stop, fix first or go.
    pub verdict: Verdict,
    /// Who runs it.
    pub owner: Option<String>,
    /// First day, `YYYY-MM-DD`.
    pub starts: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    pub ends: Option<String>,
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

    /// The customers who meet a poor experience anywhere on the way (Σ exposure).
    #[must_use]
    pub fn total_exposure(&self) -> f64 {
        self.touchpoints.iter().map(|t| t.exposure).sum()
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

/// An objective's campaigns together: its baseline plus the goals of all of them, against its target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveTotal {
    /// The objective's id.
    pub id: String,
    /// The KPI today.
    #[serde(serialize_with = "rounded_option")]
    pub baseline: Option<f64>,
    /// Where it should be.
    #[serde(serialize_with = "rounded_option")]
    pub target: Option<f64>,
    /// The sum of its campaigns' `goal_reached`.
    #[serde(serialize_with = "rounded")]
    pub goal_reached: f64,
    /// `baseline + goal_reached ≥ target`; `None` without both.
    pub meets_target: Option<bool>,
    /// How many campaigns serve it.
    #[serde(skip)]
    pub campaigns: usize,
}

/// The pre-flight of every campaign of a map (in file order) and the objectives' totals, as
/// `touchmap campaign --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Preflight {
    /// One per campaign.
    pub campaigns: Vec<CampaignPreflight>,
    /// One per objective, in file order.
    pub objectives: Vec<ObjectiveTotal>,
    /// The dated campaigns' days and daily loads (`touchmap campaign --calendar`).
    #[serde(skip)]
    pub schedule: Schedule,
}

impl Preflight {
    /// One campaign's pre-flight.
    #[must_use]
    pub fn campaign(&self, id: &str) -> Option<&CampaignPreflight> {
        self.campaigns.iter().find(|campaign| campaign.id == id)
    }

    /// The names of the campaigns that are not on the calendar (without both dates), in plan order.
    #[must_use]
    pub fn undated(&self) -> Vec<&str> {
        self.campaigns
            .iter()
            .enumerate()
            .filter(|(index, _)| !self.schedule.is_dated(*index))
            .map(|(_, campaign)| campaign.name.as_str())
            .collect()
    }

    /// Whether every campaign says `go`.
    #[must_use]
    pub fn all_go(&self) -> bool {
        self.campaigns
            .iter()
            .all(|campaign| campaign.verdict == Verdict::Go)
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

/// `baseline + goal_reached ≥ target`; `None` without both (a campaign's and an objective's total).
fn meets_target(objective: &crate::model::Objective, goal_reached: f64) -> Option<bool> {
    Some(objective.baseline? + goal_reached >= objective.target?)
}

/// The gap of DESIGN.md, `(5 − score) / 4`; 0 when unmeasured.
pub(super) fn gap_of(touchpoint: &TouchPoint) -> f64 {
    touchpoint.score.map_or(0.0, super::gap)
}

/// A journey model campaigns move by: the map as one segment (or everyone) sees it, with its
/// journeys and analysis.
pub(super) struct View<'a> {
    /// The segment; `None` for the whole map.
    pub segment: Option<&'a str>,
    /// The map with that segment's values.
    pub map: &'a Map,
    /// Its journeys.
    pub journeys: &'a Journeys<'a>,
    /// Its analysis.
    pub report: &'a Report,
}

/// Every campaign's pre-flight. `base` is the map as saved; `shown` the view the analysis shows
/// (everyone, or the segment the editor shows), which campaigns without a segment of their own
/// move by. A campaign that names another segment moves by that segment's view, built here.
pub(super) fn preflight(base: &Map, config: &Config, shown: &View<'_>) -> Preflight {
    let plan = base.plan();
    // The other segments campaigns name: their maps, then their journeys and analyses.
    let mut named: Vec<&str> = plan
        .campaigns
        .iter()
        .filter_map(|campaign| campaign.segment.as_deref())
        .filter(|&segment| Some(segment) != shown.segment)
        .collect();
    named.sort_unstable();
    named.dedup();
    let maps: Vec<Map> = named
        .iter()
        .map(|segment| base.for_segment(segment).unwrap_or_else(|| base.clone()))
        .collect();
    let journeys: Vec<Journeys<'_>> = maps.iter().map(Journeys::of).collect();
    let reports: Vec<Report> = maps
        .iter()
        .zip(&journeys)
        .map(|(map, journeys)| super::analyze_journeys(map, config, journeys))
        .collect();
    let mut views = vec![View { ..*shown }];
    views.extend(named.iter().zip(&maps).zip(&journeys).zip(&reports).map(
        |(((segment, map), journeys), report)| View {
            segment: Some(segment),
            map,
            journeys,
            report,
        },
    ));
    // Which view each campaign moves by (0: the one shown).
    let view_of = |campaign: &Campaign| {
        campaign
            .segment
            .as_deref()
            .and_then(|segment| views.iter().position(|view| view.segment == Some(segment)))
            .unwrap_or(0)
    };
    let touchpoints = &shown.journeys.touchpoints;
    // One chain per view and objective goal, shared by the campaigns that count success there.
    let mut models: HashMap<(usize, usize), std::borrow::Cow<'_, JourneyModel>> = HashMap::new();
    let mut facts: Vec<CampaignFacts> = Vec::with_capacity(plan.campaigns.len());
    let mut campaigns: Vec<CampaignPreflight> = Vec::with_capacity(plan.campaigns.len());
    for campaign in &plan.campaigns {
        let at = view_of(campaign);
        let view = &views[at];
        let index_of = |id: &TouchPointId| {
            view.journeys
                .touchpoints
                .binary_search_by(|t| t.id.cmp(id))
                .ok()
        };
        let goal = plan
            .objective(&campaign.objective)
            .and_then(|objective| index_of(&objective.goal));
        let model = goal.map(|goal| {
            &**models
                .entry((at, goal))
                .or_insert_with(|| view.journeys.model_for_goal(goal))
        });
        let (numbers, fact) = campaign_numbers(view.map, view.journeys, campaign, goal, model);
        campaigns.push(numbers);
        facts.push(fact);
    }
    let schedule = Schedule::new(touchpoints, &campaigns);
    let overloads = Overloads::of(&schedule, campaigns.len());
    for (index, campaign) in plan.campaigns.iter().enumerate() {
        let goal = facts[index].goal;
        let at = view_of(campaign);
        let view = &views[at];
        let model = goal
            .and_then(|goal| models.get(&(at, goal)))
            .map(|model| &**model);
        let mut findings = readiness::findings(&readiness::Context {
            map: view.map,
            config,
            journeys: view.journeys,
            report: view.report,
            campaign,
            numbers: &campaigns[index],
            facts: &facts[index],
            model,
            overloads: &overloads,
            schedule: &schedule,
            index,
        });
        readiness::sort(&mut findings);
        campaigns[index].verdict = Verdict::of(&findings);
        campaigns[index].findings = findings;
    }
    let objectives = plan
        .objectives
        .iter()
        .map(|objective| {
            let serving: Vec<&CampaignPreflight> = campaigns
                .iter()
                .filter(|campaign| campaign.objective == objective.id)
                .collect();
            let goal_reached = serving.iter().map(|campaign| campaign.goal_reached).sum();
            ObjectiveTotal {
                id: objective.id.clone(),
                baseline: objective.baseline,
                target: objective.target,
                goal_reached,
                meets_target: meets_target(objective, goal_reached),
                campaigns: serving.len(),
            }
        })
        .collect();
    Preflight {
        campaigns,
        objectives,
        schedule,
    }
}

/// The numbers of one campaign (findings and verdict are filled in later), and what the rules need.
fn campaign_numbers(
    map: &Map,
    journeys: &Journeys<'_>,
    campaign: &Campaign,
    goal: Option<usize>,
    model: Option<&JourneyModel>,
) -> (CampaignPreflight, CampaignFacts) {
    let touchpoints = &journeys.touchpoints;
    let start = campaign_start(campaign, touchpoints);
    let visits = model.map_or_else(|| start.clone(), |model| model.visits(&start));
    let reach = campaign.reach;
    let rows: Vec<CampaignTouchPoint> = touchpoints
        .iter()
        .enumerate()
        .map(|(i, touchpoint)| {
            let customers = reach * visits[i].min(1.0);
            let leaving = model.map_or(1.0, |model| model.leaving(i));
            CampaignTouchPoint {
                id: touchpoint.id.clone(),
                customers,
                lost: reach * visits[i] * leaving,
                exposure: customers * gap_of(touchpoint),
            }
        })
        .collect();
    let objective = map.plan().objective(&campaign.objective);
    let goal_visits = goal.map_or(0.0, |i| visits[i].min(1.0));
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
    let meets_target = objective.and_then(|objective| meets_target(objective, goal_reached));
    let numbers = CampaignPreflight {
        id: campaign.id.clone(),
        name: campaign.name.clone(),
        objective: campaign.objective.clone(),
        segment: campaign.segment.clone(),
        verdict: Verdict::Go,
        owner: campaign.owner.clone(),
        starts: campaign.starts.clone(),
        ends: campaign.ends.clone(),
        reach,
        budget: campaign.budget,
        goal_reached,
        goal_share,
        cost_per_goal,
        roi,
        meets_target,
        touchpoints: rows,
        findings: Vec::new(),
    };
    let facts = CampaignFacts {
        goal,
        goal_visits,
        start,
        visits,
    };
    (numbers, facts)
}
