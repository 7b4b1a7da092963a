//! The one-page HTML report: self-contained (inline SVG and CSS, no script, no external request),
//! printable on A4 landscape.

use std::fmt::Write as _;

use super::svg::svg_element;
use super::text::{number, score, xml_escape};
use crate::analysis::{Quadrant, Report, Severity};
use crate::model::Map;

const STYLE: &str = r"
@page { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; color: #111827; margin: 24px; line-height: 1.4; }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { font-size: 18px; margin: 24px 0 8px; border-bottom: 2px solid #e5e7eb; padding-bottom: 4px; }
.sub { color: #4b5563; margin: 0 0 16px; }
.totals { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.total { background: #f3f4f6; border-radius: 8px; padding: 8px 14px; }
.total b { display: block; font-size: 20px; }
.map svg { width: 100%; height: auto; border: 1px solid #e5e7eb; border-radius: 8px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
th { background: #f9fafb; }
.sev { color: #fff; font-weight: bold; border-radius: 4px; padding: 1px 6px; font-size: 11px; white-space: nowrap; }
.critical { background: #c81e28; } .high { background: #e16e14; } .medium { background: #be9600; } .low { background: #6e7887; }
.action { font-style: italic; color: #374151; }
.charts { display: flex; gap: 24px; flex-wrap: wrap; }
.chart { flex: 1 1 420px; }
.chart svg { width: 100%; height: auto; }
.footer { color: #6b7280; font-size: 11px; margin-top: 24px; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr, .chart { break-inside: avoid; } .map { break-after: page; } }
";

/// The report as one HTML file.
#[must_use]
pub fn to_html(map: &Map, report: &Report) -> String {
    let summary = &report.summary;
    let mut html = String::new();
    let title = xml_escape(&map.title);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<title>{title} — touch-point map</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    let _ = writeln!(html, "<h1>{title}</h1>");
    let brand = map
        .brand
        .as_deref()
        .map(|b| format!("{} · ", xml_escape(b)))
        .unwrap_or_default();
    let _ = writeln!(
        html,
        "<p class=\"sub\">{brand}{} touch points, {} links, {} measured · touch-point map and weak-spot review</p>",
        summary.touchpoints,
        map.link_count(),
        summary.measured
    );
    html.push_str("<div class=\"totals\">");
    let critical = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Critical)
        .count();
    let high = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::High)
        .count();
    let totals = [
        (
            "Overall score",
            summary
                .overall_score
                .map_or_else(|| "–".to_owned(), |s| format!("{s:.1} / 5")),
        ),
        ("Critical findings", critical.to_string()),
        ("High findings", high.to_string()),
        ("Total cost", number(summary.total_cost)),
        (
            "Cost per reached customer",
            summary
                .cost_per_customer
                .map_or_else(|| "–".to_owned(), |c| format!("{c:.2}")),
        ),
    ];
    for (label, value) in totals {
        let _ = write!(
            html,
            "<div class=\"total\">{label}<b>{}</b></div>",
            xml_escape(&value)
        );
    }
    html.push_str("</div>\n");

    let _ = writeln!(
        html,
        "<h2>The map</h2>\n<div class=\"map\">{}</div>",
        svg_element(map, report)
    );

    html.push_str("<h2>Weak spots, most severe first</h2>\n");
    if report.findings.is_empty() {
        html.push_str("<p>No weak spots found.</p>\n");
    } else {
        html.push_str("<table><tr><th>Severity</th><th>Rule</th><th>Touch point</th><th>Why</th><th>What to do</th></tr>\n");
        for finding in &report.findings {
            let subject = finding.subject(map);
            let _ = writeln!(
                html,
                "<tr><td><span class=\"sev {sev}\">{sev}</span></td><td>{}</td><td>{}</td><td>{}</td><td class=\"action\">{}</td></tr>",
                finding.rule.as_str(),
                xml_escape(&subject),
                xml_escape(&finding.reason),
                xml_escape(&finding.action),
                sev = finding.severity.as_str()
            );
        }
        html.push_str("</table>\n");
    }

    html.push_str("<div class=\"charts\">\n<div class=\"chart\"><h2>Score by stage</h2>\n");
    html.push_str(&stage_curve_svg(report));
    html.push_str("</div>\n<div class=\"chart\"><h2>Importance vs performance</h2>\n");
    html.push_str(&matrix_svg(map, report));
    html.push_str("</div>\n</div>\n");

    html.push_str("<h2>Channels</h2>\n<table><tr><th>Channel</th><th>Touch points</th><th>Average score</th></tr>\n");
    for channel in &summary.channels {
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            xml_escape(&channel.channel),
            channel.touchpoints,
            score(channel.score)
        );
    }
    html.push_str("</table>\n");
    html.push_str("<p class=\"footer\">Made with touchmap. Weakness = (5 − score)/4 × (0.4 + 0.6 × importance/5) × (0.5 + 0.5 × flow); critical touch points lie on every customer journey.</p>\n</body>\n</html>\n");
    html
}

/// The per-stage score curve as a small SVG line chart.
fn stage_curve_svg(report: &Report) -> String {
    let stages = &report.summary.stages;
    let (width, height, left, bottom, top) = (520.0, 240.0, 40.0, 200.0, 16.0);
    let step = if stages.len() > 1 {
        (width - left - 70.0) / (stages.len() - 1) as f64
    } else {
        0.0
    };
    let y_of = |score: f64| bottom - (score - 1.0) / 4.0 * (bottom - top);
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" font-size="11">"#
    );
    for value in 1..=5 {
        let y = y_of(f64::from(value));
        let _ = write!(
            svg,
            r##"<line x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#e5e7eb"/><text x="{}" y="{:.1}" text-anchor="end" fill="#6b7280">{value}</text>"##,
            width - 10.0,
            left - 6.0,
            y + 4.0
        );
    }
    let mut points = Vec::new();
    for (index, stage) in stages.iter().enumerate() {
        let x = left + 30.0 + index as f64 * step;
        let _ = write!(
            svg,
            r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#374151">{}</text>"##,
            bottom + 18.0,
            xml_escape(&super::text::wrap(&stage.stage, 14, 1).join(""))
        );
        if let Some(value) = stage.score {
            points.push((x, y_of(value), value));
        }
    }
    let path: Vec<String> = points
        .iter()
        .map(|(x, y, _)| format!("{x:.1},{y:.1}"))
        .collect();
    if points.len() > 1 {
        let _ = write!(
            svg,
            r##"<polyline points="{}" fill="none" stroke="#2563eb" stroke-width="3"/>"##,
            path.join(" ")
        );
    }
    for (x, y, value) in points {
        let colour = if value < 3.0 { "#c81e28" } else { "#2563eb" };
        let _ = write!(
            svg,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="{colour}"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#111827">{value:.1}</text>"##,
            y - 9.0
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// The importance–performance matrix as a small SVG scatter chart with the quadrants named.
fn matrix_svg(map: &Map, report: &Report) -> String {
    let (width, height, left, right, top, bottom) = (520.0, 300.0, 50.0, 500.0, 16.0, 260.0);
    let x_of = |importance: f64| left + (importance - 0.5) / 5.0 * (right - left);
    let y_of = |score: f64| bottom - (score - 1.0) / 4.0 * (bottom - top);
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" font-size="11">"#
    );
    let _ = write!(
        svg,
        r##"<rect x="{left}" y="{top}" width="{}" height="{}" fill="#fafafa" stroke="#d1d5db"/>"##,
        right - left,
        bottom - top
    );
    if let (Some(importance), Some(mean)) =
        (report.summary.mean_importance, report.summary.mean_score)
    {
        let (x, y) = (x_of(importance), y_of(mean));
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{top}" y2="{bottom}" stroke="#9ca3af" stroke-dasharray="4 3"/><line x1="{left}" x2="{right}" y1="{y:.1}" y2="{y:.1}" stroke="#9ca3af" stroke-dasharray="4 3"/>"##
        );
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" text-anchor="end" fill="#c81e28" font-weight="bold">concentrate here</text><text x="{}" y="{}" text-anchor="end" fill="#15803d">keep up the good work</text><text x="{}" y="{}" fill="#6b7280">low priority</text><text x="{}" y="{}" fill="#2563eb">possible overkill</text>"##,
            right - 6.0,
            bottom - 6.0,
            right - 6.0,
            top + 14.0,
            left + 6.0,
            bottom - 6.0,
            left + 6.0,
            top + 14.0
        );
    }
    for value in 1..=5 {
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{}" text-anchor="middle" fill="#6b7280">{value}</text><text x="{}" y="{:.1}" text-anchor="end" fill="#6b7280">{value}</text>"##,
            x_of(f64::from(value)),
            bottom + 16.0,
            left - 6.0,
            y_of(f64::from(value)) + 4.0
        );
    }
    let _ = write!(
        svg,
        r##"<text x="{}" y="{}" text-anchor="middle" fill="#374151">importance to customers</text><text x="14" y="{}" text-anchor="middle" fill="#374151" transform="rotate(-90 14 {})">score</text>"##,
        f64::midpoint(left, right),
        bottom + 34.0,
        f64::midpoint(top, bottom),
        f64::midpoint(top, bottom)
    );
    for analysis in &report.touchpoints {
        let (Some(quadrant), Some(touchpoint)) = (analysis.quadrant, map.touchpoint(&analysis.id))
        else {
            continue;
        };
        let Some(value) = touchpoint.score else {
            continue;
        };
        let colour = match quadrant {
            Quadrant::Concentrate => "#c81e28",
            Quadrant::KeepUp => "#15803d",
            Quadrant::LowPriority => "#9ca3af",
            Quadrant::Overkill => "#2563eb",
        };
        // Spread touch points with the same importance a little so they do not hide each other.
        let jitter = f64::from(analysis.id.as_str().bytes().map(u32::from).sum::<u32>() % 9) - 4.0;
        let _ = write!(
            svg,
            r#"<circle cx="{:.1}" cy="{:.1}" r="5" fill="{colour}" fill-opacity="0.85"><title>{} ({}, {value:.1})</title></circle>"#,
            x_of(f64::from(touchpoint.importance)) + jitter * 2.0,
            y_of(value),
            xml_escape(&touchpoint.name),
            quadrant.as_str()
        );
    }
    svg.push_str("</svg>\n");
    svg
}
