//! The diff as lines people read, the same in the terminal (`touchmap diff`) and in the editor's
//! comparison: a kind (for the mark and the colour) and the words, every value old → new.

use serde_json::Value;

use super::{FieldChange, MapDiff};
use crate::analysis::Severity;
use crate::model::{Map, TouchPointId};

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
            (
                "segment",
                &self.segments_added,
                &self.segments_removed,
                &self.segments_changed,
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
