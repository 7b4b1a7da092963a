//! The map as CSV: one row per touch point with every field, its analysis and its findings, and
//! its links in a `next` column that `touchmap import` reads back. Cells a spreadsheet would run as
//! a formula are neutralised.

use crate::analysis::{Report, TouchPointAnalysis};
use crate::model::{Map, SEGMENT_FIELDS, TouchPoint};

/// The fixed columns, in order, as `(name, cell)` for one touch point: the names and the cells
/// come from this one table, so they cannot drift apart. `touchmap import` finds the columns by
/// these names. After them come `evidence_1` … `evidence_N` (one item per cell — its text, or the
/// object as the file writes it when it has a source, date, kind or rating —, as many columns as
/// the most quotes any touch point has) and `next_label_1` … `next_label_M` (the label of the first
/// … M-th link in `next`), so that every text comes back exactly, line breaks and all, then
/// `findings`.
fn fixed_cells(
    touchpoint: &TouchPoint,
    analysis: Option<&TouchPointAnalysis>,
    next: &str,
) -> [(&'static str, String); 25] {
    // Every field by name, with no `..`: a new field is a compile error here until it has a
    // column (unknown keys are not spreadsheet columns; evidence has its own columns).
    let TouchPoint {
        id,
        name,
        stage,
        channel,
        owner,
        importance,
        score,
        reach,
        cost,
        role,
        votes,
        notes,
        evidence: _,
        measured,
        aliases,
        pos,
        response_hours,
        capacity_per_day,
        // A segment's values have columns of their own, after these (see `segment_cells`).
        segments: _,
        extra: _,
    } = touchpoint;
    [
        ("id", id.to_string()),
        ("name", name.clone()),
        ("stage", stage.clone().unwrap_or_default()),
        ("channel", channel.clone().unwrap_or_default()),
        ("owner", owner.clone().unwrap_or_default()),
        ("importance", importance.to_string()),
        ("score", number(*score)),
        ("reach", number(*reach)),
        ("cost", number(*cost)),
        ("response_hours", number(*response_hours)),
        ("capacity_per_day", number(*capacity_per_day)),
        (
            "role",
            role.map(|r| r.as_str().to_owned()).unwrap_or_default(),
        ),
        ("votes", votes.to_string()),
        ("notes", notes.clone().unwrap_or_default()),
        // One alias per line of the cell (an analytics channel may hold a comma or a semicolon).
        ("aliases", aliases.join("\n")),
        // Where the score comes from, as the file writes it (read back by the import).
        (
            "measured",
            measured
                .as_ref()
                .map(crate::format::measured_cell)
                .unwrap_or_default(),
        ),
        ("next", next.to_owned()),
        ("pos_x", number(pos.map(|p| p[0]))),
        ("pos_y", number(pos.map(|p| p[1]))),
        (
            "weakness",
            analysis
                .and_then(|a| a.weakness)
                .map(|w| format!("{w:.4}"))
                .unwrap_or_default(),
        ),
        (
            "flow",
            analysis
                .map(|a| format!("{:.4}", a.flow))
                .unwrap_or_default(),
        ),
        (
            "removal_effect",
            analysis
                .map(|a| format!("{:.4}", a.removal_effect))
                .unwrap_or_default(),
        ),
        (
            "must_pass",
            analysis
                .map(|a| a.must_pass.to_string())
                .unwrap_or_default(),
        ),
        (
            "evidence_strength",
            analysis
                .map(|a| a.evidence.as_str().to_owned())
                .unwrap_or_default(),
        ),
        (
            "quadrant",
            analysis
                .and_then(|a| a.quadrant)
                .map(|q| q.as_str().to_owned())
                .unwrap_or_default(),
        ),
    ]
}

/// One touch point's cells for one segment, in [`SEGMENT_FIELDS`] order (`touchmap import` reads
/// them back into the same segments and overrides).
fn segment_cells(
    map: &Map,
    touchpoint: &TouchPoint,
    segment: &crate::model::Segment,
) -> [String; 6] {
    let own = touchpoint.segments.get(&segment.id);
    let next: Vec<String> = map
        .outgoing(&touchpoint.id)
        .into_iter()
        .filter_map(|(to, link)| {
            let share = link.segments.get(&segment.id)?.share?;
            Some(format!("{to}={share}"))
        })
        .collect();
    [
        segment.name.clone(),
        number(segment.weight),
        number(own.and_then(|own| own.score)),
        own.and_then(|own| own.importance)
            .map(|importance| importance.to_string())
            .unwrap_or_default(),
        number(own.and_then(|own| own.reach)),
        next.join("; "),
    ]
}

/// The fixed columns' names, in order.
fn columns() -> Vec<&'static str> {
    let id = crate::model::TouchPointId::new("x").expect("\"x\" is a valid touch point id");
    let blank = TouchPoint::new(id, "x");
    fixed_cells(&blank, None, "")
        .iter()
        .map(|(name, _)| *name)
        .collect()
}

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
    let touchpoints = map.touchpoints();
    let evidence_columns = touchpoints
        .iter()
        .map(|t| t.evidence.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let label_columns = touchpoints
        .iter()
        .map(|t| {
            let outgoing = map.outgoing(&t.id);
            if outgoing.iter().any(|(_, link)| link.label.is_some()) {
                outgoing.len()
            } else {
                0
            }
        })
        .max()
        .unwrap_or(0);
    let mut columns: Vec<String> = self::columns().into_iter().map(str::to_owned).collect();
    for segment in map.segments() {
        columns.extend(
            SEGMENT_FIELDS
                .iter()
                .map(|field| format!("segment:{}:{field}", segment.id)),
        );
    }
    columns.extend((1..=evidence_columns).map(|n| format!("evidence_{n}")));
    columns.extend((1..=label_columns).map(|n| format!("next_label_{n}")));
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
    let mut touchpoints = touchpoints;
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
        let labels = outgoing
            .iter()
            .map(|(_, link)| link.label.clone().unwrap_or_default());
        let findings = findings_of
            .get(&touchpoint.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut record: Vec<String> = fixed_cells(touchpoint, analysis, &next.join("; "))
            .into_iter()
            .map(|(_, cell)| cell)
            .collect();
        for segment in map.segments() {
            record.extend(segment_cells(map, touchpoint, segment));
        }
        let mut evidence: Vec<String> = touchpoint
            .evidence
            .iter()
            .map(crate::format::evidence_cell)
            .collect();
        evidence.resize(evidence_columns, String::new());
        record.extend(evidence);
        let mut labels: Vec<String> = labels.collect();
        labels.resize(label_columns, String::new());
        record.extend(labels);
        record.push(findings.join("; "));
        let _ = writer.write_record(record.iter().map(|cell| neutralise_formula(cell)));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
