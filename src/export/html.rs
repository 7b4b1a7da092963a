//! The one-page HTML report: self-contained (inline SVG and CSS, no script, no external request),
//! printable on A4 landscape. Built with maud, so every text from the map is escaped by default.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::svg::svg_element;
use super::text::{CAMPAIGN_COLUMNS, campaign_row, number, objective_line, score};
use crate::analysis::{CampaignPreflight, Preflight, Report, Severity};
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
svg.chart { width: 100%; max-width: 720px; height: auto; }
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
    let config = crate::analysis::Config::default();
    report_html(
        map,
        report,
        &crate::analysis::preflight(map, &config),
        crate::analysis::SegmentComparison::of(map, &config).as_ref(),
    )
}

/// [`to_html`] with the pre-flight and the segments' comparison given (a segment's view takes
/// them from the map itself).
pub(super) fn report_html(
    map: &Map,
    report: &Report,
    preflight: &Preflight,
    comparison: Option<&crate::analysis::SegmentComparison>,
) -> String {
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
                        div.chart { h2 { "Score by stage" } (chart("stage-curve-title", "Average score of each journey stage, from 1 to 5", super::charts::stage_curve_svg(report, 520.0), 520.0)) }
                        div.chart { h2 { "Importance vs performance" } (chart("matrix-title", "Importance against score of every measured touch point, numbered and keyed below, with the map's means as crosshairs", super::charts::matrix_svg(map, report, 520.0), 520.0)) }
                    }
                    h2 { "Channels" }
                    table {
                        tr { th { "Channel" } th { "Touch points" } th { "Average score" } }
                        @for channel in &summary.channels {
                            tr { td { (channel.channel) } td { (channel.touchpoints) } td { (score(channel.score)) } }
                        }
                    }
                    (evidence_html(map))
                    @if let Some(comparison) = comparison {
                        (segments_html(comparison))
                    }
                    (preflight_html(map, preflight))
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

/// "Segments compared": per segment its share, overall score and top weak spots; then the touch
/// points where their weakness differs most.
fn segments_html(comparison: &crate::analysis::SegmentComparison) -> Markup {
    html! {
        h2 { "Segments compared" }
        table {
            tr { th { "Segment" } th { "Customers" } th { "Overall score" } th { "Top weak spots" } }
            @for segment in &comparison.segments {
                tr {
                    td { (segment.name) }
                    td { (crate::numbers::percent(segment.share)) }
                    td { (segment.overall) }
                    td {
                        @if segment.weak_spots.is_empty() { "none" }
                        @for (index, (severity, name)) in segment.weak_spots.iter().enumerate() {
                            @if index > 0 { br; }
                            span class={ "sev " (severity.as_str()) } { (severity.as_str()) } " " (name)
                        }
                    }
                }
            }
        }
        @if comparison.differences.is_empty() {
            p { (super::text::no_difference(comparison)) }
        } @else {
            h3 { "Where the segments differ most (weakness, 0 = fine, 1 = worst)" }
            table {
                tr {
                    th { "Touch point" }
                    @for segment in &comparison.segments { th { (segment.name) } }
                }
                @for difference in &comparison.differences {
                    tr {
                        td { (difference.name) }
                        @for value in &difference.weakness {
                            td { (super::text::weakness_cell(*value)) }
                        }
                    }
                }
            }
        }
    }
}

/// "Evidence behind the scores": each scored touch point's evidence strength, where its score
/// comes from and its evidence items.
fn evidence_html(map: &Map) -> Markup {
    let rows = super::text::evidence_rows(map);
    html! {
        @if !rows.is_empty() {
            h2 { "Evidence behind the scores" }
            p.rules { "Evidence " (layout::EVIDENCE_LEGEND) "." }
            table {
                tr { th { "Touch point" } th { "Score" } th { "Evidence" } th { "Where the score comes from" } th { "What customers said" } }
                @for row in &rows {
                    tr {
                        td { (row.name) }
                        td { (row.score) }
                        td.nowrap { (row.strength) }
                        td { (row.basis) }
                        td {
                            @for (index, item) in row.items.iter().enumerate() {
                                @if index > 0 { br; }
                                (item)
                            }
                        }
                    }
                }
            }
        }
    }
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

/// A chart of [`super::charts`] as an inline SVG, `width` units wide and scaled to the page, with
/// its accessible title.
fn chart(id: &str, title: &str, (drawing, height): (String, f64), width: f64) -> Markup {
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (width) " " (format!("{height:.0}")) } font-family="DejaVu Sans, Verdana, sans-serif" role="img" aria-labelledby=(id) {
            title id=(id) { (title) }
            (PreEscaped(drawing))
        }
    }
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
            (chart(&format!("flow-{}", campaign.id), &format!("Customers of {} per touch point, and customers lost there", campaign.name), super::charts::campaign_flow_svg(map, campaign, 720.0), 720.0))
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
