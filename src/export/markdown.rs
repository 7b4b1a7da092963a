//! The report as Markdown, for a wiki page.

use std::fmt::Write as _;

use super::text::{number, score, single_line};
use crate::analysis::Report;
use crate::model::Map;

/// Escapes text for a Markdown table cell or line: no raw HTML, no table breaks, no emphasis tricks.
fn cell(text: &str) -> String {
    let mut escaped = String::new();
    for character in single_line(text).chars() {
        match character {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' => {
                escaped.push('\\');
                escaped.push(character);
            }
            c => escaped.push(c),
        }
    }
    escaped
}

/// The report as Markdown.
#[must_use]
pub fn to_markdown(map: &Map, report: &Report) -> String {
    let summary = &report.summary;
    let mut text = String::new();
    let _ = writeln!(text, "# {}\n", cell(&map.title));
    if let Some(brand) = &map.brand {
        let _ = writeln!(text, "Brand: {}\n", cell(brand));
    }
    let _ = writeln!(
        text,
        "- Touch points: {} ({} measured), links: {}\n- Overall score: {}\n- Total cost: {}\n- Cost per reached customer: {}\n",
        summary.touchpoints,
        summary.measured,
        map.link_count(),
        summary.overall_text(),
        number(summary.total_cost),
        summary
            .cost_per_customer
            .map_or_else(|| "–".to_owned(), |c| format!("{c:.2}"))
    );
    text.push_str("## Weak spots\n\n");
    if report.findings.is_empty() {
        text.push_str("No weak spots found.\n\n");
    } else {
        // One entry per touch point, headed by its worst severity; each rule's reason once.
        for group in report.grouped() {
            let mark = crate::export::text::journey_mark(report, &group)
                .map(|mark| format!(" · {mark}"))
                .unwrap_or_default();
            let _ = writeln!(
                text,
                "- **{}** {}{mark}",
                group.severity.as_str().to_uppercase(),
                cell(&group.subject(map))
            );
            for finding in &group.findings {
                let _ = writeln!(
                    text,
                    "  - *{}*: {} → {}",
                    finding.rule.as_str(),
                    cell(&finding.reason),
                    cell(&finding.action)
                );
            }
        }
        if report.touchpoints.iter().any(|analysis| analysis.must_pass) {
            let _ = writeln!(text, "\n{}", cell(crate::layout::EVERY_JOURNEY_LEGEND));
        }
        text.push('\n');
    }
    text.push_str("## Score by stage\n\n| Stage | Touch points | Average score |\n|---|---|---|\n");
    for stage in &summary.stages {
        let _ = writeln!(
            text,
            "| {} | {} | {} |",
            cell(&stage.stage),
            stage.touchpoints,
            score(stage.score)
        );
    }
    text.push_str("\n## Channels\n\n| Channel | Touch points | Average score |\n|---|---|---|\n");
    for channel in &summary.channels {
        let _ = writeln!(
            text,
            "| {} | {} | {} |",
            cell(&channel.channel),
            channel.touchpoints,
            score(channel.score)
        );
    }
    preflight_markdown(
        map,
        &crate::analysis::preflight(map, &crate::analysis::Config::default()),
        &mut text,
    );
    text.push_str("\n## Touch points\n\n| Touch point | Stage | Channel | Owner | Importance | Score | Weakness | Quadrant |\n|---|---|---|---|---|---|---|---|\n");
    for touchpoint in map.touchpoints() {
        let analysis = report.touchpoint(&touchpoint.id);
        let _ = writeln!(
            text,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&touchpoint.name),
            cell(touchpoint.stage.as_deref().unwrap_or("–")),
            cell(touchpoint.channel.as_deref().unwrap_or("–")),
            cell(touchpoint.owner_name().unwrap_or("–")),
            touchpoint.importance,
            score(touchpoint.score),
            analysis
                .and_then(|a| a.weakness)
                .map_or_else(|| "–".to_owned(), |w| format!("{w:.2}")),
            analysis
                .and_then(|a| a.quadrant)
                .map_or("–", |q| q.as_str())
        );
    }
    text
}

/// One section per campaign: the numbers, where its customers go and are lost, the readiness
/// findings.
fn preflight_markdown(map: &Map, preflight: &crate::analysis::Preflight, text: &mut String) {
    use crate::numbers::whole;
    if preflight.campaigns.is_empty() {
        return;
    }
    text.push_str("\n## Campaign pre-flight\n\n");
    let columns = super::text::CAMPAIGN_COLUMNS;
    let _ = writeln!(text, "| {} |", columns.join(" | "));
    let _ = writeln!(text, "|{}", "---|".repeat(columns.len()));
    for campaign in &preflight.campaigns {
        let cells: Vec<String> = super::text::campaign_row(map, campaign)
            .iter()
            .map(|value| cell(value))
            .collect();
        let _ = writeln!(text, "| **{}** | {} |", cells[0], cells[1..].join(" | "));
    }
    if !preflight.objectives.is_empty() {
        text.push('\n');
        for total in &preflight.objectives {
            let _ = writeln!(text, "- {}", cell(&super::text::objective_line(map, total)));
        }
    }
    let name_of = |id: &crate::model::TouchPointId| cell(&map.name_of(id));
    for campaign in &preflight.campaigns {
        let objective = map.plan().objective(&campaign.objective);
        let figures = super::text::campaign_figures(campaign);
        let _ = writeln!(
            text,
            "\n### {}: {}\n\n{} · Objective: {} · {} · owner {} · poor experiences met {}\n\n| Customers brought in | Budget | Reach the goal | Cost per goal | ROI | Target |\n|---|---|---|---|---|---|\n| {} | {} | {} | {} | {} | {} |\n",
            campaign.verdict.label(),
            cell(&campaign.name),
            campaign.verdict.meaning(),
            cell(objective.map_or(campaign.objective.as_str(), |o| o.name.as_str())),
            cell(&super::text::campaign_dates(campaign)),
            cell(campaign.owner.as_deref().unwrap_or("–")),
            whole(campaign.total_exposure()),
            figures[0].1,
            figures[1].1,
            figures[2].1,
            figures[3].1,
            figures[4].1,
            figures[5].1
        );
        text.push_str("| Touch point | Customers | Lost there |\n|---|---|---|\n");
        let rows = campaign.report_rows();
        for row in rows {
            let _ = writeln!(
                text,
                "| {} | {} | {} |",
                name_of(&row.id),
                whole(row.customers),
                whole(row.lost)
            );
        }
        text.push('\n');
        if campaign.findings.is_empty() {
            text.push_str("Ready: no readiness finding.\n");
        }
        for finding in &campaign.findings {
            let _ = writeln!(
                text,
                "- **{}** *{}*: {} → {}",
                finding.severity.as_str().to_uppercase(),
                finding.rule.as_str(),
                cell(&finding.reason),
                cell(&finding.action)
            );
        }
    }
}
