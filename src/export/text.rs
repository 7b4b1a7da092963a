//! Escaping and small text helpers shared by the exports.

use std::fmt::Write as _;

/// Escapes text for XML and HTML content and attributes. Control characters XML does not allow are
/// dropped; bidirectional overrides are dropped too, so a name cannot reorder the text after it.
#[must_use]
pub fn xml_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            '\t' | '\n' => escaped.push(' '),
            c if c.is_control() || is_bidi_control(c) => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Whether a character changes the direction of the text around it.
#[must_use]
pub fn is_bidi_control(character: char) -> bool {
    matches!(character, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Text on one line with control and direction characters removed (for DOT, Mermaid, Markdown).
#[must_use]
pub fn single_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' || c == '\t' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .collect()
}

/// Text for a terminal: control characters (escape sequences, carriage returns, C1 codes such as
/// CSI) and direction overrides are dropped, so nothing from a map can act on the terminal; line
/// breaks stay.
#[must_use]
pub fn terminal(text: &str) -> String {
    text.chars()
        .filter(|&c| c == '\n' || !(c.is_control() || is_bidi_control(c)))
        .collect()
}

/// JSON for a terminal: serde already escapes C0 control characters inside strings; this escapes
/// the C1 ones and direction overrides too (as `\u009b`), so the JSON stays valid, carries the same
/// text, and nothing in it acts on the terminal.
#[must_use]
pub fn terminal_json(json: &str) -> String {
    // Only these bytes can start a character to escape: C0 controls and DEL (ASCII), C1 controls
    // (U+0080–U+009F, lead byte 0xC2) and direction marks (U+200E–U+2069, lead byte 0xE2). None of
    // them is a continuation byte, so each starts a character; everything between is copied whole,
    // which on a large report is most of the text.
    let bytes = json.as_bytes();
    let mut safe = String::with_capacity(json.len() + 16);
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = bytes[from..]
        .iter()
        .position(|&byte| MAY_START_CONTROL[usize::from(byte)])
    {
        let index = from + found;
        from = index + 1;
        let Some(c) = json[index..].chars().next() else {
            continue;
        };
        if c.is_control() || is_bidi_control(c) {
            safe.push_str(&json[copied..index]);
            let _ = write!(safe, "\\u{:04x}", u32::from(c));
            copied = index + c.len_utf8();
        }
    }
    safe.push_str(&json[copied..]);
    safe
}

/// The bytes [`terminal_json`] looks at: C0 controls but the line feed (pretty JSON has one per
/// line), DEL, and the lead bytes of C1 controls (0xC2) and direction marks (0xE2).
const MAY_START_CONTROL: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = byte != b'\n' as usize;
        byte += 1;
    }
    table[0x7f] = true;
    table[0xC2] = true;
    table[0xE2] = true;
    table
};

/// Splits text into at most `max_lines` lines of about `width` characters, breaking at spaces, with
/// an ellipsis when it does not fit.
#[must_use]
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in single_line(text).split_whitespace() {
        // A word longer than a line is cut, and says so: "Kundenzufriedenheitsbefragu…".
        let word: String = if word.chars().count() > width {
            let kept: String = word.chars().take(width.saturating_sub(1)).collect();
            format!("{kept}…")
        } else {
            word.to_owned()
        };
        if current.is_empty() {
            current = word;
        } else if current.chars().count() + 1 + word.chars().count() <= width {
            current.push(' ');
            current.push_str(&word);
        } else {
            lines.push(std::mem::take(&mut current));
            current = word;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let kept: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = format!("{kept}…");
        }
    }
    lines
}

/// A colour as `#rrggbb`.
#[must_use]
pub fn hex(colour: [u8; 3]) -> String {
    let mut text = String::from("#");
    for channel in colour {
        let _ = write!(text, "{channel:02x}");
    }
    text
}

/// A score for people: "1.6" or "–".
#[must_use]
pub fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |score| format!("{score:.1}"))
}

/// A sum of money or a count for people, as every report writes it: thousands separated from 100
/// up ("Total cost 40,800"), two decimals below ("0.48").
#[must_use]
pub fn number(value: f64) -> String {
    crate::numbers::money(value)
}

/// Cuts a text to one line of a width in points (measured with the bundled font, as the PDF
/// and the SVG charts draw it), with "…" at the end when it was cut (never mid-glyph).
pub(crate) fn fit_to_width(text: &str, width: f64, size: f64, bold: bool) -> String {
    let text = single_line(text);
    if measure(&text, size, bold) <= width {
        return text;
    }
    let mut kept = String::new();
    for character in text.chars() {
        kept.push(character);
        if measure(&kept, size, bold) + measure("…", size, bold) > width {
            kept.pop();
            break;
        }
    }
    format!("{}…", kept.trim_end())
}

/// The width of a text in points, from the bundled font's own glyph advances (a glyph the font
/// lacks counts as one em, so a line never overflows).
pub(crate) fn measure(text: &str, size: f64, bold: bool) -> f64 {
    thread_local! {
        static FACES: Option<(ttf_parser::Face<'static>, ttf_parser::Face<'static>)> =
            ttf_parser::Face::parse(crate::fonts::REGULAR, 0)
                .ok()
                .zip(ttf_parser::Face::parse(crate::fonts::BOLD, 0).ok());
    }
    FACES.with(|faces| {
        let Some((regular, bold_face)) = faces else {
            return text.chars().count() as f64 * size;
        };
        let face = if bold { bold_face } else { regular };
        let units = f64::from(face.units_per_em());
        let advance: f64 = text
            .chars()
            .map(|character| {
                face.glyph_index(character)
                    .and_then(|glyph| face.glyph_hor_advance(glyph))
                    .map_or(units, f64::from)
            })
            .sum();
        advance / units * size
    })
}

/// [`fit_to_width`] in the regular weight, for the SVG charts.
pub(crate) fn fit(text: &str, width: f64, size: f64) -> String {
    fit_to_width(text, width, size, false)
}

/// What a group of findings says about its touch point's place in the journeys, for every report
/// (terminal, Markdown, HTML, PDF): "every journey" for a must-pass touch point, else the share of
/// successful journeys lost if it failed ("loses 38% of successful journeys if it fails"). Empty
/// for map-level groups and where nothing would be lost.
#[must_use]
pub fn journey_mark(
    report: &crate::analysis::Report,
    group: &crate::analysis::FindingGroup<'_>,
) -> Option<String> {
    let analysis = report.touchpoint(group.touchpoint?)?;
    if analysis.must_pass {
        Some(crate::layout::EVERY_JOURNEY.to_owned())
    } else if analysis.removal_effect > 0.0 {
        Some(removal_text(analysis.removal_effect))
    } else {
        None
    }
}

/// A removal effect for people: "loses 38% of successful journeys if it fails".
#[must_use]
pub fn removal_text(removal_effect: f64) -> String {
    format!(
        "loses {} of successful journeys if it fails",
        crate::numbers::fine_percent(removal_effect)
    )
}

/// The line under the map's title in every picture and report (SVG, PNG, HTML, PDF): "Brand ·
/// 24 touch points, 31 links, 20 measured · overall score 3.4/5 · 12 findings". Plain text: each
/// export escapes it for its own format.
#[must_use]
pub fn map_subtitle(map: &crate::model::Map, report: &crate::analysis::Report) -> String {
    let summary = &report.summary;
    let brand = map
        .brand
        .as_deref()
        .filter(|brand| !brand.trim().is_empty())
        .map(|brand| format!("{brand} · "))
        .unwrap_or_default();
    let overall = if summary.overall_score.is_some() {
        format!("overall score {}", summary.overall_text())
    } else {
        summary.overall_text()
    };
    let findings = match report.findings.len() {
        1 => "1 finding".to_owned(),
        n => format!("{n} findings"),
    };
    format!(
        "{brand}{}, {}, {} measured · {overall} · {findings}",
        crate::numbers::count(summary.touchpoints, "touch point", "touch points"),
        crate::numbers::count(map.link_count(), "link", "links"),
        summary.measured
    )
}

/// A campaign's headline figures as every report shows them, as (label, value): customers brought
/// in, budget, goals reached (with the share), cost per goal, ROI, target.
#[must_use]
pub fn campaign_figures(
    campaign: &crate::analysis::CampaignPreflight,
) -> [(&'static str, String); 6] {
    use crate::numbers::{fine_percent, money, percent, whole};
    [
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
                Some(true) => "met",
                Some(false) => "missed",
                None => "–",
            }
            .to_owned(),
        ),
    ]
}

/// The columns of the campaigns side by side (DESIGN.md, "Side by side"), in every view's order.
pub const CAMPAIGN_COLUMNS: [&str; 11] = [
    "Verdict",
    "Campaign",
    "Dates",
    "Owner",
    "Reach",
    "Budget",
    "Goal reached",
    "Cost per goal",
    "ROI",
    "Poor experiences",
    "Worst finding",
];

/// A campaign's dates as people read them: "2027-03-01 – 2027-03-31", "from 2027-03-01", "no dates".
#[must_use]
pub fn campaign_dates(campaign: &crate::analysis::CampaignPreflight) -> String {
    match (&campaign.starts, &campaign.ends) {
        (Some(starts), Some(ends)) => format!("{starts} – {ends}"),
        (Some(starts), None) => format!("from {starts}"),
        (None, Some(ends)) => format!("until {ends}"),
        (None, None) => "no dates".to_owned(),
    }
}

/// One row of the campaigns side by side, cell by cell in [`CAMPAIGN_COLUMNS`]' order.
#[must_use]
pub fn campaign_row(
    map: &crate::model::Map,
    campaign: &crate::analysis::CampaignPreflight,
) -> [String; 11] {
    use crate::numbers::{fine_percent, money, percent, whole};
    let worst = campaign.findings.first().map_or_else(
        || "none".to_owned(),
        |finding| match &finding.touchpoint {
            Some(id) => format!(
                "{} {} at {}",
                finding.severity.as_str(),
                finding.rule.as_str(),
                map.name_of(id)
            ),
            None => format!("{} {}", finding.severity.as_str(), finding.rule.as_str()),
        },
    );
    [
        campaign.verdict.label().to_owned(),
        campaign.name.clone(),
        campaign_dates(campaign),
        campaign.owner.clone().unwrap_or_else(|| "–".to_owned()),
        whole(campaign.reach),
        money(campaign.budget),
        format!(
            "{} ({})",
            whole(campaign.goal_reached),
            fine_percent(campaign.goal_share)
        ),
        campaign.cost_per_goal.map_or_else(|| "–".to_owned(), money),
        campaign.roi.map_or_else(|| "–".to_owned(), percent),
        whole(campaign.total_exposure()),
        worst,
    ]
}

/// An objective's line under the table: "Double repeat sales by the summer (at Repeat purchase):
/// baseline 4,000 + 3,383 from 1 campaign = 7,383 of target 8,000 — missed".
#[must_use]
pub fn objective_line(map: &crate::model::Map, total: &crate::analysis::ObjectiveTotal) -> String {
    use crate::numbers::whole;
    let objective = map.plan().objective(&total.id);
    let name = objective.map_or(total.id.as_str(), |o| o.name.as_str());
    let goal = objective.map_or_else(String::new, |o| format!(" (at {})", map.name_of(&o.goal)));
    let campaigns = match total.campaigns {
        1 => "1 campaign".to_owned(),
        n => format!("{n} campaigns"),
    };
    let sum = match total.baseline {
        Some(baseline) => format!(
            "baseline {} + {} from {campaigns} = {}",
            whole(baseline),
            whole(total.goal_reached),
            whole(baseline + total.goal_reached)
        ),
        None => format!(
            "{} from {campaigns}, no baseline",
            whole(total.goal_reached)
        ),
    };
    let target = match (total.target, total.meets_target) {
        (Some(target), Some(true)) => format!(" of target {} — met", whole(target)),
        (Some(target), Some(false)) => format!(" of target {} — missed", whole(target)),
        (Some(target), None) => format!(", target {}", whole(target)),
        (None, _) => ", no target".to_owned(),
    };
    format!("{name}{goal}: {sum}{target}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_controls() {
        assert_eq!(
            xml_escape("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(xml_escape("a\u{0}b\u{202E}c"), "abc");
    }

    #[test]
    fn terminal_text_carries_no_escape_sequence() {
        let hostile = "Ad\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\r\u{202E}x\nnext";
        assert_eq!(terminal(hostile), "Ad]0;pwned[2J31mx\nnext");
        let json = serde_json::to_string(&serde_json::json!({"name": hostile})).expect("json");
        let safe = terminal_json(&json);
        assert!(
            !safe.chars().any(|c| c.is_control() || is_bidi_control(c)),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back["name"], hostile, "the same text");
    }

    #[test]
    fn terminal_json_escapes_exactly_what_a_char_by_char_pass_does() {
        let reference = |json: &str| {
            let mut safe = String::new();
            for c in json.chars() {
                if c != '\n' && (c.is_control() || is_bidi_control(c)) {
                    let _ = write!(safe, "\\u{:04x}", u32::from(c));
                } else {
                    safe.push(c);
                }
            }
            safe
        };
        // Lead bytes 0xC2 and 0xE2 also start harmless characters (é is 0xC3, but ¢ is 0xC2 0xA2,
        // € is 0xE2 0x82 0xAC, ‘ is 0xE2 0x80 0x98): those are kept.
        let samples = [
            "plain ascii",
            "\u{1b}[2J\u{7f}\u{85}\u{9b}¢ é € ‘quoted’ \u{200e}\u{200f}\u{202a}\u{202e}\u{2066}\u{2069}\u{2028}",
            "ends with C1\u{9f}",
            "\u{9b}starts with C1",
            "mixed 漢字 and emoji 🙂\u{202E} then\nnew line\ttab",
            "",
        ];
        for sample in samples {
            assert_eq!(terminal_json(sample), reference(sample), "{sample:?}");
        }
    }

    #[test]
    fn wraps_with_an_ellipsis() {
        assert_eq!(
            wrap("Dispatch e-mail with tracking link", 20, 2),
            vec!["Dispatch e-mail with", "tracking link"]
        );
        assert_eq!(
            wrap("one two three four five six", 8, 2),
            vec!["one two", "three…"]
        );
        assert_eq!(
            wrap("Kundenzufriedenheitsbefragung online", 12, 3),
            vec!["Kundenzufri…", "online"],
            "a long word is cut with an ellipsis, never silently"
        );
    }
}

/// One touch point's row of the "Evidence behind the scores" table of the HTML and PDF reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRow {
    /// The touch point's name.
    pub name: String,
    /// "3.4", or "not rated".
    pub score: String,
    /// "✓ data", "~ workshop", "none".
    pub strength: String,
    /// Where the score comes from: "3.4 (3.2–3.6, n = 214, survey.csv, 2026-11-30)" or "the
    /// room's rating".
    pub basis: String,
    /// Its evidence items, each on one line with its source, kind, date and rating.
    pub items: Vec<String>,
}

/// The rows of the evidence table: every touch point with a score or evidence, by name.
#[must_use]
pub fn evidence_rows(map: &crate::model::Map) -> Vec<EvidenceRow> {
    let mut rows: Vec<EvidenceRow> = map
        .touchpoints()
        .into_iter()
        .filter(|t| t.score.is_some() || !t.evidence.is_empty())
        .map(|t| {
            let strength = crate::model::EvidenceStrength::of(t.score, t.measured.as_ref());
            EvidenceRow {
                name: single_line(&t.name),
                score: t
                    .score
                    .map_or_else(|| "not rated".to_owned(), |s| crate::numbers::decimal(s, 2)),
                strength: format!("{} {}", strength.mark(), strength.as_str())
                    .trim()
                    .to_owned(),
                basis: match (&t.measured, t.score) {
                    (Some(measured), Some(_)) => measured.describe(),
                    (_, Some(_)) => "the room's rating".to_owned(),
                    (_, None) => "no score".to_owned(),
                },
                items: t
                    .evidence
                    .iter()
                    .map(|item| single_line(&item.describe()))
                    .collect(),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows
}

/// A file's name for messages and sources ("journeys.csv"), or the whole path when it has none.
#[must_use]
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// What a segment comparison says when no touch point's weakness differs.
#[must_use]
pub fn no_difference(comparison: &crate::analysis::SegmentComparison) -> &'static str {
    if comparison.comparable {
        "The segments see every touch point alike."
    } else {
        "No touch point has a score yet, so the segments' weak spots cannot be compared."
    }
}

/// A segment's weakness in the comparison's table: two decimals, "–" where it has no score.
#[must_use]
pub fn weakness_cell(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| crate::numbers::decimal(v, 2))
}
