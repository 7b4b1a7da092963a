//! `touchmap survey`: survey answers into a map's scores and evidence, as a report (text or JSON)
//! and, with `-o`, the map written.

use std::io::Write;
use std::path::Path;

use super::{Failure, json_text};
use crate::format::save_file;
use crate::numbers::count;
use crate::survey::{Mapping, import_survey, read_responses, stored_mapping};

pub(super) fn run(
    responses_path: &Path,
    map_path: &Path,
    mapping: Mapping,
    output: Option<&Path>,
    json: bool,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let map = super::commands::load(map_path)?;
    let bytes = std::fs::read(responses_path)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", responses_path.display())))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::input(format!(
            "{}: the file is not UTF-8 text: export it from the survey tool as CSV in UTF-8",
            responses_path.display()
        ))
    })?;
    let responses = read_responses(&text)
        .map_err(|e| Failure::input(format!("{}: {e}", responses_path.display())))?;
    let (mapping, reused) = if mapping.is_empty() {
        match stored_mapping(&map) {
            Some(stored) => (stored, true),
            None => (mapping, false),
        }
    } else {
        (mapping, false)
    };
    let source = crate::export::text::file_name(responses_path);
    let imported = import_survey(
        &map,
        &responses,
        &source,
        &mapping,
        crate::model::Day::today(),
    )
    .map_err(|e| Failure::input(format!("{}: {e}", responses_path.display())))?;
    if let Some(output) = output {
        save_file(&imported.map, output).map_err(|e| Failure::input(e.to_string()))?;
    }
    if json {
        let _ = out.write_all(json_text(&imported.to_json()).as_bytes());
        return Ok(0);
    }
    let _ = writeln!(
        out,
        "{}: {} export, {}{}",
        source,
        imported.layout.name(),
        count(imported.responses, "response", "responses"),
        if reused {
            " (questions mapped as the map remembers from the last survey)"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "Scores (mean on 1–5, 95% interval, answers; the question's scale):"
    );
    for rated in &imported.rated {
        let _ = writeln!(
            out,
            "  {}: {}",
            imported.map.name_of(&rated.id),
            rated.line()
        );
        let _ = writeln!(out, "      from \"{}\"", rated.question);
    }
    for quoted in &imported.quoted {
        let _ = writeln!(
            out,
            "  {}: {} from \"{}\"{}",
            imported.map.name_of(&quoted.id),
            count(quoted.added, "quote added", "quotes added"),
            quoted.question,
            if quoted.already > 0 {
                format!(" ({} already there)", quoted.already)
            } else {
                String::new()
            }
        );
    }
    if output.is_none() {
        let _ = writeln!(out, "nothing written: add -o OUT to save the map");
    }
    Ok(0)
}
