//! The segment columns of touchmap's own CSV (`segment:ID:FIELD`, see the export's
//! `SEGMENT_FIELDS`): the segment's name and weight on every row, the touch point's score,
//! importance and reach for the segment, and the segment's shares of the row's links. Read back
//! into the same segments and overrides.

use std::collections::HashMap;

use super::csv_import::{ImportError, importance_cell, number_cell, share_cell, unneutralise};
use crate::model::{
    Map, SEGMENT_FIELDS as FIELDS, Segment, SegmentShare, SegmentValues, TouchPointId,
};

/// A segment's columns: each field's column index and header as written.
type Fields = HashMap<&'static str, (usize, String)>;

/// A sheet's segment columns: per segment, in the order the header first names it, its fields.
#[derive(Debug, Default)]
pub(super) struct SegmentColumns(Vec<(String, Fields)>);

impl SegmentColumns {
    /// Finds the `segment:ID:FIELD` columns; an unknown field is refused, naming the column.
    pub(super) fn of(headers: &csv::StringRecord) -> Result<Self, ImportError> {
        let mut found: Vec<(String, Fields)> = Vec::new();
        for (index, header) in headers.iter().enumerate() {
            let Some(rest) = header.trim().strip_prefix("segment:") else {
                continue;
            };
            let Some((id, field)) = rest.rsplit_once(':') else {
                return Err(ImportError::at(
                    Some(1),
                    Some(header),
                    "a segment column is named segment:ID:FIELD (segment:parents:score)",
                ));
            };
            let Some(&field) = FIELDS
                .iter()
                .find(|&&known| known == field.trim().to_lowercase())
            else {
                return Err(ImportError::at(
                    Some(1),
                    Some(header),
                    format!(
                        "\"{field}\" is not a segment field; use one of {}",
                        FIELDS.join(", ")
                    ),
                ));
            };
            let position = if let Some(position) = found.iter().position(|(known, _)| known == id) {
                position
            } else {
                found.push((id.to_owned(), HashMap::new()));
                found.len() - 1
            };
            found[position]
                .1
                .entry(field)
                .or_insert((index, header.trim().to_owned()));
        }
        Ok(Self(found))
    }
}

/// One row's segment cells, per segment in the columns' order.
#[derive(Debug, Default)]
pub(super) struct SegmentCells {
    names: Vec<Option<String>>,
    weights: Vec<Option<f64>>,
    next: Vec<Option<String>>,
}

/// Reads a row's segment cells; the touch point's values for each segment go into its overrides.
pub(super) fn read(
    record: &csv::StringRecord,
    number: usize,
    columns: &SegmentColumns,
    decimal_comma: bool,
    overrides: &mut crate::model::Overrides<SegmentValues>,
) -> Result<SegmentCells, ImportError> {
    let mut cells = SegmentCells::default();
    for (id, fields) in &columns.0 {
        let cell = |field: &str| -> Option<(String, &str)> {
            let (index, header) = fields.get(field)?;
            let value = unneutralise(record.get(*index)?.trim());
            (!value.is_empty()).then(|| (value.to_owned(), header.as_str()))
        };
        let number_of = |field: &str| -> Result<Option<f64>, ImportError> {
            let Some((text, header)) = cell(field) else {
                return Ok(None);
            };
            number_cell(&text, field, decimal_comma)
                .map(Some)
                .map_err(|message| ImportError::at(Some(number), Some(header), message))
        };
        let importance = number_of("importance")?
            .map(|value| {
                importance_cell(value).map_err(|message| {
                    let header = cell("importance").map(|(_, header)| header);
                    ImportError::at(Some(number), header, message)
                })
            })
            .transpose()?;
        let values = SegmentValues {
            score: number_of("score")?,
            importance,
            reach: number_of("reach")?,
            ..SegmentValues::default()
        };
        values.check(id).map_err(|error| {
            let header = ["score", "reach"]
                .into_iter()
                .find(|field| error.message.contains(field))
                .and_then(|field| cell(field).map(|(_, header)| header.to_owned()));
            ImportError::at(Some(number), header.as_deref(), error.message)
        })?;
        if !values.is_empty() {
            overrides.insert(id.clone(), values);
        }
        cells.names.push(cell("name").map(|(name, _)| name));
        cells.weights.push(number_of("weight")?);
        cells.next.push(cell("next").map(|(next, _)| next));
    }
    Ok(cells)
}

/// The segments the sheet names, with their name and weight: the first row that gives one; a row
/// that gives another is refused, naming it.
pub(super) fn segment_list(
    columns: &SegmentColumns,
    rows: &[(usize, &SegmentCells)],
) -> Result<Vec<Segment>, ImportError> {
    let mut segments = Vec::new();
    for (position, (id, fields)) in columns.0.iter().enumerate() {
        let header = |field: &str| fields.get(field).map(|(_, header)| header.as_str());
        let name = one_value(
            rows.iter()
                .map(|&(number, cells)| (number, cells.names[position].clone())),
            |first, row, this| {
                ImportError::at(
                    None,
                    header("name"),
                    format!(
                        "segment '{id}' is called \"{first}\" on row {row} and \"{this}\" here; a segment has one name"
                    ),
                )
            },
        )?;
        let weight = one_value(
            rows.iter()
                .map(|&(number, cells)| (number, cells.weights[position])),
            |first, row, this| {
                ImportError::at(
                    None,
                    header("weight"),
                    format!(
                        "segment '{id}' weighs {first} on row {row} and {this} here; a segment has one weight"
                    ),
                )
            },
        )?;
        segments.push(Segment {
            id: id.clone(),
            name: name.unwrap_or_else(|| id.clone()),
            weight,
            ..Segment::default()
        });
    }
    crate::model::check_segment_list(&segments)
        .map_err(|message| ImportError::at(Some(1), None, message))?;
    Ok(segments)
}

/// The value the rows give (the first that gives one); a row that gives a different one is refused
/// with `differs(first, its row, this)`, placed at that row.
fn one_value<T: PartialEq + std::fmt::Display>(
    rows: impl Iterator<Item = (usize, Option<T>)>,
    differs: impl Fn(&T, usize, &T) -> ImportError,
) -> Result<Option<T>, ImportError> {
    let mut first: Option<(T, usize)> = None;
    for (number, value) in rows {
        let Some(this) = value else { continue };
        match &first {
            Some((known, row)) if *known != this => {
                let mut error = differs(known, *row, &this);
                error.row = Some(number);
                return Err(error);
            }
            Some(_) => {}
            None => first = Some((this, number)),
        }
    }
    Ok(first.map(|(value, _)| value))
}

/// Sets the segments' shares of each row's links from its `segment:ID:next` cells (`to=share; …`);
/// every link named there must be in the row's `next` column.
pub(super) fn add_shares<'a>(
    map: &mut Map,
    columns: &SegmentColumns,
    rows: impl Iterator<Item = (usize, &'a TouchPointId, &'a SegmentCells)>,
    decimal_comma: bool,
) -> Result<(), ImportError> {
    for (number, from, cells) in rows {
        for (position, (id, fields)) in columns.0.iter().enumerate() {
            let Some(next) = &cells.next[position] else {
                continue;
            };
            let header = fields.get("next").map(|(_, header)| header.as_str());
            let refuse = |message: String| ImportError::at(Some(number), header, message);
            for entry in next.split(';').map(str::trim).filter(|e| !e.is_empty()) {
                let Some((target, share)) = entry.rsplit_once('=') else {
                    return Err(refuse(format!(
                        "\"{entry}\" needs a share: write it as to=share (checkout=0.9)"
                    )));
                };
                let share = share_cell(entry, share, decimal_comma).map_err(refuse)?;
                let to = TouchPointId::new(target.trim())
                    .ok()
                    .filter(|to| map.link(from, to).is_some())
                    .ok_or_else(|| {
                        refuse(format!(
                            "\"{}\" is not one of this row's links (its next column)",
                            target.trim()
                        ))
                    })?;
                let mut link = map.link(from, &to).cloned().unwrap_or_default();
                link.segments.insert(
                    id.clone(),
                    SegmentShare {
                        share: Some(share),
                        ..SegmentShare::default()
                    },
                );
                map.update_link(from, &to, link)
                    .map_err(|error| refuse(error.to_string()))?;
            }
        }
    }
    Ok(())
}
