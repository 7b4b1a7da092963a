//! Three-way merge of maps by meaning (DESIGN.md, "Teams: many hands on one map").
//!
//! The three maps are compared as the canonical JSON their files hold: touch points, objectives,
//! campaigns and segments matched by id, links by (from, to), every field merged on its own. A field
//! changed on one side only takes that change; the same field changed to two different values, or an
//! item changed on one side and deleted on the other, keeps ours and is recorded as a [`Conflict`]
//! in the map's `conflicts` list, which the file keeps and the editor resolves.

mod conflict;
mod repair;

use serde_json::{Map as JsonObject, Value};

pub use conflict::{CONFLICTS_KEY, Conflict, Side, conflicts, resolve, set_conflicts};

use crate::format::{
    FormatError, campaign_value, link_from_value, link_value, objective_value, segment_value,
    touchpoint_from_value, touchpoint_value,
};
use crate::model::{DEFAULT_STAGES, Link, LinkRecord, Map, Plan, TouchPoint, TouchPointId};

/// What a merge made: the map (its `conflicts` list included) and the conflicts this merge found.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merged map, checked like any loaded map.
    pub map: Map,
    /// The conflicts this merge recorded (the map's list also keeps those the sides already had).
    pub conflicts: Vec<Conflict>,
}

/// Why a merge could not make a map. Nothing was written when this is returned.
#[derive(Debug, thiserror::Error)]
#[error("the merged map could not be made valid: {0}")]
pub struct MergeError(FormatError);

/// The lists whose items are matched by id.
const BY_ID: [&str; 4] = ["touchpoints", "objectives", "campaigns", "segments"];
/// Keys that are not merged as fields: the version, and the conflicts list (merged as a list).
const NOT_MERGED: [&str; 2] = ["touchmap", CONFLICTS_KEY];
/// A field whose change on both sides takes ours without a conflict (where a card is drawn).
const OURS_WINS: &str = "pos";

/// Merges `theirs` into `ours`, both changed from `base`.
///
/// The result starts as a copy of ours and takes, item by item, what theirs changed. Touch points
/// and links are compared as they are in memory; only an item changed on both sides is merged
/// field by field through its JSON value. The small rest (title, stages, plan, kept keys) is merged
/// as JSON values.
pub fn merge(base: &Map, ours: &Map, theirs: &Map) -> Result<Merged, MergeError> {
    let mut merger = Merger::default();
    let mut map = ours.clone();
    // The plan goes first and comes back last: the touch points it names may change in between.
    map.set_plan(Plan::default()).map_err(model_refusal)?;
    let heads = [base, ours, theirs].map(head_value);
    let mut head = merger.object("", &heads[0], &heads[1], &heads[2], true);
    let merged_stages = stage_names(head.get("stages"))
        .unwrap_or_else(|| DEFAULT_STAGES.iter().map(|&s| s.to_owned()).collect());
    // Every stage any side has, while touch points come and go; the merged list is set after.
    let mut every = map.stages().to_vec();
    for stage in merged_stages
        .iter()
        .chain(theirs.stages())
        .chain(base.stages())
    {
        if !every.contains(stage) {
            every.push(stage.clone());
        }
    }
    map.set_stages(every).map_err(model_refusal)?;
    // Every segment any side has, while overrides come and go; the merged list is set after.
    let mut all_segments = map.segments().to_vec();
    for segment in theirs.segments().iter().chain(base.segments()) {
        if map.segment(&segment.id).is_none() && !all_segments.iter().any(|s| s.id == segment.id) {
            all_segments.push(segment.clone());
        }
    }
    map.set_segments(all_segments).map_err(model_refusal)?;

    merger.touchpoints(&mut map, base, ours, theirs);
    merger.links(&mut map, base, ours, theirs);
    merger.restore_named(&mut map, &mut head, [base, ours, theirs], &heads);
    merger.restore_used_stages(&mut map, merged_stages, [base, ours, theirs]);
    let plan = merger.plan(&map, &mut head, &heads)?;
    map.set_plan(plan).map_err(model_refusal)?;
    merger.segments(&mut map, head.get("segments"), &heads);

    let Value::Object(mut head) = head else {
        return Err(MergeError(FormatError::invalid(
            "$",
            "the merged map is not an object",
        )));
    };
    if let Some(Value::String(title)) = head.remove("title") {
        map.title = title;
    }
    map.brand = match head.remove("brand") {
        Some(Value::String(brand)) => Some(brand),
        _ => None,
    };
    for key in ["stages", "objectives", "campaigns", "segments"] {
        head.remove(key);
    }
    map.extra = head;

    let mut kept = conflicts(ours).unwrap_or_default();
    for theirs_conflict in conflicts(theirs).unwrap_or_default() {
        if !kept.iter().any(|c| c.path == theirs_conflict.path) {
            kept.push(theirs_conflict);
        }
    }
    kept.retain(|old| !merger.conflicts.iter().any(|new| new.path == old.path));
    kept.extend(merger.conflicts.iter().cloned());
    set_conflicts(&mut map, &kept);
    Ok(Merged {
        map,
        conflicts: merger.conflicts,
    })
}

fn model_refusal(error: impl std::fmt::Display) -> MergeError {
    MergeError(FormatError::invalid("$", error.to_string()))
}

/// The part of a map merged as JSON values: title, brand, stages, objectives, campaigns and the
/// keys kept as they are (not the touch points, links or conflicts).
fn head_value(map: &Map) -> Value {
    let mut head = JsonObject::new();
    head.insert("title".to_owned(), Value::String(map.title.clone()));
    if let Some(brand) = &map.brand {
        head.insert("brand".to_owned(), Value::String(brand.clone()));
    }
    head.insert(
        "stages".to_owned(),
        Value::Array(map.stages().iter().cloned().map(Value::String).collect()),
    );
    let plan = map.plan();
    if !plan.objectives.is_empty() {
        head.insert(
            "objectives".to_owned(),
            Value::Array(plan.objectives.iter().map(objective_value).collect()),
        );
    }
    if !plan.campaigns.is_empty() {
        head.insert(
            "campaigns".to_owned(),
            Value::Array(plan.campaigns.iter().map(campaign_value).collect()),
        );
    }
    if !map.segments().is_empty() {
        head.insert(
            "segments".to_owned(),
            Value::Array(map.segments().iter().map(segment_value).collect()),
        );
    }
    for (key, value) in &map.extra {
        if key != CONFLICTS_KEY {
            head.insert(key.clone(), value.clone());
        }
    }
    Value::Object(head)
}

/// What the result must do to ours' item to take the merge.
enum Change<T> {
    /// Add it, or replace ours' with it.
    Put(T),
    /// Take ours' out.
    Remove,
}

type Keyed<'a, T> = Vec<(String, &'a T)>;

fn touchpoints_of(map: &Map) -> Keyed<'_, TouchPoint> {
    map.touchpoints()
        .into_iter()
        .map(|t| (t.id.as_str().to_owned(), t))
        .collect()
}

fn links_of(map: &Map) -> Vec<(String, LinkRecord)> {
    map.links()
        .into_iter()
        .map(|(from, to, link)| {
            (
                conflict::link_key(from.as_str(), to.as_str()),
                (from.clone(), to.clone(), link.clone()),
            )
        })
        .collect()
}

#[derive(Default)]
struct Merger {
    conflicts: Vec<Conflict>,
}

/// The key an item of a list is matched by: its id, or a link's "from->to".
fn item_key(list: &str, item: &Value) -> Option<String> {
    if list == "links" {
        let from = item.get("from")?.as_str()?;
        let to = item.get("to")?.as_str()?;
        Some(conflict::link_key(from, to))
    } else {
        item.get("id")?.as_str().map(str::to_owned)
    }
}

fn is_keyed(list: &str) -> bool {
    list == "links" || BY_ID.contains(&list)
}

/// The items of a list by key, in their order.
fn keyed<'a>(list: &str, value: Option<&'a Value>) -> Vec<(String, &'a Value)> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item_key(list, item).map(|key| (key, item)))
                .collect()
        })
        .unwrap_or_default()
}

/// The item with this key in the list `list` of a JSON object (a head), cloned.
fn item_in(value: &Value, list: &str, key: &str) -> Option<Value> {
    keyed(list, value.get(list))
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, item)| item.clone())
}

fn present(value: Option<&Value>) -> Option<&Value> {
    value.filter(|value| !value.is_null())
}

impl Merger {
    fn conflict(
        &mut self,
        path: String,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) {
        self.conflicts.push(Conflict {
            path,
            base: present(base).cloned(),
            ours: present(ours).cloned(),
            theirs: present(theirs).cloned(),
        });
    }

    /// One value, merged as a whole: a change on one side wins; two different changes keep ours and
    /// are a conflict (unless `ours_wins`). `None` = absent in the result.
    fn value(
        &mut self,
        path: &str,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
        ours_wins: bool,
    ) -> Option<Value> {
        let (base, ours, theirs) = (present(base), present(ours), present(theirs));
        if ours == theirs || theirs == base {
            return ours.cloned();
        }
        if ours == base {
            return theirs.cloned();
        }
        if !ours_wins {
            self.conflict(path.to_owned(), base, ours, theirs);
        }
        ours.cloned()
    }

    /// An object merged key by key; at the top (`top`) the keyed lists are merged item by item.
    fn object(
        &mut self,
        prefix: &str,
        base: &Value,
        ours: &Value,
        theirs: &Value,
        top: bool,
    ) -> Value {
        let empty = JsonObject::new();
        let objects = [base, ours, theirs].map(|value| value.as_object().unwrap_or(&empty));
        let mut keys: Vec<&String> = objects[1].keys().collect();
        for key in objects[2].keys().chain(objects[0].keys()) {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        let mut out = JsonObject::new();
        for key in keys {
            if top && NOT_MERGED.contains(&key.as_str()) {
                continue;
            }
            let [b, o, t] = objects.map(|object| object.get(key));
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            let merged = if top && is_keyed(key) {
                Some(self.list(key, b, o, t))
            } else if top && key == "stages" {
                Self::stages(b, o, t)
            } else {
                self.value(&path, b, o, t, !top && key == OURS_WINS)
            };
            if let Some(value) = merged {
                out.insert(key.clone(), value);
            }
        }
        Value::Object(out)
    }

    /// The changes to ours' items that take theirs: each key of either side, by the three-way rule;
    /// an item changed on both sides merged field by field through its JSON value (and kept as
    /// ours, as one conflict, when the merged value is not a valid item).
    fn items<T: PartialEq + Clone>(
        &mut self,
        list: &str,
        [base, ours, theirs]: [&[(String, &T)]; 3],
        value: impl Fn(&T) -> Value,
        decode: impl Fn(Value) -> Result<T, FormatError>,
    ) -> Vec<(String, Change<T>)> {
        let [bi, oi, ti] = [base, ours, theirs].map(|items| {
            items
                .iter()
                .enumerate()
                .map(|(at, (key, _))| (key.as_str(), at))
                .collect::<foldhash::HashMap<&str, usize>>()
        });
        let keys = ours.iter().map(|(key, _)| key.as_str()).chain(
            theirs
                .iter()
                .map(|(key, _)| key.as_str())
                .filter(|key| !oi.contains_key(key)),
        );
        let mut changes = Vec::new();
        for key in keys {
            let (b, o, t) = (
                get(base, &bi, key),
                get(ours, &oi, key),
                get(theirs, &ti, key),
            );
            let path = format!("{list}[{key}]");
            let change = match (b, o, t) {
                (_, Some(o), Some(t)) if o == t => None,
                (None, None, Some(t)) => Some(Change::Put(t.clone())),
                (Some(b), None, Some(t)) => {
                    // Ours deleted it; changed on their side, a conflict that keeps ours (deleted).
                    if t != b {
                        self.conflict(path, Some(&value(b)), None, Some(&value(t)));
                    }
                    None
                }
                (Some(b), Some(o), None) => {
                    if o == b {
                        Some(Change::Remove)
                    } else {
                        self.conflict(path, Some(&value(b)), Some(&value(o)), None);
                        None
                    }
                }
                (Some(b), Some(o), Some(t)) if t == b => {
                    let _ = o;
                    None
                }
                (Some(b), Some(o), Some(t)) if o == b => Some(Change::Put(t.clone())),
                (b, Some(o), Some(t)) => {
                    let [bv, ov, tv] = [
                        b.map_or_else(|| Value::Object(JsonObject::new()), &value),
                        value(o),
                        value(t),
                    ];
                    let merged = self.object(&path, &bv, &ov, &tv, false);
                    match decode(merged) {
                        Ok(item) if item == *o => None,
                        Ok(item) => Some(Change::Put(item)),
                        Err(_) => {
                            let fields = format!("{path}.");
                            self.conflicts.retain(|c| !c.path.starts_with(&fields));
                            self.conflict(path, b.map(|_| &bv), Some(&ov), Some(&tv));
                            None
                        }
                    }
                }
                _ => None,
            };
            if let Some(change) = change {
                changes.push((key.to_owned(), change));
            }
        }
        changes
    }

    /// A keyed list of the head (objectives, campaigns) merged as JSON values: ours' items in
    /// their order, changed as theirs changed them, then theirs' additions.
    fn list(
        &mut self,
        list: &str,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Value {
        let [b, o, t] = [base, ours, theirs].map(|side| keyed(list, side));
        let changes = self.items(list, [&b, &o, &t], Value::clone, Ok);
        let mut out: Vec<(String, Value)> = o
            .iter()
            .map(|(key, item)| (key.clone(), (*item).clone()))
            .collect();
        for (key, change) in changes {
            let at = out.iter().position(|(k, _)| *k == key);
            match (change, at) {
                (Change::Put(item), Some(at)) => out[at].1 = item,
                (Change::Put(item), None) => out.push((key, item)),
                (Change::Remove, Some(at)) => {
                    out.remove(at);
                }
                (Change::Remove, None) => {}
            }
        }
        Value::Array(out.into_iter().map(|(_, item)| item).collect())
    }

    /// Takes theirs' changes to the touch points into the map (a copy of ours).
    fn touchpoints(&mut self, map: &mut Map, base: &Map, ours: &Map, theirs: &Map) {
        let [b, o, t] = [base, ours, theirs].map(touchpoints_of);
        let changes = self.items(
            "touchpoints",
            [&b, &o, &t],
            touchpoint_value,
            touchpoint_from_value,
        );
        let base_links: foldhash::HashMap<String, Link> = links_of(base)
            .into_iter()
            .map(|(key, (_, _, link))| (key, link))
            .collect();
        for (key, change) in changes {
            let Ok(id) = TouchPointId::new(key.clone()) else {
                continue;
            };
            match change {
                Change::Remove => {
                    if let Ok((_, links)) = map.remove_touchpoint(&id) {
                        // A link of ours that changed or is new goes with its end: a conflict.
                        for (from, to, link) in links {
                            let link_key = conflict::link_key(from.as_str(), to.as_str());
                            let base_link = base_links.get(&link_key);
                            if base_link != Some(&link) {
                                let theirs_link = theirs.link(&from, &to);
                                self.conflict(
                                    format!("links[{link_key}]"),
                                    base_link.map(|l| link_value(&from, &to, l)).as_ref(),
                                    Some(&link_value(&from, &to, &link)),
                                    theirs_link.map(|l| link_value(&from, &to, l)).as_ref(),
                                );
                            }
                        }
                    }
                }
                Change::Put(touchpoint) => {
                    let result = if map.contains(&id) {
                        map.update_touchpoint(touchpoint).map(drop)
                    } else {
                        map.add_touchpoint(touchpoint)
                    };
                    if result.is_err() {
                        let path = format!("touchpoints[{key}]");
                        let side = |m: &Map| m.touchpoint(&id).map(touchpoint_value);
                        self.conflicts.retain(|c| !c.path.starts_with(&path));
                        self.conflict(
                            path,
                            side(base).as_ref(),
                            side(ours).as_ref(),
                            side(theirs).as_ref(),
                        );
                    }
                }
            }
        }
    }

    /// Takes theirs' changes to the links into the map; a link whose end is gone (deleted on the
    /// other side) is dropped and recorded.
    fn links(&mut self, map: &mut Map, base: &Map, ours: &Map, theirs: &Map) {
        let records = [base, ours, theirs].map(links_of);
        let [b, o, t] = records.each_ref().map(|side| {
            side.iter()
                .map(|(key, record)| (key.clone(), record))
                .collect::<Keyed<'_, LinkRecord>>()
        });
        let changes = self.items(
            "links",
            [&b, &o, &t],
            |(from, to, link)| link_value(from, to, link),
            |value| link_from_value(value, ours),
        );
        let ours_ends: foldhash::HashMap<&str, (&TouchPointId, &TouchPointId)> = records[1]
            .iter()
            .map(|(key, (from, to, _))| (key.as_str(), (from, to)))
            .collect();
        for (key, change) in changes {
            let (result, from, to) = match change {
                Change::Remove => {
                    // Already gone when theirs deleted one of its ends (see `touchpoints`).
                    let Some(&(from, to)) = ours_ends.get(key.as_str()) else {
                        continue;
                    };
                    if map.link(from, to).is_none() {
                        continue;
                    }
                    (
                        map.remove_link(from, to).map(drop),
                        from.clone(),
                        to.clone(),
                    )
                }
                Change::Put((from, to, link)) => {
                    let result = if map.link(&from, &to).is_some() {
                        map.update_link(&from, &to, link).map(drop)
                    } else {
                        map.add_link(&from, &to, link)
                    };
                    (result, from, to)
                }
            };
            if result.is_err() {
                let side = |m: &Map| m.link(&from, &to).map(|l| link_value(&from, &to, l));
                let path = format!("links[{key}]");
                self.conflicts.retain(|c| !c.path.starts_with(&path));
                self.conflict(
                    path,
                    side(base).as_ref(),
                    side(ours).as_ref(),
                    side(theirs).as_ref(),
                );
            }
        }
    }

    /// The stage list: ours' order, with the stages theirs added (after the stage before them in
    /// theirs) and without those theirs removed. Additions and removals of both sides survive.
    fn stages(base: Option<&Value>, ours: Option<&Value>, theirs: Option<&Value>) -> Option<Value> {
        let (b, o, t) = (stage_names(base), stage_names(ours), stage_names(theirs));
        if o == t || t == b {
            return ours.cloned();
        }
        if o == b {
            return theirs.cloned();
        }
        let (b, o, t) = (
            b.unwrap_or_default(),
            o.unwrap_or_default(),
            t.unwrap_or_default(),
        );
        let mut result: Vec<String> = o
            .iter()
            .filter(|stage| !b.contains(stage) || t.contains(stage))
            .cloned()
            .collect();
        for (at, stage) in t.iter().enumerate() {
            if b.contains(stage) || result.contains(stage) {
                continue;
            }
            let after = t[..at]
                .iter()
                .rev()
                .find_map(|before| result.iter().position(|s| s == before));
            result.insert(after.map_or(0, |position| position + 1), stage.clone());
        }
        Some(Value::Array(
            result.into_iter().map(Value::String).collect(),
        ))
    }
}

/// The item with this key, through the index of its list.
fn get<'a, T>(
    items: &[(String, &'a T)],
    index: &foldhash::HashMap<&str, usize>,
    key: &str,
) -> Option<&'a T> {
    index.get(key).map(|&at| items[at].1)
}

/// A stage list's names; `None` where the map has none (the default stages).
fn stage_names(value: Option<&Value>) -> Option<Vec<String>> {
    present(value).map(|value| {
        value
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|item| item.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests;
