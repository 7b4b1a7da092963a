//! Exports: the map as SVG and PNG pictures, a one-page HTML report, CSV, Markdown, DOT and
//! Mermaid. Pure text transforms of a map and its analysis; every text from the map is escaped
//! for the target format (maps come from other companies: nothing in them is ever interpreted).

pub mod calendar_chart;
pub mod charts;
mod csv_export;
mod dot;
mod html;
mod markdown;
mod mermaid;
mod pdf;
mod png;
mod render;
mod svg;
pub mod text;

use std::path::Path;

pub use csv_export::{neutralise_formula, to_csv};
pub use dot::to_dot;
pub use html::to_html;
pub use markdown::to_markdown;
pub use mermaid::to_mermaid;
pub use pdf::to_pdf;
pub use png::{DEFAULT_PNG_SCALE, png_scale, to_png};
pub use svg::{picture_size, svg_element, to_svg};

/// Escapes text the way the SVG and HTML exports do (for tests and other exporters).
#[must_use]
pub fn xml_escape_for_tests(text: &str) -> String {
    text::xml_escape(text)
}

use crate::analysis::Report;
use crate::model::Map;

/// The export formats, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The picture as drawn in the editor.
    Svg,
    /// The picture as a bitmap.
    Png,
    /// A one-page report anyone can open or print.
    Html,
    /// A spreadsheet, one row per touch point.
    Csv,
    /// The report for a wiki.
    Markdown,
    /// The map and the report on A4 landscape pages, text selectable, font embedded.
    Pdf,
    /// Graphviz.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [Self; 8] = [
        Self::Png,
        Self::Svg,
        Self::Pdf,
        Self::Html,
        Self::Csv,
        Self::Markdown,
        Self::Dot,
        Self::Mermaid,
    ];

    /// The format for a file extension (case-insensitive).
    #[must_use]
    pub fn from_extension(extension: &str) -> Option<Self> {
        match extension.to_ascii_lowercase().as_str() {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            "pdf" => Some(Self::Pdf),
            "html" | "htm" => Some(Self::Html),
            "csv" => Some(Self::Csv),
            "md" | "markdown" => Some(Self::Markdown),
            "dot" | "gv" => Some(Self::Dot),
            "mmd" | "mermaid" => Some(Self::Mermaid),
            _ => None,
        }
    }

    /// The format for a path, by its extension.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Self> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Self::from_extension)
    }

    /// The usual extension.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Pdf => "pdf",
            Self::Html => "html",
            Self::Csv => "csv",
            Self::Markdown => "md",
            Self::Dot => "dot",
            Self::Mermaid => "mmd",
        }
    }

    /// A name for menus.
    #[must_use]
    pub fn description(self) -> &'static str {
        match self {
            Self::Svg => "SVG picture",
            Self::Png => "PNG picture",
            Self::Pdf => "PDF (map and report, A4)",
            Self::Html => "HTML report (one page)",
            Self::Csv => "CSV spreadsheet",
            Self::Markdown => "Markdown report",
            Self::Dot => "Graphviz DOT",
            Self::Mermaid => "Mermaid flowchart",
        }
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The PNG could not be rendered.
    #[error("could not render the picture: {0}")]
    Render(String),
    /// A map whose PNG would be unreadable or enormous.
    #[error(
        "this map is too large for a readable PNG: even at half size it would be {width} × {height} pixels (over 16,000 a side or 64 megapixels); export it as SVG (any size, sharp at every zoom), PDF or the HTML report instead"
    )]
    TooLargeForPng {
        /// Pixels wide at the smallest readable scale.
        width: u64,
        /// Pixels high at the smallest readable scale.
        height: u64,
    },
}

/// Exports a map in a format, as the bytes of the file (PNG at the default scale).
pub fn export(map: &Map, report: &Report, format: ExportFormat) -> Result<Vec<u8>, ExportError> {
    export_scaled(map, report, format, DEFAULT_PNG_SCALE)
}

/// Exports a map, with pixels per canvas unit for PNG.
pub fn export_scaled(
    map: &Map,
    report: &Report,
    format: ExportFormat,
    png_scale: f32,
) -> Result<Vec<u8>, ExportError> {
    export_shown(map, report, None, format, png_scale)
}

/// Exports the map as segment `id` sees it (DESIGN.md, "Segments"): the title names the segment,
/// the analysis and the campaigns' pre-flight are the segment's, and the HTML and PDF reports
/// compare all the map's segments. The CSV is the map's own, with every segment's columns. `None`
/// for a segment the map does not have.
#[must_use]
pub fn export_segment(
    map: &Map,
    id: &str,
    format: ExportFormat,
    png_scale: f32,
) -> Option<Result<Vec<u8>, ExportError>> {
    let config = crate::analysis::Config::default();
    if format == ExportFormat::Csv {
        map.segment(id)?;
        return Some(export_scaled(
            map,
            &crate::analysis::analyze(map, &config),
            format,
            png_scale,
        ));
    }
    let mut view = map.for_segment(id)?;
    view.title = format!("{} · segment: {}", map.title, map.segment(id)?.name);
    let (report, preflight) =
        crate::analysis::analyze_view_with_preflight(map, Some((id, &view)), &config);
    let base = BaseOfView {
        preflight,
        comparison: crate::analysis::SegmentComparison::of(map, &config),
    };
    Some(export_shown(&view, &report, Some(&base), format, png_scale))
}

/// What a segment's view takes from the map itself: the pre-flight (campaigns aimed at other
/// segments move by theirs) and the comparison of every segment.
struct BaseOfView {
    preflight: crate::analysis::Preflight,
    comparison: Option<crate::analysis::SegmentComparison>,
}

fn export_shown(
    map: &Map,
    report: &Report,
    base: Option<&BaseOfView>,
    format: ExportFormat,
    png_scale: f32,
) -> Result<Vec<u8>, ExportError> {
    // Pictures need every card placed; a map fresh from a spreadsheet has no positions yet.
    let map = &*crate::layout::placed(map);
    let config = crate::analysis::Config::default();
    // The reports' pre-flight and segment comparison: the map's own unless it is a segment's view.
    let extras = || match base {
        Some(base) => (
            std::borrow::Cow::Borrowed(&base.preflight),
            base.comparison.clone(),
        ),
        None => (
            std::borrow::Cow::Owned(crate::analysis::preflight(map, &config)),
            crate::analysis::SegmentComparison::of(map, &config),
        ),
    };
    Ok(match format {
        ExportFormat::Svg => to_svg(map, report).into_bytes(),
        ExportFormat::Png => to_png(map, report, png_scale)?,
        ExportFormat::Pdf => {
            let (preflight, comparison) = extras();
            pdf::to_pdf_with(map, report, &preflight, comparison.as_ref())?
        }
        ExportFormat::Html => {
            let (preflight, comparison) = extras();
            html::report_html(map, report, &preflight, comparison.as_ref()).into_bytes()
        }
        ExportFormat::Csv => to_csv(map, report).into_bytes(),
        ExportFormat::Markdown => to_markdown(map, report).into_bytes(),
        ExportFormat::Dot => to_dot(map, report).into_bytes(),
        ExportFormat::Mermaid => to_mermaid(map, report).into_bytes(),
    })
}
