//! What a merge repairs after taking both sides' changes, so that the result is a map the loader
//! accepts: what the merged plan still names comes back, a stage still used comes back, an
//! objective or campaign the check refuses falls back to ours. Each repair is recorded as a
//! conflict.

use std::collections::HashSet;

use serde_json::Value;

use super::{MergeError, Merger, item_in, item_key, keyed};
use crate::format::{FormatError, plan_from_values, segments_from_value, touchpoint_value};
use crate::model::{Map, Plan, TouchPointId};

/// How many times a merged item that the loader refuses is replaced by ours before giving up.
const MAX_REPAIRS: usize = 1_000;

impl Merger {
    /// Sets the merged segment list; where it is not one the map can have (a segment one side
    /// deleted while the other gave a touch point values for it), every segment any side had
    /// stays, as a conflict on `segments`.
    pub(super) fn segments(&mut self, map: &mut Map, merged: Option<&Value>, heads: &[Value; 3]) {
        let list = match merged {
            Some(value) => segments_from_value(value.clone()),
            None => Ok(Vec::new()),
        };
        let refused = match list {
            Ok(list) => map.set_segments(list).is_err(),
            Err(_) => true,
        };
        if refused {
            let [b, o, t] = heads.each_ref().map(|head| head.get("segments"));
            self.conflicts.retain(|c| !c.path.starts_with("segments"));
            self.conflict("segments".to_owned(), b, o, t);
        }
    }

    /// Brings back what the merged plan still names but one side deleted: an objective a campaign
    /// names, a touch point an objective or campaign names (the other side's plan started naming
    /// it, or kept naming it while changing). Each is a conflict on that item.
    pub(super) fn restore_named(
        &mut self,
        map: &mut Map,
        head: &mut Value,
        sides: [&Map; 3],
        heads: &[Value; 3],
    ) {
        loop {
            let mut restored = false;
            let have: HashSet<String> = keyed("objectives", head.get("objectives"))
                .into_iter()
                .map(|(key, _)| key)
                .collect();
            for id in named_objectives(head) {
                if have.contains(&id) {
                    continue;
                }
                let [b, o, t] = heads
                    .each_ref()
                    .map(|head| item_in(head, "objectives", &id));
                let Some(item) = o.clone().or_else(|| t.clone()).or_else(|| b.clone()) else {
                    continue;
                };
                if let Value::Object(object) = head {
                    let list = object
                        .entry("objectives")
                        .or_insert_with(|| Value::Array(Vec::new()));
                    if let Value::Array(items) = list {
                        items.push(item);
                        restored = true;
                    }
                }
                let path = format!("objectives[{id}]");
                self.conflicts.retain(|c| !c.path.starts_with(&path));
                self.conflict(path, b.as_ref(), o.as_ref(), t.as_ref());
            }
            for id in named_touchpoints(head) {
                let Ok(id) = TouchPointId::new(id) else {
                    continue;
                };
                if map.contains(&id) {
                    continue;
                }
                let [b, o, t] = sides.map(|side| side.touchpoint(&id));
                let Some(touchpoint) = o.or(t).or(b).cloned() else {
                    continue;
                };
                if let Some(stage) = &touchpoint.stage
                    && !map.stages().contains(stage)
                {
                    let mut stages = map.stages().to_vec();
                    stages.push(stage.clone());
                    let _ = map.set_stages(stages);
                }
                if map.add_touchpoint(touchpoint).is_ok() {
                    restored = true;
                    let path = format!("touchpoints[{id}]");
                    self.conflicts.retain(|c| !c.path.starts_with(&path));
                    let [b, o, t] = [b, o, t].map(|side| side.map(touchpoint_value));
                    self.conflict(path, b.as_ref(), o.as_ref(), t.as_ref());
                }
            }
            if !restored {
                return;
            }
        }
    }

    /// Sets the merged stage list, putting back a stage one side removed while the other still
    /// places a touch point in it (a conflict on `stages`).
    pub(super) fn restore_used_stages(
        &mut self,
        map: &mut Map,
        mut stages: Vec<String>,
        sides: [&Map; 3],
    ) {
        let mut missing = false;
        for touchpoint in map.touchpoints() {
            if let Some(stage) = &touchpoint.stage
                && !stages.contains(stage)
            {
                stages.push(stage.clone());
                missing = true;
            }
        }
        if missing {
            let [b, o, t] = sides.map(|side| {
                Value::Array(side.stages().iter().cloned().map(Value::String).collect())
            });
            self.conflicts.retain(|c| c.path != "stages");
            self.conflict("stages".to_owned(), Some(&b), Some(&o), Some(&t));
        }
        // Every stage a touch point uses is in the list, so only a list the model refuses for
        // itself could fail; the union set before stays then.
        let _ = map.set_stages(stages);
    }

    /// The merged plan, checked against the merged touch points; an objective or campaign the
    /// check refuses (a campaign whose channels one side changed and whose split the other did)
    /// is replaced by ours and recorded as a conflict.
    pub(super) fn plan(
        &mut self,
        map: &Map,
        head: &mut Value,
        heads: &[Value; 3],
    ) -> Result<Plan, MergeError> {
        for _ in 0..MAX_REPAIRS {
            let error = match plan_from_values(
                head.get("objectives").cloned(),
                head.get("campaigns").cloned(),
                map,
            ) {
                Ok(plan) => return Ok(plan),
                Err(error) => error,
            };
            let FormatError::Invalid { path, .. } = &error else {
                return Err(MergeError(error));
            };
            let Some((list, position)) = refused_item(path) else {
                return Err(MergeError(error));
            };
            let Some(item) = head
                .get(list)
                .and_then(|items| items.get(position))
                .cloned()
            else {
                return Err(MergeError(error));
            };
            let Some(key) = item_key(list, &item) else {
                return Err(MergeError(error));
            };
            let [b, o, t] = heads.each_ref().map(|head| item_in(head, list, &key));
            if o.as_ref() == Some(&item) {
                // Ours itself is refused here: nothing left to fall back on.
                return Err(MergeError(error));
            }
            if let Some(items) = head.get_mut(list).and_then(Value::as_array_mut) {
                match &o {
                    Some(ours_item) => items[position] = ours_item.clone(),
                    None => {
                        items.remove(position);
                    }
                }
            }
            let prefix = format!("{list}[{key}]");
            self.conflicts.retain(|c| !c.path.starts_with(&prefix));
            self.conflict(prefix, b.as_ref(), o.as_ref(), t.as_ref());
        }
        Err(MergeError(FormatError::invalid(
            "$",
            "too many merged objectives and campaigns were refused",
        )))
    }
}

/// `$.campaigns[3].split` → ("campaigns", 3).
fn refused_item(path: &str) -> Option<(&'static str, usize)> {
    let rest = path.strip_prefix("$.")?;
    let (list, rest) = rest.split_once('[')?;
    let (position, _) = rest.split_once(']')?;
    let list = [
        "touchpoints",
        "links",
        "objectives",
        "campaigns",
        "segments",
    ]
    .into_iter()
    .find(|known| *known == list)?;
    Some((list, position.parse().ok()?))
}

fn named_objectives(merged: &Value) -> Vec<String> {
    keyed("campaigns", merged.get("campaigns"))
        .into_iter()
        .filter_map(|(_, campaign)| campaign.get("objective")?.as_str().map(str::to_owned))
        .collect()
}

fn named_touchpoints(merged: &Value) -> Vec<String> {
    let mut named: Vec<String> = keyed("objectives", merged.get("objectives"))
        .into_iter()
        .filter_map(|(_, objective)| objective.get("goal")?.as_str().map(str::to_owned))
        .collect();
    for (_, campaign) in keyed("campaigns", merged.get("campaigns")) {
        if let Some(channels) = campaign.get("channels").and_then(Value::as_array) {
            named.extend(
                channels
                    .iter()
                    .filter_map(|c| c.as_str().map(str::to_owned)),
            );
        }
    }
    named
}
