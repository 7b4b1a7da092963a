//! The banner over the canvas that lists a merged map's conflicts (DESIGN.md, "Teams"): where, the
//! value in the common ancestor, ours and theirs, and a button for each side. The app resolves.

use egui::{Color32, RichText, Ui};

use super::Action;
use crate::merge::{Conflict, Side, conflicts};
use crate::model::Map;

/// The banner's background: amber, readable in light and dark themes with dark text.
const BANNER: Color32 = Color32::from_rgb(255, 224, 150);
const BANNER_TEXT: Color32 = Color32::from_rgb(40, 30, 0);
/// Values longer than this are cut in the banner (the tooltip of the place has the path), so that
/// the row fits a projector's width.
const LONGEST_VALUE: usize = 24;
/// The list scrolls past this height, so that a long merge leaves the map in view.
const LIST_HEIGHT: f32 = 190.0;

/// Draws the banner when the map has conflicts (nothing otherwise).
pub fn conflicts_banner_ui(ui: &mut Ui, map: &Map, open: &mut bool, actions: &mut Vec<Action>) {
    let list = match conflicts(map) {
        Ok(list) if list.is_empty() => return,
        Ok(list) => list,
        Err(error) => {
            banner(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "⚠ This map's list of merge conflicts cannot be read ({error}); fix it in the file, or resolve the merge with git."
                    ))
                    .color(BANNER_TEXT)
                    .strong(),
                );
            });
            return;
        }
    };
    banner(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "⚠ {} from a merge: both sides changed {}. The map keeps ours until you choose.",
                    crate::numbers::count(list.len(), "conflict", "conflicts"),
                    if list.len() == 1 { "this" } else { "these" }
                ))
                .color(BANNER_TEXT)
                .strong(),
            );
            let toggle = if *open { "Hide the list" } else { "Show the list" };
            if ui.button(toggle).clicked() {
                *open = !*open;
            }
        });
        if !*open {
            return;
        }
        egui::ScrollArea::vertical()
            .max_height(LIST_HEIGHT)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                egui::Grid::new("merge-conflicts")
                    .num_columns(5)
                    .spacing([14.0, 4.0])
                    .show(ui, |ui| {
                        for (position, conflict) in list.iter().enumerate() {
                            row(ui, map, position, conflict, actions);
                            ui.end_row();
                        }
                    });
            });
    });
}

fn banner(ui: &mut Ui, content: impl FnOnce(&mut Ui)) {
    egui::Frame::new()
        .fill(BANNER)
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            content(ui);
        });
}

fn row(ui: &mut Ui, map: &Map, position: usize, conflict: &Conflict, actions: &mut Vec<Action>) {
    let place = conflict.place(map);
    // The buttons first: however long the values, they stay on screen.
    ui.horizontal(|ui| {
        for (text, side, hover) in [
            (
                "Keep ours",
                Side::Ours,
                "Keep our value and take this conflict off the list",
            ),
            (
                "Take theirs",
                Side::Theirs,
                "Use their value instead (one undo step)",
            ),
        ] {
            if ui.button(text).on_hover_text(hover).clicked() {
                actions.push(Action::ResolveConflict {
                    position,
                    side,
                    label: format!("{text}: {place}"),
                });
            }
        }
    });
    ui.label(RichText::new(&place).color(BANNER_TEXT).strong())
        .on_hover_text(&conflict.path);
    for (word, value) in [
        ("base", &conflict.base),
        ("ours", &conflict.ours),
        ("theirs", &conflict.theirs),
    ] {
        ui.label(
            RichText::new(format!(
                "{word}: {}",
                Conflict::shown(value.as_ref(), LONGEST_VALUE)
            ))
            .color(BANNER_TEXT),
        )
        .on_hover_text(Conflict::shown(value.as_ref(), 2_000));
    }
}
