//! The map as SVG, drawn from the same layout as the canvas: stage columns, cards coloured by
//! weakness, arrows with share labels, a title and a legend.

use std::fmt::Write as _;

use super::text::{hex, wrap, xml_escape};
use crate::analysis::{Report, Severity};
use crate::layout::{self, CARD_HEIGHT, CARD_WIDTH, HEADER_HEIGHT};
use crate::model::Map;

/// Space above the map for the title.
const TITLE_HEIGHT: f64 = 64.0;
/// Space below the map for the legend.
const LEGEND_HEIGHT: f64 = 76.0;
/// The font stack; the PNG renderer has the bundled `DejaVu Sans`.
const FONT: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

fn severity_hex(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "#c81e28",
        Severity::High => "#e16e14",
        Severity::Medium => "#be9600",
        Severity::Low => "#6e7887",
    }
}

/// A standalone SVG file.
#[must_use]
pub fn to_svg(map: &Map, report: &Report) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
        svg_element(map, report)
    )
}

/// The picture's size in canvas units (width, height), as the SVG and PNG exports draw it.
#[must_use]
pub fn picture_size(map: &Map) -> (f64, f64) {
    let bounds = layout::bounds(map);
    (
        // Wide enough for the legend's two lines, which a small map would cut off.
        bounds.width.max(1080.0),
        bounds.height + TITLE_HEIGHT + LEGEND_HEIGHT,
    )
}

/// The `<svg>` element alone, for embedding in HTML.
#[must_use]
pub fn svg_element(map: &Map, report: &Report) -> String {
    let bounds = layout::bounds(map);
    let (width, height) = picture_size(map);
    let (origin_x, origin_y) = (bounds.x, bounds.y - TITLE_HEIGHT);
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="{origin_x:.1} {origin_y:.1} {width:.1} {height:.1}" font-family="{FONT}">"#,
    );
    let _ = writeln!(svg, "<title>{}</title>", xml_escape(&map.title));
    svg.push_str(
        r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b7280"/></marker></defs>
"##,
    );
    let _ = writeln!(
        svg,
        r##"<rect x="{origin_x:.1}" y="{origin_y:.1}" width="{width:.1}" height="{height:.1}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="24" font-weight="bold" fill="#111827">{}</text>"##,
        origin_x + 16.0,
        origin_y + 34.0,
        xml_escape(&map.title)
    );
    let _ = writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="13" fill="#4b5563">{}</text>"##,
        origin_x + 16.0,
        origin_y + 54.0,
        xml_escape(&super::text::map_subtitle(map, report))
    );

    let column_bottom = bounds.y + bounds.height;
    for (index, column) in layout::columns(map).iter().enumerate() {
        let left = layout::column_left(index);
        let fill = if index % 2 == 0 { "#eef0f3" } else { "#f6f7f9" };
        let _ = writeln!(
            svg,
            r#"<rect x="{left:.1}" y="0" width="{:.1}" height="{column_bottom:.1}" fill="{fill}"/>"#,
            layout::STAGE_WIDTH
        );
        let _ = writeln!(
            svg,
            r##"<rect x="{left:.1}" y="0" width="{:.1}" height="{HEADER_HEIGHT:.1}" fill="#dde1e7"/><text x="{:.1}" y="{:.1}" font-size="16" font-weight="bold" text-anchor="middle" fill="#1f2937">{}</text>"##,
            layout::STAGE_WIDTH,
            left + layout::STAGE_WIDTH / 2.0,
            HEADER_HEIGHT / 2.0 + 6.0,
            xml_escape(column.as_deref().unwrap_or("No stage"))
        );
    }

    // Labels go on top of everything, each where it overlaps no card and no other label.
    let cards: Vec<layout::Rect> = map
        .touchpoints()
        .iter()
        .map(|t| {
            let has_tab = report
                .touchpoint(&t.id)
                .is_some_and(|analysis| analysis.must_pass);
            layout::label_keep_out(layout::card_rect(map, t), has_tab, t.votes > 0, 1.0)
        })
        .collect();
    let mut placed_labels: Vec<layout::Rect> = Vec::new();
    let mut labels = String::new();
    for (from, to, link) in map.links() {
        let (Some(from_point), Some(to_point)) = (map.touchpoint(from), map.touchpoint(to)) else {
            continue;
        };
        let curve = layout::link_curve(
            layout::card_rect(map, from_point),
            layout::card_rect(map, to_point),
        );
        let texts = layout::link_label_texts(link);
        let label = texts.first().cloned().unwrap_or_default();
        // The link's tooltip names both ends and the label, also when the label had no room.
        let tooltip = if label.is_empty() {
            format!("{} → {}", from_point.name, to_point.name)
        } else {
            format!("{} → {}: {label}", from_point.name, to_point.name)
        };
        let _ = writeln!(
            svg,
            r##"<path d="M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="none" stroke="#6b7280" stroke-width="1.8" marker-end="url(#arrow)"><title>{}</title></path>"##,
            curve[0][0],
            curve[0][1],
            curve[1][0],
            curve[1][1],
            curve[2][0],
            curve[2][1],
            curve[3][0],
            curve[3][1],
            xml_escape(&tooltip)
        );
        // The whole label where it overlaps no card and no other label; else the share alone;
        // else nothing (a link running behind a row of cards) — the link's tooltip keeps it.
        let placed = texts.iter().find_map(|text| {
            let text = wrap(text, 28, 1).join("");
            // DejaVu Sans at 11 px: about 6.6 px a character, wide letters included.
            let size = [text.chars().count() as f64 * 6.6 + 6.0, 14.0];
            layout::label_spot(curve, size, &cards, &placed_labels).map(|spot| (text, size, spot))
        });
        if let Some((text, size, [x, y])) = placed {
            placed_labels.push(layout::Rect {
                x: x - size[0] / 2.0,
                y: y - size[1] / 2.0,
                width: size[0],
                height: size[1],
            });
            let _ = writeln!(
                labels,
                r##"<text x="{x:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#111827" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
                y + 4.0,
                xml_escape(&text)
            );
        }
    }

    for touchpoint in map.touchpoints() {
        let rect = layout::card_rect(map, touchpoint);
        let analysis = report.touchpoint(&touchpoint.id);
        let fill = hex(layout::weakness_rgb(analysis.and_then(|a| a.weakness)));
        let must_pass = analysis.is_some_and(|a| a.must_pass);
        let must_pass_colour = hex(layout::MUST_PASS_RGB);
        let (stroke, stroke_width) = if must_pass {
            (must_pass_colour.as_str(), 3.0)
        } else {
            ("#828282", 1.0)
        };
        let _ = writeln!(svg, "<g><title>{}</title>", xml_escape(&touchpoint.name));
        let _ = writeln!(
            svg,
            r#"<rect x="{:.1}" y="{:.1}" width="{CARD_WIDTH:.1}" height="{CARD_HEIGHT:.1}" rx="8" fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"/>"#,
            rect.x, rect.y
        );
        if let Some(severity) = report.worst_severity(&touchpoint.id) {
            let _ = writeln!(
                svg,
                r#"<rect x="{:.1}" y="{:.1}" width="6" height="{:.1}" fill="{}"/>"#,
                rect.x + 1.0,
                rect.y + 4.0,
                CARD_HEIGHT - 8.0,
                severity_hex(severity)
            );
        }
        let text = layout::CardText::of(touchpoint);
        // Up to three lines of name, as on the canvas; a third takes the detail line's place.
        let name_lines = wrap(text.name, 21, 3);
        for (line_index, line) in name_lines.iter().enumerate() {
            let _ = writeln!(
                svg,
                r##"<text x="{:.1}" y="{:.1}" font-size="14" font-weight="bold" fill="#191c23">{}</text>"##,
                rect.x + 12.0,
                rect.y + 22.0 + line_index as f64 * 17.0,
                xml_escape(line)
            );
        }
        if name_lines.len() < 3 {
            let _ = writeln!(
                svg,
                r##"<text x="{:.1}" y="{:.1}" font-size="11" fill="#3c424e">{}</text>"##,
                rect.x + 12.0,
                rect.y + CARD_HEIGHT - 28.0,
                xml_escape(&wrap(&text.details, 30, 1).join(""))
            );
        }
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#191c23">{}</text>"##,
            rect.x + 12.0,
            rect.y + CARD_HEIGHT - 10.0,
            xml_escape(&text.footer)
        );
        if must_pass {
            // A tab above the card, clear of the card's own text and of the vote dots on the right.
            let _ = writeln!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" font-size="11" font-weight="bold" fill="{must_pass_colour}">{}</text>"#,
                rect.x + 4.0,
                rect.y - 4.0,
                layout::EVERY_JOURNEY
            );
        }
        if let Some(votes) = &text.votes {
            // The vote count as a number on a badge at the bottom-right corner, as on the canvas
            // (the top right is where a campaign's badge goes in the editor).
            let width = votes.chars().count() as f64 * 7.5 + 10.0;
            let (x, y) = (
                rect.x + CARD_WIDTH - width - 4.0,
                rect.y + CARD_HEIGHT - 8.0,
            );
            let _ = writeln!(
                svg,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{width:.1}" height="18" rx="8" fill="#3c46c8"/><text x="{:.1}" y="{:.1}" font-size="12" font-weight="bold" text-anchor="middle" fill="#ffffff">{}</text>"##,
                x + width / 2.0,
                y + 13.0,
                xml_escape(votes)
            );
        }
        svg.push_str("</g>\n");
    }

    svg.push_str(&labels);

    // Legend.
    let legend_y = column_bottom + 18.0;
    let mut x = origin_x + 16.0;
    let _ = writeln!(
        svg,
        r##"<text x="{x:.1}" y="{:.1}" font-size="12" fill="#374151">Weakness:</text>"##,
        legend_y + 13.0
    );
    x += 76.0;
    for (label, weakness) in [
        ("fine", Some(0.0)),
        ("medium", Some(0.3)),
        ("weak", Some(0.6)),
        ("unmeasured", None),
    ] {
        let _ = writeln!(
            svg,
            r##"<rect x="{x:.1}" y="{legend_y:.1}" width="18" height="18" rx="3" fill="{}" stroke="#828282"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#374151">{label}</text>"##,
            hex(layout::weakness_rgb(weakness)),
            x + 24.0,
            legend_y + 13.0
        );
        x += 34.0 + label.len() as f64 * 7.5;
    }
    let _ = writeln!(
        svg,
        r##"<rect x="{x:.1}" y="{legend_y:.1}" width="18" height="18" rx="3" fill="#ffffff" stroke="{}" stroke-width="3"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#374151">{}</text>"##,
        hex(layout::MUST_PASS_RGB),
        x + 24.0,
        legend_y + 13.0,
        layout::EVERY_JOURNEY_LEGEND
    );
    if map.touchpoints().iter().any(|t| t.score.is_some()) {
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#374151">Evidence {}</text>"##,
            origin_x + 16.0,
            legend_y + 37.0,
            layout::EVIDENCE_LEGEND
        );
    }
    svg.push_str("</svg>\n");
    svg
}
