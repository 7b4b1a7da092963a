//! Organisation lanes (a row per owner) and the layout derived once per revision.

use std::collections::HashMap;

use super::{
    CARD_HEIGHT, CARD_WIDTH, FIRST_CARD_Y, HEADER_HEIGHT, ROW_SPACING, Rect, bounds, card_rect,
    card_x_in_column, column_left, column_of, columns,
};
use crate::model::{Map, TouchPoint, TouchPointId};

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

/// A number no other layout of this run has.
fn next_stamp() -> u64 {
    static STAMPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    STAMPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Layout derived from the map as it is at one revision — the bounds and, once asked for, the
/// organisation lanes — so the canvas does not recompute them every frame. The document rebuilds
/// it whenever the map changes (an edit, an undo, a frame of a drag), never on an idle frame.
#[derive(Debug, Clone)]
pub struct Derived {
    /// The free layout's bounds.
    pub bounds: Rect,
    /// Tells this layout from every other one made in this run (for caches of what is on screen).
    pub stamp: u64,
    /// The lanes, computed on first use.
    lanes: std::cell::OnceCell<LaneLayout>,
}

impl Derived {
    /// The layout of a map as it is now.
    #[must_use]
    pub fn of(map: &Map) -> Self {
        Self {
            bounds: bounds(map),
            stamp: next_stamp(),
            lanes: std::cell::OnceCell::new(),
        }
    }

    /// A new stamp for the same layout: what is drawn from it changed otherwise (a new analysis
    /// recolours the minimap).
    pub fn restamp(&mut self) {
        self.stamp = next_stamp();
    }

    /// The organisation lanes (computed once per revision, when first asked for).
    pub fn lanes(&self, map: &Map) -> &LaneLayout {
        self.lanes.get_or_init(|| lanes_layout(map))
    }
}
