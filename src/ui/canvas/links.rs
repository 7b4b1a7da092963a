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

/// A link of the graph, as the canvas walks them.
type LinkRef<'m> = petgraph::stable_graph::EdgeReference<'m, crate::model::Link>;

/// Above this many links running through the view with neither end in it, those links are not
/// drawn (a note on the canvas says how many): on a big map thousands of them cross any view
/// from far above to far below, a grey wall that hides the links of the cards in view and costs
/// the software renderer of a projector laptop a third of a second a frame.
pub(super) const MOST_PASSING_LINKS: usize = 400;

/// The links the canvas draws this frame, and so the only ones the pointer can hover or click:
/// worked out once per frame, then drawn and hit-tested from the same list.
pub(super) struct LinkView<'m> {
    map: &'m Map,
    view: &'m ViewState,
    node_rects: &'m [Option<Rect>],
    area: Rect,
    /// Very far out on a big map, where thousands of hairlines are only a grey haze that costs
    /// more than the cards, only the selected cards' links are drawn.
    haze: bool,
    /// The links drawn, with their ends' screen rectangles.
    drawn: Vec<(LinkRef<'m>, Rect, Rect)>,
    /// The links through the view with neither end in it, when there are too many to draw (they
    /// are left out); 0 when they are drawn.
    pub(super) passing_hidden: usize,
}

impl<'m> LinkView<'m> {
    pub(super) fn new(
        map: &'m Map,
        view: &'m ViewState,
        node_rects: &'m [Option<Rect>],
        area: Rect,
    ) -> Self {
        let haze = view.zoom < 0.2 && map.link_count() > HAZE_LINKS;
        let mut links = Self {
            map,
            view,
            node_rects,
            area,
            haze,
            drawn: Vec::new(),
            passing_hidden: 0,
        };
        // One pass: links with an end in view, and those only passing through.
        let (mut drawn, mut passing) = (Vec::new(), Vec::new());
        for link in links.candidates() {
            let (_, from, to) = link;
            if !from.intersects(area) && !to.intersects(area) {
                passing.push(link);
            } else {
                drawn.push(link);
            }
        }
        if passing.len() > MOST_PASSING_LINKS {
            links.passing_hidden = passing.len();
        } else {
            drawn.extend(passing);
        }
        links.drawn = drawn;
        links
    }

    /// The links drawn, with their ends' screen rectangles.
    pub(super) fn drawn(&self) -> impl Iterator<Item = (LinkRef<'m>, Rect, Rect)> + '_ {
        self.drawn.iter().copied()
    }

    /// The links that may cross the view: every link (or the selection's, in the haze) whose
    /// ends' rectangles, widened by the curve's bend, reach into it.
    fn candidates(&self) -> impl Iterator<Item = (LinkRef<'m>, Rect, Rect)> + '_ {
        let (graph, node_rects, area) = (self.map.graph(), self.node_rects, self.area);
        let links: Box<dyn Iterator<Item = LinkRef<'m>> + '_> = if self.haze {
            let selected = move |node: petgraph::stable_graph::NodeIndex| {
                self.view.selection.contains(&graph[node].id)
            };
            Box::new(
                self.view
                    .selection
                    .iter()
                    .filter_map(|id| self.map.node_index(id))
                    .flat_map(move |node| {
                        let outgoing = graph.edges_directed(node, petgraph::Direction::Outgoing);
                        // A link between two selected cards is listed once, with its start.
                        let incoming = graph
                            .edges_directed(node, petgraph::Direction::Incoming)
                            .filter(move |edge| !selected(edge.source()));
                        outgoing.chain(incoming)
                    }),
            )
        } else {
            Box::new(graph.edge_references())
        };
        links.filter_map(move |edge| {
            let from = node_rects[edge.source().index()]?;
            let to = node_rects[edge.target().index()]?;
            from.union(to)
                .expand(60.0)
                .intersects(area)
                .then_some((edge, from, to))
        })
    }
}

/// The link nearest to a screen position, within a few points. Cards are found by graph index in
/// `node_rects` (no lookup by id: this runs every frame the pointer is over the canvas, over every
/// link, 80,000 on the big benchmark map).
pub(super) fn link_at(links: &LinkView<'_>, pos: Pos2) -> Option<(TouchPointId, TouchPointId)> {
    let graph = links.map.graph();
    let mut pieces = Vec::new();
    let mut best: Option<(f32, petgraph::stable_graph::EdgeIndex)> = None;
    for (edge, from_rect, to_rect) in links.drawn() {
        if from_rect.contains(pos) || to_rect.contains(pos) {
            continue;
        }
        // The curve lies within its control points' hull: nearly every link ends here.
        let curve = link_curve(from_rect, to_rect);
        let bounding = Rect::from_points(&curve).expand(8.0);
        if !bounding.contains(pos) {
            continue;
        }
        let distance = distance_to_curve(curve, pos, &mut pieces);
        if distance < 7.0 && best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, edge.id()));
        }
    }
    let (_, edge) = best?;
    let (from, to) = graph.edge_endpoints(edge)?;
    Some((graph[from].id.clone(), graph[to].id.clone()))
}

/// Draws the links `links` says are drawn (the map, view, card rectangles and area are its).
pub(super) fn draw_links(
    ui: &Ui,
    painter: &egui::Painter,
    report: &Report,
    links: &LinkView<'_>,
    hovered: Option<&(TouchPointId, TouchPointId)>,
) -> Vec<(Rect, std::sync::Arc<egui::Galley>)> {
    let (map, view, node_rects, area) = (links.map, links.view, links.node_rects, links.area);
    let zoom = view.zoom;
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
    let mut pieces = Vec::new();
    // Unsorted: drawing order does not matter, and sorting every link every frame would.
    for (edge, from_rect, to_rect) in links.drawn() {
        let (from_point, to_point, link) =
            (&graph[edge.source()], &graph[edge.target()], edge.weight());
        let (from, to) = (&from_point.id, &to_point.id);
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
        // Only the stretch of the curve on screen is handed to the tessellator: on a big map
        // thousands of links run through the view from far above to far below it.
        pieces.clear();
        visible_pieces(
            [curve[0], curve[1], curve[2], shaft_end],
            area.expand(width + 2.0),
            &mut pieces,
        );
        for &piece in &pieces {
            painter.add(CubicBezierShape::from_points_stroke(
                piece,
                false,
                Color32::TRANSPARENT,
                Stroke::new(width, colour),
            ));
        }
        if area.expand(arrow_length).contains(tip) {
            let normal = Vec2::new(-direction.y, direction.x) * arrow_length * 0.45;
            let back = tip - direction * arrow_length;
            painter.add(Shape::convex_polygon(
                vec![tip, back + normal, back - normal],
                colour,
                Stroke::NONE,
            ));
        }
        if is_far(map, zoom) || (!avoid && !area.contains(sample_curve(curve, 0.5))) {
            // No label far out, nor (on a big map, where a label sits at the middle) for a
            // link whose middle is off screen.
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

/// How far a point is from a curve, in points, up to about 10 (beyond that, `f32::MAX` or a
/// rough figure): measured to the pieces of the curve near the point, each as 32 straight segments,
/// so a link thousands of points long is hit as exactly as a short one.
fn distance_to_curve(curve: [Pos2; 4], pos: Pos2, pieces: &mut Vec<[Pos2; 4]>) -> f32 {
    pieces.clear();
    visible_pieces(
        curve,
        Rect::from_center_size(pos, Vec2::splat(20.0)),
        pieces,
    );
    let mut nearest = f32::MAX;
    for &piece in pieces.iter() {
        let mut previous = piece[0];
        for step in 1..=32 {
            let next = sample_curve(piece, step as f32 / 32.0);
            nearest = nearest.min(distance_to_segment(pos, previous, next));
            previous = next;
        }
    }
    nearest
}

fn distance_to_segment(pos: Pos2, a: Pos2, b: Pos2) -> f32 {
    let along = b - a;
    let length_squared = along.length_sq();
    if length_squared == 0.0 {
        return pos.distance(a);
    }
    let t = ((pos - a).dot(along) / length_squared).clamp(0.0, 1.0);
    pos.distance(a + along * t)
}

/// A curve longer than this on screen is cut in halves until each half is this short or lies
/// wholly inside or outside the view.
const LONGEST_PIECE: f32 = 400.0;

/// The pieces of a cubic curve that may cross `view`, each a cubic curve of its own (de Casteljau
/// halves), in order along the curve; the pieces wholly outside are left out. Together they are
/// the curve, minus stretches that lie outside `view` (the curve lies within its control points'
/// hull, and so does every half).
pub(super) fn visible_pieces(curve: [Pos2; 4], view: Rect, out: &mut Vec<[Pos2; 4]>) {
    let hull = Rect::from_points(&curve);
    if !hull.intersects(view) {
        return;
    }
    if view.contains_rect(hull) || hull.size().max_elem() <= LONGEST_PIECE {
        out.push(curve);
        return;
    }
    let [a, b, c, d] = curve;
    let (ab, bc, cd) = (a.lerp(b, 0.5), b.lerp(c, 0.5), c.lerp(d, 0.5));
    let (abc, bcd) = (ab.lerp(bc, 0.5), bc.lerp(cd, 0.5));
    let middle = abc.lerp(bcd, 0.5);
    visible_pieces([a, ab, abc, middle], view, out);
    visible_pieces([middle, bcd, cd, d], view, out);
}

/// Says on the canvas, bottom left, how many links through the view are not drawn, and why.
pub(super) fn note_passing_hidden(ui: &Ui, painter: &egui::Painter, area: Rect, count: usize) {
    let text = format!(
        "{} links run through this view with neither end in it: not drawn",
        crate::numbers::whole(count as f64)
    );
    let galley = painter.layout_no_wrap(
        text.clone(),
        egui::FontId::proportional(14.0),
        ui.visuals().text_color(),
    );
    let rect = Align2::LEFT_BOTTOM.anchor_size(
        area.left_bottom() + Vec2::new(8.0, -8.0),
        galley.size() + Vec2::new(12.0, 6.0),
    );
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    painter.galley(
        rect.min + Vec2::new(6.0, 3.0),
        galley,
        ui.visuals().text_color(),
    );
    let response = ui.interact(
        rect,
        ui.scope_id().with("passing-links-note"),
        egui::Sense::hover(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
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

#[cfg(test)]
mod tests {
    use super::{LONGEST_PIECE, LinkView, MOST_PASSING_LINKS, sample_curve, visible_pieces};
    use crate::model::{Link, Map, TouchPoint, TouchPointId};
    use crate::ui::ViewState;
    use egui::{Pos2, Rect, Vec2};
    use petgraph::visit::EdgeRef;

    #[test]
    fn a_long_curve_is_cut_to_the_pieces_on_screen() {
        // A link from far above the view to far below it, bowing right through it.
        let curve = [
            Pos2::new(300.0, -20_000.0),
            Pos2::new(900.0, -20_000.0),
            Pos2::new(700.0, 20_000.0),
            Pos2::new(320.0, 20_000.0),
        ];
        let view = Rect::from_min_size(Pos2::ZERO, Vec2::new(1280.0, 720.0));
        let mut pieces = Vec::new();
        visible_pieces(curve, view, &mut pieces);
        // Halving 40,000 points down to 400 takes 7 cuts; only the few halves near the view
        // are kept, not the 128 of the whole curve.
        assert!(
            !pieces.is_empty() && pieces.len() <= 4,
            "{} pieces",
            pieces.len()
        );
        for piece in &pieces {
            let hull = Rect::from_points(piece);
            assert!(hull.size().max_elem() <= LONGEST_PIECE || view.contains_rect(hull));
        }
        // Every point of the curve on screen lies on a piece kept: sample the curve finely and
        // find each on-screen sample within a point of some piece's samples.
        let on_pieces: Vec<Pos2> = pieces
            .iter()
            .flat_map(|&piece| (0..=2000).map(move |i| sample_curve(piece, i as f32 / 2000.0)))
            .collect();
        let mut on_screen = 0;
        for i in 0..=200_000 {
            let point = sample_curve(curve, i as f32 / 200_000.0);
            if view.contains(point) {
                on_screen += 1;
                assert!(
                    on_pieces.iter().any(|p| p.distance(point) < 1.0),
                    "{point:?} is on screen and on no piece"
                );
            }
        }
        assert!(on_screen > 0, "the curve crosses the view");
        // A curve wholly off screen gives nothing; a short one on screen is kept whole.
        pieces.clear();
        visible_pieces(curve.map(|p| p + Vec2::new(5000.0, 0.0)), view, &mut pieces);
        assert!(pieces.is_empty());
        let short = [
            Pos2::new(10.0, 10.0),
            Pos2::new(50.0, 10.0),
            Pos2::new(60.0, 90.0),
            Pos2::new(100.0, 90.0),
        ];
        visible_pieces(short, view, &mut pieces);
        assert_eq!(pieces, [short]);
    }

    /// A map of `above` cards far above the view, `below` far below it, and one card in it; the
    /// first `passing` (above, below) pairs linked, and the card in view linked to the first
    /// card above. Returns the map and the screen rectangles by graph index.
    fn passing_map(passing: usize) -> (Map, Vec<Option<Rect>>) {
        let mut map = Map::new("Passing");
        let mut rects = Vec::new();
        let mut add = |map: &mut Map, id: String, y: f32| {
            map.add_touchpoint(TouchPoint::new(TouchPointId::new(id).expect("id"), "Card"))
                .expect("valid");
            rects.push(Some(Rect::from_min_size(
                Pos2::new(400.0, y),
                Vec2::new(190.0, 70.0),
            )));
        };
        let side = 30;
        for i in 0..side {
            add(&mut map, format!("up-{i}"), -10_000.0 - 100.0 * i as f32);
            add(&mut map, format!("down-{i}"), 10_000.0 + 100.0 * i as f32);
        }
        add(&mut map, "here".to_owned(), 300.0);
        let id = |text: String| TouchPointId::new(text).expect("id");
        for n in 0..passing {
            let (up, down) = (n / side, n % side);
            map.add_link(
                &id(format!("up-{up}")),
                &id(format!("down-{down}")),
                Link::default(),
            )
            .expect("valid");
        }
        map.add_link(
            &id("here".to_owned()),
            &id("up-0".to_owned()),
            Link::default(),
        )
        .expect("valid");
        // Graph indices follow the order cards were added in.
        assert_eq!(
            map.node_index(&id("here".to_owned()))
                .map(petgraph::prelude::NodeIndex::index),
            Some(60)
        );
        (map, rects)
    }

    #[test]
    fn too_many_links_through_the_view_with_no_end_in_it_are_left_out_and_counted() {
        let area = Rect::from_min_size(Pos2::ZERO, Vec2::new(1280.0, 720.0));
        let view = ViewState {
            zoom: 1.0,
            ..ViewState::default()
        };
        // As many passing links as may be drawn: all drawn, the card's own link too.
        let (map, rects) = passing_map(MOST_PASSING_LINKS);
        let links = LinkView::new(&map, &view, &rects, area);
        assert_eq!(links.passing_hidden, 0);
        assert_eq!(links.drawn().count(), MOST_PASSING_LINKS + 1);
        // One more: the passing ones are left out and counted; the link of the card in view stays.
        let (map, rects) = passing_map(MOST_PASSING_LINKS + 1);
        let links = LinkView::new(&map, &view, &rects, area);
        assert_eq!(links.passing_hidden, MOST_PASSING_LINKS + 1);
        let drawn: Vec<_> = links.drawn().collect();
        assert_eq!(drawn.len(), 1);
        assert_eq!(map.graph()[drawn[0].0.source()].id.as_str(), "here");
        // What is not drawn cannot be hovered: the pointer on a hidden link's line finds nothing,
        // on the drawn one finds it.
        let through = Pos2::new(495.0, 360.0);
        assert!(super::link_at(&links, through).is_none());
        // The drawn link is 10,000 points long: hit where it crosses the view, 3 points off its
        // line (its curve sampled 24 times, as before, missed everything between the samples).
        let (_, from, to) = drawn[0];
        let curve = super::link_curve(from, to);
        let on_screen = (0..=10_000)
            .map(|i| sample_curve(curve, i as f32 / 10_000.0))
            .find(|p| area.contains(*p) && !from.contains(*p) && p.y < 200.0)
            .expect("the link crosses the view");
        let found = super::link_at(&links, on_screen + Vec2::new(3.0, 0.0));
        assert_eq!(
            found.map(|(a, b)| (a.to_string(), b.to_string())),
            Some(("here".to_owned(), "up-0".to_owned()))
        );
        assert!(super::link_at(&links, on_screen + Vec2::new(30.0, 0.0)).is_none());
    }
}
