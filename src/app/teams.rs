//! Many hands on one map in the editor: merge conflicts resolved one step at a time, and the open
//! file watched for changes made elsewhere (a `git pull`, a colleague on a shared drive).

use super::TouchmapApp;
use super::modals::Modal;
use crate::edit::Edit;
use crate::merge::{Side, resolve};

impl TouchmapApp {
    /// Resolves conflict number `position` of the map's list to `side`, as one undoable step; a
    /// value that no longer fits the map (a link whose end is gone) is explained in a dialog and
    /// changes nothing.
    pub(super) fn resolve_conflict(&mut self, position: usize, side: Side, label: &str, now: f64) {
        let resolved = match resolve(&self.document.map, position, side) {
            Ok(resolved) => resolved,
            Err(message) => {
                self.modal = Some(Modal::Error {
                    title: "This conflict cannot be resolved that way".into(),
                    message: format!(
                        "{message}.\n\nThe map is unchanged; choose the other side, or change the map first."
                    ),
                });
                return;
            }
        };
        let Some(edit) = Edit::between(&self.document.map, &resolved) else {
            return;
        };
        match self.document.perform(edit, label, None, now) {
            Ok(()) => self.view.status = format!("{label} (Ctrl+Z undoes it)"),
            Err(error) => {
                self.modal = Some(Modal::Error {
                    title: "This conflict cannot be resolved that way".into(),
                    message: format!("{error}.\n\nThe map is unchanged."),
                });
            }
        }
    }
}
