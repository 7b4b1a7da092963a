//! The map canvas: stage columns, links as arrows, touch points as cards coloured by weakness; pan,
//! zoom, select, move, link, add and rename. Emits actions; changes only view state itself.

use std::collections::HashMap;

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
use crate::model::{Map, Role, TouchPoint, TouchPointId};

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

/// Canvas ⇄ screen transform of one frame.
#[derive(Debug, Clone, Copy)]
pub struct Transform {
    origin: Pos2,
    zoom: f32,
}

impl Transform {
    /// The transform for a canvas area and a view.
    #[must_use]
    pub fn new(area: Rect, view: &ViewState) -> Self {
        Self {
            origin: area.min + view.offset,
            zoom: view.zoom,
        }
    }

    /// Screen position of a canvas point.
    #[must_use]
    pub fn screen_from_canvas(&self, point: [f64; 2]) -> Pos2 {
        self.origin + Vec2::new(point[0] as f32, point[1] as f32) * self.zoom
    }

    /// Canvas point under a screen position.
    #[must_use]
    pub fn canvas_from_screen(&self, point: Pos2) -> [f64; 2] {
        let canvas = (point - self.origin) / self.zoom;
        [f64::from(canvas.x), f64::from(canvas.y)]
    }

    /// Screen rectangle of a canvas rectangle.
    #[must_use]
    pub fn screen_rect(&self, rect: layout::Rect) -> Rect {
        Rect::from_min_size(
            self.screen_from_canvas([rect.x, rect.y]),
            Vec2::new(rect.width as f32, rect.height as f32) * self.zoom,
        )
    }
}

/// The accessible id of a card, used by tests and screen readers.
#[must_use]
pub fn card_id(id: &TouchPointId) -> Id {
    Id::unique(("touchpoint-card", id.as_str()))
}

/// Where a card is drawn: its own position, or its lane's place in lanes mode (shifted by the drag
/// in progress when it is selected).
fn card_canvas_rect(
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
    background.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Map canvas"));
    let lanes = view.lanes.then(|| derived.lanes(map));
    if view.fit_requested {
        let bounds = lanes
            .as_ref()
            .map_or(derived.bounds, |lanes| lanes.bounds(map));
        // Workshop maps stay readable from the back of the room (card names at least 14 px); when
        // the whole map does not fit at that size, the rest is a drag away and the status bar says
        // so. Large maps fit whole; lanes are an overview of the organisation and fit whole too.
        let min_zoom = if map.touchpoint_count() <= 200 && lanes.is_none() {
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
        view.offset = anchor - Vec2::new(centre[0] as f32, centre[1] as f32) * view.zoom;
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

    // Screen rectangles by graph index (cheap to look up for every link), and by id.
    let graph = map.graph();
    let mut node_rects: Vec<Option<Rect>> = vec![None; graph.node_bound()];
    for node in graph.node_indices() {
        node_rects[node.index()] =
            Some(transform.screen_rect(card_canvas_rect(map, lanes, view, &graph[node])));
    }
    let cards: HashMap<&TouchPointId, Rect> = graph
        .node_indices()
        .filter_map(|node| Some((&graph[node].id, node_rects[node.index()]?)))
        .collect();

    let hovered_link = ui
        .input(|input| input.pointer.hover_pos())
        .filter(|pos| area.contains(*pos))
        .and_then(|pos| link_at(map, &cards, pos));
    let link_labels = draw_links(
        ui,
        &painter,
        map,
        report,
        &node_rects,
        area,
        view,
        view.zoom,
        hovered_link.as_ref(),
    );

    // Graph order is as stable as id order and needs no sort every frame.
    let mut touchpoints: Vec<&TouchPoint> = graph.node_weights().collect();
    // Selected cards last, so they are drawn (and hit-tested) on top.
    touchpoints.sort_by_key(|touchpoint| view.selection.contains(&touchpoint.id));
    let mut link_drag: Option<(Pos2, Pos2)> = None;
    for touchpoint in touchpoints {
        let Some(&rect) = cards.get(&touchpoint.id) else {
            continue;
        };
        if !rect.intersects(area) {
            continue;
        }
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
            &cards,
            &mut link_drag,
            lanes,
        );
    }
    draw_link_labels(ui, &painter, link_labels, view.zoom);
    if let Some(campaign) = campaign {
        draw_campaign(ui, &painter, campaign, map, &cards, area, view.zoom);
    }
    if let Some((from, to)) = link_drag {
        painter.line_segment([from, to], Stroke::new(2.5, theme::SELECTION));
        painter.circle_filled(to, 5.0, theme::SELECTION);
    }

    rename_ui(ui, map, &cards, view, actions);
    background_input(
        ui,
        map,
        &background,
        area,
        &transform,
        &cards,
        hovered_link,
        view,
        actions,
    );
    minimap_ui(ui, &painter, map, report, derived.bounds, area, view);
}

/// The chosen campaign on the map: a badge above each card with the campaign's customers there, a
/// red "lost" badge under the cards where it loses at least 1 % of them, and a red halo around the
/// weak spots it amplifies.
fn draw_campaign(
    ui: &Ui,
    painter: &egui::Painter,
    campaign: &crate::analysis::CampaignPreflight,
    map: &Map,
    cards: &HashMap<&TouchPointId, Rect>,
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

/// Zooms so the whole map fits the area.
/// Zooms so the whole map fits the area, but not below `min_zoom`; returns whether it all fits.
fn fit(bounds: layout::Rect, area: Rect, view: &mut ViewState, min_zoom: f32) -> bool {
    let zoom_x = area.width() / bounds.width.max(1.0) as f32;
    let zoom_y = area.height() / bounds.height.max(1.0) as f32;
    let whole = zoom_x.min(zoom_y) * 0.97;
    view.zoom = whole.clamp(min_zoom, 1.6);
    let used = Vec2::new(bounds.width as f32, bounds.height as f32) * view.zoom;
    // Centred when it fits; from the top-left corner when it does not.
    let margin = ((area.size() - used) / 2.0).max(Vec2::splat(8.0));
    view.offset = margin - Vec2::new(bounds.x as f32, bounds.y as f32) * view.zoom;
    whole >= min_zoom
}

fn zoom_and_scroll(ui: &Ui, area: Rect, view: &mut ViewState) {
    let Some(pointer) = ui.input(|input| input.pointer.hover_pos()) else {
        return;
    };
    if !area.contains(pointer) || ui.ctx().is_being_dragged(Id::unique("minimap")) {
        return;
    }
    let (zoom_delta, scroll) = ui.input(|input| (input.zoom_delta(), input.smooth_scroll_delta));
    if (zoom_delta - 1.0).abs() > f32::EPSILON {
        zoom_at(view, area, pointer, zoom_delta);
    }
    if scroll != Vec2::ZERO {
        view.offset += scroll;
    }
}

/// Zooms by a factor keeping the canvas point under `anchor` where it is.
pub fn zoom_at(view: &mut ViewState, area: Rect, anchor: Pos2, factor: f32) {
    let new_zoom = (view.zoom * factor).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
    let anchor_in_area = anchor - area.min;
    let canvas = (anchor_in_area - view.offset) / view.zoom;
    view.zoom = new_zoom;
    view.offset = anchor_in_area - canvas * new_zoom;
}

fn draw_columns(
    ui: &Ui,
    painter: &egui::Painter,
    map: &Map,
    bounds: layout::Rect,
    area: Rect,
    transform: &Transform,
) {
    let dark = ui.visuals().dark_mode;
    let bottom = transform
        .screen_from_canvas([0.0, bounds.y + bounds.height])
        .y
        .max(area.bottom());
    for (index, column) in layout::columns(map).iter().enumerate() {
        let left = transform
            .screen_from_canvas([layout::column_left(index), 0.0])
            .x;
        let right = transform
            .screen_from_canvas([layout::column_left(index + 1), 0.0])
            .x;
        let top = transform.screen_from_canvas([0.0, 0.0]).y;
        let band = Rect::from_min_max(Pos2::new(left, top), Pos2::new(right, bottom));
        if !band.intersects(area) {
            continue;
        }
        let fill = match (dark, index % 2 == 0) {
            (true, true) => Color32::from_gray(36),
            (true, false) => Color32::from_gray(31),
            (false, true) => Color32::from_gray(236),
            (false, false) => Color32::from_gray(243),
        };
        painter.rect_filled(band, 0.0, fill);
        let header = Rect::from_min_max(
            band.min,
            Pos2::new(right, top + layout::HEADER_HEIGHT as f32 * transform.zoom),
        );
        painter.rect_filled(
            header,
            0.0,
            if dark {
                Color32::from_gray(50)
            } else {
                Color32::from_gray(220)
            },
        );
        let name = column.as_deref().unwrap_or("No stage");
        painter.text(
            header.center(),
            Align2::CENTER_CENTER,
            name,
            egui::FontId::proportional((17.0 * transform.zoom).max(7.0)),
            ui.visuals().strong_text_color(),
        );
    }
}

/// A link's curve on screen: the layout's curve in canvas units, through the transform.
fn link_curve(from: Rect, to: Rect) -> [Pos2; 4] {
    let canvas_rect = |rect: Rect| layout::Rect {
        x: f64::from(rect.min.x),
        y: f64::from(rect.min.y),
        width: f64::from(rect.width()),
        height: f64::from(rect.height()),
    };
    layout::link_curve(canvas_rect(from), canvas_rect(to))
        .map(|[x, y]| Pos2::new(x as f32, y as f32))
}

fn sample_curve(points: [Pos2; 4], t: f32) -> Pos2 {
    let [x, y] = layout::curve_point(
        points.map(|p| [f64::from(p.x), f64::from(p.y)]),
        f64::from(t),
    );
    Pos2::new(x as f32, y as f32)
}

fn draw_lanes(
    ui: &Ui,
    painter: &egui::Painter,
    lanes: &layout::LaneLayout,
    area: Rect,
    transform: &Transform,
) {
    let right = transform
        .screen_from_canvas([layout::column_left(64), 0.0])
        .x
        .max(area.right());
    let left = transform.screen_from_canvas([0.0, 0.0]).x;
    for (index, lane) in lanes.lanes.iter().enumerate() {
        let top = transform.screen_from_canvas([0.0, lane.top]).y;
        let bottom = transform
            .screen_from_canvas([0.0, lane.top + lane.height])
            .y;
        let band = Rect::from_min_max(Pos2::new(left, top), Pos2::new(right, bottom));
        if !band.intersects(area) {
            continue;
        }
        if index % 2 == 1 {
            painter.rect_filled(band, 0.0, ui.visuals().text_color().gamma_multiply(0.04));
        }
        painter.line_segment(
            [band.left_top(), band.right_top()],
            Stroke::new(1.5, ui.visuals().text_color().gamma_multiply(0.35)),
        );
        let name = lane.owner.as_deref().unwrap_or("Nobody owns these");
        painter.text(
            band.left_top() + Vec2::new(8.0, 4.0),
            Align2::LEFT_TOP,
            name,
            egui::FontId::proportional((15.0 * transform.zoom).max(8.0)),
            if lane.owner.is_none() {
                Color32::from_rgb(200, 80, 40)
            } else {
                ui.visuals().strong_text_color()
            },
        );
    }
}

/// The link nearest to a screen position, within a few points.
fn link_at(
    map: &Map,
    cards: &HashMap<&TouchPointId, Rect>,
    pos: Pos2,
) -> Option<(TouchPointId, TouchPointId)> {
    let mut best: Option<(f32, (TouchPointId, TouchPointId))> = None;
    for (from, to, _) in map.links() {
        let (Some(&from_rect), Some(&to_rect)) = (cards.get(from), cards.get(to)) else {
            continue;
        };
        if from_rect.contains(pos) || to_rect.contains(pos) {
            continue;
        }
        let curve = link_curve(from_rect, to_rect);
        let bounding = Rect::from_points(&curve).expand(8.0);
        if !bounding.contains(pos) {
            continue;
        }
        let distance = (0..=24)
            .map(|step| sample_curve(curve, step as f32 / 24.0).distance(pos))
            .fold(f32::MAX, f32::min);
        if distance < 7.0 && best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, (from.clone(), to.clone())));
        }
    }
    best.map(|(_, link)| link)
}

#[expect(
    clippy::too_many_arguments,
    reason = "one drawing pass over the frame's shared state"
)]
fn draw_links(
    ui: &Ui,
    painter: &egui::Painter,
    map: &Map,
    report: &Report,
    node_rects: &[Option<Rect>],
    area: Rect,
    view: &ViewState,
    zoom: f32,
    hovered: Option<&(TouchPointId, TouchPointId)>,
) -> Vec<(Rect, std::sync::Arc<egui::Galley>)> {
    // Labels are returned, to be painted above the cards: each where it overlaps no card and no
    // other label (on workshop-sized maps; on big ones at the middle, as the check costs a pass
    // over the cards per label).
    let avoid = map.touchpoint_count() <= 300;
    let card_rects: Vec<layout::Rect> = if avoid {
        node_rects
            .iter()
            .flatten()
            .map(|rect| layout::Rect {
                x: f64::from(rect.min.x),
                y: f64::from(rect.min.y),
                width: f64::from(rect.width()),
                height: f64::from(rect.height()),
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut placed: Vec<layout::Rect> = Vec::new();
    let mut labels = Vec::new();
    let base = ui.visuals().text_color().gamma_multiply(0.55);
    let graph = map.graph();
    // Searching and filtering are rare; when neither is on, nothing is dimmed and no link needs
    // the (string-matching) check.
    let may_dim = !view.search.trim().is_empty() || view.filter.is_active();
    // Very far out on a big map, thousands of hairlines are only a grey haze that costs more than
    // the cards: then only the links of selected cards are drawn.
    let haze = zoom < 0.2 && graph.edge_count() > HAZE_LINKS;
    // Unsorted: drawing order does not matter, and sorting every link every frame would.
    for edge in graph.edge_references() {
        if haze
            && !view.selection.contains(&graph[edge.source()].id)
            && !view.selection.contains(&graph[edge.target()].id)
        {
            continue;
        }
        let (from_point, to_point, link) =
            (&graph[edge.source()], &graph[edge.target()], edge.weight());
        let (from, to) = (&from_point.id, &to_point.id);
        let (Some(from_rect), Some(to_rect)) = (
            node_rects[edge.source().index()],
            node_rects[edge.target().index()],
        ) else {
            continue;
        };
        let joint = from_rect.union(to_rect).expand(60.0);
        if !joint.intersects(area) {
            continue;
        }
        let curve = link_curve(from_rect, to_rect);
        let selected = view
            .selected_link
            .as_ref()
            .is_some_and(|(a, b)| a == from && b == to);
        let is_hovered = hovered.is_some_and(|(a, b)| a == from && b == to);
        let dimmed =
            may_dim && !(view.highlights(from_point, report) && view.highlights(to_point, report));
        let colour = if selected {
            theme::SELECTION
        } else if dimmed {
            base.gamma_multiply(0.3)
        } else {
            base
        };
        let width = if selected || is_hovered { 3.5 } else { 1.8 } * zoom.max(0.5);
        if is_far(map, zoom) && !selected {
            // Far out, a link is a thin straight line: hundreds of curves with arrowheads would
            // cost more than the whole rest of the frame and could not be told apart anyway.
            painter.line_segment([curve[0], curve[3]], Stroke::new(1.0, colour));
            continue;
        }
        let tip = curve[3];
        let direction = (curve[3] - curve[2]).normalized();
        let arrow_length = 11.0 * zoom.max(0.5);
        let shaft_end = tip - direction * arrow_length * 0.8;
        painter.add(CubicBezierShape::from_points_stroke(
            [curve[0], curve[1], curve[2], shaft_end],
            false,
            Color32::TRANSPARENT,
            Stroke::new(width, colour),
        ));
        let normal = Vec2::new(-direction.y, direction.x) * arrow_length * 0.45;
        let back = tip - direction * arrow_length;
        painter.add(Shape::convex_polygon(
            vec![tip, back + normal, back - normal],
            colour,
            Stroke::NONE,
        ));
        let mut text = link.share.map(crate::numbers::percent).unwrap_or_default();
        if let Some(label) = link.label.as_deref().filter(|label| !label.is_empty()) {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(label);
        }
        if !text.is_empty() && !is_far(map, zoom) {
            let galley = painter.layout_no_wrap(
                text,
                egui::FontId::proportional(12.0 * zoom),
                ui.visuals().text_color(),
            );
            let size = galley.size() + Vec2::splat(6.0 * zoom);
            let middle = if avoid {
                let as_layout = |p: Pos2| [f64::from(p.x), f64::from(p.y)];
                let spot = layout::label_spot(
                    [
                        as_layout(curve[0]),
                        as_layout(curve[1]),
                        as_layout(curve[2]),
                        as_layout(curve[3]),
                    ],
                    [f64::from(size.x), f64::from(size.y)],
                    &card_rects,
                    &placed,
                );
                Pos2::new(spot[0] as f32, spot[1] as f32)
            } else {
                sample_curve(curve, 0.5)
            };
            let rect = Align2::CENTER_CENTER.anchor_size(middle, size);
            placed.push(layout::Rect {
                x: f64::from(rect.min.x),
                y: f64::from(rect.min.y),
                width: f64::from(rect.width()),
                height: f64::from(rect.height()),
            });
            labels.push((rect, galley));
        }
    }
    labels
}

/// Paints the link labels collected by [`draw_links`], above the cards.
fn draw_link_labels(
    ui: &Ui,
    painter: &egui::Painter,
    labels: Vec<(Rect, std::sync::Arc<egui::Galley>)>,
    zoom: f32,
) {
    for (rect, galley) in labels {
        painter.rect_filled(rect, 4.0 * zoom, ui.visuals().extreme_bg_color);
        painter.galley(
            rect.min + Vec2::splat(3.0 * zoom),
            galley,
            ui.visuals().text_color(),
        );
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "one card of the frame's shared drawing pass"
)]
fn card_ui(
    ui: &mut Ui,
    painter: &egui::Painter,
    map: &Map,
    report: &Report,
    touchpoint: &TouchPoint,
    rect: Rect,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
    cards: &HashMap<&TouchPointId, Rect>,
    link_drag: &mut Option<(Pos2, Pos2)>,
    lanes: Option<&layout::LaneLayout>,
) {
    let id = &touchpoint.id;
    let response = ui.interact(rect, card_id(id), Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &touchpoint.name));
    // The full name on hover when it may be cut: on the card it wraps to two lines of about 20
    // characters and ends with "…" when it does not fit.
    let long_name = touchpoint.name.chars().count() > 40;
    let response =
        if long_name && view.rename.is_none() && !ui.input(|input| input.pointer.any_down()) {
            response.on_hover_text(&touchpoint.name)
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
        let delta = response.drag_delta() / zoom;
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
            .find(|(other, rect)| **other != id && rect.contains(pointer))
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
fn lane_drag(
    response: &egui::Response,
    map: &Map,
    lanes: &layout::LaneLayout,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    if response.dragged_by(PointerButton::Primary) {
        view.lane_drag += response.drag_delta() / view.zoom;
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
fn draw_far_card(
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

fn draw_card_text(
    painter: &egui::Painter,
    touchpoint: &TouchPoint,
    rect: Rect,
    zoom: f32,
    must_pass: bool,
) {
    let padding = 10.0 * zoom;
    let inner_width = rect.width() - 2.0 * padding;
    let mut name_job = egui::text::LayoutJob::simple(
        touchpoint.name.clone(),
        theme::card_title_font(zoom),
        theme::CARD_TEXT,
        inner_width,
    );
    name_job.wrap.max_rows = 2;
    let name = painter.layout_job(name_job);
    painter.galley(
        rect.min + Vec2::new(padding, 7.0 * zoom),
        name,
        theme::CARD_TEXT,
    );

    let mut details: Vec<String> = Vec::new();
    if let Some(channel) = touchpoint.channel.as_deref().filter(|c| !c.is_empty()) {
        details.push(channel.to_owned());
    }
    details.push(
        touchpoint
            .owner_name()
            .map_or_else(|| "no owner".to_owned(), str::to_owned),
    );
    let mut details_job = egui::text::LayoutJob::simple_singleline(
        details.join(" · "),
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

    let score = touchpoint
        .score
        .map_or_else(|| "not rated".to_owned(), |score| format!("★ {score:.1}"));
    let role = match touchpoint.role {
        Some(Role::Entry) => "  ▶ entry",
        Some(Role::Goal) => "  ⚑ goal",
        None => "",
    };
    painter.text(
        rect.left_bottom() + Vec2::new(padding, -8.0 * zoom),
        Align2::LEFT_BOTTOM,
        format!("{score}  imp {}{role}", touchpoint.importance),
        egui::FontId::proportional(12.5 * zoom),
        theme::CARD_TEXT,
    );
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
    // Dot votes as a number a room can read: a badge on the top-right corner.
    if touchpoint.votes > 0 {
        let galley = painter.layout_no_wrap(
            format!("● {}", touchpoint.votes),
            egui::FontId::proportional((14.0 * zoom).max(11.0)),
            Color32::WHITE,
        );
        let size = galley.size() + Vec2::new(10.0 * zoom.max(0.6), 4.0);
        let badge = Rect::from_min_size(
            rect.right_top() + Vec2::new(-size.x - 4.0 * zoom, -size.y * 0.6),
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

fn moved_selection(
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

fn push_move(actions: &mut Vec<Action>, view: &ViewState, map: &Map, moved: Vec<TouchPoint>) {
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

fn rename_ui(
    ui: &mut Ui,
    map: &Map,
    cards: &HashMap<&TouchPointId, Rect>,
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

#[expect(
    clippy::too_many_arguments,
    reason = "one input pass over the frame's shared state"
)]
fn background_input(
    ui: &Ui,
    map: &Map,
    background: &egui::Response,
    area: Rect,
    transform: &Transform,
    cards: &HashMap<&TouchPointId, Rect>,
    hovered_link: Option<(TouchPointId, TouchPointId)>,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let shift = ui.input(|input| input.modifiers.shift);
    let box_id = Id::unique("box-select-start");
    if background.drag_started_by(PointerButton::Primary) && shift {
        let start = background.interact_pointer_pos();
        ui.ctx().data_mut(|data| data.insert_temp(box_id, start));
    }
    let box_start: Option<Pos2> = ui
        .ctx()
        .data(|data| data.get_temp::<Option<Pos2>>(box_id))
        .flatten();
    if let Some(start) = box_start {
        if let Some(now) = ui.input(|input| input.pointer.latest_pos()) {
            let selection_rect = Rect::from_two_pos(start, now);
            ui.painter_at(area).rect(
                selection_rect,
                2.0,
                theme::SELECTION.gamma_multiply(0.15),
                Stroke::new(1.5, theme::SELECTION),
                StrokeKind::Inside,
            );
            if background.drag_stopped() {
                for (id, rect) in cards {
                    if selection_rect.intersects(*rect) {
                        view.selection.insert((*id).clone());
                    }
                }
                view.selected_link = None;
                ui.ctx()
                    .data_mut(|data| data.remove::<Option<Pos2>>(box_id));
            }
        }
    } else if background.dragged_by(PointerButton::Primary)
        || background.dragged_by(PointerButton::Middle)
    {
        view.offset += background.drag_delta();
    }
    let far_card = is_far(map, view.zoom)
        .then(|| background.interact_pointer_pos())
        .flatten()
        .and_then(|pointer| {
            cards
                .iter()
                .filter(|(_, rect)| rect.contains(pointer))
                .map(|(id, _)| (*id).clone())
                .max()
        });
    if let Some(id) = far_card.clone()
        && (background.clicked() || background.secondary_clicked())
    {
        match view.mode {
            Mode::Voting => {
                actions.push(Action::Vote(id, if background.clicked() { 1 } else { -1 }));
            }
            Mode::Presenting => {}
            Mode::Edit if shift => {
                if !view.selection.remove(&id) {
                    view.selection.insert(id);
                }
            }
            Mode::Edit => view.select_only(id),
        }
    } else if background.clicked() {
        if let Some(link) = hovered_link {
            view.selection.clear();
            view.selected_link = Some(link);
        } else if !shift {
            view.clear_selection();
        }
    }
    if background.double_clicked()
        && view.mode == Mode::Edit
        && far_card.is_none()
        && let Some(pointer) = background.interact_pointer_pos()
    {
        let [x, y] = transform.canvas_from_screen(pointer);
        let stage = layout::stage_at(map, x).map(str::to_owned);
        let column_x = stage.as_deref().map_or(x - CARD_WIDTH / 2.0, |stage| {
            layout::card_x_in_column(layout::column_of(map, Some(stage)))
        });
        super::add_touchpoint(
            map,
            view,
            stage,
            [column_x, y - CARD_HEIGHT / 2.0],
            super::NewLink::None,
            actions,
        );
    }
}

fn minimap_ui(
    ui: &mut Ui,
    painter: &egui::Painter,
    map: &Map,
    report: &Report,
    bounds: layout::Rect,
    area: Rect,
    view: &mut ViewState,
) {
    if !view.minimap || map.touchpoint_count() < 12 || area.width() < 500.0 || view.lanes {
        return;
    }
    let size = Vec2::new(170.0, 105.0);
    let frame = Rect::from_min_size(area.right_bottom() - size - Vec2::splat(10.0), size);
    // Never over a card: where the map reaches the corner, the minimap stays away.
    let transform = Transform::new(area, view);
    let covers_a_card = map.graph().node_weights().any(|touchpoint| {
        let rect = transform.screen_rect(layout::card_rect(map, touchpoint));
        rect.expand(6.0).intersects(frame)
    });
    if covers_a_card {
        return;
    }
    let scale = (size.x / bounds.width as f32).min(size.y / bounds.height as f32);
    let to_mini = |point: [f64; 2]| {
        frame.min + Vec2::new((point[0] - bounds.x) as f32, (point[1] - bounds.y) as f32) * scale
    };
    painter.rect_filled(
        frame,
        6.0,
        ui.visuals().extreme_bg_color.gamma_multiply(0.92),
    );
    painter.rect_stroke(
        frame,
        6.0,
        Stroke::new(1.0, Color32::from_gray(140)),
        StrokeKind::Inside,
    );
    for touchpoint in map.graph().node_weights() {
        let rect = layout::card_rect(map, touchpoint);
        let mini = Rect::from_min_max(
            to_mini([rect.x, rect.y]),
            to_mini([rect.x + rect.width, rect.y + rect.height]),
        );
        painter.rect_filled(
            mini,
            1.0,
            rgb(layout::touchpoint_rgb(report, &touchpoint.id)),
        );
    }
    let transform = Transform::new(area, view);
    let top_left = transform.canvas_from_screen(area.min);
    let bottom_right = transform.canvas_from_screen(area.max);
    let visible = Rect::from_min_max(to_mini(top_left), to_mini(bottom_right)).intersect(frame);
    painter.rect_stroke(
        visible,
        2.0,
        Stroke::new(1.5, theme::SELECTION),
        StrokeKind::Inside,
    );
    let response = ui.interact(frame, Id::unique("minimap"), Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Minimap"));
    if (response.clicked() || response.dragged())
        && let Some(pointer) = response.interact_pointer_pos()
    {
        let canvas = (pointer - frame.min) / scale;
        let centre = Vec2::new(canvas.x + bounds.x as f32, canvas.y + bounds.y as f32);
        view.offset = area.size() / 2.0 - centre * view.zoom;
    }
}
