//! Copy and paste of touch points as JSON text, so they travel between two touchmap windows (and
//! through a text editor) in the file format itself.

use std::collections::{BTreeSet, HashMap};

use crate::edit::Edit;
use crate::format;
use crate::model::{Map, TouchPointId};

/// How far pasted cards are shifted from the originals, so both stay visible.
const PASTE_OFFSET: f64 = 30.0;

/// The selected touch points and the links between them, as a map file's text.
#[must_use]
pub fn copy_selection(map: &Map, selection: &BTreeSet<TouchPointId>) -> String {
    let mut clip = Map::new("touchmap clipboard");
    let _ = clip.set_stages(map.stages().to_vec());
    for id in selection {
        if let Some(touchpoint) = map.touchpoint(id) {
            let _ = clip.add_touchpoint(touchpoint.clone());
        }
    }
    for (from, to, link) in map.links() {
        if selection.contains(from) && selection.contains(to) {
            let _ = clip.add_link(from, to, link.clone());
        }
    }
    format::to_string(&clip)
}

/// The edit that pastes clipboard text into a map, with fresh ids where the originals are taken,
/// and the new ids. Stages the map does not have are dropped.
pub fn paste_edit(map: &Map, text: &str) -> Result<(Edit, Vec<TouchPointId>), String> {
    let clip = format::from_str(text)
        .map_err(|error| format!("the clipboard does not hold touch points ({error})"))?;
    if clip.touchpoint_count() == 0 {
        return Err("the clipboard holds no touch points".into());
    }
    let mut taken: BTreeSet<TouchPointId> = map
        .touchpoints()
        .into_iter()
        .map(|t| t.id.clone())
        .collect();
    let mut renamed: HashMap<TouchPointId, TouchPointId> = HashMap::new();
    let mut edits = Vec::new();
    let mut ids = Vec::new();
    for touchpoint in clip.touchpoints() {
        let mut copy = touchpoint.clone();
        let id = if taken.contains(&copy.id) {
            TouchPointId::free_for_name(&copy.name, |id| taken.contains(id))
        } else {
            copy.id.clone()
        };
        taken.insert(id.clone());
        renamed.insert(copy.id.clone(), id.clone());
        copy.id = id.clone();
        if copy
            .stage
            .as_ref()
            .is_some_and(|stage| !map.stages().contains(stage))
        {
            copy.stage = None;
        }
        copy.pos = copy.pos.map(|[x, y]| [x + PASTE_OFFSET, y + PASTE_OFFSET]);
        copy.votes = 0;
        ids.push(id);
        edits.push(Edit::AddTouchPoint(copy));
    }
    for (from, to, link) in clip.links() {
        if let (Some(from), Some(to)) = (renamed.get(from), renamed.get(to)) {
            edits.push(Edit::AddLink {
                from: from.clone(),
                to: to.clone(),
                link: link.clone(),
            });
        }
    }
    Ok((Edit::Batch(edits), ids))
}
