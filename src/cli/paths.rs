//! `touchmap paths`: attribution of path data, as a table or in the documented JSON shape.

use std::io::Write;
use std::path::Path;

use super::{Failure, json_text, pad};
use crate::numbers::{decimal, fine_percent, whole};
use crate::paths::{EventColumns, attribute, read_paths};

pub(super) fn run(
    data: &Path,
    columns: &EventColumns,
    json: bool,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let file = std::fs::File::open(data)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", data.display())))?;
    let paths = read_paths(file, columns)
        .map_err(|e| Failure::input(format!("{}: {e}", data.display())))?;
    let attribution = attribute(&paths, &[]);
    if json {
        let _ = out.write_all(json_text(&attribution).as_bytes());
        return Ok(0);
    }
    let _ = writeln!(
        out,
        "{} in {} distinct paths, {} converting ({}), value {}",
        crate::numbers::count(attribution.journeys.round() as usize, "journey", "journeys"),
        whole(paths.paths.len() as f64),
        whole(attribution.conversions),
        fine_percent(attribution.conversion_rate),
        decimal(attribution.value, 2)
    );
    let _ = writeln!(
        out,
        "Removal effect: the share of conversions lost if the step failed (exact first-order Markov chain, repeats collapsed).\nConversions credited to each step by each model:\n"
    );
    let headers = [
        "STEP",
        "JOURNEYS",
        "REMOVAL EFFECT",
        "MARKOV",
        "FIRST TOUCH",
        "LAST TOUCH",
        "LINEAR",
    ];
    let rows: Vec<[String; 7]> = attribution
        .steps
        .iter()
        .map(|step| {
            [
                crate::export::text::single_line(&step.name),
                whole(step.journeys),
                fine_percent(step.removal_effect),
                decimal(step.markov_conversions, 2),
                decimal(step.first_touch, 2),
                decimal(step.last_touch, 2),
                decimal(step.linear, 2),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..headers.len())
        .map(|column| {
            rows.iter()
                .map(|row| unicode_width::UnicodeWidthStr::width(row[column].as_str()))
                .chain([headers[column].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<String>| -> String {
        cells
            .iter()
            .zip(&widths)
            .map(|(cell, &width)| pad(cell, width))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let _ = writeln!(
        out,
        "  {}",
        line(headers.iter().map(|h| (*h).to_owned()).collect())
    );
    for row in rows {
        let _ = writeln!(out, "  {}", line(row.to_vec()));
    }
    Ok(0)
}
