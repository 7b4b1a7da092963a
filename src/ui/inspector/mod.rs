//! The inspector panel: edits every field of the selected touch point or link, or the map's title,
//! brand and stages when nothing is selected. Values are checked as they are typed; a refused value
//! is shown in red with the reason and never reaches the map.
//!
//! One file per subject: `touchpoint.rs`, `link.rs`, `map.rs`; the touch point's fields are the
//! tables in `fields.rs`.

mod fields;
mod link;
mod map;
mod touchpoint;

use std::collections::BTreeMap;

use egui::{Color32, RichText, Ui};

use super::{Action, ViewState};
use crate::analysis::Report;
use crate::edit::{Edit, MergeKey};
use crate::model::{Map, Segment};

/// The text boxes of the inspector, kept between frames so that a half-typed or refused value stays
/// on screen instead of jumping back.
#[derive(Debug, Clone, Default)]
pub struct InspectorState {
    subject: Option<String>,
    synced_revision: u64,
    emitted_at: Option<u64>,
    text: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
}

impl InspectorState {
    fn sync(
        &mut self,
        subject: String,
        revision: u64,
        load: impl FnOnce(&mut BTreeMap<String, String>),
    ) {
        let ours = self.emitted_at == Some(self.synced_revision);
        if self.subject.as_ref() == Some(&subject) && (revision == self.synced_revision || ours) {
            if revision != self.synced_revision {
                self.synced_revision = revision;
                self.emitted_at = None;
            }
            return;
        }
        self.subject = Some(subject);
        self.synced_revision = revision;
        self.emitted_at = None;
        self.text.clear();
        self.errors.clear();
        load(&mut self.text);
    }

    /// Reloads the boxes from the map in the next frame (after a reset the map's value is new).
    fn forget(&mut self) {
        self.subject = None;
    }

    fn buffer(&mut self, key: &str) -> &mut String {
        self.text.entry(key.to_owned()).or_default()
    }
}

/// A value for an edit box: empty when the field is not set.
fn number_text(value: Option<f64>) -> String {
    value.map(crate::numbers::editable).unwrap_or_default()
}

/// Draws the inspector for the current selection.
///
/// `map` is the map as the editor shows it; while a segment is shown (`segment`), the score,
/// importance, reach and shares are its values: a value of its own is marked and can be reset to
/// everyone's.
pub fn inspector_ui(
    ui: &mut Ui,
    map: &Map,
    report: &Report,
    (revision, segment): (u64, Option<&Segment>),
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if view.selection.len() == 1
                && let Some(touchpoint) = view.selection.first().and_then(|id| map.touchpoint(id))
            {
                touchpoint::touchpoint_ui(
                    ui,
                    map,
                    report,
                    touchpoint,
                    (revision, segment),
                    view,
                    actions,
                );
            } else if view.selection.len() > 1 {
                ui.heading(format!("{} touch points selected", view.selection.len()));
                for id in &view.selection {
                    if let Some(touchpoint) = map.touchpoint(id) {
                        ui.label(&touchpoint.name);
                    }
                }
                ui.add_space(8.0);
                if ui.button("Delete them").clicked() {
                    actions.push(Action::DeleteSelection);
                }
            } else if let Some((from, to)) = view.selected_link.clone()
                && let Some(link) = map.link(&from, &to)
            {
                link::link_ui(
                    ui,
                    map,
                    (&from, &to),
                    link,
                    (revision, segment),
                    view,
                    actions,
                );
            } else {
                map::map_ui(ui, map, revision, view, actions);
            }
        });
}

/// Where a link's share comes from, for the inspector and the canvas's hover text: "from path data:
/// 52 of 72 journeys (95% 0.61–0.81)", or that it is a guess.
#[must_use]
pub fn share_basis(link: &crate::model::Link) -> String {
    match link.observed {
        Some(observed) => {
            let (low, high) = crate::paths::wilson(observed.n, observed.of);
            format!(
                "from path data: {} of {} journeys (95% {}–{}); typing a share drops it",
                crate::numbers::whole(observed.n),
                crate::numbers::whole(observed.of),
                crate::numbers::decimal(low, 2),
                crate::numbers::decimal(high, 2)
            )
        }
        None if link.share.is_some() => "a guess: no path data behind it".to_owned(),
        None => "no share: an even split of what the shared links leave".to_owned(),
    }
}

/// The inspector's key for what it edits: the subject, and the segment whose values it shows.
fn subject(what: String, segment: Option<&Segment>) -> String {
    match segment {
        Some(segment) => format!("{what}@{}", segment.id),
        None => what,
    }
}

/// Under a value a segment can have its own of, while one is shown: that it is the segment's own
/// (marked, with a button back to everyone's) or everyone's. Returns whether Reset was clicked.
fn segment_note(ui: &mut Ui, segment: Option<&Segment>, own: bool, what: &str) -> bool {
    let Some(segment) = segment else {
        return false;
    };
    ui.horizontal_wrapped(|ui| {
        if own {
            ui.label(
                RichText::new(format!("● {what} for {} only", segment.name))
                    .color(crate::ui::theme::SEGMENT)
                    .strong(),
            );
            ui.button(format!("Use everyone's {what}"))
                .on_hover_text(format!(
                    "Drop the {what} for {} only: they get the map's value again",
                    segment.name
                ))
                .clicked()
        } else {
            ui.label(
                RichText::new(format!(
                    "everyone's {what}; a change here is for {} only",
                    segment.name
                ))
                .weak(),
            );
            false
        }
    })
    .inner
}

fn error_line(ui: &mut Ui, state: &InspectorState, key: &str) {
    if let Some(error) = state.errors.get(key) {
        ui.label(RichText::new(error).color(Color32::from_rgb(210, 40, 40)));
    }
}

/// A labelled single-line box; returns whether it changed.
fn text_row(ui: &mut Ui, state: &mut InspectorState, key: &str, label: &str, hint: &str) -> bool {
    let label = ui.label(label);
    let response = ui.add(
        egui::TextEdit::singleline(state.buffer(key))
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    );
    let response = response.labelled_by(label.id);
    error_line(ui, state, key);
    response.changed()
}

/// Pushes an edit typed in the inspector: keystrokes in one box merge into one undo step, and the
/// boxes keep their text when the map comes back with this edit applied.
fn emit_typed(
    state: &mut InspectorState,
    actions: &mut Vec<Action>,
    edit: Edit,
    label: String,
    merge: String,
) {
    state.emitted_at = Some(state.synced_revision);
    actions.push(Action::Edit {
        edit,
        label,
        coalesce: Some(MergeKey::Typing(merge)),
    });
}
