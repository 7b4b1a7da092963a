//! The inspector of one touch point: its fields (from the tables in `fields.rs` and the few with a
//! widget of their own), its links out with their shares, and its findings.

use egui::{RichText, Ui};

use super::fields::{NUMBER_FIELDS, TEXT_FIELDS, typed_number};
use super::{
    Action, InspectorState, ViewState, emit_typed, error_line, number_text, segment_note, subject,
    text_row,
};
use crate::analysis::Report;
use crate::edit::Edit;
use crate::model::{Map, Role, Segment, TouchPoint, check_share};

/// The touch point as edited in this frame and which field changed (the undo label and merge key).
struct Draft<'a> {
    changed: TouchPoint,
    field: Option<&'static str>,
    /// The segment shown, whose own values are marked.
    segment: Option<&'a Segment>,
    /// A segment's own value the user reset to everyone's in this frame.
    reset: Option<&'static str>,
}

impl Draft<'_> {
    fn set(&mut self, field: &'static str, apply: impl FnOnce(&mut TouchPoint)) {
        apply(&mut self.changed);
        self.field = Some(field);
    }

    /// Marks a score, importance or reach as the shown segment's own or everyone's, with a reset
    /// for the segment's own.
    fn segment_note(&mut self, ui: &mut Ui, touchpoint: &TouchPoint, field: &'static str) {
        let own = self
            .segment
            .and_then(|segment| touchpoint.segments.get(&segment.id));
        let is_own = own.is_some_and(|own| match field {
            "score" => own.score.is_some(),
            "importance" => own.importance.is_some(),
            _ => own.reach.is_some(),
        });
        if segment_note(ui, self.segment, is_own, field) {
            self.reset = Some(field);
        }
    }
}

pub(super) fn touchpoint_ui(
    ui: &mut Ui,
    map: &Map,
    report: &Report,
    touchpoint: &TouchPoint,
    (revision, segment): (u64, Option<&Segment>),
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let state = &mut view.inspector;
    let key = subject(format!("touchpoint:{}", touchpoint.id), segment);
    state.sync(key, revision, |text| {
        for field in &TEXT_FIELDS {
            let value = (field.get)(touchpoint).unwrap_or_default();
            text.insert(field.key.into(), value.to_owned());
        }
        for field in &NUMBER_FIELDS {
            text.insert(field.key.into(), number_text((field.get)(touchpoint)));
        }
        // The box holds the plain quotes; items with a source, date, kind or rating are listed
        // beneath it.
        let plain: Vec<&str> = touchpoint
            .evidence
            .iter()
            .filter(|item| item.is_plain())
            .map(|item| item.text.as_str())
            .collect();
        text.insert("evidence".into(), plain.join("\n"));
        for (index, item) in touchpoint.evidence.iter().enumerate() {
            if item.is_plain() {
                continue;
            }
            text.insert(format!("evidence:{index}:text"), item.text.clone());
            text.insert(
                format!("evidence:{index}:source"),
                item.source.clone().unwrap_or_default(),
            );
            text.insert(
                format!("evidence:{index}:date"),
                item.date.map(|d| d.to_string()).unwrap_or_default(),
            );
            text.insert(format!("evidence:{index}:rating"), number_text(item.rating));
        }
        text.insert("aliases".into(), touchpoint.aliases.join("\n"));
        for (to, link) in map.outgoing(&touchpoint.id) {
            text.insert(format!("share:{to}"), number_text(link.share));
        }
    });
    let id = &touchpoint.id;
    ui.heading("Touch point");
    ui.label(RichText::new(format!("id: {id}")).small().weak());
    let mut draft = Draft {
        changed: touchpoint.clone(),
        field: None,
        segment,
        reset: None,
    };

    text_rows(ui, state, &mut draft, ["name"]);
    stage_row(ui, map, touchpoint, &mut draft);
    channel_suggestions(ui, state, &mut draft);
    text_rows(ui, state, &mut draft, ["channel", "owner"]);
    importance_row(ui, touchpoint, &mut draft);
    number_rows(ui, state, &mut draft, touchpoint);
    role_row(ui, touchpoint, &mut draft);
    votes_row(ui, touchpoint, &mut draft);
    text_rows(ui, state, &mut draft, ["notes"]);
    evidence_row(ui, state, &mut draft);
    aliases_row(ui, state, &mut draft);

    if let (Some(field), Some(segment)) = (draft.reset, segment) {
        let mut reset = touchpoint.clone();
        if let Some(own) = reset.segments.get_mut(&segment.id) {
            match field {
                "score" => own.score = None,
                "importance" => own.importance = None,
                _ => own.reach = None,
            }
        }
        actions.push(Action::Edit {
            edit: Edit::UpdateTouchPoint(reset),
            label: format!(
                "Reset {field} of {} for {} to everyone's",
                touchpoint.name, segment.name
            ),
            coalesce: None,
        });
        state.forget();
    } else if let Some(field) = draft.field
        && draft.changed != *touchpoint
    {
        emit_typed(
            state,
            actions,
            Edit::UpdateTouchPoint(draft.changed),
            format!("Edit {field} of {}", touchpoint.name),
            format!("{id}:{field}"),
        );
    }

    ui.separator();
    links_out(ui, map, touchpoint, state, actions);
    journeys(ui, report, touchpoint);
    findings(ui, report, touchpoint);
    ui.separator();
    if ui.button("Delete touch point").clicked() {
        actions.push(Action::DeleteSelection);
    }
}

/// The rows of the named text fields, from the table.
fn text_rows<const N: usize>(
    ui: &mut Ui,
    state: &mut InspectorState,
    draft: &mut Draft,
    keys: [&str; N],
) {
    for field in TEXT_FIELDS.iter().filter(|field| keys.contains(&field.key)) {
        let key = field.key;
        let changed = if field.multiline {
            let label = ui.label(field.label);
            let response = ui
                .add(
                    egui::TextEdit::multiline(state.buffer(key))
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            error_line(ui, state, key);
            response.changed()
        } else {
            text_row(ui, state, key, field.label, field.hint)
        };
        if changed {
            let typed = state.buffer(key).clone();
            match (field.set)(&mut draft.changed, &typed) {
                Ok(()) => {
                    state.errors.remove(key);
                    draft.field = Some(key);
                }
                Err(message) => {
                    state.errors.insert(key.to_owned(), message);
                }
            }
        }
    }
}

fn number_rows(
    ui: &mut Ui,
    state: &mut InspectorState,
    draft: &mut Draft,
    touchpoint: &TouchPoint,
) {
    for field in &NUMBER_FIELDS {
        let key = field.key;
        if text_row(ui, state, key, field.label, field.hint) {
            match typed_number(state.buffer(key), key, field.check) {
                Ok(value) => {
                    state.errors.remove(key);
                    draft.set(key, |t| {
                        (field.set)(t, value);
                        // A score typed by hand is the room's again, not the survey's.
                        if key == "score" {
                            t.measured = None;
                        }
                    });
                }
                Err(message) => {
                    state.errors.insert(key.to_owned(), message);
                }
            }
        }
        if matches!(key, "score" | "reach") {
            draft.segment_note(ui, touchpoint, key);
        }
        // The interval and its basis right under the score.
        if key == "score" {
            measured_row(ui, touchpoint);
        }
    }
}

fn stage_row(ui: &mut Ui, map: &Map, touchpoint: &TouchPoint, draft: &mut Draft) {
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
                draft.set("stage", |t| t.stage = None);
            }
            for stage in map.stages() {
                if ui
                    .selectable_label(touchpoint.stage.as_ref() == Some(stage), stage)
                    .clicked()
                {
                    draft.set("stage", |t| t.stage = Some(stage.clone()));
                }
            }
        })
        .response
        .labelled_by(stage_label.id);
}

/// A menu of common channel names above the channel box; picking one fills the box.
fn channel_suggestions(ui: &mut Ui, state: &mut InspectorState, draft: &mut Draft) {
    ui.menu_button("Channel suggestions ▾", |ui| {
        for channel in crate::model::SUGGESTED_CHANNELS {
            if ui.button(channel).clicked() {
                channel.clone_into(state.buffer("channel"));
                draft.set("channel", |t| t.channel = Some(channel.to_owned()));
                ui.close();
            }
        }
    });
}

fn importance_row(ui: &mut Ui, touchpoint: &TouchPoint, draft: &mut Draft) {
    let importance_label = ui.label("Importance to customers (1–5)");
    let mut importance = touchpoint.importance;
    if ui
        .add(egui::Slider::new(&mut importance, 1..=5))
        .labelled_by(importance_label.id)
        .changed()
    {
        draft.set("importance", |t| t.importance = importance);
    }
    draft.segment_note(ui, touchpoint, "importance");
}

fn role_row(ui: &mut Ui, touchpoint: &TouchPoint, draft: &mut Draft) {
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
                    draft.set("role", |t| t.role = role);
                }
            }
        })
        .response
        .labelled_by(role_label.id);
}

fn votes_row(ui: &mut Ui, touchpoint: &TouchPoint, draft: &mut Draft) {
    let votes_label = ui.label("Dot votes");
    let mut votes = touchpoint.votes;
    if ui
        .add(egui::DragValue::new(&mut votes).range(0..=10_000))
        .labelled_by(votes_label.id)
        .changed()
    {
        draft.set("votes", |t| t.votes = votes);
    }
}

/// Where the score comes from and how far it can be defended: the survey's interval and count
/// beside the score, or that it is the room's rating.
fn measured_row(ui: &mut Ui, touchpoint: &TouchPoint) {
    let strength =
        crate::model::EvidenceStrength::of(touchpoint.score, touchpoint.measured.as_ref());
    let text = match (&touchpoint.measured, touchpoint.score) {
        (Some(measured), Some(_)) => format!(
            "Evidence: {} — {}. Typing a score drops the measurement.",
            strength.as_str(),
            measured.describe()
        ),
        (_, Some(_)) => format!("Evidence: workshop — {}.", strength.meaning()),
        (_, None) => "Evidence: none — no score yet.".to_owned(),
    };
    ui.label(RichText::new(text).weak());
}

fn evidence_row(ui: &mut Ui, state: &mut InspectorState, draft: &mut Draft) {
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
        let mut items: Vec<crate::model::Evidence> = state
            .buffer("evidence")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(crate::model::Evidence::quote)
            .collect();
        // The items with details stay, after the quotes.
        items.extend(
            draft
                .changed
                .evidence
                .iter()
                .filter(|item| !item.is_plain())
                .cloned(),
        );
        draft.set("evidence", |t| t.evidence = items);
    }
    detailed_items(ui, state, draft);
}

/// The evidence items with a source, date, kind or rating, each editable (what a survey import
/// or a colleague wrote), with a button to add one.
fn detailed_items(ui: &mut Ui, state: &mut InspectorState, draft: &mut Draft) {
    use crate::model::{Evidence, EvidenceKind};
    let detailed: Vec<(usize, Evidence)> = draft
        .changed
        .evidence
        .iter()
        .enumerate()
        .filter(|(_, item)| !item.is_plain())
        .map(|(index, item)| (index, item.clone()))
        .collect();
    let mut remove = None;
    for (index, item) in &detailed {
        let index = *index;
        egui::CollapsingHeader::new(format!(
            "“{}”",
            crate::export::text::single_line(&item.text)
        ))
        .id_salt(("evidence-item", index))
        .show(ui, |ui| {
            let key = |field: &str| format!("evidence:{index}:{field}");
            let mut changed: Option<Evidence> = None;
            let mut current = item.clone();
            if text_row(
                ui,
                state,
                &key("text"),
                "What was said",
                "the quote or observation",
            ) {
                current.text.clone_from(state.buffer(&key("text")));
                changed = Some(current.clone());
            }
            if text_row(
                ui,
                state,
                &key("source"),
                "Source",
                "a file, a site, a person",
            ) {
                let text = state.buffer(&key("source")).trim().to_owned();
                current.source = (!text.is_empty()).then_some(text);
                changed = Some(current.clone());
            }
            if text_row(ui, state, &key("date"), "Date", "YYYY-MM-DD") {
                let text = state.buffer(&key("date")).trim().to_owned();
                match (text.is_empty(), crate::model::Day::parse(&text)) {
                    (true, _) => {
                        state.errors.remove(&key("date"));
                        current.date = None;
                        changed = Some(current.clone());
                    }
                    (false, Ok(day)) => {
                        state.errors.remove(&key("date"));
                        current.date = Some(day);
                        changed = Some(current.clone());
                    }
                    (false, Err(error)) => {
                        state.errors.insert(key("date"), error.to_string());
                    }
                }
            }
            if text_row(ui, state, &key("rating"), "Rating (1–5)", "empty = none") {
                match typed_number(
                    state.buffer(&key("rating")),
                    "rating",
                    crate::model::check_score,
                ) {
                    Ok(rating) => {
                        state.errors.remove(&key("rating"));
                        current.rating = rating;
                        changed = Some(current.clone());
                    }
                    Err(message) => {
                        state.errors.insert(key("rating"), message);
                    }
                }
            }
            ui.horizontal(|ui| {
                let label = ui.label("Kind");
                egui::ComboBox::from_id_salt(("evidence-kind", index))
                    .selected_text(current.kind.map_or("(none)", EvidenceKind::as_str))
                    .show_ui(ui, |ui| {
                        for kind in <EvidenceKind as strum::IntoEnumIterator>::iter() {
                            if ui
                                .selectable_label(current.kind == Some(kind), kind.as_str())
                                .clicked()
                            {
                                current.kind = Some(kind);
                                changed = Some(current.clone());
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if ui.small_button("Remove this item").clicked() {
                    remove = Some(index);
                }
            });
            if let Some(updated) = changed
                && updated.check().is_ok()
            {
                draft.set("evidence", |t| t.evidence[index] = updated);
            }
        });
    }
    if let Some(index) = remove {
        draft.set("evidence", |t| {
            t.evidence.remove(index);
        });
        // The boxes are numbered by item: load them afresh for the items that moved up.
        state.subject = None;
    }
    if ui
        .small_button("+ Evidence with its source")
        .on_hover_text("An item with where it comes from, its date, kind and rating (a plain quote goes in the box above)")
        .clicked()
    {
        draft.set("evidence", |t| {
            t.evidence.push(Evidence {
                text: "What was said".to_owned(),
                kind: Some(EvidenceKind::Quote),
                ..Evidence::default()
            });
        });
        state.subject = None;
    }
}

/// Other names for it in path data and surveys, one per line ("google / cpc").
fn aliases_row(ui: &mut Ui, state: &mut InspectorState, draft: &mut Draft) {
    let label = ui.label("Also called in data (one name per line)")
        .on_hover_text("Path data and survey imports match their steps and questions to touch points by id, name, then these names");
    if ui
        .add(
            egui::TextEdit::multiline(state.buffer("aliases"))
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id)
        .changed()
    {
        let aliases = state
            .buffer("aliases")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect();
        draft.set("aliases", |t| t.aliases = aliases);
    }
}

/// The links out of the touch point, each with its share box and a remove button.
fn links_out(
    ui: &mut Ui,
    map: &Map,
    touchpoint: &TouchPoint,
    state: &mut InspectorState,
    actions: &mut Vec<Action>,
) {
    let id = &touchpoint.id;
    ui.strong("Links out");
    let outgoing = map.outgoing(id);
    if outgoing.is_empty() {
        ui.label(
            RichText::new("None: drag the ● handle on the card's right edge onto another card.")
                .weak(),
        );
    }
    for (to, link) in outgoing {
        let to_name = map.name_of(to);
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
            match typed_number(state.buffer(&key), "share", check_share) {
                Ok(share) => {
                    state.errors.remove(&key);
                    let edit = Edit::UpdateLink {
                        from: id.clone(),
                        to: to.clone(),
                        link: link.clone().with_share(share),
                    };
                    let label = format!("Edit share to {to_name}");
                    emit_typed(state, actions, edit, label, format!("{id}:{key}"));
                }
                Err(message) => {
                    state.errors.insert(key.clone(), message);
                }
            }
        }
        error_line(ui, state, &key);
        ui.label(RichText::new(super::share_basis(link)).small().weak());
    }
}

/// Where the touch point stands in the journeys: how many successful journeys pass it and how many
/// would be lost if it failed (the removal effect).
fn journeys(ui: &mut Ui, report: &Report, touchpoint: &TouchPoint) {
    let Some(analysis) = report.touchpoint(&touchpoint.id) else {
        return;
    };
    ui.separator();
    ui.strong("In the journeys");
    if analysis.must_pass {
        ui.label(format!(
            "{}: no journey reaches a goal without it.",
            crate::layout::EVERY_JOURNEY
        ));
        return;
    }
    if !analysis.reachable || (analysis.flow == 0.0 && analysis.removal_effect == 0.0) {
        ui.label("No successful journey passes here.");
        return;
    }
    ui.label(format!(
        "Passed by {} of successful journeys. If it failed, {} of successful journeys would be lost.",
        crate::numbers::fine_percent(analysis.flow),
        crate::numbers::fine_percent(analysis.removal_effect),
    ));
}

fn findings(ui: &mut Ui, report: &Report, touchpoint: &TouchPoint) {
    let findings: Vec<_> = report.findings_for(&touchpoint.id).collect();
    if findings.is_empty() {
        return;
    }
    ui.separator();
    ui.strong("Findings");
    for finding in findings {
        ui.label(
            RichText::new(format!(
                "{} · {}",
                finding.severity.as_str().to_uppercase(),
                finding.rule.as_str()
            ))
            .color(crate::ui::theme::severity_colour(finding.severity))
            .strong(),
        );
        ui.label(&finding.reason);
        ui.label(RichText::new(format!("→ {}", finding.action)).italics());
    }
}
