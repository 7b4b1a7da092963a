//! The cards: drawing (name, details, badges), clicking, dragging (free and in lanes), linking.

use super::{
    Action, Align2, CARD_HEIGHT, CARD_WIDTH, Color32, CornerRadius, Edit, Id, Map, Mode,
    PointerButton, Pos2, Rect, Rename, Report, Sense, Stroke, StrokeKind, TouchPoint, Ui, Vec2,
    ViewState, card_id, is_far, layout, rgb, theme,
};

/// Where a card is drawn: its own position, or its lane's place in lanes mode (shifted by the drag
/// in progress when it is selected).
pub(super) fn card_canvas_rect(
    map: &Map,
    lanes: Option<&layout::LaneLayout>,
    view: &ViewState,
    touchpoint: &TouchPoint,
) -> layout::Rect {
    match lanes {
        Some(lanes) => {
            let mut rect = lanes.card_rect(map, touchpoint);
            if view.selection.contains(&touchpoint.id) {
                rect.x += f64::from(view.lane_drag.x);
                rect.y += f64::from(view.lane_drag.y);
            }
            rect
        }
        None => layout::card_rect(map, touchpoint),
    }
}

/// The right-click menu of a card: what a facilitator does to one card without opening a drawer —
/// the card's commands from the command table, a score, an owner. A right-click selects the card
/// first, so the commands act on it.
fn card_menu(
    response: &egui::Response,
    map: &Map,
    touchpoint: &TouchPoint,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    use crate::ui::command::Command;
    if response.secondary_clicked() && !view.selection.contains(&touchpoint.id) {
        view.select_only(touchpoint.id.clone());
    }
    response.context_menu(|ui| {
        for command in [
            Command::Rename,
            Command::AddNext,
            Command::AddBefore,
            Command::Duplicate,
            Command::WhatIf,
            Command::Delete,
        ] {
            if ui.button(command.label()).clicked() {
                actions.push(Action::Run(command));
                ui.close();
            }
        }
        ui.separator();
        let update = |actions: &mut Vec<Action>, changed: TouchPoint, what: &str| {
            actions.push(Action::Edit {
                label: format!("{what} of {}", changed.name),
                edit: Edit::UpdateTouchPoint(changed),
                coalesce: None,
            });
        };
        ui.menu_button("Score", |ui| {
            for score in [None, Some(1.0), Some(2.0), Some(3.0), Some(4.0), Some(5.0)] {
                let text =
                    score.map_or_else(|| "not measured".to_owned(), |s| format!("{s:.0} / 5"));
                if ui
                    .add(egui::Button::selectable(touchpoint.score == score, text))
                    .clicked()
                {
                    let mut changed = touchpoint.clone();
                    changed.score = score;
                    update(actions, changed, "Score");
                    ui.close();
                }
            }
        });
        ui.menu_button("Owner", |ui| {
            let mut owners: Vec<&str> = map
                .graph()
                .node_weights()
                .filter_map(TouchPoint::owner_name)
                .collect();
            owners.sort_unstable();
            owners.dedup();
            for owner in owners.into_iter().map(Some).chain([None]) {
                let text = owner.unwrap_or("nobody");
                if ui
                    .add(egui::Button::selectable(
                        touchpoint.owner_name() == owner,
                        text,
                    ))
                    .clicked()
                {
                    let mut changed = touchpoint.clone();
                    changed.owner = owner.map(str::to_owned);
                    update(actions, changed, "Owner");
                    ui.close();
                }
            }
        });
    });
}

#[expect(
    clippy::too_many_arguments,
    reason = "one card of the frame's shared drawing pass"
)]
pub(super) fn card_ui(
    ui: &mut Ui,
    painter: &egui::Painter,
    map: &Map,
    report: &Report,
    touchpoint: &TouchPoint,
    rect: Rect,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
    cards: super::CardRects<'_>,
    link_drag: &mut Option<(Pos2, Pos2)>,
    lanes: Option<&layout::LaneLayout>,
) {
    let id = &touchpoint.id;
    let response = ui.interact(rect, card_id(id), Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &touchpoint.name));
    // The full name on hover when it may be cut or take the detail line's place: on the card it
    // wraps to three lines of about 20 characters and ends with "…" when it does not fit.
    let long_name = touchpoint.name.chars().count() > 40;
    let response =
        if long_name && view.rename.is_none() && !ui.input(|input| input.pointer.any_down()) {
            let details = crate::layout::CardText::of(touchpoint).details;
            response.on_hover_text(format!("{}\n{details}", touchpoint.name))
        } else {
            response
        };
    let selected = view.selection.contains(id);
    let analysis = report.touchpoint(id);
    let zoom = view.zoom;
    let matches = view.highlights(touchpoint, report);

    let mut fill = rgb(layout::weakness_rgb(analysis.and_then(|a| a.weakness)));
    if !matches {
        fill = fill.gamma_multiply(0.25);
    }
    let radius = CornerRadius::same((8.0 * zoom).clamp(1.0, 255.0) as u8);
    painter.rect_filled(rect, radius, fill);
    if let Some(severity) = report.worst_severity(id) {
        let stripe = Rect::from_min_size(rect.min, Vec2::new(6.0 * zoom, rect.height()));
        painter.rect_filled(
            stripe,
            CornerRadius {
                nw: radius.nw,
                sw: radius.sw,
                ne: 0,
                se: 0,
            },
            theme::severity_colour(severity),
        );
    }
    let must_pass = analysis.is_some_and(|a| a.must_pass);
    let (stroke_width, stroke_colour) = if selected {
        (3.5, theme::SELECTION)
    } else if must_pass {
        (3.0, theme::rgb(crate::layout::MUST_PASS_RGB))
    } else if response.hovered() {
        (2.0, Color32::from_gray(90))
    } else {
        (1.0, Color32::from_gray(130))
    };
    painter.rect_stroke(
        rect,
        radius,
        Stroke::new(stroke_width * zoom.max(0.5), stroke_colour),
        StrokeKind::Outside,
    );

    if matches && !is_far(map, zoom) {
        draw_card_text(painter, touchpoint, rect, zoom, must_pass);
        evidence_words(ui, painter, touchpoint, rect, zoom);
    }

    if let Some(comparison) = &view.comparison
        && let Some((badge, colour)) = comparison.badge(id)
    {
        let galley = painter.layout_no_wrap(
            badge,
            egui::FontId::proportional((12.0 * zoom).max(9.0)),
            Color32::WHITE,
        );
        let badge_rect = Rect::from_min_size(
            rect.left_top() + Vec2::new(8.0 * zoom, -galley.size().y - 4.0),
            galley.size() + Vec2::splat(6.0),
        );
        painter.rect_filled(badge_rect, 4.0, colour);
        painter.galley(badge_rect.min + Vec2::splat(3.0), galley, Color32::WHITE);
    }
    match view.mode {
        Mode::Voting => {
            if response.clicked() {
                actions.push(Action::Vote(id.clone(), 1));
            }
            if response.secondary_clicked() {
                actions.push(Action::Vote(id.clone(), -1));
            }
            return;
        }
        Mode::Presenting => return,
        Mode::Edit => {}
    }
    card_menu(&response, map, touchpoint, view, actions);

    // Selection and clicks.
    if response.clicked() {
        if ui.input(|input| input.modifiers.shift) {
            if !view.selection.remove(id) {
                view.selection.insert(id.clone());
            }
            view.selected_link = None;
        } else {
            view.select_only(id.clone());
        }
    }
    if response.double_clicked() {
        view.select_only(id.clone());
        view.rename = Some(Rename {
            id: id.clone(),
            text: touchpoint.name.clone(),
            needs_focus: true,
            fresh: false,
        });
    }

    // Moving: every frame of a drag is one edit, merged into one undo step by its key.
    if response.drag_started_by(PointerButton::Primary) {
        if !selected {
            view.select_only(id.clone());
        }
        view.drag_serial += 1;
    }
    if let Some(lanes) = lanes {
        lane_drag(&response, map, lanes, view, actions);
    } else if response.dragged_by(PointerButton::Primary) {
        let delta = response.drag_delta() / view.scale();
        if delta != Vec2::ZERO {
            let moved = moved_selection(map, view, |touchpoint| {
                let [x, y] = layout::card_rect(map, touchpoint).center();
                let mut moved = touchpoint.clone();
                moved.pos = Some([
                    x - CARD_WIDTH / 2.0 + f64::from(delta.x),
                    y - CARD_HEIGHT / 2.0 + f64::from(delta.y),
                ]);
                moved
            });
            push_move(actions, view, map, moved);
        }
    }
    if lanes.is_none() && response.drag_stopped_by(PointerButton::Primary) {
        // Drop: snap into the column under the card's centre and take that column's stage.
        let moved = moved_selection(map, view, |touchpoint| {
            let rect = layout::card_rect(map, touchpoint);
            let [centre_x, _] = rect.center();
            let mut moved = touchpoint.clone();
            if let Some(stage) = layout::stage_at(map, centre_x) {
                moved.stage = Some(stage.to_owned());
            }
            let column = layout::column_of(map, moved.stage.as_deref());
            moved.pos = Some([layout::card_x_in_column(column), rect.y]);
            moved
        });
        push_move(actions, view, map, moved);
        actions.push(Action::SealHistory);
    }

    // The link handle on the right edge: drag it onto another card. Far out, cards are too small
    // to aim at, so there is none.
    if is_far(map, zoom) {
        return;
    }
    let handle_centre = rect.right_center() + Vec2::new(2.0 * zoom, 0.0);
    let handle_radius = (7.0 * zoom).max(5.0);
    let handle_rect = Rect::from_center_size(handle_centre, Vec2::splat(handle_radius * 2.6));
    let handle = ui.interact(
        handle_rect,
        Id::unique(("link-handle", id.as_str())),
        Sense::drag(),
    );
    handle.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            format!("Link from {}", touchpoint.name),
        )
    });
    if selected || response.hovered() || handle.hovered() || handle.dragged() {
        painter.circle_filled(handle_centre, handle_radius, theme::SELECTION);
        painter.circle_filled(handle_centre, handle_radius * 0.45, Color32::WHITE);
    }
    if handle.dragged()
        && let Some(pointer) = ui.input(|input| input.pointer.latest_pos())
    {
        *link_drag = Some((handle_centre, pointer));
    }
    if handle.drag_stopped()
        && let Some(pointer) = ui.input(|input| input.pointer.latest_pos())
        && let Some((target, _)) = cards
            .iter()
            .find(|(other, rect)| *other != id && rect.contains(pointer))
    {
        let target = (*target).clone();
        let target_name = map
            .touchpoint(&target)
            .map_or_else(|| target.to_string(), |t| t.name.clone());
        actions.push(Action::Edit {
            edit: Edit::AddLink {
                from: id.clone(),
                to: target.clone(),
                link: crate::model::Link::default(),
            },
            label: format!("Link {} → {target_name}", touchpoint.name),
            coalesce: None,
        });
        view.selection.clear();
        view.selected_link = Some((id.clone(), target));
    }
}

/// Dragging in lanes mode: the selection follows the pointer as an offset; the drop gives each card
/// the owner of the lane and the stage of the column under its centre, in one undo step.
pub(super) fn lane_drag(
    response: &egui::Response,
    map: &Map,
    lanes: &layout::LaneLayout,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    if response.dragged_by(PointerButton::Primary) {
        view.lane_drag += response.drag_delta() / view.scale();
    }
    if !response.drag_stopped_by(PointerButton::Primary) {
        return;
    }
    let offset = std::mem::take(&mut view.lane_drag);
    let edits: Vec<Edit> = view
        .selection
        .iter()
        .filter_map(|id| map.touchpoint(id))
        .filter_map(|touchpoint| {
            let [x, y] = lanes.card_rect(map, touchpoint).center();
            let (x, y) = (x + f64::from(offset.x), y + f64::from(offset.y));
            let lane = lanes.lane_at(y)?;
            let mut moved = touchpoint.clone();
            if let Some(stage) = layout::stage_at(map, x) {
                moved.stage = Some(stage.to_owned());
            }
            moved.owner.clone_from(&lane.owner);
            // Keep the free layout in step: the card goes to its new column.
            if let Some([_, free_y]) = moved.pos {
                moved.pos = Some([
                    layout::card_x_in_column(layout::column_of(map, moved.stage.as_deref())),
                    free_y,
                ]);
            }
            (moved != *touchpoint).then_some(Edit::UpdateTouchPoint(moved))
        })
        .collect();
    if edits.is_empty() {
        return;
    }
    let label = match (
        edits.len(),
        view.selection.first().and_then(|id| map.touchpoint(id)),
    ) {
        (1, Some(touchpoint)) => format!("Move {}", touchpoint.name),
        (count, _) => format!("Move {count} touch points"),
    };
    actions.push(Action::Edit {
        edit: Edit::Batch(edits),
        label,
        coalesce: None,
    });
}

/// A card far out: its fill, severity stripe and frame, nothing else.
pub(super) fn draw_far_card(
    painter: &egui::Painter,
    report: &Report,
    touchpoint: &TouchPoint,
    rect: Rect,
    view: &ViewState,
) {
    let analysis = report.touchpoint(&touchpoint.id);
    let mut fill = rgb(layout::weakness_rgb(analysis.and_then(|a| a.weakness)));
    if !view.highlights(touchpoint, report) {
        fill = fill.gamma_multiply(0.25);
    }
    painter.rect_filled(rect, 1.0, fill);
    if let Some(severity) = analysis.and_then(|a| a.worst_severity) {
        painter.rect_filled(
            Rect::from_min_size(
                rect.min,
                Vec2::new((6.0 * view.zoom).max(1.0), rect.height()),
            ),
            0.0,
            theme::severity_colour(severity),
        );
    }
    if view.selection.contains(&touchpoint.id) {
        painter.rect_stroke(
            rect,
            1.0,
            Stroke::new(2.0, theme::SELECTION),
            StrokeKind::Outside,
        );
    } else if analysis.is_some_and(|a| a.must_pass) {
        painter.rect_stroke(
            rect,
            1.0,
            Stroke::new(1.5, theme::rgb(crate::layout::MUST_PASS_RGB)),
            StrokeKind::Outside,
        );
    }
}

/// The evidence mark after the score says in words what it means, on hover (and to screen
/// readers): the mark alone is a single character.
fn evidence_words(
    ui: &Ui,
    painter: &egui::Painter,
    touchpoint: &TouchPoint,
    rect: Rect,
    zoom: f32,
) {
    let text = crate::layout::CardText::of(touchpoint);
    if text.evidence == crate::model::EvidenceStrength::None || view_too_small(zoom) {
        return;
    }
    let galley = painter.layout_no_wrap(
        text.score,
        egui::FontId::proportional(12.5 * zoom),
        theme::CARD_TEXT,
    );
    let padding = 10.0 * zoom;
    let area = Rect::from_min_size(
        rect.left_bottom() + Vec2::new(padding, -8.0 * zoom - galley.size().y),
        galley.size(),
    );
    let basis = touchpoint
        .measured
        .as_ref()
        .map(|measured| format!(": {}", measured.describe()))
        .unwrap_or_default();
    super::announce(
        ui,
        area,
        ("evidence", &touchpoint.id),
        format!(
            "Evidence {} {}: {}{basis}",
            text.evidence.mark(),
            text.evidence.as_str(),
            text.evidence.meaning()
        ),
    );
}

/// Below this zoom the footer is too small to point at.
fn view_too_small(zoom: f32) -> bool {
    zoom < 0.45
}

pub(super) fn draw_card_text(
    painter: &egui::Painter,
    touchpoint: &TouchPoint,
    rect: Rect,
    zoom: f32,
    must_pass: bool,
) {
    let text = crate::layout::CardText::of(touchpoint);
    let padding = 10.0 * zoom;
    let inner_width = rect.width() - 2.0 * padding;
    let mut name_job = egui::text::LayoutJob::simple(
        text.name.to_owned(),
        theme::card_title_font(zoom),
        theme::CARD_TEXT,
        inner_width,
    );
    // Up to three lines of name; a name that needs the third takes the place of the detail line
    // (channel · owner), which the inspector and the hover text still show.
    name_job.wrap.max_rows = 3;
    let name = painter.layout_job(name_job);
    let third_line = name.rows.len() > 2;
    painter.galley(
        rect.min + Vec2::new(padding, 7.0 * zoom),
        name,
        theme::CARD_TEXT,
    );
    if third_line {
        draw_card_footer(painter, rect, padding, zoom, text.footer);
        draw_card_marks(painter, rect, zoom, must_pass, text.votes);
        return;
    }

    let mut details_job = egui::text::LayoutJob::simple_singleline(
        text.details,
        theme::card_detail_font(zoom),
        theme::CARD_SUBTEXT,
    );
    details_job.wrap.max_width = inner_width;
    details_job.wrap.max_rows = 1;
    let details = painter.layout_job(details_job);
    painter.galley(
        rect.left_bottom() + Vec2::new(padding, -40.0 * zoom),
        details,
        theme::CARD_SUBTEXT,
    );

    draw_card_footer(painter, rect, padding, zoom, text.footer);
    draw_card_marks(painter, rect, zoom, must_pass, text.votes);
}

fn draw_card_footer(painter: &egui::Painter, rect: Rect, padding: f32, zoom: f32, footer: String) {
    painter.text(
        rect.left_bottom() + Vec2::new(padding, -8.0 * zoom),
        Align2::LEFT_BOTTOM,
        footer,
        egui::FontId::proportional(12.5 * zoom),
        theme::CARD_TEXT,
    );
}

/// The "every journey" tab above a must-pass card and the vote badge on its bottom-right corner.
fn draw_card_marks(
    painter: &egui::Painter,
    rect: Rect,
    zoom: f32,
    must_pass: bool,
    votes: Option<String>,
) {
    if must_pass {
        // A tab above the card, as in the pictures: "every journey", never "critical", which is a
        // severity. White on indigo reads on the light and the dark canvas alike.
        let galley = painter.layout_no_wrap(
            crate::layout::EVERY_JOURNEY.to_owned(),
            egui::FontId::proportional(11.0 * zoom),
            Color32::WHITE,
        );
        let tab = Rect::from_min_size(
            rect.left_top() + Vec2::new(6.0 * zoom, -galley.size().y - 3.0 * zoom),
            galley.size() + Vec2::new(8.0 * zoom, 2.0 * zoom),
        );
        painter.rect_filled(
            tab,
            CornerRadius::same((3.0 * zoom) as u8),
            theme::rgb(crate::layout::MUST_PASS_RGB),
        );
        painter.galley(
            tab.min + Vec2::new(4.0 * zoom, zoom),
            galley,
            Color32::WHITE,
        );
    }
    // Dot votes as a number a room can read: a badge on the bottom-right corner (the top-right
    // one is where a shown campaign's customers badge goes, which hid the votes).
    if let Some(votes) = votes {
        let galley = painter.layout_no_wrap(
            votes,
            egui::FontId::proportional((14.0 * zoom).max(11.0)),
            Color32::WHITE,
        );
        let size = galley.size() + Vec2::new(10.0 * zoom.max(0.6), 4.0);
        let badge = Rect::from_min_size(
            rect.right_bottom() + Vec2::new(-size.x - 4.0 * zoom, -size.y * 0.4),
            size,
        );
        painter.rect_filled(badge, CornerRadius::same(8), Color32::from_rgb(60, 70, 200));
        painter.galley(
            badge.min + Vec2::new(5.0 * zoom.max(0.6), 2.0),
            galley,
            Color32::WHITE,
        );
    }
}

pub(super) fn moved_selection(
    map: &Map,
    view: &ViewState,
    change: impl Fn(&TouchPoint) -> TouchPoint,
) -> Vec<TouchPoint> {
    view.selection
        .iter()
        .filter_map(|id| map.touchpoint(id))
        .map(change)
        .collect()
}

pub(super) fn push_move(
    actions: &mut Vec<Action>,
    view: &ViewState,
    map: &Map,
    moved: Vec<TouchPoint>,
) {
    if moved.is_empty() {
        return;
    }
    let label = if moved.len() == 1 {
        format!("Move {}", moved[0].name)
    } else {
        format!("Move {} touch points", moved.len())
    };
    let changed: Vec<Edit> = moved
        .into_iter()
        .filter(|touchpoint| map.touchpoint(&touchpoint.id) != Some(touchpoint))
        .map(Edit::UpdateTouchPoint)
        .collect();
    if changed.is_empty() {
        return;
    }
    actions.push(Action::Edit {
        edit: Edit::Batch(changed),
        label,
        coalesce: Some(crate::edit::MergeKey::Drag(view.drag_serial)),
    });
}
