//! The filter bar: stage, channel, owner, severity, quadrant.

use std::collections::HashSet;
use std::rc::Rc;

use super::{Filter, Map, Quadrant, Report, Severity, TouchPointId, Ui};

/// The ids of the touch points that pass a filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Passing(HashSet<TouchPointId>);

impl Passing {
    /// Whether this touch point passes.
    #[must_use]
    pub fn contains(&self, id: &TouchPointId) -> bool {
        self.0.contains(id)
    }
}

impl FromIterator<TouchPointId> for Passing {
    fn from_iter<I: IntoIterator<Item = TouchPointId>>(ids: I) -> Self {
        Self(ids.into_iter().collect())
    }
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
            let ids = map
                .graph()
                .node_weights()
                .filter(|touchpoint| filter.matches(touchpoint, report))
                .map(|touchpoint| touchpoint.id.clone())
                .collect();
            self.matching = Some(Rc::new(ids));
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
