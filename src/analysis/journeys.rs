//! The journey model of DESIGN.md: customers start at the entries, move along links by their
//! probabilities, succeed at a goal and fail where they leave or can no longer reach a goal. This is
//! an absorbing Markov chain; this file builds it once per map and answers, exactly, how often a
//! journey from any start passes each touch point (`visits`) and how likely it is to succeed from
//! each touch point (`success`). The analysis and campaign pre-flight both stand on it.
//!
//! The solver splits the transient touch points into strongly connected parts (petgraph's
//! `kosaraju_scc`, which does not recurse) and solves them in order, upstream first for visits and downstream first for
//! success; `solve.rs` solves one part, and ARCHITECTURE.md says why.

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex as DenseNode};
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use super::solve::{Rows, SweepOrder, inverse_diagonal, solve};
use crate::model::{Map, Role, TouchPoint};

/// The journey facts of every touch point, indexed like `touchpoints` (sorted by id).
pub(crate) struct Journeys<'map> {
    pub touchpoints: Vec<&'map TouchPoint>,
    /// Each touch point's links: target index and share, sorted by target.
    pub outgoing: Vec<Vec<(usize, Option<f64>)>>,
    pub entry: Vec<bool>,
    pub goal: Vec<bool>,
    /// It has a link in or out.
    pub linked: Vec<bool>,
    /// Some entry leads here over links (any share).
    pub reachable: Vec<bool>,
    /// Customers reach it from an entry over links they take without passing a goal first.
    pub before_goal: Vec<bool>,
    /// Some entry leads here over links (any share) without passing a goal.
    before_goal_any: Vec<bool>,
    /// A goal can be reached from here over links of positive probability.
    pub reaches_goal: Vec<bool>,
    /// Expected passes of a successful journey, capped at 1.
    pub flow: Vec<f64>,
    /// The share of successful journeys lost if the touch point failed.
    pub removal_effect: Vec<f64>,
    /// On every path from the entries to every goal they reach.
    pub must_pass: Vec<bool>,
    /// The chain itself, for other start distributions (campaigns).
    pub model: JourneyModel,
    /// The links whose share path data observed (`observed` set), as (from, to).
    observed: std::collections::HashSet<(usize, usize)>,
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
        let mut observed = std::collections::HashSet::new();
        for edge in graph.edge_references() {
            let from = dense_of_node[edge.source().index()];
            let to = dense_of_node[edge.target().index()];
            if edge.weight().observed.is_some() {
                observed.insert((from, to));
            }
            outgoing[from].push((to, edge.weight().share));
            incoming_count[to] += 1;
        }
        for links in &mut outgoing {
            links.sort_unstable_by_key(|&(to, _)| to);
        }

        let any_entry = touchpoints.iter().any(|t| t.role == Some(Role::Entry));
        let any_goal = touchpoints.iter().any(|t| t.role == Some(Role::Goal));
        // A touch point with no link at all (just added, not yet connected) is neither an entry
        // nor a goal by default: it changes no other touch point's numbers.
        let linked: Vec<bool> = (0..count)
            .map(|i| incoming_count[i] > 0 || !outgoing[i].is_empty())
            .collect();
        let entry: Vec<bool> = (0..count)
            .map(|i| {
                if any_entry {
                    touchpoints[i].role == Some(Role::Entry)
                } else {
                    incoming_count[i] == 0 && linked[i]
                }
            })
            .collect();
        let goal: Vec<bool> = (0..count)
            .map(|i| {
                if any_goal {
                    touchpoints[i].role == Some(Role::Goal)
                } else {
                    outgoing[i].is_empty() && linked[i]
                }
            })
            .collect();

        let reachable = reach_forward(&outgoing, &entry);
        // Journeys end at the first goal: what the entries reach without passing one, over any
        // link and over the links customers take.
        let mut up_to_goals = outgoing.clone();
        for (links, &goal) in up_to_goals.iter_mut().zip(&goal) {
            if goal {
                links.clear();
            }
        }
        let before_goal_any = reach_forward(&up_to_goals, &entry);
        for links in &mut up_to_goals {
            let probabilities = link_probabilities(links);
            let mut probabilities = probabilities.into_iter();
            links.retain(|_| probabilities.next().is_some_and(|p| p > 0.0));
        }
        let before_goal = reach_forward(&up_to_goals, &entry);
        let model = JourneyModel::new(&outgoing, goal.clone());
        let must_pass = must_pass(&outgoing, &entry, &goal);
        let start = entry_start(&touchpoints, &entry);
        let visits = model.visits(&start);
        let mut flow = model.flow(&start, &visits);
        let mut removal_effect = model.removal_effect(&start, &visits);
        for (flow, &must_pass) in flow.iter_mut().zip(&must_pass) {
            if must_pass {
                // Every successful journey passes here at least once; the solver would give 1 up
                // to rounding, and the design says exactly 1.
                *flow = 1.0;
            }
        }
        for (effect, &must_pass) in removal_effect.iter_mut().zip(&must_pass) {
            if must_pass {
                // No journey succeeds without it: exactly 1, as the design says.
                *effect = 1.0;
            }
        }
        Self {
            touchpoints,
            outgoing,
            entry,
            goal,
            linked,
            reachable,
            before_goal,
            before_goal_any,
            reaches_goal: model.reaches_goal.clone(),
            flow,
            removal_effect,
            must_pass,
            model,
            observed,
        }
    }
}

impl Journeys<'_> {
    /// Where journeys start, per touch point (sums to 1, or all zero without entries).
    #[cfg(test)]
    pub fn start(&self) -> Vec<f64> {
        entry_start(&self.touchpoints, &self.entry)
    }

    /// Whether path data observed the link from `from` to `to`.
    pub fn observed(&self, from: usize, to: usize) -> bool {
        self.observed.contains(&(from, to))
    }

    /// The chain with `goal` as the only goal (DESIGN.md, "Campaign pre-flight": the objective's
    /// goal is the campaign's only goal; customers pass through the map's other goals along their
    /// links, and a goal with no outgoing link still ends the journey). Built anew unless the map's
    /// own goals are exactly that one touch point.
    pub fn model_for_goal(&self, goal: usize) -> std::borrow::Cow<'_, JourneyModel> {
        let only_goal = (0..self.goal.len()).all(|i| self.goal[i] == (i == goal));
        if only_goal {
            std::borrow::Cow::Borrowed(&self.model)
        } else {
            let mut goals = vec![false; self.goal.len()];
            goals[goal] = true;
            // Campaigns ask the chain for visits only: the success probabilities (a second solve as
            // long as the first) are not computed.
            std::borrow::Cow::Owned(JourneyModel::build(&self.outgoing, goals, false))
        }
    }

    /// Why customers starting at `starts` never reach `goal`: `None` when no path of links leads
    /// there at all; otherwise the links on the way that customers never take (probability 0: a
    /// share of 0, or no share beside shares that already add up to 1), as (from, to) indices.
    pub fn untaken_links_towards(
        &self,
        starts: &[usize],
        goal: usize,
    ) -> Option<Vec<(usize, usize)>> {
        let mut goals = vec![false; self.outgoing.len()];
        goals[goal] = true;
        self.untaken_links_to_any(starts, &goals)
    }

    /// [`Self::untaken_links_towards`] for any of several goals (the map's own, for `no-goal`).
    /// Links out of a goal are not followed: the journey succeeds there.
    pub fn untaken_links_to_any(
        &self,
        starts: &[usize],
        goals: &[bool],
    ) -> Option<Vec<(usize, usize)>> {
        let count = self.outgoing.len();
        let mut from_start = vec![false; count];
        for &start in starts {
            from_start[start] = true;
        }
        let mut outgoing = self.outgoing.clone();
        for (links, &goal) in outgoing.iter_mut().zip(goals) {
            if goal {
                links.clear();
            }
        }
        let forward = reach_forward(&outgoing, &from_start);
        if !(0..count).any(|i| goals[i] && forward[i]) {
            return None;
        }
        let any_share: Vec<Vec<(usize, f64)>> = outgoing
            .iter()
            .map(|links| links.iter().map(|&(to, _)| (to, 1.0)).collect())
            .collect();
        let backward = reach_backward(&any_share, goals);
        let mut untaken = Vec::new();
        for (from, links) in outgoing.iter().enumerate() {
            if !forward[from] {
                continue;
            }
            for (&(to, _), probability) in links.iter().zip(link_probabilities(links)) {
                if probability <= 0.0 && backward[to] {
                    untaken.push((from, to));
                }
            }
        }
        Some(untaken)
    }

    /// For a goal the entries reach only through another goal (DESIGN.md's `shadowed-goal`): a
    /// goal on the way where journeys end first. `None` for any other touch point.
    pub fn shadowing_goal(&self, goal: usize) -> Option<usize> {
        if !self.goal[goal] || !self.reachable[goal] || self.before_goal_any[goal] {
            return None;
        }
        // Breadth first from the entries over every link, then back from `goal` along the first
        // path found to the last goal before it.
        let count = self.outgoing.len();
        let mut parent = vec![usize::MAX; count];
        let mut queue = std::collections::VecDeque::new();
        for start in (0..count).filter(|&i| self.entry[i]) {
            parent[start] = start;
            queue.push_back(start);
        }
        while let Some(node) = queue.pop_front() {
            if node == goal {
                break;
            }
            for &(to, _) in &self.outgoing[node] {
                if parent[to] == usize::MAX {
                    parent[to] = node;
                    queue.push_back(to);
                }
            }
        }
        let mut node = goal;
        while parent[node] != node && parent[node] != usize::MAX {
            node = parent[node];
            if self.goal[node] {
                return Some(node);
            }
        }
        None
    }
}

/// For path data (`paths::attribute`): a chain given by each node's links and their
/// probabilities (what is left leaves), with `goal` the only goal, and journeys starting by
/// `start`. Returns the probability of reaching the goal and each node's removal effect.
pub(crate) fn chain_removal_effects(
    links: &[Vec<(usize, f64)>],
    goal: usize,
    start: &[f64],
) -> (f64, Vec<f64>) {
    let outgoing: Vec<Vec<(usize, Option<f64>)>> = links
        .iter()
        .map(|links| links.iter().map(|&(to, p)| (to, Some(p))).collect())
        .collect();
    let mut goals = vec![false; links.len()];
    goals[goal] = true;
    let model = JourneyModel::build(&outgoing, goals, true);
    let visits = model.visits(start);
    let success: f64 = start.iter().zip(&model.success).map(|(s, h)| s * h).sum();
    let removal = model.removal_effect(start, &visits);
    (success, removal)
}

/// Where journeys start: the entries, in proportion to their reach when every entry has a reach
/// above zero, evenly otherwise. Sums to 1 (or is all zero without entries).
fn entry_start(touchpoints: &[&TouchPoint], entry: &[bool]) -> Vec<f64> {
    let entries: Vec<usize> = (0..entry.len()).filter(|&i| entry[i]).collect();
    let mut start = vec![0.0; entry.len()];
    if entries.is_empty() {
        return start;
    }
    let reaches: Option<Vec<f64>> = entries
        .iter()
        .map(|&i| touchpoints[i].reach.filter(|&reach| reach > 0.0))
        .collect();
    match reaches {
        Some(reaches) => {
            let total: f64 = reaches.iter().sum();
            for (&i, reach) in entries.iter().zip(reaches) {
                start[i] = reach / total;
            }
        }
        None => {
            for &i in &entries {
                start[i] = 1.0 / entries.len() as f64;
            }
        }
    }
    start
}

/// The absorbing Markov chain of a map's journeys, built once and asked for any start distribution.
#[derive(Clone)]
pub(crate) struct JourneyModel {
    /// Per touch point, the links taken with positive probability (target, probability); empty for
    /// goals and for touch points that end the journey.
    probability: Vec<Vec<(usize, f64)>>,
    goal: Vec<bool>,
    /// A goal can be reached from here (goals included).
    pub reaches_goal: Vec<bool>,
    /// Not a goal, and a goal can be reached: journeys move on from here.
    transient: Vec<bool>,
    /// The strongly connected parts of the transient touch points, upstream first.
    parts: Vec<Part>,
    /// The probability of reaching a goal from each touch point (empty in a chain built for a
    /// campaign, which needs visits only).
    pub success: Vec<f64>,
}

/// One strongly connected part of the transient touch points, with its internal links in both
/// directions as local sparse rows.
#[derive(Clone)]
struct Part {
    /// Touch point indices, in an order that follows the links (so that sweeps converge fast).
    members: Vec<usize>,
    /// Row `i`: (local `j`, probability of moving from member `i` to member `j`).
    forward: Rows,
    /// Row `j`: (local `i`, probability of moving from member `i` to member `j`).
    backward: Rows,
}

impl JourneyModel {
    fn new(outgoing: &[Vec<(usize, Option<f64>)>], goal: Vec<bool>) -> Self {
        Self::build(outgoing, goal, true)
    }

    /// The chain; `with_success` also solves the probability of reaching a goal from each touch
    /// point (flow and the analysis need it, campaign pre-flight does not).
    pub(super) fn build(
        outgoing: &[Vec<(usize, Option<f64>)>],
        goal: Vec<bool>,
        with_success: bool,
    ) -> Self {
        let count = outgoing.len();
        let probability: Vec<Vec<(usize, f64)>> = outgoing
            .iter()
            .enumerate()
            .map(|(node, links)| {
                if goal[node] {
                    return Vec::new();
                }
                links
                    .iter()
                    .zip(link_probabilities(links))
                    .filter(|&(_, probability)| probability > 0.0)
                    .map(|(&(to, _), probability)| (to, probability))
                    .collect()
            })
            .collect();
        let reaches_goal = reach_backward(&probability, &goal);
        let transient: Vec<bool> = (0..count).map(|i| !goal[i] && reaches_goal[i]).collect();
        // Only links between transient touch points are kept: links into a goal or into a touch
        // point that cannot reach one end the journey there.
        let probability: Vec<Vec<(usize, f64)>> = probability
            .into_iter()
            .enumerate()
            .map(|(node, links)| if transient[node] { links } else { Vec::new() })
            .collect();

        let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(count, count * 4);
        for _ in 0..count {
            graph.add_node(());
        }
        for (from, links) in probability.iter().enumerate() {
            for &(to, _) in links {
                if transient[to] {
                    graph.add_edge(DenseNode::new(from), DenseNode::new(to), ());
                }
            }
        }
        // kosaraju_scc lists the parts downstream first (reverse topological order); journeys are
        // solved upstream first. Not tarjan_scc: petgraph's Tarjan recurses once per touch point
        // on a path and overflowed the 2 MiB stack of a worker thread on a 20,000-card map.
        let mut local_of = vec![usize::MAX; count];
        let mut parts: Vec<Part> = kosaraju_scc(&graph)
            .into_iter()
            .rev()
            .filter(|part| transient[part[0].index()])
            .map(|part| {
                let members = part.iter().map(|n| n.index()).collect();
                Part::new(members, &probability, &mut local_of)
            })
            .collect();
        parts.shrink_to_fit();

        let mut model = Self {
            probability,
            goal,
            reaches_goal,
            transient,
            parts,
            success: Vec::new(),
        };
        if with_success {
            model.success = model.solve_success();
        }
        model
    }

    /// The probability of reaching a goal from each touch point: 1 at a goal, 0 where no goal can be
    /// reached, and for the rest `h(t) = Σ p(t→u) h(u)`, solved downstream first.
    fn solve_success(&self) -> Vec<f64> {
        let count = self.goal.len();
        let mut success: Vec<f64> = (0..count)
            .map(|i| if self.goal[i] { 1.0 } else { 0.0 })
            .collect();
        let mut local_of = vec![usize::MAX; count];
        for part in self.parts.iter().rev() {
            for (local, &member) in part.members.iter().enumerate() {
                local_of[member] = local;
            }
            let outside: Vec<f64> = part
                .members
                .iter()
                .map(|&member| {
                    self.probability[member]
                        .iter()
                        .filter(|&&(to, _)| !part.contains(to, &local_of))
                        .map(|&(to, probability)| probability * success[to])
                        .sum()
                })
                .collect();
            let solved = solve(&part.forward, &outside, SweepOrder::Backward);
            for (&member, value) in part.members.iter().zip(solved) {
                success[member] = value;
            }
            for &member in &part.members {
                local_of[member] = usize::MAX;
            }
        }
        success
    }

    /// Expected visits to each touch point of a journey started by `start` (customers per touch
    /// point, any total): `v = s + Qᵀv` over the transient touch points, and at a goal or a touch point
    /// that ends the journey the customers who arrive there.
    pub fn visits(&self, start: &[f64]) -> Vec<f64> {
        let count = self.goal.len();
        let mut visits = start.to_vec();
        visits.resize(count, 0.0);
        let mut local_of = vec![usize::MAX; count];
        for part in &self.parts {
            for (local, &member) in part.members.iter().enumerate() {
                local_of[member] = local;
            }
            let arriving: Vec<f64> = part.members.iter().map(|&member| visits[member]).collect();
            let solved = solve(&part.backward, &arriving, SweepOrder::Forward);
            for (&member, &value) in part.members.iter().zip(&solved) {
                visits[member] = value;
            }
            // Hand the part's customers on to the touch points downstream of it.
            for &member in &part.members {
                let value = visits[member];
                if value == 0.0 {
                    continue;
                }
                for &(to, probability) in &self.probability[member] {
                    if !part.contains(to, &local_of) {
                        visits[to] += value * probability;
                    }
                }
            }
            for &member in &part.members {
                local_of[member] = usize::MAX;
            }
        }
        visits
    }

    /// `min(1, visits(t) × success(t) / success)` for journeys started by `start` (summing to 1):
    /// expected passes of a successful journey, capped at 1.
    fn flow(&self, start: &[f64], visits: &[f64]) -> Vec<f64> {
        let success: f64 = start.iter().zip(&self.success).map(|(s, h)| s * h).sum();
        if success <= f64::EPSILON {
            return vec![0.0; visits.len()];
        }
        visits
            .iter()
            .zip(&self.success)
            .map(|(visits, reach)| (visits * reach / success).clamp(0.0, 1.0))
            .collect()
    }

    /// How many members the largest strongly connected part has (tests check which solver ran).
    #[cfg(test)]
    pub(super) fn largest_part(&self) -> usize {
        self.parts
            .iter()
            .map(|part| part.members.len())
            .max()
            .unwrap_or(0)
    }

    /// DESIGN.md's `removal_effect` for journeys started by `start` (with their `visits`): the
    /// share of successful journeys lost if each touch point failed, by the first-passage identity
    /// `success − success(without t) = P(ever reach t) × success(t)` with `P(ever reach t) =
    /// visits(t) / returns(t)`. `returns(t)` is 1 outside loops, and inside a strongly connected
    /// part the diagonal of the part's `(I − A)⁻¹` (returns to t can only pass through its part).
    /// 0 everywhere when no journey succeeds.
    fn removal_effect(&self, start: &[f64], visits: &[f64]) -> Vec<f64> {
        let count = visits.len();
        let success: f64 = start.iter().zip(&self.success).map(|(s, h)| s * h).sum();
        if success <= f64::EPSILON {
            return vec![0.0; count];
        }
        // Without loops the removal effect is the uncapped flow; `returns(t)` ≥ 1 divides it.
        let uncapped: Vec<f64> = (0..count)
            .map(|t| visits[t] * self.success[t] / success)
            .collect();
        let mut returns = vec![1.0; count];
        for part in &self.parts {
            if part.members.len() == 1 && part.forward.row(0).is_empty() {
                continue;
            }
            // An error δ in returns(t) moves the removal effect by at most uncapped(t) × δ: ask
            // each member for what keeps its removal effect within 1e-10.
            let accuracy: Vec<f64> = part
                .members
                .iter()
                .map(|&member| 1e-10 / uncapped[member].max(1e-10))
                .collect();
            for (&member, value) in part
                .members
                .iter()
                .zip(inverse_diagonal(&part.forward, &accuracy))
            {
                returns[member] = value;
            }
        }
        (0..count)
            .map(|t| (uncapped[t] / returns[t]).clamp(0.0, 1.0))
            .collect()
    }

    /// The share of customers at a touch point who end their journey there without reaching a goal:
    /// all of them where no goal can be reached, none at a goal, and otherwise what the links leave.
    pub fn leaving(&self, touchpoint: usize) -> f64 {
        if self.goal[touchpoint] {
            0.0
        } else if !self.transient[touchpoint] {
            1.0
        } else {
            let continuing: f64 = self.probability[touchpoint].iter().map(|&(_, p)| p).sum();
            (1.0 - continuing).max(0.0)
        }
    }
}

impl Part {
    /// `local_of` is all `usize::MAX` (one slot per touch point, shared by every part so that no
    /// part pays for the whole map) and is left so.
    fn new(
        mut members: Vec<usize>,
        probability: &[Vec<(usize, f64)>],
        local_of: &mut [usize],
    ) -> Self {
        members.sort_unstable();
        for (local, &member) in members.iter().enumerate() {
            local_of[member] = local;
        }
        let local = |node: usize| Some(local_of[node]).filter(|&local| local != usize::MAX);
        // Order the members breadth first along the links from the lowest one, so that a forward
        // sweep meets most customers after the touch points they come from.
        let mut order = Vec::with_capacity(members.len());
        let mut seen = vec![false; members.len()];
        for root in 0..members.len() {
            if seen[root] {
                continue;
            }
            seen[root] = true;
            order.push(root);
            let mut next = order.len() - 1;
            while next < order.len() {
                let node = members[order[next]];
                next += 1;
                for &(to, _) in &probability[node] {
                    if let Some(j) = local(to)
                        && !seen[j]
                    {
                        seen[j] = true;
                        order.push(j);
                    }
                }
            }
        }
        let ordered: Vec<usize> = order.iter().map(|&i| members[i]).collect();
        // rank[j]: where sorted member j stands in the new order.
        let mut rank = vec![0; members.len()];
        for (position, &j) in order.iter().enumerate() {
            rank[j] = position;
        }
        let mut forward = Rows::with_capacity(members.len());
        for &member in &ordered {
            forward.push_row(
                probability[member]
                    .iter()
                    .filter_map(|&(to, probability)| Some((rank[local(to)?], probability))),
            );
        }
        for &member in &members {
            local_of[member] = usize::MAX;
        }
        Self {
            members: ordered,
            backward: forward.transpose(),
            forward,
        }
    }

    fn contains(&self, node: usize, local_of: &[usize]) -> bool {
        local_of[node] < self.members.len() && self.members[local_of[node]] == node
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

/// Which touch points reach a target over the given links.
fn reach_backward(links: &[Vec<(usize, f64)>], targets: &[bool]) -> Vec<bool> {
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); links.len()];
    for (from, links) in links.iter().enumerate() {
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
pub(crate) fn link_probabilities(links: &[(usize, Option<f64>)]) -> Vec<f64> {
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

/// The touch points on every path from the entries to every goal they reach: the dominators of a
/// virtual end (linked from every goal) from a virtual start (linked to every entry). Journeys end
/// at the first goal, so links out of a goal are not followed, and paths follow only links of
/// positive probability, as journeys do (found by the path-enumeration property test: a goal
/// reachable only over a share-0 link made its way "must-pass" while no journey succeeded).
fn must_pass(outgoing: &[Vec<(usize, Option<f64>)>], entry: &[bool], goal: &[bool]) -> Vec<bool> {
    let count = outgoing.len();
    // The graph of DESIGN.md's definition, as adjacency lists: a virtual start (`count`) linked to
    // every entry, every goal linked to a virtual end (`count + 1`) and to nothing else, and only
    // the links customers take (a link with probability 0 — share 0, or an unshared link beside
    // shares that already add up to 1 — is no path of a journey).
    let (start, end) = (count, count + 1);
    let mut next: Vec<Vec<usize>> = Vec::with_capacity(count + 2);
    for node in 0..count {
        if goal[node] {
            next.push(vec![end]);
        } else {
            let probabilities = link_probabilities(&outgoing[node]);
            next.push(
                outgoing[node]
                    .iter()
                    .zip(probabilities)
                    .filter(|&(_, probability)| probability > 0.0)
                    .map(|(&(to, _), _)| to)
                    .collect(),
            );
        }
    }
    next.push((0..count).filter(|&node| entry[node]).collect());
    next.push(Vec::new());
    dominators_of_end(&next, start, end)
        .into_iter()
        .take(count)
        .collect()
}

/// Which nodes lie on every path from `start` to `end` (the dominators of `end`, without the two
/// themselves), in linear time: take one path from `start` to `end`; only its nodes can be on every
/// path. Walking it from the start, a path node is on every path unless some earlier path node
/// reaches a later one around it, through nodes off the path; each node off the path is explored
/// once, from the first path node that reaches it. (Cooper, Harvey and Kennedy's iterative
/// dominators, which this replaces, took a third of the analysis on the 20,000-card maps; the test
/// below compares the two on random graphs.)
fn dominators_of_end(next: &[Vec<usize>], start: usize, end: usize) -> Vec<bool> {
    let size = next.len();
    let mut on_every_path = vec![false; size];
    // One path, by breadth-first search.
    let mut parent = vec![usize::MAX; size];
    parent[start] = start;
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        if node == end {
            break;
        }
        for &to in &next[node] {
            if parent[to] == usize::MAX {
                parent[to] = node;
                queue.push_back(to);
            }
        }
    }
    if parent[end] == usize::MAX {
        return on_every_path;
    }
    let mut path = vec![end];
    while let Some(&node) = path.last()
        && node != start
    {
        path.push(parent[node]);
    }
    path.reverse();
    let mut position = vec![usize::MAX; size];
    for (index, &node) in path.iter().enumerate() {
        position[node] = index;
    }
    // `furthest`: the furthest path position reached so far from the path's first nodes without
    // passing through the next one.
    let mut explored = vec![false; size];
    let mut furthest = 0;
    let mut stack = Vec::new();
    for (index, &node) in path.iter().enumerate() {
        if index > 0 && index + 1 < path.len() && furthest <= index {
            on_every_path[node] = true;
        }
        stack.push(node);
        while let Some(current) = stack.pop() {
            for &to in &next[current] {
                if position[to] != usize::MAX {
                    furthest = furthest.max(position[to]);
                } else if !explored[to] {
                    explored[to] = true;
                    stack.push(to);
                }
            }
        }
    }
    on_every_path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_linear_dominators_agree_with_cooper_harvey_kennedy_on_random_graphs() {
        use petgraph::algo::dominators::simple_fast;
        // A small linear congruential generator: the same graphs every run.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut random = |below: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) as usize) % below
        };
        let mut with_dominators = 0;
        for _ in 0..2_000 {
            let size = 2 + random(24);
            let edges = random(size * 3);
            let mut next: Vec<Vec<usize>> = vec![Vec::new(); size];
            for _ in 0..edges {
                let (from, to) = (random(size), random(size));
                if !next[from].contains(&to) {
                    next[from].push(to);
                }
            }
            let (start, end) = (0, size - 1);
            let mut graph: DiGraph<(), ()> = DiGraph::new();
            for _ in 0..size {
                graph.add_node(());
            }
            for (from, list) in next.iter().enumerate() {
                for &to in list {
                    graph.add_edge(DenseNode::new(from), DenseNode::new(to), ());
                }
            }
            let mut expected = vec![false; size];
            if let Some(chain) =
                simple_fast(&graph, DenseNode::new(start)).dominators(DenseNode::new(end))
            {
                for node in chain {
                    if node.index() != start && node.index() != end {
                        expected[node.index()] = true;
                    }
                }
            }
            assert_eq!(dominators_of_end(&next, start, end), expected, "{next:?}");
            with_dominators += usize::from(expected.contains(&true));
        }
        assert!(
            with_dominators > 200,
            "only {with_dominators} graphs had a dominator"
        );
    }
    use crate::analysis::solve::{DENSE_LIMIT, solve_dense, solve_iterative};

    /// A synthetic map's tangle: its largest strongly connected part, too big for the dense
    /// solver (the synthetic map is mostly one such part).
    fn largest_part<'a>(journeys: &'a Journeys<'_>) -> &'a Part {
        let part = journeys
            .model
            .parts
            .iter()
            .max_by_key(|part| part.members.len())
            .expect("the map has parts");
        assert!(part.members.len() > DENSE_LIMIT, "{}", part.members.len());
        part
    }

    #[test]
    fn the_iterative_solver_agrees_with_gaussian_elimination_on_a_large_tangle() {
        // A synthetic map is mostly one strongly connected part; solve its largest part both ways,
        // for success (rows forward) and for visits (rows backward), with a right-hand side of ones.
        let map = crate::synthetic::synthetic_map(900, 5);
        let journeys = Journeys::of(&map);
        let part = largest_part(&journeys);
        let right: Vec<f64> = (0..part.members.len())
            .map(|i| 1.0 + (i % 7) as f64)
            .collect();
        for (rows, order) in [
            (&part.forward, SweepOrder::Backward),
            (&part.backward, SweepOrder::Forward),
        ] {
            let direct = solve_dense(rows, &right);
            let iterative = solve_iterative(rows, &right, order);
            for (a, b) in direct.iter().zip(&iterative) {
                assert!((a - b).abs() <= 1e-9 * a.abs().max(1.0), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn the_inverse_diagonal_solved_iteratively_agrees_with_gauss_jordan() {
        use crate::analysis::solve::{inverse_diagonal, inverse_diagonal_dense};
        let map = crate::synthetic::synthetic_map(900, 5);
        let journeys = Journeys::of(&map);
        let part = largest_part(&journeys);
        let size = part.members.len();
        let direct = inverse_diagonal_dense(&part.forward);
        // Asked for 1e-10 on the first half and 1e-6 on the second: each within what it asked.
        let accuracy: Vec<f64> = (0..size)
            .map(|i| if i < size / 2 { 1e-10 } else { 1e-6 })
            .collect();
        let iterative = inverse_diagonal(&part.forward, &accuracy);
        for i in 0..size {
            assert!(direct[i] >= 1.0, "a start counts as a visit");
            assert!(
                (direct[i] - iterative[i]).abs() <= accuracy[i],
                "{i}: {} vs {}",
                direct[i],
                iterative[i]
            );
        }
    }

    #[test]
    fn every_transient_touch_point_reaches_a_goal_with_positive_probability() {
        let map = crate::synthetic::synthetic_map(2_000, 3);
        let journeys = Journeys::of(&map);
        let model = &journeys.model;
        for i in 0..map.touchpoint_count() {
            if model.transient[i] {
                assert!(model.success[i] > 0.0 && model.success[i] <= 1.0 + 1e-12);
            }
        }
        assert!(journeys.flow.iter().all(|flow| (0.0..=1.0).contains(flow)));
    }
}

#[cfg(test)]
mod deep_tests {
    #[test]
    fn a_long_chain_is_solved_on_a_small_worker_stack() {
        // 20,000 touch points in one line: anything that recursed per touch point would overflow.
        let mut map = crate::model::Map::new("Chain");
        let ids: Vec<crate::model::TouchPointId> = (0..20_000)
            .map(|i| crate::model::TouchPointId::new(format!("t{i:05}")).expect("valid"))
            .collect();
        for id in &ids {
            map.add_touchpoint(crate::model::TouchPoint::new(id.clone(), id.as_str()))
                .expect("valid");
        }
        for pair in ids.windows(2) {
            map.add_link(&pair[0], &pair[1], crate::model::Link::default())
                .expect("valid");
        }
        let worker = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let report = crate::analysis::analyze(&map, &crate::analysis::Config::default());
                report
                    .touchpoints
                    .iter()
                    .all(|t| (t.flow - 1.0).abs() < 1e-12 && t.must_pass)
            })
            .expect("thread");
        assert!(worker.join().expect("no stack overflow"));
    }
}
