//! Input on the empty canvas: pan, box select, double-click to add.

use super::{
    Action, CARD_HEIGHT, CARD_WIDTH, Id, Map, Mode, PointerButton, Pos2, Rect, Stroke, StrokeKind,
    TouchPointId, Transform, Ui, ViewState, is_far, layout, theme,
};

#[expect(
    clippy::too_many_arguments,
    reason = "one input pass over the frame's shared state"
)]
pub(super) fn background_input(
    ui: &Ui,
    map: &Map,
    background: &egui::Response,
    area: Rect,
    transform: &Transform,
    cards: super::CardRects<'_>,
    hovered_link: Option<(TouchPointId, TouchPointId)>,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let shift = ui.input(|input| input.modifiers.shift);
    let box_id = Id::unique("box-select-start");
    if background.drag_started_by(PointerButton::Primary) && shift {
        let start = background.interact_pointer_pos();
        ui.ctx().data_mut(|data| data.insert_temp(box_id, start));
    }
    let box_start: Option<Pos2> = ui
        .ctx()
        .data(|data| data.get_temp::<Option<Pos2>>(box_id))
        .flatten();
    if let Some(start) = box_start {
        if let Some(now) = ui.input(|input| input.pointer.latest_pos()) {
            let selection_rect = Rect::from_two_pos(start, now);
            ui.painter_at(area).rect(
                selection_rect,
                2.0,
                theme::SELECTION.gamma_multiply(0.15),
                Stroke::new(1.5, theme::SELECTION),
                StrokeKind::Inside,
            );
            if background.drag_stopped() {
                for (id, rect) in cards.iter() {
                    if selection_rect.intersects(*rect) {
                        view.selection.insert((*id).clone());
                    }
                }
                view.selected_link = None;
                ui.ctx()
                    .data_mut(|data| data.remove::<Option<Pos2>>(box_id));
            }
        }
    } else if background.dragged_by(PointerButton::Primary)
        || background.dragged_by(PointerButton::Middle)
    {
        view.offset += background.drag_delta();
    }
    let far_card = is_far(map, view.zoom)
        .then(|| background.interact_pointer_pos())
        .flatten()
        .and_then(|pointer| {
            cards
                .iter()
                .filter(|(_, rect)| rect.contains(pointer))
                .map(|(id, _)| (*id).clone())
                .max()
        });
    // A link under the pointer says its share and where the share comes from.
    if far_card.is_none()
        && let Some((from, to)) = &hovered_link
        && let Some(link) = map.link(from, to)
    {
        let share = link.share.map_or_else(String::new, |share| {
            format!("share {}, ", crate::numbers::decimal(share, 2))
        });
        // At the pointer: a tooltip of the whole canvas would otherwise sit at its bottom edge.
        background.clone().on_hover_text_at_pointer(format!(
            "{} → {}\n{share}{}",
            map.name_of(from),
            map.name_of(to),
            crate::ui::inspector::share_basis(link)
        ));
    }
    if let Some(id) = far_card.clone()
        && (background.clicked() || background.secondary_clicked())
    {
        match view.mode {
            Mode::Voting => {
                actions.push(Action::Vote(id, if background.clicked() { 1 } else { -1 }));
            }
            Mode::Presenting => {}
            Mode::Edit if shift => {
                if !view.selection.remove(&id) {
                    view.selection.insert(id);
                }
            }
            Mode::Edit => view.select_only(id),
        }
    } else if background.secondary_clicked() && view.mode == Mode::Edit {
        // A right-click picks the link under the pointer for its menu, or none (the canvas menu).
        view.selected_link.clone_from(&hovered_link);
        if hovered_link.is_some() {
            view.selection.clear();
        }
    } else if background.clicked() {
        if let Some(link) = hovered_link {
            view.selection.clear();
            view.selected_link = Some(link);
        } else if !shift {
            view.clear_selection();
        }
    }
    if view.mode == Mode::Edit && far_card.is_none() {
        background.context_menu(|ui| match view.selected_link.clone() {
            Some((from, to)) => link_menu(ui, map, &from, &to, actions),
            None => canvas_menu(ui, actions),
        });
    }
    if background.double_clicked()
        && view.mode == Mode::Edit
        && far_card.is_none()
        && let Some(pointer) = background.interact_pointer_pos()
    {
        let [x, y] = transform.canvas_from_screen(pointer);
        let stage = layout::stage_at(map, x).map(str::to_owned);
        let column_x = stage.as_deref().map_or(x - CARD_WIDTH / 2.0, |stage| {
            layout::card_x_in_column(layout::column_of(map, Some(stage)))
        });
        crate::ui::add_touchpoint(
            map,
            view,
            stage,
            [column_x, y - CARD_HEIGHT / 2.0],
            crate::ui::NewLink::None,
            actions,
        );
    }
}

/// The right-click menu of a link: how many customers take it, its direction, delete.
fn link_menu(
    ui: &mut Ui,
    map: &Map,
    from: &TouchPointId,
    to: &TouchPointId,
    actions: &mut Vec<Action>,
) {
    use crate::edit::Edit;
    let Some(link) = map.link(from, to) else {
        ui.close();
        return;
    };
    let (from_name, to_name) = (map.name_of(from), map.name_of(to));
    ui.label(egui::RichText::new(format!("{from_name} → {to_name}")).strong());
    ui.menu_button("Share of customers", |ui| {
        for share in [
            None,
            Some(0.1),
            Some(0.25),
            Some(0.5),
            Some(0.75),
            Some(1.0),
        ] {
            let text = share.map_or_else(|| "even split".to_owned(), crate::numbers::percent);
            if ui
                .add(egui::Button::selectable(link.share == share, text))
                .clicked()
            {
                actions.push(Action::Edit {
                    edit: Edit::UpdateLink {
                        from: from.clone(),
                        to: to.clone(),
                        link: link.clone().with_share(share),
                    },
                    label: format!("Share {from_name} → {to_name}"),
                    coalesce: None,
                });
                ui.close();
            }
        }
    });
    let reverse_taken = map.link(to, from).is_some();
    if ui
        .add_enabled(!reverse_taken, egui::Button::new("Reverse direction"))
        .on_disabled_hover_text("There is already a link the other way.")
        .clicked()
    {
        actions.push(Action::Edit {
            edit: Edit::Batch(vec![
                Edit::RemoveLink {
                    from: from.clone(),
                    to: to.clone(),
                },
                Edit::AddLink {
                    from: to.clone(),
                    to: from.clone(),
                    link: link.clone(),
                },
            ]),
            label: format!("Reverse {from_name} → {to_name}"),
            coalesce: None,
        });
        ui.close();
    }
    if ui
        .button("Edit share and label…")
        .on_hover_text("In the inspector (the right drawer)")
        .clicked()
    {
        actions.push(Action::ShowInspector);
        ui.close();
    }
    ui.separator();
    if ui.button("Delete this link").clicked() {
        actions.push(Action::DeleteSelection);
        ui.close();
    }
}

/// The right-click menu of the empty canvas.
fn canvas_menu(ui: &mut Ui, actions: &mut Vec<Action>) {
    use crate::ui::command::Command;
    for command in [
        Command::AddTouchPoint,
        Command::FitView,
        Command::AutoLayout,
        Command::SelectAll,
    ] {
        if ui.button(command.label()).clicked() {
            actions.push(Action::Run(command));
            ui.close();
        }
    }
}
