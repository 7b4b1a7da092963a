//! Synthetic maps of any size with a realistic shape, for benchmarks and stress tests: six stages,
//! mostly-forward links (about four per touch point), some loops, entries and goals, and some
//! touch points without a score or an owner. Deterministic for a seed.

use crate::layout;
use crate::model::{Link, Map, Role, TouchPoint, TouchPointId};

const CHANNELS: [&str; 16] = crate::model::SUGGESTED_CHANNELS;
const OWNERS: [&str; 6] = [
    "Marketing",
    "Web team",
    "Sales",
    "Logistics",
    "Customer service",
    "Finance",
];

/// A small deterministic generator (xorshift64*), enough for test data.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, limit: usize) -> usize {
        (self.next() % limit.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A synthetic map with `count` touch points (at most the model's limit).
#[must_use]
pub fn synthetic_map(count: usize, seed: u64) -> Map {
    let count = count.min(crate::model::MAX_TOUCHPOINTS);
    let mut random = Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut map = Map::new(format!("Synthetic map of {count} touch points"));
    let stages = map.stages().to_vec();
    let per_stage = count.div_ceil(stages.len()).max(1);
    let mut ids: Vec<Vec<TouchPointId>> = vec![Vec::new(); stages.len()];
    for index in 0..count {
        let stage_index = (index / per_stage).min(stages.len() - 1);
        let row = ids[stage_index].len();
        let Ok(id) = TouchPointId::new(format!("tp-{index:05}")) else {
            continue;
        };
        let channel = CHANNELS[random.below(CHANNELS.len())];
        let mut touchpoint = TouchPoint::new(id.clone(), format!("{channel} touch point {index}"));
        touchpoint.stage = Some(stages[stage_index].clone());
        touchpoint.channel = Some(channel.to_owned());
        touchpoint.owner =
            (!random.chance(10)).then(|| OWNERS[random.below(OWNERS.len())].to_owned());
        touchpoint.importance = 1 + random.below(5) as u8;
        touchpoint.score = (!random.chance(15)).then(|| 1.0 + (random.below(41) as f64) / 10.0);
        touchpoint.reach = random
            .chance(60)
            .then(|| (random.below(50_000) + 100) as f64);
        touchpoint.cost = random.chance(40).then(|| random.below(10_000) as f64);
        if stage_index == 0 && random.chance(30) {
            touchpoint.role = Some(Role::Entry);
        }
        if stage_index == stages.len() - 1 && random.chance(20) {
            touchpoint.role = Some(Role::Goal);
        }
        touchpoint.pos = Some([
            layout::card_x_in_column(stage_index),
            layout::FIRST_CARD_Y + row as f64 * layout::ROW_SPACING,
        ]);
        if map.add_touchpoint(touchpoint).is_ok() {
            ids[stage_index].push(id);
        }
    }
    add_links(&mut map, &ids, &mut random, stages.len());
    add_campaign(&mut map, &ids);
    map
}

/// One objective (success at the first goal) and one campaign on the first three entries, so the
/// pre-flight has something to measure.
fn add_campaign(map: &mut Map, ids: &[Vec<TouchPointId>]) {
    let goal = ids.last().into_iter().flatten().find(|id| {
        map.touchpoint(id)
            .is_some_and(|t| t.role == Some(Role::Goal))
    });
    let channels: Vec<TouchPointId> = ids
        .first()
        .into_iter()
        .flatten()
        .filter(|id| {
            map.touchpoint(id)
                .is_some_and(|t| t.role == Some(Role::Entry))
        })
        .take(3)
        .cloned()
        .collect();
    let (Some(goal), false) = (goal.cloned(), channels.is_empty()) else {
        return;
    };
    let plan = crate::model::Plan {
        objectives: vec![crate::model::Objective {
            id: "sales".into(),
            name: "More sales".into(),
            kind: crate::model::ObjectiveKind::RepeatSales,
            goal,
            kpi: Some("sales per month".into()),
            baseline: Some(1000.0),
            target: Some(5000.0),
            value: Some(40.0),
            extra: serde_json::Map::new(),
        }],
        campaigns: vec![crate::model::Campaign {
            id: "push".into(),
            name: "Synthetic push".into(),
            objective: "sales".into(),
            channels,
            reach: 50_000.0,
            budget: 20_000.0,
            response_hours: Some(4.0),
            ..crate::model::Campaign::default()
        }],
    };
    let _ = map.set_plan(plan);
}

/// Links: mostly to the next stage, some within the stage, a few back (loops).
fn add_links(map: &mut Map, ids: &[Vec<TouchPointId>], random: &mut Random, stages_len: usize) {
    for stage_index in 0..stages_len {
        for from in ids[stage_index].clone() {
            for _ in 0..4 {
                let target_stage = match random.below(100) {
                    0..=69 if stage_index + 1 < stages_len => stage_index + 1,
                    70..=89 => stage_index,
                    _ if stage_index > 0 && random.chance(25) => stage_index - 1,
                    _ => (stage_index + 1).min(stages_len - 1),
                };
                let candidates = &ids[target_stage];
                if candidates.is_empty() {
                    continue;
                }
                let to = candidates[random.below(candidates.len())].clone();
                let share = random
                    .chance(30)
                    .then(|| (random.below(60) as f64) / 100.0 + 0.05);
                let _ = map.add_link(
                    &from,
                    &to,
                    Link {
                        share,
                        ..Link::default()
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_maps_have_the_asked_size_and_shape() {
        let map = synthetic_map(600, 7);
        assert_eq!(map.touchpoint_count(), 600);
        let links = map.link_count();
        assert!(
            (1800..=2400).contains(&links),
            "about four links each: {links}"
        );
        assert_eq!(synthetic_map(600, 7), map, "deterministic");
        let report = crate::analysis::analyze(&map, &crate::analysis::Config::default());
        assert!(
            report.touchpoints.iter().any(|t| t.entry) && report.touchpoints.iter().any(|t| t.goal)
        );
        let text = crate::format::to_string(&map);
        assert_eq!(crate::format::from_str(&text).expect("valid"), map);
    }
}
