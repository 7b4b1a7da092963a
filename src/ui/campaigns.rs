//! The Campaigns panel (F4): objectives and campaigns of the plan around the map, edited in place
//! (every change one undoable `SetPlan` edit), a campaign chosen to show its customers on the map,
//! and its numbers and readiness checklist.

use egui::{Color32, RichText, Ui};

use super::theme::severity_colour;
use super::{Action, ViewState};
use crate::analysis::{CampaignPreflight, Preflight, ReadinessRule, Verdict};
use crate::edit::Edit;
use crate::export::calendar_chart::most_strained;
use crate::export::text::{CAMPAIGN_COLUMNS, campaign_dates, campaign_row, objective_line};
use crate::model::{Campaign, Day, Map, Objective, ObjectiveKind, Plan, TouchPointId, first_free};
use crate::numbers::{fine_percent, money, percent, whole};

/// Emits the plan as an edit when it fits the map, or says inline why not.
fn propose(
    ui: &mut Ui,
    map: &Map,
    plan: Plan,
    label: &str,
    typing: Option<String>,
    actions: &mut Vec<Action>,
) {
    match plan.check(|id| map.contains(id)) {
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

/// A verdict's colour in the editor (white text reads on each).
#[must_use]
pub fn verdict_colour(verdict: Verdict) -> Color32 {
    match verdict {
        Verdict::Stop => Color32::from_rgb(185, 28, 28),
        Verdict::FixFirst => Color32::from_rgb(154, 52, 18),
        Verdict::Go => Color32::from_rgb(21, 128, 61),
    }
}

/// The verdict as a badge: the word, white on its colour (never colour alone).
fn verdict_badge(ui: &mut Ui, verdict: Verdict) -> egui::Response {
    ui.label(
        RichText::new(verdict.label())
            .strong()
            .color(Color32::WHITE)
            .background_color(verdict_colour(verdict)),
    )
    .on_hover_text(verdict.meaning())
}

/// The panel.
pub fn campaigns_ui(
    ui: &mut Ui,
    map: &Map,
    preflight: &Preflight,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    ui.heading("Campaigns");
    ui.label(
        RichText::new(
            "Pre-flight: where a campaign's customers go, what they meet, what it earns — and a verdict.",
        )
        .weak(),
    );
    let plan = map.plan();
    if view
        .campaign
        .as_ref()
        .is_some_and(|id| plan.campaign(id).is_none())
    {
        view.campaign = None;
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button("New objective").clicked() {
            new_objective(map, actions);
        }
        if ui.button("New campaign").clicked() {
            new_campaign(map, view, actions);
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if plan.campaigns.is_empty() {
                ui.label("No campaign yet. Add an objective (where success is counted), then a campaign (where it brings customers in).");
            } else {
                side_by_side_ui(ui, map, preflight, view);
                calendar_ui(ui, map, preflight, view);
            }
            if let Some(campaign) = view
                .campaign
                .clone()
                .and_then(|id| plan.campaign(&id))
            {
                ui.separator();
                let result = preflight.campaign(&campaign.id);
                ui.horizontal_wrapped(|ui| {
                    if let Some(result) = result {
                        verdict_badge(ui, result.verdict);
                    }
                    ui.strong(format!("Selected: {}", campaign.name));
                });
                if let Some(result) = result {
                    ui.label(RichText::new(result.verdict.meaning()).italics());
                }
                // The form comes before the numbers and the checklist, so that editing a field
                // never moves the fields under the mouse when the findings change.
                egui::CollapsingHeader::new("Edit this campaign")
                    .id_salt(("edit-campaign", &campaign.id))
                    .default_open(true)
                    .show(ui, |ui| campaign_editor_ui(ui, map, campaign, view, actions));
                if let Some(result) = result {
                    numbers_ui(ui, map, result);
                    checklist_ui(ui, result);
                }
            }
            ui.separator();
            ui.heading("Objectives");
            for objective in &plan.objectives {
                egui::CollapsingHeader::new(&objective.name)
                    .id_salt(("objective", &objective.id))
                    .show(ui, |ui| objective_editor_ui(ui, map, objective, view, actions));
            }
        });
}

/// Every campaign, verdict first, as a list narrow enough for the drawer (each name chooses the
/// campaign to show), and the objectives' totals; "Side by side" opens the same numbers as one
/// table (DESIGN.md, "Side by side") in a window wide enough for its eleven columns.
fn side_by_side_ui(ui: &mut Ui, map: &Map, preflight: &Preflight, view: &mut ViewState) {
    ui.horizontal(|ui| {
        ui.strong("Verdicts");
        if ui
            .selectable_label(view.side_by_side_open, "Side by side (table)")
            .on_hover_text("Every campaign in one table: verdict, dates, owner, reach, budget, goal, cost per goal, ROI, poor experiences met, worst finding")
            .clicked()
        {
            view.side_by_side_open = !view.side_by_side_open;
        }
    });
    for result in &preflight.campaigns {
        let cells = campaign_row(map, result);
        ui.horizontal_wrapped(|ui| {
            verdict_badge(ui, result.verdict);
            let shown = view.campaign.as_deref() == Some(result.id.as_str());
            if ui
                .selectable_label(shown, RichText::new(&result.name).strong())
                .on_hover_text(
                    "Show this campaign's customers on the map, its numbers and its checklist",
                )
                .clicked()
            {
                view.campaign = if shown { None } else { Some(result.id.clone()) };
            }
        });
        // Dates · owner; reach · budget · goal · cost per goal · ROI · poor experiences; worst.
        ui.label(RichText::new(format!("{} · owner {}", cells[2], cells[3])).small());
        ui.label(
            RichText::new(format!(
                "reach {} · budget {} · goal {} · {} per goal · ROI {} · {} poor experiences",
                cells[4], cells[5], cells[6], cells[7], cells[8], cells[9]
            ))
            .small(),
        );
        ui.label(
            RichText::new(format!("worst: {}", cells[10]))
                .small()
                .weak(),
        );
    }
    for total in &preflight.objectives {
        let line = objective_line(map, total);
        let colour = match total.meets_target {
            Some(false) => severity_colour(crate::analysis::Severity::Medium),
            _ => ui.visuals().text_color(),
        };
        ui.label(RichText::new(line).color(colour));
    }
    if view.side_by_side_open {
        let mut open = true;
        // Beside the drawer, not over the button that opened it.
        let area = ui.ctx().content_rect();
        egui::Window::new("Campaigns side by side")
            .open(&mut open)
            .collapsible(false)
            .pivot(egui::Align2::RIGHT_TOP)
            .default_pos(area.right_top() + egui::vec2(-16.0, 48.0))
            .show(ui.ctx(), |ui| {
                egui::Grid::new("campaigns-side-by-side")
                    .striped(true)
                    .num_columns(CAMPAIGN_COLUMNS.len())
                    .show(ui, |ui| {
                        for header in CAMPAIGN_COLUMNS {
                            ui.label(RichText::new(header).strong());
                        }
                        ui.end_row();
                        for result in &preflight.campaigns {
                            let cells = campaign_row(map, result);
                            verdict_badge(ui, result.verdict);
                            for cell in &cells[1..] {
                                ui.label(cell);
                            }
                            ui.end_row();
                        }
                    });
                for total in &preflight.objectives {
                    ui.label(objective_line(map, total));
                }
            });
        view.side_by_side_open = open;
    }
}

/// The calendar: the dated campaigns as bars over the weeks, the days on which a touch point is
/// overloaded shaded, and the daily load of the selected touch point (else the most strained one)
/// against its capacity. A sentence under it says the same in words.
fn calendar_ui(ui: &mut Ui, map: &Map, preflight: &Preflight, view: &ViewState) {
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
            let touchpoints = map.touchpoints();
            let chosen = view
                .selection
                .first()
                .and_then(|id| touchpoints.binary_search_by(|t| t.id.cmp(id)).ok())
                .filter(|&t| {
                    schedule.capacity(t).is_some()
                        || schedule.periods.iter().any(|p| schedule.load(p, t) > 0.0)
                })
                .or_else(|| most_strained(schedule, touchpoints.len()).map(|(t, _)| t));
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
                .filter(|period| schedule.overloaded(period))
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
                let peak = schedule
                    .periods
                    .iter()
                    .map(|period| schedule.load(period, touchpoint))
                    .fold(0.0, f64::max);
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
                let name = &touchpoints[touchpoint].name;
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

fn numbers_ui(ui: &mut Ui, map: &Map, result: &CampaignPreflight) {
    let goal = map
        .plan()
        .objective(&result.objective)
        .map(|o| map.name_of(&o.goal))
        .unwrap_or_default();
    egui::Grid::new(("numbers", &result.id))
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            let mut row = |label: &str, value: String| {
                ui.label(label);
                ui.strong(value);
                ui.end_row();
            };
            row("Dates", campaign_dates(result));
            row("Customers brought in", whole(result.reach));
            row(
                &format!("Reach {goal}"),
                format!(
                    "{} ({})",
                    whole(result.goal_reached),
                    fine_percent(result.goal_share)
                ),
            );
            row(
                "Cost per goal",
                result.cost_per_goal.map_or_else(|| "–".to_owned(), money),
            );
            row("ROI", result.roi.map_or_else(|| "–".to_owned(), percent));
            row(
                "Target",
                match result.meets_target {
                    Some(true) => "met".to_owned(),
                    Some(false) => "missed".to_owned(),
                    None => "–".to_owned(),
                },
            );
            row("Poor experiences met", whole(result.total_exposure()));
        });
    let leaks = result.biggest_leaks(3);
    if !leaks.is_empty() {
        ui.label(format!(
            "Lost at: {}",
            leaks
                .iter()
                .map(|row| format!("{} {}", map.name_of(&row.id), whole(row.lost)))
                .collect::<Vec<_>>()
                .join(" · ")
        ));
    }
}

/// One line per readiness rule (from the rule enum, so a new rule appears here by itself): a tick
/// where the campaign passes it, else each finding with its action.
fn checklist_ui(ui: &mut Ui, result: &CampaignPreflight) {
    ui.strong("Readiness");
    for rule in ReadinessRule::all() {
        let findings: Vec<_> = result.findings.iter().filter(|f| f.rule == rule).collect();
        if findings.is_empty() {
            ui.label(
                RichText::new(format!("✔ {}", rule.question()))
                    .color(Color32::from_rgb(20, 120, 50)),
            );
        }
        for finding in findings {
            ui.label(
                RichText::new(format!(
                    "✖ {}: {}",
                    finding.severity.as_str().to_uppercase(),
                    finding.reason
                ))
                .color(severity_colour(finding.severity)),
            );
            ui.label(RichText::new(format!("   → {}", finding.action)).italics());
        }
    }
}

fn campaign_editor_ui(
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

fn objective_editor_ui(
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

/// Where a new objective counts success until someone picks: the map's first goal, or its last
/// touch point.
fn default_goal(map: &Map) -> Option<TouchPointId> {
    let touchpoints = map.touchpoints();
    touchpoints
        .iter()
        .find(|t| t.role == Some(crate::model::Role::Goal))
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

fn new_objective(map: &Map, actions: &mut Vec<Action>) {
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
fn new_campaign(map: &Map, view: &mut ViewState, actions: &mut Vec<Action>) {
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
