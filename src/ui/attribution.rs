//! The Attribution panel (Workshop › Attribution): for each touch point, the room's importance
//! beside what the journeys say — the removal effect, the share of conversions lost if it failed —
//! as a table and paired bars, with the places where the two disagree named. Where the room and
//! the data disagree is the conversation a workshop needs (DESIGN.md "Path data and attribution").
//!
//! The data's numbers are the last path data imported in this session; without one, the map's own
//! removal effects (its shares, which path data may have set) are shown and say so.

use egui::{Color32, RichText, Ui};

use crate::analysis::Report;
use crate::model::{Map, TouchPointId};
use crate::numbers::{count, decimal, whole};
use crate::paths::Attribution;

/// Path data imported in this session, for the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct DataAttribution {
    /// The file's name.
    pub source: String,
    /// Its attribution over the touch points it matched.
    pub attribution: Attribution,
}

/// One touch point's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The touch point.
    pub id: TouchPointId,
    /// Its name.
    pub name: String,
    /// The room's importance, 1–5.
    pub importance: u8,
    /// The share of conversions lost if it failed (0–1).
    pub removal_effect: f64,
    /// Conversions the Markov model gives it (data only).
    pub conversions: Option<f64>,
    /// Journeys that pass it (data only).
    pub journeys: Option<f64>,
    /// Where the room and the data disagree, in words.
    pub disagreement: Option<&'static str>,
}

/// The room's importance (1–5 on 0–1) and the removal effect (as a share of the largest) differ by
/// at least this much: a disagreement worth the room's time.
pub const DISAGREEMENT: f64 = 0.5;

/// The rows, highest removal effect first: from the data when there is some, else from the map.
#[must_use]
pub fn rows(map: &Map, report: &Report, data: Option<&DataAttribution>) -> Vec<Row> {
    let mut rows: Vec<Row> = match data {
        Some(data) => data
            .attribution
            .steps
            .iter()
            .filter_map(|step| {
                let id = step.touchpoint.clone()?;
                let touchpoint = map.touchpoint(&id)?;
                Some(Row {
                    id,
                    name: touchpoint.name.clone(),
                    importance: touchpoint.importance,
                    removal_effect: step.removal_effect,
                    conversions: Some(step.markov_conversions),
                    journeys: Some(step.journeys),
                    disagreement: None,
                })
            })
            .collect(),
        None => report
            .touchpoints
            .iter()
            .filter_map(|analysis| {
                let touchpoint = map.touchpoint(&analysis.id)?;
                Some(Row {
                    id: analysis.id.clone(),
                    name: touchpoint.name.clone(),
                    importance: touchpoint.importance,
                    removal_effect: analysis.removal_effect,
                    conversions: None,
                    journeys: None,
                    disagreement: None,
                })
            })
            .collect(),
    };
    let largest = rows
        .iter()
        .map(|r| r.removal_effect)
        .fold(0.0_f64, f64::max);
    for row in &mut rows {
        let room = f64::from(row.importance.clamp(1, 5) - 1) / 4.0;
        let data = if largest > 0.0 {
            row.removal_effect / largest
        } else {
            0.0
        };
        row.disagreement = if room - data >= DISAGREEMENT {
            Some("the room rates it far higher than the journeys do")
        } else if data - room >= DISAGREEMENT {
            Some("the journeys need it far more than the room thinks")
        } else {
            None
        };
    }
    rows.sort_by(|a, b| {
        b.removal_effect
            .total_cmp(&a.removal_effect)
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

const DATA_COLOUR: Color32 = Color32::from_rgb(40, 110, 200);
const ROOM_COLOUR: Color32 = Color32::from_rgb(225, 130, 30);
const BAR_WIDTH: f32 = 150.0;

/// A bar of `fraction` (0–1) in a fixed width, with its words beside it.
fn bar(ui: &mut Ui, fraction: f64, colour: Color32, words: String, height: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(BAR_WIDTH, height), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let inner = rect.shrink2(egui::vec2(0.0, height * 0.2));
    painter.rect_filled(inner, 2.0, ui.visuals().faint_bg_color);
    let filled = egui::Rect::from_min_size(
        inner.min,
        egui::vec2(
            inner.width() * fraction.clamp(0.0, 1.0) as f32,
            inner.height(),
        ),
    );
    painter.rect_filled(filled, 2.0, colour);
    ui.add_sized([70.0, height], egui::Label::new(words));
}

/// Draws the panel as a window; `open` closes it.
pub fn attribution_ui(
    ctx: &egui::Context,
    map: &Map,
    report: &Report,
    data: Option<&DataAttribution>,
    open: &mut bool,
    actions: &mut Vec<super::Action>,
) {
    let area = ctx.content_rect();
    egui::Window::new("Attribution: the journeys against the room")
        .open(open)
        .collapsible(false)
        .default_width(760.0)
        .max_height(area.height() - 120.0)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(area.center_top() + egui::vec2(0.0, 60.0))
        .show(ctx, |ui| {
            let basis = if let Some(data) = data {
                format!(
                    "Journeys: {} — {} journeys, {} conversions (imported in this session).",
                    data.source,
                    whole(data.attribution.journeys),
                    whole(data.attribution.conversions)
                )
            } else {
                let links = map.links();
                let observed = links.iter().filter(|(_, _, link)| link.observed.is_some()).count();
                format!(
                    "From the map's own shares: {} of {} from path data, the rest guesses. File › Import path data… puts the journeys' numbers here.",
                    observed,
                    count(links.len(), "link", "links")
                )
            };
            ui.label(RichText::new(basis).strong());
            ui.horizontal(|ui| {
                ui.label(RichText::new("■ removal effect").color(DATA_COLOUR))
                    .on_hover_text("The share of conversions lost if the touch point failed (every customer arriving there leaving instead)");
                ui.label(RichText::new("■ the room's importance (1–5)").color(ROOM_COLOUR));
            });
            let rows = rows(map, report, data);
            let disagreeing = rows.iter().filter(|r| r.disagreement.is_some()).count();
            if disagreeing > 0 {
                ui.label(format!(
                    "The room and the journeys disagree on {}: talk about these first.",
                    count(disagreeing, "touch point", "touch points")
                ));
            }
            let height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
            egui::ScrollArea::vertical().auto_shrink([false, true]).show_rows(ui, height, rows.len(), |ui, range| {
                for row in &rows[range] {
                    ui.horizontal(|ui| {
                        let name = ui
                            .allocate_ui_with_layout(
                                egui::vec2(190.0, height),
                                egui::Layout::left_to_right(egui::Align::Center),
                                |ui| {
                                    ui.set_min_width(190.0);
                                    ui.add(egui::Button::new(&row.name).truncate().frame(false))
                                },
                            )
                            .inner
                            .on_hover_text(row.journeys.map_or_else(
                                || "Select it on the map".to_owned(),
                                |journeys| format!(
                                    "Passed by {} journeys; {} conversions by the Markov model. Click to select it on the map.",
                                    whole(journeys),
                                    decimal(row.conversions.unwrap_or(0.0), 1)
                                ),
                            ));
                        if name.clicked() {
                            actions.push(super::Action::Focus(row.id.clone()));
                        }
                        bar(ui, row.removal_effect, DATA_COLOUR, format!("{}%", decimal(row.removal_effect * 100.0, 0)), height);
                        bar(ui, f64::from(row.importance) / 5.0, ROOM_COLOUR, format!("{}/5", row.importance), height);
                        if let Some(words) = row.disagreement {
                            ui.label(RichText::new(words).strong());
                        }
                    });
                }
            });
        });
}

#[cfg(test)]
mod tests {
    use super::{DataAttribution, rows};
    use crate::model::{Map, TouchPoint, TouchPointId};
    use crate::paths::{Attribution, StepAttribution};

    fn step(id: &str, removal_effect: f64) -> StepAttribution {
        StepAttribution {
            name: id.to_owned(),
            touchpoint: TouchPointId::new(id).ok(),
            journeys: 10.0,
            removal_effect,
            markov_conversions: 0.0,
            markov_value: 0.0,
            first_touch: 0.0,
            last_touch: 0.0,
            linear: 0.0,
            first_touch_value: 0.0,
            last_touch_value: 0.0,
            linear_value: 0.0,
        }
    }

    /// The room's importance on 0–1 is (importance − 1)/4; the data's is the removal effect over
    /// the largest. A difference of 1/2 or more is a disagreement.
    #[test]
    fn the_room_and_the_journeys_disagree_where_their_scales_differ_by_half_or_more() {
        let mut map = Map::new("t");
        for (id, importance) in [("a", 1), ("b", 5), ("c", 3), ("d", 4)] {
            let mut touchpoint = TouchPoint::new(TouchPointId::new(id).expect("id"), id);
            touchpoint.importance = importance;
            map.add_touchpoint(touchpoint).expect("add");
        }
        let data = DataAttribution {
            source: "x.csv".into(),
            attribution: Attribution {
                journeys: 10.0,
                conversions: 5.0,
                value: 0.0,
                conversion_rate: 0.5,
                // Largest 0.8: a 1, b 1/4, c 3/4, d 1/2 of it.
                steps: vec![
                    step("a", 0.8),
                    step("b", 0.2),
                    step("c", 0.6),
                    step("d", 0.4),
                ],
                transitions: vec![],
            },
        };
        let report = crate::analysis::analyze(&map, &crate::analysis::Config::default());
        let found: Vec<(String, Option<&str>)> = rows(&map, &report, Some(&data))
            .into_iter()
            .map(|row| (row.id.to_string(), row.disagreement))
            .collect();
        assert_eq!(
            found,
            [
                // room 0, data 1: 1 ≥ 1/2.
                (
                    "a".into(),
                    Some("the journeys need it far more than the room thinks")
                ),
                // room 1/2, data 3/4: 1/4.
                ("c".into(), None),
                // room 3/4, data 1/2: exactly 1/4.
                ("d".into(), None),
                // room 1, data 1/4: 3/4 ≥ 1/2.
                (
                    "b".into(),
                    Some("the room rates it far higher than the journeys do")
                ),
            ]
        );
    }
}
