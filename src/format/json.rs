//! The JSON pieces the readers and writers of the file share (`decode.rs`, `encode.rs`,
//! `plan.rs`, `fast.rs`): reading a value of an expected kind with an error naming its place,
//! writing numbers and optional fields the canonical way, and the keys a map keeps unread. Shared
//! here, so that no two of those modules need each other for them.

use serde_json::{Map as JsonObject, Value};

use super::error::FormatError;

/// A JSON object as the file holds it.
pub(super) type Object = JsonObject<String, Value>;

/// What a value is, for messages ("the text \"abc\"", "a list").
pub(super) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => format!("{flag}"),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) => {
            let short: String = text.chars().take(40).collect();
            if short.len() < text.len() {
                format!("the text \"{short}…\"")
            } else {
                format!("the text \"{short}\"")
            }
        }
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// `None` for a missing or `null` value.
pub(super) fn present(value: Option<Value>) -> Option<Value> {
    value.filter(|value| !value.is_null())
}

/// A text, or an error naming the place.
pub(super) fn string(value: Value, path: impl Fn() -> String) -> Result<String, FormatError> {
    match value {
        Value::String(text) => Ok(text),
        other => Err(FormatError::invalid(
            path(),
            format!("expected text, found {}", describe(&other)),
        )),
    }
}

/// A text or nothing.
pub(super) fn optional_string(
    value: Option<Value>,
    path: impl Fn() -> String,
) -> Result<Option<String>, FormatError> {
    present(value).map(|value| string(value, &path)).transpose()
}

/// A list, or an error naming the place.
pub(super) fn array(value: Value, path: impl Fn() -> String) -> Result<Vec<Value>, FormatError> {
    match value {
        Value::Array(items) => Ok(items),
        other => Err(FormatError::invalid(
            path(),
            format!("expected a list, found {}", describe(&other)),
        )),
    }
}

/// A finite number, or an error naming the place.
pub(super) fn read_number(value: &Value, path: impl Fn() -> String) -> Result<f64, FormatError> {
    value
        .as_f64()
        .filter(|number| number.is_finite())
        .ok_or_else(|| {
            FormatError::invalid(
                path(),
                format!("expected a number, found {}", describe(value)),
            )
        })
}

/// Writes a text field when it is set.
pub(super) fn insert_text(object: &mut Object, key: &str, value: Option<&String>) {
    if let Some(text) = value {
        object.insert(key.into(), Value::from(text.clone()));
    }
}

/// Writes a number field when it is set.
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

/// Appends the keys this version does not know, in key order, after the known ones.
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
