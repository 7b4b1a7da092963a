//! What if… another score or importance for one touch point: the scenario, its cached analysis
//! (keyed on the sliders and the map revision) and its panel.

use std::sync::Arc;

use super::{
    Action, Config, Edit, Map, Report, RichText, Severity, TouchPointId, Ui, ViewState,
    ranked_by_weakness,
};

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
    pub fn report(&mut self, map: &Map, revision: u64) -> Option<Arc<Report>> {
        self.scenario(map, revision)
            .map(|cache| Arc::clone(&cache.report))
    }

    /// The touch point's rank among the weak spots, saved and under the scenario (1 = weakest),
    /// sorted once per scenario, revision and saved analysis (`saved_generation`: a big map's
    /// analysis arrives from another thread without a new revision), not per frame.
    pub fn ranks(
        &mut self,
        map: &Map,
        saved: &Report,
        (revision, saved_generation): (u64, u64),
    ) -> Ranks {
        let id = self.id.clone();
        let Some(cache) = self.scenario_mut(map, revision) else {
            return (None, None);
        };
        if let Some((generation, ranks)) = cache.ranks
            && generation == saved_generation
        {
            return ranks;
        }
        let rank = |report: &Report| {
            ranked_by_weakness(report)
                .iter()
                .position(|(_, other)| **other == id)
                .map(|p| p + 1)
        };
        let ranks = (rank(saved), rank(&cache.report));
        cache.ranks = Some((saved_generation, ranks));
        ranks
    }

    /// The campaigns' pre-flight under the scenario (cached like the report).
    pub fn preflight(&mut self, map: &Map, revision: u64) -> Option<&crate::analysis::Preflight> {
        self.scenario(map, revision).map(|cache| &cache.preflight)
    }

    fn scenario(&mut self, map: &Map, revision: u64) -> Option<&ScenarioCache> {
        self.scenario_mut(map, revision).map(|cache| &*cache)
    }

    fn scenario_mut(&mut self, map: &Map, revision: u64) -> Option<&mut ScenarioCache> {
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
                report: Arc::new(report),
                preflight,
                ranks: None,
            });
        }
        self.cached.as_mut()
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

/// A touch point's rank among the weak spots (1 = weakest), saved and under the scenario.
type Ranks = (Option<usize>, Option<usize>);

/// What a what-if scenario computed, and from what.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ScenarioCache {
    score: f64,
    importance: u8,
    revision: u64,
    /// Shared with the panel drawing it, so a frame borrows it instead of copying a whole report.
    report: Arc<Report>,
    preflight: crate::analysis::Preflight,
    /// The touch point's rank saved and under the scenario, once asked for.
    ranks: Option<(u64, Ranks)>,
}

/// The what-if panel: try another score or importance for the selected touch point and see the
/// ranking, the overall score and the stage curve change, side by side with the saved values.
pub fn what_if_ui(
    ui: &mut Ui,
    map: &Map,
    report: &Report,
    preflight: &crate::analysis::Preflight,
    (revision, saved_generation): (u64, u64),
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
    let (rank_before, rank_after) = what_if.ranks(map, report, (revision, saved_generation));
    let Some(scenario) = what_if.report(map, revision) else {
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
                // Short labels: the campaign's name in the first column pushed the "what if"
                // column out of the drawer. The name is said under the table.
                ui.label("campaign goals");
                ui.label(crate::numbers::whole(saved.goal_reached));
                ui.label(crate::numbers::whole(tried.goal_reached));
                ui.end_row();
                ui.label("poor experiences");
                ui.label(crate::numbers::whole(exposure(saved)));
                ui.label(crate::numbers::whole(exposure(tried)));
                ui.end_row();
                ui.label("readiness findings");
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
    if let Some(saved) = saved_campaign {
        ui.label(
            egui::RichText::new(format!(
                "Campaign rows: {}, shown on the map (its goals reached, the poor experiences its customers meet here, its readiness findings).",
                saved.name
            ))
            .weak(),
        );
    }
    ui.label(format!(
        "Rank among weak spots: {} → {}",
        rank_before.map_or_else(|| "–".to_owned(), |r| r.to_string()),
        rank_after.map_or_else(|| "–".to_owned(), |r| r.to_string())
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

#[cfg(test)]
mod tests {
    use super::*;

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
