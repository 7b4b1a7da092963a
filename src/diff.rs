//! What changed between two versions of a map, every value as old → new: touch points added,
//! removed, re-scored or edited (field by field), links, objectives and campaigns (every field),
//! findings that appeared, were resolved or changed severity, and each campaign's goal reached,
//! cost per goal and verdict before → after. Used by `touchmap diff` (text and JSON) and by the
//! editor's comparison view, which show the same lines ([`MapDiff::lines`]).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::analysis::{
    Config, Finding, Preflight, Rule, Severity, Verdict, analyze_with_preflight,
};
use crate::format::{campaign_value, link_value, objective_value, touchpoint_value};
use crate::model::{Map, TouchPointId};

/// A touch point that is only in one of the two versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TouchPointRef {
    /// Its id.
    pub id: TouchPointId,
    /// Its name.
    pub name: String,
}

/// A touch point whose score changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rescored {
    /// Its id.
    pub id: TouchPointId,
    /// Its name in the new version.
    pub name: String,
    /// The old score.
    pub old: Option<f64>,
    /// The new score.
    pub new: Option<f64>,
}

impl Rescored {
    /// Whether the score went up (a new score counts as neither).
    #[must_use]
    pub fn better(&self) -> Option<bool> {
        Some(self.new? > self.old?)
    }
}

/// One field's value before and after, as the file writes it (`None`: not set).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The key in the file.
    pub field: String,
    /// Before.
    pub old: Option<Value>,
    /// After.
    pub new: Option<Value>,
}

/// A touch point with other fields changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edited {
    /// Its id.
    pub id: TouchPointId,
    /// Its name in the new version.
    pub name: String,
    /// Every field that differs (the score has its own list), in the file's order.
    pub changes: Vec<FieldChange>,
}

impl Edited {
    /// The names of the fields that differ.
    #[must_use]
    pub fn fields(&self) -> Vec<&str> {
        self.changes.iter().map(|c| c.field.as_str()).collect()
    }
}

/// A link, by its ends.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LinkRef {
    /// Where it starts.
    pub from: TouchPointId,
    /// Where it ends.
    pub to: TouchPointId,
}

/// A link whose share, label or counts changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkChange {
    /// Where it starts.
    pub from: TouchPointId,
    /// Where it ends.
    pub to: TouchPointId,
    /// Every field that differs.
    pub changes: Vec<FieldChange>,
}

/// An objective or campaign only in one version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanItemRef {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// An objective or campaign in both versions with fields changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanItemChange {
    /// Its id.
    pub id: String,
    /// Its name in the new version.
    pub name: String,
    /// Every field that differs.
    pub changes: Vec<FieldChange>,
}

/// A finding in both versions whose severity changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeverityChange {
    /// The rule.
    pub rule: Rule,
    /// The touch point, or `None` for a map-level finding.
    pub touchpoint: Option<TouchPointId>,
    /// The stage of a stage finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Before.
    pub old: Severity,
    /// After.
    pub new: Severity,
}

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change<T> {
    /// Before.
    pub old: T,
    /// After.
    pub new: T,
}

/// A campaign's outcome before and after (only campaigns in both versions whose outcome moved).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignOutcome {
    /// Its id.
    pub id: String,
    /// Its name in the new version.
    pub name: String,
    /// Customers reaching the objective's goal.
    pub goal_reached: Change<f64>,
    /// Budget ÷ goal reached.
    pub cost_per_goal: Change<Option<f64>>,
    /// Stop, fix first or go.
    pub verdict: Change<Verdict>,
}

/// Everything that differs between two versions of a map.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct MapDiff {
    /// The title, brand or stages, old → new.
    pub map_changed: Vec<FieldChange>,
    /// Only in the new version.
    pub added: Vec<TouchPointRef>,
    /// Only in the old version.
    pub removed: Vec<TouchPointRef>,
    /// Score changed.
    pub rescored: Vec<Rescored>,
    /// Other fields changed.
    pub edited: Vec<Edited>,
    /// Links only in the new version.
    pub links_added: Vec<LinkRef>,
    /// Links only in the old version.
    pub links_removed: Vec<LinkRef>,
    /// Links whose share, label or counts changed.
    pub links_changed: Vec<LinkChange>,
    /// Objectives only in the new version.
    pub objectives_added: Vec<PlanItemRef>,
    /// Objectives only in the old version.
    pub objectives_removed: Vec<PlanItemRef>,
    /// Objectives with fields changed.
    pub objectives_changed: Vec<PlanItemChange>,
    /// Campaigns only in the new version.
    pub campaigns_added: Vec<PlanItemRef>,
    /// Campaigns only in the old version.
    pub campaigns_removed: Vec<PlanItemRef>,
    /// Campaigns with fields changed.
    pub campaigns_changed: Vec<PlanItemChange>,
    /// Findings of the new version that the old one did not have.
    pub findings_new: Vec<Finding>,
    /// Findings of the old version that are gone.
    pub findings_resolved: Vec<Finding>,
    /// Findings in both whose severity changed.
    pub findings_changed: Vec<SeverityChange>,
    /// Campaigns in both whose goal reached, cost per goal or verdict moved.
    pub outcomes: Vec<CampaignOutcome>,
}

impl MapDiff {
    /// Whether the two versions are the same.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map_changed.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.rescored.is_empty()
            && self.edited.is_empty()
            && self.links_added.is_empty()
            && self.links_removed.is_empty()
            && self.links_changed.is_empty()
            && self.objectives_added.is_empty()
            && self.objectives_removed.is_empty()
            && self.objectives_changed.is_empty()
            && self.campaigns_added.is_empty()
            && self.campaigns_removed.is_empty()
            && self.campaigns_changed.is_empty()
            && self.findings_new.is_empty()
            && self.findings_resolved.is_empty()
            && self.findings_changed.is_empty()
            && self.outcomes.is_empty()
    }
}

/// What kind of change a line of the diff tells, for its mark and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Something new.
    Added,
    /// Something gone.
    Removed,
    /// A value changed.
    Changed,
    /// A score went up.
    Better,
    /// A score went down.
    Worse,
    /// A finding appeared (or got more severe).
    FindingNew(Severity),
    /// A finding was resolved (or got less severe).
    FindingResolved,
}

impl LineKind {
    /// The patch-like mark in front of the line.
    #[must_use]
    pub fn mark(self) -> char {
        match self {
            Self::Added | Self::FindingNew(_) => '+',
            Self::Removed | Self::FindingResolved => '-',
            Self::Changed | Self::Better | Self::Worse => '~',
        }
    }
}

/// One line of the diff as people read it.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffLine {
    /// What it tells.
    pub kind: LineKind,
    /// The words, without the mark.
    pub text: String,
}

/// A value as the diff shows it: text in quotes, numbers as people write them, "–" for not set.
#[must_use]
pub fn shown(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "–".to_owned(),
        Some(Value::String(text)) => format!("\"{text}\""),
        Some(Value::Number(number)) => number.as_f64().map_or_else(
            || number.to_string(),
            |n| {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    crate::numbers::whole(n)
                } else {
                    crate::numbers::decimal(n, 4)
                }
            },
        ),
        Some(other) => other.to_string(),
    }
}

fn changes_text(changes: &[FieldChange]) -> String {
    changes
        .iter()
        .map(|c| {
            format!(
                "{} {} → {}",
                c.field,
                shown(c.old.as_ref()),
                shown(c.new.as_ref())
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl MapDiff {
    /// The diff as lines a person reads top to bottom; `old` and `new` give the names.
    #[must_use]
    pub fn lines(&self, old: &Map, new: &Map) -> Vec<DiffLine> {
        let mut lines = Vec::new();
        let mut push = |kind, text: String| lines.push(DiffLine { kind, text });
        let name = |id: &TouchPointId| {
            if new.contains(id) {
                new.name_of(id)
            } else {
                old.name_of(id)
            }
        };
        for change in &self.map_changed {
            push(
                LineKind::Changed,
                format!("map {}", changes_text(std::slice::from_ref(change))),
            );
        }
        for touchpoint in &self.added {
            push(
                LineKind::Added,
                format!("touch point {} ({})", touchpoint.name, touchpoint.id),
            );
        }
        for touchpoint in &self.removed {
            push(
                LineKind::Removed,
                format!("touch point {} ({})", touchpoint.name, touchpoint.id),
            );
        }
        for rescored in &self.rescored {
            let (kind, trend) = match rescored.better() {
                Some(true) => (LineKind::Better, "better"),
                Some(false) => (LineKind::Worse, "worse"),
                None => (LineKind::Changed, "changed"),
            };
            let score = |value: Option<f64>| {
                value.map_or_else(|| "unmeasured".to_owned(), |score| format!("{score:.1}"))
            };
            push(
                kind,
                format!(
                    "{} ({}) {trend}: {} → {}",
                    rescored.name,
                    rescored.id,
                    score(rescored.old),
                    score(rescored.new)
                ),
            );
        }
        for edited in &self.edited {
            push(
                LineKind::Changed,
                format!(
                    "{} ({}) edited: {}",
                    edited.name,
                    edited.id,
                    changes_text(&edited.changes)
                ),
            );
        }
        for link in &self.links_added {
            push(
                LineKind::Added,
                format!("link {} → {}", name(&link.from), name(&link.to)),
            );
        }
        for link in &self.links_removed {
            push(
                LineKind::Removed,
                format!("link {} → {}", name(&link.from), name(&link.to)),
            );
        }
        for link in &self.links_changed {
            push(
                LineKind::Changed,
                format!(
                    "link {} → {}: {}",
                    name(&link.from),
                    name(&link.to),
                    changes_text(&link.changes)
                ),
            );
        }
        for (what, added, removed, changed) in [
            (
                "objective",
                &self.objectives_added,
                &self.objectives_removed,
                &self.objectives_changed,
            ),
            (
                "campaign",
                &self.campaigns_added,
                &self.campaigns_removed,
                &self.campaigns_changed,
            ),
        ] {
            for item in added {
                push(
                    LineKind::Added,
                    format!("{what} {} ({})", item.name, item.id),
                );
            }
            for item in removed {
                push(
                    LineKind::Removed,
                    format!("{what} {} ({})", item.name, item.id),
                );
            }
            for item in changed {
                push(
                    LineKind::Changed,
                    format!(
                        "{what} {} ({}): {}",
                        item.name,
                        item.id,
                        changes_text(&item.changes)
                    ),
                );
            }
        }
        let subject = |touchpoint: Option<&TouchPointId>, stage: Option<&String>| {
            touchpoint.map_or_else(
                || stage.map_or_else(|| "the map".to_owned(), |stage| format!("stage {stage}")),
                &name,
            )
        };
        for finding in &self.findings_new {
            push(
                LineKind::FindingNew(finding.severity),
                format!(
                    "finding {} {} on {}",
                    finding.severity.as_str(),
                    finding.rule.as_str(),
                    subject(finding.touchpoint.as_ref(), finding.stage.as_ref())
                ),
            );
        }
        for finding in &self.findings_resolved {
            push(
                LineKind::FindingResolved,
                format!(
                    "finding {} {} on {} (resolved)",
                    finding.severity.as_str(),
                    finding.rule.as_str(),
                    subject(finding.touchpoint.as_ref(), finding.stage.as_ref())
                ),
            );
        }
        for change in &self.findings_changed {
            let kind = if change.new > change.old {
                LineKind::FindingNew(change.new)
            } else {
                LineKind::FindingResolved
            };
            push(
                kind,
                format!(
                    "finding {} on {}: {} → {}",
                    change.rule.as_str(),
                    subject(change.touchpoint.as_ref(), change.stage.as_ref()),
                    change.old.as_str(),
                    change.new.as_str()
                ),
            );
        }
        let money =
            |value: Option<f64>| value.map_or_else(|| "–".to_owned(), crate::numbers::money);
        for outcome in &self.outcomes {
            push(
                LineKind::Changed,
                format!(
                    "outcome {}: goal reached {} → {}; cost per goal {} → {}; verdict {} → {}",
                    outcome.name,
                    crate::numbers::whole(outcome.goal_reached.old),
                    crate::numbers::whole(outcome.goal_reached.new),
                    money(outcome.cost_per_goal.old),
                    money(outcome.cost_per_goal.new),
                    outcome.verdict.old.as_str(),
                    outcome.verdict.new.as_str()
                ),
            );
        }
        lines
    }
}

/// The fields whose values differ between two objects as the file writes them, in the new
/// object's order, then the keys only the old one has; `skip` names keys compared elsewhere.
fn value_changes(old: &Value, new: &Value, skip: &[&str]) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let old = old.as_object().unwrap_or(&empty);
    let new = new.as_object().unwrap_or(&empty);
    let mut changes = Vec::new();
    for (key, value) in new {
        if skip.contains(&key.as_str()) || old.get(key) == Some(value) {
            continue;
        }
        changes.push(FieldChange {
            field: key.clone(),
            old: old.get(key).cloned(),
            new: Some(value.clone()),
        });
    }
    for (key, value) in old {
        if !skip.contains(&key.as_str()) && !new.contains_key(key) {
            changes.push(FieldChange {
                field: key.clone(),
                old: Some(value.clone()),
                new: None,
            });
        }
    }
    changes
}

fn finding_key(finding: &Finding) -> (Rule, Option<TouchPointId>, Option<String>) {
    (
        finding.rule,
        finding.touchpoint.clone(),
        finding.stage.clone(),
    )
}

/// Objectives or campaigns of the two versions, matched by id.
fn plan_items<T>(
    old: &[T],
    new: &[T],
    id: fn(&T) -> &str,
    name: fn(&T) -> &str,
    value: fn(&T) -> Value,
) -> (Vec<PlanItemRef>, Vec<PlanItemRef>, Vec<PlanItemChange>) {
    let item = |t: &T| PlanItemRef {
        id: id(t).to_owned(),
        name: name(t).to_owned(),
    };
    let old_by_id: BTreeMap<&str, &T> = old.iter().map(|t| (id(t), t)).collect();
    let new_ids: BTreeSet<&str> = new.iter().map(id).collect();
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for t in new {
        match old_by_id.get(id(t)) {
            None => added.push(item(t)),
            Some(before) => {
                let fields = value_changes(&value(before), &value(t), &["id"]);
                if !fields.is_empty() {
                    changed.push(PlanItemChange {
                        id: id(t).to_owned(),
                        name: name(t).to_owned(),
                        changes: fields,
                    });
                }
            }
        }
    }
    let removed = old
        .iter()
        .filter(|t| !new_ids.contains(id(*t)))
        .map(item)
        .collect();
    (added, removed, changed)
}

fn outcomes(old: &Preflight, new: &Preflight) -> Vec<CampaignOutcome> {
    new.campaigns
        .iter()
        .filter_map(|after| {
            let before = old.campaign(&after.id)?;
            // Moved as the JSON shows it: at 4 decimals.
            let shown = |v: f64| (v * 1e4).round() as i64;
            let moved = shown(before.goal_reached) != shown(after.goal_reached)
                || before.cost_per_goal.map(shown) != after.cost_per_goal.map(shown)
                || before.verdict != after.verdict;
            moved.then(|| CampaignOutcome {
                id: after.id.clone(),
                name: after.name.clone(),
                goal_reached: Change {
                    old: before.goal_reached,
                    new: after.goal_reached,
                },
                cost_per_goal: Change {
                    old: before.cost_per_goal,
                    new: after.cost_per_goal,
                },
                verdict: Change {
                    old: before.verdict,
                    new: after.verdict,
                },
            })
        })
        .collect()
}

/// Compares two versions of a map.
#[must_use]
pub fn diff(old: &Map, new: &Map, config: &Config) -> MapDiff {
    let mut result = MapDiff::default();
    let text = |value: &str| Some(Value::String(value.to_owned()));
    for (field, before, after) in [
        ("title", text(&old.title), text(&new.title)),
        (
            "brand",
            old.brand.as_deref().and_then(text),
            new.brand.as_deref().and_then(text),
        ),
        (
            "stages",
            Some(Value::from(old.stages().to_vec())),
            Some(Value::from(new.stages().to_vec())),
        ),
    ] {
        if before != after {
            result.map_changed.push(FieldChange {
                field: field.to_owned(),
                old: before,
                new: after,
            });
        }
    }
    for touchpoint in new.touchpoints() {
        match old.touchpoint(&touchpoint.id) {
            None => result.added.push(TouchPointRef {
                id: touchpoint.id.clone(),
                name: touchpoint.name.clone(),
            }),
            Some(before) => {
                if before.score != touchpoint.score {
                    result.rescored.push(Rescored {
                        id: touchpoint.id.clone(),
                        name: touchpoint.name.clone(),
                        old: before.score,
                        new: touchpoint.score,
                    });
                }
                let changes = value_changes(
                    &touchpoint_value(before),
                    &touchpoint_value(touchpoint),
                    &["id", "score"],
                );
                if !changes.is_empty() {
                    result.edited.push(Edited {
                        id: touchpoint.id.clone(),
                        name: touchpoint.name.clone(),
                        changes,
                    });
                }
            }
        }
    }
    for touchpoint in old.touchpoints() {
        if !new.contains(&touchpoint.id) {
            result.removed.push(TouchPointRef {
                id: touchpoint.id.clone(),
                name: touchpoint.name.clone(),
            });
        }
    }
    for (from, to, link) in new.links() {
        match old.link(from, to) {
            None => result.links_added.push(LinkRef {
                from: from.clone(),
                to: to.clone(),
            }),
            Some(before) if before != link => result.links_changed.push(LinkChange {
                from: from.clone(),
                to: to.clone(),
                changes: value_changes(
                    &link_value(from, to, before),
                    &link_value(from, to, link),
                    &["from", "to"],
                ),
            }),
            Some(_) => {}
        }
    }
    for (from, to, _) in old.links() {
        if new.link(from, to).is_none() {
            result.links_removed.push(LinkRef {
                from: from.clone(),
                to: to.clone(),
            });
        }
    }
    (
        result.objectives_added,
        result.objectives_removed,
        result.objectives_changed,
    ) = plan_items(
        &old.plan().objectives,
        &new.plan().objectives,
        |o| &o.id,
        |o| &o.name,
        objective_value,
    );
    (
        result.campaigns_added,
        result.campaigns_removed,
        result.campaigns_changed,
    ) = plan_items(
        &old.plan().campaigns,
        &new.plan().campaigns,
        |c| &c.id,
        |c| &c.name,
        campaign_value,
    );
    let (old_report, old_preflight) = analyze_with_preflight(old, config);
    let (new_report, new_preflight) = analyze_with_preflight(new, config);
    let old_by_key: BTreeMap<_, &Finding> = old_report
        .findings
        .iter()
        .map(|finding| (finding_key(finding), finding))
        .collect();
    let new_keys: BTreeSet<_> = new_report.findings.iter().map(finding_key).collect();
    for finding in &new_report.findings {
        match old_by_key.get(&finding_key(finding)) {
            None => result.findings_new.push(finding.clone()),
            Some(before) if before.severity != finding.severity => {
                result.findings_changed.push(SeverityChange {
                    rule: finding.rule,
                    touchpoint: finding.touchpoint.clone(),
                    stage: finding.stage.clone(),
                    old: before.severity,
                    new: finding.severity,
                });
            }
            Some(_) => {}
        }
    }
    result.findings_resolved = old_report
        .findings
        .into_iter()
        .filter(|finding| !new_keys.contains(&finding_key(finding)))
        .collect();
    result.outcomes = outcomes(&old_preflight, &new_preflight);
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, TouchPoint};

    fn id(text: &str) -> TouchPointId {
        TouchPointId::new(text).expect("valid")
    }

    fn before() -> Map {
        crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example")
    }

    #[test]
    fn identical_maps_have_no_diff() {
        assert!(diff(&before(), &before(), &Config::default()).is_empty());
    }

    #[test]
    fn finds_added_removed_rescored_edited_and_relinked() {
        let old = before();
        let mut new = old.clone();
        new.add_touchpoint(TouchPoint::new(id("returns-desk"), "Returns desk"))
            .expect("valid");
        new.remove_touchpoint(&id("size-guide")).expect("exists");
        let mut delivery = new.touchpoint(&id("delivery")).expect("exists").clone();
        delivery.score = Some(4.6);
        delivery.owner = Some("New courier".into());
        new.update_touchpoint(delivery).expect("valid");
        new.add_link(&id("returns-desk"), &id("repeat-purchase"), Link::default())
            .expect("valid");
        new.update_link(
            &id("basket"),
            &id("checkout"),
            Link {
                share: Some(0.9),
                ..Link::default()
            },
        )
        .expect("exists");
        new.title = "After the campaign".into();

        let changes = diff(&old, &new, &Config::default());
        assert_eq!(
            changes
                .map_changed
                .iter()
                .map(|c| c.field.as_str())
                .collect::<Vec<_>>(),
            ["title"]
        );
        assert_eq!(
            changes
                .added
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>(),
            ["returns-desk"]
        );
        assert_eq!(
            changes
                .removed
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>(),
            ["size-guide"]
        );
        assert_eq!(changes.rescored.len(), 1);
        assert_eq!(changes.rescored[0].better(), Some(true));
        assert_eq!(changes.edited[0].fields(), vec!["owner"]);
        assert_eq!(changes.links_added.len(), 1);
        assert!(
            changes
                .links_removed
                .iter()
                .any(|l| l.to.as_str() == "size-guide" || l.from.as_str() == "size-guide")
        );
        assert_eq!(changes.links_changed.len(), 1);
        assert_eq!(
            (
                changes.links_changed[0].from.as_str(),
                changes.links_changed[0].to.as_str()
            ),
            ("basket", "checkout")
        );
        assert!(
            changes
                .findings_resolved
                .iter()
                .any(|f| f.rule == Rule::Bottleneck && f.touchpoint == Some(id("delivery")))
        );
        assert!(
            changes
                .findings_new
                .iter()
                .any(|f| f.rule == Rule::Unreachable && f.touchpoint == Some(id("returns-desk")))
        );
    }

    #[test]
    fn a_new_score_is_neither_better_nor_worse() {
        let rescored = Rescored {
            id: id("a"),
            name: "A".into(),
            old: None,
            new: Some(3.0),
        };
        assert_eq!(rescored.better(), None);
    }

    #[test]
    fn a_new_response_time_is_an_edit_the_diff_names() {
        let old = before();
        let mut new = old.clone();
        let mut support = new
            .touchpoint(&id("support-email"))
            .expect("exists")
            .clone();
        support.response_hours = Some(4.0);
        new.update_touchpoint(support).expect("valid");
        let changes = diff(&old, &new, &Config::default());
        assert_eq!(changes.edited.len(), 1);
        assert_eq!(changes.edited[0].fields(), vec!["response_hours"]);
    }

    #[test]
    fn plan_and_share_changes_show_every_value_old_to_new() {
        let old = before();
        let mut new = old.clone();
        let mut plan = new.plan().clone();
        let spring = plan
            .campaigns
            .iter_mut()
            .find(|c| c.id == "spring-instagram")
            .expect("spring");
        spring.budget = 12_000.0;
        spring.reach = 60_000.0;
        plan.objectives
            .iter_mut()
            .find(|o| o.id == "repeat-sales")
            .expect("objective")
            .target = Some(9_000.0);
        plan.campaigns.retain(|c| c.id != "creator-reviews");
        new.set_plan(plan).expect("valid");
        let mut link = new
            .link(&id("basket"), &id("checkout"))
            .expect("link")
            .clone();
        link.share = Some(0.85);
        new.update_link(&id("basket"), &id("checkout"), link)
            .expect("exists");
        let changes = diff(&old, &new, &Config::default());
        assert!(!changes.is_empty());
        let lines: Vec<String> = changes
            .lines(&old, &new)
            .into_iter()
            .map(|line| format!("{} {}", line.kind.mark(), line.text))
            .collect();
        let has = |wanted: &str| {
            assert!(
                lines.iter().any(|line| line == wanted),
                "{wanted} not in {lines:#?}"
            );
        };
        has("~ link Basket → Checkout: share 0.7 → 0.85");
        has(
            "~ campaign Spring Instagram push (spring-instagram): reach 40,000 → 60,000; budget 8,000 → 12,000",
        );
        has("~ objective Double repeat sales by the summer (repeat-sales): target 8,000 → 9,000");
        has("- campaign YouTube creator reviews (creator-reviews)");
        // Goals scale with the reach (3,383 × 1.5 = 5,074, rounded as shown) and the basket share:
        // the outcome line gives before → after.
        assert_eq!(changes.outcomes.len(), 1);
        let outcome = &changes.outcomes[0];
        assert!(outcome.goal_reached.new > outcome.goal_reached.old * 1.5);
        assert!(
            lines
                .iter()
                .any(|line| line
                    .starts_with("~ outcome Spring Instagram push: goal reached 3,383 → ")),
            "{lines:#?}"
        );
    }

    #[test]
    fn a_severity_change_is_its_own_line() {
        let old = before();
        let mut new = old.clone();
        // Support e-mail: weak at medium (2.8/5); at 2.0 the same rule is high.
        let mut support = new
            .touchpoint(&id("support-email"))
            .expect("exists")
            .clone();
        support.score = Some(1.0);
        new.update_touchpoint(support).expect("valid");
        let changes = diff(&old, &new, &Config::default());
        let change = changes
            .findings_changed
            .iter()
            .find(|c| c.rule == Rule::Weak && c.touchpoint == Some(id("support-email")))
            .expect("weak changed severity");
        assert_eq!(change.old, Severity::Medium);
        assert!(change.new > Severity::Medium);
        assert!(
            !changes
                .findings_new
                .iter()
                .any(|f| f.rule == Rule::Weak && f.touchpoint == Some(id("support-email"))),
            "not listed as new as well"
        );
    }
}
