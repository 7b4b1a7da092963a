//! The touch point's fields as the inspector edits them: one table row per text or number field,
//! read and written through the table. The loader of the text boxes and the rows drawn both walk the
//! tables, so a field added here is loaded, drawn, checked and saved; there is no catch-all arm a new
//! field could fall into. Fields with a widget of their own (stage and role menus, the importance
//! slider, votes, the evidence lines) are drawn in `touchpoint.rs`.

use crate::model::{FieldError, TouchPoint, check_hours, check_non_negative, check_score};

/// A text field: empty text means "not set" except for the name, which is required.
pub(super) struct TextField {
    /// The field's name in the file, also the text buffer's key and the undo label.
    pub key: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub multiline: bool,
    pub get: fn(&TouchPoint) -> Option<&str>,
    /// Stores the typed text; `Err` with the reason when the field refuses it.
    pub set: fn(&mut TouchPoint, &str) -> Result<(), String>,
}

/// Empty or blank text as "not set", anything else as typed.
pub(super) fn optional(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.to_owned())
}

/// The text fields in the order the inspector shows them; the channel also has a suggestions menu.
pub(super) const TEXT_FIELDS: [TextField; 4] = [
    TextField {
        key: "name",
        label: "Name",
        hint: "What the team calls it",
        multiline: false,
        get: |t| Some(&t.name),
        set: |t, text| {
            if text.trim().is_empty() {
                return Err("A touch point needs a name.".to_owned());
            }
            text.clone_into(&mut t.name);
            Ok(())
        },
    },
    TextField {
        key: "channel",
        label: "Channel",
        hint: "e.g. Instagram, Website, Courier",
        multiline: false,
        get: |t| t.channel.as_deref(),
        set: |t, text| {
            t.channel = optional(text);
            Ok(())
        },
    },
    TextField {
        key: "owner",
        label: "Owner",
        hint: "Team or person responsible",
        multiline: false,
        get: |t| t.owner.as_deref(),
        set: |t, text| {
            t.owner = optional(text);
            Ok(())
        },
    },
    TextField {
        key: "notes",
        label: "Notes",
        hint: "",
        multiline: true,
        get: |t| t.notes.as_deref(),
        set: |t, text| {
            t.notes = optional(text);
            Ok(())
        },
    },
];

/// A number field: empty means "not set"; the check is the model's own, so the inspector refuses
/// exactly what the file format refuses, with the same words.
pub(super) struct NumberField {
    /// The field's name in the file, also the text buffer's key and the undo label.
    pub key: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub check: fn(f64) -> Result<f64, FieldError>,
    pub get: fn(&TouchPoint) -> Option<f64>,
    pub set: fn(&mut TouchPoint, Option<f64>),
}

/// The number fields, in the order the inspector shows them.
pub(super) const NUMBER_FIELDS: [NumberField; 5] = [
    NumberField {
        key: "score",
        label: "Score today (1–5)",
        hint: "empty = not measured",
        check: check_score,
        get: |t| t.score,
        set: |t, value| t.score = value,
    },
    NumberField {
        key: "reach",
        label: "Reach (customers per period)",
        hint: "empty = unknown",
        check: |value| check_non_negative("reach", value),
        get: |t| t.reach,
        set: |t, value| t.reach = value,
    },
    NumberField {
        key: "cost",
        label: "Cost per period",
        hint: "empty = unknown",
        check: |value| check_non_negative("cost", value),
        get: |t| t.cost,
        set: |t, value| t.cost = value,
    },
    NumberField {
        key: "response_hours",
        label: "Answers customers within (hours)",
        hint: "empty = no agreed response time",
        check: check_hours,
        get: |t| t.response_hours,
        set: |t, value| t.response_hours = value,
    },
    NumberField {
        key: "capacity_per_day",
        label: "Extra customers a day it can take",
        hint: "empty = unknown (campaign calendar)",
        check: |value| check_non_negative("capacity_per_day", value),
        get: |t| t.capacity_per_day,
        set: |t, value| t.capacity_per_day = value,
    },
];

/// Reads a typed number for `field` and checks it: `Ok(None)` for an empty box, otherwise the value
/// or the refusal as the inspector shows it ("Refused: score must be between 1 and 5, not 7.").
pub(super) fn typed_number(
    text: &str,
    field: &str,
    check: fn(f64) -> Result<f64, FieldError>,
) -> Result<Option<f64>, String> {
    match crate::numbers::parse_typed(text) {
        Ok(None) => Ok(None),
        Ok(Some(value)) => check(value)
            .map(Some)
            .map_err(|error| format!("Refused: {error}.")),
        Err(typed) => Err(format!(
            "Refused: {field} must be a number, not \"{typed}\"."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TouchPointId;

    fn sample() -> TouchPoint {
        TouchPoint::new(TouchPointId::new("ad").expect("id"), "Ad")
    }

    #[test]
    fn every_number_field_round_trips_through_its_row() {
        let mut touchpoint = sample();
        for (n, field) in NUMBER_FIELDS.iter().enumerate() {
            let value = 1.0 + n as f64;
            assert_eq!((field.check)(value), Ok(value), "{}", field.key);
            (field.set)(&mut touchpoint, Some(value));
            assert_eq!((field.get)(&touchpoint), Some(value), "{}", field.key);
        }
        assert_eq!(touchpoint.score, Some(1.0));
        assert_eq!(touchpoint.reach, Some(2.0));
        assert_eq!(touchpoint.cost, Some(3.0));
        assert_eq!(touchpoint.response_hours, Some(4.0));
    }

    #[test]
    fn every_text_field_round_trips_and_only_the_name_is_required() {
        let mut touchpoint = sample();
        for field in &TEXT_FIELDS {
            assert_eq!((field.set)(&mut touchpoint, field.key), Ok(()));
            assert_eq!((field.get)(&touchpoint), Some(field.key));
            let blank = (field.set)(&mut touchpoint, "  ");
            assert_eq!(blank.is_err(), field.key == "name", "{}", field.key);
        }
    }

    #[test]
    fn typed_numbers_are_refused_with_the_models_words() {
        let score = &NUMBER_FIELDS[0];
        assert_eq!(typed_number("4,5", score.key, score.check), Ok(Some(4.5)));
        assert_eq!(typed_number("", score.key, score.check), Ok(None));
        assert_eq!(
            typed_number("7", score.key, score.check),
            Err("Refused: score must be between 1 and 5, not 7.".to_owned())
        );
        assert_eq!(
            typed_number("lots", "reach", NUMBER_FIELDS[1].check),
            Err("Refused: reach must be a number, not \"lots\".".to_owned())
        );
        assert_eq!(
            typed_number("-3", "cost", NUMBER_FIELDS[2].check),
            Err("Refused: cost must be a number of at least 0, not -3.".to_owned())
        );
    }
}
