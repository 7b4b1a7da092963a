//! The filter bar: stage, channel, owner, severity, quadrant.

use super::{Filter, Map, Quadrant, Severity, Ui};

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
