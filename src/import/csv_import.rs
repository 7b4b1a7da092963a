//! Reads touch points from CSV text, column by header name, with errors that name the row and the
//! column.

use std::collections::{HashMap, HashSet};

use crate::model::{
    DEFAULT_STAGES, FieldError, Link, MAX_TOUCHPOINTS, Map, Role, TouchPoint, TouchPointId,
    check_hours, check_importance, check_non_negative, check_score, check_share,
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
    ImportError::at(row, column, message)
}

impl ImportError {
    /// A refusal at a row (the header is row 1) and a column, either optional.
    #[must_use]
    pub fn at(row: Option<usize>, column: Option<&str>, message: impl Into<String>) -> Self {
        Self {
            row,
            column: column.map(str::to_owned),
            message: message.into(),
        }
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
        "aliases" | "alias" | "alsocalled" => "aliases",
        "measured" => "measured",
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
pub(super) fn unneutralise(cell: &str) -> &str {
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
    /// The `segment:ID:FIELD` cells.
    segments: super::csv_segments::SegmentCells,
}

/// What the import could not take as written, said on the command line's stderr and in the
/// editor's import dialog. The map is imported all the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportWarning {
    /// The stages are in the order the rows first name them (no order was given).
    StageOrder(Vec<String>),
    /// A stage differs from another only by case or by a typo; the rows that name it.
    StageLookalike {
        /// The stage as written on the later rows.
        stage: String,
        /// The stage it resembles, as first written.
        like: String,
        /// "only by case" or "by one or two letters".
        how: &'static str,
        /// Spreadsheet rows naming `stage` (the first few).
        rows: Vec<usize>,
    },
    /// A row repeats the name of an earlier one; it became a touch point of its own.
    RepeatedName {
        /// The later row.
        row: usize,
        /// The name.
        name: String,
        /// The earlier row.
        first_row: usize,
        /// The id the later row got.
        id: TouchPointId,
    },
    /// A spreadsheet has no place for the plan, segments or evidence sources.
    NotInASheet,
}

impl ImportWarning {
    /// The warning for people; `cli` adds the command-line flag that sets the stage order.
    #[must_use]
    pub fn message(&self, cli: bool) -> String {
        match self {
            Self::StageOrder(stages) => {
                let hint = if cli {
                    format!(
                        "; import with --stages \"{}\" to set another order",
                        stages.join(",")
                    )
                } else {
                    "; move them with the arrows beside each stage in the inspector when nothing is selected".to_owned()
                };
                format!(
                    "the stages are in the order the rows first name them: {}{hint}",
                    stages.join(", ")
                )
            }
            Self::StageLookalike {
                stage,
                like,
                how,
                rows,
            } => format!(
                "stage \"{stage}\" (row{} {}) differs from \"{like}\" {how}: it was kept as a stage of its own; correct the sheet if they are the same stage",
                if rows.len() == 1 { "" } else { "s" },
                rows.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::RepeatedName {
                row,
                name,
                first_row,
                id,
            } => format!(
                "row {row} repeats the name \"{name}\" of row {first_row}: it became a touch point of its own, \"{id}\""
            ),
            Self::NotInASheet => "a spreadsheet holds touch points and links only: objectives and campaigns are not imported, nor keys touchmap does not know".to_owned(),
        }
    }
}

/// A map read from a sheet, with what the import could not take as written.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The map.
    pub map: Map,
    /// What to tell the person importing, in the order found.
    pub warnings: Vec<ImportWarning>,
}

/// The columns of a sheet, found by header name.
struct Columns {
    /// Field → (column index, header as written).
    named: HashMap<&'static str, (usize, String)>,
    /// touchmap's own numbered `evidence_N` and `next_label_N` columns, in order.
    evidence: Vec<usize>,
    labels: Vec<usize>,
    /// touchmap's own `segment:ID:FIELD` columns.
    segments: super::csv_segments::SegmentColumns,
    decimal_comma: bool,
}

impl Columns {
    fn of(headers: &csv::StringRecord, decimal_comma: bool) -> Result<Self, ImportError> {
        let mut named: HashMap<&'static str, (usize, String)> = HashMap::new();
        for (index, header) in headers.iter().enumerate() {
            if let Some(field) = field_of(header) {
                named
                    .entry(field)
                    .or_insert((index, header.trim().to_owned()));
            }
        }
        // touchmap's own CSV puts each evidence quote and each link label in a numbered column
        // of its own, so that a quote may hold line breaks, tabs or a leading carriage return and
        // still come back exactly; those cells are read as written, without trimming.
        let numbered_columns = |prefix: &str| -> Vec<usize> {
            let mut found: Vec<(usize, usize)> = headers
                .iter()
                .enumerate()
                .filter_map(|(index, header)| Some((numbered(header, prefix)?, index)))
                .collect();
            found.sort_unstable();
            found.into_iter().map(|(_, index)| index).collect()
        };
        if !named.contains_key("name") {
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
        Ok(Self {
            named,
            evidence: numbered_columns("evidence_"),
            labels: numbered_columns("next_label_"),
            segments: super::csv_segments::SegmentColumns::of(headers)?,
            decimal_comma,
        })
    }

    fn header(&self, field: &str) -> Option<&str> {
        self.named.get(field).map(|(_, header)| header.as_str())
    }
}

/// Reads a map from CSV text. `title` names the map (usually from the file name).
pub fn from_csv(text: &str, title: &str) -> Result<Map, ImportError> {
    import_csv(text, title, None).map(|imported| imported.map)
}

/// Reads a map from CSV text with what it could not take as written. `stages`, when given, is the
/// stage order (every row's stage must be one of them); otherwise the stages come in the order
/// the rows first name them. Linear in the rows: each row is checked as it is read, so a sheet
/// with too many rows or a bad cell is refused as soon as that row is reached.
pub fn import_csv(
    text: &str,
    title: &str,
    stages: Option<&[String]>,
) -> Result<Imported, ImportError> {
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
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| error(Some(1), None, format!("cannot read the header row: {e}")))?
        .clone();
    let columns = Columns::of(&headers, delimiter == b';')?;

    let mut rows: Vec<Row> = Vec::new();
    let mut repeated = Vec::new();
    let mut taken: HashSet<TouchPointId> = HashSet::new();
    let mut first_row_of_name: HashMap<String, usize> = HashMap::new();
    let mut found_stages: Vec<(String, Vec<usize>)> = Vec::new();
    let mut stage_index: HashMap<String, usize> = HashMap::new();
    for (position, record) in reader.records().enumerate() {
        let number = position + 2;
        let record =
            record.map_err(|e| error(Some(number), None, format!("cannot read this row: {e}")))?;
        let Some(row) = read_row(&record, number, &columns, &taken)? else {
            continue;
        };
        if rows.len() >= MAX_TOUCHPOINTS {
            return Err(error(
                Some(number),
                None,
                format!(
                    "a map can hold at most {} touch points, and the sheet goes on past them here",
                    crate::numbers::whole(MAX_TOUCHPOINTS as f64)
                ),
            ));
        }
        let name_key = row.touchpoint.name.trim().to_lowercase();
        if let Some(&first_row) = first_row_of_name.get(&name_key) {
            repeated.push(ImportWarning::RepeatedName {
                row: number,
                name: row.touchpoint.name.clone(),
                first_row,
                id: row.touchpoint.id.clone(),
            });
        } else {
            first_row_of_name.insert(name_key, number);
        }
        if let Some(stage) = &row.touchpoint.stage {
            match stages {
                Some(order) if !order.contains(stage) => {
                    return Err(error(
                        Some(number),
                        columns.header("stage"),
                        format!(
                            "\"{stage}\" is not one of the stages given with --stages: {}",
                            order.join(", ")
                        ),
                    ));
                }
                _ => {}
            }
            let index = *stage_index.entry(stage.clone()).or_insert_with(|| {
                found_stages.push((stage.clone(), Vec::new()));
                found_stages.len() - 1
            });
            found_stages[index].1.push(number);
        }
        taken.insert(row.touchpoint.id.clone());
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(error(
            None,
            None,
            "the file has a header row but no touch points",
        ));
    }
    let mut warnings = lookalike_stages(&found_stages);
    warnings.extend(repeated);
    let stage_list: Vec<String> = match stages {
        Some(order) => order.to_vec(),
        None if found_stages.is_empty() => DEFAULT_STAGES.iter().map(|&s| s.to_owned()).collect(),
        None => {
            let found: Vec<String> = found_stages.iter().map(|(s, _)| s.clone()).collect();
            // Said unless the stages are the usual ones in their usual order.
            let mut usual = DEFAULT_STAGES.iter();
            let in_usual_order = found.iter().all(|stage| usual.any(|usual| usual == stage));
            if found.len() > 1 && !in_usual_order {
                warnings.insert(0, ImportWarning::StageOrder(found.clone()));
            }
            found
        }
    };
    let mut map = Map::new(title);
    map.set_stages(stage_list)
        .map_err(|e| error(None, columns.header("stage"), e.to_string()))?;
    // Before the touch points, whose overrides name them.
    let segment_rows: Vec<_> = rows.iter().map(|row| (row.number, &row.segments)).collect();
    let segments = super::csv_segments::segment_list(&columns.segments, &segment_rows)?;
    map.set_segments(segments)
        .map_err(|e| error(None, None, e.to_string()))?;
    for row in &rows {
        map.add_touchpoint(row.touchpoint.clone())
            .map_err(|e| error(Some(row.number), None, e.to_string()))?;
    }
    add_links(&mut map, &rows, &columns)?;
    super::csv_segments::add_shares(
        &mut map,
        &columns.segments,
        rows.iter()
            .map(|row| (row.number, &row.touchpoint.id, &row.segments)),
        columns.decimal_comma,
    )?;
    warnings.push(ImportWarning::NotInASheet);
    Ok(Imported { map, warnings })
}

/// Stages that differ from an earlier one only by case or by one or two letters (a typo).
fn lookalike_stages(found: &[(String, Vec<usize>)]) -> Vec<ImportWarning> {
    let mut warnings = Vec::new();
    for (later, (stage, rows)) in found.iter().enumerate() {
        let lower = stage.to_lowercase();
        let like = found[..later].iter().find_map(|(earlier, _)| {
            let earlier_lower = earlier.to_lowercase();
            if earlier_lower == lower {
                Some((earlier, "only by case"))
            } else if lower.chars().count() >= 5 && typo_distance(&earlier_lower, &lower) <= 2 {
                Some((earlier, "by one or two letters"))
            } else {
                None
            }
        });
        if let Some((like, how)) = like {
            warnings.push(ImportWarning::StageLookalike {
                stage: stage.clone(),
                like: like.clone(),
                how,
                rows: rows.iter().copied().take(5).collect(),
            });
        }
    }
    warnings
}

/// The edit distance between two short texts (insertions, deletions, substitutions and swaps of
/// neighbours), for telling a typo'd stage from another stage.
fn typo_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous2: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(previous2[j - 2] + 1);
            }
        }
        previous2 = std::mem::replace(&mut previous, current);
    }
    previous[b.len()]
}

/// Reads one row; `None` for a blank row.
fn read_row(
    record: &csv::StringRecord,
    number: usize,
    columns: &Columns,
    taken: &HashSet<TouchPointId>,
) -> Result<Option<Row>, ImportError> {
    let cell = |field: &str| -> Option<(String, &str)> {
        let (index, header) = columns.named.get(field)?;
        let value = unneutralise(record.get(*index)?.trim());
        (!value.is_empty()).then(|| (value.to_owned(), header.as_str()))
    };
    let Some((name, _)) = cell("name") else {
        if record.iter().all(|c| c.trim().is_empty()) {
            return Ok(None);
        }
        return Err(error(
            Some(number),
            columns.header("name"),
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
            columns.header("id"),
            format!("the id '{id}' is used twice"),
        ));
    }
    let mut touchpoint = TouchPoint::new(id, name);
    let parse_number = |field: &str,
                        check: &dyn Fn(f64) -> Result<f64, FieldError>|
     -> Result<Option<f64>, ImportError> {
        let Some((text, header)) = cell(field) else {
            return Ok(None);
        };
        number_cell(&text, field, columns.decimal_comma)
            .and_then(|value| check(value).map_err(|e| e.message))
            .map(Some)
            .map_err(|message| error(Some(number), Some(header), message))
    };
    touchpoint.score = parse_number("score", &check_score)?;
    touchpoint.reach = parse_number("reach", &|v| check_non_negative("reach", v))?;
    touchpoint.cost = parse_number("cost", &|v| check_non_negative("cost", v))?;
    touchpoint.response_hours = parse_number("response_hours", &check_hours)?;
    touchpoint.capacity_per_day = parse_number("capacity_per_day", &|v| {
        check_non_negative("capacity_per_day", v)
    })?;
    if let Some(importance) = parse_number("importance", &Ok)? {
        touchpoint.importance = importance_cell(importance)
            .map_err(|message| error(Some(number), columns.header("importance"), message))?;
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
    if let Some((text, _)) = cell("aliases") {
        touchpoint.aliases = text
            .lines()
            .map(str::trim)
            .filter(|alias| !alias.is_empty())
            .map(str::to_owned)
            .collect();
    }
    let exact = |index: usize| -> Option<String> {
        let value = unneutralise(record.get(index)?);
        (!value.is_empty()).then(|| value.to_owned())
    };
    if !columns.evidence.is_empty() {
        for (position, &index) in columns.evidence.iter().enumerate() {
            if let Some(text) = exact(index) {
                let item = crate::format::evidence_from_cell(&text).map_err(|e| {
                    let header = format!("evidence_{}", position + 1);
                    error(Some(number), Some(header.as_str()), e.message())
                })?;
                touchpoint.evidence.push(item);
            }
        }
    } else if let Some((text, _)) = cell("evidence") {
        // A hand-made sheet: one quote per line of the cell.
        touchpoint.evidence = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(crate::model::Evidence::quote)
            .collect();
    }
    if let Some((text, header)) = cell("measured") {
        touchpoint.measured = Some(
            crate::format::measured_from_cell(&text)
                .map_err(|e| error(Some(number), Some(header), e.message()))?,
        );
    }
    if let (Some(x), Some(y)) = (parse_number("pos_x", &Ok)?, parse_number("pos_y", &Ok)?) {
        touchpoint.pos = Some([x, y]);
    }
    touchpoint.stage = cell("stage").map(|c| c.0);
    let segments = super::csv_segments::read(
        record,
        number,
        &columns.segments,
        columns.decimal_comma,
        &mut touchpoint.segments,
    )?;
    Ok(Some(Row {
        number,
        touchpoint,
        next: cell("next").map(|c| c.0),
        next_labels: cell("next_labels").map(|c| c.0),
        numbered_labels: columns.labels.iter().map(|&i| exact(i)).collect(),
        segments,
    }))
}

/// A number as a cell holds it: a decimal comma in a semicolon-separated sheet, spaces as
/// thousands separators; the message names the field.
pub(super) fn number_cell(text: &str, field: &str, decimal_comma: bool) -> Result<f64, String> {
    let normalised = if decimal_comma {
        text.replace(',', ".")
    } else {
        text.to_owned()
    };
    normalised
        .replace(' ', "")
        .parse()
        .map_err(|_| format!("{field} must be a number, not \"{text}\""))
}

/// An importance: a whole number from 1 to 5.
pub(super) fn importance_cell(value: f64) -> Result<u8, String> {
    if value.fract() != 0.0 {
        return Err(format!(
            "importance must be a whole number from 1 to 5, not {value}"
        ));
    }
    check_importance(value as i64).map_err(|e| e.message)
}

/// The share after `=` in an entry of a `next` cell (`checkout=0.9`), from 0 to 1.
pub(super) fn share_cell(entry: &str, share: &str, decimal_comma: bool) -> Result<f64, String> {
    let refused = || format!("the share after '=' in \"{entry}\" must be a number from 0 to 1");
    let value = number_cell(share.trim(), "share", decimal_comma).map_err(|_| refused())?;
    check_share(value).map_err(|e| e.message)
}

/// Links: each entry of `next` names a touch point by id or by name, optionally `=share`.
fn add_links(map: &mut Map, rows: &[Row], columns: &Columns) -> Result<(), ImportError> {
    let by_name: HashMap<String, TouchPointId> = rows
        .iter()
        .map(|row| {
            (
                row.touchpoint.name.trim().to_lowercase(),
                row.touchpoint.id.clone(),
            )
        })
        .collect();
    let header = columns.header("next");
    for row in rows {
        let Some(next) = &row.next else {
            continue;
        };
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
                Some((target, share)) => (
                    target.trim(),
                    Some(
                        share_cell(entry, share, columns.decimal_comma)
                            .map_err(|message| error(Some(row.number), header, message))?,
                    ),
                ),
                None => (entry, None),
            };
            let to = TouchPointId::new(target)
                .ok()
                .filter(|id| map.contains(id))
                .or_else(|| by_name.get(&target.to_lowercase()).cloned())
                .ok_or_else(|| {
                    error(
                        Some(row.number),
                        header,
                        format!(
                            "\"{target}\" is not the id or name of a touch point in this sheet"
                        ),
                    )
                })?;
            let label = if columns.labels.is_empty() {
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
                .map_err(|e| error(Some(row.number), header, e.to_string()))?;
        }
    }
    Ok(())
}
