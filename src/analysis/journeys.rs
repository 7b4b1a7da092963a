//! The journey structure of a map: entries, goals, reachability, the flow through each touch point
//! and the critical touch points that every journey crosses.
//!
//! Journeys start at the entries (evenly split between them) and end at the first goal they reach.
//! At each touch point customers continue along its links by their shares; links without a share
//! split what the shared ones leave evenly, and shares that add up to less than 1 mean customers
//! leave the journey there. A link that goes back to a touch point the journey already passed (a
//! loop, such as a support e-mail sending people back to the product page) returns customers who
//! then continue forward, so the forward links are scaled up to carry them: a journey is counted
//! once, however often it loops.

use petgraph::algo::dominators::simple_fast;
use petgraph::graph::{DiGraph, NodeIndex as DenseNode};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use crate::model::{Map, Role, TouchPoint};

/// The journey facts of every touch point, indexed like `touchpoints` (sorted by id).
pub(super) struct Journeys<'map> {
    pub touchpoints: Vec<&'map TouchPoint>,
    pub outgoing: Vec<Vec<(usize, Option<f64>)>>,
    pub entry: Vec<bool>,
    pub goal: Vec<bool>,
    pub reachable: Vec<bool>,
    pub reaches_goal: Vec<bool>,
    pub flow: Vec<f64>,
    pub critical: Vec<bool>,
}

impl<'map> Journeys<'map> {
    pub fn of(map: &'map Map) -> Self {
        let touchpoints = map.touchpoints();
        let count = touchpoints.len();
        let graph = map.graph();
        let mut dense_of_node = vec![usize::MAX; graph.node_bound()];
        for (position, touchpoint) in touchpoints.iter().enumerate() {
            if let Some(node) = map.node_index(&touchpoint.id) {
                dense_of_node[node.index()] = position;
            }
        }
        let mut outgoing: Vec<Vec<(usize, Option<f64>)>> = vec![Vec::new(); count];
        let mut incoming_count = vec![0_usize; count];
        for edge in graph.edge_references() {
            let from = dense_of_node[edge.source().index()];
            let to = dense_of_node[edge.target().index()];
            outgoing[from].push((to, edge.weight().share));
            incoming_count[to] += 1;
        }
        for links in &mut outgoing {
            links.sort_unstable_by_key(|&(to, _)| to);
        }

        let any_entry = touchpoints.iter().any(|t| t.role == Some(Role::Entry));
        let any_goal = touchpoints.iter().any(|t| t.role == Some(Role::Goal));
        let entry: Vec<bool> = (0..count)
            .map(|i| {
                if any_entry {
                    touchpoints[i].role == Some(Role::Entry)
                } else {
                    incoming_count[i] == 0
                }
            })
            .collect();
        let goal: Vec<bool> = (0..count)
            .map(|i| {
                if any_goal {
                    touchpoints[i].role == Some(Role::Goal)
                } else {
                    outgoing[i].is_empty()
                }
            })
            .collect();

        let reachable = reach_forward(&outgoing, &entry);
        let reaches_goal = reach_backward(&outgoing, &goal);
        let flow = flow(&outgoing, &entry, &goal);
        let critical = critical(&outgoing, &entry, &goal);
        let flow = flow
            .into_iter()
            .zip(&critical)
            .map(|(flow, &critical)| if critical { 1.0 } else { flow })
            .collect();
        Self {
            touchpoints,
            outgoing,
            entry,
            goal,
            reachable,
            reaches_goal,
            flow,
            critical,
        }
    }
}

fn reach_forward(outgoing: &[Vec<(usize, Option<f64>)>], start: &[bool]) -> Vec<bool> {
    let mut seen = start.to_vec();
    let mut stack: Vec<usize> = (0..start.len()).filter(|&i| start[i]).collect();
    while let Some(node) = stack.pop() {
        for &(next, _) in &outgoing[node] {
            if !seen[next] {
                seen[next] = true;
                stack.push(next);
            }
        }
    }
    seen
}

fn reach_backward(outgoing: &[Vec<(usize, Option<f64>)>], targets: &[bool]) -> Vec<bool> {
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); outgoing.len()];
    for (from, links) in outgoing.iter().enumerate() {
        for &(to, _) in links {
            incoming[to].push(from);
        }
    }
    let mut seen = targets.to_vec();
    let mut stack: Vec<usize> = (0..targets.len()).filter(|&i| targets[i]).collect();
    while let Some(node) = stack.pop() {
        for &previous in &incoming[node] {
            if !seen[previous] {
                seen[previous] = true;
                stack.push(previous);
            }
        }
    }
    seen
}

/// The probability that a customer takes each outgoing link: given shares as they are (scaled down
/// if they add up to more than 1), the rest split evenly between the links without a share.
pub(super) fn link_probabilities(links: &[(usize, Option<f64>)]) -> Vec<f64> {
    let given: f64 = links.iter().filter_map(|&(_, share)| share).sum();
    let unshared = links.iter().filter(|(_, share)| share.is_none()).count();
    let scale = if given > 1.0 { 1.0 / given } else { 1.0 };
    let rest = if unshared == 0 {
        0.0
    } else {
        (1.0 - given).max(0.0) / unshared as f64
    };
    links
        .iter()
        .map(|&(_, share)| share.map_or(rest, |share| share * scale))
        .collect()
}

/// Depth-first order from the entries (then from everything else): the reverse finishing order,
/// which is a topological order once the back links are left out, and which links are back links.
fn depth_first(
    outgoing: &[Vec<(usize, Option<f64>)>],
    entry: &[bool],
) -> (Vec<usize>, Vec<Vec<bool>>) {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let count = outgoing.len();
    let mut state = vec![NEW; count];
    let mut back: Vec<Vec<bool>> = outgoing
        .iter()
        .map(|links| vec![false; links.len()])
        .collect();
    let mut finished = Vec::with_capacity(count);
    let roots = (0..count).filter(|&i| entry[i]).chain(0..count);
    for root in roots {
        if state[root] != NEW {
            continue;
        }
        state[root] = OPEN;
        let mut stack = vec![(root, 0_usize)];
        while let Some(top) = stack.last_mut() {
            let (node, position) = *top;
            if position < outgoing[node].len() {
                top.1 += 1;
                let next = outgoing[node][position].0;
                match state[next] {
                    NEW => {
                        state[next] = OPEN;
                        stack.push((next, 0));
                    }
                    OPEN => back[node][position] = true,
                    _ => {}
                }
            } else {
                state[node] = DONE;
                finished.push(node);
                stack.pop();
            }
        }
    }
    finished.reverse();
    (finished, back)
}

fn flow(outgoing: &[Vec<(usize, Option<f64>)>], entry: &[bool], goal: &[bool]) -> Vec<f64> {
    let count = outgoing.len();
    let entries = entry.iter().filter(|&&is_entry| is_entry).count();
    if entries == 0 {
        return vec![0.0; count];
    }
    let (order, back) = depth_first(outgoing, entry);
    // Forward probabilities, with the customers that loop back handed on to the forward links.
    let forward: Vec<Vec<(usize, f64)>> = outgoing
        .iter()
        .enumerate()
        .map(|(node, links)| {
            let probabilities = link_probabilities(links);
            let back_mass: f64 = probabilities
                .iter()
                .zip(&back[node])
                .filter(|&(_, &is_back)| is_back)
                .map(|(probability, _)| probability)
                .sum();
            let scale = if back_mass < 1.0 {
                1.0 / (1.0 - back_mass)
            } else {
                0.0
            };
            links
                .iter()
                .zip(probabilities)
                .zip(&back[node])
                .filter(|&(_, &is_back)| !is_back)
                .map(|((&(to, _), probability), _)| (to, (probability * scale).min(1.0)))
                .collect()
        })
        .collect();

    let mut arriving = vec![0.0_f64; count];
    for node in 0..count {
        if entry[node] {
            arriving[node] += 1.0 / entries as f64;
        }
    }
    for &node in &order {
        if goal[node] {
            continue;
        }
        let mass = arriving[node];
        if mass > 0.0 {
            for &(to, probability) in &forward[node] {
                arriving[to] += mass * probability;
            }
        }
    }
    let mut succeeding = vec![0.0_f64; count];
    for &node in order.iter().rev() {
        succeeding[node] = if goal[node] {
            1.0
        } else {
            forward[node]
                .iter()
                .map(|&(to, probability)| probability * succeeding[to])
                .sum()
        };
    }
    let success: f64 = (0..count).filter(|&i| goal[i]).map(|i| arriving[i]).sum();
    if success <= f64::EPSILON {
        return vec![0.0; count];
    }
    (0..count)
        .map(|node| (arriving[node] * succeeding[node] / success).clamp(0.0, 1.0))
        .collect()
}

/// The touch points on every path from the entries to every goal they reach: the dominators of a
/// virtual end (linked from every goal) from a virtual start (linked to every entry). Journeys end
/// at the first goal, so links out of a goal are not followed.
fn critical(outgoing: &[Vec<(usize, Option<f64>)>], entry: &[bool], goal: &[bool]) -> Vec<bool> {
    let count = outgoing.len();
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(count + 2, count * 2);
    for _ in 0..count + 2 {
        graph.add_node(());
    }
    let start = DenseNode::new(count);
    let end = DenseNode::new(count + 1);
    for node in 0..count {
        if entry[node] {
            graph.add_edge(start, DenseNode::new(node), ());
        }
        if goal[node] {
            graph.add_edge(DenseNode::new(node), end, ());
        } else {
            for &(to, _) in &outgoing[node] {
                graph.add_edge(DenseNode::new(node), DenseNode::new(to), ());
            }
        }
    }
    let dominators = simple_fast(&graph, start);
    let mut critical = vec![false; count];
    if let Some(chain) = dominators.dominators(end) {
        for node in chain {
            if node.index() < count {
                critical[node.index()] = true;
            }
        }
    }
    critical
}
