//! The one-page HTML report: self-contained (inline SVG and CSS, no script, no external request),
//! printable on A4 landscape.

use std::fmt::Write as _;

use super::svg::svg_element;
use super::text::{number, score, xml_escape};
use crate::analysis::{CampaignPreflight, Preflight, Quadrant, Report, Severity};
use crate::layout;
use crate::model::Map;
use crate::numbers::{fine_percent, money, percent, whole};

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
.critical { background: #b91c1c; } .high { background: #9a3412; } .medium { background: #854d0e; } .low { background: #4b5563; }
.group td { border-bottom: none; } .rules { color: #374151; font-size: 12px; }
.mark { color: #4338ca; font-weight: bold; white-space: nowrap; }
.numbers { display: flex; gap: 10px; flex-wrap: wrap; margin: 8px 0; }
.numbers div { background: #f3f4f6; border-radius: 8px; padding: 6px 12px; }
.numbers b { display: block; font-size: 17px; }
.campaign { break-inside: avoid; }
svg.flow { width: 100%; max-width: 720px; height: auto; }
.action { font-style: italic; color: #374151; }
.charts { display: flex; gap: 24px; flex-wrap: wrap; }
.chart { flex: 1 1 420px; }
.chart svg { width: 100%; height: auto; }
.footer { color: #4b5563; font-size: 11px; margin-top: 24px; }
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
    let _ = writeln!(html, "<header>\n<h1>{title}</h1>");
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
    html.push_str("</header>\n<main>\n<div class=\"totals\">");
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
        // One entry per touch point, headed by its worst severity; each rule's reason once.
        html.push_str("<table><tr><th>Severity</th><th>Touch point</th><th>Why</th><th>What to do</th></tr>\n");
        for group in report.grouped() {
            let mark = group
                .touchpoint
                .and_then(|id| report.touchpoint(id))
                .filter(|analysis| analysis.must_pass)
                .map(|_| {
                    format!(
                        " <span class=\"mark\">{}</span>",
                        xml_escape(layout::EVERY_JOURNEY)
                    )
                })
                .unwrap_or_default();
            let reasons: Vec<String> = group
                .findings
                .iter()
                .map(|finding| {
                    format!(
                        "<b>{}</b>: {}",
                        finding.rule.as_str(),
                        xml_escape(&finding.reason)
                    )
                })
                .collect();
            let actions: Vec<String> = group
                .findings
                .iter()
                .map(|finding| xml_escape(&finding.action))
                .collect();
            let _ = writeln!(
                html,
                "<tr><td><span class=\"sev {sev}\">{sev}</span></td><td>{}{mark}</td><td>{}</td><td class=\"action\">{}</td></tr>",
                xml_escape(&group.subject(map)),
                reasons.join("<br>"),
                actions.join("<br>"),
                sev = group.severity.as_str()
            );
        }
        html.push_str("</table>\n");
        if report.touchpoints.iter().any(|analysis| analysis.must_pass) {
            let _ = writeln!(
                html,
                "<p class=\"rules\">{}</p>",
                xml_escape(layout::EVERY_JOURNEY_LEGEND)
            );
        }
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
    preflight_html(
        map,
        &crate::analysis::preflight(map, &crate::analysis::Config::default()),
        &mut html,
    );
    html.push_str("</main>\n<footer><p class=\"footer\">Made with touchmap. Weakness = (5 − score)/4 × (0.4 + 0.6 × importance/5) × (0.5 + 0.5 × flow), where flow is how often a successful journey passes the touch point (at most 1); ◆ every journey marks the touch points every journey from an entry to a goal passes.</p></footer>\n</body>\n</html>\n");
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
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" font-size="11" role="img" aria-labelledby="stage-curve-title"><title id="stage-curve-title">Average score of each journey stage, from 1 to 5</title>"#
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
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" font-size="11" role="img" aria-labelledby="matrix-title"><title id="matrix-title">Importance against score of every measured touch point, with the map's means as crosshairs</title>"#
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

/// One section per campaign: its numbers, a chart of where its customers go and where they are
/// lost, and its readiness findings.
fn preflight_html(map: &Map, preflight: &Preflight, html: &mut String) {
    if preflight.campaigns.is_empty() {
        return;
    }
    html.push_str("<h2>Campaign pre-flight</h2>\n");
    for campaign in &preflight.campaigns {
        campaign_html(map, campaign, html);
    }
}

fn campaign_html(map: &Map, campaign: &CampaignPreflight, html: &mut String) {
    let objective = map.plan().objective(&campaign.objective);
    let goal = objective
        .and_then(|o| map.touchpoint(&o.goal))
        .map_or_else(String::new, |t| t.name.clone());
    let _ = writeln!(
        html,
        "<section class=\"campaign\" aria-label=\"{}\"><h3>{}</h3>\n<p class=\"sub\">Objective: {}</p>",
        xml_escape(&campaign.name),
        xml_escape(&campaign.name),
        xml_escape(objective.map_or(campaign.objective.as_str(), |o| o.name.as_str()))
    );
    let numbers = [
        ("Customers brought in", whole(campaign.reach)),
        ("Budget", money(campaign.budget)),
        (
            "Reach the goal",
            format!(
                "{} ({})",
                whole(campaign.goal_reached),
                fine_percent(campaign.goal_share)
            ),
        ),
        (
            "Cost per goal",
            campaign.cost_per_goal.map_or_else(|| "–".to_owned(), money),
        ),
        ("ROI", campaign.roi.map_or_else(|| "–".to_owned(), percent)),
        (
            "Target",
            match campaign.meets_target {
                Some(true) => "met".to_owned(),
                Some(false) => "missed".to_owned(),
                None => "–".to_owned(),
            },
        ),
    ];
    html.push_str("<div class=\"numbers\">");
    for (label, value) in numbers {
        let _ = write!(html, "<div>{label}<b>{}</b></div>", xml_escape(&value));
    }
    html.push_str("</div>\n");
    let _ = writeln!(
        html,
        "<p>Where its customers go (dark) and where they are lost (red), goal: {}</p>",
        xml_escape(&goal)
    );
    html.push_str(&flow_chart_svg(map, campaign));
    if campaign.findings.is_empty() {
        html.push_str("<p>Ready: no readiness finding.</p>\n");
    } else {
        html.push_str(
            "<table><tr><th>Severity</th><th>Check</th><th>Why</th><th>What to do</th></tr>\n",
        );
        for finding in &campaign.findings {
            let _ = writeln!(
                html,
                "<tr><td><span class=\"sev {sev}\">{sev}</span></td><td>{}</td><td>{}</td><td class=\"action\">{}</td></tr>",
                finding.rule.as_str(),
                xml_escape(&finding.reason),
                xml_escape(&finding.action),
                sev = finding.severity.as_str()
            );
        }
        html.push_str("</table>\n");
    }
    html.push_str("</section>\n");
}

/// Horizontal bars: the touch points most of the campaign's customers pass (and those where most
/// are lost), customers in dark blue, lost customers in red.
fn flow_chart_svg(map: &Map, campaign: &CampaignPreflight) -> String {
    let mut rows = campaign.busiest(8);
    for leak in campaign.biggest_leaks(3) {
        if !rows.iter().any(|row| row.id == leak.id) {
            rows.push(leak);
        }
    }
    let (label_width, bar_width, row_height) = (230.0, 320.0, 24.0);
    let height = rows.len() as f64 * row_height + 8.0;
    let scale = if campaign.reach > 0.0 {
        bar_width / campaign.reach
    } else {
        0.0
    };
    let mut svg = format!(
        r#"<svg class="flow" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 {height:.0}" font-size="12" role="img" aria-labelledby="flow-{id}"><title id="flow-{id}">Customers of {name} per touch point, and customers lost there</title>"#,
        id = xml_escape(&campaign.id),
        name = xml_escape(&campaign.name)
    );
    for (index, row) in rows.iter().enumerate() {
        let y = 4.0 + index as f64 * row_height;
        let name = map
            .touchpoint(&row.id)
            .map_or_else(|| row.id.to_string(), |t| t.name.clone());
        let name = super::text::wrap(&name, 32, 1).join("");
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#111827">{}</text><rect x="{label_width}" y="{y:.1}" width="{:.1}" height="14" fill="#1e3a8a"/><rect x="{label_width}" y="{:.1}" width="{:.1}" height="5" fill="#b91c1c"/><text x="{:.1}" y="{:.1}" fill="#111827">{}{}</text>"##,
            label_width - 8.0,
            y + 12.0,
            xml_escape(&name),
            row.customers * scale,
            y + 15.0,
            row.lost * scale,
            label_width + row.customers * scale + 6.0,
            y + 12.0,
            whole(row.customers),
            if row.lost >= 0.5 {
                format!(" · {} lost", whole(row.lost))
            } else {
                String::new()
            }
        );
    }
    svg.push_str("</svg>\n");
    svg
}
