//! The map as Graphviz DOT: stages as clusters, cards coloured by weakness, shares on the edges.

use std::fmt::Write as _;

use super::text::{hex, single_line};
use crate::analysis::Report;
use crate::layout;
use crate::model::Map;

/// Quotes a DOT string so Graphviz shows it exactly as written: quotes and backslashes escaped
/// (so `\n`, `\l`, `\N` in a name stay text) and `&` as `&amp;` (Graphviz decodes entities such as
/// `&lt;` in labels).
fn quoted(text: &str) -> String {
    let mut escaped = String::from("\"");
    for character in single_line(text).chars() {
        match character {
            '"' | '\\' => {
                escaped.push('\\');
                escaped.push(character);
            }
            '&' => escaped.push_str("&amp;"),
            c => escaped.push(c),
        }
    }
    escaped.push('"');
    escaped
}

/// The map as a DOT digraph.
#[must_use]
pub fn to_dot(map: &Map, report: &Report) -> String {
    let mut dot = String::new();
    let _ = writeln!(
        dot,
        "digraph touchmap {{\n  label={};\n  labelloc=t;\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"DejaVu Sans\"];",
        quoted(&map.title)
    );
    let columns = layout::columns(map);
    for (index, column) in columns.iter().enumerate() {
        let _ = writeln!(
            dot,
            "  subgraph cluster_{index} {{\n    label={};",
            quoted(column.as_deref().unwrap_or("No stage"))
        );
        for touchpoint in map.touchpoints().into_iter().filter(|t| t.stage == *column) {
            let analysis = report.touchpoint(&touchpoint.id);
            let score = touchpoint
                .score
                .map_or_else(|| "not rated".to_owned(), crate::numbers::score);
            let must_pass = analysis.is_some_and(|a| a.must_pass);
            let border = if must_pass {
                format!(", penwidth=3, color=\"{}\"", hex(layout::MUST_PASS_RGB))
            } else {
                String::new()
            };
            let mark = if must_pass {
                format!("\n{}", layout::EVERY_JOURNEY)
            } else {
                String::new()
            };
            let _ = writeln!(
                dot,
                "    {} [label={}, fillcolor=\"{}\"{border}];",
                quoted(touchpoint.id.as_str()),
                quoted(&format!("{}\n{score}{mark}", touchpoint.name)).replace('\n', "\\n"),
                hex(layout::weakness_rgb(analysis.and_then(|a| a.weakness)))
            );
        }
        dot.push_str("  }\n");
    }
    for (from, to, link) in map.links() {
        let mut label = link.share.map(crate::numbers::percent).unwrap_or_default();
        if let Some(text) = &link.label {
            if !label.is_empty() {
                label.push(' ');
            }
            label.push_str(text);
        }
        let label = if label.is_empty() {
            String::new()
        } else {
            format!(" [label={}]", quoted(&label))
        };
        // A link back to an earlier stage (a loop) must not pull that stage to the right of this
        // one: Graphviz ranks by the links, so back links are drawn but left out of the ranking.
        let backwards = match (map.touchpoint(from), map.touchpoint(to)) {
            (Some(from), Some(to)) => {
                layout::column_of(map, to.stage.as_deref())
                    < layout::column_of(map, from.stage.as_deref())
            }
            _ => false,
        };
        let constraint = if backwards {
            if label.is_empty() {
                " [constraint=false]".to_owned()
            } else {
                format!("{}, constraint=false]", &label[..label.len() - 1])
            }
        } else {
            label
        };
        let _ = writeln!(
            dot,
            "  {} -> {}{constraint};",
            quoted(from.as_str()),
            quoted(to.as_str())
        );
    }
    dot.push_str("}\n");
    dot
}
