//! `export` and `import`.

use std::io::Write;
use std::path::Path;

use super::Failure;
use super::commands::{load, refuse_overwrite};
use crate::analysis::{Config, analyze};
use crate::export::{self, ExportFormat};
use crate::format::{save_file, write_atomically};
use crate::import::import_csv;

pub(super) fn export(
    path: &Path,
    output: &Path,
    (scale, segment): (f32, Option<&str>),
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let Some(format) = ExportFormat::from_path(output) else {
        return Err(Failure::input(format!(
            "cannot tell the format of {}: use one of .svg .png .html .pdf .csv .md .dot .mmd",
            output.display()
        )));
    };
    if !(scale.is_finite() && (0.1..=8.0).contains(&scale)) {
        return Err(Failure::input(format!(
            "--scale must be between 0.1 and 8, not {scale}"
        )));
    }
    let map = load(path)?;
    if format == ExportFormat::Png {
        // Say so when the scale had to change, and refuse before spending time on a huge map.
        let used = export::png_scale(&crate::layout::placed(&map), scale)
            .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
        if (used - scale).abs() > f32::EPSILON {
            let _ = writeln!(
                out,
                "note: scale {scale} made the picture larger than 16,000 px a side or 64 megapixels; used {} instead",
                crate::numbers::decimal(f64::from(used), 2)
            );
        }
    }
    let bytes = match segment {
        Some(id) => export::export_segment(&map, id, format, scale).ok_or_else(|| {
            Failure::input(format!(
                "there is no segment '{id}' in {}; its segments: {}",
                path.display(),
                map.segment_names()
            ))
        })?,
        None => export::export_scaled(&map, &analyze(&map, &Config::default()), format, scale),
    }
    .map_err(|e| Failure::input(e.to_string()))?;
    write_atomically(output, &bytes).map_err(|e| Failure::input(e.to_string()))?;
    let _ = writeln!(
        out,
        "wrote {} ({}, {} bytes)",
        output.display(),
        format.description(),
        bytes.len()
    );
    Ok(0)
}

pub(super) fn import(
    sheet: &Path,
    output: &Path,
    title: Option<String>,
    force: bool,
    stages: Option<&[String]>,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    refuse_overwrite(output, force)?;
    let bytes = std::fs::read(sheet)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", sheet.display())))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::input(format!(
            "{}: the file is not UTF-8 text (byte {}); save the spreadsheet as CSV in UTF-8 (Excel: \"CSV UTF-8\"; LibreOffice: \"Text CSV\" with character set \"Unicode (UTF-8)\")",
            sheet.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    let title = title.unwrap_or_else(|| {
        sheet.file_stem().map_or_else(
            || "Imported map".to_owned(),
            |stem| stem.to_string_lossy().replace(['-', '_'], " "),
        )
    });
    let stages: Option<Vec<String>> =
        stages.map(|stages| stages.iter().map(|s| s.trim().to_owned()).collect());
    let imported = import_csv(&text, &title, stages.as_deref())
        .map_err(|e| Failure::input(format!("{}: {e}", sheet.display())))?;
    // Warnings go to stderr, so that stdout stays the one-line summary scripts read.
    for warning in &imported.warnings {
        eprintln!(
            "touchmap: warning: {}: {}",
            sheet.display(),
            crate::export::text::terminal(&warning.message(true))
        );
    }
    let map = imported.map;
    save_file(&map, output).map_err(|e| Failure::input(e.to_string()))?;
    let _ = writeln!(
        out,
        "imported {} and {} into {}",
        crate::numbers::count(map.touchpoint_count(), "touch point", "touch points"),
        crate::numbers::count(map.link_count(), "link", "links"),
        output.display()
    );
    Ok(0)
}
