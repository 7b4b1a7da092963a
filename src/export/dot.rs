//! The map as Graphviz DOT: stages as clusters, cards coloured by weakness, shares on the edges.

use std::fmt::Write as _;

use super::text::{hex, single_line};
use crate::analysis::Report;
use crate::layout;
use crate::model::Map;

/// Quotes a DOT string.
fn quoted(text: &str) -> String {
    let mut escaped = String::from("\"");
    for character in single_line(text).chars() {
        if character == '"' || character == '\\' {
            escaped.push('\\');
        }
        escaped.push(character);
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
                .map_or_else(|| "not rated".to_owned(), |s| format!("{s:.1}/5"));
            let border = if analysis.is_some_and(|a| a.critical) {
                ", penwidth=3, color=\"#96141e\""
            } else {
                ""
            };
            let _ = writeln!(
                dot,
                "    {} [label={}, fillcolor=\"{}\"{border}];",
                quoted(touchpoint.id.as_str()),
                quoted(&format!("{}\n{score}", touchpoint.name)).replace('\n', "\\n"),
                hex(layout::weakness_rgb(analysis.and_then(|a| a.weakness)))
            );
        }
        dot.push_str("  }\n");
    }
    for (from, to, link) in map.links() {
        let mut label = link
            .share
            .map(|share| format!("{:.0}%", share * 100.0))
            .unwrap_or_default();
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
        let _ = writeln!(
            dot,
            "  {} -> {}{label};",
            quoted(from.as_str()),
            quoted(to.as_str())
        );
    }
    dot.push_str("}\n");
    dot
}
