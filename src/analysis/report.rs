//! What the analysis returns: findings, per touch point facts and summaries, with the JSON shape of
//! `touchmap analyze --json`.

use serde::{Serialize, Serializer};

use crate::model::{Day, EvidenceStrength, TouchPointId};

/// The weakness thresholds of the severities.
#[derive(Debug, Clone, Copy, PartialEq, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct Config {
    /// Weakness at or above this is critical.
    pub critical: f64,
    /// Weakness at or above this is high.
    pub high: f64,
    /// Weakness at or above this is medium, and a `weak` finding.
    pub medium: f64,
    /// The day `stale` measures ages against; `None` checks no age (the analysis stays a pure
    /// function of the map: the command line and the editor pass today, or `--as-of`).
    #[serde(skip)]
    pub as_of: Option<Day>,
    /// Data older than this many days before `as_of` is `stale`.
    pub stale_days: i64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            critical: 0.6,
            high: 0.45,
            medium: 0.3,
            as_of: None,
            stale_days: 365,
        }
    }
}

impl Config {
    /// The default thresholds, with ages measured against today.
    #[must_use]
    pub fn today() -> Self {
        Self {
            as_of: Some(Day::today()),
            ..Self::default()
        }
    }

    /// The severity of a weakness, or `None` below the medium threshold.
    #[must_use]
    pub fn severity_of(&self, weakness: f64) -> Option<Severity> {
        if weakness >= self.critical {
            Some(Severity::Critical)
        } else if weakness >= self.high {
            Some(Severity::High)
        } else if weakness >= self.medium {
            Some(Severity::Medium)
        } else {
            None
        }
    }
}

/// How urgent a finding is. Ordered from `Low` to `Critical`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Low,
    /// Worth fixing.
    Medium,
    /// Fix before the campaign.
    High,
    /// Fix first.
    Critical,
}

impl Severity {
    /// Every severity, most severe first.
    pub const ALL: [Self; 4] = [Self::Critical, Self::High, Self::Medium, Self::Low];

    /// The word used in output and on the command line.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }

    /// Reads the word used on the command line.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|severity| severity.as_str() == text)
    }
}

/// Which rule produced a finding; the names are those of DESIGN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Weakness at or above the medium threshold.
    Weak,
    /// Every journey crosses it, it is weak itself and it scores below the map's average.
    Bottleneck,
    /// Not a goal, and no way on.
    DeadEnd,
    /// No path from any entry.
    Unreachable,
    /// An entry from which no goal can be reached.
    NoGoal,
    /// A goal the entries reach only through another goal, where journeys end first.
    ShadowedGoal,
    /// Most customers leave here.
    DropOff,
    /// Far more expensive per customer than the rest.
    Costly,
    /// Nobody answers for it.
    Unowned,
    /// No score.
    Unmeasured,
    /// A stage with no touch point.
    EmptyStage,
    /// No link in or out: not part of any journey yet.
    Unlinked,
    /// Measured, but the interval's ends fall in different severities.
    Uncertain,
    /// The data behind the score is older than `stale_days`.
    Stale,
}

impl Rule {
    /// The rule's name as in DESIGN.md and the JSON output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Weak => "weak",
            Self::Bottleneck => "bottleneck",
            Self::DeadEnd => "dead-end",
            Self::Unreachable => "unreachable",
            Self::NoGoal => "no-goal",
            Self::ShadowedGoal => "shadowed-goal",
            Self::DropOff => "drop-off",
            Self::Costly => "costly",
            Self::Unowned => "unowned",
            Self::Unmeasured => "unmeasured",
            Self::EmptyStage => "empty-stage",
            Self::Unlinked => "unlinked",
            Self::Uncertain => "uncertain",
            Self::Stale => "stale",
        }
    }
}

/// One weak spot, with a reason in plain language and a suggested action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule that found it.
    pub rule: Rule,
    /// The touch point, or `None` for a map-level finding.
    pub touchpoint: Option<TouchPointId>,
    /// The stage, for `empty-stage`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// How urgent.
    pub severity: Severity,
    /// The touch point's weakness, where it has a score.
    #[serde(serialize_with = "rounded_option")]
    pub weakness: Option<f64>,
    /// One sentence: why this is a weak spot.
    pub reason: String,
    /// One sentence: what to do.
    pub action: String,
}

impl Finding {
    /// What the finding is about, for people: the touch point's name, "Stage X", or "Map".
    #[must_use]
    pub fn subject(&self, map: &crate::model::Map) -> String {
        match (&self.touchpoint, &self.stage) {
            (Some(id), _) => map.name_of(id),
            (None, Some(stage)) => format!("Stage {stage}"),
            (None, None) => "Map".to_owned(),
        }
    }
}

/// The findings about one touch point (or one map-level finding), as people read them.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingGroup<'report> {
    /// The touch point, or `None` for a map-level finding.
    pub touchpoint: Option<&'report TouchPointId>,
    /// The worst severity among the findings.
    pub severity: Severity,
    /// Most severe first, one per rule.
    pub findings: Vec<&'report Finding>,
}

impl FindingGroup<'_> {
    /// What the group is about, for people: the touch point's name, "Stage X", or "Map".
    #[must_use]
    pub fn subject(&self, map: &crate::model::Map) -> String {
        self.findings
            .first()
            .map_or_else(|| "Map".to_owned(), |finding| finding.subject(map))
    }

    /// The rules, comma-separated ("weak, bottleneck").
    #[must_use]
    pub fn rules(&self) -> String {
        self.findings
            .iter()
            .map(|finding| finding.rule.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The touch point's weakness, where it has a score.
    #[must_use]
    pub fn weakness(&self) -> Option<f64> {
        self.findings.iter().find_map(|finding| finding.weakness)
    }
}

/// Importance–performance quadrant (Martilla & James, 1977).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quadrant {
    /// Important and performing below the mean: the weak spots that matter.
    Concentrate,
    /// Important and performing well.
    KeepUp,
    /// Less important and performing below the mean.
    LowPriority,
    /// Performing well on something that matters less: money that could move elsewhere.
    Overkill,
}

impl Quadrant {
    /// The name used in output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Concentrate => "concentrate",
            Self::KeepUp => "keep-up",
            Self::LowPriority => "low-priority",
            Self::Overkill => "overkill",
        }
    }
}

/// What the analysis found out about one touch point.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent facts, each a column of the JSON output"
)]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TouchPointAnalysis {
    /// The touch point.
    pub id: TouchPointId,
    /// 0 (fine) to 1 (terrible); `None` when unmeasured.
    #[serde(serialize_with = "rounded_option")]
    pub weakness: Option<f64>,
    /// Expected passes of a successful journey through it, capped at 1: in a map without loops,
    /// the share of successful journeys that pass through it.
    #[serde(serialize_with = "rounded")]
    pub flow: f64,
    /// The share of successful journeys lost if it failed (every customer arriving there leaves
    /// instead): 1 for a must-pass touch point, the uncapped flow where no loop passes through it,
    /// 0 where nothing succeeds.
    #[serde(serialize_with = "rounded")]
    pub removal_effect: f64,
    /// Every journey crosses it (dominates each goal the entries reach). Shown to people as
    /// "every journey", never "critical", which is a severity.
    pub must_pass: bool,
    /// How far the room can defend the score: none, workshop, thin or data.
    pub evidence: EvidenceStrength,
    /// Importance–performance quadrant, when measured.
    pub quadrant: Option<Quadrant>,
    /// Journeys start here.
    pub entry: bool,
    /// Journeys succeed here.
    pub goal: bool,
    /// Some entry leads here.
    pub reachable: bool,
    /// The most severe finding about it (kept here so a frame need not search the findings).
    #[serde(skip)]
    pub worst_severity: Option<Severity>,
}

/// The average score of one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageScore {
    /// The stage.
    pub stage: String,
    /// Mean score of its measured touch points; `None` when none is measured.
    #[serde(serialize_with = "rounded_option")]
    pub score: Option<f64>,
    /// How many touch points are in it.
    pub touchpoints: usize,
}

/// The average score of one channel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelScore {
    /// The channel.
    pub channel: String,
    /// Mean score of its measured touch points.
    #[serde(serialize_with = "rounded_option")]
    pub score: Option<f64>,
    /// How many touch points use it.
    pub touchpoints: usize,
}

/// How the overall score was averaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScoreBasis {
    /// Every measured touch point has a reach, and the scores are weighted by it.
    ReachWeighted,
    /// The plain mean of the scores (some measured touch point has no reach).
    Mean,
}

/// Map-level figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The mean score, weighted by reach when every measured touch point has a reach.
    #[serde(serialize_with = "rounded_option")]
    pub overall_score: Option<f64>,
    /// Which average `overall_score` is.
    pub overall_basis: ScoreBasis,
    /// Plain mean score of the measured touch points (the IPA crosshair).
    #[serde(serialize_with = "rounded_option")]
    pub mean_score: Option<f64>,
    /// Mean importance of the measured touch points (the IPA crosshair).
    #[serde(serialize_with = "rounded_option")]
    pub mean_importance: Option<f64>,
    /// The emotion curve: every stage in order.
    pub stages: Vec<StageScore>,
    /// Every channel, sorted by name.
    pub channels: Vec<ChannelScore>,
    /// Sum of the costs.
    #[serde(serialize_with = "rounded")]
    pub total_cost: f64,
    /// Customers who start a journey: the sum of the entries' reach.
    #[serde(serialize_with = "rounded_option")]
    pub reached_customers: Option<f64>,
    /// Total cost ÷ reached customers.
    #[serde(serialize_with = "rounded_option")]
    pub cost_per_customer: Option<f64>,
    /// How many touch points have a score.
    pub measured: usize,
    /// How many touch points there are.
    pub touchpoints: usize,
}

impl Summary {
    /// The overall score as every view shows it, saying how it was averaged: "3.4/5 (mean of 14
    /// scores)", "3.9/5 (weighted by reach, 14 scores)", or "no scores yet".
    #[must_use]
    pub fn overall_text(&self) -> String {
        let Some(score) = self.overall_score else {
            return "no scores yet".to_owned();
        };
        let scores = crate::numbers::count(self.measured, "score", "scores");
        match self.overall_basis {
            ScoreBasis::Mean => format!("{score:.1}/5 (mean of {scores})"),
            ScoreBasis::ReachWeighted => format!("{score:.1}/5 (weighted by reach, {scores})"),
        }
    }
}

/// The result of [`analyze`](super::analyze).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Most severe first, then by weakness, then by touch point id.
    pub findings: Vec<Finding>,
    /// One per touch point, sorted by id.
    pub touchpoints: Vec<TouchPointAnalysis>,
    /// Map-level figures.
    pub summary: Summary,
}

impl Report {
    /// The analysis of one touch point.
    #[must_use]
    pub fn touchpoint(&self, id: &TouchPointId) -> Option<&TouchPointAnalysis> {
        self.touchpoints
            .binary_search_by(|analysis| analysis.id.cmp(id))
            .ok()
            .map(|position| &self.touchpoints[position])
    }

    /// The findings about one touch point, most severe first.
    pub fn findings_for<'report>(
        &'report self,
        id: &'report TouchPointId,
    ) -> impl Iterator<Item = &'report Finding> + 'report {
        self.findings
            .iter()
            .filter(move |finding| finding.touchpoint.as_ref() == Some(id))
    }

    /// The findings as people read them: one group per touch point, headed by its worst severity
    /// and ordered like the findings (most severe first, then by weakness, then by id), each rule
    /// once; map-level findings (such as `empty-stage`) after them, one group each.
    #[must_use]
    pub fn grouped(&self) -> Vec<FindingGroup<'_>> {
        self.group_indices()
            .iter()
            .map(|indices| self.group(indices))
            .collect()
    }

    /// The groups of [`Report::grouped`] as the indices of their findings in `findings`: what the
    /// editor keeps from one analysis to the next frame (a group borrows the report; indices do not).
    #[must_use]
    pub fn group_indices(&self) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut group_of: std::collections::HashMap<&TouchPointId, usize> =
            std::collections::HashMap::new();
        let mut map_level = Vec::new();
        for (index, finding) in self.findings.iter().enumerate() {
            let Some(id) = &finding.touchpoint else {
                map_level.push(vec![index]);
                continue;
            };
            // Findings are sorted most severe first, so a touch point's first finding is its worst.
            if let Some(&group) = group_of.get(id) {
                groups[group].push(index);
            } else {
                group_of.insert(id, groups.len());
                groups.push(vec![index]);
            }
        }
        groups.extend(map_level);
        groups
    }

    /// One group from the indices of its findings (one entry of [`Report::group_indices`]): about
    /// the first finding's touch point, headed by its severity, the worst.
    ///
    /// # Panics
    /// If an index is not a finding of this report, or `indices` is empty.
    #[must_use]
    pub fn group(&self, indices: &[usize]) -> FindingGroup<'_> {
        let first = &self.findings[indices[0]];
        FindingGroup {
            touchpoint: first.touchpoint.as_ref(),
            severity: first.severity,
            findings: indices.iter().map(|&index| &self.findings[index]).collect(),
        }
    }

    /// The most severe finding about a touch point.
    #[must_use]
    pub fn worst_severity(&self, id: &TouchPointId) -> Option<Severity> {
        self.touchpoint(id)
            .and_then(|analysis| analysis.worst_severity)
    }
}

/// Four decimals are plenty for people and keep golden files stable across platforms.
/// Never `-0`: adding 0.0 turns a rounded -0.0 into 0.
fn round(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0 + 0.0
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's serialize_with passes a reference"
)]
pub(super) fn rounded<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(round(*value))
}

#[expect(
    clippy::ref_option,
    reason = "serde's serialize_with passes a reference to the field"
)]
pub(super) fn rounded_option<S: Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.serialize_some(&round(*value)),
        None => serializer.serialize_none(),
    }
}
