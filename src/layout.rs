//! Where things are drawn, computed without egui so that the canvas and the SVG export agree:
//! stage columns, card rectangles, the weakness colour scale, and the automatic layout that places
//! touch points in their stage columns and orders them to reduce crossing links.

use std::collections::HashMap;

use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use crate::analysis::Report;
use crate::model::{Map, TouchPoint, TouchPointId};

/// Width of a touch-point card, in canvas units.
pub const CARD_WIDTH: f64 = 190.0;
/// Height of a touch-point card.
pub const CARD_HEIGHT: f64 = 86.0;
/// Width of one stage column.
pub const STAGE_WIDTH: f64 = 250.0;
/// Height of the stage header band.
pub const HEADER_HEIGHT: f64 = 44.0;
/// Where the first card of a column starts.
pub const FIRST_CARD_Y: f64 = 70.0;
/// Vertical distance between cards placed by the automatic layout.
pub const ROW_SPACING: f64 = CARD_HEIGHT + 34.0;

/// The columns of a map: its stages, then "No stage" when some touch point has none.
#[must_use]
pub fn columns(map: &Map) -> Vec<Option<String>> {
    let mut columns: Vec<Option<String>> = map.stages().iter().cloned().map(Some).collect();
    if map
        .graph()
        .node_weights()
        .any(|touchpoint| touchpoint.stage.is_none())
    {
        columns.push(None);
    }
    columns
}

/// The column index of a stage (the extra column for no stage).
#[must_use]
pub fn column_of(map: &Map, stage: Option<&str>) -> usize {
    stage
        .and_then(|stage| map.stages().iter().position(|s| s == stage))
        .unwrap_or(map.stages().len())
}

/// The left edge of a column.
#[must_use]
pub fn column_left(column: usize) -> f64 {
    column as f64 * STAGE_WIDTH
}

/// The x of a card snapped into a column.
#[must_use]
pub fn card_x_in_column(column: usize) -> f64 {
    column_left(column) + (STAGE_WIDTH - CARD_WIDTH) / 2.0
}

/// The stage whose column contains the canvas x; `None` left of the first or right of the last
/// stage. Dropping a card there keeps its stage.
#[must_use]
pub fn stage_at(map: &Map, x: f64) -> Option<&str> {
    if x < 0.0 {
        return None;
    }
    let column = (x / STAGE_WIDTH) as usize;
    map.stages().get(column).map(String::as_str)
}

/// A rectangle in canvas units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// The centre point.
    #[must_use]
    pub fn center(&self) -> [f64; 2] {
        [self.x + self.width / 2.0, self.y + self.height / 2.0]
    }

    /// Whether two rectangles overlap (touching edges do not count).
    #[must_use]
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.height
            && other.y < self.y + self.height
    }
}

/// The card of a touch point; one without a position gets its column's first slot (the editor lays
/// such touch points out on open, so this is only a fallback).
#[must_use]
pub fn card_rect(map: &Map, touchpoint: &TouchPoint) -> Rect {
    let [x, y] = touchpoint.pos.unwrap_or_else(|| {
        [
            card_x_in_column(column_of(map, touchpoint.stage.as_deref())),
            FIRST_CARD_Y,
        ]
    });
    Rect {
        x,
        y,
        width: CARD_WIDTH,
        height: CARD_HEIGHT,
    }
}

/// The canvas area that holds every column and card, with a margin.
#[must_use]
pub fn bounds(map: &Map) -> Rect {
    let column_count = columns(map).len().max(1);
    let mut right = column_left(column_count);
    let mut bottom = FIRST_CARD_Y + ROW_SPACING;
    let mut left: f64 = 0.0;
    let mut top: f64 = 0.0;
    for touchpoint in map.graph().node_weights() {
        let rect = card_rect(map, touchpoint);
        left = left.min(rect.x - 20.0);
        top = top.min(rect.y - 20.0);
        // Room on the right for links that bow out of the last column.
        right = right.max(rect.x + rect.width + 70.0);
        bottom = bottom.max(rect.y + rect.height + 30.0);
    }
    Rect {
        x: left,
        y: top,
        width: right - left,
        height: bottom - top,
    }
}

/// The start, two control points and the end of the cubic curve of a link between two cards:
/// side to side when the cards are in different columns, bowing out to the right within a column.
#[must_use]
pub fn link_curve(from: Rect, to: Rect) -> [[f64; 2]; 4] {
    let [from_x, from_y] = from.center();
    let [to_x, to_y] = to.center();
    let (dx, dy) = (to_x - from_x, to_y - from_y);
    if dx.abs() < from.width * 0.6 {
        // Within a column the curve bows out to the right, so it never runs behind the cards
        // between the two.
        let start = [from.x + from.width, from_y];
        let end = [to.x + to.width, to_y];
        let bow = 28.0 + dy.abs() * 0.12;
        [
            start,
            [start[0] + bow, start[1]],
            [end[0] + bow, end[1]],
            end,
        ]
    } else {
        let (start, end) = if dx >= 0.0 {
            ([from.x + from.width, from_y], [to.x, to_y])
        } else {
            ([from.x, from_y], [to.x + to.width, to_y])
        };
        let bend = ((end[0] - start[0]).abs() / 2.0).max(30.0) * dx.signum();
        [
            start,
            [start[0] + bend, start[1]],
            [end[0] - bend, end[1]],
            end,
        ]
    }
}

/// A point on a cubic curve, `t` from 0 to 1.
#[must_use]
pub fn curve_point(curve: [[f64; 2]; 4], t: f64) -> [f64; 2] {
    let u = 1.0 - t;
    let weights = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
    let mut point = [0.0, 0.0];
    for (control, weight) in curve.iter().zip(weights) {
        point[0] += control[0] * weight;
        point[1] += control[1] * weight;
    }
    point
}

/// Where a link's label goes: the first point along the curve (from the middle outwards) where a
/// label of `size` (width, height) overlaps no card and no label placed before, else the middle.
/// Shared by the canvas and the pictures, so a label never sits under a card.
#[must_use]
pub fn label_spot(
    curve: [[f64; 2]; 4],
    size: [f64; 2],
    cards: &[Rect],
    placed: &[Rect],
) -> [f64; 2] {
    const ALONG: [f64; 11] = [
        0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.1, 0.9,
    ];
    let label_at = |t: f64| {
        let [x, y] = curve_point(curve, t);
        Rect {
            x: x - size[0] / 2.0,
            y: y - size[1] / 2.0,
            width: size[0],
            height: size[1],
        }
    };
    let free = |label: &Rect| {
        !cards
            .iter()
            .chain(placed)
            .any(|other| label.intersects(other))
    };
    ALONG
        .iter()
        .map(|&t| label_at(t))
        .find(free)
        .unwrap_or_else(|| label_at(0.5))
        .center()
}

/// The touch point nearest to `from` in a direction (`[1, 0]` right, `[0, -1]` up …): among the
/// cards whose centre lies within 45° of that direction, the one at the smallest distance, with
/// sideways offset counting double. For arrow-key navigation.
#[must_use]
pub fn nearest_in_direction(
    map: &Map,
    from: &TouchPointId,
    direction: [f64; 2],
) -> Option<TouchPointId> {
    let origin = card_rect(map, map.touchpoint(from)?).center();
    map.touchpoints()
        .into_iter()
        .filter(|t| &t.id != from)
        .filter_map(|t| {
            let centre = card_rect(map, t).center();
            let (dx, dy) = (centre[0] - origin[0], centre[1] - origin[1]);
            let along = dx * direction[0] + dy * direction[1];
            let across = (dx * direction[1] - dy * direction[0]).abs();
            (along > 0.0 && across <= along).then_some((along + 2.0 * across, t.id.clone()))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)))
        .map(|(_, id)| id)
}

/// The frame colour of a must-pass touch point: indigo, so that "every journey passes here" is never
/// read as the red of a critical severity. Used by the canvas and every picture export.
pub const MUST_PASS_RGB: [u8; 3] = [67, 56, 202];
/// The mark on a must-pass card, in the canvas and every export.
pub const EVERY_JOURNEY: &str = "◆ every journey";
/// The legend line that explains the mark, shown by the app and every export that shows the mark.
pub const EVERY_JOURNEY_LEGEND: &str =
    "◆ every journey: every customer journey from an entry to a goal passes here (must-pass)";

/// The fill colour of a card by its weakness: green (fine) through amber to red (weak); grey when
/// unmeasured. Returned as RGB so that both egui and SVG can use it.
#[must_use]
pub fn weakness_rgb(weakness: Option<f64>) -> [u8; 3] {
    let Some(weakness) = weakness else {
        return [200, 202, 208];
    };
    let green = [120.0, 200.0, 140.0];
    let amber = [250.0, 205.0, 100.0];
    let red = [235.0, 95.0, 85.0];
    // Amber at the medium threshold region, full red at the critical threshold.
    let t = (weakness / 0.6).clamp(0.0, 1.0);
    let (from, to, local) = if t < 0.5 {
        (green, amber, t / 0.5)
    } else {
        (amber, red, (t - 0.5) / 0.5)
    };
    let mix = |i: usize| (from[i] + (to[i] - from[i]) * local).round() as u8;
    [mix(0), mix(1), mix(2)]
}

/// The colour for a weakness taken from a report.
#[must_use]
pub fn touchpoint_rgb(report: &Report, id: &TouchPointId) -> [u8; 3] {
    weakness_rgb(report.touchpoint(id).and_then(|analysis| analysis.weakness))
}

/// Positions for every touch point: each in its stage column, ordered within the column by the
/// average position of the touch points linking to it (a few barycentre sweeps), which keeps
/// links mostly horizontal and reduces crossings. Deterministic.
#[must_use]
pub fn auto_layout(map: &Map) -> Vec<(TouchPointId, [f64; 2])> {
    // Dense indices in id order; ties below are broken by index, which is the id order.
    let touchpoints = map.touchpoints();
    let graph = map.graph();
    let mut dense_of_node = vec![usize::MAX; graph.node_bound()];
    for (index, touchpoint) in touchpoints.iter().enumerate() {
        if let Some(node) = map.node_index(&touchpoint.id) {
            dense_of_node[node.index()] = index;
        }
    }
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); touchpoints.len()];
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); touchpoints.len()];
    for edge in graph.edge_references() {
        let (from, to) = (
            dense_of_node[edge.source().index()],
            dense_of_node[edge.target().index()],
        );
        outgoing[from].push(to);
        incoming[to].push(from);
    }
    let column_count = columns(map).len();
    let mut by_column: Vec<Vec<usize>> = vec![Vec::new(); column_count.max(1)];
    for (index, touchpoint) in touchpoints.iter().enumerate() {
        let column =
            column_of(map, touchpoint.stage.as_deref()).min(column_count.saturating_sub(1));
        by_column[column].push(index);
    }
    // Start from the current vertical order where there is one, so a re-layout moves little.
    let y = |index: usize| touchpoints[index].pos.map_or(f64::MAX, |p| p[1]);
    for column in &mut by_column {
        column.sort_by(|&a, &b| y(a).total_cmp(&y(b)).then_with(|| a.cmp(&b)));
    }
    let mut slot = vec![0.0_f64; touchpoints.len()];
    for column in &by_column {
        for (position, &index) in column.iter().enumerate() {
            slot[index] = position as f64;
        }
    }
    for sweep in 0..4 {
        let neighbours = if sweep % 2 == 0 { &incoming } else { &outgoing };
        for column in &mut by_column {
            let mut keyed: Vec<(f64, usize)> = column
                .iter()
                .map(|&index| {
                    let around = &neighbours[index];
                    let key = if around.is_empty() {
                        slot[index]
                    } else {
                        around.iter().map(|&other| slot[other]).sum::<f64>() / around.len() as f64
                    };
                    (key, index)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
            *column = keyed.into_iter().map(|(_, index)| index).collect();
            for (position, &index) in column.iter().enumerate() {
                slot[index] = position as f64;
            }
        }
    }
    let mut placed = Vec::with_capacity(touchpoints.len());
    for (column_index, column) in by_column.iter().enumerate() {
        for (row, &index) in column.iter().enumerate() {
            placed.push((
                touchpoints[index].id.clone(),
                [
                    card_x_in_column(column_index),
                    FIRST_CARD_Y + row as f64 * ROW_SPACING,
                ],
            ));
        }
    }
    placed.sort_by(|a, b| a.0.cmp(&b.0));
    placed
}

/// A free spot for a new card in a column: below the lowest card there.
#[must_use]
pub fn free_slot(map: &Map, column: usize) -> [f64; 2] {
    let lowest = map
        .graph()
        .node_weights()
        .filter(|touchpoint| column_of(map, touchpoint.stage.as_deref()) == column)
        .filter_map(|touchpoint| touchpoint.pos)
        .map(|pos| pos[1])
        .fold(None, |lowest: Option<f64>, y| {
            Some(lowest.map_or(y, |l| l.max(y)))
        });
    [
        card_x_in_column(column),
        lowest.map_or(FIRST_CARD_Y, |y| y + ROW_SPACING),
    ]
}

/// Gives every touch point without a position one: all of them laid out when none has one,
/// otherwise each below the others in its column.
pub fn place_missing(map: &mut Map) {
    let missing: Vec<_> = map
        .touchpoints()
        .into_iter()
        .filter(|touchpoint| touchpoint.pos.is_none())
        .map(|touchpoint| touchpoint.id.clone())
        .collect();
    if missing.is_empty() {
        return;
    }
    let positions: Vec<_> = if missing.len() == map.touchpoint_count() {
        auto_layout(map)
    } else {
        Vec::new()
    };
    for id in missing {
        let Some(mut touchpoint) = map.touchpoint(&id).cloned() else {
            continue;
        };
        let position = positions
            .iter()
            .find(|(placed, _)| *placed == id)
            .map_or_else(
                || free_slot(map, column_of(map, touchpoint.stage.as_deref())),
                |(_, pos)| *pos,
            );
        touchpoint.pos = Some(position);
        // Only the position changes, which is always in range.
        let _ = map.update_touchpoint(touchpoint);
    }
}

/// The map with every touch point placed: borrowed when all have a position, else a laid-out copy.
#[must_use]
pub fn placed(map: &Map) -> std::borrow::Cow<'_, Map> {
    if map
        .graph()
        .node_weights()
        .all(|touchpoint| touchpoint.pos.is_some())
    {
        std::borrow::Cow::Borrowed(map)
    } else {
        let mut copy = map.clone();
        place_missing(&mut copy);
        std::borrow::Cow::Owned(copy)
    }
}

/// One organisation lane: a row of the canvas for one owner.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    /// The owner; `None` is the "nobody" lane.
    pub owner: Option<String>,
    /// Top edge, in canvas units.
    pub top: f64,
    /// Height.
    pub height: f64,
}

/// The canvas arranged in organisation lanes: rows by owner under the stage columns.
#[derive(Debug, Clone, Default)]
pub struct LaneLayout {
    /// The lanes, top to bottom: owners in alphabetical order, then "nobody".
    pub lanes: Vec<Lane>,
    /// Where each card goes.
    pub positions: HashMap<TouchPointId, [f64; 2]>,
}

/// Space at the top of a lane for its name.
pub const LANE_LABEL_HEIGHT: f64 = 26.0;

impl LaneLayout {
    /// The lane at a canvas height (the nearest one above or below when outside them all).
    #[must_use]
    pub fn lane_at(&self, y: f64) -> Option<&Lane> {
        self.lanes
            .iter()
            .find(|lane| y >= lane.top && y < lane.top + lane.height)
            .or_else(|| {
                if y < HEADER_HEIGHT + 40.0 {
                    self.lanes.first()
                } else {
                    self.lanes.last()
                }
            })
    }

    /// The canvas area of all lanes and columns.
    #[must_use]
    pub fn bounds(&self, map: &Map) -> Rect {
        let bottom = self
            .lanes
            .last()
            .map_or(FIRST_CARD_Y + ROW_SPACING, |lane| lane.top + lane.height);
        Rect {
            x: 0.0,
            y: 0.0,
            width: column_left(columns(map).len().max(1)) + 70.0,
            height: bottom + 20.0,
        }
    }

    /// A card's rectangle in this layout.
    #[must_use]
    pub fn card_rect(&self, map: &Map, touchpoint: &TouchPoint) -> Rect {
        match self.positions.get(&touchpoint.id) {
            Some(&[x, y]) => Rect {
                x,
                y,
                width: CARD_WIDTH,
                height: CARD_HEIGHT,
            },
            None => card_rect(map, touchpoint),
        }
    }
}

/// Lays the map out in organisation lanes. Within a cell (lane × stage) cards keep their vertical
/// order from the free layout.
#[must_use]
pub fn lanes_layout(map: &Map) -> LaneLayout {
    let mut owners: Vec<String> = map
        .graph()
        .node_weights()
        .filter_map(|t| t.owner_name().map(str::to_owned))
        .collect();
    owners.sort();
    owners.dedup();
    let mut lane_owners: Vec<Option<String>> = owners.into_iter().map(Some).collect();
    lane_owners.push(None);
    let column_count = columns(map).len().max(1);
    // cells[lane][column] = touch points, in vertical order.
    let mut cells: Vec<Vec<Vec<&TouchPoint>>> =
        vec![vec![Vec::new(); column_count]; lane_owners.len()];
    for touchpoint in map.touchpoints() {
        let lane = touchpoint
            .owner_name()
            .and_then(|owner| lane_owners.iter().position(|o| o.as_deref() == Some(owner)))
            .unwrap_or(lane_owners.len() - 1);
        let column = column_of(map, touchpoint.stage.as_deref()).min(column_count - 1);
        cells[lane][column].push(touchpoint);
    }
    let mut layout = LaneLayout::default();
    let mut top = HEADER_HEIGHT + 12.0;
    for (lane_index, owner) in lane_owners.into_iter().enumerate() {
        let rows = cells[lane_index]
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .max(1);
        let height = LANE_LABEL_HEIGHT + rows as f64 * ROW_SPACING;
        for (column, cell) in cells[lane_index].iter_mut().enumerate() {
            cell.sort_by(|a, b| {
                let y = |t: &TouchPoint| t.pos.map_or(f64::MAX, |p| p[1]);
                y(a).total_cmp(&y(b)).then_with(|| a.id.cmp(&b.id))
            });
            for (row, touchpoint) in cell.iter().enumerate() {
                layout.positions.insert(
                    touchpoint.id.clone(),
                    [
                        card_x_in_column(column),
                        top + LANE_LABEL_HEIGHT + row as f64 * ROW_SPACING,
                    ],
                );
            }
        }
        layout.lanes.push(Lane { owner, top, height });
        top += height;
    }
    layout
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_layout_puts_cards_in_their_stage_columns_without_overlap() {
        let map =
            crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example loads");
        let placed = auto_layout(&map);
        assert_eq!(placed.len(), map.touchpoint_count());
        for (id, [x, _]) in &placed {
            let touchpoint = map.touchpoint(id).expect("exists");
            assert_eq!(
                stage_at(&map, x + CARD_WIDTH / 2.0),
                touchpoint.stage.as_deref()
            );
        }
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                let overlap =
                    (a.1[0] - b.1[0]).abs() < CARD_WIDTH && (a.1[1] - b.1[1]).abs() < CARD_HEIGHT;
                assert!(!overlap, "{} and {} overlap", a.0, b.0);
            }
        }
        assert_eq!(auto_layout(&map), placed, "deterministic");
    }

    #[test]
    fn lanes_group_cards_by_owner_with_a_nobody_lane_last() {
        let map =
            crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example loads");
        let lanes = lanes_layout(&map);
        assert_eq!(lanes.lanes.last().expect("lanes").owner, None);
        assert_eq!(lanes.positions.len(), map.touchpoint_count());
        for touchpoint in map.touchpoints() {
            let rect = lanes.card_rect(&map, touchpoint);
            let lane = lanes.lane_at(rect.center()[1]).expect("in a lane");
            assert_eq!(
                lane.owner.as_deref(),
                touchpoint.owner_name(),
                "{}",
                touchpoint.id
            );
            assert_eq!(
                stage_at(&map, rect.center()[0]),
                touchpoint.stage.as_deref()
            );
        }
    }

    #[test]
    fn colours_go_from_green_to_red() {
        assert_eq!(weakness_rgb(Some(0.0)), [120, 200, 140]);
        assert_eq!(weakness_rgb(Some(0.9)), [235, 95, 85]);
        assert_eq!(weakness_rgb(None), [200, 202, 208]);
    }
}

/// Layout derived from the map as it is at one revision — the bounds and, once asked for, the
/// organisation lanes — so the canvas does not recompute them every frame. The document rebuilds
/// it whenever the map changes (an edit, an undo, a frame of a drag), never on an idle frame.
#[derive(Debug, Clone)]
pub struct Derived {
    /// The free layout's bounds.
    pub bounds: Rect,
    /// The lanes, computed on first use.
    lanes: std::cell::OnceCell<LaneLayout>,
}

impl Derived {
    /// The layout of a map as it is now.
    #[must_use]
    pub fn of(map: &Map) -> Self {
        Self {
            bounds: bounds(map),
            lanes: std::cell::OnceCell::new(),
        }
    }

    /// The organisation lanes (computed once per revision, when first asked for).
    pub fn lanes(&self, map: &Map) -> &LaneLayout {
        self.lanes.get_or_init(|| lanes_layout(map))
    }
}

/// A quadrant's colour in the importance–performance chart, the same in the editor and the HTML
/// report.
#[must_use]
pub fn quadrant_rgb(quadrant: crate::analysis::Quadrant) -> [u8; 3] {
    use crate::analysis::Quadrant;
    match quadrant {
        Quadrant::Concentrate => [200, 30, 40],
        Quadrant::KeepUp => [21, 128, 61],
        Quadrant::LowPriority => [156, 163, 175],
        Quadrant::Overkill => [37, 99, 235],
    }
}
