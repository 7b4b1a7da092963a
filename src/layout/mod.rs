//! Where things are drawn, computed without egui so that the canvas and the SVG export agree:
//! stage columns, card rectangles, the weakness colour scale, and the automatic layout that places
//! touch points in their stage columns and orders them to reduce crossing links.
//!
//! Geometry is here; `palette.rs` holds the colours and the card's text shared by the canvas and
//! the pictures, `arrange.rs` the automatic layout, `lanes.rs` the organisation lanes and the
//! per-revision `Derived` layout.

mod arrange;
mod lanes;
mod palette;

pub use arrange::{auto_layout, free_slot, place_missing, placed};
pub use lanes::{Derived, LANE_LABEL_HEIGHT, Lane, LaneLayout, lanes_layout};
pub use palette::{
    CardText, EVERY_JOURNEY, EVERY_JOURNEY_LEGEND, EVIDENCE_LEGEND, MUST_PASS_RGB, quadrant_rgb,
    touchpoint_rgb, verdict_rgb, weakness_rgb,
};

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
        // between the two, and comes back into the target's near edge (its top when it lies
        // below, its bottom when above) by its right corner: the arrow points into the card, so
        // the direction reads at a glance (into the right edge, both ends looked alike).
        let start = [from.x + from.width, from_y];
        let bow = 28.0 + dy.abs() * 0.12;
        let below = dy >= 0.0;
        let end = [
            to.x + to.width - 16.0,
            if below { to.y } else { to.y + to.height },
        ];
        let approach = if below { -1.0 } else { 1.0 } * (24.0 + dy.abs() * 0.05);
        [
            start,
            [start[0] + bow, start[1]],
            [end[0] + bow * 0.6, end[1] + approach],
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

/// How far above a card its "◆ every journey" tab reaches, in canvas units.
pub const CARD_TAB_HEIGHT: f64 = 18.0;

/// Where a link's label may not go around a card: the card, the "every journey" tab above a
/// must-pass one (`tab_above`) and the vote badge hanging below its bottom edge (`votes`).
#[must_use]
pub fn label_keep_out(card: Rect, tab_above: bool, votes: bool, zoom: f64) -> Rect {
    let above = if tab_above {
        CARD_TAB_HEIGHT * zoom
    } else {
        0.0
    };
    let below = if votes {
        VOTE_BADGE_OVERHANG * zoom
    } else {
        0.0
    };
    Rect {
        y: card.y - above,
        height: card.height + above + below,
        ..card
    }
}

/// How far the vote badge hangs below a card's bottom edge, in canvas units.
pub const VOTE_BADGE_OVERHANG: f64 = 12.0;

/// The texts a link's label may show, longest first: "30% exchange", then the share alone ("30%")
/// for when the whole label finds no free place. Empty for a link with neither share nor label.
#[must_use]
pub fn link_label_texts(link: &crate::model::Link) -> Vec<String> {
    let share = link.share.map(crate::numbers::percent);
    let label = link.label.as_deref().filter(|text| !text.trim().is_empty());
    match (share, label) {
        (Some(share), Some(label)) => vec![format!("{share} {label}"), share],
        (Some(share), None) => vec![share],
        (None, Some(label)) => vec![label.to_owned()],
        (None, None) => Vec::new(),
    }
}

/// Where a link's label goes: the first point along the curve (from the middle outwards) where a
/// label of `size` (width, height) overlaps no card and no label placed before; `None` when there
/// is no such point (a link running behind a row of cards), and the label is then left out rather
/// than drawn over a card's text. Shared by the canvas and the pictures.
#[must_use]
pub fn label_spot(
    curve: [[f64; 2]; 4],
    size: [f64; 2],
    cards: &[Rect],
    placed: &[Rect],
) -> Option<[f64; 2]> {
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
        .map(|label| label.center())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Within a column a link leaves the right edge and points into the target's near edge —
    /// its top from above, its bottom from below — never into its right edge like its start.
    #[test]
    #[expect(clippy::float_cmp, reason = "whole coordinates, exact in binary")]
    fn a_link_within_a_column_enters_the_targets_top_or_bottom() {
        let card = |y: f64| Rect {
            x: 40.0,
            y,
            width: 180.0,
            height: 80.0,
        };
        let (upper, lower) = (card(100.0), card(400.0));
        let down = link_curve(upper, lower);
        assert_eq!(down[0], [220.0, 140.0], "from the right edge's middle");
        assert_eq!(down[3], [204.0, 400.0], "into the top, by the right corner");
        assert!(down[2][1] < 400.0, "arriving from above");
        let up = link_curve(lower, upper);
        assert_eq!(up[3], [204.0, 180.0], "into the bottom");
        assert!(up[2][1] > 180.0, "arriving from below");
    }

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
    fn a_label_goes_where_no_card_is_or_nowhere() {
        let curve = [[0.0, 0.0], [100.0, 0.0], [200.0, 0.0], [300.0, 0.0]];
        let card = |x: f64, width: f64| Rect {
            x,
            y: -20.0,
            width,
            height: 40.0,
        };
        // The middle (150, 0) is free of the card at the start.
        assert_eq!(
            label_spot(curve, [40.0, 14.0], &[card(0.0, 100.0)], &[]),
            Some([150.0, 0.0])
        );
        // A row of cards over the whole link: no place, so no label over a card.
        assert_eq!(
            label_spot(curve, [40.0, 14.0], &[card(-10.0, 320.0)], &[]),
            None
        );
        // A gap of 60 between two cards takes a 30-wide label but not a 90-wide one.
        let cards = [card(0.0, 120.0), card(180.0, 120.0)];
        assert_eq!(
            label_spot(curve, [30.0, 14.0], &cards, &[]),
            Some([150.0, 0.0])
        );
        assert_eq!(label_spot(curve, [90.0, 14.0], &cards, &[]), None);
    }

    #[test]
    fn a_link_label_falls_back_to_its_share() {
        let link = crate::model::Link {
            share: Some(0.3),
            label: Some("exchange".into()),
            ..crate::model::Link::default()
        };
        assert_eq!(link_label_texts(&link), ["30% exchange", "30%"]);
        assert!(link_label_texts(&crate::model::Link::default()).is_empty());
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
