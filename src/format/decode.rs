//! JSON text → [`Map`]: every value checked, every refusal naming its JSON path.

use serde_json::Value;

use super::json::{Object, array, describe, optional_string, present, read_number, string};
use super::{FORMAT_VERSION, FormatError};
use crate::model::{
    DEFAULT_STAGES, Link, MAX_LINKS, MAX_TOUCHPOINTS, Map, ModelError, Role, TouchPoint,
    TouchPointId, check_importance, check_non_negative, check_score, check_share, check_stage_list,
};

/// Reads a map from the text of a file. Never panics; refuses anything invalid with the place and
/// the problem.
pub fn from_str(text: &str) -> Result<Map, FormatError> {
    from_str_fast(text).map_or_else(|| from_str_checked(text), Ok)
}

/// The fast path alone: the map when the file is valid and uses only the keys the fast path
/// knows, `None` when it leaves the file to the checked decoder (for the fuzzer that compares the
/// two and counts how often the fast path is taken).
#[must_use]
pub fn from_str_fast(text: &str) -> Option<Map> {
    super::fast::try_fast(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The checked decoder alone, without the fast path (for tests that compare the two).
pub fn from_str_checked(text: &str) -> Result<Map, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    let root: Value = serde_json::from_str(text).map_err(|error| json_error(&error, text))?;
    decode_map(root)
}

/// Reads a map from a JSON value with the checked decoder (for a merge, which builds the value).
pub fn from_value(root: Value) -> Result<Map, FormatError> {
    decode_map(root)
}

/// Reads one touch point from its JSON value (for a merge, which merges a touch point changed on
/// both sides field by field).
pub fn touchpoint_from_value(value: Value) -> Result<TouchPoint, FormatError> {
    decode_touchpoint(value, "$.touchpoints[merged]")
}

/// Reads one link from its JSON value; both its ends must be touch points of `map`.
pub fn link_from_value(
    value: Value,
    map: &Map,
) -> Result<(TouchPointId, TouchPointId, Link), FormatError> {
    decode_link(value, "$.links[merged]", map)
}

/// Reads the plan's two lists (absent = empty), checked against the touch points of `map`; a
/// refusal's path names the item's place in its list (`$.campaigns[1].split`).
pub fn plan_from_values(
    objectives: Option<Value>,
    campaigns: Option<Value>,
    map: &Map,
) -> Result<crate::model::Plan, FormatError> {
    super::plan::decode_plan(objectives, campaigns, map)
}

fn json_error(error: &serde_json::Error, text: &str) -> FormatError {
    let (line, column) = (error.line(), error.column());
    if error.is_eof() {
        return FormatError::Truncated { line, column };
    }
    if let Some(number) = decimal_comma_at(text, line, column) {
        return FormatError::Syntax {
            line,
            column,
            detail: format!(
                "\"{number}\" looks like a number written with a decimal comma; JSON writes it with a point: {}",
                number.replace(',', ".")
            ),
        };
    }
    let detail = error.to_string();
    if detail.contains("recursion limit") {
        return FormatError::TooDeep { line, column };
    }
    // serde_json appends " at line L column C"; the position is already in front of the message.
    let detail = match detail.find(" at line ") {
        Some(cut) => detail[..cut].to_owned(),
        None => detail,
    };
    FormatError::Syntax {
        line,
        column,
        detail,
    }
}

/// Where JSON stumbled on the digits after a comma that follows digits (`"score": 4,5`), the
/// number as written ("4,5"): a decimal comma, as many spreadsheets and keyboards write it.
fn decimal_comma_at(text: &str, line: usize, column: usize) -> Option<String> {
    let row: Vec<char> = text.lines().nth(line.checked_sub(1)?)?.chars().collect();
    let at = column.checked_sub(1)?;
    let is_digit = |i: usize| row.get(i).is_some_and(char::is_ascii_digit);
    if !is_digit(at) || at < 2 || row[at - 1] != ',' || !is_digit(at - 2) {
        return None;
    }
    let start = (0..at - 1)
        .rev()
        .take_while(|&i| is_digit(i) || row[i] == '-')
        .last()?;
    let end = (at..row.len()).take_while(|&i| is_digit(i)).last()? + 1;
    Some(row[start..end].iter().collect())
}

fn decode_map(root: Value) -> Result<Map, FormatError> {
    let Value::Object(mut object) = root else {
        return Err(FormatError::NotAMap {
            found: describe(&root),
        });
    };
    let Some(version) = object.remove("touchmap") else {
        return Err(FormatError::NotAMap {
            found: "an object without the \"touchmap\" version key".to_owned(),
        });
    };
    match version.as_u64() {
        Some(FORMAT_VERSION) => {}
        Some(found) if found > FORMAT_VERSION => {
            return Err(FormatError::NewerVersion {
                found,
                supported: FORMAT_VERSION,
            });
        }
        _ => {
            return Err(FormatError::invalid(
                "$.touchmap",
                format!(
                    "the format version must be the whole number {FORMAT_VERSION}, not {}",
                    describe(&version)
                ),
            ));
        }
    }

    let title = match object.remove("title") {
        None | Some(Value::Null) => "Untitled map".to_owned(),
        Some(value) => string(value, || "$.title".to_owned())?,
    };
    let brand = optional_string(object.remove("brand"), || "$.brand".to_owned())?;
    let stages = match object.remove("stages") {
        None | Some(Value::Null) => DEFAULT_STAGES.iter().map(|&s| s.to_owned()).collect(),
        Some(value) => {
            let items = array(value, || "$.stages".to_owned())?;
            let mut stages = Vec::with_capacity(items.len());
            for (position, item) in items.into_iter().enumerate() {
                stages.push(string(item, || format!("$.stages[{position}]"))?);
            }
            check_stage_list(&stages)
                .map_err(|error| FormatError::invalid("$.stages", error.to_string()))?;
            stages
        }
    };
    let touchpoint_values = match object.remove("touchpoints") {
        None | Some(Value::Null) => Vec::new(),
        Some(value) => array(value, || "$.touchpoints".to_owned())?,
    };
    let objective_values = object.remove("objectives");
    let campaign_values = object.remove("campaigns");
    let link_values = match object.remove("links") {
        None | Some(Value::Null) => Vec::new(),
        Some(value) => array(value, || "$.links".to_owned())?,
    };
    if touchpoint_values.len() > MAX_TOUCHPOINTS {
        return Err(FormatError::invalid(
            "$.touchpoints",
            format!(
                "a map can hold at most {MAX_TOUCHPOINTS} touch points, this file has {}",
                touchpoint_values.len()
            ),
        ));
    }
    if link_values.len() > MAX_LINKS {
        return Err(FormatError::invalid(
            "$.links",
            format!(
                "a map can hold at most {MAX_LINKS} links, this file has {}",
                link_values.len()
            ),
        ));
    }

    let segments = match present(object.remove("segments")) {
        Some(value) => decode_segments(value)?,
        None => Vec::new(),
    };
    let mut map = Map::new(title);
    map.brand = brand;
    map.set_stages(stages)
        .map_err(|error| FormatError::invalid("$.stages", error.to_string()))?;
    // Before the touch points and links, whose overrides must name these segments.
    map.set_segments(segments)
        .map_err(|error| FormatError::invalid("$.segments", error.to_string()))?;
    map.extra = object;

    let mut first_path_of_id = std::collections::HashMap::new();
    for (position, value) in touchpoint_values.into_iter().enumerate() {
        let path = format!("$.touchpoints[{position}]");
        let touchpoint = decode_touchpoint(value, &path)?;
        let id = touchpoint.id.clone();
        if let Some(first) = first_path_of_id.get(&id) {
            return Err(FormatError::invalid(
                format!("{path}.id"),
                format!(
                    "the id '{id}' is used twice (first at $.touchpoints[{first}]); every touch point needs its own id"
                ),
            ));
        }
        map.add_touchpoint(touchpoint)
            .map_err(|error| model_error(&path, &id, &error))?;
        first_path_of_id.insert(id, position);
    }
    for (position, value) in link_values.into_iter().enumerate() {
        let path = format!("$.links[{position}]");
        let (from, to, link) = decode_link(value, &path, &map)?;
        map.add_link(&from, &to, link)
            .map_err(|error| FormatError::invalid(&path, error.to_string()))?;
    }
    let plan = super::plan::decode_plan(objective_values, campaign_values, &map)?;
    map.set_plan(plan)
        .map_err(|error| super::plan::plan_error(&error))?;
    Ok(map)
}

fn model_error(path: &str, id: &TouchPointId, error: &ModelError) -> FormatError {
    match error {
        ModelError::Field { error, .. } => FormatError::invalid(
            format!("{path}.{} (touch point '{id}')", error.field),
            error.message.clone(),
        ),
        ModelError::UnknownStage { stage, .. } => FormatError::invalid(
            format!("{path}.stage (touch point '{id}')"),
            format!(
                "stage '{stage}' is not one of the map's stages; add it to \"stages\" or correct the name"
            ),
        ),
        other => FormatError::invalid(path, other.to_string()),
    }
}

fn decode_touchpoint(value: Value, path: &str) -> Result<TouchPoint, FormatError> {
    let Value::Object(mut object) = value else {
        return Err(FormatError::invalid(
            path,
            format!("a touch point must be an object, not {}", describe(&value)),
        ));
    };
    let id_text = match object.remove("id") {
        None | Some(Value::Null) => {
            return Err(FormatError::invalid(path, "this touch point has no \"id\""));
        }
        Some(value) => string(value, || format!("{path}.id"))?,
    };
    let id = TouchPointId::new(id_text)
        .map_err(|message| FormatError::invalid(format!("{path}.id"), message))?;
    let field = |name: &str| format!("{path}.{name} (touch point '{id}')");
    let name = match object.remove("name") {
        None | Some(Value::Null) => {
            return Err(FormatError::invalid(
                format!("{path} (touch point '{id}')"),
                "this touch point has no \"name\"",
            ));
        }
        Some(value) => string(value, || field("name"))?,
    };
    let mut touchpoint = TouchPoint::new(id.clone(), name);
    touchpoint.stage = optional_string(object.remove("stage"), || field("stage"))?;
    touchpoint.channel = optional_string(object.remove("channel"), || field("channel"))?;
    touchpoint.owner = optional_string(object.remove("owner"), || field("owner"))?;
    touchpoint.notes = optional_string(object.remove("notes"), || field("notes"))?;
    if let Some(value) = present(object.remove("importance")) {
        let number = whole_number(
            &value,
            || field("importance"),
            "importance must be a whole number from 1 to 5",
        )?;
        touchpoint.importance = check_importance(number)
            .map_err(|e| FormatError::invalid(field("importance"), e.message))?;
    }
    if let Some(value) = present(object.remove("score")) {
        let number = read_number(&value, || field("score"))?;
        touchpoint.score =
            Some(check_score(number).map_err(|e| FormatError::invalid(field("score"), e.message))?);
    }
    if let Some(value) = present(object.remove("reach")) {
        let number = read_number(&value, || field("reach"))?;
        touchpoint.reach = Some(
            check_non_negative("reach", number)
                .map_err(|e| FormatError::invalid(field("reach"), e.message))?,
        );
    }
    if let Some(value) = present(object.remove("cost")) {
        let number = read_number(&value, || field("cost"))?;
        touchpoint.cost = Some(
            check_non_negative("cost", number)
                .map_err(|e| FormatError::invalid(field("cost"), e.message))?,
        );
    }
    if let Some(value) = present(object.remove("response_hours")) {
        let number = read_number(&value, || field("response_hours"))?;
        touchpoint.response_hours = Some(
            crate::model::check_hours(number)
                .map_err(|e| FormatError::invalid(field("response_hours"), e.message))?,
        );
    }
    if let Some(value) = present(object.remove("capacity_per_day")) {
        let number = read_number(&value, || field("capacity_per_day"))?;
        touchpoint.capacity_per_day = Some(
            check_non_negative("capacity_per_day", number)
                .map_err(|e| FormatError::invalid(field("capacity_per_day"), e.message))?,
        );
    }
    if let Some(value) = present(object.remove("role")) {
        let text = string(value, || field("role"))?;
        touchpoint.role = Some(Role::parse(&text).ok_or_else(|| {
            FormatError::invalid(
                field("role"),
                format!("role must be \"entry\" or \"goal\", not \"{text}\""),
            )
        })?);
    }
    if let Some(value) = present(object.remove("votes")) {
        let votes = whole_number(
            &value,
            || field("votes"),
            "votes must be a whole number of at least 0",
        )?;
        touchpoint.votes = u32::try_from(votes).map_err(|_| {
            FormatError::invalid(
                field("votes"),
                format!(
                    "votes must be a whole number from 0 to {}, not {votes}",
                    u32::MAX
                ),
            )
        })?;
    }
    if let Some(value) = present(object.remove("evidence")) {
        let items = array(value, || field("evidence"))?;
        for (position, item) in items.into_iter().enumerate() {
            let place = |key: Option<&str>| match key {
                Some(key) => format!("{path}.evidence[{position}].{key} (touch point '{id}')"),
                None => format!("{path}.evidence[{position}] (touch point '{id}')"),
            };
            touchpoint.evidence.push(evidence_item(item, &place)?);
        }
    }
    if let Some(value) = present(object.remove("measured")) {
        let place = |key: Option<&str>| match key {
            Some(key) => format!("{path}.measured.{key} (touch point '{id}')"),
            None => format!("{path}.measured (touch point '{id}')"),
        };
        touchpoint.measured = Some(measured(value, &place)?);
    }
    if let Some(value) = present(object.remove("aliases")) {
        let items = array(value, || field("aliases"))?;
        for (position, item) in items.into_iter().enumerate() {
            touchpoint.aliases.push(string(item, || {
                format!("{path}.aliases[{position}] (touch point '{id}')")
            })?);
        }
    }
    if let Some(value) = present(object.remove("pos")) {
        let items = array(value, || field("pos"))?;
        if items.len() != 2 {
            return Err(FormatError::invalid(
                field("pos"),
                format!(
                    "a position is two numbers [x, y], this one has {}",
                    items.len()
                ),
            ));
        }
        touchpoint.pos = Some([
            read_number(&items[0], || field("pos"))?,
            read_number(&items[1], || field("pos"))?,
        ]);
    }
    if let Some(value) = present(object.remove("segments")) {
        touchpoint.segments = by_segment(value, &field("segments"), |values, place| {
            let mut values = values;
            let score = match present(values.remove("score")) {
                Some(value) => Some(read_number(&value, || format!("{place}.score"))?),
                None => None,
            };
            let importance = match present(values.remove("importance")) {
                Some(value) => {
                    let whole = whole_number(
                        &value,
                        || format!("{place}.importance"),
                        "importance must be a whole number from 1 to 5",
                    )?;
                    Some(check_importance(whole).map_err(|error| {
                        FormatError::invalid(format!("{place}.importance"), error.message)
                    })?)
                }
                None => None,
            };
            let reach = match present(values.remove("reach")) {
                Some(value) => Some(read_number(&value, || format!("{place}.reach"))?),
                None => None,
            };
            Ok(crate::model::SegmentValues {
                score,
                importance,
                reach,
                extra: values,
            })
        })?;
    }
    touchpoint.extra = object;
    Ok(touchpoint)
}

/// Per-segment values: an object by segment id, each an object read by `read` (given its place).
fn by_segment<T>(
    value: Value,
    place: &str,
    read: impl Fn(Object, &str) -> Result<T, FormatError>,
) -> Result<crate::model::Overrides<T>, FormatError> {
    let Value::Object(entries) = value else {
        return Err(FormatError::invalid(
            place,
            format!(
                "per-segment values are an object by segment id ({{\"parents\": {{\"score\": 3.2}}}}), not {}",
                describe(&value)
            ),
        ));
    };
    let mut result = crate::model::Overrides::new();
    for (id, values) in entries {
        let item_place = format!("{place}.{id}");
        let Value::Object(values) = values else {
            return Err(FormatError::invalid(
                &item_place,
                format!(
                    "a segment's values are an object, not {}",
                    describe(&values)
                ),
            ));
        };
        let item = read(values, &item_place)?;
        result.insert(id, item);
    }
    Ok(result)
}

/// Reads a segment list from its JSON value (for a merge); the list is checked.
pub fn segments_from_value(value: Value) -> Result<Vec<crate::model::Segment>, FormatError> {
    decode_segments(value)
}

/// The map's `segments`: `[{"id", "name", "weight"?}]`.
fn decode_segments(value: Value) -> Result<Vec<crate::model::Segment>, FormatError> {
    let items = array(value, || "$.segments".to_owned())?;
    let mut segments = Vec::with_capacity(items.len());
    for (position, item) in items.into_iter().enumerate() {
        let place = format!("$.segments[{position}]");
        let Value::Object(mut object) = item else {
            return Err(FormatError::invalid(
                &place,
                format!(
                    "a segment is an object with \"id\" and \"name\", not {}",
                    describe(&item)
                ),
            ));
        };
        let id = match present(object.remove("id")) {
            Some(value) => string(value, || format!("{place}.id"))?,
            None => return Err(FormatError::invalid(&place, "this segment has no \"id\"")),
        };
        let name = match present(object.remove("name")) {
            Some(value) => string(value, || format!("{place}.name"))?,
            None => id.clone(),
        };
        let weight = match present(object.remove("weight")) {
            Some(value) => Some(read_number(&value, || format!("{place}.weight"))?),
            None => None,
        };
        segments.push(crate::model::Segment {
            id,
            name,
            weight,
            extra: object,
        });
    }
    crate::model::check_segment_list(&segments).map_err(|message| {
        let (at, what) = message.split_once(": ").unwrap_or(("segments", &message));
        FormatError::invalid(format!("$.{at}"), what)
    })?;
    Ok(segments)
}

fn decode_link(
    value: Value,
    path: &str,
    map: &Map,
) -> Result<(TouchPointId, TouchPointId, Link), FormatError> {
    let Value::Object(mut object) = value else {
        return Err(FormatError::invalid(
            path,
            format!(
                "a link must be an object with \"from\" and \"to\", not {}",
                describe(&value)
            ),
        ));
    };
    let mut end = |key: &str| -> Result<TouchPointId, FormatError> {
        let key_path = || format!("{path}.{key}");
        let Some(value) = present(object.remove(key)) else {
            return Err(FormatError::invalid(
                path,
                format!("this link has no \"{key}\""),
            ));
        };
        let text = string(value, key_path)?;
        let id =
            TouchPointId::new(text.clone()).map_err(|m| FormatError::invalid(key_path(), m))?;
        if !map.contains(&id) {
            return Err(FormatError::invalid(
                key_path(),
                format!("the link points to '{text}', which is not a touch point in this map"),
            ));
        }
        Ok(id)
    };
    let from = end("from")?;
    let to = end("to")?;
    let mut link = Link::default();
    if let Some(value) = present(object.remove("share")) {
        let share_path = || format!("{path}.share");
        let number = read_number(&value, share_path)?;
        link.share =
            Some(check_share(number).map_err(|e| FormatError::invalid(share_path(), e.message))?);
    }
    link.label = optional_string(object.remove("label"), || format!("{path}.label"))?;
    if let Some(value) = present(object.remove("observed")) {
        link.observed = Some(observed(value, &format!("{path}.observed"))?);
    }
    if let Some(value) = present(object.remove("segments")) {
        link.segments = by_segment(value, &format!("{path}.segments"), |mut values, place| {
            let share = match present(values.remove("share")) {
                Some(value) => Some(read_number(&value, || format!("{place}.share"))?),
                None => None,
            };
            Ok(crate::model::SegmentShare {
                share,
                extra: values,
            })
        })?;
    }
    link.extra = object;
    Ok((from, to, link))
}

/// `{"n", "of"}`: two counts, `n` at most `of`.
fn observed(value: Value, path: &str) -> Result<crate::model::Observed, FormatError> {
    let Value::Object(mut object) = value else {
        return Err(FormatError::invalid(
            path.to_owned(),
            "observed must be an object like {\"n\": 120, \"of\": 400}",
        ));
    };
    let mut count = |key: &str| -> Result<f64, FormatError> {
        let place = || format!("{path}.{key}");
        let value = present(object.remove(key)).ok_or_else(|| {
            FormatError::invalid(
                place(),
                format!("observed needs \"{key}\", a count of journeys"),
            )
        })?;
        let number = read_number(&value, place)?;
        check_non_negative("a count", number).map_err(|e| FormatError::invalid(place(), e.message))
    };
    let observed = crate::model::Observed {
        n: count("n")?,
        of: count("of")?,
    };
    if let Some(key) = object.keys().next() {
        return Err(FormatError::invalid(
            format!("{path}.{key}"),
            format!("observed has only \"n\" and \"of\", not \"{key}\""),
        ));
    }
    observed
        .check()
        .map_err(|e| FormatError::invalid(path.to_owned(), e.message))
}

/// An evidence item: a string (a quote) or `{"text", "source"?, "date"?, "kind"?, "rating"?}`,
/// unknown keys kept.
fn evidence_item(
    value: Value,
    place: &dyn Fn(Option<&str>) -> String,
) -> Result<crate::model::Evidence, FormatError> {
    let item = match value {
        Value::String(text) => crate::model::Evidence::quote(text),
        Value::Object(mut object) => {
            let key = |key: &str| place(Some(key));
            let text = match present(object.remove("text")) {
                Some(value) => string(value, || key("text"))?,
                None => {
                    return Err(FormatError::invalid(
                        place(None),
                        "an evidence item written as an object needs a \"text\"",
                    ));
                }
            };
            let mut item = crate::model::Evidence::quote(text);
            item.source = optional_string(object.remove("source"), || key("source"))?;
            item.date = optional_day(object.remove("date"), &key("date"))?;
            if let Some(kind) = optional_string(object.remove("kind"), || key("kind"))? {
                item.kind = Some(crate::model::EvidenceKind::parse(&kind).ok_or_else(|| {
                    FormatError::invalid(
                        key("kind"),
                        format!(
                            "the kind of evidence is one of {}, not \"{kind}\"",
                            crate::model::EvidenceKind::words()
                        ),
                    )
                })?);
            }
            if let Some(value) = present(object.remove("rating")) {
                item.rating = Some(read_number(&value, || key("rating"))?);
            }
            item.extra = object;
            item
        }
        other => {
            return Err(FormatError::invalid(
                place(None),
                format!(
                    "an evidence item is a text or an object with \"text\", not {}",
                    describe(&other)
                ),
            ));
        }
    };
    item.check()
        .map_err(|e| FormatError::invalid(place(None), e.message))?;
    Ok(item)
}

/// An evidence item from a spreadsheet cell: an object as the file writes it (`{"text": …}` on
/// one line, as the CSV export writes items with a source, date, kind or rating), else the text
/// itself.
pub fn evidence_from_cell(cell: &str) -> Result<crate::model::Evidence, FormatError> {
    if cell.starts_with("{\"")
        && cell.ends_with('}')
        && let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(cell)
    {
        return evidence_item(value, &cell_place);
    }
    evidence_item(Value::String(cell.to_owned()), &cell_place)
}

/// Where a score comes from, from a spreadsheet cell holding the object as the file writes it.
pub fn measured_from_cell(cell: &str) -> Result<crate::model::Measured, FormatError> {
    let value: Value = serde_json::from_str(cell).map_err(|e| {
        FormatError::invalid(
            "the measured cell",
            format!("measured is written as the file writes it, {{\"source\": …, \"n\": …}}: {e}"),
        )
    })?;
    measured(value, &|key| {
        key.map_or_else(|| "measured".to_owned(), |key| format!("measured.{key}"))
    })
}

/// The place of a problem inside a spreadsheet cell (the import adds the row and column).
fn cell_place(key: Option<&str>) -> String {
    key.map_or_else(
        || "the cell".to_owned(),
        |key| format!("the cell's \"{key}\""),
    )
}

/// A date written `YYYY-MM-DD`, when present.
fn optional_day(
    value: Option<Value>,
    place: &str,
) -> Result<Option<crate::model::Day>, FormatError> {
    optional_string(value, || place.to_owned())?
        .map(|text| {
            crate::model::Day::parse(&text)
                .map_err(|e| FormatError::invalid(place.to_owned(), e.to_string()))
        })
        .transpose()
}

/// `{"source", "question"?, "n", "mean", "low", "high", "date"?, "scale"?, "nps"?}`, unknown keys
/// kept.
fn measured(
    value: Value,
    place: &dyn Fn(Option<&str>) -> String,
) -> Result<crate::model::Measured, FormatError> {
    let Value::Object(mut object) = value else {
        return Err(FormatError::invalid(
            place(None),
            format!(
                "measured must be an object like {{\"source\": \"survey.csv\", \"n\": 214, \"mean\": 3.4, \"low\": 3.2, \"high\": 3.6}}, not {}",
                describe(&value)
            ),
        ));
    };
    let key = |key: &str| place(Some(key));
    let mut required = |name: &str| -> Result<f64, FormatError> {
        let value = present(object.remove(name))
            .ok_or_else(|| FormatError::invalid(key(name), format!("measured needs \"{name}\"")))?;
        read_number(&value, || key(name))
    };
    let (n, mean, low, high) = (
        required("n")?,
        required("mean")?,
        required("low")?,
        required("high")?,
    );
    let source = match present(object.remove("source")) {
        Some(value) => string(value, || key("source"))?,
        None => {
            return Err(FormatError::invalid(
                key("source"),
                "measured needs \"source\" (the file the answers came from)",
            ));
        }
    };
    let mut measured = crate::model::Measured {
        source,
        n,
        mean,
        low,
        high,
        ..crate::model::Measured::default()
    };
    measured.question = optional_string(object.remove("question"), || key("question"))?;
    measured.date = optional_day(object.remove("date"), &key("date"))?;
    measured.scale = optional_string(object.remove("scale"), || key("scale"))?;
    if let Some(value) = present(object.remove("nps")) {
        measured.nps = Some(read_number(&value, || key("nps"))?);
    }
    measured.extra = object;
    measured
        .check()
        .map_err(|e| FormatError::invalid(place(None), e.message))?;
    Ok(measured)
}

fn whole_number(
    value: &Value,
    path: impl Fn() -> String,
    message: &str,
) -> Result<i64, FormatError> {
    if let Some(number) = value.as_i64() {
        return Ok(number);
    }
    if let Some(number) = value.as_f64()
        && number.fract() == 0.0
        && number.abs() < 1e15
    {
        return Ok(number as i64);
    }
    Err(FormatError::invalid(
        path(),
        format!("{message}, not {}", describe(value)),
    ))
}
