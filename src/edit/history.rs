//! Undo and redo stacks of inverse edits, with coalescing of drags and typing bursts, and a revision
//! number that tells whether the map differs from the saved file.

use super::Edit;
use crate::model::{Map, ModelError};

/// One undoable step.
#[derive(Debug, Clone)]
pub struct Step {
    /// What the step did, for the Edit menu ("Move Courier delivery").
    pub label: String,
    /// The edit that takes the map back to before the step.
    pub inverse: Edit,
    /// Steps with the same key in a row merge into one (a drag, a typing burst).
    coalesce: Option<MergeKey>,
    /// When the step was last extended, in seconds.
    time: f64,
    /// The revision the map has after this step.
    revision: u64,
}

/// How long after the last keystroke a typing burst still merges into the same step, in seconds.
const COALESCE_WINDOW_SECS: f64 = 1.5;
/// What makes consecutive edits one undo step: equal keys merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeKey {
    /// One drag (numbered per drag): merges however long the pause, until the caller ends it with
    /// [`History::seal`]; the editor runs the analysis once, when it ends.
    Drag(u64),
    /// A new touch point and its first name: merges however long the pause.
    NewTouchPoint(crate::model::TouchPointId),
    /// Typing into one field (named by the caller): keystrokes within 1.5 s of each other merge.
    Typing(String),
    /// Dot votes for one touch point, clicked within 1.5 s of each other.
    Vote(crate::model::TouchPointId),
}

impl MergeKey {
    /// Whether the step stays open however long the pause (until sealed).
    #[must_use]
    pub fn is_sticky(&self) -> bool {
        matches!(self, Self::Drag(_) | Self::NewTouchPoint(_))
    }

    /// Whether this is a drag.
    #[must_use]
    pub fn is_drag(&self) -> bool {
        matches!(self, Self::Drag(_))
    }
}
/// The most steps kept for undo.
const MAX_STEPS: usize = 500;

/// Undo/redo history of a map.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_revision: u64,
    revision: u64,
    /// The revision the map has once every kept step is undone: 0 until a step is dropped at
    /// [`MAX_STEPS`], then the revision after the newest dropped step. Undoing all the kept steps
    /// leads to that state, not to the opened file's, so it must not read as "saved".
    floor_revision: u64,
}

impl History {
    /// Applies an edit and records its inverse. With a `coalesce` key equal to that of the last step,
    /// made less than a moment ago (or with a sticky key, at any time), the two become one step.
    pub fn perform(
        &mut self,
        map: &mut Map,
        edit: Edit,
        label: impl Into<String>,
        coalesce: Option<MergeKey>,
        now_secs: f64,
    ) -> Result<(), ModelError> {
        let inverse = edit.apply(map)?;
        self.redo.clear();
        if let (Some(key), Some(last)) = (&coalesce, self.undo.last_mut())
            && last.coalesce.as_ref() == Some(key)
            && (key.is_sticky() || now_secs - last.time < COALESCE_WINDOW_SECS)
        {
            // Undoing the merged step undoes the newer edit, then the older one. When both only
            // replace the same touch points or links, the older inverse alone restores everything,
            // which keeps a long drag from piling up one inverse per frame.
            if replaced_items(&inverse).is_none()
                || replaced_items(&inverse) != replaced_items(&last.inverse)
            {
                let older = std::mem::replace(&mut last.inverse, Edit::Batch(Vec::new()));
                last.inverse = Edit::Batch(vec![inverse, older]);
            }
            last.time = now_secs;
            self.next_revision += 1;
            last.revision = self.next_revision;
            self.revision = last.revision;
            return Ok(());
        }
        self.next_revision += 1;
        self.revision = self.next_revision;
        self.undo.push(Step {
            label: label.into(),
            inverse,
            coalesce,
            time: now_secs,
            revision: self.revision,
        });
        if self.undo.len() > MAX_STEPS {
            let dropped = self.undo.remove(0);
            self.floor_revision = dropped.revision;
        }
        Ok(())
    }

    /// Ends the current coalescing run, so the next edit starts a new step.
    pub fn seal(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.coalesce = None;
        }
    }

    /// Undoes the last step; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, map: &mut Map) -> Result<Option<String>, ModelError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        let redo = match step.inverse.clone().apply(map) {
            Ok(redo) => redo,
            Err(error) => {
                self.undo.push(step);
                return Err(error);
            }
        };
        self.revision = self
            .undo
            .last()
            .map_or(self.floor_revision, |previous| previous.revision);
        let label = step.label.clone();
        self.redo.push(Step {
            inverse: redo,
            coalesce: None,
            ..step
        });
        Ok(Some(label))
    }

    /// Redoes the last undone step; returns its label, or `None` when there is nothing to redo.
    pub fn redo(&mut self, map: &mut Map) -> Result<Option<String>, ModelError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        let undo = match step.inverse.clone().apply(map) {
            Ok(undo) => undo,
            Err(error) => {
                self.redo.push(step);
                return Err(error);
            }
        };
        self.revision = step.revision;
        let label = step.label.clone();
        self.undo.push(Step {
            inverse: undo,
            coalesce: None,
            ..step
        });
        Ok(Some(label))
    }

    /// The label of the step Undo would undo.
    #[must_use]
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|step| step.label.as_str())
    }

    /// The label of the step Redo would redo.
    #[must_use]
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.label.as_str())
    }

    /// A number that changes with every edit, undo and redo, and comes back when the map does: a map
    /// is unsaved when this differs from the revision at the last save.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }
}

/// The touch points and links an edit only replaces (never adds or removes), or `None` when it does
/// anything else.
fn replaced_items(edit: &Edit) -> Option<Vec<String>> {
    match edit {
        Edit::UpdateTouchPoint(touchpoint) => Some(vec![format!("touchpoint:{}", touchpoint.id)]),
        Edit::UpdateLink { from, to, .. } => Some(vec![format!("link:{from}:{to}")]),
        Edit::SetTitle(_) => Some(vec!["title".to_owned()]),
        Edit::SetBrand(_) => Some(vec!["brand".to_owned()]),
        Edit::SetExtra { key, .. } => Some(vec![format!("extra:{key}")]),
        Edit::Batch(edits) => {
            let mut items = Vec::new();
            for edit in edits {
                items.extend(replaced_items(edit)?);
            }
            items.sort();
            Some(items)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TouchPoint, TouchPointId};

    fn point(name: &str) -> TouchPoint {
        TouchPoint::new(TouchPointId::new(name).expect("valid"), name)
    }

    #[test]
    fn undo_redo_and_revisions() {
        let mut map = Map::new("T");
        let mut history = History::default();
        let empty = map.clone();
        let saved = history.revision();
        history
            .perform(
                &mut map,
                Edit::AddTouchPoint(point("a")),
                "Add a",
                None,
                0.0,
            )
            .expect("applies");
        let with_a = map.clone();
        let after_a = history.revision();
        assert_ne!(after_a, saved);
        history
            .perform(
                &mut map,
                Edit::AddTouchPoint(point("b")),
                "Add b",
                None,
                0.1,
            )
            .expect("applies");
        assert_eq!(
            history.undo(&mut map).expect("undoes"),
            Some("Add b".to_owned())
        );
        assert_eq!(map, with_a);
        assert_eq!(history.revision(), after_a);
        history.undo(&mut map).expect("undoes");
        assert_eq!(map, empty);
        assert_eq!(history.revision(), saved, "back at the saved state");
        assert_eq!(history.undo(&mut map).expect("nothing"), None);
        history.redo(&mut map).expect("redoes");
        assert_eq!(map, with_a);
        assert_eq!(history.revision(), after_a);
        assert_eq!(history.redo_label(), Some("Add b"));
    }

    #[test]
    fn undoing_every_kept_step_after_the_limit_leaves_the_map_unsaved() {
        // 501 edits: the first is dropped at the 500-step limit, so undoing all 500 kept steps
        // returns to the map after the first edit, which differs from the opened (saved) map.
        let mut map = Map::new("T");
        let opened = map.clone();
        let mut history = History::default();
        let saved = history.revision();
        for n in 0..=MAX_STEPS {
            history
                .perform(
                    &mut map,
                    Edit::AddTouchPoint(point(&format!("p{n}"))),
                    "Add",
                    None,
                    n as f64,
                )
                .expect("applies");
        }
        let mut undone = 0;
        while history.undo(&mut map).expect("undoes").is_some() {
            undone += 1;
        }
        assert_eq!(undone, MAX_STEPS);
        assert_eq!(map.touchpoint_count(), 1, "the first edit cannot be undone");
        assert_ne!(map, opened);
        assert_ne!(
            history.revision(),
            saved,
            "the map still differs from the file"
        );
        // Redoing one step and undoing it again comes back to the same floor.
        let floor = history.revision();
        history.redo(&mut map).expect("redoes");
        history.undo(&mut map).expect("undoes");
        assert_eq!(history.revision(), floor);
    }

    #[test]
    fn a_drag_is_one_step() {
        let mut map = Map::new("T");
        let mut history = History::default();
        history
            .perform(&mut map, Edit::AddTouchPoint(point("a")), "Add", None, 0.0)
            .expect("applies");
        let before_drag = map.clone();
        for step in 1..=30 {
            let mut moved = point("a");
            moved.pos = Some([f64::from(step), 0.0]);
            history
                .perform(
                    &mut map,
                    Edit::UpdateTouchPoint(moved),
                    "Move a",
                    Some(MergeKey::Typing("drag 1".into())),
                    f64::from(step) * 0.016,
                )
                .expect("applies");
        }
        history.undo(&mut map).expect("undoes");
        assert_eq!(map, before_drag);
        history.redo(&mut map).expect("redoes");
        assert_eq!(
            map.touchpoint(&TouchPointId::new("a").expect("valid"))
                .expect("exists")
                .pos,
            Some([30.0, 0.0])
        );
    }

    #[test]
    fn a_pause_or_seal_starts_a_new_step() {
        let mut map = Map::new("T");
        let mut history = History::default();
        history
            .perform(&mut map, Edit::AddTouchPoint(point("a")), "Add", None, 0.0)
            .expect("applies");
        let rename = |name: &str| {
            let mut touchpoint = point("a");
            touchpoint.name = name.into();
            Edit::UpdateTouchPoint(touchpoint)
        };
        history
            .perform(
                &mut map,
                rename("x"),
                "Rename",
                Some(MergeKey::Typing("name".into())),
                1.0,
            )
            .expect("applies");
        history
            .perform(
                &mut map,
                rename("xy"),
                "Rename",
                Some(MergeKey::Typing("name".into())),
                5.0,
            )
            .expect("applies");
        history.undo(&mut map).expect("undoes");
        assert_eq!(map.touchpoints()[0].name, "x");
        history.seal();
        history
            .perform(
                &mut map,
                rename("z"),
                "Rename",
                Some(MergeKey::Typing("name".into())),
                5.1,
            )
            .expect("applies");
        history.undo(&mut map).expect("undoes");
        assert_eq!(map.touchpoints()[0].name, "x");
    }

    #[test]
    fn merging_an_add_with_an_id_change_still_undoes_to_the_start() {
        let mut map = Map::new("T");
        let mut history = History::default();
        let empty = map.clone();
        let key = Some(MergeKey::NewTouchPoint(
            crate::model::TouchPointId::new("x").expect("valid"),
        ));
        history
            .perform(
                &mut map,
                Edit::AddTouchPoint(point("x")),
                "Add",
                key.clone(),
                0.0,
            )
            .expect("applies");
        let swap = Edit::Batch(vec![
            Edit::RemoveTouchPoint(TouchPointId::new("x").expect("valid")),
            Edit::AddTouchPoint(point("returns-desk")),
        ]);
        history
            .perform(&mut map, swap, "Rename", key, 9.0)
            .expect("applies");
        assert_eq!(map.touchpoint_count(), 1);
        history.undo(&mut map).expect("undoes");
        assert_eq!(map, empty);
        history.redo(&mut map).expect("redoes");
        assert!(map.contains(&TouchPointId::new("returns-desk").expect("valid")));
    }
}
