//! Undoable edits. Every change to a map is an [`Edit`]; applying one returns its inverse, so undo
//! is "apply the inverse" and redo is "apply the inverse of the inverse". [`History`] keeps both
//! stacks and merges a drag or a typing burst into one step.

mod history;
mod segment;

pub use history::{History, MergeKey, Step};

use crate::model::{Link, LinkRecord, Map, ModelError, Plan, TouchPoint, TouchPointId};

/// One change to a map.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Add a new touch point.
    AddTouchPoint(TouchPoint),
    /// Remove a touch point and its links.
    RemoveTouchPoint(TouchPointId),
    /// Put back a removed touch point with its links (the inverse of a removal).
    RestoreTouchPoint {
        /// The touch point.
        touchpoint: TouchPoint,
        /// Its links as they were.
        links: Vec<LinkRecord>,
    },
    /// Replace the touch point with the same id.
    UpdateTouchPoint(TouchPoint),
    /// Add a link.
    AddLink {
        /// Where it starts.
        from: TouchPointId,
        /// Where it ends.
        to: TouchPointId,
        /// Share and label.
        link: Link,
    },
    /// Remove a link.
    RemoveLink {
        /// Where it starts.
        from: TouchPointId,
        /// Where it ends.
        to: TouchPointId,
    },
    /// Replace a link's share and label.
    UpdateLink {
        /// Where it starts.
        from: TouchPointId,
        /// Where it ends.
        to: TouchPointId,
        /// The new values.
        link: Link,
    },
    /// Replace the stage list (refused while a touch point uses a stage it drops).
    SetStages(Vec<String>),
    /// Rename a stage and move its touch points along.
    RenameStage {
        /// The current name.
        old: String,
        /// The new name.
        new: String,
    },
    /// Change the title.
    SetTitle(String),
    /// Change the brand.
    SetBrand(Option<String>),
    /// Replace the objectives and campaigns (checked against the touch points).
    SetPlan(Plan),
    /// Replace the segment list (refused while an override names a segment it drops).
    SetSegments(Vec<crate::model::Segment>),
    /// Replace a top-level key the map keeps as it is: `sources` (what data was imported and how
    /// it was mapped), `conflicts` (what a merge left to decide); `None` removes the key.
    SetExtra {
        /// The key.
        key: String,
        /// Its new value.
        value: Option<serde_json::Value>,
    },
    /// Several edits as one step; all or nothing.
    Batch(Vec<Edit>),
}

impl Edit {
    /// The edit that turns `before` into `after`, whatever differs between them, as one step for
    /// undo; `None` when nothing does. Used where the library builds the changed map itself: the
    /// editor's path data and survey imports, a merge conflict resolved, a file reloaded or merged
    /// from disk. Each part is a small edit (a changed touch point is one update), so a reload of a
    /// big map keeps only what changed, not a second copy of the map.
    #[must_use]
    pub fn between(before: &Map, after: &Map) -> Option<Self> {
        let mut edits = Vec::new();
        let plan_changed = before.plan() != after.plan();
        if plan_changed {
            // The plan may name touch points that go below, or that come only further down.
            edits.push(Self::SetPlan(Plan::default()));
        }
        for (from, to, _) in before.links() {
            if after.link(from, to).is_none() {
                edits.push(Self::RemoveLink {
                    from: from.clone(),
                    to: to.clone(),
                });
            }
        }
        for touchpoint in before.touchpoints() {
            if after.touchpoint(&touchpoint.id).is_none() {
                edits.push(Self::RemoveTouchPoint(touchpoint.id.clone()));
            }
        }
        let segments_changed = before.segments() != after.segments();
        if segments_changed {
            // Every segment either map has, while overrides come and go.
            let mut both = before.segments().to_vec();
            both.extend(
                after
                    .segments()
                    .iter()
                    .filter(|s| before.segment(&s.id).is_none())
                    .cloned(),
            );
            edits.push(Self::SetSegments(both));
        }
        let stages_changed = before.stages() != after.stages();
        if stages_changed {
            // Every stage either map uses, while touch points move between them.
            let mut both = before.stages().to_vec();
            both.extend(
                after
                    .stages()
                    .iter()
                    .filter(|stage| !before.stages().contains(stage))
                    .cloned(),
            );
            edits.push(Self::SetStages(both));
        }
        for touchpoint in after.touchpoints() {
            match before.touchpoint(&touchpoint.id) {
                None => edits.push(Self::AddTouchPoint(touchpoint.clone())),
                Some(old) if old != touchpoint => {
                    edits.push(Self::UpdateTouchPoint(touchpoint.clone()));
                }
                Some(_) => {}
            }
        }
        for (from, to, link) in after.links() {
            let (from, to, link) = (from.clone(), to.clone(), link.clone());
            match before.link(&from, &to) {
                Some(old) if *old == link => {}
                Some(_) => edits.push(Self::UpdateLink { from, to, link }),
                None => edits.push(Self::AddLink { from, to, link }),
            }
        }
        if stages_changed {
            edits.push(Self::SetStages(after.stages().to_vec()));
        }
        if segments_changed {
            edits.push(Self::SetSegments(after.segments().to_vec()));
        }
        if plan_changed {
            edits.push(Self::SetPlan(after.plan().clone()));
        }
        if before.title != after.title {
            edits.push(Self::SetTitle(after.title.clone()));
        }
        if before.brand != after.brand {
            edits.push(Self::SetBrand(after.brand.clone()));
        }
        let mut keys: Vec<&String> = after.extra.keys().collect();
        keys.extend(
            before
                .extra
                .keys()
                .filter(|key| !after.extra.contains_key(*key)),
        );
        for key in keys {
            let value = after.extra.get(key);
            if before.extra.get(key) != value {
                edits.push(Self::SetExtra {
                    key: key.clone(),
                    value: value.cloned(),
                });
            }
        }
        (!edits.is_empty()).then_some(Self::Batch(edits))
    }

    /// Applies the edit and returns its inverse. On error the map is unchanged.
    pub fn apply(self, map: &mut Map) -> Result<Edit, ModelError> {
        match self {
            Self::AddTouchPoint(touchpoint) => {
                let id = touchpoint.id.clone();
                map.add_touchpoint(touchpoint)?;
                Ok(Self::RemoveTouchPoint(id))
            }
            Self::RemoveTouchPoint(id) => {
                let (touchpoint, links) = map.remove_touchpoint(&id)?;
                Ok(Self::RestoreTouchPoint { touchpoint, links })
            }
            Self::RestoreTouchPoint { touchpoint, links } => {
                let id = touchpoint.id.clone();
                map.add_touchpoint(touchpoint)?;
                for (from, to, link) in links {
                    if let Err(error) = map.add_link(&from, &to, link) {
                        // Leave the map as it was: take the half-restored touch point out again.
                        let _ = map.remove_touchpoint(&id);
                        return Err(error);
                    }
                }
                Ok(Self::RemoveTouchPoint(id))
            }
            Self::UpdateTouchPoint(touchpoint) => {
                Ok(Self::UpdateTouchPoint(map.update_touchpoint(touchpoint)?))
            }
            Self::AddLink { from, to, link } => {
                map.add_link(&from, &to, link)?;
                Ok(Self::RemoveLink { from, to })
            }
            Self::RemoveLink { from, to } => {
                let link = map.remove_link(&from, &to)?;
                Ok(Self::AddLink { from, to, link })
            }
            Self::UpdateLink { from, to, link } => {
                let old = map.update_link(&from, &to, link)?;
                Ok(Self::UpdateLink {
                    from,
                    to,
                    link: old,
                })
            }
            Self::SetStages(stages) => Ok(Self::SetStages(map.set_stages(stages)?)),
            Self::RenameStage { old, new } => {
                map.rename_stage(&old, &new)?;
                Ok(Self::RenameStage { old: new, new: old })
            }
            Self::SetTitle(title) => Ok(Self::SetTitle(std::mem::replace(&mut map.title, title))),
            Self::SetBrand(brand) => Ok(Self::SetBrand(std::mem::replace(&mut map.brand, brand))),
            Self::SetPlan(plan) => Ok(Self::SetPlan(map.set_plan(plan)?)),
            Self::SetSegments(segments) => Ok(Self::SetSegments(map.set_segments(segments)?)),
            Self::SetExtra { key, value } => {
                let old = match value {
                    Some(value) => map.extra.insert(key.clone(), value),
                    None => map.extra.remove(&key),
                };
                Ok(Self::SetExtra { key, value: old })
            }
            Self::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(map) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(error) => {
                            for inverse in inverses.into_iter().rev() {
                                // Each inverse was just produced by the map itself, so it applies.
                                let _ = inverse.apply(map);
                            }
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                Ok(Self::Batch(inverses))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> TouchPointId {
        TouchPointId::new(text).expect("valid id")
    }

    /// An import's changed map becomes one edit: applied to the map before, it gives the map
    /// after; its inverse gives the map before back.
    #[test]
    fn an_import_becomes_one_edit_there_and_back() {
        let before =
            crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example loads");
        assert_eq!(Edit::between(&before, &before), None, "nothing changed");
        let mut after = before.clone();
        let mut delivery = after.touchpoint(&id("delivery")).expect("exists").clone();
        delivery.score = Some(2.5);
        after.update_touchpoint(delivery).expect("valid");
        let mut link = after
            .link(&id("basket"), &id("checkout"))
            .expect("link")
            .clone();
        link.share = Some(0.5);
        after
            .update_link(&id("basket"), &id("checkout"), link)
            .expect("valid");
        after
            .add_link(&id("checkout"), &id("order-confirmation"), Link::default())
            .expect("a new link");
        after
            .extra
            .insert("sources".into(), serde_json::json!([{"kind": "survey"}]));
        let edit = Edit::between(&before, &after).expect("changes");
        let mut map = before.clone();
        let inverse = edit.apply(&mut map).expect("applies");
        assert_eq!(map, after);
        inverse.apply(&mut map).expect("undoes");
        assert_eq!(map, before);
    }

    #[test]
    fn every_edit_is_undone_by_its_inverse() {
        let mut map =
            crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example loads");
        let original = map.clone();
        let mut renamed = map.touchpoint(&id("delivery")).expect("exists").clone();
        renamed.name = "Parcel delivery".into();
        let edits = vec![
            Edit::AddTouchPoint(TouchPoint::new(id("returns-desk"), "Returns desk")),
            Edit::AddLink {
                from: id("delivery"),
                to: id("returns-desk"),
                link: Link::default(),
            },
            Edit::UpdateTouchPoint(renamed),
            Edit::RemoveTouchPoint(id("checkout")),
            Edit::RemoveLink {
                from: id("basket"),
                to: id("basket").clone(),
            },
            Edit::RenameStage {
                old: "Delivery".into(),
                new: "Shipping".into(),
            },
            Edit::SetTitle("New".into()),
            Edit::SetBrand(None),
            Edit::UpdateLink {
                from: id("delivery"),
                to: id("packaging"),
                link: Link {
                    share: Some(0.5),
                    ..Link::default()
                },
            },
        ];
        let mut inverses = Vec::new();
        for edit in edits {
            match edit.clone().apply(&mut map) {
                Ok(inverse) => inverses.push(inverse),
                Err(_) => assert!(
                    matches!(edit, Edit::RemoveLink { .. }),
                    "only the bad link fails"
                ),
            }
        }
        assert_ne!(map, original);
        for inverse in inverses.into_iter().rev() {
            inverse.apply(&mut map).expect("inverse applies");
        }
        assert_eq!(map, original);
    }

    #[test]
    fn a_failing_batch_changes_nothing() {
        let mut map =
            crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example loads");
        let original = map.clone();
        let batch = Edit::Batch(vec![
            Edit::RemoveTouchPoint(id("delivery")),
            Edit::SetTitle("Changed".into()),
            Edit::RemoveTouchPoint(id("no-such-point")),
        ]);
        assert!(batch.apply(&mut map).is_err());
        assert_eq!(map, original);
    }

    #[test]
    fn a_touch_point_named_by_a_campaign_leaves_the_plan_in_the_same_undoable_step() {
        let mut map =
            crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example loads");
        let original = map.clone();
        let ad = id("instagram-ad");
        let refused = Edit::RemoveTouchPoint(ad.clone())
            .apply(&mut map)
            .expect_err("a campaign names it");
        assert!(
            refused.to_string().contains("Spring Instagram push"),
            "{refused}"
        );
        assert_eq!(map, original, "unchanged on refusal");
        let step = Edit::Batch(vec![
            Edit::SetPlan(map.plan().without(&ad)),
            Edit::RemoveTouchPoint(ad.clone()),
        ]);
        let inverse = step.apply(&mut map).expect("removed with the plan");
        assert!(!map.contains(&ad));
        assert!(map.plan().campaign("spring-instagram").is_none());
        inverse.apply(&mut map).expect("undo");
        assert_eq!(map, original);
    }
}
