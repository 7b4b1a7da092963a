//! The Campaigns panel's calendar: the dated campaigns as bars over the weeks, the days on which a
//! touch point is overloaded shaded, and a touch point's daily load against its capacity, with the
//! same in words beneath (the HTML and PDF draw theirs with `export::calendar_chart`).

use egui::{Color32, RichText, Ui};

use super::super::ViewState;
use super::verdict_colour;
use crate::analysis::Preflight;
use crate::model::{Day, Map};
use crate::numbers::whole;

/// The calendar: the dated campaigns as bars over the weeks, the days on which a touch point is
/// overloaded shaded, and the daily load of the selected touch point (else the most strained one)
/// against its capacity. A sentence under it says the same in words.
pub(super) fn calendar_ui(ui: &mut Ui, map: &Map, preflight: &Preflight, view: &ViewState) {
    let schedule = &preflight.schedule;
    let Some((first, last)) = schedule.span() else {
        if preflight.campaigns.len() > 1 {
            ui.label(
                RichText::new("Calendar: give the campaigns a start and an end date to see whether the team can take their customers.")
                    .weak(),
            );
        }
        return;
    };
    egui::CollapsingHeader::new("Calendar")
        .id_salt("campaign-calendar")
        .default_open(true)
        .show(ui, |ui| {
            // The pre-flight's rows are the touch points in id order, as the schedule counts them:
            // the selected touch point is found there, with no list of the map made per frame.
            let rows = preflight
                .campaigns
                .first()
                .map_or(&[][..], |campaign| campaign.touchpoints.as_slice());
            let chosen = view
                .selection
                .first()
                .and_then(|id| rows.binary_search_by(|row| row.id.cmp(id)).ok())
                .filter(|&t| schedule.capacity(t).is_some() || schedule.peak(t) > 0.0)
                .or_else(|| schedule.most_strained().map(|(t, _)| t));
            let days = (last.since(first) + 1) as f32;
            let width = ui.available_width().max(200.0);
            let row = 30.0;
            let plot = if chosen.is_some() { 70.0 } else { 0.0 };
            let height = 18.0 + schedule.runs.len() as f32 * row + plot + 8.0;
            let (rect, response) =
                ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
            let painter = ui.painter_at(rect);
            let text = ui.visuals().text_color();
            let weak = ui.visuals().weak_text_color();
            let x_of = |day: Day| rect.left() + width * day.since(first) as f32 / days;
            let bars_top = rect.top() + 18.0;
            let bars_bottom = bars_top + schedule.runs.len() as f32 * row;
            let overloaded: Vec<_> = schedule
                .periods
                .iter()
                .filter(|period| period.overloaded)
                .collect();
            for period in &overloaded {
                painter.rect_filled(
                    egui::Rect::from_x_y_ranges(
                        x_of(period.first)..=x_of(period.last.plus(1)),
                        bars_top..=bars_bottom,
                    ),
                    0.0,
                    Color32::from_rgba_unmultiplied(220, 38, 38, 60),
                );
            }
            let mut day = first;
            let mut last_label = f32::NEG_INFINITY;
            while day <= last {
                if day.weekday() == 0 || day == first {
                    let x = x_of(day);
                    painter.vline(
                        x,
                        (rect.top() + 14.0)..=bars_bottom,
                        egui::Stroke::new(0.5, weak),
                    );
                    if x - last_label > 48.0 {
                        painter.text(
                            egui::pos2(x + 2.0, rect.top()),
                            egui::Align2::LEFT_TOP,
                            day.short(),
                            egui::FontId::proportional(11.0),
                            weak,
                        );
                        last_label = x;
                    }
                }
                day = day.plus(1);
            }
            for (index, run) in schedule.runs.iter().enumerate() {
                let campaign = &preflight.campaigns[run.campaign];
                let y = bars_top + index as f32 * row;
                painter.text(
                    egui::pos2(rect.left() + 2.0, y + 1.0),
                    egui::Align2::LEFT_TOP,
                    format!("{} · {}", campaign.name, campaign.verdict.label()),
                    egui::FontId::proportional(12.0),
                    text,
                );
                painter.rect_filled(
                    egui::Rect::from_x_y_ranges(
                        x_of(run.first)..=x_of(run.last.plus(1)).max(x_of(run.first) + 2.0),
                        (y + 16.0)..=(y + 26.0),
                    ),
                    2.0,
                    verdict_colour(campaign.verdict),
                );
            }
            let mut words = Vec::new();
            if let Some(touchpoint) = chosen {
                let capacity = schedule.capacity(touchpoint);
                let peak = schedule.peak(touchpoint);
                let most = peak.max(capacity.unwrap_or_default()).max(1e-9) * 1.15;
                let top = bars_bottom + 6.0;
                let y_of = |load: f64| top + plot - 4.0 - (plot - 8.0) * (load / most) as f32;
                let line = egui::Stroke::new(2.0, Color32::from_rgb(29, 78, 216));
                for period in &schedule.periods {
                    let load = schedule.load(period, touchpoint);
                    painter.hline(
                        x_of(period.first)..=x_of(period.last.plus(1)),
                        y_of(load),
                        line,
                    );
                }
                painter.hline(rect.x_range(), y_of(0.0), egui::Stroke::new(0.5, weak));
                if let Some(capacity) = capacity {
                    let dashes = egui::Shape::dashed_line(
                        &[
                            egui::pos2(rect.left(), y_of(capacity)),
                            egui::pos2(rect.right(), y_of(capacity)),
                        ],
                        egui::Stroke::new(1.5, Color32::from_rgb(185, 28, 28)),
                        6.0,
                        4.0,
                    );
                    painter.extend(dashes);
                }
                let name = map.name_of(&rows[touchpoint].id);
                words.push(match capacity {
                    Some(capacity) => format!(
                        "{name}: up to {} extra customers a day (blue) against {} it can take (dashed red).",
                        whole(peak),
                        whole(capacity)
                    ),
                    None => format!(
                        "{name}: up to {} extra customers a day; no capacity set (inspector: \"Extra customers a day it can take\").",
                        whole(peak)
                    ),
                });
            }
            if let (Some(first), Some(last)) = (overloaded.first(), overloaded.last()) {
                words.push(format!(
                    "Shaded: a touch point is overloaded from {} to {}.",
                    first.first.short(),
                    last.last.short()
                ));
            }
            let undated = preflight.undated();
            if !undated.is_empty() {
                words.push(format!("Not on the calendar (no dates): {}.", undated.join(", ")));
            }
            let summary = words.join(" ");
            response.on_hover_text(&summary);
            ui.label(RichText::new(summary).small());
            ui.label(
                RichText::new("Select a touch point on the map to see its daily load.").weak().small(),
            );
        });
}
