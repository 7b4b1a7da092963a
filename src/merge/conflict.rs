//! A map's `conflicts` list: what a merge could not decide, kept in the file (so the map still
//! loads) until someone resolves each to ours or theirs.

use serde_json::{Map as JsonObject, Value};

use crate::format::{from_value, to_value};
use crate::model::Map;

/// The top-level key of the list.
pub const CONFLICTS_KEY: &str = "conflicts";

/// One field (or item) the two sides changed differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Where: `title`, `stages`, `touchpoints[ID]`, `touchpoints[ID].score`, `links[FROM->TO].share`.
    pub path: String,
    /// The value in the common ancestor; `None` when absent.
    pub base: Option<Value>,
    /// Our value (the one the merged map holds, unless the merge had to drop it).
    pub ours: Option<Value>,
    /// Their value.
    pub theirs: Option<Value>,
}

/// Which side a conflict is resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Our value.
    Ours,
    /// Their value.
    Theirs,
}

/// The key a link is matched by in a merge and named by in a conflict's path.
#[must_use]
pub fn link_key(from: &str, to: &str) -> String {
    format!("{from}->{to}")
}

impl Conflict {
    fn to_value(&self) -> Value {
        let mut object = JsonObject::new();
        object.insert("path".to_owned(), Value::String(self.path.clone()));
        for (key, value) in [
            ("base", &self.base),
            ("ours", &self.ours),
            ("theirs", &self.theirs),
        ] {
            object.insert(key.to_owned(), value.clone().unwrap_or(Value::Null));
        }
        Value::Object(object)
    }

    fn from_value(value: &Value, position: usize) -> Result<Self, String> {
        let place = format!("{CONFLICTS_KEY}[{position}]");
        let object = value.as_object().ok_or_else(|| {
            format!(
                "{place}: a conflict is an object with \"path\", \"base\", \"ours\" and \"theirs\""
            )
        })?;
        let path = object
            .get("path")
            .and_then(Value::as_str)
            .filter(|path| !path.is_empty())
            .ok_or_else(|| {
                format!("{place}.path: a conflict names the place it is about as text")
            })?;
        let side = |key: &str| object.get(key).filter(|value| !value.is_null()).cloned();
        Ok(Self {
            path: path.to_owned(),
            base: side("base"),
            ours: side("ours"),
            theirs: side("theirs"),
        })
    }

    /// Where the conflict is, in the words of the map: "Courier delivery: score", "link Basket →
    /// Checkout: share", "campaign Spring push: budget", "title". Items no longer in the map are
    /// named by their id.
    #[must_use]
    pub fn place(&self, map: &Map) -> String {
        let Some((list, key, field)) = split_path(&self.path) else {
            return self.path.clone();
        };
        let touchpoint_name = |id: &str| {
            crate::model::TouchPointId::new(id)
                .ok()
                .and_then(|id| map.touchpoint(&id).map(|t| t.name.clone()))
                .unwrap_or_else(|| id.to_owned())
        };
        let item = match list {
            "touchpoints" => touchpoint_name(key),
            "links" => {
                // An id may itself hold "->": take the split whose two ends are touch points.
                let splits: Vec<(&str, &str)> = key
                    .match_indices("->")
                    .map(|(at, _)| (&key[..at], &key[at + 2..]))
                    .collect();
                let ends = splits
                    .iter()
                    .find(|(from, to)| touchpoint_name(from) != *from && touchpoint_name(to) != *to)
                    .or_else(|| splits.first())
                    .copied()
                    .unwrap_or((key, ""));
                format!(
                    "link {} → {}",
                    touchpoint_name(ends.0),
                    touchpoint_name(ends.1)
                )
            }
            "objectives" => format!(
                "objective {}",
                map.plan()
                    .objectives
                    .iter()
                    .find(|o| o.id == key)
                    .map_or(key, |o| o.name.as_str())
            ),
            "campaigns" => format!(
                "campaign {}",
                map.plan()
                    .campaigns
                    .iter()
                    .find(|c| c.id == key)
                    .map_or(key, |c| c.name.as_str())
            ),
            other => format!("{other} {key}"),
        };
        match field {
            Some(field) => format!("{item}: {field}"),
            None => item,
        }
    }

    /// A side's value as a short text: "(none)" where the side has none, text without quotes, a
    /// whole link or item said in words, anything longer than `longest` characters cut.
    #[must_use]
    pub fn shown(value: Option<&Value>, longest: usize) -> String {
        let text = match value {
            None => return "(none)".to_owned(),
            Some(Value::String(text)) => text.clone(),
            // A whole link or item: what it is, not its JSON.
            Some(Value::Object(object)) if object.contains_key("from") => {
                match object.get("share") {
                    Some(share) => format!("the link (share {share})"),
                    None => "the link".to_owned(),
                }
            }
            Some(Value::Object(object)) if object.contains_key("name") => format!(
                "{} (all its fields)",
                object
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
            ),
            Some(other) => other.to_string(),
        };
        if text.chars().count() > longest {
            let cut: String = text.chars().take(longest.saturating_sub(1)).collect();
            format!("{cut}…")
        } else {
            text
        }
    }

    /// The value of one side.
    #[must_use]
    pub fn side(&self, side: Side) -> Option<&Value> {
        match side {
            Side::Ours => self.ours.as_ref(),
            Side::Theirs => self.theirs.as_ref(),
        }
    }
}

/// The map's unresolved conflicts, in the file's order; a refusal names the place when the list is
/// not one touchmap wrote (the map itself still loads: the list is kept as it is).
pub fn conflicts(map: &Map) -> Result<Vec<Conflict>, String> {
    match map.extra.get(CONFLICTS_KEY) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(position, item)| Conflict::from_value(item, position))
            .collect(),
        Some(_) => Err(format!("{CONFLICTS_KEY}: a list of conflicts is expected")),
    }
}

/// Writes the list into the map (no key at all when it is empty).
pub fn set_conflicts(map: &mut Map, list: &[Conflict]) {
    if list.is_empty() {
        map.extra.remove(CONFLICTS_KEY);
    } else {
        map.extra.insert(
            CONFLICTS_KEY.to_owned(),
            Value::Array(list.iter().map(Conflict::to_value).collect()),
        );
    }
}

/// The map with conflict number `position` resolved to `side`: the value at its path set to that
/// side's (removed where that side has none) and the conflict taken off the list. A refusal says
/// why in words (the value no longer fits the map, say a link whose end is gone); the map given is
/// never changed.
pub fn resolve(map: &Map, position: usize, side: Side) -> Result<Map, String> {
    let mut list = conflicts(map)?;
    if position >= list.len() {
        return Err(format!("there is no conflict number {}", position + 1));
    }
    let conflict = list.remove(position);
    let mut value = to_value(map);
    set_at(&mut value, &conflict.path, conflict.side(side).cloned())?;
    let mut resolved = from_value(value).map_err(|error| {
        format!(
            "{} cannot take that value: {}",
            conflict.path,
            error.message()
        )
    })?;
    set_conflicts(&mut resolved, &list);
    Ok(resolved)
}

/// `touchpoints[delivery].score` → ("touchpoints", "delivery", Some("score")); `links[a->b]` →
/// ("links", "a->b", None); `None` for a top-level key (`title`). The id is what lies between the
/// first `[` and the last `]` (ids may hold brackets; field names never do).
fn split_path(path: &str) -> Option<(&str, &str, Option<&str>)> {
    let (list, rest) = path.split_once('[')?;
    if let Some(key) = rest.strip_suffix(']') {
        return Some((list, key, None));
    }
    let (key, field) = rest.rsplit_once("].")?;
    Some((list, key, Some(field)))
}

/// Sets (or removes, for `None`) the value at a conflict's path in a map's JSON.
fn set_at(root: &mut Value, path: &str, value: Option<Value>) -> Result<(), String> {
    let Value::Object(top) = root else {
        return Err("the map is not an object".to_owned());
    };
    let Some((list, key, field)) = split_path(path) else {
        match value {
            Some(value) => top.insert(path.to_owned(), value),
            None => top.remove(path),
        };
        return Ok(());
    };
    let items = top
        .entry(list.to_owned())
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(items) = items else {
        return Err(format!("{list} is not a list"));
    };
    let found = items
        .iter()
        .position(|item| super::item_key(list, item).as_deref() == Some(key));
    match (field, found, value) {
        (None, Some(at), Some(value)) => items[at] = value,
        (None, Some(at), None) => {
            items.remove(at);
        }
        (None, None, Some(value)) => items.push(value),
        (None, None, None) => {}
        (Some(field), Some(at), value) => {
            let Value::Object(item) = &mut items[at] else {
                return Err(format!("{list}[{key}] is not an object"));
            };
            match value {
                Some(value) => item.insert(field.to_owned(), value),
                None => item.remove(field),
            };
        }
        (Some(_), None, _) => {
            return Err(format!("{list}[{key}] is no longer in the map"));
        }
    }
    Ok(())
}
