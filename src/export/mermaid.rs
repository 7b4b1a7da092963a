//! The map as a Mermaid flowchart (`flowchart LR`, stages as subgraphs).

use std::collections::HashMap;
use std::fmt::Write as _;

use super::text::{hex, single_line};
use crate::analysis::Report;
use crate::layout;
use crate::model::{Map, TouchPointId};

/// Text inside a Mermaid label, shown exactly as written: quotes, markup characters, `%` (so no
/// `%%{init}%%` directive or `%%` comment can form) and `\\` (so `C:\\new` is no line break) as
/// entity codes.
fn label(text: &str) -> String {
    let mut escaped = String::new();
    for character in single_line(text).chars() {
        match character {
            '%' => escaped.push_str("#37;"),
            '\\' => escaped.push_str("#92;"),
            '"' => escaped.push_str("#quot;"),
            '<' => escaped.push_str("#lt;"),
            '>' => escaped.push_str("#gt;"),
            '#' => escaped.push_str("#35;"),
            '&' => escaped.push_str("#amp;"),
            '`' => escaped.push_str("#96;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Text for the YAML front matter (the title), where Mermaid does not decode entity codes: a
/// double-quoted YAML string. An invisible word joiner (U+2060) goes between two `%` so no directive can form.
fn front_matter_text(text: &str) -> String {
    let mut escaped = String::new();
    let mut previous = ' ';
    for character in single_line(text).chars() {
        match character {
            '"' => escaped.push_str("\\\""),
            '\\' => escaped.push_str("\\\\"),
            '%' if previous == '%' => escaped.push_str("\u{2060}%"),
            c => escaped.push(c),
        }
        previous = character;
    }
    escaped
}

/// The map as a Mermaid flowchart. Node names are `n1`, `n2` … (Mermaid ids allow few characters);
/// the touch points' names are the labels.
#[must_use]
pub fn to_mermaid(map: &Map, report: &Report) -> String {
    let touchpoints = map.touchpoints();
    let node: HashMap<&TouchPointId, String> = touchpoints
        .iter()
        .enumerate()
        .map(|(i, t)| (&t.id, format!("n{}", i + 1)))
        .collect();
    let mut text = format!(
        "---\ntitle: \"{}\"\n---\nflowchart LR\n",
        front_matter_text(&map.title)
    );
    for (index, column) in layout::columns(map).iter().enumerate() {
        let _ = writeln!(
            text,
            "  subgraph s{index} [\"{}\"]",
            label(column.as_deref().unwrap_or("No stage"))
        );
        for touchpoint in touchpoints.iter().filter(|t| t.stage == *column) {
            let score = touchpoint
                .score
                .map_or_else(|| "not rated".to_owned(), |s| format!("{s:.1}/5"));
            let mark = if report
                .touchpoint(&touchpoint.id)
                .is_some_and(|analysis| analysis.must_pass)
            {
                format!("<br/>{}", label(layout::EVERY_JOURNEY))
            } else {
                String::new()
            };
            let _ = writeln!(
                text,
                "    {}[\"{}<br/>{score}{mark}\"]",
                node[&touchpoint.id],
                label(&touchpoint.name)
            );
        }
        text.push_str("  end\n");
    }
    for (from, to, link) in map.links() {
        let share = link.share.map(crate::numbers::percent);
        let text_label = match (share, link.label.as_deref()) {
            (Some(share), Some(extra)) => Some(format!("{share} {extra}")),
            (Some(share), None) => Some(share),
            (None, Some(extra)) => Some(extra.to_owned()),
            (None, None) => None,
        };
        match text_label {
            Some(edge) => {
                let _ = writeln!(
                    text,
                    "  {} -->|\"{}\"| {}",
                    node[from],
                    label(&edge),
                    node[to]
                );
            }
            None => {
                let _ = writeln!(text, "  {} --> {}", node[from], node[to]);
            }
        }
    }
    for touchpoint in &touchpoints {
        let analysis = report.touchpoint(&touchpoint.id);
        let fill = hex(layout::weakness_rgb(analysis.and_then(|a| a.weakness)));
        let stroke = if analysis.is_some_and(|a| a.must_pass) {
            format!(",stroke:{},stroke-width:3px", hex(layout::MUST_PASS_RGB))
        } else {
            String::new()
        };
        let _ = writeln!(text, "  style {} fill:{fill}{stroke}", node[&touchpoint.id]);
    }
    text
}
