//! Links: curves with arrows, hit-testing, and the share/label pills placed off the cards.

use super::{
    Align2, Color32, CubicBezierShape, EdgeRef, HAZE_LINKS, IntoEdgeReferences, Map, Pos2, Rect,
    Report, Shape, Stroke, TouchPointId, Ui, Vec2, ViewState, is_far, layout, theme,
};

/// A link's curve on screen: the layout's curve in canvas units, through the transform.
pub(super) fn link_curve(from: Rect, to: Rect) -> [Pos2; 4] {
    let canvas_rect = |rect: Rect| layout::Rect {
        x: f64::from(rect.min.x),
        y: f64::from(rect.min.y),
        width: f64::from(rect.width()),
        height: f64::from(rect.height()),
    };
    layout::link_curve(canvas_rect(from), canvas_rect(to))
        .map(|[x, y]| Pos2::new(x as f32, y as f32))
}

pub(super) fn sample_curve(points: [Pos2; 4], t: f32) -> Pos2 {
    let [x, y] = layout::curve_point(
        points.map(|p| [f64::from(p.x), f64::from(p.y)]),
        f64::from(t),
    );
    Pos2::new(x as f32, y as f32)
}

/// The link nearest to a screen position, within a few points.
pub(super) fn link_at(
    map: &Map,
    cards: super::CardRects<'_>,
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
pub(super) fn draw_links(
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
        let graph = map.graph();
        node_rects
            .iter()
            .enumerate()
            .filter_map(|(index, rect)| {
                let rect = (*rect)?;
                let touchpoint = graph.node_weight(petgraph::graph::NodeIndex::new(index))?;
                let has_tab = report
                    .touchpoint(&touchpoint.id)
                    .is_some_and(|analysis| analysis.must_pass);
                let card = layout::Rect {
                    x: f64::from(rect.min.x),
                    y: f64::from(rect.min.y),
                    width: f64::from(rect.width()),
                    height: f64::from(rect.height()),
                };
                Some(layout::label_keep_out(
                    card,
                    has_tab,
                    touchpoint.votes > 0,
                    f64::from(zoom),
                ))
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
        if is_far(map, zoom) {
            continue;
        }
        // The whole label where it covers no card and no other label, else the share alone; with
        // no room for either, the label shows only while its link is hovered or selected.
        let texts = layout::link_label_texts(link);
        let mut chosen = None;
        for (index, text) in texts.iter().enumerate() {
            let galley = painter.layout_no_wrap(
                text.clone(),
                egui::FontId::proportional(12.0 * zoom),
                ui.visuals().text_color(),
            );
            let size = galley.size() + Vec2::splat(6.0 * zoom);
            if !avoid {
                chosen = Some((galley, size, sample_curve(curve, 0.5)));
                break;
            }
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
            match spot {
                Some([x, y]) => {
                    chosen = Some((galley, size, Pos2::new(x as f32, y as f32)));
                    break;
                }
                None if index == 0 && (selected || is_hovered) => {
                    chosen = Some((galley, size, sample_curve(curve, 0.5)));
                    break;
                }
                None => {}
            }
        }
        if let Some((galley, size, middle)) = chosen {
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
pub(super) fn draw_link_labels(
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
