//! The filter bar: stage, channel, owner, severity, quadrant.

use std::collections::HashSet;
use std::rc::Rc;

use super::{Filter, Map, Quadrant, Report, Severity, TouchPointId, Ui};

/// The touch points that pass a filter, and what the charts show of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Passing {
    ids: HashSet<TouchPointId>,
    /// The stage curve of the passing touch points: (stage index, mean score), stages with no
    /// measured passing touch point left out.
    pub stage_curve: Vec<[f64; 2]>,
}

impl Passing {
    /// The touch points of `map` that pass `filter`.
    #[must_use]
    pub fn of(map: &Map, report: &Report, filter: &Filter) -> Self {
        let ids = map
            .graph()
            .node_weights()
            .filter(|touchpoint| filter.matches(touchpoint, report))
            .map(|touchpoint| touchpoint.id.clone())
            .collect();
        let stage_curve = stage_curve(map, report, &ids);
        Self { ids, stage_curve }
    }

    /// Whether this touch point passes.
    #[must_use]
    pub fn contains(&self, id: &TouchPointId) -> bool {
        self.ids.contains(id)
    }
}

/// The mean score per stage of the measured touch points in `ids` (as the summary computes it for
/// the whole map), as plot points.
fn stage_curve(map: &Map, report: &Report, ids: &HashSet<TouchPointId>) -> Vec<[f64; 2]> {
    report
        .summary
        .stages
        .iter()
        .enumerate()
        .filter_map(|(index, stage)| {
            let scores: Vec<f64> = map
                .graph()
                .node_weights()
                .filter(|t| ids.contains(&t.id))
                .filter(|t| t.stage.as_deref() == Some(stage.stage.as_str()))
                .filter_map(|t| t.score)
                .collect();
            (!scores.is_empty()).then(|| {
                [
                    index as f64,
                    scores.iter().sum::<f64>() / scores.len() as f64,
                ]
            })
        })
        .collect()
}

/// The touch points that pass the filter, for the weak-spots list and the charts: computed when
/// the filter or the map's revision changes, not on every frame.
#[derive(Debug, Clone, Default)]
pub struct FilterCache {
    key: Option<((u64, u64), Filter)>,
    matching: Option<Rc<Passing>>,
}

impl FilterCache {
    /// The ids passing `filter` on the map at `revision` (the history's revision and the
    /// analysis's generation: severity and quadrant come from the report); `None` when no filter
    /// is set.
    pub fn matching(
        &mut self,
        filter: &Filter,
        revision: (u64, u64),
        map: &Map,
        report: &Report,
    ) -> Option<Rc<Passing>> {
        if !filter.is_active() {
            return None;
        }
        let key = (revision, filter.clone());
        if self.key.as_ref() != Some(&key) || self.matching.is_none() {
            self.matching = Some(Rc::new(Passing::of(map, report, filter)));
            self.key = Some(key);
        }
        self.matching.clone()
    }
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

pub(super) fn combo<T: Clone + PartialEq>(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TouchPoint;

    #[test]
    fn the_filtered_curve_is_the_mean_score_of_the_passing_touch_points_per_stage() {
        let mut map = Map::new("T");
        map.set_stages(vec!["Buy".into(), "Use".into()])
            .expect("stages");
        for (id, stage, score) in [("a", "Buy", 2.0), ("b", "Buy", 4.0), ("c", "Use", 5.0)] {
            let mut touchpoint = TouchPoint::new(TouchPointId::new(id).expect("id"), id);
            touchpoint.stage = Some(stage.into());
            touchpoint.score = Some(score);
            map.add_touchpoint(touchpoint).expect("valid");
        }
        let report = crate::analysis::analyze(&map, &crate::analysis::Config::default());
        let ids = |list: &[&str]| -> HashSet<TouchPointId> {
            list.iter()
                .map(|id| TouchPointId::new(*id).expect("id"))
                .collect()
        };
        // a and c: Buy = 2/1, Use = 5/1.
        assert_eq!(
            stage_curve(&map, &report, &ids(&["a", "c"])),
            [[0.0, 2.0], [1.0, 5.0]]
        );
        // a and b: Buy = (2 + 4) / 2 = 3; Use has none, so no point.
        assert_eq!(stage_curve(&map, &report, &ids(&["a", "b"])), [[0.0, 3.0]]);
    }
}
