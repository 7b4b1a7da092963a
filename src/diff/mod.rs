//! What changed between two versions of a map, every value as old → new: touch points added,
//! removed, re-scored or edited (field by field), links, objectives and campaigns (every field),
//! findings that appeared, were resolved or changed severity, and each campaign's goal reached,
//! cost per goal and verdict before → after. Used by `touchmap diff` (text and JSON) and by the
//! editor's comparison view, which show the same lines ([`MapDiff::lines`]).

mod lines;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::analysis::{
    Config, Finding, Preflight, Rule, Severity, Verdict, analyze_with_preflight,
};
use crate::format::{campaign_value, link_value, objective_value, segment_value, touchpoint_value};
use crate::model::{Map, TouchPointId};
pub use lines::{DiffLine, LineKind, shown};

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
    /// Segments only in the new version.
    pub segments_added: Vec<PlanItemRef>,
    /// Segments only in the old version.
    pub segments_removed: Vec<PlanItemRef>,
    /// Segments whose name, weight or kept keys changed.
    pub segments_changed: Vec<PlanItemChange>,
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
            && self.segments_added.is_empty()
            && self.segments_removed.is_empty()
            && self.segments_changed.is_empty()
            && self.findings_new.is_empty()
            && self.findings_resolved.is_empty()
            && self.findings_changed.is_empty()
            && self.outcomes.is_empty()
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

/// Objectives, campaigns or segments of the two versions, matched by id.
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
    (
        result.segments_added,
        result.segments_removed,
        result.segments_changed,
    ) = plan_items(
        old.segments(),
        new.segments(),
        |s| &s.id,
        |s| &s.name,
        segment_value,
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
mod tests;
