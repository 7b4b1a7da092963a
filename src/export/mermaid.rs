//! The map as a Mermaid flowchart (`flowchart LR`, stages as subgraphs).

use std::collections::HashMap;
use std::fmt::Write as _;

use super::text::{hex, single_line};
use crate::analysis::Report;
use crate::layout;
use crate::model::{Map, TouchPointId};

/// Text inside a Mermaid label, shown exactly as written: quotes, markup characters and `%` (so no
/// `%%{init}%%` directive or `%%` comment can form) as entity codes; a backslash followed by an
/// invisible word joiner (so `C:\\new` is no line break).
fn label(text: &str) -> String {
    let mut escaped = String::new();
    for character in single_line(text).chars() {
        match character {
            '%' => escaped.push_str("#37;"),
            // Mermaid decodes the entity and then reads `\n` as a line break: an invisible word
            // joiner after the backslash keeps `C:\new` on one line, looking as typed.
            '\\' => escaped.push_str("#92;\u{2060}"),
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
    // The title as a heading node, not the front matter's `title`: Mermaid shows that one
    // HTML-escaped ("R&amp;D") and decodes no entity codes there, so it cannot show every title
    // exactly; a label can.
    let mut text = format!(
        "flowchart LR\n  map_title[\"{}\"]\n  style map_title fill:none,stroke:none,font-size:20px,font-weight:bold\n",
        label(&map.title)
    );
    for (index, column) in layout::columns(map).iter().enumerate() {
        // An empty stage would float as a stray label outside the flow.
        if !touchpoints.iter().any(|t| t.stage == *column) {
            continue;
        }
        let _ = writeln!(
            text,
            "  subgraph s{index} [\"{}\"]",
            label(column.as_deref().unwrap_or("No stage"))
        );
        for touchpoint in touchpoints.iter().filter(|t| t.stage == *column) {
            let score = touchpoint
                .score
                .map_or_else(|| "not rated".to_owned(), crate::numbers::score);
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
