//! `touchmap paths`: attribution of path data, as a table or in the documented JSON shape.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Failure, json_text, pad};
use crate::format::save_file;
use crate::model::TouchPointId;
use crate::numbers::{decimal, fine_percent, whole};
use crate::paths::{Attribution, EventColumns, attribute, calibrate, read_paths};

/// `--map`, `--goal`, `-o` and `--add-links`.
pub(super) struct Calibrate {
    pub(super) map: Option<PathBuf>,
    pub(super) goal: Option<String>,
    pub(super) output: Option<PathBuf>,
    pub(super) add_links: bool,
}

/// Files at least this large show their progress while they are read.
const PROGRESS_BYTES: u64 = 16 * 1024 * 1024;

/// A progress bar on stderr for a long read: only on a terminal (never in a pipe, a log or a
/// test) and only for a file large enough to take a while; hidden otherwise.
fn reading_progress(file: &std::fs::File) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    let length = file.metadata().map_or(0, |metadata| metadata.len());
    if length < PROGRESS_BYTES || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(length);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "reading {bytes}/{total_bytes} [{bar:40}] {percent}% · {eta} left",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar
}

pub(super) fn run(
    data: &Path,
    columns: &EventColumns,
    calibrate: &Calibrate,
    json: bool,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let file = std::fs::File::open(data)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", data.display())))?;
    let progress = reading_progress(&file);
    let paths = read_paths(progress.wrap_read(file), columns)
        .map_err(|e| Failure::input(format!("{}: {e}", data.display())));
    progress.finish_and_clear();
    let paths = paths?;
    if let (Some(map_path), Some(goal)) = (&calibrate.map, &calibrate.goal) {
        return run_calibration(&paths, map_path, goal, calibrate, json, out);
    }
    let attribution = attribute(&paths, &[]);
    if json {
        let _ = out.write_all(json_text(&attribution).as_bytes());
        return Ok(0);
    }
    print_attribution(&attribution, paths.paths.len(), out);
    Ok(0)
}

/// The attribution table.
fn print_attribution(attribution: &Attribution, distinct: usize, out: &mut impl Write) {
    let _ = writeln!(
        out,
        "{} in {} distinct paths, {} converting ({}), value {}",
        crate::numbers::count(attribution.journeys.round() as usize, "journey", "journeys"),
        whole(distinct as f64),
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
}

fn run_calibration(
    paths: &crate::paths::PathSet,
    map_path: &Path,
    goal: &str,
    options: &Calibrate,
    json: bool,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let map = super::commands::load(map_path)?;
    let goal = TouchPointId::new(goal.trim())
        .map_err(|message| Failure::input(format!("--goal {goal}: {message}")))?;
    let calibration = calibrate(&map, paths, &goal, options.add_links)
        .map_err(|message| Failure::input(format!("{}: {message}", map_path.display())))?;
    if let Some(output) = &options.output {
        save_file(&calibration.map, output).map_err(|e| Failure::input(e.to_string()))?;
    }
    if json {
        let value = serde_json::json!({
            "attribution": calibration.attribution,
            "calibration": {
                "shares": calibration.shares,
                "missing": calibration.missing.iter().map(|(from, to, n)| serde_json::json!({"from": from.as_str(), "to": to.as_str(), "journeys": n})).collect::<Vec<_>>(),
                "unmatched": calibration.unmatched.iter().map(|(step, n)| serde_json::json!({"step": step, "journeys": n})).collect::<Vec<_>>(),
                "entries": calibration.entries.iter().map(|(id, n)| serde_json::json!({"touchpoint": id.as_str(), "reach": n})).collect::<Vec<_>>(),
                "entries_removed": calibration.entries_removed.iter().map(TouchPointId::as_str).collect::<Vec<_>>(),
                "reached_goal_unrecorded": calibration.reached_goal_unrecorded,
                "converted_unplaced": calibration.converted_unplaced,
            }
        });
        let _ = out.write_all(json_text(&value).as_bytes());
        return Ok(0);
    }
    let name = |id: &TouchPointId| map.name_of(id);
    print_attribution(&calibration.attribution, paths.paths.len(), out);
    let _ = writeln!(
        out,
        "\nShares from the data (before → after, with the 95% Wilson interval of n of the journeys there):"
    );
    for share in &calibration.shares {
        let before = share
            .before
            .map_or_else(|| "unset".to_owned(), |s| decimal(s, 2));
        let _ = writeln!(
            out,
            "  {} → {}: {before} → {} ({} of {}; {}–{}){}",
            name(&share.from),
            name(&share.to),
            decimal(share.after, 2),
            whole(share.n),
            whole(share.of),
            decimal(share.low, 2),
            decimal(share.high, 2),
            if share.added { "  [link added]" } else { "" }
        );
    }
    if !calibration.missing.is_empty() {
        let _ = writeln!(
            out,
            "\nMoves the data makes with no link on the map (--add-links adds them):"
        );
        for (from, to, n) in &calibration.missing {
            let _ = writeln!(
                out,
                "  {} → {}: {}",
                name(from),
                name(to),
                crate::numbers::count(n.round() as usize, "journey", "journeys")
            );
        }
    }
    if !calibration.entries.is_empty() || !calibration.entries_removed.is_empty() {
        let _ = writeln!(out, "\nEntries (where journeys start), reach = journeys:");
        for (id, n) in &calibration.entries {
            let _ = writeln!(out, "  {}: {}", name(id), whole(*n));
        }
        for id in &calibration.entries_removed {
            let _ = writeln!(
                out,
                "  {}: no journey starts here, no longer an entry",
                name(id)
            );
        }
    }
    if !calibration.unmatched.is_empty() {
        let _ = writeln!(
            out,
            "\nSteps on no touch point (dropped from the paths; add the name as an alias to match):"
        );
        for (step, n) in &calibration.unmatched {
            let _ = writeln!(
                out,
                "  {}: {}",
                crate::export::text::single_line(step),
                crate::numbers::count(n.round() as usize, "journey", "journeys")
            );
        }
    }
    for (journeys, what) in [
        (
            calibration.reached_goal_unrecorded,
            "reached {goal} without a recorded conversion: arriving at the goal counts as one",
        ),
        (
            calibration.converted_unplaced,
            "converted with no matched step before {goal}: the map cannot place them",
        ),
    ] {
        if journeys > 0.0 {
            let _ = writeln!(
                out,
                "\n{} {}.",
                crate::numbers::count(journeys.round() as usize, "journey", "journeys"),
                what.replace("{goal}", &name(&goal))
            );
        }
    }
    match &options.output {
        Some(output) => {
            let _ = writeln!(out, "\nwrote the calibrated map to {}", output.display());
        }
        None => {
            let _ = writeln!(
                out,
                "\nnothing written: add -o OUT to save the calibrated map"
            );
        }
    }
    Ok(0)
}
