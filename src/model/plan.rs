//! The plan around the map (DESIGN.md, "Campaign pre-flight"): objectives, where success is counted,
//! and campaigns, which bring customers in at some touch points to serve an objective.

use serde_json::{Map as JsonObject, Value};

use super::TouchPointId;
use super::day::Day;

/// What an objective of the six-point plan aims at.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ObjectiveKind {
    /// Product awareness.
    Awareness,
    /// Product trial.
    Trial,
    /// Customer feedback.
    Feedback,
    /// Repeat sales.
    RepeatSales,
    /// Account reactivation.
    Reactivation,
    /// Anything else.
    #[default]
    Other,
}

impl ObjectiveKind {
    /// Every kind, in the plan's order.
    pub const ALL: [Self; 6] = [
        Self::Awareness,
        Self::Trial,
        Self::Feedback,
        Self::RepeatSales,
        Self::Reactivation,
        Self::Other,
    ];

    /// The word in the file.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Awareness => "awareness",
            Self::Trial => "trial",
            Self::Feedback => "feedback",
            Self::RepeatSales => "repeat-sales",
            Self::Reactivation => "reactivation",
            Self::Other => "other",
        }
    }

    /// Reads the word in the file.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

/// An objective: what the campaigns are for, and where its success is counted.
#[derive(Debug, Clone, PartialEq, schemars::JsonSchema)]
pub struct Objective {
    /// Unique among objectives.
    #[schemars(regex(pattern = r"\S"))]
    pub id: String,
    /// "Repeat sales up 40 % by March".
    pub name: String,
    /// Which of the plan's objectives.
    pub kind: ObjectiveKind,
    /// The touch point where success is counted.
    pub goal: TouchPointId,
    /// What is counted ("repeat purchases per month").
    pub kpi: Option<String>,
    /// The KPI today.
    #[schemars(range(min = 0))]
    pub baseline: Option<f64>,
    /// Where the KPI should be after the campaign.
    #[schemars(range(min = 0))]
    pub target: Option<f64>,
    /// What one success is worth (for ROI).
    #[schemars(range(min = 0))]
    pub value: Option<f64>,
    /// Keys this version does not know, written back unchanged.
    #[serde(flatten)]
    pub extra: JsonObject<String, Value>,
}

/// A campaign: extra customers brought in at some touch points, for an objective.
#[derive(Debug, Clone, PartialEq, Default, schemars::JsonSchema)]
pub struct Campaign {
    /// Unique among campaigns.
    #[schemars(regex(pattern = r"\S"))]
    pub id: String,
    /// "Spring Instagram push".
    pub name: String,
    /// The objective's id.
    pub objective: String,
    /// The segment whose journey model its customers move by (DESIGN.md, "Segments"); absent =
    /// the map's customers as a whole (or the segment the editor shows).
    pub segment: Option<String>,
    /// Where the campaign brings customers in; never empty.
    #[schemars(length(min = 1))]
    pub channels: Vec<TouchPointId>,
    /// How `reach` divides between the channels, one number per channel.
    #[serde(default)]
    #[schemars(schema_with = "split_schema")]
    pub split: Option<Vec<f64>>,
    /// Extra customers over the campaign's run.
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub reach: f64,
    /// What it costs.
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub budget: f64,
    /// How fast the team must answer the campaign's customers, in hours.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub response_hours: Option<f64>,
    /// Who runs it.
    pub owner: Option<String>,
    /// First day, `YYYY-MM-DD`.
    #[schemars(regex(pattern = super::day::DAY_PATTERN))]
    pub starts: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    #[schemars(regex(pattern = super::day::DAY_PATTERN))]
    pub ends: Option<String>,
    /// Keys this version does not know, written back unchanged.
    #[serde(flatten)]
    pub extra: JsonObject<String, Value>,
}

/// `split` in the schema: numbers of at least 0.
fn split_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": ["array", "null"],
        "items": {"type": "number", "minimum": 0}
    })
}

/// The objectives and campaigns of a map.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// In file order.
    pub objectives: Vec<Objective>,
    /// In file order.
    pub campaigns: Vec<Campaign>,
}

/// Why a plan does not fit its map: the place (`objectives[0].goal`) and the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {message}")]
pub struct PlanError {
    /// Where, as a path below the map (`campaigns[1].channels[0]`).
    pub place: String,
    /// What is wrong, for a person.
    pub message: String,
}

impl PlanError {
    pub(super) fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            place: place.into(),
            message: message.into(),
        }
    }
}

/// Ids not blank and distinct: `list` is the JSON list (`objectives`), `a_thing` and `thing` the
/// words for one item.
fn check_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    list: &str,
    a_thing: &str,
    thing: &str,
) -> Result<(), PlanError> {
    let mut seen = std::collections::HashMap::new();
    for (position, id) in ids.enumerate() {
        let place = format!("{list}[{position}].id");
        if id.trim().is_empty() {
            return Err(PlanError::new(place, format!("{a_thing} needs an id")));
        }
        if let Some(first) = seen.insert(id, position) {
            return Err(PlanError::new(
                place,
                format!("the {thing} id '{id}' is used twice (first at {list}[{first}])"),
            ));
        }
    }
    Ok(())
}

/// An objective's name, goal and amounts.
fn check_objective(
    objective: &Objective,
    place: &str,
    touchpoint_exists: impl Fn(&TouchPointId) -> bool,
) -> Result<(), PlanError> {
    if objective.name.trim().is_empty() {
        return Err(PlanError::new(
            format!("{place}.name"),
            format!("objective '{}' needs a name", objective.id),
        ));
    }
    if !touchpoint_exists(&objective.goal) {
        return Err(PlanError::new(
            format!("{place}.goal"),
            format!(
                "objective '{}' counts success at '{}', which is not a touch point in this map",
                objective.id, objective.goal
            ),
        ));
    }
    for (what, value) in [
        ("baseline", objective.baseline),
        ("target", objective.target),
        ("value", objective.value),
    ] {
        if let Some(value) = value {
            check_amount(value, &format!("{place}.{what}"), what)?;
        }
    }
    Ok(())
}

/// A campaign's channels (at least one, each a touch point, none twice) and its split (one
/// number per channel, at least one above 0).
fn check_channels(
    campaign: &Campaign,
    (place, named): (&str, &str),
    touchpoint_exists: impl Fn(&TouchPointId) -> bool,
) -> Result<(), PlanError> {
    if campaign.channels.is_empty() {
        return Err(PlanError::new(
            format!("{place}.channels"),
            format!(
                "{named} needs at least one channel (the touch point where it brings customers in)"
            ),
        ));
    }
    for (index, channel) in campaign.channels.iter().enumerate() {
        if !touchpoint_exists(channel) {
            return Err(PlanError::new(
                format!("{place}.channels[{index}]"),
                format!(
                    "{named} brings customers in at '{channel}', which is not a touch point in this map"
                ),
            ));
        }
        if campaign.channels[..index].contains(channel) {
            return Err(PlanError::new(
                format!("{place}.channels[{index}]"),
                format!("{named} names channel '{channel}' twice"),
            ));
        }
    }
    let Some(split) = &campaign.split else {
        return Ok(());
    };
    if split.len() != campaign.channels.len() {
        return Err(PlanError::new(
            format!("{place}.split"),
            format!(
                "{named} has {} channels but its split has {} numbers; give one number per channel",
                campaign.channels.len(),
                split.len()
            ),
        ));
    }
    for (index, &share) in split.iter().enumerate() {
        check_amount(share, &format!("{place}.split[{index}]"), "a split")?;
    }
    if split.iter().all(|&share| share <= 0.0) {
        return Err(PlanError::new(
            format!("{place}.split"),
            format!(
                "{named}: the split gives none of the campaign's reach to any channel; give at least one channel a number above 0"
            ),
        ));
    }
    Ok(())
}

/// A campaign's reach, budget, response time and dates.
fn check_campaign_values(
    campaign: &Campaign,
    (place, named): (&str, &str),
) -> Result<(), PlanError> {
    check_amount(campaign.reach, &format!("{place}.reach"), "reach")?;
    check_amount(campaign.budget, &format!("{place}.budget"), "budget")?;
    if let Some(hours) = campaign.response_hours
        && !(hours.is_finite() && hours > 0.0)
    {
        return Err(PlanError::new(
            format!("{place}.response_hours"),
            format!("response_hours must be a number above 0, not {hours}"),
        ));
    }
    for (what, date) in [("starts", &campaign.starts), ("ends", &campaign.ends)] {
        if let Some(date) = date
            && let Err(error) = Day::parse(date)
        {
            return Err(PlanError::new(
                format!("{place}.{what}"),
                format!("{what}: {error}"),
            ));
        }
    }
    if let (Some(starts), Some(ends)) = (&campaign.starts, &campaign.ends)
        && ends < starts
    {
        return Err(PlanError::new(
            format!("{place}.ends"),
            format!("{named} ends ({ends}) before it starts ({starts})"),
        ));
    }
    Ok(())
}

fn check_amount(value: f64, place: &str, what: &'static str) -> Result<(), PlanError> {
    super::check_non_negative(what, value)
        .map(drop)
        .map_err(|error| PlanError::new(place, error.message))
}

impl Plan {
    /// Whether there is nothing in it.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.objectives.is_empty() && self.campaigns.is_empty()
    }

    /// An objective by id.
    #[must_use]
    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.objectives.iter().find(|objective| objective.id == id)
    }

    /// A campaign by id.
    #[must_use]
    pub fn campaign(&self, id: &str) -> Option<&Campaign> {
        self.campaigns.iter().find(|campaign| campaign.id == id)
    }

    /// Checks the plan against the touch points that exist: unique ids, names, kinds of values,
    /// every goal, objective and channel known, a split as long as the channels, dates.
    pub fn check(
        &self,
        touchpoint_exists: impl Fn(&TouchPointId) -> bool,
    ) -> Result<(), PlanError> {
        let ids = self.objectives.iter().map(|o| o.id.as_str());
        check_ids(ids, "objectives", "an objective", "objective")?;
        for (position, objective) in self.objectives.iter().enumerate() {
            check_objective(
                objective,
                &format!("objectives[{position}]"),
                &touchpoint_exists,
            )?;
        }
        let ids = self.campaigns.iter().map(|c| c.id.as_str());
        check_ids(ids, "campaigns", "a campaign", "campaign")?;
        for (position, campaign) in self.campaigns.iter().enumerate() {
            let place = format!("campaigns[{position}]");
            let named = format!("campaign '{}'", campaign.id);
            if campaign.name.trim().is_empty() {
                return Err(PlanError::new(
                    format!("{place}.name"),
                    format!("{named} needs a name"),
                ));
            }
            if self.objective(&campaign.objective).is_none() {
                return Err(PlanError::new(
                    format!("{place}.objective"),
                    format!(
                        "{named} serves objective '{}', which is not an objective of this map",
                        campaign.objective
                    ),
                ));
            }
            check_channels(campaign, (&place, &named), &touchpoint_exists)?;
            check_campaign_values(campaign, (&place, &named))?;
        }
        Ok(())
    }

    /// What in the plan names a touch point, for people ("objective 'Repeat sales', campaign
    /// 'Spring push'"); empty when nothing does.
    #[must_use]
    pub fn naming(&self, id: &TouchPointId) -> Vec<String> {
        let mut names: Vec<String> = self
            .objectives
            .iter()
            .filter(|objective| &objective.goal == id)
            .map(|objective| format!("objective '{}'", objective.name))
            .collect();
        names.extend(
            self.campaigns
                .iter()
                .filter(|campaign| campaign.channels.contains(id))
                .map(|campaign| format!("campaign '{}'", campaign.name)),
        );
        names
    }

    /// The plan without a touch point: it leaves the campaigns' channels (with its split number);
    /// an objective whose goal it was goes, with its campaigns; a campaign left without a channel
    /// goes.
    #[must_use]
    pub fn without(&self, id: &TouchPointId) -> Self {
        let objectives: Vec<Objective> = self
            .objectives
            .iter()
            .filter(|objective| &objective.goal != id)
            .cloned()
            .collect();
        let campaigns = self
            .campaigns
            .iter()
            .filter(|campaign| objectives.iter().any(|o| o.id == campaign.objective))
            .filter_map(|campaign| {
                let mut campaign = campaign.clone();
                if let Some(position) = campaign.channels.iter().position(|c| c == id) {
                    campaign.channels.remove(position);
                    if let Some(split) = &mut campaign.split {
                        split.remove(position);
                    }
                }
                (!campaign.channels.is_empty()).then_some(campaign)
            })
            .collect();
        Self {
            objectives,
            campaigns,
        }
    }

    /// The plan with a touch point's id changed everywhere it is named.
    #[must_use]
    pub fn renamed(&self, old: &TouchPointId, new: &TouchPointId) -> Self {
        let mut plan = self.clone();
        for objective in &mut plan.objectives {
            if &objective.goal == old {
                objective.goal = new.clone();
            }
        }
        for campaign in &mut plan.campaigns {
            for channel in &mut campaign.channels {
                if channel == old {
                    *channel = new.clone();
                }
            }
        }
        plan
    }
}

/// The map's plan: checked against its touch points and segments, kept in id order.
impl super::Map {
    /// Checks a plan against this map: its own rules ([`Plan::check`]) with the map's touch points,
    /// and every campaign's segment one of the map's.
    pub fn check_plan(&self, plan: &Plan) -> Result<(), PlanError> {
        plan.check(|id| self.contains(id))?;
        for (position, campaign) in plan.campaigns.iter().enumerate() {
            if let Some(segment) = &campaign.segment
                && self.segment(segment).is_none()
            {
                return Err(PlanError::new(
                    format!("campaigns[{position}].segment"),
                    format!(
                        "campaign '{}' aims at segment '{segment}', which is not one of the map's segments ({})",
                        campaign.id,
                        self.segment_names()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The objectives and campaigns (the plan around the map).
    #[must_use]
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Replaces the plan after checking it against the map's touch points; returns the old one.
    /// On refusal the map is unchanged.
    pub fn set_plan(&mut self, mut plan: Plan) -> Result<Plan, PlanError> {
        self.check_plan(&plan)?;
        // Kept in id order, as saved: a map reads back equal to itself.
        plan.objectives.sort_by(|a, b| a.id.cmp(&b.id));
        plan.campaigns.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(std::mem::replace(&mut self.plan, plan))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::is_date;

    fn id(text: &str) -> TouchPointId {
        TouchPointId::new(text).expect("valid")
    }

    fn plan() -> Plan {
        Plan {
            objectives: vec![Objective {
                id: "sales".into(),
                name: "Sales".into(),
                kind: ObjectiveKind::RepeatSales,
                goal: id("checkout"),
                kpi: None,
                baseline: None,
                target: None,
                value: None,
                extra: JsonObject::new(),
            }],
            campaigns: vec![Campaign {
                id: "push".into(),
                name: "Push".into(),
                objective: "sales".into(),
                channels: vec![id("ad"), id("post")],
                split: Some(vec![3.0, 1.0]),
                reach: 1000.0,
                budget: 500.0,
                ..Campaign::default()
            }],
        }
    }

    #[test]
    fn dates_are_checked_as_calendar_days() {
        assert!(is_date("2026-03-01"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2026-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("26-03-01"));
        assert!(!is_date("2026-3-1x"));
    }

    #[test]
    fn refusals_name_the_place() {
        let exists = |t: &TouchPointId| ["checkout", "ad", "post"].contains(&t.as_str());
        assert_eq!(plan().check(exists), Ok(()));
        let mut bad = plan();
        bad.campaigns[0].split = Some(vec![1.0]);
        assert_eq!(
            bad.check(exists).expect_err("wrong length").place,
            "campaigns[0].split"
        );
        let mut bad = plan();
        bad.campaigns[0].channels[1] = id("nowhere");
        let error = bad.check(exists).expect_err("unknown channel");
        assert_eq!(error.place, "campaigns[0].channels[1]");
        assert!(error.message.contains("'nowhere'"));
        let mut bad = plan();
        bad.campaigns[0].objective = "growth".into();
        assert_eq!(
            bad.check(exists).expect_err("unknown objective").place,
            "campaigns[0].objective"
        );
        let mut bad = plan();
        bad.objectives.push(bad.objectives[0].clone());
        assert_eq!(
            bad.check(exists).expect_err("duplicate").place,
            "objectives[1].id"
        );
        let mut bad = plan();
        bad.campaigns[0].starts = Some("2026-04-31".into());
        let error = bad.check(exists).expect_err("bad date");
        assert_eq!(error.place, "campaigns[0].starts");
        assert_eq!(
            error.message,
            "starts: 2026-04-31 is not a day of the calendar"
        );
        let mut bad = plan();
        bad.campaigns[0].split = Some(vec![0.0, 0.0]);
        let error = bad.check(exists).expect_err("all zero");
        assert_eq!(error.place, "campaigns[0].split");
        assert!(
            error
                .message
                .contains("split gives none of the campaign's reach to any channel"),
            "{}",
            error.message
        );
        let mut bad = plan();
        bad.campaigns[0].starts = Some("2026-04-10".into());
        bad.campaigns[0].ends = Some("2026-04-01".into());
        assert_eq!(
            bad.check(exists).expect_err("ends first").place,
            "campaigns[0].ends"
        );
    }

    #[test]
    fn removing_a_touch_point_takes_it_out_of_the_plan() {
        let without_ad = plan().without(&id("ad"));
        assert_eq!(without_ad.campaigns[0].channels, vec![id("post")]);
        assert_eq!(without_ad.campaigns[0].split, Some(vec![1.0]));
        let without_goal = plan().without(&id("checkout"));
        assert!(without_goal.is_empty(), "{without_goal:?}");
        assert_eq!(plan().naming(&id("ad")), vec!["campaign 'Push'".to_owned()]);
    }
}
