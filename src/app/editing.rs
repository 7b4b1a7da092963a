//! The edits that commands make from the selection: delete, paste, and add a linked touch point
//! (Tab / Shift+Tab); and the edits built from the map alone (auto-layout, votes, deleting what
//! the plan names), pure functions of the map tested on their own.

use super::TouchmapApp;
use crate::edit::Edit;
use crate::layout;
use crate::model::{Map, TouchPointId};
use crate::ui::{self, Action};

/// Every card moved to its auto-layout place, as one edit; `None` when all are there already.
#[must_use]
pub fn auto_layout_edit(map: &Map) -> Option<Edit> {
    let edits: Vec<Edit> = layout::auto_layout(map)
        .into_iter()
        .filter_map(|(id, pos)| {
            let touchpoint = map.touchpoint(&id)?;
            (touchpoint.pos != Some(pos)).then(|| {
                let mut moved = touchpoint.clone();
                moved.pos = Some(pos);
                Edit::UpdateTouchPoint(moved)
            })
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// `delta` dot votes for a touch point (a negative number takes votes back, never below 0), with
/// the Edit menu's label; `None` when nothing changes.
#[must_use]
pub fn vote_edit(map: &Map, id: &TouchPointId, delta: i32) -> Option<(Edit, String)> {
    let touchpoint = map.touchpoint(id)?;
    let mut voted = touchpoint.clone();
    voted.votes = voted.votes.saturating_add_signed(delta);
    (voted.votes != touchpoint.votes).then(|| {
        let label = format!("Vote for {}", touchpoint.name);
        (Edit::UpdateTouchPoint(voted), label)
    })
}

/// Every touch point's votes back to zero; `None` when there are none.
#[must_use]
pub fn reset_votes_edit(map: &Map) -> Option<Edit> {
    let edits: Vec<Edit> = map
        .touchpoints()
        .into_iter()
        .filter(|t| t.votes > 0)
        .map(|t| {
            let mut reset = t.clone();
            reset.votes = 0;
            Edit::UpdateTouchPoint(reset)
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// Deletes touch points and takes them out of the plan that names them, as one step, with its
/// label.
#[must_use]
pub fn delete_with_plan_edit(map: &Map, ids: &[TouchPointId]) -> (Edit, String) {
    let mut plan = map.plan().clone();
    for id in ids {
        plan = plan.without(id);
    }
    let mut edits = vec![Edit::SetPlan(plan)];
    edits.extend(ids.iter().cloned().map(Edit::RemoveTouchPoint));
    let label = format!(
        "Delete {} and take {} out of the plan",
        crate::numbers::count(ids.len(), "touch point", "touch points"),
        if ids.len() == 1 { "it" } else { "them" }
    );
    (Edit::Batch(edits), label)
}

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
        self.delete(edit, label, now);
    }

    /// Carries out a deletion of the selection: the selection goes, the status bar says what was
    /// deleted, or why nothing was.
    pub(super) fn delete(&mut self, edit: Edit, label: String, now: f64) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Map {
        crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("the example")
    }

    #[test]
    fn votes_count_up_and_down_and_never_below_zero() {
        let map = example();
        let id = TouchPointId::new("checkout").expect("id");
        let (edit, label) = vote_edit(&map, &id, 2).expect("two votes");
        assert_eq!(label, "Vote for Checkout");
        let mut voted = map.clone();
        edit.apply(&mut voted).expect("applies");
        assert_eq!(voted.touchpoint(&id).expect("exists").votes, 2);
        assert!(vote_edit(&map, &id, -1).is_none(), "no votes to take back");
        let reset = reset_votes_edit(&voted).expect("one card has votes");
        reset.apply(&mut voted).expect("applies");
        assert!(voted.touchpoints().iter().all(|t| t.votes == 0));
        assert!(reset_votes_edit(&voted).is_none());
    }

    #[test]
    fn auto_layout_is_nothing_the_second_time() {
        let mut map = example();
        if let Some(edit) = auto_layout_edit(&map) {
            edit.apply(&mut map).expect("applies");
        }
        assert!(auto_layout_edit(&map).is_none(), "every card is in place");
    }

    #[test]
    fn deleting_what_the_plan_names_takes_it_out_of_the_plan_in_one_step() {
        let map = example();
        let ad = TouchPointId::new("instagram-ad").expect("id");
        assert!(!map.plan().naming(&ad).is_empty(), "a campaign names it");
        let (edit, label) = delete_with_plan_edit(&map, std::slice::from_ref(&ad));
        assert_eq!(label, "Delete 1 touch point and take it out of the plan");
        let mut after = map.clone();
        let inverse = edit.apply(&mut after).expect("applies");
        assert!(!after.contains(&ad));
        assert!(after.plan().naming(&ad).is_empty());
        inverse.apply(&mut after).expect("undoes");
        assert_eq!(after, map, "one step back");
    }
}
