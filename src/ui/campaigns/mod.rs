//! The Campaigns panel (F4): every campaign with its verdict first (and side by side as one table
//! in a window), the objectives' totals, the calendar (`calendar.rs`), then the chosen campaign —
//! shown on the map — with its form (`forms.rs`: every change one undoable `SetPlan` edit), its
//! numbers and its readiness checklist.

use egui::{Color32, RichText, Ui};

mod calendar;
mod forms;

use super::theme::severity_colour;
use super::{Action, ViewState};
use crate::analysis::{CampaignPreflight, Preflight, ReadinessRule, Verdict};
use crate::export::text::{CAMPAIGN_COLUMNS, campaign_dates, campaign_row, objective_line};
use crate::model::Map;
use crate::numbers::{fine_percent, money, percent, whole};
use calendar::calendar_ui;
use forms::{campaign_editor_ui, new_campaign, new_objective, objective_editor_ui};

/// A verdict's colour in the editor (the palette is `layout::verdict_rgb`, shared with the reports).
#[must_use]
pub fn verdict_colour(verdict: Verdict) -> Color32 {
    super::theme::rgb(crate::layout::verdict_rgb(verdict))
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
