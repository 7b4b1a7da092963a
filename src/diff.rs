//! What changed between two versions of a map: touch points added, removed, re-scored or edited,
//! links changed, and findings that appeared or were resolved. Used by `touchmap diff` and by the
//! editor's comparison view.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::analysis::{Config, Finding, Rule, analyze};
use crate::model::{Map, TouchPoint, TouchPointId};

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

/// A touch point with other fields changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edited {
    /// Its id.
    pub id: TouchPointId,
    /// Its name in the new version.
    pub name: String,
    /// The fields that differ, as named in the file.
    pub fields: Vec<&'static str>,
}

/// A link, by its ends.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LinkRef {
    /// Where it starts.
    pub from: TouchPointId,
    /// Where it ends.
    pub to: TouchPointId,
}

/// Everything that differs between two versions of a map.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct MapDiff {
    /// Whether the title, brand or stages differ.
    pub map_changed: Vec<&'static str>,
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
    /// Links whose share or label changed.
    pub links_changed: Vec<LinkRef>,
    /// Findings of the new version that the old one did not have.
    pub findings_new: Vec<Finding>,
    /// Findings of the old version that are gone.
    pub findings_resolved: Vec<Finding>,
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
            && self.findings_new.is_empty()
            && self.findings_resolved.is_empty()
    }
}

fn changed_fields(old: &TouchPoint, new: &TouchPoint) -> Vec<&'static str> {
    // Every field by name, with no `..`: a new field is a compile error here until the diff
    // handles it. The id is what pairs the two versions; the score has its own list (`rescored`).
    let TouchPoint {
        id: _,
        name,
        stage,
        channel,
        owner,
        importance,
        score: _,
        reach,
        cost,
        role,
        votes,
        notes,
        evidence,
        pos,
        response_hours,
        capacity_per_day,
        extra,
    } = new;
    [
        ("name", old.name != *name),
        ("stage", old.stage != *stage),
        ("channel", old.channel != *channel),
        ("owner", old.owner != *owner),
        ("importance", old.importance != *importance),
        ("reach", old.reach != *reach),
        ("cost", old.cost != *cost),
        ("response_hours", old.response_hours != *response_hours),
        (
            "capacity_per_day",
            old.capacity_per_day != *capacity_per_day,
        ),
        ("role", old.role != *role),
        ("votes", old.votes != *votes),
        ("notes", old.notes != *notes),
        ("evidence", old.evidence != *evidence),
        ("pos", old.pos != *pos),
        ("extra", old.extra != *extra),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect()
}

fn finding_key(finding: &Finding) -> (Rule, Option<TouchPointId>, Option<String>) {
    (
        finding.rule,
        finding.touchpoint.clone(),
        finding.stage.clone(),
    )
}

/// Compares two versions of a map.
#[must_use]
pub fn diff(old: &Map, new: &Map, config: &Config) -> MapDiff {
    let mut result = MapDiff::default();
    if old.title != new.title {
        result.map_changed.push("title");
    }
    if old.brand != new.brand {
        result.map_changed.push("brand");
    }
    if old.stages() != new.stages() {
        result.map_changed.push("stages");
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
                let fields = changed_fields(before, touchpoint);
                if !fields.is_empty() {
                    result.edited.push(Edited {
                        id: touchpoint.id.clone(),
                        name: touchpoint.name.clone(),
                        fields,
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
        let key = LinkRef {
            from: from.clone(),
            to: to.clone(),
        };
        match old.link(from, to) {
            None => result.links_added.push(key),
            Some(before) if before != link => result.links_changed.push(key),
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
    let old_findings = analyze(old, config).findings;
    let new_findings = analyze(new, config).findings;
    let old_keys: BTreeSet<_> = old_findings.iter().map(finding_key).collect();
    let new_keys: BTreeSet<_> = new_findings.iter().map(finding_key).collect();
    result.findings_new = new_findings
        .into_iter()
        .filter(|finding| !old_keys.contains(&finding_key(finding)))
        .collect();
    result.findings_resolved = old_findings
        .into_iter()
        .filter(|finding| !new_keys.contains(&finding_key(finding)))
        .collect();
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
        assert_eq!(changes.map_changed, vec!["title"]);
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
        assert_eq!(changes.edited[0].fields, vec!["owner"]);
        assert_eq!(changes.links_added.len(), 1);
        assert!(
            changes
                .links_removed
                .iter()
                .any(|l| l.to.as_str() == "size-guide" || l.from.as_str() == "size-guide")
        );
        assert_eq!(
            changes.links_changed,
            vec![LinkRef {
                from: id("basket"),
                to: id("checkout")
            }]
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
        assert_eq!(changes.edited[0].fields, vec!["response_hours"]);
    }
}
