//! The report's charts as SVG drawings, for the HTML report and the PDF alike (the editor draws
//! the same importance–performance dots with `egui_plot`, numbered from [`ipa_dots`]): the stage
//! curve, the importance–performance matrix with every dot numbered and keyed in a legend, and
//! where each campaign's customers go and are lost. Each function returns the SVG elements (no
//! `<svg>` wrapper) for a drawing `width` wide, and its height.

use std::fmt::Write as _;

use super::text::{fit, xml_escape};
use crate::analysis::{CampaignPreflight, Quadrant, Report, Rule, Severity};
use crate::model::{Map, TouchPointId};
use crate::numbers::whole;

const INK: &str = "#111827";
const MUTED: &str = "#4b5563";
const GRID: &str = "#e5e7eb";
/// The most names the chart's legend lists.
pub const LEGEND_LIMIT: usize = 78;

/// One measured touch point on the importance–performance chart.
#[derive(Debug, Clone, PartialEq)]
pub struct IpaDot {
    /// Its number on the chart and in the legend, from 1.
    pub number: usize,
    /// The touch point.
    pub id: TouchPointId,
    /// Its name.
    pub name: String,
    /// Importance, 1–5.
    pub importance: f64,
    /// Score, 1–5.
    pub score: f64,
    /// Its quadrant against the map's means.
    pub quadrant: Quadrant,
    /// The severity of its `weak` or `bottleneck` finding, if it is a weak spot: such a dot is
    /// ringed and its legend entry says so, whatever its quadrant.
    pub weak: Option<Severity>,
}

/// The quadrants in the order the dots are numbered.
const QUADRANT_ORDER: [Quadrant; 4] = [
    Quadrant::Concentrate,
    Quadrant::KeepUp,
    Quadrant::LowPriority,
    Quadrant::Overkill,
];

/// Every measured touch point as a numbered dot: the concentrate quadrant first, then keep-up,
/// low-priority and overkill, each by weakness (weakest first), then by name.
#[must_use]
pub fn ipa_dots(map: &Map, report: &Report) -> Vec<IpaDot> {
    // Each touch point's weak-spot severity, from one pass over the findings (not a search of
    // them per touch point: the editor draws this chart every frame, for 20,000 cards too).
    let mut weak_spots: std::collections::HashMap<&TouchPointId, Severity> =
        std::collections::HashMap::new();
    for finding in &report.findings {
        if let (Some(id), Rule::Weak | Rule::Bottleneck) = (&finding.touchpoint, finding.rule) {
            let worst = weak_spots.entry(id).or_insert(finding.severity);
            *worst = (*worst).max(finding.severity);
        }
    }
    let mut dots: Vec<(usize, f64, IpaDot)> = report
        .touchpoints
        .iter()
        .filter_map(|analysis| {
            let quadrant = analysis.quadrant?;
            let touchpoint = map.touchpoint(&analysis.id)?;
            let weak = weak_spots.get(&analysis.id).copied();
            Some((
                QUADRANT_ORDER.iter().position(|&q| q == quadrant)?,
                analysis.weakness.unwrap_or(0.0),
                IpaDot {
                    number: 0,
                    id: analysis.id.clone(),
                    name: touchpoint.name.clone(),
                    importance: f64::from(touchpoint.importance),
                    score: touchpoint.score?,
                    quadrant,
                    weak,
                },
            ))
        })
        .collect();
    dots.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.total_cmp(&a.1))
            .then_with(|| a.2.name.cmp(&b.2.name))
    });
    dots.into_iter()
        .enumerate()
        .map(|(index, (_, _, mut dot))| {
            dot.number = index + 1;
            dot
        })
        .collect()
}

/// What a quadrant means, relative to the map's means (never "good work": a touch point above the
/// mean score can still be a weak spot).
#[must_use]
pub fn quadrant_caption(quadrant: Quadrant) -> &'static str {
    match quadrant {
        Quadrant::Concentrate => "concentrate: important, below mean",
        Quadrant::KeepUp => "important, at or above mean",
        Quadrant::LowPriority => "less important, below mean",
        Quadrant::Overkill => "overkill? less important, above mean",
    }
}

/// The sentence under the chart: where the crosshairs are and what a ring means.
#[must_use]
pub fn ipa_note(report: &Report) -> String {
    let means = report
        .summary
        .mean_importance
        .zip(report.summary.mean_score)
        .map_or_else(String::new, |(importance, score)| {
            format!(" (importance {importance:.1}, score {score:.1}/5)")
        });
    format!(
        "Crosshairs at this map's means{means}: the quadrants compare touch points with each other, not with a standard. A ringed dot is a weak spot in the findings, whatever its quadrant."
    )
}

/// A dot's legend entry: "3 Courier delivery · weak spot (critical)".
#[must_use]
pub fn ipa_legend_entry(dot: &IpaDot) -> String {
    match dot.weak {
        Some(severity) => format!(
            "{} {} · weak spot ({})",
            dot.number,
            dot.name,
            severity.as_str()
        ),
        None => format!("{} {}", dot.number, dot.name),
    }
}

/// How far each dot moves sideways, in importance units, so that none covers another: dots are
/// `diameter` pixels across on a chart of `per_importance` pixels per point of importance and
/// `per_score` per point of score; each goes to the first free place of 0, +1, −1, +2, −2 …
/// diameters from its importance (the HTML, the PDF and the editor place them alike). Placed
/// dots are kept in rows one diameter high, so each dot looks at three rows, however big the map.
#[must_use]
pub fn ipa_offsets(
    dots: &[IpaDot],
    per_importance: f64,
    per_score: f64,
    diameter: f64,
) -> Vec<f64> {
    let mut placed: std::collections::HashMap<i64, Vec<(f64, f64)>> =
        std::collections::HashMap::new();
    dots.iter()
        .map(|dot| {
            let (base, y) = (dot.importance * per_importance, dot.score * per_score);
            let row = (y / diameter).floor() as i64;
            let free = |x: f64| {
                (row - 1..=row + 1).all(|near| {
                    placed.get(&near).is_none_or(|spots| {
                        spots
                            .iter()
                            .all(|&(px, py)| (px - x).hypot(py - y) >= diameter)
                    })
                })
            };
            let x = (0..40)
                .map(|step| {
                    let side = if step % 2 == 1 { 1.0 } else { -1.0 };
                    base + f64::from((step + 1) / 2) * diameter * side
                })
                .find(|&x| free(x))
                .unwrap_or(base);
            placed.entry(row).or_default().push((x, y));
            (x - base) / per_importance
        })
        .collect()
}

/// The dots the legend names: all of them up to [`LEGEND_LIMIT`]; past that (a legend of more
/// than 78 names helps nobody) the weak spots and the first of the rest, in number order. The
/// editor numbers only these on its chart.
#[must_use]
pub fn legend_dots(dots: &[IpaDot]) -> Vec<&IpaDot> {
    if dots.len() <= LEGEND_LIMIT {
        return dots.iter().collect();
    }
    let mut listed: Vec<&IpaDot> = dots.iter().filter(|dot| dot.weak.is_some()).collect();
    listed.truncate(LEGEND_LIMIT);
    let room = LEGEND_LIMIT - listed.len();
    listed.extend(dots.iter().filter(|dot| dot.weak.is_none()).take(room));
    listed.sort_by_key(|dot| dot.number);
    listed
}

/// A quadrant's colour in the matrix (one palette with the editor's chart).
fn quadrant_hex(quadrant: Quadrant) -> String {
    super::text::hex(crate::layout::quadrant_rgb(quadrant))
}

/// The importance–performance matrix: numbered dots, quadrants named relative to the means, and
/// a legend keying every number to its touch point.
#[must_use]
pub fn matrix_svg(map: &Map, report: &Report, width: f64) -> (String, f64) {
    let dots = ipa_dots(map, report);
    // On a wide drawing (a landscape PDF page) the legend stands beside the plot; otherwise
    // beneath it.
    let beside = width >= 700.0;
    let plot_width = if beside { 460.0 } else { width };
    let (left, right, top, plot_height) = (44.0, plot_width - 8.0, 8.0, 250.0);
    let bottom = top + plot_height;
    let x_of = |importance: f64| left + (importance - 0.5) / 5.0 * (right - left);
    let y_of = |score: f64| bottom - (score - 1.0) / 4.0 * (bottom - top);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<rect x="{left:.1}" y="{top:.1}" width="{:.1}" height="{plot_height:.1}" fill="#fafafa" stroke="#d1d5db"/>"##,
        right - left
    );
    for value in 1..=5 {
        let value = f64::from(value);
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="{MUTED}">{value}</text><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="{MUTED}">{value}</text>"#,
            x_of(value),
            bottom + 13.0,
            left - 5.0,
            y_of(value) + 3.5
        );
    }
    let _ = write!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="{MUTED}">importance to customers</text><text x="10" y="{:.1}" font-size="10" text-anchor="middle" fill="{MUTED}" transform="rotate(-90 10 {:.1})">score</text>"#,
        f64::midpoint(left, right),
        bottom + 26.0,
        f64::midpoint(top, bottom),
        f64::midpoint(top, bottom)
    );
    if let (Some(importance), Some(score)) =
        (report.summary.mean_importance, report.summary.mean_score)
    {
        let (x, y) = (x_of(importance), y_of(score));
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{top:.1}" y2="{bottom:.1}" stroke="#9ca3af" stroke-dasharray="4 3"/><line x1="{left:.1}" x2="{right:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#9ca3af" stroke-dasharray="4 3"/>"##
        );
        let corners = [
            (Quadrant::Concentrate, right - 5.0, bottom - 5.0, "end"),
            (Quadrant::KeepUp, right - 5.0, top + 12.0, "end"),
            (Quadrant::LowPriority, left + 5.0, bottom - 5.0, "start"),
            (Quadrant::Overkill, left + 5.0, top + 12.0, "start"),
        ];
        let room = (right - left) / 2.0 - 8.0;
        for (quadrant, x, y, anchor) in corners {
            let weight = if quadrant == Quadrant::Concentrate {
                "bold"
            } else {
                "normal"
            };
            let _ = write!(
                svg,
                r#"<text x="{x:.1}" y="{y:.1}" font-size="9.5" font-weight="{weight}" text-anchor="{anchor}" fill="{}">{}</text>"#,
                quadrant_hex(quadrant),
                xml_escape(&fit(quadrant_caption(quadrant), room, 9.5))
            );
        }
    }
    let offsets = ipa_offsets(&dots, (right - left) / 5.0, (bottom - top) / 4.0, 15.0);
    for (dot, offset) in dots.iter().zip(&offsets) {
        let (x, y) = (
            x_of(dot.importance) + offset * (right - left) / 5.0,
            y_of(dot.score),
        );
        let ring = if dot.weak.is_some() {
            r##" stroke="#111827" stroke-width="2""##
        } else {
            r##" stroke="#ffffff" stroke-width="1""##
        };
        let _ = write!(
            svg,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="7.5" fill="{}"{ring}><title>{}</title></circle><text x="{x:.1}" y="{:.1}" font-size="8.5" font-weight="bold" text-anchor="middle" fill="#ffffff">{}</text>"##,
            quadrant_hex(dot.quadrant),
            xml_escape(&format!(
                "{} (importance {}, score {:.1}, {})",
                dot.name,
                dot.importance,
                dot.score,
                quadrant_caption(dot.quadrant)
            )),
            y + 3.0,
            dot.number
        );
    }
    // The note under the plot; the legend beside or beneath it, in one or two columns.
    let mut y = bottom + 44.0;
    for line in super::text::wrap(&ipa_note(report), (plot_width / 5.6) as usize, 3) {
        let _ = write!(
            svg,
            r#"<text x="0" y="{y:.1}" font-size="9.5" fill="{MUTED}">{}</text>"#,
            xml_escape(&line)
        );
        y += 13.0;
    }
    let (legend_left, legend_top, legend_width) = if beside {
        (plot_width + 16.0, top + 10.0, width - plot_width - 16.0)
    } else {
        (0.0, y + 4.0, width)
    };
    // Beside the plot, a column holds 26 entries (the plot's height and its note); beneath it,
    // two columns.
    let listed = legend_dots(&dots);
    let columns = if beside {
        listed.len().div_ceil(26).max(1)
    } else {
        2
    };
    let column = legend_width / columns as f64;
    let rows = listed.len().div_ceil(columns);
    for (index, dot) in listed.iter().enumerate() {
        let (x, row) = (legend_left + (index / rows) as f64 * column, index % rows);
        let weight = if dot.weak.is_some() { "bold" } else { "normal" };
        // The name is cut to fit, never the weak-spot mark after it.
        let suffix = dot
            .weak
            .map(|severity| format!(" · weak spot ({})", severity.as_str()))
            .unwrap_or_default();
        let number = format!("{} ", dot.number);
        let bold = dot.weak.is_some();
        let room = column
            - 8.0
            - super::text::measure(&number, 9.5, bold)
            - super::text::measure(&suffix, 9.5, bold);
        let name = super::text::fit_to_width(&dot.name, room, 9.5, bold);
        let _ = write!(
            svg,
            r#"<text x="{x:.1}" y="{:.1}" font-size="9.5" font-weight="{weight}" fill="{INK}">{}</text>"#,
            legend_top + row as f64 * 13.0,
            xml_escape(&format!("{number}{name}{suffix}"))
        );
    }
    let mut legend_bottom = legend_top + rows as f64 * 13.0;
    if listed.len() < dots.len() {
        let _ = write!(
            svg,
            r#"<text x="{legend_left:.1}" y="{legend_bottom:.1}" font-size="9.5" fill="{MUTED}">… and {} more touch points, not weak spots</text>"#,
            whole((dots.len() - listed.len()) as f64)
        );
        legend_bottom += 13.0;
    }
    (
        svg,
        if beside {
            legend_bottom.max(y)
        } else {
            legend_bottom
        },
    )
}

/// The stage curve: the average score of every stage, from 1 to 5, with 3 (neutral) marked.
#[must_use]
pub fn stage_curve_svg(report: &Report, width: f64) -> (String, f64) {
    let stages = &report.summary.stages;
    let (left, top, bottom) = (34.0, 14.0, 160.0);
    let step = if stages.len() > 1 {
        (width - left - 60.0) / (stages.len() - 1) as f64
    } else {
        0.0
    };
    let y_of = |score: f64| bottom - (score - 1.0) / 4.0 * (bottom - top);
    let x_of = |index: usize| left + 30.0 + index as f64 * step;
    let mut svg = String::new();
    for value in 1..=5 {
        let y = y_of(f64::from(value));
        let stroke = if value == 3 { "#9ca3af" } else { GRID };
        let _ = write!(
            svg,
            r#"<line x1="{left:.1}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="{stroke}"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="{MUTED}">{value}</text>"#,
            width - 8.0,
            left - 6.0,
            y + 3.5
        );
    }
    let room = if stages.len() > 1 { step - 4.0 } else { 200.0 };
    for (index, stage) in stages.iter().enumerate() {
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="{INK}">{}</text>"#,
            x_of(index),
            bottom + 16.0,
            xml_escape(&fit(&stage.stage, room, 10.0))
        );
    }
    let points: Vec<(f64, f64, f64)> = stages
        .iter()
        .enumerate()
        .filter_map(|(index, stage)| stage.score.map(|value| (x_of(index), y_of(value), value)))
        .collect();
    if points.len() > 1 {
        let polyline = points
            .iter()
            .map(|(x, y, _)| format!("{x:.1},{y:.1}"))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = write!(
            svg,
            r##"<polyline points="{polyline}" fill="none" stroke="#2563eb" stroke-width="3"/>"##
        );
    }
    for (x, y, value) in &points {
        let fill = if *value < 3.0 { "#c81e28" } else { "#2563eb" };
        let _ = write!(
            svg,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="{fill}"/><text x="{x:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="{INK}">{value:.1}</text>"#,
            y - 9.0
        );
    }
    (svg, bottom + 24.0)
}

/// Where a campaign's customers go (dark bars) and where they are lost (red bars beneath), for the
/// touch points most of them pass or leave at.
#[must_use]
pub fn campaign_flow_svg(map: &Map, campaign: &CampaignPreflight, width: f64) -> (String, f64) {
    let rows = campaign.report_rows();
    let label_width = (width * 0.34).min(230.0);
    let bar_width = width - label_width - 110.0;
    let row_height = 24.0;
    let scale = if campaign.reach > 0.0 {
        bar_width / campaign.reach
    } else {
        0.0
    };
    let mut svg = String::new();
    for (index, row) in rows.iter().enumerate() {
        let y = 4.0 + index as f64 * row_height;
        let name = map
            .touchpoint(&row.id)
            .map_or_else(|| row.id.to_string(), |t| t.name.clone());
        let lost = if row.lost >= 0.5 {
            format!(" · {} lost", whole(row.lost))
        } else {
            String::new()
        };
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="10.5" text-anchor="end" fill="{INK}">{}</text><rect x="{label_width:.1}" y="{y:.1}" width="{:.1}" height="14" fill="#1e3a8a"/><rect x="{label_width:.1}" y="{:.1}" width="{:.1}" height="5" fill="#b91c1c"/><text x="{:.1}" y="{:.1}" font-size="10.5" fill="{INK}">{}{lost}</text>"##,
            label_width - 8.0,
            y + 11.5,
            xml_escape(&fit(&name, label_width - 12.0, 10.5)),
            row.customers * scale,
            y + 15.0,
            row.lost * scale,
            label_width + row.customers * scale + 6.0,
            y + 11.5,
            whole(row.customers)
        );
    }
    (svg, rows.len() as f64 * row_height + 8.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Config, analyze};

    #[test]
    fn every_measured_touch_point_is_numbered_once_and_weak_spots_are_marked() {
        let map = crate::format::from_str(include_str!("../../examples/online-store.json"))
            .expect("the example loads");
        let report = analyze(&map, &Config::default());
        let dots = ipa_dots(&map, &report);
        let measured = map
            .touchpoints()
            .iter()
            .filter(|t| t.score.is_some())
            .count();
        assert_eq!(dots.len(), measured);
        let numbers: Vec<usize> = dots.iter().map(|dot| dot.number).collect();
        assert_eq!(numbers, (1..=measured).collect::<Vec<_>>());
        // Every touch point with a weak finding carries it on its dot, whatever the quadrant.
        for finding in report
            .findings
            .iter()
            .filter(|finding| finding.rule == Rule::Weak)
        {
            let dot = dots
                .iter()
                .find(|dot| Some(&dot.id) == finding.touchpoint.as_ref())
                .expect("a weak spot is measured");
            assert!(dot.weak >= Some(finding.severity), "{}", dot.name);
            assert!(ipa_legend_entry(dot).contains("weak spot"));
        }
        // No dot covers another once placed (92 px per point of importance, 60 per point of
        // score, dots 15 across — the HTML chart's scale).
        let offsets = ipa_offsets(&dots, 92.0, 60.0, 15.0);
        for (i, a) in dots.iter().enumerate() {
            for (j, b) in dots.iter().enumerate().skip(i + 1) {
                let dx = (a.importance + offsets[i] - b.importance - offsets[j]) * 92.0;
                let dy = (a.score - b.score) * 60.0;
                assert!(
                    dx.hypot(dy) >= 15.0 - 1e-9,
                    "{} and {} overlap",
                    a.name,
                    b.name
                );
            }
        }
        // The chart keys each number to its name in the legend, marks every weak spot there
        // (however long its name), and never says "good work" — beneath the plot on a page
        // column, beside it on a landscape page.
        for width in [515.0, 770.0] {
            let (svg, _) = matrix_svg(&map, &report, width);
            for dot in &dots {
                let start: String = dot.name.chars().take(12).collect();
                assert!(
                    svg.contains(&format!(">{} {}", dot.number, xml_escape(&start))),
                    "{}",
                    dot.name
                );
            }
            let weak = dots.iter().filter(|dot| dot.weak.is_some()).count();
            assert!(weak > 0);
            assert_eq!(svg.matches(" · weak spot (").count(), weak);
            assert!(!svg.contains("good work"));
        }
    }
}
