//! Reads touch points from CSV text, column by header name, with errors that name the row and the
//! column.

use std::collections::HashMap;

use crate::model::{
    DEFAULT_STAGES, FieldError, Link, Map, Role, TouchPoint, TouchPointId, check_hours,
    check_importance, check_non_negative, check_score, check_share,
};

/// A refusal, naming the spreadsheet row (the header is row 1) and the column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", match (.row, .column.as_deref()) {
    (Some(row), Some(column)) => format!("row {row}, column \"{column}\": {}", .message),
    (Some(row), None) => format!("row {row}: {}", .message),
    (None, Some(column)) => format!("column \"{column}\": {}", .message),
    (None, None) => .message.clone(),
})]
pub struct ImportError {
    /// The spreadsheet row, 1 = header.
    pub row: Option<usize>,
    /// The column's header.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
}

fn error(row: Option<usize>, column: Option<&str>, message: impl Into<String>) -> ImportError {
    ImportError {
        row,
        column: column.map(str::to_owned),
        message: message.into(),
    }
}

/// What a header means. Several spellings are understood.
fn field_of(header: &str) -> Option<&'static str> {
    let key: String = header
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    Some(match key.as_str() {
        "id" | "key" => "id",
        "name" | "touchpoint" | "touchpoints" | "title" => "name",
        "stage" | "phase" | "journeystage" => "stage",
        "channel" | "medium" => "channel",
        "owner" | "team" | "responsible" => "owner",
        "importance" | "weight" | "priority" => "importance",
        "score" | "rating" | "csat" | "performance" => "score",
        "reach" | "customers" | "volume" | "visitors" => "reach",
        "cost" | "spend" | "budget" => "cost",
        "responsehours" | "responsetime" | "answerwithinhours" => "response_hours",
        "capacityperday" | "capacity" | "dailycapacity" => "capacity_per_day",
        "role" => "role",
        "votes" | "dots" | "dotvotes" => "votes",
        "notes" | "note" | "comment" | "comments" => "notes",
        "evidence" | "quotes" | "quote" => "evidence",
        "next" | "links" | "leadsto" | "then" => "next",
        "nextlabels" => "next_labels",
        "posx" | "x" => "pos_x",
        "posy" | "y" => "pos_y",
        _ => return None,
    })
}

/// A cell as written, with the apostrophe that neutralises a formula taken off again. A line
/// break after it counts too: `LibreOffice` saves the carriage return of a CR-led cell as a line
/// feed, and the apostrophe must not stay behind.
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) => rest,
        _ => cell,
    }
}

/// A numbered column of touchmap's own CSV: `evidence_2` → ("evidence_", 2).
fn numbered(header: &str, prefix: &str) -> Option<usize> {
    let key = header.trim().to_lowercase();
    key.strip_prefix(prefix)?.parse().ok()
}

/// One row of the sheet, read but not yet added to the map.
struct Row {
    number: usize,
    touchpoint: TouchPoint,
    next: Option<String>,
    next_labels: Option<String>,
    /// From the numbered `next_label_N` columns: the label of the N-th link in `next`.
    numbered_labels: Vec<Option<String>>,
}

/// Reads a map from CSV text. `title` names the map (usually from the file name).
pub fn from_csv(text: &str, title: &str) -> Result<Map, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(error(
            None,
            None,
            "the file is empty: expected a header row with at least a \"name\" column",
        ));
    }
    let header_line = text.lines().next().unwrap_or_default();
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let decimal_comma = delimiter == b';';
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| error(Some(1), None, format!("cannot read the header row: {e}")))?
        .clone();
    let mut columns: HashMap<&'static str, (usize, String)> = HashMap::new();
    for (index, header) in headers.iter().enumerate() {
        if let Some(field) = field_of(header) {
            columns
                .entry(field)
                .or_insert((index, header.trim().to_owned()));
        }
    }
    // touchmap's own CSV puts each evidence quote and each link label in a numbered column of its
    // own, so that a quote may hold line breaks, tabs or a leading carriage return and still come
    // back exactly; those cells are read as written, without trimming.
    let numbered_columns = |prefix: &str| -> Vec<usize> {
        let mut found: Vec<(usize, usize)> = headers
            .iter()
            .enumerate()
            .filter_map(|(index, header)| Some((numbered(header, prefix)?, index)))
            .collect();
        found.sort_unstable();
        found.into_iter().map(|(_, index)| index).collect()
    };
    let evidence_columns = numbered_columns("evidence_");
    let label_columns = numbered_columns("next_label_");
    if !columns.contains_key("name") {
        return Err(error(
            Some(1),
            None,
            format!(
                "no \"name\" column: the header row has {}",
                headers
                    .iter()
                    .map(|h| format!("\"{h}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }

    let mut rows: Vec<Row> = Vec::new();
    let mut stages: Vec<String> = Vec::new();
    let mut map = Map::new(title);
    let mut taken: Vec<TouchPointId> = Vec::new();
    for (position, record) in reader.records().enumerate() {
        let number = position + 2;
        let record =
            record.map_err(|e| error(Some(number), None, format!("cannot read this row: {e}")))?;
        let cell = |field: &str| -> Option<(String, &str)> {
            let (index, header) = columns.get(field)?;
            let value = unneutralise(record.get(*index)?.trim());
            (!value.is_empty()).then(|| (value.to_owned(), header.as_str()))
        };
        let Some((name, _)) = cell("name") else {
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            return Err(error(
                Some(number),
                Some(&columns["name"].1),
                "this row has no name",
            ));
        };
        let id = if let Some((text, header)) = cell("id") {
            TouchPointId::new(text).map_err(|m| error(Some(number), Some(header), m))?
        } else {
            TouchPointId::free_for_name(&name, |id| taken.contains(id))
        };
        if taken.contains(&id) {
            return Err(error(
                Some(number),
                columns.get("id").map(|c| c.1.as_str()),
                format!("the id '{id}' is used twice"),
            ));
        }
        taken.push(id.clone());
        let mut touchpoint = TouchPoint::new(id, name);
        let parse_number = |field: &str,
                            check: &dyn Fn(f64) -> Result<f64, FieldError>|
         -> Result<Option<f64>, ImportError> {
            let Some((text, header)) = cell(field) else {
                return Ok(None);
            };
            let normalised = if decimal_comma {
                text.replace(',', ".")
            } else {
                text.clone()
            };
            let value: f64 = normalised.replace(' ', "").parse().map_err(|_| {
                error(
                    Some(number),
                    Some(header),
                    format!("{field} must be a number, not \"{text}\""),
                )
            })?;
            check(value)
                .map(Some)
                .map_err(|e| error(Some(number), Some(header), e.message))
        };
        touchpoint.score = parse_number("score", &check_score)?;
        touchpoint.reach = parse_number("reach", &|v| check_non_negative("reach", v))?;
        touchpoint.cost = parse_number("cost", &|v| check_non_negative("cost", v))?;
        touchpoint.response_hours = parse_number("response_hours", &check_hours)?;
        touchpoint.capacity_per_day = parse_number("capacity_per_day", &|v| {
            check_non_negative("capacity_per_day", v)
        })?;
        if let Some(importance) = parse_number("importance", &Ok)? {
            let header = columns["importance"].1.as_str();
            if importance.fract() != 0.0 {
                return Err(error(
                    Some(number),
                    Some(header),
                    format!("importance must be a whole number from 1 to 5, not {importance}"),
                ));
            }
            touchpoint.importance = check_importance(importance as i64)
                .map_err(|e| error(Some(number), Some(header), e.message))?;
        }
        if let Some(votes) = parse_number("votes", &|v| check_non_negative("votes", v))? {
            touchpoint.votes = votes.min(f64::from(u32::MAX)) as u32;
        }
        if let Some((text, header)) = cell("role") {
            touchpoint.role = Some(Role::parse(&text.to_lowercase()).ok_or_else(|| {
                error(
                    Some(number),
                    Some(header),
                    format!("role must be \"entry\" or \"goal\", not \"{text}\""),
                )
            })?);
        }
        touchpoint.channel = cell("channel").map(|c| c.0);
        touchpoint.owner = cell("owner").map(|c| c.0);
        touchpoint.notes = cell("notes").map(|c| c.0);
        let exact = |index: usize| -> Option<String> {
            let value = unneutralise(record.get(index)?);
            (!value.is_empty()).then(|| value.to_owned())
        };
        if !evidence_columns.is_empty() {
            touchpoint.evidence = evidence_columns.iter().filter_map(|&i| exact(i)).collect();
        } else if let Some((text, _)) = cell("evidence") {
            // A hand-made sheet: one quote per line of the cell.
            touchpoint.evidence = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
        }
        if let (Some(x), Some(y)) = (parse_number("pos_x", &Ok)?, parse_number("pos_y", &Ok)?) {
            touchpoint.pos = Some([x, y]);
        }
        if let Some((stage, _)) = cell("stage") {
            if !stages.contains(&stage) {
                stages.push(stage.clone());
            }
            touchpoint.stage = Some(stage);
        }
        rows.push(Row {
            number,
            touchpoint,
            next: cell("next").map(|c| c.0),
            next_labels: cell("next_labels").map(|c| c.0),
            numbered_labels: label_columns.iter().map(|&i| exact(i)).collect(),
        });
    }
    if rows.is_empty() {
        return Err(error(
            None,
            None,
            "the file has a header row but no touch points",
        ));
    }
    if stages.is_empty() {
        stages = DEFAULT_STAGES.iter().map(|&s| s.to_owned()).collect();
    }
    map.set_stages(stages).map_err(|e| {
        error(
            None,
            columns.get("stage").map(|c| c.1.as_str()),
            e.to_string(),
        )
    })?;
    for row in &rows {
        map.add_touchpoint(row.touchpoint.clone())
            .map_err(|e| error(Some(row.number), None, e.to_string()))?;
    }

    // Links: each entry of `next` names a touch point by id or by name, optionally `=share`.
    let by_name: HashMap<String, TouchPointId> = rows
        .iter()
        .map(|row| {
            (
                row.touchpoint.name.trim().to_lowercase(),
                row.touchpoint.id.clone(),
            )
        })
        .collect();
    for row in &rows {
        let Some(next) = &row.next else {
            continue;
        };
        let header = columns["next"].1.as_str();
        let labels: HashMap<String, String> = row
            .next_labels
            .as_deref()
            .unwrap_or_default()
            .lines()
            .filter_map(|line| {
                line.split_once(": ")
                    .map(|(to, label)| (to.trim().to_owned(), label.to_owned()))
            })
            .collect();
        for (position, entry) in next
            .split(';')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .enumerate()
        {
            let (target, share) = match entry.rsplit_once('=') {
                Some((target, share)) => {
                    let share_text = if decimal_comma {
                        share.trim().replace(',', ".")
                    } else {
                        share.trim().to_owned()
                    };
                    let value: f64 = share_text.parse().map_err(|_| {
                        error(
                            Some(row.number),
                            Some(header),
                            format!(
                                "the share after '=' in \"{entry}\" must be a number from 0 to 1"
                            ),
                        )
                    })?;
                    (
                        target.trim(),
                        Some(
                            check_share(value)
                                .map_err(|e| error(Some(row.number), Some(header), e.message))?,
                        ),
                    )
                }
                None => (entry, None),
            };
            let to = TouchPointId::new(target)
                .ok()
                .filter(|id| map.contains(id))
                .or_else(|| by_name.get(&target.to_lowercase()).cloned())
                .ok_or_else(|| {
                    error(
                        Some(row.number),
                        Some(header),
                        format!(
                            "\"{target}\" is not the id or name of a touch point in this sheet"
                        ),
                    )
                })?;
            let label = if label_columns.is_empty() {
                labels.get(to.as_str()).cloned()
            } else {
                row.numbered_labels.get(position).cloned().flatten()
            };
            let link = Link {
                share,
                label,
                ..Link::default()
            };
            map.add_link(&row.touchpoint.id, &to, link)
                .map_err(|e| error(Some(row.number), Some(header), e.to_string()))?;
        }
    }
    Ok(map)
}
