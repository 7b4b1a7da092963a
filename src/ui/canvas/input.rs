//! Input on the empty canvas: pan, box select, double-click to add.

use super::{
    Action, CARD_HEIGHT, CARD_WIDTH, HashMap, Id, Map, Mode, PointerButton, Pos2, Rect, Stroke,
    StrokeKind, TouchPointId, Transform, Ui, ViewState, is_far, layout, theme,
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
    cards: &HashMap<&TouchPointId, Rect>,
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
                for (id, rect) in cards {
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
    } else if background.clicked() {
        if let Some(link) = hovered_link {
            view.selection.clear();
            view.selected_link = Some(link);
        } else if !shift {
            view.clear_selection();
        }
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
