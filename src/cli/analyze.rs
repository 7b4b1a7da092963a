//! `touchmap analyze`: the weak spots as aligned text or as the JSON object of DESIGN.md.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use super::Failure;
use super::commands::load;
use crate::analysis::{Config, Report, Severity, analyze};
use crate::model::Map;

fn config(as_of: Option<crate::model::Day>) -> Config {
    Config {
        as_of: Some(as_of.unwrap_or_else(crate::model::Day::today)),
        ..Config::default()
    }
}

/// The map as segment `id` sees it, or a refusal naming the map's segments.
fn segment_view(map: &Map, id: &str) -> Result<Map, Failure> {
    map.for_segment(id).ok_or_else(|| {
        Failure::input(format!(
            "there is no segment '{id}' in this map; its segments: {}",
            map.segment_names()
        ))
    })
}

pub(super) fn run(
    path: &Path,
    json: bool,
    fail_on: Option<Severity>,
    as_of: Option<crate::model::Day>,
    segment: Option<&str>,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let mut map = load(path)?;
    let mut heading = String::new();
    if let Some(id) = segment {
        map = segment_view(&map, id)?;
        if let Some(found) = map.segment(id) {
            heading = format!("Segment: {} ({id})\n", found.name);
        }
    }
    let report = analyze(&map, &config(as_of));
    let text = if json {
        super::json_text(&report)
    } else {
        heading + &report_text(&map, &report)
    };
    out.write_all(text.as_bytes())
        .map_err(|error| Failure::input(format!("cannot write the output: {error}")))?;
    let failed = fail_on.is_some_and(|threshold| {
        report
            .findings
            .iter()
            .any(|finding| finding.severity >= threshold)
    });
    Ok(u8::from(failed))
}

/// `touchmap analyze MAP --segments [--json]`: every segment's whole analysis, compared.
pub(super) fn segments(
    path: &Path,
    json: bool,
    as_of: Option<crate::model::Day>,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let map = load(path)?;
    if map.segments().is_empty() {
        return Err(Failure::input(format!(
            "{}: this map has no segments; add a \"segments\" list to compare them",
            path.display()
        )));
    }
    let config = config(as_of);
    let reports = crate::analysis::analyze_segments(&map, &config);
    let text = if json {
        let segments: Vec<serde_json::Value> = reports
            .iter()
            .map(|run| serde_json::json!({"id": run.id, "report": run.report}))
            .collect();
        super::json_text(&serde_json::json!({ "segments": segments }))
    } else {
        segments_text(&map, &reports)
    };
    out.write_all(text.as_bytes())
        .map_err(|error| Failure::input(format!("cannot write the output: {error}")))?;
    Ok(0)
}

/// The comparison as text: per segment its share, overall score and top weak spots; then the touch
/// points whose weakness differs most between the segments.
fn segments_text(map: &Map, reports: &[crate::analysis::SegmentReport]) -> String {
    let comparison = crate::analysis::SegmentComparison::from_reports(map, reports);
    let mut text = format!("{} — {} segments\n\n", map.title, reports.len());
    for segment in &comparison.segments {
        let _ = writeln!(
            text,
            "{} ({}) · {} of customers · overall {}",
            segment.name,
            segment.id,
            crate::numbers::percent(segment.share),
            segment.overall
        );
        let weak: Vec<String> = segment
            .weak_spots
            .iter()
            .map(|(severity, name)| format!("{} {name}", severity.as_str().to_uppercase()))
            .collect();
        let _ = writeln!(
            text,
            "  weak spots: {}",
            if weak.is_empty() {
                "none".to_owned()
            } else {
                weak.join(" · ")
            }
        );
    }
    if comparison.differences.is_empty() {
        let _ = writeln!(
            text,
            "\n{}",
            crate::export::text::no_difference(&comparison)
        );
        return text;
    }
    let _ = writeln!(
        text,
        "\nWhere the segments differ most (weakness, 0 = fine, 1 = worst):"
    );
    for difference in &comparison.differences {
        let cells: Vec<String> = comparison
            .segments
            .iter()
            .zip(&difference.weakness)
            .map(|(segment, value)| {
                format!(
                    "{} {}",
                    segment.id,
                    crate::export::text::weakness_cell(*value)
                )
            })
            .collect();
        let _ = writeln!(text, "  {}: {}", difference.name, cells.join(" · "));
    }
    text
}

/// The report as text for a terminal: a header, the findings with severity first and aligned, then
/// the stage curve and the totals.
#[must_use]
pub fn report_text(map: &Map, report: &Report) -> String {
    let mut text = String::new();
    let summary = &report.summary;
    let _ = writeln!(
        text,
        "{} — {} touch points ({} measured), {} {}",
        map.title,
        summary.touchpoints,
        summary.measured,
        map.link_count(),
        if map.link_count() == 1 {
            "link"
        } else {
            "links"
        }
    );
    let overall = summary.overall_text();
    let _ = write!(
        text,
        "Overall score {overall}  ·  total cost {}",
        crate::numbers::whole(summary.total_cost)
    );
    if let Some(per_customer) = summary.cost_per_customer {
        let _ = write!(
            text,
            "  ·  {} per reached customer",
            crate::numbers::decimal(per_customer, 2)
        );
    }
    text.push_str("\n\n");

    if report.findings.is_empty() {
        text.push_str("No weak spots found.\n");
    }
    // One entry per touch point, headed by its worst severity; each rule's reason and action once.
    for group in report.grouped() {
        let subject = match group.touchpoint {
            // The id too, so a script or a colleague can find the touch point in the file.
            Some(id) => format!("{} ({id})", group.subject(map)),
            None => group.subject(map),
        };
        let weakness = group
            .weakness()
            .map(|weakness| format!("  weakness {}", crate::numbers::decimal(weakness, 2)))
            .unwrap_or_default();
        let mark = crate::export::text::journey_mark(report, &group)
            .map(|mark| format!("  · {mark}"))
            .unwrap_or_default();
        let _ = writeln!(
            text,
            "{:<8}  {subject}{weakness}{mark}",
            group.severity.as_str().to_uppercase(),
        );
        for finding in &group.findings {
            let _ = writeln!(
                text,
                "          {:<11}  {}",
                finding.rule.as_str(),
                finding.reason
            );
            let _ = writeln!(text, "{:<23}→ {}", "", finding.action);
        }
    }
    if report.touchpoints.iter().any(|analysis| analysis.must_pass) {
        let _ = writeln!(text, "\n{}", crate::layout::EVERY_JOURNEY_LEGEND);
    }

    text.push_str("\nStage scores\n");
    for stage in &summary.stages {
        match stage.score {
            Some(score) => {
                let bar = "█".repeat((score * 4.0).round() as usize);
                let _ = writeln!(text, "  {} {score:.1}  {bar}", super::pad(&stage.stage, 16));
            }
            None => {
                let _ = writeln!(
                    text,
                    "  {}  –   ({} touch points, none measured)",
                    super::pad(&stage.stage, 16),
                    stage.touchpoints
                );
            }
        }
    }
    if !summary.channels.is_empty() {
        text.push_str("\nChannel scores\n");
        for channel in &summary.channels {
            let score = channel
                .score
                .map_or_else(|| " –".to_owned(), |score| format!("{score:.1}"));
            let _ = writeln!(
                text,
                "  {} {score}  ({} touch point{})",
                super::pad(&channel.channel, 16),
                channel.touchpoints,
                if channel.touchpoints == 1 { "" } else { "s" }
            );
        }
    }
    text
}
