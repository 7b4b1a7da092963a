//! The one-page HTML report: self-contained (inline SVG and CSS, no script, no external request),
//! printable on A4 landscape. Built with maud, so every text from the map is escaped by default.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::svg::svg_element;
use super::text::{CAMPAIGN_COLUMNS, campaign_row, number, objective_line, score};
use crate::analysis::{CampaignPreflight, Preflight, Quadrant, Report, Severity};
use crate::layout;
use crate::model::Map;
use crate::numbers::whole;

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
.lost { color: #444; font-size: 0.9em; }
.numbers { display: flex; gap: 10px; flex-wrap: wrap; margin: 8px 0; }
.numbers div { background: #f3f4f6; border-radius: 8px; padding: 6px 12px; }
.numbers b { display: block; font-size: 17px; }
.campaign { break-inside: avoid; }
.verdict { color: #fff; font-weight: bold; border-radius: 4px; padding: 1px 8px; white-space: nowrap; }
.side { font-size: 12px; } .side td, .side th { padding: 4px 6px; }
td.n { text-align: right; white-space: nowrap; } td.nowrap { white-space: nowrap; }
svg.calendar { width: 100%; max-width: 1400px; height: auto; }
svg.flow { width: 100%; max-width: 720px; height: auto; }
.action { font-style: italic; color: #374151; }
.charts { display: flex; gap: 24px; flex-wrap: wrap; }
.chart { flex: 1 1 420px; }
.chart svg { width: 100%; height: auto; }
.footer { color: #4b5563; font-size: 11px; margin-top: 24px; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr, .chart { break-inside: avoid; } .map { break-after: page; } }
";

/// The verdict badges' colours, from the palette the editor and the PDF use.
fn verdict_style() -> String {
    use crate::analysis::Verdict;
    use std::fmt::Write as _;
    let mut style = String::new();
    for verdict in <Verdict as strum::IntoEnumIterator>::iter() {
        let _ = write!(
            style,
            ".{} {{ background: {}; }} ",
            verdict.as_str(),
            super::calendar_chart::verdict_hex(verdict)
        );
    }
    style
}

/// The report as one HTML file. Every text goes through maud, which escapes by default; the
/// map picture is the SVG export's own element, escaped by that exporter.
#[must_use]
pub fn to_html(map: &Map, report: &Report) -> String {
    let summary = &report.summary;
    let count = |severity: Severity| {
        report
            .findings
            .iter()
            .filter(|finding| finding.severity == severity)
            .count()
    };
    let totals = [
        ("Overall score", summary.overall_text()),
        ("Critical findings", count(Severity::Critical).to_string()),
        ("High findings", count(Severity::High).to_string()),
        ("Total cost", number(summary.total_cost)),
        (
            "Cost per reached customer",
            summary
                .cost_per_customer
                .map_or_else(|| "–".to_owned(), |c| format!("{c:.2}")),
        ),
    ];
    let preflight = crate::analysis::preflight(map, &crate::analysis::Config::default());
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:";
                title { (map.title) " — touch-point map" }
                style { (PreEscaped(STYLE)) (PreEscaped(verdict_style())) }
            }
            body {
                header {
                    h1 { (map.title) }
                    p.sub { (super::text::map_subtitle(map, report)) }
                }
                main {
                    div.totals {
                        @for (label, value) in &totals {
                            div.total { (label) b { (value) } }
                        }
                    }
                    h2 { "The map" }
                    div.map { (PreEscaped(svg_element(map, report))) }
                    (weak_spots(map, report))
                    div.charts {
                        div.chart { h2 { "Score by stage" } (stage_curve_svg(report)) }
                        div.chart { h2 { "Importance vs performance" } (matrix_svg(map, report)) }
                    }
                    h2 { "Channels" }
                    table {
                        tr { th { "Channel" } th { "Touch points" } th { "Average score" } }
                        @for channel in &summary.channels {
                            tr { td { (channel.channel) } td { (channel.touchpoints) } td { (score(channel.score)) } }
                        }
                    }
                    (preflight_html(map, &preflight))
                }
                footer {
                    p.footer {
                        "Made with touchmap. Weakness = (5 − score)/4 × (0.4 + 0.6 × importance/5) × (0.5 + 0.5 × flow), where flow is how often a successful journey passes the touch point (at most 1); ◆ every journey marks the touch points every journey from an entry to a goal passes; \"loses N% of successful journeys if it fails\" is the removal effect: the share of journeys reaching a goal that would not if every customer arriving at the touch point left instead."
                    }
                }
            }
        }
    };
    // Control characters have no business in a page, and a direction override in a name would
    // reorder the text after it: drop both from the whole page (ours has none of its own).
    page.into_string()
        .chars()
        .filter(|&c| c == '\n' || !(c.is_control() || super::text::is_bidi_control(c)))
        .collect()
}

/// The weak spots, one row per touch point headed by its worst severity, each rule's reason once.
fn weak_spots(map: &Map, report: &Report) -> Markup {
    html! {
        h2 { "Weak spots, most severe first" }
        @if report.findings.is_empty() {
            p { "No weak spots found." }
        } @else {
            table {
                tr { th { "Severity" } th { "Touch point" } th { "Why" } th { "What to do" } }
                @for group in report.grouped() {
                    @let mark = super::text::journey_mark(report, &group);
                    tr {
                        td { span class={ "sev " (group.severity.as_str()) } { (group.severity.as_str()) } }
                        td {
                            (group.subject(map))
                            @if let Some(mark) = mark {
                                br;
                                span class=(if mark == layout::EVERY_JOURNEY { "mark" } else { "lost" }) { (mark) }
                            }
                        }
                        td {
                            @for (index, finding) in group.findings.iter().enumerate() {
                                @if index > 0 { br; }
                                b { (finding.rule.as_str()) } ": " (finding.reason)
                            }
                        }
                        td.action {
                            @for (index, finding) in group.findings.iter().enumerate() {
                                @if index > 0 { br; }
                                (finding.action)
                            }
                        }
                    }
                }
            }
            @if report.touchpoints.iter().any(|analysis| analysis.must_pass) {
                p.rules { (layout::EVERY_JOURNEY_LEGEND) }
            }
        }
    }
}

/// A number for an SVG attribute, one decimal.
fn at(value: f64) -> String {
    format!("{value:.1}")
}

/// The per-stage score curve as a small SVG line chart.
fn stage_curve_svg(report: &Report) -> Markup {
    let stages = &report.summary.stages;
    let (width, height, left, bottom, top) = (520.0, 240.0, 40.0, 200.0, 16.0);
    let step = if stages.len() > 1 {
        (width - left - 70.0) / (stages.len() - 1) as f64
    } else {
        0.0
    };
    let y_of = |score: f64| bottom - (score - 1.0) / 4.0 * (bottom - top);
    let x_of = |index: usize| left + 30.0 + index as f64 * step;
    let points: Vec<(f64, f64, f64)> = stages
        .iter()
        .enumerate()
        .filter_map(|(index, stage)| stage.score.map(|value| (x_of(index), y_of(value), value)))
        .collect();
    let polyline = points
        .iter()
        .map(|(x, y, _)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (width) " " (height) } font-size="11" role="img" aria-labelledby="stage-curve-title" {
            title id="stage-curve-title" { "Average score of each journey stage, from 1 to 5" }
            @for value in 1..=5 {
                @let y = y_of(f64::from(value));
                line x1=(left) x2=(width - 10.0) y1=(at(y)) y2=(at(y)) stroke="#e5e7eb" {}
                text x=(left - 6.0) y=(at(y + 4.0)) text-anchor="end" fill="#6b7280" { (value) }
            }
            @for (index, stage) in stages.iter().enumerate() {
                text x=(at(x_of(index))) y=(at(bottom + 18.0)) text-anchor="middle" fill="#374151" {
                    (super::text::wrap(&stage.stage, 14, 1).join(""))
                }
            }
            @if points.len() > 1 {
                polyline points=(polyline) fill="none" stroke="#2563eb" stroke-width="3" {}
            }
            @for (x, y, value) in &points {
                circle cx=(at(*x)) cy=(at(*y)) r="5" fill=(if *value < 3.0 { "#c81e28" } else { "#2563eb" }) {}
                text x=(at(*x)) y=(at(y - 9.0)) text-anchor="middle" fill="#111827" { (format!("{value:.1}")) }
            }
        }
    }
}

/// The importance–performance matrix as a small SVG scatter chart with the quadrants named.
fn matrix_svg(map: &Map, report: &Report) -> Markup {
    let (width, height, left, right, top, bottom) = (520.0, 300.0, 50.0, 500.0, 16.0, 260.0);
    let x_of = |importance: f64| left + (importance - 0.5) / 5.0 * (right - left);
    let y_of = |score: f64| bottom - (score - 1.0) / 4.0 * (bottom - top);
    let crosshairs = report
        .summary
        .mean_importance
        .zip(report.summary.mean_score)
        .map(|(importance, mean)| (x_of(importance), y_of(mean)));
    let dots: Vec<(f64, f64, String, String)> = report
        .touchpoints
        .iter()
        .filter_map(|analysis| {
            let quadrant = analysis.quadrant?;
            let touchpoint = map.touchpoint(&analysis.id)?;
            let value = touchpoint.score?;
            // Spread touch points with the same importance a little so they do not hide each other.
            let jitter =
                f64::from(analysis.id.as_str().bytes().map(u32::from).sum::<u32>() % 9) - 4.0;
            Some((
                x_of(f64::from(touchpoint.importance)) + jitter * 2.0,
                y_of(value),
                quadrant_hex(quadrant),
                format!("{} ({}, {value:.1})", touchpoint.name, quadrant.as_str()),
            ))
        })
        .collect();
    let (middle_x, middle_y) = (f64::midpoint(left, right), f64::midpoint(top, bottom));
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (width) " " (height) } font-size="11" role="img" aria-labelledby="matrix-title" {
            title id="matrix-title" { "Importance against score of every measured touch point, with the map's means as crosshairs" }
            rect x=(left) y=(top) width=(right - left) height=(bottom - top) fill="#fafafa" stroke="#d1d5db" {}
            @if let Some((x, y)) = crosshairs {
                line x1=(at(x)) x2=(at(x)) y1=(top) y2=(bottom) stroke="#9ca3af" stroke-dasharray="4 3" {}
                line x1=(left) x2=(right) y1=(at(y)) y2=(at(y)) stroke="#9ca3af" stroke-dasharray="4 3" {}
                text x=(right - 6.0) y=(bottom - 6.0) text-anchor="end" fill=(quadrant_hex(Quadrant::Concentrate)) font-weight="bold" { "concentrate here" }
                text x=(right - 6.0) y=(top + 14.0) text-anchor="end" fill=(quadrant_hex(Quadrant::KeepUp)) { "keep up the good work" }
                text x=(left + 6.0) y=(bottom - 6.0) fill="#6b7280" { "low priority" }
                text x=(left + 6.0) y=(top + 14.0) fill=(quadrant_hex(Quadrant::Overkill)) { "possible overkill" }
            }
            @for value in 1..=5 {
                text x=(at(x_of(f64::from(value)))) y=(bottom + 16.0) text-anchor="middle" fill="#6b7280" { (value) }
                text x=(left - 6.0) y=(at(y_of(f64::from(value)) + 4.0)) text-anchor="end" fill="#6b7280" { (value) }
            }
            text x=(middle_x) y=(bottom + 34.0) text-anchor="middle" fill="#374151" { "importance to customers" }
            text x="14" y=(middle_y) text-anchor="middle" fill="#374151" transform={ "rotate(-90 14 " (middle_y) ")" } { "score" }
            @for (x, y, colour, label) in &dots {
                circle cx=(at(*x)) cy=(at(*y)) r="5" fill=(colour) fill-opacity="0.85" { title { (label) } }
            }
        }
    }
}

/// A quadrant's colour in the matrix (one palette with the editor's chart).
fn quadrant_hex(quadrant: Quadrant) -> String {
    super::text::hex(layout::quadrant_rgb(quadrant))
}

/// The campaigns side by side with their verdicts, the objectives' totals, the calendar, then one
/// section per campaign: verdict first, its numbers, where its customers go and are lost, and its
/// readiness findings.
fn preflight_html(map: &Map, preflight: &Preflight) -> Markup {
    let calendar = super::calendar_chart::calendar_svg(map, preflight, 1000.0);
    html! {
        @if !preflight.campaigns.is_empty() {
            h2 { "Campaign pre-flight" }
            table.side aria-label="Campaigns side by side" {
                tr { @for header in CAMPAIGN_COLUMNS { th { (header) } } }
                @for campaign in &preflight.campaigns {
                    @let cells = campaign_row(map, campaign);
                    tr {
                        td { span class={ "verdict " (campaign.verdict.as_str()) } { (cells[0]) } }
                        @for (index, cell) in cells.iter().enumerate().skip(1) {
                            @if (4..=9).contains(&index) { td.n { (cell) } } @else if index == 2 { td.nowrap { (cell) } } @else { td { (cell) } }
                        }
                    }
                }
            }
            @if !preflight.objectives.is_empty() {
                h3 { "Objectives" }
                ul {
                    @for total in &preflight.objectives { li { (objective_line(map, total)) } }
                }
            }
            @if let Some((drawing, height)) = calendar {
                h3 { "Calendar" }
                svg.calendar xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 1000 " (format!("{height:.0}")) } font-family="DejaVu Sans, Verdana, sans-serif" role="img" aria-labelledby="calendar-title" {
                    title id="calendar-title" { "The dated campaigns over the weeks, overloaded days shaded, and the daily load of the most strained touch point against its capacity" }
                    (PreEscaped(drawing))
                }
            }
            @for campaign in &preflight.campaigns {
                (campaign_html(map, campaign))
            }
        }
    }
}

fn campaign_html(map: &Map, campaign: &CampaignPreflight) -> Markup {
    let objective = map.plan().objective(&campaign.objective);
    let goal = objective
        .and_then(|o| map.touchpoint(&o.goal))
        .map_or_else(String::new, |t| t.name.clone());
    let numbers = super::text::campaign_figures(campaign);
    html! {
        section.campaign aria-label=(campaign.name) {
            h3 {
                span class={ "verdict " (campaign.verdict.as_str()) } { (campaign.verdict.label()) }
                " " (campaign.name)
            }
            p.sub {
                (campaign.verdict.meaning()) " · Objective: " (objective.map_or(campaign.objective.as_str(), |o| o.name.as_str()))
                " · " (super::text::campaign_dates(campaign))
                " · owner " (campaign.owner.as_deref().unwrap_or("–"))
            }
            div.numbers {
                @for (label, value) in &numbers { div { (label) b { (value) } } }
                div { "Poor experiences met" b { (whole(campaign.total_exposure())) } }
            }
            p { "Where its customers go (dark) and where they are lost (red), goal: " (goal) }
            (flow_chart_svg(map, campaign))
            @if campaign.findings.is_empty() {
                p { "Ready: no readiness finding." }
            } @else {
                table {
                    tr { th { "Severity" } th { "Check" } th { "Why" } th { "What to do" } }
                    @for finding in &campaign.findings {
                        tr {
                            td { span class={ "sev " (finding.severity.as_str()) } { (finding.severity.as_str()) } }
                            td { (finding.rule.as_str()) }
                            td { (finding.reason) }
                            td.action { (finding.action) }
                        }
                    }
                }
            }
        }
    }
}

/// Horizontal bars: the touch points most of the campaign's customers pass (and those where most
/// are lost), customers in dark blue, lost customers in red.
fn flow_chart_svg(map: &Map, campaign: &CampaignPreflight) -> Markup {
    let rows = campaign.report_rows();
    let (label_width, bar_width, row_height) = (230.0, 320.0, 24.0);
    let height = rows.len() as f64 * row_height + 8.0;
    let scale = if campaign.reach > 0.0 {
        bar_width / campaign.reach
    } else {
        0.0
    };
    let title_id = format!("flow-{}", campaign.id);
    html! {
        svg.flow xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 720 " (format!("{height:.0}")) } font-size="12" role="img" aria-labelledby=(title_id) {
            title id=(title_id) { "Customers of " (campaign.name) " per touch point, and customers lost there" }
            @for (index, row) in rows.iter().enumerate() {
                @let y = 4.0 + index as f64 * row_height;
                @let name = map.touchpoint(&row.id).map_or_else(|| row.id.to_string(), |t| t.name.clone());
                text x=(at(label_width - 8.0)) y=(at(y + 12.0)) text-anchor="end" fill="#111827" {
                    (super::text::wrap(&name, 32, 1).join(""))
                }
                rect x=(label_width) y=(at(y)) width=(at(row.customers * scale)) height="14" fill="#1e3a8a" {}
                rect x=(label_width) y=(at(y + 15.0)) width=(at(row.lost * scale)) height="5" fill="#b91c1c" {}
                text x=(at(label_width + row.customers * scale + 6.0)) y=(at(y + 12.0)) fill="#111827" {
                    (whole(row.customers))
                    @if row.lost >= 0.5 { " · " (whole(row.lost)) " lost" }
                }
            }
        }
    }
}
