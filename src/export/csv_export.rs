//! The map as CSV: one row per touch point with every field, its analysis and its findings, and
//! its links in a `next` column that `touchmap import` reads back. Cells a spreadsheet would run as
//! a formula are neutralised.

use crate::analysis::Report;
use crate::model::Map;

/// The columns, in order. `touchmap import` finds them by these names.
pub const COLUMNS: [&str; 22] = [
    "id",
    "name",
    "stage",
    "channel",
    "owner",
    "importance",
    "score",
    "reach",
    "cost",
    "response_hours",
    "role",
    "votes",
    "notes",
    "evidence",
    "next",
    "next_labels",
    "pos_x",
    "pos_y",
    "weakness",
    "flow",
    "must_pass",
    "quadrant",
];

/// Prefixes a cell that starts like a spreadsheet formula (`=`, `+`, `-`, `@`, tab, carriage
/// return) with an apostrophe, so spreadsheets show it as text. The import removes the apostrophe.
#[must_use]
pub fn neutralise_formula(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

fn number(value: Option<f64>) -> String {
    value.map(|v| format!("{v}")).unwrap_or_default()
}

/// The map as CSV text (comma-separated, UTF-8, header row first). Rows follow the stage order, so
/// importing the file gives the stages back in order.
#[must_use]
pub fn to_csv(map: &Map, report: &Report) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut columns: Vec<String> = COLUMNS.iter().map(|&c| c.to_owned()).collect();
    columns.push("findings".to_owned());
    // Writing to a Vec cannot fail; a failure would only drop rows, never panic.
    let _ = writer.write_record(&columns);
    // Findings grouped once: looking them up per row would scan them all for every row.
    let mut findings_of: std::collections::HashMap<&crate::model::TouchPointId, Vec<&str>> =
        std::collections::HashMap::new();
    for finding in &report.findings {
        if let Some(id) = &finding.touchpoint {
            findings_of
                .entry(id)
                .or_default()
                .push(finding.rule.as_str());
        }
    }
    let mut touchpoints = map.touchpoints();
    touchpoints.sort_by_key(|t| crate::layout::column_of(map, t.stage.as_deref()));
    for touchpoint in touchpoints {
        let analysis = report.touchpoint(&touchpoint.id);
        let outgoing = map.outgoing(&touchpoint.id);
        let next: Vec<String> = outgoing
            .iter()
            .map(|(to, link)| match link.share {
                Some(share) => format!("{to}={share}"),
                None => to.to_string(),
            })
            .collect();
        let next_labels: Vec<String> = outgoing
            .iter()
            .filter_map(|(to, link)| {
                link.label
                    .as_ref()
                    .map(|label| format!("{to}: {}", label.replace(['\n', '\r'], " ")))
            })
            .collect();
        let findings = findings_of
            .get(&touchpoint.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let record = [
            touchpoint.id.to_string(),
            touchpoint.name.clone(),
            touchpoint.stage.clone().unwrap_or_default(),
            touchpoint.channel.clone().unwrap_or_default(),
            touchpoint.owner.clone().unwrap_or_default(),
            touchpoint.importance.to_string(),
            number(touchpoint.score),
            number(touchpoint.reach),
            number(touchpoint.cost),
            number(touchpoint.response_hours),
            touchpoint
                .role
                .map(|r| r.as_str().to_owned())
                .unwrap_or_default(),
            touchpoint.votes.to_string(),
            touchpoint.notes.clone().unwrap_or_default(),
            touchpoint.evidence.join("\n"),
            next.join("; "),
            next_labels.join("\n"),
            number(touchpoint.pos.map(|p| p[0])),
            number(touchpoint.pos.map(|p| p[1])),
            analysis
                .and_then(|a| a.weakness)
                .map(|w| format!("{w:.4}"))
                .unwrap_or_default(),
            analysis
                .map(|a| format!("{:.4}", a.flow))
                .unwrap_or_default(),
            analysis
                .map(|a| a.must_pass.to_string())
                .unwrap_or_default(),
            analysis
                .and_then(|a| a.quadrant)
                .map(|q| q.as_str().to_owned())
                .unwrap_or_default(),
            findings.join("; "),
        ];
        let _ = writer.write_record(record.iter().map(|cell| neutralise_formula(cell)));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
