//! The inspector of one link: the share of customers who continue along it and its label.

use egui::{RichText, Ui};

use super::fields::{optional, typed_number};
use super::{
    Action, ViewState, emit_typed, number_text, segment_note, share_basis, subject, text_row,
};
use crate::edit::Edit;
use crate::model::{Link, Map, Segment, TouchPointId, check_share};

pub(super) fn link_ui(
    ui: &mut Ui,
    map: &Map,
    (from, to): (&TouchPointId, &TouchPointId),
    link: &Link,
    (revision, segment): (u64, Option<&Segment>),
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let state = &mut view.inspector;
    state.sync(
        subject(format!("link:{from}:{to}"), segment),
        revision,
        |text| {
            text.insert("share".into(), number_text(link.share));
            text.insert("label".into(), link.label.clone().unwrap_or_default());
        },
    );
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
    let own = segment.and_then(|segment| link.segments.get(&segment.id));
    if segment_note(
        ui,
        segment,
        own.is_some_and(|own| own.share.is_some()),
        "share",
    ) && let Some(segment) = segment
    {
        let mut reset = link.clone();
        if let Some(own) = reset.segments.get_mut(&segment.id) {
            own.share = None;
        }
        actions.push(Action::Edit {
            edit: Edit::UpdateLink {
                from: from.clone(),
                to: to.clone(),
                link: reset,
            },
            label: format!(
                "Reset share of {from_name} → {to_name} for {} to everyone's",
                segment.name
            ),
            coalesce: None,
        });
        state.forget();
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
