//! [`Map`] → canonical JSON text: pretty-printed, known keys in a fixed order, unknown keys after
//! them in sorted order, touch points by id and links by (from, to), so that two saves of the same
//! map are byte-identical and git diffs stay small.

use serde_json::Value;

use super::FORMAT_VERSION;
use super::decode::Object;
use crate::model::{Link, Map, TouchPoint, TouchPointId};

/// Writes a map as the canonical text of a version-1 file, ending in a newline.
#[must_use]
pub fn to_string(map: &Map) -> String {
    let mut root = Object::new();
    root.insert("touchmap".into(), Value::from(FORMAT_VERSION));
    root.insert("title".into(), Value::from(map.title.clone()));
    if let Some(brand) = &map.brand {
        root.insert("brand".into(), Value::from(brand.clone()));
    }
    root.insert("stages".into(), Value::from(map.stages().to_vec()));
    root.insert(
        "touchpoints".into(),
        Value::Array(
            map.touchpoints()
                .into_iter()
                .map(encode_touchpoint)
                .collect(),
        ),
    );
    root.insert(
        "links".into(),
        Value::Array(
            map.links()
                .into_iter()
                .map(|(from, to, link)| encode_link(from, to, link))
                .collect(),
        ),
    );
    super::plan::encode_plan(map.plan(), &mut root);
    append_extra(&mut root, &map.extra);
    // Serialising a `Value` cannot fail: every key is a string and every number is finite.
    let mut text = serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default();
    text.push('\n');
    text
}

fn encode_touchpoint(touchpoint: &TouchPoint) -> Value {
    // Every field by name, with no `..`: a new field is a compile error here until it is saved.
    let TouchPoint {
        id,
        name,
        stage,
        channel,
        owner,
        importance,
        score,
        reach,
        cost,
        role,
        votes,
        notes,
        evidence,
        pos,
        response_hours,
        extra,
    } = touchpoint;
    let mut object = Object::new();
    object.insert("id".into(), Value::from(id.as_str()));
    object.insert("name".into(), Value::from(name.clone()));
    insert_text(&mut object, "stage", stage.as_ref());
    insert_text(&mut object, "channel", channel.as_ref());
    insert_text(&mut object, "owner", owner.as_ref());
    object.insert("importance".into(), Value::from(*importance));
    insert_number(&mut object, "score", *score);
    insert_number(&mut object, "reach", *reach);
    insert_number(&mut object, "cost", *cost);
    insert_number(&mut object, "response_hours", *response_hours);
    if let Some(role) = role {
        object.insert("role".into(), Value::from(role.as_str()));
    }
    if *votes > 0 {
        object.insert("votes".into(), Value::from(*votes));
    }
    insert_text(&mut object, "notes", notes.as_ref());
    if !evidence.is_empty() {
        object.insert("evidence".into(), Value::from(evidence.clone()));
    }
    if let Some([x, y]) = *pos {
        // Whole pixels: a drag leaves 412.73046875 behind, which nobody wants in a git diff.
        // Adding 0.0 turns a rounded -0.0 into 0.
        let pixel = |value: f64| number(value.round() + 0.0);
        object.insert("pos".into(), Value::Array(vec![pixel(x), pixel(y)]));
    }
    append_extra(&mut object, extra);
    Value::Object(object)
}

fn encode_link(from: &TouchPointId, to: &TouchPointId, link: &Link) -> Value {
    let mut object = Object::new();
    object.insert("from".into(), Value::from(from.as_str()));
    object.insert("to".into(), Value::from(to.as_str()));
    insert_number(&mut object, "share", link.share);
    insert_text(&mut object, "label", link.label.as_ref());
    append_extra(&mut object, &link.extra);
    Value::Object(object)
}

pub(super) fn insert_text(object: &mut Object, key: &str, value: Option<&String>) {
    if let Some(text) = value {
        object.insert(key.into(), Value::from(text.clone()));
    }
}

pub(super) fn insert_number(object: &mut Object, key: &str, value: Option<f64>) {
    if let Some(value) = value {
        object.insert(key.into(), number(value));
    }
}

/// Whole numbers are written without a fraction ("25000", not "25000.0") so hand-written files
/// keep their look after a save.
pub(super) fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        Value::from(value as i64)
    } else {
        serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
    }
}

pub(super) fn append_extra(object: &mut Object, extra: &Object) {
    let mut keys: Vec<&String> = extra.keys().collect();
    keys.sort();
    for key in keys {
        // A known key never appears among the extras: the decoder removed it.
        if !object.contains_key(key.as_str())
            && let Some(value) = extra.get(key)
        {
            object.insert(key.clone(), value.clone());
        }
    }
}
