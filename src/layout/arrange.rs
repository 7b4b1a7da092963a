//! The automatic layout: cards placed in their stage columns, ordered to reduce crossing links.

use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use super::{FIRST_CARD_Y, ROW_SPACING, card_x_in_column, column_of, columns};
use crate::model::{Map, TouchPointId};

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
