//! The review panels: the ranked weak spots (click one to select and centre its touch point) and
//! the charts — the per-stage score curve and the importance–performance matrix.

use egui::{Color32, RichText, Ui};
use egui_plot::{HLine, Line, Plot, PlotPoints, Points, Text, VLine};

use super::theme::severity_colour;
use super::workshop::Passing;
use super::{Action, ViewState};
use crate::analysis::{Quadrant, Report};
use crate::model::Map;

/// The most findings listed; a huge map lists its worst ones and says how many more there are.
const MAX_LISTED: usize = 200;

/// The weak-spots list, most severe first; with a filter set, only the touch points that pass it
/// (`matching`), and it says so. `all_groups` is the report's
/// [`group_indices`](Report::group_indices), kept from one frame to the next.
pub fn findings_ui(
    ui: &mut Ui,
    map: &Map,
    report: &Report,
    all_groups: &[Vec<usize>],
    matching: Option<&Passing>,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    ui.heading("Weak spots");
    let summary = &report.summary;
    ui.label(format!(
        "Overall {} · {} of {} measured",
        summary.overall_text(),
        summary.measured,
        summary.touchpoints
    ));
    ui.separator();
    if report.findings.is_empty() {
        ui.label("No weak spots found.");
        return;
    }
    if report.touchpoints.iter().any(|analysis| analysis.must_pass) {
        ui.label(
            RichText::new(crate::layout::EVERY_JOURNEY_LEGEND)
                .color(Color32::WHITE)
                .background_color(super::theme::rgb(crate::layout::MUST_PASS_RGB)),
        );
    }
    if report
        .touchpoints
        .iter()
        .any(|analysis| analysis.evidence != crate::model::EvidenceStrength::None)
    {
        ui.label(RichText::new(format!("Evidence {}", crate::layout::EVIDENCE_LEGEND)).small());
    }
    let groups: Vec<&[usize]> = match matching {
        None => all_groups.iter().map(Vec::as_slice).collect(),
        // A filter picks touch points, so the map-wide findings (no touch point) are left out.
        Some(ids) => all_groups
            .iter()
            .filter(|indices| {
                report.findings[indices[0]]
                    .touchpoint
                    .as_ref()
                    .is_some_and(|id| ids.contains(id))
            })
            .map(Vec::as_slice)
            .collect(),
    };
    if matching.is_some() {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "Filtered: {} of {} weak spots",
                    groups.len(),
                    all_groups.len()
                ))
                .strong(),
            );
            if ui.button("Clear filters").clicked() {
                view.filter = super::Filter::default();
            }
        });
        if groups.is_empty() {
            ui.label("No weak spot passes the filter.");
        }
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // One entry per touch point, headed by its worst severity; each rule once beneath it.
            for (index, indices) in groups.iter().enumerate().take(MAX_LISTED) {
                // Only the groups listed are built, each frame; the grouping itself is kept.
                let group = report.group(indices);
                let subject = group.subject(map);
                let selected = group.touchpoint.is_some_and(|id| view.selection.contains(id));
                let frame = egui::Frame::group(ui.style()).fill(if selected {
                    ui.visuals().selection.bg_fill.gamma_multiply(0.4)
                } else {
                    ui.visuals().panel_fill
                });
                let response = frame
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal_wrapped(|ui| {
                            ui.label(
                                RichText::new(group.severity.as_str().to_uppercase())
                                    .color(Color32::WHITE)
                                    .background_color(severity_colour(group.severity))
                                    .strong(),
                            );
                            ui.strong(&subject);
                            ui.label(RichText::new(group.rules()).weak());
                        });
                        if let Some(mark) = crate::export::text::journey_mark(report, &group) {
                            ui.label(RichText::new(mark).weak());
                        }
                        for finding in &group.findings {
                            ui.label(&finding.reason);
                            ui.label(RichText::new(format!("→ {}", finding.action)).italics());
                        }
                    })
                    .response;
                let response = ui.interact(
                    response.rect,
                    ui.scope_id().with(("finding", index)),
                    egui::Sense::click(),
                );
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        // Severity and rule of the worst finding, then the subject: the rest of
                        // the group's rules are read on screen.
                        format!(
                            "{} {} {subject}",
                            group.severity.as_str(),
                            group
                                .findings
                                .first()
                                .map_or("", |finding| finding.rule.as_str())
                        ),
                    )
                });
                if response.clicked()
                    && let Some(id) = group.touchpoint
                {
                    actions.push(Action::Focus(id.clone()));
                }
                if response.hovered() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                }
            }
            if groups.len() > MAX_LISTED {
                ui.label(format!(
                    "… and {} more, less severe. Export the report (File › Export) for the full list.",
                    groups.len() - MAX_LISTED
                ));
            }
        });
}

/// The height of the charts panel's plots, in points.
pub const CHART_HEIGHT: f32 = 220.0;

/// The per-stage score curve and the importance–performance matrix, side by side. With a filter
/// set (`matching`), the matrix shows only the touch points that pass it and the curve adds the
/// filtered touch points' mean score per stage beside the whole map's.
/// One segment's stage curve for the chart's overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentCurve {
    /// The segment's name.
    pub name: String,
    /// Stage index and average score, for the stages with a score.
    pub points: Vec<[f64; 2]>,
}

/// The stage curve's points: stage index and average score, for the stages with a score.
#[must_use]
pub fn stage_points(report: &Report) -> Vec<[f64; 2]> {
    report
        .summary
        .stages
        .iter()
        .enumerate()
        .filter_map(|(index, stage)| Some([index as f64, stage.score?]))
        .collect()
}

/// Line colours of the segments' curves, in the map's order (violet first, as the segment mark).
const SEGMENT_COLOURS: [Color32; 4] = [
    crate::ui::theme::SEGMENT,
    Color32::from_rgb(0, 140, 120),
    Color32::from_rgb(200, 60, 120),
    Color32::from_rgb(120, 110, 20),
];

/// Draws the charts; `dots` are the importance–performance chart's
/// ([`crate::export::charts::ipa_dots`], kept per analysis). `segments` is `Some` on a map with segments: the overlay's checkbox, and
/// every segment's curve while it is ticked.
pub fn charts_ui(
    ui: &mut Ui,
    dots: &[crate::export::charts::IpaDot],
    report: &Report,
    matching: Option<&Passing>,
    segments: Option<(&mut bool, &dyn Fn() -> Vec<SegmentCurve>)>,
) {
    // A fixed height: a plot sized from the space left makes a panel grow or shrink every frame.
    let height = CHART_HEIGHT;
    let width = (ui.available_width() / 2.0 - 8.0).max(150.0);
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.set_width(width);
            let mut overlay = None;
            ui.horizontal(|ui| {
                ui.strong("Score by stage (the emotion curve)");
                if let Some((shown, curves)) = segments {
                    ui.checkbox(shown, "every segment");
                    if *shown {
                        overlay = Some(curves());
                    }
                }
            });
            stage_curve_ui(ui, report, matching, overlay.as_deref(), height - 30.0);
        });
        ui.separator();
        ui.vertical(|ui| {
            ui.set_width(width);
            ui.strong(if matching.is_some() {
                "Importance vs performance (filtered)"
            } else {
                "Importance vs performance"
            });
            matrix_ui(ui, dots, report, matching, height - 30.0);
        });
    });
}

fn stage_curve_ui(
    ui: &mut Ui,
    report: &Report,
    matching: Option<&Passing>,
    overlay: Option<&[SegmentCurve]>,
    height: f32,
) {
    let filtered = matching.map(|passing| passing.stage_curve.clone());
    let stages: Vec<String> = report
        .summary
        .stages
        .iter()
        .map(|s| s.stage.clone())
        .collect();
    let points = stage_points(report);
    // egui_plot leaves out an axis label wider than the space between two ticks, which dropped
    // "Consideration" from a 480-point chart: every stage is named, shortened with "…" to fit.
    // The plot is narrower than the panel by its y axis (about 40 points); a character of the
    // axis font is at most about 8.5 points wide.
    let spacing = (ui.available_width() - 40.0) / stages.len().max(1) as f32;
    let room = ((spacing / 8.5) as usize).max(4);
    let labels: Vec<String> = stages
        .iter()
        .map(|stage| {
            if stage.chars().count() <= room {
                stage.clone()
            } else {
                let kept: String = stage.chars().take(room - 1).collect();
                format!("{}…", kept.trim_end())
            }
        })
        .collect();
    let mut plot = Plot::new("stage-curve");
    if overlay.is_some() {
        // Which line is which segment's.
        plot = plot.legend(egui_plot::Legend::default().position(egui_plot::Corner::RightBottom));
    }
    plot.height(height)
        .include_y(1.0)
        .include_y(5.0)
        .include_x(-0.3)
        .include_x(stages.len() as f64 - 0.7)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 5.0, 10.0]))
        .x_axis_formatter(move |mark, _| {
            let index = mark.value.round();
            if (mark.value - index).abs() < 1e-6 && index >= 0.0 {
                labels.get(index as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.hline(HLine::new("3 = neutral", 3.0).color(Color32::from_gray(150)));
            let everyone = Color32::from_rgb(70, 140, 230);
            plot.line(
                Line::new("everyone", PlotPoints::new(points.clone()))
                    .width(3.0)
                    .color(everyone),
            );
            plot.points(
                Points::new("everyone", PlotPoints::new(points))
                    .radius(5.0)
                    .color(everyone),
            );
            for (curve, colour) in overlay
                .unwrap_or_default()
                .iter()
                .zip(SEGMENT_COLOURS.iter().cycle())
            {
                plot.line(
                    Line::new(curve.name.as_str(), PlotPoints::new(curve.points.clone()))
                        .width(2.0)
                        .color(*colour),
                );
                plot.points(
                    Points::new(curve.name.as_str(), PlotPoints::new(curve.points.clone()))
                        .radius(3.5)
                        .color(*colour),
                );
            }
            if let Some(filtered) = filtered {
                let colour = Color32::from_rgb(200, 90, 20);
                plot.line(
                    Line::new("filtered", PlotPoints::new(filtered.clone()))
                        .width(2.0)
                        .color(colour),
                );
                plot.points(
                    Points::new("filtered stages", PlotPoints::new(filtered))
                        .radius(4.0)
                        .color(colour),
                );
            }
        });
}

fn matrix_ui(
    ui: &mut Ui,
    all_dots: &[crate::export::charts::IpaDot],
    report: &Report,
    matching: Option<&Passing>,
    height: f32,
) {
    use crate::export::charts::{
        IpaDot, ipa_legend_entry, ipa_offsets, legend_dots, quadrant_caption,
    };
    let summary = &report.summary;
    // Dots numbered as in the HTML and PDF reports, and keyed in the legend below the plot; a weak
    // spot is ringed whatever its quadrant. On a big map only the dots the legend names are
    // numbered (the weak spots first, at most 78) and moved sideways off each other; the rest are
    // small plain dots where they fall (17,000 numbers are unreadable, and spreading them cost
    // seconds a frame).
    let filtered: Vec<IpaDot>;
    let dots: &[IpaDot] = match matching {
        None => all_dots,
        Some(ids) => {
            filtered = all_dots
                .iter()
                .filter(|dot| ids.contains(&dot.id))
                .cloned()
                .collect();
            &filtered
        }
    };
    let numbered: Vec<&IpaDot> = legend_dots(dots);
    let unnumbered: Vec<&IpaDot> = if numbered.len() < dots.len() {
        let listed: std::collections::HashSet<usize> =
            numbered.iter().map(|dot| dot.number).collect();
        dots.iter()
            .filter(|dot| !listed.contains(&dot.number))
            .collect()
    } else {
        Vec::new()
    };
    let legend_height = 44.0;
    let plot_height = (height - legend_height).max(80.0);
    let owned: Vec<IpaDot> = numbered.iter().map(|&dot| dot.clone()).collect();
    let offsets = ipa_offsets(
        &owned,
        f64::from((ui.available_width() - 60.0).max(100.0)) / 5.0,
        f64::from((plot_height - 30.0).max(50.0)) / 4.0,
        15.0,
    );
    let spot = |index: usize| -> [f64; 2] {
        let dot = numbered[index];
        [dot.importance + offsets[index], dot.score]
    };
    // The ring of a weak spot: the theme's strongest text colour, dark on light and light on dark.
    let ring = ui.visuals().strong_text_color();
    // Each series' dots in the order they are plotted, for the hover text (written only for the
    // dot hovered).
    let mut series: Vec<(String, Vec<&IpaDot>)> = Vec::new();
    let quadrants = [
        Quadrant::Concentrate,
        Quadrant::KeepUp,
        Quadrant::LowPriority,
        Quadrant::Overkill,
    ];
    for quadrant in quadrants {
        for (name, list) in [
            (quadrant.as_str().to_owned(), &numbered),
            (format!("{} more", quadrant.as_str()), &unnumbered),
        ] {
            let in_quadrant = list
                .iter()
                .copied()
                .filter(|dot| dot.quadrant == quadrant)
                .collect();
            series.push((name, in_quadrant));
        }
    }
    let hover_series = &series;
    Plot::new("importance-performance")
        .label_formatter(move |position| match position {
            egui_plot::HoverPosition::NearDataPoint {
                plot_name, index, ..
            } => hover_series
                .iter()
                .find(|(name, _)| name == plot_name)
                .and_then(|(_, dots)| dots.get(*index))
                .map(|dot| {
                    format!(
                        "{}\nimportance {:.0}, score {:.1}: {}",
                        ipa_legend_entry(dot),
                        dot.importance,
                        dot.score,
                        quadrant_caption(dot.quadrant)
                    )
                }),
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
        .height(plot_height)
        .include_x(0.5)
        .include_x(5.5)
        .include_y(1.0)
        .include_y(5.0)
        .x_axis_label("importance")
        .y_axis_label("score")
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            if let (Some(importance), Some(score)) = (summary.mean_importance, summary.mean_score) {
                plot.vline(
                    VLine::new("mean importance", importance).color(Color32::from_gray(140)),
                );
                plot.hline(HLine::new("mean score", score).color(Color32::from_gray(140)));
                for (quadrant, x, y, anchor) in [
                    (
                        Quadrant::Concentrate,
                        5.45,
                        1.15,
                        egui::Align2::RIGHT_BOTTOM,
                    ),
                    (Quadrant::KeepUp, 5.45, 4.95, egui::Align2::RIGHT_TOP),
                    (Quadrant::LowPriority, 0.55, 1.15, egui::Align2::LEFT_BOTTOM),
                    (Quadrant::Overkill, 0.55, 4.95, egui::Align2::LEFT_TOP),
                ] {
                    plot.text(
                        Text::new(
                            quadrant.as_str(),
                            egui_plot::PlotPoint::new(x, y),
                            quadrant_caption(quadrant),
                        )
                        .anchor(anchor)
                        .color(super::theme::rgb(crate::layout::quadrant_rgb(quadrant))),
                    );
                }
            }
            for quadrant in quadrants {
                let colour = super::theme::rgb(crate::layout::quadrant_rgb(quadrant));
                // The unnumbered dots first, small, under the numbered ones.
                let more: Vec<[f64; 2]> = unnumbered
                    .iter()
                    .filter(|dot| dot.quadrant == quadrant)
                    .map(|dot| [dot.importance, dot.score])
                    .collect();
                if !more.is_empty() {
                    plot.points(
                        Points::new(format!("{} more", quadrant.as_str()), PlotPoints::new(more))
                            .radius(2.5)
                            .color(colour.gamma_multiply(0.7)),
                    );
                }
                let in_quadrant: Vec<usize> = (0..numbered.len())
                    .filter(|&i| numbered[i].quadrant == quadrant)
                    .collect();
                let weak: Vec<[f64; 2]> = in_quadrant
                    .iter()
                    .filter(|&&i| numbered[i].weak.is_some())
                    .map(|&i| spot(i))
                    .collect();
                plot.points(
                    Points::new(format!("{} weak", quadrant.as_str()), PlotPoints::new(weak))
                        .radius(9.0)
                        .color(ring),
                );
                plot.points(
                    Points::new(
                        quadrant.as_str(),
                        PlotPoints::new(in_quadrant.iter().map(|&i| spot(i)).collect()),
                    )
                    .radius(7.5)
                    .color(colour),
                );
            }
            for (index, dot) in numbered.iter().enumerate() {
                let [x, y] = spot(index);
                plot.text(Text::new(
                    format!("n{}", dot.number),
                    egui_plot::PlotPoint::new(x, y),
                    RichText::new(dot.number.to_string())
                        .size(9.0)
                        .strong()
                        .color(Color32::WHITE),
                ));
            }
        });
    egui::ScrollArea::vertical()
        .id_salt("ipa-legend")
        .max_height(legend_height)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for dot in &numbered {
                    let entry = RichText::new(ipa_legend_entry(dot)).small();
                    ui.label(if dot.weak.is_some() {
                        entry.strong()
                    } else {
                        entry
                    });
                }
                if !unnumbered.is_empty() {
                    ui.label(
                        RichText::new(format!(
                            "and {} more, not numbered (point at a dot for its name)",
                            crate::numbers::whole(unnumbered.len() as f64)
                        ))
                        .small()
                        .italics(),
                    );
                }
            });
        });
}
