//! The inspector panel: edits every field of the selected touch point or link, or the map's title,
//! brand and stages when nothing is selected. Values are checked as they are typed; a refused value
//! is shown in red with the reason and never reaches the map.

use std::collections::BTreeMap;

use egui::{Color32, RichText, Ui};

use super::{Action, ViewState};
use crate::analysis::Report;
use crate::edit::Edit;
use crate::model::{
    Link, Map, Role, TouchPoint, TouchPointId, check_hours, check_non_negative, check_score,
    check_share,
};

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

    fn buffer(&mut self, key: &str) -> &mut String {
        self.text.entry(key.to_owned()).or_default()
    }
}

fn optional(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| text.to_owned())
}

fn number_text(value: Option<f64>) -> String {
    value.map(crate::numbers::editable).unwrap_or_default()
}

/// Parses an optional number with a check; `Ok(None)` for an empty box.
/// A number field of a touch point as the inspector edits it: one row each, read and written
/// through the table (no catch-all arm that a new field could fall into).
struct NumberField {
    /// The field's name in the file, also the text buffer's key.
    key: &'static str,
    label: &'static str,
    hint: &'static str,
    check: fn(f64) -> Result<f64, String>,
    /// The field's name in refusals.
    what: &'static str,
    get: fn(&TouchPoint) -> Option<f64>,
    set: fn(&mut TouchPoint, Option<f64>),
}

/// The touch point's number fields, in the order the inspector shows them.
const NUMBER_FIELDS: [NumberField; 4] = [
    NumberField {
        key: "score",
        label: "Score today (1–5)",
        hint: "empty = not measured",
        check: check_score,
        what: "score",
        get: |t| t.score,
        set: |t, value| t.score = value,
    },
    NumberField {
        key: "reach",
        label: "Reach (customers per period)",
        hint: "empty = unknown",
        check: check_non_negative,
        what: "reach",
        get: |t| t.reach,
        set: |t, value| t.reach = value,
    },
    NumberField {
        key: "cost",
        label: "Cost per period",
        hint: "empty = unknown",
        check: check_non_negative,
        what: "cost",
        get: |t| t.cost,
        set: |t, value| t.cost = value,
    },
    NumberField {
        key: "response_hours",
        label: "Answers customers within (hours)",
        hint: "empty = no agreed response time",
        check: check_hours,
        what: "response_hours",
        get: |t| t.response_hours,
        set: |t, value| t.response_hours = value,
    },
];

fn parse_number(
    text: &str,
    check: fn(f64) -> Result<f64, String>,
    what: &str,
) -> Result<Option<f64>, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let value: f64 = trimmed
        .replace(',', ".")
        .parse()
        .map_err(|_| format!("{what} must be a number, not \"{trimmed}\""))?;
    check(value).map(Some)
}

/// Draws the inspector for the current selection.
pub fn inspector_ui(
    ui: &mut Ui,
    map: &Map,
    report: &Report,
    revision: u64,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if view.selection.len() == 1
                && let Some(touchpoint) = view.selection.first().and_then(|id| map.touchpoint(id))
            {
                touchpoint_ui(ui, map, report, touchpoint, revision, view, actions);
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
                link_ui(ui, map, &from, &to, link, revision, view, actions);
            } else {
                map_ui(ui, map, revision, view, actions);
            }
        });
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

fn touchpoint_ui(
    ui: &mut Ui,
    map: &Map,
    report: &Report,
    touchpoint: &TouchPoint,
    revision: u64,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let state = &mut view.inspector;
    state.sync(format!("touchpoint:{}", touchpoint.id), revision, |text| {
        text.insert("name".into(), touchpoint.name.clone());
        text.insert(
            "channel".into(),
            touchpoint.channel.clone().unwrap_or_default(),
        );
        text.insert("owner".into(), touchpoint.owner.clone().unwrap_or_default());
        for field in &NUMBER_FIELDS {
            text.insert(field.key.into(), number_text((field.get)(touchpoint)));
        }
        text.insert("notes".into(), touchpoint.notes.clone().unwrap_or_default());
        text.insert("evidence".into(), touchpoint.evidence.join("\n"));
        for (to, link) in map.outgoing(&touchpoint.id) {
            text.insert(format!("share:{to}"), number_text(link.share));
        }
    });
    let id = &touchpoint.id;
    ui.heading("Touch point");
    ui.label(RichText::new(format!("id: {id}")).small().weak());
    let mut changed = touchpoint.clone();
    let mut edit_key: Option<&str> = None;

    if text_row(ui, state, "name", "Name", "What the team calls it") {
        let name = state.buffer("name").clone();
        if name.trim().is_empty() {
            state
                .errors
                .insert("name".into(), "A touch point needs a name.".into());
        } else {
            state.errors.remove("name");
            changed.name = name;
            edit_key = Some("name");
        }
    }

    let stage_label = ui.label("Stage");
    let current_stage = touchpoint
        .stage
        .clone()
        .unwrap_or_else(|| "(no stage)".to_owned());
    egui::ComboBox::from_id_salt("stage")
        .selected_text(current_stage)
        .width(ui.available_width() - 8.0)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(touchpoint.stage.is_none(), "(no stage)")
                .clicked()
            {
                changed.stage = None;
                edit_key = Some("stage");
            }
            for stage in map.stages() {
                if ui
                    .selectable_label(touchpoint.stage.as_ref() == Some(stage), stage)
                    .clicked()
                {
                    changed.stage = Some(stage.clone());
                    edit_key = Some("stage");
                }
            }
        })
        .response
        .labelled_by(stage_label.id);

    ui.horizontal(|ui| {
        ui.label("Channel");
        ui.menu_button("suggestions ▾", |ui| {
            for channel in crate::model::SUGGESTED_CHANNELS {
                if ui.button(channel).clicked() {
                    channel.clone_into(state.buffer("channel"));
                    changed.channel = Some(channel.to_owned());
                    edit_key = Some("channel");
                    ui.close();
                }
            }
        });
    });
    let channel_label_id = ui.label(RichText::new("Channel name").small().weak()).id;
    let response = ui
        .add(egui::TextEdit::singleline(state.buffer("channel")).desired_width(f32::INFINITY))
        .labelled_by(channel_label_id);
    if response.changed() {
        changed.channel = optional(state.buffer("channel"));
        edit_key = Some("channel");
    }
    if text_row(ui, state, "owner", "Owner", "Team or person responsible") {
        changed.owner = optional(state.buffer("owner"));
        edit_key = Some("owner");
    }

    let importance_label = ui.label("Importance to customers (1–5)");
    let mut importance = touchpoint.importance;
    if ui
        .add(egui::Slider::new(&mut importance, 1..=5))
        .labelled_by(importance_label.id)
        .changed()
    {
        changed.importance = importance;
        edit_key = Some("importance");
    }

    for field in &NUMBER_FIELDS {
        let (key, what) = (field.key, field.what);
        if text_row(ui, state, key, field.label, field.hint) {
            match parse_number(state.buffer(key), field.check, what) {
                Ok(value) => {
                    state.errors.remove(key);
                    (field.set)(&mut changed, value);
                    edit_key = Some(key);
                }
                Err(message) => {
                    let message = if message.starts_with(what) {
                        format!("Refused: {message}.")
                    } else {
                        format!("Refused: {what} {message}.")
                    };
                    state.errors.insert(key.to_owned(), message);
                }
            }
        }
    }

    let role_label = ui.label("Role in the journey");
    let role_text = |role: Option<Role>| match role {
        None => "none",
        Some(Role::Entry) => "entry (journeys start here)",
        Some(Role::Goal) => "goal (journeys succeed here)",
    };
    egui::ComboBox::from_id_salt("role")
        .selected_text(role_text(touchpoint.role))
        .width(ui.available_width() - 8.0)
        .show_ui(ui, |ui| {
            for role in [None, Some(Role::Entry), Some(Role::Goal)] {
                if ui
                    .selectable_label(touchpoint.role == role, role_text(role))
                    .clicked()
                {
                    changed.role = role;
                    edit_key = Some("role");
                }
            }
        })
        .response
        .labelled_by(role_label.id);

    let votes_label = ui.label("Dot votes");
    let mut votes = touchpoint.votes;
    if ui
        .add(egui::DragValue::new(&mut votes).range(0..=10_000))
        .labelled_by(votes_label.id)
        .changed()
    {
        changed.votes = votes;
        edit_key = Some("votes");
    }

    let notes_label = ui.label("Notes");
    if ui
        .add(
            egui::TextEdit::multiline(state.buffer("notes"))
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(notes_label.id)
        .changed()
    {
        changed.notes = optional(state.buffer("notes"));
        edit_key = Some("notes");
    }
    let evidence_label = ui.label("Evidence (one quote per line)");
    if ui
        .add(
            egui::TextEdit::multiline(state.buffer("evidence"))
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(evidence_label.id)
        .changed()
    {
        changed.evidence = state
            .buffer("evidence")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect();
        edit_key = Some("evidence");
    }

    if let Some(key) = edit_key
        && changed != *touchpoint
    {
        state.emitted_at = Some(state.synced_revision);
        actions.push(Action::Edit {
            edit: Edit::UpdateTouchPoint(changed),
            label: format!("Edit {} of {}", key, touchpoint.name),
            coalesce: Some(crate::edit::MergeKey::Typing(format!("{id}:{key}"))),
        });
    }

    ui.separator();
    ui.strong("Links out");
    let outgoing = map.outgoing(id);
    if outgoing.is_empty() {
        ui.label(
            RichText::new("None: drag the ● handle on the card's right edge onto another card.")
                .weak(),
        );
    }
    for (to, link) in outgoing {
        let to_name = map
            .touchpoint(to)
            .map_or_else(|| to.to_string(), |t| t.name.clone());
        let key = format!("share:{to}");
        ui.horizontal(|ui| {
            ui.label(format!("→ {to_name}"));
            if ui
                .small_button("✕")
                .on_hover_text("Remove this link")
                .clicked()
            {
                actions.push(Action::Edit {
                    edit: Edit::RemoveLink {
                        from: id.clone(),
                        to: to.clone(),
                    },
                    label: format!("Remove link to {to_name}"),
                    coalesce: None,
                });
            }
        });
        let share_label = ui.label(RichText::new(format!("Share to {to_name} (0–1)")).small());
        let response = ui
            .add(
                egui::TextEdit::singleline(state.buffer(&key))
                    .hint_text("empty = even split")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(share_label.id);
        if response.changed() {
            match parse_number(state.buffer(&key), check_share, "share") {
                Ok(share) => {
                    state.errors.remove(&key);
                    state.emitted_at = Some(state.synced_revision);
                    actions.push(Action::Edit {
                        edit: Edit::UpdateLink {
                            from: id.clone(),
                            to: to.clone(),
                            link: Link {
                                share,
                                ..link.clone()
                            },
                        },
                        label: format!("Edit share to {to_name}"),
                        coalesce: Some(crate::edit::MergeKey::Typing(format!("{id}:{key}"))),
                    });
                }
                Err(message) => {
                    state
                        .errors
                        .insert(key.clone(), format!("Refused: {message}."));
                }
            }
        }
        error_line(ui, state, &key);
    }

    let findings: Vec<_> = report.findings_for(id).collect();
    if !findings.is_empty() {
        ui.separator();
        ui.strong("Findings");
        for finding in findings {
            ui.label(
                RichText::new(format!(
                    "{} · {}",
                    finding.severity.as_str().to_uppercase(),
                    finding.rule.as_str()
                ))
                .color(super::theme::severity_colour(finding.severity))
                .strong(),
            );
            ui.label(&finding.reason);
            ui.label(RichText::new(format!("→ {}", finding.action)).italics());
        }
    }
    ui.separator();
    if ui.button("Delete touch point").clicked() {
        actions.push(Action::DeleteSelection);
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "the link inspector needs the frame's shared state"
)]
fn link_ui(
    ui: &mut Ui,
    map: &Map,
    from: &TouchPointId,
    to: &TouchPointId,
    link: &Link,
    revision: u64,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let state = &mut view.inspector;
    state.sync(format!("link:{from}:{to}"), revision, |text| {
        text.insert("share".into(), number_text(link.share));
        text.insert("label".into(), link.label.clone().unwrap_or_default());
    });
    let name = |id: &TouchPointId| {
        map.touchpoint(id)
            .map_or_else(|| id.to_string(), |t| t.name.clone())
    };
    ui.heading("Link");
    ui.label(format!("{} → {}", name(from), name(to)));
    let mut changed = link.clone();
    let mut edited = false;
    if text_row(
        ui,
        state,
        "share",
        "Share of customers who continue (0–1)",
        "empty = even split",
    ) {
        match parse_number(state.buffer("share"), check_share, "share") {
            Ok(share) => {
                state.errors.remove("share");
                changed.share = share;
                edited = true;
            }
            Err(message) => {
                state
                    .errors
                    .insert("share".into(), format!("Refused: {message}."));
            }
        }
    }
    if text_row(ui, state, "label", "Label", "shown on the arrow") {
        changed.label = optional(state.buffer("label"));
        edited = true;
    }
    if edited && changed != *link {
        state.emitted_at = Some(state.synced_revision);
        actions.push(Action::Edit {
            edit: Edit::UpdateLink {
                from: from.clone(),
                to: to.clone(),
                link: changed,
            },
            label: format!("Edit link {} → {}", name(from), name(to)),
            coalesce: Some(crate::edit::MergeKey::Typing(format!("link:{from}:{to}"))),
        });
    }
    ui.separator();
    if ui.button("Delete link").clicked() {
        actions.push(Action::DeleteSelection);
    }
}

fn map_ui(ui: &mut Ui, map: &Map, revision: u64, view: &mut ViewState, actions: &mut Vec<Action>) {
    let state = &mut view.inspector;
    state.sync("map".to_owned(), revision, |text| {
        text.insert("title".into(), map.title.clone());
        text.insert("brand".into(), map.brand.clone().unwrap_or_default());
        for (index, stage) in map.stages().iter().enumerate() {
            text.insert(format!("stage:{index}"), stage.clone());
        }
    });
    ui.heading("Map");
    ui.label(RichText::new("Select a touch point or a link to edit it.").weak());
    if text_row(ui, state, "title", "Title", "What the map is about") {
        state.emitted_at = Some(state.synced_revision);
        actions.push(Action::Edit {
            edit: Edit::SetTitle(state.buffer("title").clone()),
            label: "Edit title".into(),
            coalesce: Some(crate::edit::MergeKey::Typing("map:title".into())),
        });
    }
    if text_row(ui, state, "brand", "Brand", "optional") {
        state.emitted_at = Some(state.synced_revision);
        actions.push(Action::Edit {
            edit: Edit::SetBrand(optional(state.buffer("brand"))),
            label: "Edit brand".into(),
            coalesce: Some(crate::edit::MergeKey::Typing("map:brand".into())),
        });
    }
    ui.separator();
    ui.strong("Stages (columns, left to right)");
    let stages = map.stages().to_vec();
    for (index, stage) in stages.iter().enumerate() {
        let key = format!("stage:{index}");
        ui.horizontal(|ui| {
            let label = ui.label(format!("{}.", index + 1));
            let response = ui
                .add(egui::TextEdit::singleline(state.buffer(&key)).desired_width(130.0))
                .labelled_by(label.id);
            if response.lost_focus() {
                let new = state.buffer(&key).trim().to_owned();
                if !new.is_empty() && new != *stage {
                    actions.push(Action::Edit {
                        edit: Edit::RenameStage {
                            old: stage.clone(),
                            new,
                        },
                        label: format!("Rename stage {stage}"),
                        coalesce: None,
                    });
                }
            }
            if index > 0 && ui.small_button("◀").on_hover_text("Move left").clicked() {
                let mut reordered = stages.clone();
                reordered.swap(index - 1, index);
                actions.push(Action::Edit {
                    edit: Edit::SetStages(reordered),
                    label: format!("Move stage {stage}"),
                    coalesce: None,
                });
            }
            if ui
                .small_button("✕")
                .on_hover_text("Remove this stage (only when it is empty)")
                .clicked()
            {
                let mut remaining = stages.clone();
                remaining.remove(index);
                actions.push(Action::Edit {
                    edit: Edit::SetStages(remaining),
                    label: format!("Remove stage {stage}"),
                    coalesce: None,
                });
            }
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label("New stage");
        ui.add(egui::TextEdit::singleline(state.buffer("new-stage")).desired_width(120.0))
            .labelled_by(label.id);
        if ui.button("Add").clicked() {
            let name = state.buffer("new-stage").trim().to_owned();
            if !name.is_empty() {
                let mut more = stages.clone();
                more.push(name.clone());
                actions.push(Action::Edit {
                    edit: Edit::SetStages(more),
                    label: format!("Add stage {name}"),
                    coalesce: None,
                });
                state.buffer("new-stage").clear();
            }
        }
    });
}
