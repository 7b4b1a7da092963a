//! File › Import path data…: the columns of an events file (guessed from its header, picked from
//! it), the goal, whether to add the links the data takes, and a preview of every share before →
//! after with its interval and the steps no touch point matches — all before Apply, which is one
//! undoable edit (DESIGN.md "Path data and attribution"). The app reads the file on another thread
//! and calibrates; this module only draws the state and records the choices.

use std::path::PathBuf;
use std::sync::Arc;

use egui::{Color32, RichText, Ui};

use super::Action;
use crate::model::{Map, TouchPointId};
use crate::numbers::{count, decimal, whole};
use crate::paths::{Calibration, EventColumns, Header, PathSet};

/// What the preview was calibrated for: the goal and whether links are added.
pub type PreviewKey = (TouchPointId, bool);

/// The import dialog's state, kept while it is open.
pub struct PathImport {
    /// The file.
    pub file: PathBuf,
    /// Its header row.
    pub header: Header,
    /// The columns picked (the event layout), first guessed from the header.
    pub columns: EventColumns,
    /// The goal: arriving there is a conversion.
    pub goal: Option<TouchPointId>,
    /// Add a link for every move the data makes that the map lacks.
    pub add_links: bool,
    /// The file as read with these columns, or why it could not be read.
    pub read: Option<(EventColumns, Result<Arc<PathSet>, String>)>,
    /// The file is being read (on another thread) with these columns.
    pub reading: Option<EventColumns>,
    /// The calibration for a goal and links choice, or why there is none.
    pub preview: Option<(PreviewKey, Result<Box<Calibration>, String>)>,
}

impl PathImport {
    /// A dialog for a file whose header was read: the columns guessed, the goal the map's own.
    #[must_use]
    pub fn new(file: PathBuf, header: Header, map: &Map) -> Self {
        let columns = EventColumns::guess(&header.columns);
        Self {
            file,
            header,
            columns,
            goal: default_goal(map),
            add_links: true,
            read: None,
            reading: None,
            preview: None,
        }
    }

    /// The calibration shown, when it is for what is picked now.
    #[must_use]
    pub fn current(&self) -> Option<&Calibration> {
        let goal = self.goal.clone()?;
        match &self.preview {
            Some((key, Ok(calibration))) if *key == (goal, self.add_links) => Some(calibration),
            _ => None,
        }
    }
}

/// The map's goal: the first objective's touch point, else the only touch point marked goal;
/// `None` (the user picks) when the map does not say.
#[must_use]
pub fn default_goal(map: &Map) -> Option<TouchPointId> {
    if let Some(id) = map
        .plan()
        .objectives
        .iter()
        .map(|objective| objective.goal.clone())
        .find(|id| map.contains(id))
    {
        return Some(id);
    }
    let goals: Vec<TouchPointId> = map
        .touchpoints()
        .into_iter()
        .filter(|t| t.role == Some(crate::model::Role::Goal))
        .map(|t| t.id.clone())
        .collect();
    (goals.len() == 1).then(|| goals[0].clone())
}

const NONE: &str = "(none)";
const RED: Color32 = Color32::from_rgb(210, 40, 40);

/// One column picker: a combo of the header's names (with "(none)" when the column is optional).
fn column_combo(ui: &mut Ui, label: &str, value: &mut String, headers: &[String], optional: bool) {
    ui.label(label);
    let shown = if headers.iter().any(|h| h.eq_ignore_ascii_case(value)) {
        value.clone()
    } else if optional {
        NONE.to_owned()
    } else {
        format!("{value} (not in the file)")
    };
    egui::ComboBox::from_id_salt(("path-column", label))
        .selected_text(shown)
        .width(200.0)
        .show_ui(ui, |ui| {
            if optional {
                ui.selectable_value(value, String::new(), NONE);
            }
            for header in headers {
                ui.selectable_value(value, header.clone(), header);
            }
        });
}

/// One table cell of a fixed width, its text on the left (cut with "…" when too long).
fn cell(ui: &mut Ui, width: f32, height: f32, text: impl Into<egui::WidgetText>) {
    ui.allocate_ui_with_layout(
        egui::vec2(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_width(width);
            ui.add(egui::Label::new(text).truncate());
        },
    );
}

/// Draws the dialog; Apply and Cancel become actions.
pub fn path_import_ui(
    ctx: &egui::Context,
    map: &Map,
    state: &mut PathImport,
    actions: &mut Vec<Action>,
) {
    let name = crate::export::text::file_name(&state.file);
    let max_height = (ctx.content_rect().height() - 60.0).max(300.0);
    egui::Modal::new(egui::Id::unique("path-import")).show(ctx, |ui| {
        ui.set_max_width(880.0);
        ui.set_max_height(max_height);
        ui.heading(format!("Import path data: {name}"));
        if state.header.aggregated {
            ui.label("Aggregated paths (path; total_conversions; total_conversion_value; total_null), as the channelattribution package writes them.");
        } else {
            ui.label(format!(
                "One row per event ({}). Say which column is which:",
                count(state.header.columns.len(), "column", "columns")
            ));
            let headers = state.header.columns.clone();
            egui::Grid::new("path-columns").num_columns(4).spacing([12.0, 6.0]).show(ui, |ui| {
                column_combo(ui, "Journey (user or session)", &mut state.columns.journey, &headers, false);
                column_combo(ui, "Time", &mut state.columns.time, &headers, false);
                ui.end_row();
                column_combo(ui, "Step (channel, page)", &mut state.columns.step, &headers, false);
                column_combo(ui, "Value", &mut state.columns.value, &headers, true);
                ui.end_row();
                column_combo(ui, "Conversion", &mut state.columns.conversion, &headers, true);
                ui.label("Converts on the event");
                let mut text = state.columns.converts_on.clone().unwrap_or_default();
                let response = ui
                    .add(egui::TextEdit::singleline(&mut text).desired_width(200.0).hint_text("1/true/yes in the column"))
                    .on_hover_text("When the conversion column holds event names (GA4's event_name), the name that is a conversion: purchase, Order Completed, transaction. Empty: the column says 1, true or yes.");
                if response.changed() {
                    let trimmed = text.trim();
                    state.columns.converts_on = (!trimmed.is_empty()).then(|| trimmed.to_owned());
                }
                ui.end_row();
            });
        }
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.label("Goal (arriving there is a conversion):");
            let shown = state.goal.as_ref().map_or_else(|| "pick the goal".to_owned(), |id| map.name_of(id));
            egui::ComboBox::from_id_salt("path-goal").selected_text(shown).width(240.0).show_ui(ui, |ui| {
                for touchpoint in map.touchpoints() {
                    ui.selectable_value(&mut state.goal, Some(touchpoint.id.clone()), &touchpoint.name);
                }
            });
            ui.checkbox(&mut state.add_links, "Add the links the data takes that the map lacks");
        });
        ui.separator();
        preview_ui(ui, map, state, max_height - 260.0);
        ui.separator();
        ui.horizontal(|ui| {
            let ready = state.current().is_some();
            let apply = ui
                .add_enabled(ready, egui::Button::new(RichText::new("Apply (one step, Ctrl+Z undoes it)").strong()))
                .on_disabled_hover_text("Waiting for a preview: pick the columns and the goal");
            if apply.clicked() {
                actions.push(Action::ApplyPathImport);
            }
            if ui.button("Cancel").clicked() || ui.input(|input| input.key_pressed(egui::Key::Escape)) {
                actions.push(Action::ClosePathImport);
            }
        });
    });
}

/// What the data would change: the summary, every share before → after, the steps no touch point
/// matches, the moves the map lacks and the entries.
fn preview_ui(ui: &mut Ui, map: &Map, state: &PathImport, height: f32) {
    if state.reading.is_some() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Reading the file…");
        });
        return;
    }
    match &state.read {
        Some((_, Err(error))) => {
            ui.label(
                RichText::new(format!(
                    "The file cannot be read with these columns: {error}"
                ))
                .color(RED),
            );
            return;
        }
        None => return,
        Some((_, Ok(_))) => {}
    }
    let Some(goal) = &state.goal else {
        ui.label(
            RichText::new("Pick the goal: the touch point where a journey counts as a success.")
                .strong(),
        );
        return;
    };
    let calibration = match &state.preview {
        Some((key, result)) if key.0 == *goal && key.1 == state.add_links => result,
        _ => return,
    };
    let calibration = match calibration {
        Ok(calibration) => calibration,
        Err(error) => {
            ui.label(RichText::new(error).color(RED));
            return;
        }
    };
    let data = &calibration.attribution;
    let added = calibration.shares.iter().filter(|s| s.added).count();
    ui.label(
        RichText::new(format!(
            "{} journeys, {} {} ({}%) · {} set from the data{}",
            whole(data.journeys),
            whole(data.conversions),
            if (data.conversions - 1.0).abs() < f64::EPSILON {
                "conversion"
            } else {
                "conversions"
            },
            decimal(data.conversion_rate * 100.0, 1),
            count(calibration.shares.len() - added, "share", "shares"),
            if added > 0 {
                format!(", {} added", count(added, "link", "links"))
            } else {
                String::new()
            },
        ))
        .strong(),
    );
    ui.label(
        RichText::new("Each share becomes n ÷ of: the journeys that took the link out of those at its start; 95% is its Wilson interval. Links the data never takes get 0.")
            .weak(),
    );
    let rows = calibration.shares.len();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let table_height = (height * 0.6).clamp(row_height * 3.0, row_height * 14.0);
    ui.horizontal(|ui| {
        for (text, width) in [
            ("From → to", 380.0),
            ("before → after", 130.0),
            ("95%", 110.0),
            ("journeys", 120.0),
        ] {
            cell(ui, width, row_height, RichText::new(text).strong());
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("path-shares")
        .max_height(table_height)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, rows, |ui, range| {
            for change in &calibration.shares[range] {
                ui.horizontal(|ui| {
                    let link = format!(
                        "{} → {}{}",
                        map.name_of(&change.from),
                        map.name_of(&change.to),
                        if change.added { " (new link)" } else { "" }
                    );
                    cell(ui, 380.0, row_height, link);
                    let before = change
                        .before
                        .map_or_else(|| "even".to_owned(), |share| decimal(share, 2));
                    cell(
                        ui,
                        130.0,
                        row_height,
                        format!("{before} → {}", decimal(change.after, 2)),
                    );
                    cell(
                        ui,
                        110.0,
                        row_height,
                        format!("{}–{}", decimal(change.low, 2), decimal(change.high, 2)),
                    );
                    cell(
                        ui,
                        120.0,
                        row_height,
                        format!("{} of {}", whole(change.n), whole(change.of)),
                    );
                });
            }
        });
    egui::ScrollArea::vertical().id_salt("path-notes").max_height((height * 0.4).max(row_height * 3.0)).show(ui, |ui| {
        if !calibration.unmatched.is_empty() {
            ui.label(RichText::new(format!(
                "{} no touch point (dropped from the paths; give the touch point an alias under \"Also called in data\" in the inspector):",
                count(calibration.unmatched.len(), "step matches", "steps match")
            )).color(RED));
            let listed: Vec<String> = calibration
                .unmatched
                .iter()
                .take(30)
                .map(|(step, journeys)| format!("\"{step}\" ({})", count(*journeys as usize, "journey", "journeys")))
                .collect();
            let more = calibration.unmatched.len().saturating_sub(30);
            ui.label(format!("{}{}", listed.join(", "), if more > 0 { format!(" and {more} more") } else { String::new() }));
        }
        if !calibration.missing.is_empty() {
            ui.label(RichText::new(format!(
                "{} the data takes that the map lacks (tick \"Add the links\" to add them):",
                count(calibration.missing.len(), "move", "moves")
            )).strong());
            for (from, to, n) in calibration.missing.iter().take(30) {
                ui.label(format!("{} → {} ({})", map.name_of(from), map.name_of(to), count(*n as usize, "journey", "journeys")));
            }
        }
        if !calibration.entries.is_empty() {
            let entries: Vec<String> = calibration
                .entries
                .iter()
                .map(|(id, n)| format!("{} (reach {})", map.name_of(id), whole(*n)))
                .collect();
            ui.label(format!("Journeys start at: {}", entries.join(", ")));
        }
        if !calibration.entries_removed.is_empty() {
            let names: Vec<String> = calibration.entries_removed.iter().map(|id| map.name_of(id)).collect();
            ui.label(format!("No journey starts at {}: no longer an entry.", names.join(", ")));
        }
        if calibration.converted_unplaced > 0.0 {
            ui.label(format!(
                "{} converted without passing a matched touch point first: they cannot be placed on the map.",
                count(calibration.converted_unplaced as usize, "journey", "journeys")
            ));
        }
    });
}
