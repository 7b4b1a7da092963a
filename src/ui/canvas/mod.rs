//! The map canvas: stage columns, links as arrows, touch points as cards coloured by weakness; pan,
//! zoom, select, move, link, add and rename. Emits actions; changes only view state itself.

use egui::epaint::CubicBezierShape;
use egui::{
    Align2, Color32, CornerRadius, Id, PointerButton, Pos2, Rect, Sense, Shape, Stroke, StrokeKind,
    Ui, Vec2,
};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use super::theme::{self, rgb};
use super::{Action, Mode, Rename, ViewState};
use crate::analysis::Report;
use crate::edit::Edit;
use crate::layout::{self, CARD_HEIGHT, CARD_WIDTH};
use crate::model::{Map, TouchPoint, TouchPointId};

// The canvas is drawn in layers, one file each: the camera, the backdrop (columns, lanes), links,
// cards (with their drag and link input), renaming, input on the empty canvas, the minimap.
mod backdrop;
mod camera;
mod cards;
mod input;
mod links;
mod minimap;
mod rename;

use backdrop::{draw_columns, draw_lanes, draw_pinned_headers};
pub use camera::{Transform, zoom_at};
use camera::{fit, zoom_and_scroll};
use cards::{card_canvas_rect, card_ui, draw_far_card};
use input::background_input;
use links::{LinkView, draw_link_labels, draw_links, link_at};
pub use minimap::MinimapPicture;
use minimap::minimap_ui;
use rename::rename_ui;

/// Smallest and largest zoom.
const ZOOM_RANGE: (f32, f32) = (0.1, 4.0);
/// Above this many links, a very far view draws only the links of the selection.
const HAZE_LINKS: usize = 4_000;
/// Below this zoom, cards are drawn as plain coloured boxes (no text).
const SIMPLIFIED_BELOW_ZOOM: f32 = 0.4;
/// Maps up to this size are always drawn in full, so every card can be clicked, dragged and linked
/// at any zoom (a workshop map must stay editable when it is zoomed out to fit).
const ALWAYS_FULL_CARDS: usize = 300;

/// Whether cards are drawn simplified: far out on a big map.
/// The smallest zoom at which card names (15 points at zoom 1) are at least 14 pixels: readable
/// from the back of a room on a projector.
pub const READABLE_ZOOM: f32 = 14.0 / 15.0;

fn is_far(map: &Map, zoom: f32) -> bool {
    zoom < SIMPLIFIED_BELOW_ZOOM && map.touchpoint_count() > ALWAYS_FULL_CARDS
}

/// The accessible id of a card, used by tests and screen readers.
#[must_use]
pub fn card_id(id: &TouchPointId) -> Id {
    Id::unique(("touchpoint-card", id.as_str()))
}

/// Every card's screen rectangle in one frame, by graph index; found by id through the map's index.
#[derive(Clone, Copy)]
pub(super) struct CardRects<'a> {
    map: &'a Map,
    rects: &'a [Option<Rect>],
}

impl<'a> CardRects<'a> {
    /// A card's rectangle.
    pub(super) fn get(&self, id: &TouchPointId) -> Option<&'a Rect> {
        self.rects.get(self.map.node_index(id)?.index())?.as_ref()
    }

    /// Every card with its rectangle.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&'a TouchPointId, &'a Rect)> + 'a {
        let (map, rects) = (self.map, self.rects);
        map.graph().node_indices().filter_map(move |node| {
            Some((&map.graph()[node].id, rects.get(node.index())?.as_ref()?))
        })
    }
}

/// Draws the canvas and handles its mouse input.
pub fn canvas_ui(
    ui: &mut Ui,
    map: &Map,
    report: &Report,
    campaign: Option<&crate::analysis::CampaignPreflight>,
    derived: &layout::Derived,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let (area, background) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    view.canvas_area = Some(area);
    background.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Map canvas"));
    let lanes = view.lanes.then(|| derived.lanes(map));
    if view.fit_requested {
        let bounds = lanes
            .as_ref()
            .map_or(derived.bounds, |lanes| lanes.bounds(map));
        // Workshop maps stay readable from the back of the room (card names at least 14 px), in
        // lanes too; when the whole map does not fit at that size, the rest is a drag away and the
        // status bar says so. Large maps fit whole.
        let min_zoom = if map.touchpoint_count() <= 200 {
            READABLE_ZOOM
        } else {
            ZOOM_RANGE.0
        };
        if !fit(bounds, area, view, min_zoom) {
            "Cards kept readable: drag to see the rest · Ctrl+- zooms out · F3/F10 drawers"
                .clone_into(&mut view.status);
        }
        view.fit_requested = false;
    }
    if let Some(id) = view.centre_on.take()
        && let Some(touchpoint) = map.touchpoint(&id)
    {
        let centre = card_canvas_rect(map, lanes, view, touchpoint).center();
        // While presenting, the caption covers the lower part of the window: show the card above it.
        let anchor = if view.mode == Mode::Presenting {
            Vec2::new(area.width() / 2.0, area.height() * 0.28)
        } else {
            area.size() / 2.0
        };
        view.offset = anchor - Vec2::new(centre[0] as f32, centre[1] as f32) * view.scale();
    }
    zoom_and_scroll(ui, area, view);
    let transform = Transform::new(area, view);
    let painter = ui.painter_at(area);
    let dark = ui.visuals().dark_mode;
    painter.rect_filled(
        area,
        0.0,
        if dark {
            Color32::from_gray(28)
        } else {
            Color32::from_gray(246)
        },
    );

    draw_columns(ui, &painter, map, derived.bounds, area, &transform);
    if let Some(lanes) = lanes {
        draw_lanes(ui, &painter, lanes, area, &transform);
    }

    // Screen rectangles by graph index (cheap to look up for every link), and by id through the
    // map's own index: no map of its own is built per frame.
    let graph = map.graph();
    let mut node_rects: Vec<Option<Rect>> = vec![None; graph.node_bound()];
    for node in graph.node_indices() {
        node_rects[node.index()] =
            Some(transform.screen_rect(card_canvas_rect(map, lanes, view, &graph[node])));
    }
    let cards = CardRects {
        map,
        rects: &node_rects,
    };

    let links = LinkView::new(map, view, &node_rects, area);
    let passing_hidden = links.passing_hidden;
    let hovered_link = ui
        .input(|input| input.pointer.hover_pos())
        .filter(|pos| area.contains(*pos))
        .and_then(|pos| link_at(&links, pos));
    let link_labels = draw_links(ui, &painter, report, &links, hovered_link.as_ref());

    // The cards in view only (a big map has thousands off screen), in graph order, which is as
    // stable as id order; selected cards last, so they are drawn (and hit-tested) on top.
    let mut touchpoints: Vec<(&TouchPoint, Rect)> = graph
        .node_indices()
        .filter_map(|node| {
            let rect = node_rects[node.index()]?;
            rect.intersects(area).then(|| (&graph[node], rect))
        })
        .collect();
    touchpoints.sort_by_key(|(touchpoint, _)| view.selection.contains(&touchpoint.id));
    let mut link_drag: Option<(Pos2, Pos2)> = None;
    for (touchpoint, rect) in touchpoints {
        if is_far(map, view.zoom) && view.rename.is_none() {
            // Far out, a card is a coloured box: no text, no widget of its own (thousands of
            // widgets would cost more than the drawing). Clicks find it through the background.
            draw_far_card(&painter, report, touchpoint, rect, view);
            continue;
        }
        card_ui(
            ui,
            &painter,
            map,
            report,
            touchpoint,
            rect,
            view,
            actions,
            cards,
            &mut link_drag,
            lanes,
        );
    }
    draw_link_labels(ui, &painter, link_labels, view.zoom);
    if passing_hidden > 0 {
        links::note_passing_hidden(ui, &painter, area, passing_hidden);
    }
    draw_pinned_headers(ui, &painter, map, area, &transform);
    if let Some(campaign) = campaign {
        draw_campaign(ui, &painter, campaign, map, cards, area, view.zoom);
    }
    if let Some((from, to)) = link_drag {
        painter.line_segment([from, to], Stroke::new(2.5, theme::SELECTION));
        painter.circle_filled(to, 5.0, theme::SELECTION);
    }

    rename_ui(ui, map, cards, view, actions);
    background_input(
        ui,
        map,
        &background,
        area,
        &transform,
        cards,
        hovered_link,
        view,
        actions,
    );
    minimap_ui(
        ui,
        &painter,
        map,
        report,
        (derived.bounds, derived.stamp),
        area,
        view,
    );
}

/// The chosen campaign on the map: a badge above each card with the campaign's customers there, a
/// red "lost" badge under the cards where it loses at least 1 % of them, and a red halo around the
/// weak spots it amplifies.
fn draw_campaign(
    ui: &Ui,
    painter: &egui::Painter,
    campaign: &crate::analysis::CampaignPreflight,
    map: &Map,
    cards: CardRects<'_>,
    area: Rect,
    zoom: f32,
) {
    let font = egui::FontId::proportional((13.0 * zoom).clamp(11.0, 20.0));
    let amplified: Vec<&TouchPointId> = campaign
        .findings
        .iter()
        .filter(|f| f.rule == crate::analysis::ReadinessRule::AmplifiedWeakSpot)
        .filter_map(|f| f.touchpoint.as_ref())
        .collect();
    let notable = campaign.reach * 0.01;
    for row in &campaign.touchpoints {
        let Some(&rect) = cards.get(&row.id) else {
            continue;
        };
        if !rect.intersects(area) {
            continue;
        }
        if amplified.contains(&&row.id) {
            painter.rect_stroke(
                rect.expand(5.0 * zoom.max(0.5)),
                CornerRadius::same(10),
                Stroke::new(
                    4.0 * zoom.max(0.5),
                    theme::severity_colour(crate::analysis::Severity::Critical),
                ),
                StrokeKind::Outside,
            );
        }
        let name = map
            .touchpoint(&row.id)
            .map_or_else(|| row.id.to_string(), |t| t.name.clone());
        if row.customers >= 0.5 {
            let rect = badge(
                painter,
                Pos2::new(rect.right(), rect.top() - 4.0 * zoom),
                Align2::RIGHT_BOTTOM,
                format!("→ {}", crate::numbers::whole(row.customers)),
                font.clone(),
                theme::CAMPAIGN,
            );
            announce(
                ui,
                rect,
                ("campaign-customers", &row.id),
                format!(
                    "{}: {} customers at {name}",
                    campaign.name,
                    crate::numbers::whole(row.customers)
                ),
            );
        }
        if row.lost >= notable.max(0.5) {
            let rect = badge(
                painter,
                // Left-aligned, so the customers badge of the card below (right-aligned) does not
                // cover it.
                Pos2::new(rect.left(), rect.bottom() + 2.0 * zoom),
                Align2::LEFT_TOP,
                format!("✖ {} lost", crate::numbers::whole(row.lost)),
                font.clone(),
                theme::severity_colour(crate::analysis::Severity::Critical),
            );
            announce(
                ui,
                rect,
                ("campaign-lost", &row.id),
                format!(
                    "{}: {} customers lost at {name}",
                    campaign.name,
                    crate::numbers::whole(row.lost)
                ),
            );
        }
    }
}

/// White text on a coloured pill; returns where it is.
fn badge(
    painter: &egui::Painter,
    anchor: Pos2,
    align: Align2,
    text: String,
    font: egui::FontId,
    colour: Color32,
) -> Rect {
    let galley = painter.layout_no_wrap(text, font, Color32::WHITE);
    let size = galley.size() + Vec2::new(10.0, 4.0);
    let rect = align.anchor_size(anchor, size);
    painter.rect_filled(rect, CornerRadius::same(6), colour);
    painter.galley(rect.min + Vec2::new(5.0, 2.0), galley, Color32::WHITE);
    rect
}

/// Gives a painted badge a name screen readers (and UI tests) can find, and a tooltip.
fn announce(ui: &Ui, rect: Rect, id: impl std::hash::Hash + std::fmt::Debug, text: String) {
    let response = ui.interact(rect, ui.scope_id().with(id), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
    response.on_hover_text(text);
}
