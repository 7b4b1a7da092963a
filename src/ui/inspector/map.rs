//! The inspector when nothing is selected: the map's title, brand and stages.

use egui::{RichText, Ui};

use super::fields::optional;
use super::{Action, ViewState, emit_typed, text_row};
use crate::edit::Edit;
use crate::model::Map;

pub(super) fn map_ui(
    ui: &mut Ui,
    map: &Map,
    revision: u64,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
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
        let edit = Edit::SetTitle(state.buffer("title").clone());
        emit_typed(
            state,
            actions,
            edit,
            "Edit title".into(),
            "map:title".into(),
        );
    }
    if text_row(ui, state, "brand", "Brand", "optional") {
        let edit = Edit::SetBrand(optional(state.buffer("brand")));
        emit_typed(
            state,
            actions,
            edit,
            "Edit brand".into(),
            "map:brand".into(),
        );
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
