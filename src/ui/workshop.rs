//! Workshop tools: filters, dot voting with the room-versus-data comparison, presentation of the
//! weak spots, what-if scenarios, comparison with another version, and a timebox.

use egui::{Align2, Color32, FontId, RichText, Ui};

use super::theme::severity_colour;
use super::{Action, Filter, ViewState};
use crate::analysis::{Config, Quadrant, Report, Severity};
use crate::diff::MapDiff;
use crate::edit::Edit;
use crate::model::{Map, TouchPointId};

/// A what-if scenario: one touch point with another score or importance, not yet applied.
#[derive(Debug, Clone)]
pub struct WhatIf {
    /// The touch point.
    pub id: TouchPointId,
    /// The score tried.
    pub score: f64,
    /// The importance tried.
    pub importance: u8,
    /// The analysis and pre-flight of the scenario, with the values and the map revision they were
    /// made for: any edit or undo makes them stale, not only a change of the sliders.
    cached: Option<ScenarioCache>,
}

/// What a what-if scenario computed, and from what.
#[derive(Debug, Clone, PartialEq)]
struct ScenarioCache {
    score: f64,
    importance: u8,
    revision: u64,
    report: Report,
    preflight: crate::analysis::Preflight,
}

impl WhatIf {
    /// A scenario starting from the touch point's current values.
    #[must_use]
    pub fn new(map: &Map, id: &TouchPointId) -> Option<Self> {
        let touchpoint = map.touchpoint(id)?;
        Some(Self {
            id: id.clone(),
            score: touchpoint.score.unwrap_or(3.0),
            importance: touchpoint.importance,
            cached: None,
        })
    }

    /// The map with the scenario's values.
    #[must_use]
    pub fn scenario_map(&self, map: &Map) -> Option<Map> {
        let mut scenario = map.clone();
        let mut touchpoint = scenario.touchpoint(&self.id)?.clone();
        touchpoint.score = Some(self.score);
        touchpoint.importance = self.importance;
        scenario.update_touchpoint(touchpoint).ok()?;
        Some(scenario)
    }

    /// The analysis of the scenario, run again only when a value or the map (its `revision`)
    /// changed.
    pub fn report(&mut self, map: &Map, revision: u64) -> Option<&Report> {
        self.scenario(map, revision).map(|cache| &cache.report)
    }

    /// The campaigns' pre-flight under the scenario (cached like the report).
    pub fn preflight(&mut self, map: &Map, revision: u64) -> Option<&crate::analysis::Preflight> {
        self.scenario(map, revision).map(|cache| &cache.preflight)
    }

    fn scenario(&mut self, map: &Map, revision: u64) -> Option<&ScenarioCache> {
        let fresh = self.cached.as_ref().is_some_and(|cache| {
            cache.score.to_bits() == self.score.to_bits()
                && cache.importance == self.importance
                && cache.revision == revision
        });
        if !fresh {
            let scenario = self.scenario_map(map)?;
            let (report, preflight) =
                crate::analysis::analyze_with_preflight(&scenario, &Config::default());
            self.cached = Some(ScenarioCache {
                score: self.score,
                importance: self.importance,
                revision,
                report,
                preflight,
            });
        }
        self.cached.as_ref()
    }

    /// The edit that makes the scenario real.
    #[must_use]
    pub fn edit(&self, map: &Map) -> Option<Edit> {
        let mut touchpoint = map.touchpoint(&self.id)?.clone();
        touchpoint.score = Some(self.score);
        touchpoint.importance = self.importance;
        Some(Edit::UpdateTouchPoint(touchpoint))
    }
}

/// A comparison of the open map with another version of it.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The other version's file name.
    pub name: String,
    /// The other version, as loaded.
    pub older: crate::model::Map,
    /// From the other version to the open map, as it was at `revision`.
    pub diff: MapDiff,
    /// The open map's history revision the diff was computed for.
    pub revision: u64,
    /// Whether the open map counts as the older version (the user swapped them).
    pub swapped: bool,
}

impl Comparison {
    /// A comparison of `older` with the open map at its history revision.
    #[must_use]
    pub fn new(
        name: String,
        older: crate::model::Map,
        map: &crate::model::Map,
        revision: u64,
    ) -> Self {
        let diff = crate::diff::diff(&older, map, &crate::analysis::Config::default());
        Self {
            name,
            older,
            diff,
            revision,
            swapped: false,
        }
    }

    fn compute(&mut self, map: &crate::model::Map, revision: u64) {
        let config = crate::analysis::Config::default();
        self.diff = if self.swapped {
            crate::diff::diff(map, &self.older, &config)
        } else {
            crate::diff::diff(&self.older, map, &config)
        };
        self.revision = revision;
    }

    /// Makes the other file the newer version (or back), and recomputes the diff.
    pub fn swap(&mut self, map: &crate::model::Map, revision: u64) {
        self.swapped = !self.swapped;
        self.compute(map, revision);
    }

    /// Which file is older and which newer, for people.
    #[must_use]
    pub fn direction(&self) -> String {
        if self.swapped {
            format!("Older: the open map → newer: {}", self.name)
        } else {
            format!("Older: {} → newer: the open map", self.name)
        }
    }

    /// A touch point's name in either version, else its id.
    fn name_of(&self, map: &crate::model::Map, id: &TouchPointId) -> String {
        map.touchpoint(id)
            .or_else(|| self.older.touchpoint(id))
            .map_or_else(|| id.to_string(), |t| t.name.clone())
    }

    /// Recomputes the diff when the open map changed since (an edit, an undo): once per revision,
    /// never per frame, so the badges and the list are never stale.
    pub fn refresh(&mut self, map: &crate::model::Map, revision: u64) {
        if self.revision != revision {
            self.compute(map, revision);
        }
    }

    /// A badge for a card: new, better or worse than in the other version.
    #[must_use]
    pub fn badge(&self, id: &TouchPointId) -> Option<(String, Color32)> {
        if self.diff.added.iter().any(|added| added.id == *id) {
            return Some(("NEW".to_owned(), Color32::from_rgb(40, 110, 230)));
        }
        let rescored = self.diff.rescored.iter().find(|r| r.id == *id)?;
        let text = |value: Option<f64>| value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"));
        match rescored.better() {
            Some(true) => Some((
                format!("▲ {} → {}", text(rescored.old), text(rescored.new)),
                Color32::from_rgb(20, 140, 60),
            )),
            Some(false) => Some((
                format!("▼ {} → {}", text(rescored.old), text(rescored.new)),
                Color32::from_rgb(200, 30, 40),
            )),
            None => Some((
                format!("{} → {}", text(rescored.old), text(rescored.new)),
                Color32::from_gray(90),
            )),
        }
    }
}

/// A workshop timebox.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timer {
    /// When it started, in egui seconds.
    pub started_secs: f64,
    /// How long it runs.
    pub total_secs: f64,
}

impl Timer {
    /// Seconds left (negative when over time).
    #[must_use]
    pub fn left(&self, now_secs: f64) -> f64 {
        self.started_secs + self.total_secs - now_secs
    }

    /// "4:59", or "+0:12" over time.
    #[must_use]
    pub fn text(&self, now_secs: f64) -> String {
        let left = self.left(now_secs);
        let seconds = left.abs().ceil() as u64;
        let sign = if left < 0.0 { "+" } else { "" };
        format!("{sign}{}:{:02}", seconds / 60, seconds % 60)
    }
}

/// The touch points presentation mode steps through: those with findings, most severe first.
#[must_use]
pub fn presentation_steps(report: &Report) -> Vec<&TouchPointId> {
    let mut steps: Vec<&TouchPointId> = Vec::new();
    for finding in &report.findings {
        if let Some(id) = &finding.touchpoint
            && !steps.contains(&id)
        {
            steps.push(id);
        }
    }
    steps
}

/// The filter bar: stage, channel, owner, severity, quadrant.
pub fn filter_bar_ui(ui: &mut Ui, map: &Map, filter: &mut Filter) {
    let mut channels: Vec<String> = map
        .graph()
        .node_weights()
        .filter_map(|t| t.channel.clone())
        .collect();
    channels.sort();
    channels.dedup();
    let mut owners: Vec<String> = map
        .graph()
        .node_weights()
        .map(|t| t.owner_name().unwrap_or("").to_owned())
        .collect();
    owners.sort();
    owners.dedup();
    ui.horizontal_wrapped(|ui| {
        ui.add_space(8.0);
        ui.strong("Filter");
        combo(ui, "Stage", &mut filter.stage, map.stages(), String::clone);
        combo(ui, "Channel", &mut filter.channel, &channels, String::clone);
        combo(ui, "Owner", &mut filter.owner, &owners, |s| {
            if s.is_empty() {
                "nobody".to_owned()
            } else {
                s.clone()
            }
        });
        combo(
            ui,
            "Severity",
            &mut filter.severity,
            &[
                Severity::Critical,
                Severity::High,
                Severity::Medium,
                Severity::Low,
            ],
            |s| format!("{} or worse", s.as_str()),
        );
        combo(
            ui,
            "Quadrant",
            &mut filter.quadrant,
            &[
                Quadrant::Concentrate,
                Quadrant::KeepUp,
                Quadrant::LowPriority,
                Quadrant::Overkill,
            ],
            |q| q.as_str().to_owned(),
        );
        if filter.is_active() && ui.button("Clear filters").clicked() {
            *filter = Filter::default();
        }
    });
}

fn combo<T: Clone + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<T>,
    options: &[T],
    text: impl Fn(&T) -> String,
) {
    let label_response = ui.label(label);
    let selected = value.as_ref().map_or_else(|| "any".to_owned(), &text);
    egui::ComboBox::from_id_salt(("filter", label))
        .selected_text(selected)
        .show_ui(ui, |ui| {
            if ui.selectable_label(value.is_none(), "any").clicked() {
                *value = None;
            }
            for option in options {
                if ui
                    .selectable_label(value.as_ref() == Some(option), text(option))
                    .clicked()
                {
                    *value = Some(option.clone());
                }
            }
        })
        .response
        .labelled_by(label_response.id);
}

/// The touch points with votes, most votes first.
fn ranked_by_votes(map: &Map) -> Vec<&crate::model::TouchPoint> {
    let mut ranked: Vec<_> = map
        .touchpoints()
        .into_iter()
        .filter(|t| t.votes > 0)
        .collect();
    ranked.sort_by(|a, b| b.votes.cmp(&a.votes).then_with(|| a.id.cmp(&b.id)));
    ranked
}

/// The measured touch points as (weakness, id), weakest first.
fn ranked_by_weakness(report: &Report) -> Vec<(f64, &TouchPointId)> {
    let mut ranked: Vec<_> = report
        .touchpoints
        .iter()
        .filter_map(|a| Some((a.weakness?, &a.id)))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    ranked
}

/// Where the room and the data disagree, as sentences.
#[must_use]
pub fn disagreements(map: &Map, report: &Report) -> Vec<String> {
    let by_votes = ranked_by_votes(map);
    let by_weakness = ranked_by_weakness(report);
    let medium = Config::default().medium;
    let mut sentences = Vec::new();
    for touchpoint in by_votes.iter().take(5) {
        let weakness = report.touchpoint(&touchpoint.id).and_then(|a| a.weakness);
        match weakness {
            Some(weakness) if weakness < medium => sentences.push(format!(
                "The room worries about {} ({} votes), but the data rates it fine (weakness {weakness:.2}).",
                touchpoint.name, touchpoint.votes
            )),
            None => sentences.push(format!("The room worries about {} ({} votes), but it has no score yet: measure it.", touchpoint.name, touchpoint.votes)),
            _ => {}
        }
    }
    for (weakness, id) in by_weakness.iter().take(5) {
        if *weakness < medium {
            break;
        }
        if let Some(touchpoint) = map.touchpoint(id)
            && touchpoint.votes == 0
        {
            sentences.push(format!(
                "The data points at {} (weakness {weakness:.2}), but nobody voted for it.",
                touchpoint.name
            ));
        }
    }
    sentences
}

/// The voting panel: the room's ranking beside the data's, and where they disagree.
pub fn votes_ui(ui: &mut Ui, map: &Map, report: &Report, actions: &mut Vec<Action>) {
    ui.heading("Dot voting");
    ui.label(RichText::new("Click a card to give it a vote, right-click to take one back.").weak());
    let total: u32 = map.graph().node_weights().map(|t| t.votes).sum();
    ui.label(format!("{total} votes cast"));
    if ui.button("Reset all votes").clicked() {
        actions.push(Action::ResetVotes);
    }
    ui.separator();
    let by_votes = ranked_by_votes(map);
    let by_weakness = ranked_by_weakness(report);
    ui.columns(2, |columns| {
        columns[0].strong("The room");
        for (rank, touchpoint) in by_votes.iter().take(8).enumerate() {
            columns[0].label(format!(
                "{}. {} ({})",
                rank + 1,
                touchpoint.name,
                touchpoint.votes
            ));
        }
        columns[1].strong("The data");
        for (rank, (weakness, id)) in by_weakness.iter().take(8).enumerate() {
            let name = map
                .touchpoint(id)
                .map_or_else(|| id.to_string(), |t| t.name.clone());
            columns[1].label(format!("{}. {name} ({weakness:.2})", rank + 1));
        }
    });
    ui.separator();
    let sentences = disagreements(map, report);
    if sentences.is_empty() {
        ui.label("The room and the data agree on the top weak spots.");
    }
    for sentence in sentences {
        ui.label(RichText::new(sentence).color(Color32::from_rgb(200, 110, 20)));
    }
}

/// The what-if panel: try another score or importance for the selected touch point and see the
/// ranking, the overall score and the stage curve change, side by side with the saved values.
pub fn what_if_ui(
    ui: &mut Ui,
    map: &Map,
    report: &Report,
    preflight: &crate::analysis::Preflight,
    revision: u64,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    ui.heading("What if…");
    let selected = view.selection.first().cloned();
    if view.what_if.as_ref().is_some_and(|w| !map.contains(&w.id)) {
        view.what_if = None;
    }
    let Some(what_if) = view.what_if.as_mut() else {
        match selected {
            Some(id) => {
                if ui
                    .button("Try other values for the selected touch point")
                    .clicked()
                {
                    view.what_if = WhatIf::new(map, &id);
                }
            }
            None => {
                ui.label(
                    RichText::new("Select a touch point to try another score or importance.")
                        .weak(),
                );
            }
        }
        return;
    };
    let Some(touchpoint) = map.touchpoint(&what_if.id) else {
        return;
    };
    ui.strong(&touchpoint.name);
    let score_label = ui.label(format!(
        "Score (now {})",
        touchpoint
            .score
            .map_or_else(|| "not rated".to_owned(), |s| format!("{s:.1}"))
    ));
    ui.add(egui::Slider::new(&mut what_if.score, 1.0..=5.0).step_by(0.1))
        .labelled_by(score_label.id);
    let importance_label = ui.label(format!("Importance (now {})", touchpoint.importance));
    ui.add(egui::Slider::new(&mut what_if.importance, 1..=5))
        .labelled_by(importance_label.id);
    let id = what_if.id.clone();
    let Some(scenario) = what_if.report(map, revision).cloned() else {
        return;
    };
    let campaign_id = view.campaign.clone();
    let scenario_campaign = campaign_id.as_deref().and_then(|campaign| {
        what_if
            .preflight(map, revision)?
            .campaign(campaign)
            .cloned()
    });
    let saved_campaign = campaign_id
        .as_deref()
        .and_then(|campaign| preflight.campaign(campaign));
    let before = &report.summary;
    let after = &scenario.summary;
    let score = |value: Option<f64>| value.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"));
    egui::Grid::new("what-if")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.strong("");
            ui.strong("saved");
            ui.strong("what if");
            ui.end_row();
            ui.label("Overall score");
            ui.label(score(before.overall_score));
            ui.label(score(after.overall_score));
            ui.end_row();
            let weakness = |report: &Report| report.touchpoint(&id).and_then(|a| a.weakness);
            ui.label("Its weakness");
            ui.label(score(weakness(report)));
            ui.label(score(weakness(&scenario)));
            ui.end_row();
            let count = |report: &Report, severity: Severity| {
                report
                    .findings
                    .iter()
                    .filter(|f| f.severity == severity)
                    .count()
                    .to_string()
            };
            for severity in [Severity::Critical, Severity::High] {
                ui.label(format!("{} findings", severity.as_str()));
                ui.label(count(report, severity));
                ui.label(count(&scenario, severity));
                ui.end_row();
            }
            if let (Some(saved), Some(tried)) = (saved_campaign, &scenario_campaign) {
                // The campaign shown on the map: what fixing (or neglecting) this spot does to it.
                let exposure = |campaign: &crate::analysis::CampaignPreflight| {
                    campaign.touchpoint(&id).map_or(0.0, |row| row.exposure)
                };
                ui.label(format!("{}: goals", saved.name));
                ui.label(crate::numbers::whole(saved.goal_reached));
                ui.label(crate::numbers::whole(tried.goal_reached));
                ui.end_row();
                ui.label("…poor experiences here");
                ui.label(crate::numbers::whole(exposure(saved)));
                ui.label(crate::numbers::whole(exposure(tried)));
                ui.end_row();
                ui.label("…readiness findings");
                ui.label(saved.findings.len().to_string());
                ui.label(tried.findings.len().to_string());
                ui.end_row();
            }
            for (old, new) in before.stages.iter().zip(&after.stages) {
                if old.score != new.score {
                    ui.label(format!("Stage {}", old.stage));
                    ui.label(score(old.score));
                    ui.label(score(new.score));
                    ui.end_row();
                }
            }
        });
    let rank = |report: &Report| {
        ranked_by_weakness(report)
            .iter()
            .position(|(_, other)| **other == id)
            .map(|p| p + 1)
    };
    ui.label(format!(
        "Rank among weak spots: {} → {}",
        rank(report).map_or_else(|| "–".to_owned(), |r| r.to_string()),
        rank(&scenario).map_or_else(|| "–".to_owned(), |r| r.to_string())
    ));
    ui.horizontal(|ui| {
        if ui.button("Apply").clicked() {
            actions.push(Action::ApplyWhatIf);
        }
        if ui.button("Reset").clicked() {
            view.what_if = None;
        }
    });
}

/// The comparison list: what changed since the other version.
pub fn comparison_ui(ui: &mut Ui, map: &Map, revision: u64, view: &mut ViewState) {
    let Some(comparison) = &view.comparison else {
        return;
    };
    ui.horizontal(|ui| {
        ui.heading(format!("Compared with {}", comparison.name));
        ui.label(comparison.direction());
    });
    let diff = &comparison.diff;
    let subject = |finding: &crate::analysis::Finding| {
        finding.touchpoint.as_ref().map_or_else(
            || {
                finding
                    .stage
                    .clone()
                    .map_or_else(|| "the map".to_owned(), |stage| format!("stage {stage}"))
            },
            |id| comparison.name_of(map, id),
        )
    };
    if diff.is_empty() {
        ui.label("No differences.");
    }
    for added in &diff.added {
        ui.label(RichText::new(format!("+ {}", added.name)).color(Color32::from_rgb(40, 110, 230)));
    }
    for removed in &diff.removed {
        ui.label(RichText::new(format!("− {}", removed.name)).color(Color32::from_gray(120)));
    }
    for rescored in &diff.rescored {
        let (mark, colour) = match rescored.better() {
            Some(true) => ("▲ better", Color32::from_rgb(20, 140, 60)),
            Some(false) => ("▼ worse", Color32::from_rgb(200, 30, 40)),
            None => ("~ changed", Color32::from_gray(120)),
        };
        let text = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"));
        ui.label(
            RichText::new(format!(
                "{mark}: {} {} → {}",
                rescored.name,
                text(rescored.old),
                text(rescored.new)
            ))
            .color(colour),
        );
    }
    if !diff.findings_resolved.is_empty() {
        ui.strong(format!(
            "{} findings resolved",
            diff.findings_resolved.len()
        ));
        for finding in diff.findings_resolved.iter().take(10) {
            ui.label(format!("✓ {} {}", finding.rule.as_str(), subject(finding)));
        }
    }
    if !diff.findings_new.is_empty() {
        ui.strong(format!("{} new findings", diff.findings_new.len()));
        for finding in diff.findings_new.iter().take(10) {
            ui.label(
                RichText::new(format!("! {} {}", finding.rule.as_str(), subject(finding)))
                    .color(severity_colour(finding.severity)),
            );
        }
    }
    ui.horizontal(|ui| {
        if ui.button("Swap older and newer").clicked()
            && let Some(comparison) = &mut view.comparison
        {
            comparison.swap(map, revision);
        }
        if ui.button("Stop comparing").clicked() {
            view.comparison = None;
        }
    });
}

/// The presentation caption: the current weak spot's reason and action in large type. The app
/// gives it a panel of its own beside or below the map, so it never covers the card.
pub fn presentation_caption_ui(ui: &mut Ui, map: &Map, report: &Report, view: &ViewState) {
    let steps = presentation_steps(report);
    ui.add_space(12.0);
    let Some(id) = steps.get(view.presentation_step.min(steps.len().saturating_sub(1))) else {
        ui.label(RichText::new("No weak spots to present.").size(28.0));
        return;
    };
    let name = map
        .touchpoint(id)
        .map_or_else(|| id.to_string(), |t| t.name.clone());
    ui.label(
        RichText::new(format!(
            "{} / {}   {name}",
            view.presentation_step.min(steps.len() - 1) + 1,
            steps.len()
        ))
        .size(34.0)
        .strong(),
    );
    for finding in report.findings_for(id) {
        ui.label(
            RichText::new(format!(
                "{} · {}",
                finding.severity.as_str().to_uppercase(),
                finding.rule.as_str()
            ))
            .size(20.0)
            .color(severity_colour(finding.severity))
            .strong(),
        );
        ui.label(RichText::new(&finding.reason).size(24.0));
        ui.label(
            RichText::new(format!("→ {}", finding.action))
                .size(24.0)
                .italics(),
        );
    }
    ui.label(
        RichText::new("← → step · Esc ends the presentation")
            .size(14.0)
            .weak(),
    );
}

/// The timebox in large type at the top right while presenting.
pub fn presentation_timer_ui(ctx: &egui::Context, view: &ViewState, now_secs: f64) {
    if let Some(timer) = view.timer {
        egui::Area::new(egui::Id::unique("presentation-timer"))
            .anchor(Align2::RIGHT_TOP, egui::vec2(-24.0, 16.0))
            .interactable(false)
            .show(ctx, |ui| {
                let colour = if timer.left(now_secs) < 0.0 {
                    Color32::from_rgb(220, 40, 40)
                } else {
                    ui.visuals().strong_text_color()
                };
                ui.label(
                    RichText::new(timer.text(now_secs))
                        .font(FontId::proportional(40.0))
                        .color(colour),
                );
            });
    }
}

/// The timebox controls in the status bar.
pub fn timer_ui(ui: &mut Ui, view: &mut ViewState, now_secs: f64) {
    match view.timer {
        Some(timer) => {
            let colour = if timer.left(now_secs) < 0.0 {
                Color32::from_rgb(220, 40, 40)
            } else {
                ui.visuals().strong_text_color()
            };
            ui.label(
                RichText::new(format!("Timer {}", timer.text(now_secs)))
                    .color(colour)
                    .strong(),
            );
            if ui.small_button("stop").clicked() {
                view.timer = None;
            }
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(250));
        }
        None => {
            ui.menu_button("Timebox", |ui| {
                for minutes in [5.0, 10.0, 15.0, 30.0] {
                    if ui.button(format!("{minutes:.0} minutes")).clicked() {
                        view.timer = Some(Timer {
                            started_secs: now_secs,
                            total_secs: minutes * 60.0,
                        });
                        ui.close();
                    }
                }
                let id = egui::Id::unique("timer-typed");
                let mut typed: String = ui.data(|d| d.get_temp(id)).unwrap_or_default();
                ui.horizontal(|ui| {
                    let label = ui.label("Minutes");
                    ui.add(egui::TextEdit::singleline(&mut typed).desired_width(40.0))
                        .labelled_by(label.id);
                    if ui.button("Start").clicked()
                        && let Ok(minutes) = typed.trim().replace(',', ".").parse::<f64>()
                        && minutes > 0.0
                        && minutes <= 600.0
                    {
                        view.timer = Some(Timer {
                            started_secs: now_secs,
                            total_secs: minutes * 60.0,
                        });
                        ui.close();
                    }
                });
                ui.data_mut(|d| d.insert_temp(id, typed));
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timers_count_down_and_then_over() {
        let timer = Timer {
            started_secs: 10.0,
            total_secs: 300.0,
        };
        assert_eq!(timer.text(10.0), "5:00");
        assert_eq!(timer.text(11.5), "4:59");
        assert_eq!(timer.text(322.0), "+0:12");
    }

    #[test]
    fn the_room_and_the_data_disagree_out_loud() {
        let mut map =
            crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example");
        let mut ad = map
            .touchpoint(&TouchPointId::new("instagram-ad").expect("valid"))
            .expect("exists")
            .clone();
        ad.votes = 6;
        map.update_touchpoint(ad).expect("valid");
        let report = crate::analysis::analyze(&map, &Config::default());
        let sentences = disagreements(&map, &report);
        assert!(
            sentences
                .iter()
                .any(|s| s.starts_with("The room worries about Instagram ad (6 votes)")),
            "{sentences:?}"
        );
        assert!(
            sentences
                .iter()
                .any(|s| s.starts_with("The data points at Courier delivery")),
            "{sentences:?}"
        );
    }

    #[test]
    fn a_what_if_changes_the_analysis_but_not_the_map() {
        let map = crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example");
        let id = TouchPointId::new("delivery").expect("valid");
        let mut what_if = WhatIf::new(&map, &id).expect("exists");
        what_if.score = 4.5;
        let report = what_if.report(&map, 0).expect("analysed").clone();
        assert!(
            report
                .findings
                .iter()
                .all(|f| !(f.touchpoint.as_ref() == Some(&id)
                    && f.rule == crate::analysis::Rule::Bottleneck))
        );
        assert_eq!(map.touchpoint(&id).expect("exists").score, Some(1.6));
    }

    #[test]
    fn a_what_if_is_recomputed_after_another_edit_or_an_undo() {
        // The stale-cache bug: the cache was keyed on the sliders only, so after an edit elsewhere
        // the "what if" column still showed the old map.
        let mut map =
            crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example");
        let id = TouchPointId::new("delivery").expect("valid");
        let mut what_if = WhatIf::new(&map, &id).expect("exists");
        let before = what_if
            .report(&map, 1)
            .expect("analysed")
            .summary
            .overall_score;
        let mut page = map
            .touchpoint(&TouchPointId::new("product-page").expect("valid"))
            .expect("exists")
            .clone();
        page.score = Some(1.0);
        map.update_touchpoint(page).expect("valid");
        let after = what_if
            .report(&map, 2)
            .expect("analysed")
            .summary
            .overall_score;
        assert_ne!(before, after, "a new revision recomputes the scenario");
    }
}
