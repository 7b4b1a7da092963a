//! Renaming a card in place (and giving a new card its id from its first name).

use super::{Action, Edit, Id, Map, Rect, Ui, Vec2, ViewState};

pub(super) fn rename_ui(
    ui: &mut Ui,
    map: &Map,
    cards: super::CardRects<'_>,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let Some(rename) = view.rename.as_mut() else {
        return;
    };
    let Some(touchpoint) = map.touchpoint(&rename.id) else {
        // A touch point added this frame appears after the actions are carried out.
        return;
    };
    let Some(&rect) = cards.get(&touchpoint.id) else {
        return;
    };
    let edit_rect = Rect::from_min_size(
        rect.min + Vec2::new(4.0, 4.0),
        Vec2::new(rect.width() - 8.0, 30.0),
    );
    let text_id = Id::unique("rename-in-place");
    let response = ui.put(
        edit_rect,
        egui::TextEdit::singleline(&mut rename.text)
            .id(text_id)
            .hint_text("Name of the touch point")
            .font(egui::FontId::proportional(16.0)),
    );
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Rename touch point")
    });
    if rename.needs_focus {
        response.request_focus();
        rename.needs_focus = false;
        return;
    }
    let (enter, escape) = ui.input(|input| {
        (
            input.key_pressed(egui::Key::Enter),
            input.key_pressed(egui::Key::Escape),
        )
    });
    if escape {
        view.rename = None;
        return;
    }
    if enter || response.lost_focus() {
        let text = rename.text.trim().to_owned();
        let id = rename.id.clone();
        let fresh = rename.fresh;
        view.rename = None;
        if !text.is_empty() && text != touchpoint.name {
            let mut renamed = touchpoint.clone();
            renamed.name = text;
            let coalesce = Some(crate::edit::MergeKey::NewTouchPoint(id.clone()));
            let edit = if fresh && map.plan().naming(&id).is_empty() {
                // A card named for the first time also takes its id from the name, so files read
                // "returns-desk" rather than "new-touch-point-3"; the links it got on the way
                // (Tab adds a linked card) move along. Merged with the add into one step.
                let mut without = map.clone();
                let _ = without.remove_touchpoint(&id);
                renamed.id = without.unique_id(&renamed.name);
                view.select_only(renamed.id.clone());
                let new_id = renamed.id.clone();
                let mut edits = vec![
                    Edit::RemoveTouchPoint(id.clone()),
                    Edit::AddTouchPoint(renamed),
                ];
                for (to, link) in map.outgoing(&id) {
                    edits.push(Edit::AddLink {
                        from: new_id.clone(),
                        to: to.clone(),
                        link: link.clone(),
                    });
                }
                for (from, link) in map.incoming(&id) {
                    edits.push(Edit::AddLink {
                        from: from.clone(),
                        to: new_id.clone(),
                        link: link.clone(),
                    });
                }
                Edit::Batch(edits)
            } else {
                Edit::UpdateTouchPoint(renamed)
            };
            actions.push(Action::Edit {
                edit,
                label: format!("Rename {}", touchpoint.name),
                coalesce,
            });
        }
        actions.push(Action::SealHistory);
    }
}
