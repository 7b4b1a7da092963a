//! The Campaigns panel's forms: a campaign's and an objective's fields, edited in place (every
//! change one undoable `SetPlan` edit, refused inline when the plan would not fit the map), and new
//! objectives and campaigns.

use egui::Ui;

use super::super::theme::severity_colour;
use super::super::{Action, ViewState};
use crate::edit::Edit;
use crate::model::{Campaign, Day, Map, Objective, ObjectiveKind, Plan, TouchPointId, first_free};

/// Emits the plan as an edit when it fits the map, or says inline why not.
fn propose(
    ui: &mut Ui,
    map: &Map,
    plan: Plan,
    label: &str,
    typing: Option<String>,
    actions: &mut Vec<Action>,
) {
    match map.check_plan(&plan) {
        Ok(()) => actions.push(Action::Edit {
            edit: Edit::SetPlan(plan),
            label: label.to_owned(),
            // Keystrokes in one field merge into one undo step.
            coalesce: typing.map(crate::edit::MergeKey::Typing),
        }),
        Err(error) => {
            ui.colored_label(
                severity_colour(crate::analysis::Severity::Critical),
                format!("Refused: {}.", error.message),
            );
        }
    }
}

/// A text box for one field of the plan. While it has the focus it keeps what is typed (even
/// text that would be refused, such as an empty name); otherwise it shows the plan's value.
fn text_field(
    ui: &mut Ui,
    view: &mut ViewState,
    key: &str,
    label: &str,
    value: &str,
) -> Option<String> {
    let buffer = view
        .plan_text
        .entry(key.to_owned())
        .or_insert_with(|| value.to_owned());
    let mut changed = None;
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let response = ui.add(egui::TextEdit::singleline(buffer).desired_width(190.0));
        let response = response.labelled_by(label.id);
        if response.changed() {
            changed = Some(buffer.clone());
        } else if !response.has_focus() && buffer != value {
            value.clone_into(buffer);
        }
    });
    changed
}

/// A number of at least 0, dragged or typed.
fn amount_field(ui: &mut Ui, label: &str, value: &mut f64) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(egui::DragValue::new(value).range(0.0..=1.0e12).speed(10.0))
            .labelled_by(label.id)
            .changed()
    })
    .inner
}

fn optional_amount_field(ui: &mut Ui, label: &str, value: &mut Option<f64>) -> bool {
    ui.horizontal(|ui| {
        let mut set = value.is_some();
        let checkbox = ui.checkbox(&mut set, label);
        let mut changed = checkbox.changed();
        if set {
            let mut number = value.unwrap_or(0.0);
            changed |= ui
                .add(
                    egui::DragValue::new(&mut number)
                        .range(0.0..=1.0e12)
                        .speed(10.0),
                )
                .labelled_by(checkbox.id)
                .changed();
            *value = Some(number);
        } else {
            *value = None;
        }
        changed
    })
    .inner
}

/// A combo box of the map's touch points.
fn touchpoint_choice(
    ui: &mut Ui,
    map: &Map,
    (id_salt, label): (&str, &str),
    shown: &str,
    exclude: &[TouchPointId],
) -> Option<TouchPointId> {
    let mut picked = None;
    egui::ComboBox::new(id_salt, label)
        .selected_text(shown)
        .width(220.0)
        .show_ui(ui, |ui| {
            for touchpoint in map.touchpoints() {
                if exclude.contains(&touchpoint.id) {
                    continue;
                }
                let stage = touchpoint.stage.as_deref().unwrap_or("no stage");
                if ui
                    .selectable_label(false, format!("{} ({stage})", touchpoint.name))
                    .clicked()
                {
                    picked = Some(touchpoint.id.clone());
                }
            }
        });
    picked
}

pub(super) fn campaign_editor_ui(
    ui: &mut Ui,
    map: &Map,
    campaign: &Campaign,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let plan = map.plan();
    let position = plan
        .campaigns
        .iter()
        .position(|c| c.id == campaign.id)
        .unwrap_or_default();
    let key = |field: &str| format!("campaign/{}/{field}", campaign.id);
    let edited = |change: &dyn Fn(&mut Campaign)| {
        let mut plan = plan.clone();
        change(&mut plan.campaigns[position]);
        plan
    };
    let label = format!("Edit campaign {}", campaign.name);
    if let Some(name) = text_field(ui, view, &key("name"), "Name", &campaign.name) {
        let plan = edited(&|c| c.name.clone_from(&name));
        propose(ui, map, plan, &label, Some(key("name")), actions);
    }
    let owner = campaign.owner.clone().unwrap_or_default();
    if let Some(text) = text_field(ui, view, &key("owner"), "Owner", &owner) {
        let plan = edited(&|c| c.owner = (!text.trim().is_empty()).then(|| text.trim().to_owned()));
        propose(ui, map, plan, &label, Some(key("owner")), actions);
    }
    for (field, title) in [
        ("starts", "Starts (YYYY-MM-DD)"),
        ("ends", "Ends (YYYY-MM-DD)"),
    ] {
        let current = if field == "starts" {
            &campaign.starts
        } else {
            &campaign.ends
        };
        let shown = current.clone().unwrap_or_default();
        if let Some(text) = text_field(ui, view, &key(field), title, &shown) {
            let value = (!text.trim().is_empty()).then(|| text.trim().to_owned());
            // A date half typed is not refused aloud: it is kept in the box until it is a day.
            if value
                .as_deref()
                .is_none_or(|text| Day::parse(text).is_ok() || text.len() >= 10)
            {
                let plan = edited(&|c| {
                    if field == "starts" {
                        c.starts.clone_from(&value);
                    } else {
                        c.ends.clone_from(&value);
                    }
                });
                propose(ui, map, plan, &label, Some(key(field)), actions);
            }
        }
    }
    ui.horizontal(|ui| {
        let current = plan
            .objective(&campaign.objective)
            .map_or(campaign.objective.as_str(), |o| o.name.as_str());
        egui::ComboBox::new(key("objective"), "Objective")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for objective in &plan.objectives {
                    if ui
                        .selectable_label(objective.id == campaign.objective, &objective.name)
                        .clicked()
                    {
                        let plan = edited(&|c| c.objective.clone_from(&objective.id));
                        propose(ui, map, plan, &label, None, actions);
                    }
                }
            });
    });
    if !map.segments().is_empty() {
        ui.horizontal(|ui| {
            let current = campaign
                .segment
                .as_deref()
                .and_then(|id| map.segment(id))
                .map_or("everyone (or the segment shown)", |s| s.name.as_str());
            egui::ComboBox::new(key("segment"), "Aimed at")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    let choices = std::iter::once((None, "everyone (or the segment shown)"))
                        .chain(map.segments().iter().map(|s| (Some(&s.id), s.name.as_str())));
                    for (id, name) in choices {
                        if ui
                            .selectable_label(campaign.segment.as_ref() == id, name)
                            .clicked()
                        {
                            let plan = edited(&|c| c.segment = id.cloned());
                            propose(ui, map, plan, &label, None, actions);
                        }
                    }
                })
                .response
                .on_hover_text(
                    "Whose journeys the campaign's customers follow: a segment's scores and shares, or the map's as a whole",
                );
        });
    }
    ui.label("Channels (where it brings customers in)");
    for (index, channel) in campaign.channels.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("• {}", map.name_of(channel)));
            if ui
                .small_button("✖")
                .on_hover_text("Take this channel out of the campaign")
                .clicked()
            {
                let plan = edited(&|c| {
                    c.channels.remove(index);
                    if let Some(split) = &mut c.split {
                        split.remove(index);
                    }
                });
                propose(ui, map, plan, &label, None, actions);
            }
        });
    }
    if let Some(channel) = touchpoint_choice(
        ui,
        map,
        (&key("add-channel"), "Add a channel"),
        "pick a touch point…",
        &campaign.channels,
    ) {
        let plan = edited(&|c| {
            c.channels.push(channel.clone());
            if let Some(split) = &mut c.split {
                split.push(1.0);
            }
        });
        propose(ui, map, plan, &label, None, actions);
    }
    let mut reach = campaign.reach;
    if amount_field(ui, "Customers brought in", &mut reach) {
        let plan = edited(&|c| c.reach = reach);
        propose(ui, map, plan, &label, Some(key("reach")), actions);
    }
    let mut budget = campaign.budget;
    if amount_field(ui, "Budget", &mut budget) {
        let plan = edited(&|c| c.budget = budget);
        propose(ui, map, plan, &label, Some(key("budget")), actions);
    }
    let mut hours = campaign.response_hours;
    if optional_amount_field(ui, "Answer within (hours)", &mut hours) {
        let plan = edited(&|c| c.response_hours = hours.map(|h| h.max(0.1)));
        propose(ui, map, plan, &label, Some(key("hours")), actions);
    }
    if ui.button("Delete this campaign").clicked() {
        let mut plan = plan.clone();
        plan.campaigns.remove(position);
        propose(
            ui,
            map,
            plan,
            &format!("Delete campaign {}", campaign.name),
            None,
            actions,
        );
    }
}

pub(super) fn objective_editor_ui(
    ui: &mut Ui,
    map: &Map,
    objective: &Objective,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let plan = map.plan();
    let position = plan
        .objectives
        .iter()
        .position(|o| o.id == objective.id)
        .unwrap_or_default();
    let key = |field: &str| format!("objective/{}/{field}", objective.id);
    let edited = |change: &dyn Fn(&mut Objective)| {
        let mut plan = plan.clone();
        change(&mut plan.objectives[position]);
        plan
    };
    let label = format!("Edit objective {}", objective.name);
    if let Some(name) = text_field(ui, view, &key("name"), "Name", &objective.name) {
        let plan = edited(&|o| o.name.clone_from(&name));
        propose(ui, map, plan, &label, Some(key("name")), actions);
    }
    ui.horizontal(|ui| {
        egui::ComboBox::new(key("kind"), "Kind")
            .selected_text(objective.kind.as_str())
            .show_ui(ui, |ui| {
                for kind in ObjectiveKind::ALL {
                    if ui
                        .selectable_label(kind == objective.kind, kind.as_str())
                        .clicked()
                    {
                        let plan = edited(&|o| o.kind = kind);
                        propose(ui, map, plan, &label, None, actions);
                    }
                }
            });
    });
    if let Some(goal) = touchpoint_choice(
        ui,
        map,
        (&key("goal"), "Goal (where success is counted)"),
        &map.name_of(&objective.goal),
        &[],
    ) {
        let plan = edited(&|o| o.goal = goal.clone());
        propose(ui, map, plan, &label, None, actions);
    }
    let kpi = objective.kpi.clone().unwrap_or_default();
    if let Some(text) = text_field(ui, view, &key("kpi"), "KPI", &kpi) {
        let plan = edited(&|o| o.kpi = (!text.trim().is_empty()).then(|| text.clone()));
        propose(ui, map, plan, &label, Some(key("kpi")), actions);
    }
    for (field, title) in [
        ("baseline", "Baseline (KPI today)"),
        ("target", "Target"),
        ("value", "Value of one success"),
    ] {
        let mut value = match field {
            "baseline" => objective.baseline,
            "target" => objective.target,
            _ => objective.value,
        };
        if optional_amount_field(ui, title, &mut value) {
            let plan = edited(&|o| match field {
                "baseline" => o.baseline = value,
                "target" => o.target = value,
                _ => o.value = value,
            });
            propose(ui, map, plan, &label, Some(key(field)), actions);
        }
    }
    let used = plan.campaigns.iter().any(|c| c.objective == objective.id);
    if ui
        .add_enabled(!used, egui::Button::new("Delete this objective"))
        .on_disabled_hover_text("A campaign serves it: delete or move that campaign first")
        .clicked()
    {
        let mut plan = plan.clone();
        plan.objectives.remove(position);
        propose(
            ui,
            map,
            plan,
            &format!("Delete objective {}", objective.name),
            None,
            actions,
        );
    }
}

/// Where a new objective counts success until someone picks: the map's goal as the analysis finds
/// it — a touch point marked as a goal, else one customers arrive at and go nowhere from (the
/// latest stage first) — and only on a map with neither, its last touch point.
fn default_goal(map: &Map) -> Option<TouchPointId> {
    let touchpoints = map.touchpoints();
    if let Some(goal) = touchpoints
        .iter()
        .find(|t| t.role == Some(crate::model::Role::Goal))
    {
        return Some(goal.id.clone());
    }
    let stage_of = |t: &crate::model::TouchPoint| crate::layout::column_of(map, t.stage.as_deref());
    touchpoints
        .iter()
        .filter(|t| map.outgoing(&t.id).is_empty() && !map.incoming(&t.id).is_empty())
        .max_by_key(|t| stage_of(t))
        .or_else(|| touchpoints.last())
        .map(|t| t.id.clone())
}

fn blank_objective(id: String, goal: TouchPointId) -> Objective {
    Objective {
        id,
        name: "New objective".to_owned(),
        kind: ObjectiveKind::Other,
        goal,
        kpi: None,
        baseline: None,
        target: None,
        value: None,
        extra: serde_json::Map::new(),
    }
}

pub(super) fn new_objective(map: &Map, actions: &mut Vec<Action>) {
    let Some(goal) = default_goal(map) else {
        return;
    };
    let mut plan = map.plan().clone();
    let id = first_free("objective", |id| plan.objectives.iter().any(|o| o.id == id));
    plan.objectives.push(blank_objective(id, goal));
    actions.push(Action::Edit {
        edit: Edit::SetPlan(plan),
        label: "Add an objective".to_owned(),
        coalesce: None,
    });
}

/// A new campaign on the selected touch point (or the first entry), serving the first objective;
/// a blank objective is made with it when the map has none.
pub(super) fn new_campaign(map: &Map, view: &mut ViewState, actions: &mut Vec<Action>) {
    let mut plan = map.plan().clone();
    let touchpoints = map.touchpoints();
    let Some(channel) = view.selection.first().cloned().or_else(|| {
        touchpoints
            .iter()
            .find(|t| t.role == Some(crate::model::Role::Entry))
            .or_else(|| touchpoints.first())
            .map(|t| t.id.clone())
    }) else {
        return;
    };
    if plan.objectives.is_empty() {
        let Some(goal) = default_goal(map) else {
            return;
        };
        plan.objectives
            .push(blank_objective("objective".to_owned(), goal));
    }
    let objective = plan.objectives[0].id.clone();
    let id = first_free("campaign", |id| plan.campaigns.iter().any(|c| c.id == id));
    plan.campaigns.push(Campaign {
        id: id.clone(),
        name: "New campaign".to_owned(),
        objective,
        channels: vec![channel],
        ..Campaign::default()
    });
    view.campaign = Some(id);
    actions.push(Action::Edit {
        edit: Edit::SetPlan(plan),
        label: "Add a campaign".to_owned(),
        coalesce: None,
    });
}

#[cfg(test)]
mod tests {
    use super::default_goal;
    use crate::model::{Link, Map, Role, TouchPoint, TouchPointId};

    fn id(text: &str) -> TouchPointId {
        TouchPointId::new(text).expect("valid")
    }

    #[test]
    fn a_new_objective_counts_success_at_the_maps_goal() {
        // ad → shop → receipt; "zz-tracking" unlinked and last by id: not where success is.
        let mut map = Map::new("T");
        for name in ["ad", "shop", "receipt", "zz-tracking"] {
            map.add_touchpoint(TouchPoint::new(id(name), name))
                .expect("valid");
        }
        for (from, to) in [("ad", "shop"), ("shop", "receipt")] {
            map.add_link(&id(from), &id(to), Link::default())
                .expect("valid");
        }
        assert_eq!(default_goal(&map), Some(id("receipt")));
        // A touch point marked as a goal wins.
        let mut shop = map.touchpoint(&id("shop")).expect("exists").clone();
        shop.role = Some(Role::Goal);
        map.update_touchpoint(shop).expect("valid");
        assert_eq!(default_goal(&map), Some(id("shop")));
    }
}
