//! The inspector of one link: the share of customers who continue along it and its label.

use egui::{RichText, Ui};

use super::fields::{optional, typed_number};
use super::{Action, ViewState, emit_typed, number_text, share_basis, text_row};
use crate::edit::Edit;
use crate::model::{Link, Map, TouchPointId, check_share};

pub(super) fn link_ui(
    ui: &mut Ui,
    map: &Map,
    (from, to): (&TouchPointId, &TouchPointId),
    link: &Link,
    revision: u64,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let state = &mut view.inspector;
    state.sync(format!("link:{from}:{to}"), revision, |text| {
        text.insert("share".into(), number_text(link.share));
        text.insert("label".into(), link.label.clone().unwrap_or_default());
    });
    let (from_name, to_name) = (map.name_of(from), map.name_of(to));
    ui.heading("Link");
    ui.label(format!("{from_name} → {to_name}"));
    let mut changed = link.clone();
    let mut edited = false;
    if text_row(
        ui,
        state,
        "share",
        "Share of customers who continue (0–1)",
        "empty = even split",
    ) {
        match typed_number(state.buffer("share"), "share", check_share) {
            Ok(share) => {
                state.errors.remove("share");
                changed = changed.with_share(share);
                edited = true;
            }
            Err(message) => {
                state.errors.insert("share".into(), message);
            }
        }
    }
    ui.label(RichText::new(share_basis(link)).small().weak());
    if text_row(ui, state, "label", "Label", "shown on the arrow") {
        changed.label = optional(state.buffer("label"));
        edited = true;
    }
    if edited && changed != *link {
        let edit = Edit::UpdateLink {
            from: from.clone(),
            to: to.clone(),
            link: changed,
        };
        let label = format!("Edit link {from_name} → {to_name}");
        emit_typed(state, actions, edit, label, format!("link:{from}:{to}"));
    }
    ui.separator();
    if ui.button("Delete link").clicked() {
        actions.push(Action::DeleteSelection);
    }
}
