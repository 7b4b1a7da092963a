//! The edits that commands make from the selection: delete, paste, and add a linked touch point
//! (Tab / Shift+Tab).

use super::TouchmapApp;
use crate::edit::Edit;
use crate::layout;
use crate::ui::{self, Action};

use super::clipboard;
use super::modals::Modal;

impl TouchmapApp {
    pub(super) fn delete_selection(&mut self, now: f64) {
        let map = &self.document.map;
        let (edit, label) = if let Some((from, to)) = self.view.selected_link.clone() {
            (Edit::RemoveLink { from, to }, "Delete link".to_owned())
        } else if self.view.selection.is_empty() {
            return;
        } else {
            let plan = map.plan();
            let naming: Vec<String> = self
                .view
                .selection
                .iter()
                .filter_map(|id| {
                    let names = plan.naming(id);
                    (!names.is_empty()).then(|| {
                        let name = map.name_of(id);
                        format!("{name} is named by {}", names.join(", "))
                    })
                })
                .collect();
            if !naming.is_empty() {
                self.modal = Some(Modal::RemoveFromPlan {
                    ids: self.view.selection.iter().cloned().collect(),
                    names: naming.join("; "),
                });
                return;
            }
            let names: Vec<String> = self
                .view
                .selection
                .iter()
                .filter_map(|id| map.touchpoint(id))
                .map(|t| t.name.clone())
                .collect();
            let label = if names.len() == 1 {
                format!("Delete {}", names[0])
            } else {
                format!("Delete {} touch points", names.len())
            };
            (
                Edit::Batch(
                    self.view
                        .selection
                        .iter()
                        .cloned()
                        .map(Edit::RemoveTouchPoint)
                        .collect(),
                ),
                label,
            )
        };
        match self.document.perform(edit, &label, None, now) {
            Ok(()) => {
                self.view.clear_selection();
                self.view.status = label;
            }
            Err(error) => self.view.status = format!("Not deleted: {error}"),
        }
    }

    pub(super) fn paste(&mut self, text: &str, now: f64) {
        match clipboard::paste_edit(&self.document.map, text) {
            Ok((edit, ids)) => {
                let count = ids.len();
                match self
                    .document
                    .perform(edit, &format!("Paste {count} touch points"), None, now)
                {
                    Ok(()) => {
                        self.view.clear_selection();
                        self.view.selection.extend(ids);
                        self.view.status = format!("Pasted {count} touch points");
                    }
                    Err(error) => self.view.status = format!("Not pasted: {error}"),
                }
            }
            Err(message) => self.view.status = format!("Not pasted: {message}"),
        }
    }

    /// Tab (`step` 1) adds a touch point in the stage after the selected one's, linked from it;
    /// Shift+Tab (`step` -1) one in the stage before, linked to it. The name box goes on the new
    /// card; adding, linking and naming are one undo step.
    pub(super) fn add_linked(&mut self, step: i32, actions: &mut Vec<Action>) {
        let map = &self.document.map;
        let Some(selected) = self
            .view
            .selection
            .first()
            .and_then(|id| map.touchpoint(id))
        else {
            return;
        };
        let stages = map.stages();
        let here = selected
            .stage
            .as_ref()
            .and_then(|stage| stages.iter().position(|s| s == stage));
        let stage = match here {
            Some(index) => {
                let next = (index as i32 + step).clamp(0, stages.len() as i32 - 1) as usize;
                Some(stages[next].clone())
            }
            None => None,
        };
        let column = layout::column_of(map, stage.as_deref());
        let pos = layout::free_slot(map, column);
        let link = if step > 0 {
            ui::NewLink::From(&selected.id)
        } else {
            ui::NewLink::To(&selected.id)
        };
        ui::add_touchpoint(map, &mut self.view, stage, pos, link, actions);
        self.view.centre_on = self.view.selection.first().cloned();
    }
}
