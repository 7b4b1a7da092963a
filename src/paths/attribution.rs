//! Attribution of conversions to the steps of path data: first-order Markov attribution as
//! the channelattribution package's `markov_model` defines it, but exact (its package simulates and moves by
//! 1–2 % between runs; this is the number it converges to), and the first-touch, last-touch and
//! linear heuristics beside it.

use serde::Serialize;

use super::PathSet;
use crate::model::TouchPointId;

/// What path data says about each step, in the JSON shape of `touchmap paths --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    /// Journeys in the data: conversions and nulls.
    pub journeys: f64,
    /// Conversions.
    pub conversions: f64,
    /// Their total value.
    pub value: f64,
    /// Conversions ÷ journeys.
    pub conversion_rate: f64,
    /// One per step, by removal effect (highest first), then name.
    pub steps: Vec<StepAttribution>,
    /// The first-order chain: every transition the journeys make, with `(start)`, `(conversion)`
    /// and `(null)` as the special states, sorted by from and to.
    pub transitions: Vec<Transition>,
}

/// One step's attribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepAttribution {
    /// The step as written in the data.
    pub name: String,
    /// The touch point it matches, when a map was given.
    pub touchpoint: Option<TouchPointId>,
    /// Journeys that pass it at least once.
    pub journeys: f64,
    /// The share of conversions lost if it failed (every arrival there going to null).
    pub removal_effect: f64,
    /// Conversions × removal effect ÷ the sum of removal effects.
    pub markov_conversions: f64,
    /// Value, shared out the same way.
    pub markov_value: f64,
    /// Conversions whose path starts here.
    pub first_touch: f64,
    /// Conversions whose path ends here.
    pub last_touch: f64,
    /// Each path's conversions split evenly over its steps as written.
    pub linear: f64,
    /// Value by first touch.
    pub first_touch_value: f64,
    /// Value by last touch.
    pub last_touch_value: f64,
    /// Value split linearly.
    pub linear_value: f64,
}

/// One transition of the chain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transition {
    /// From a step or `(start)`.
    pub from: String,
    /// To a step, `(conversion)` or `(null)`.
    pub to: String,
    /// Journeys that made it.
    pub journeys: f64,
    /// Its share of the journeys at `from`.
    pub probability: f64,
}

/// The special states' names in `transitions`.
const START: &str = "(start)";
const CONVERSION: &str = "(conversion)";
const NULL: &str = "(null)";

/// Attribution of a path set. `touchpoints` names the touch point each step matches (same order
/// as `paths.steps`), or is empty.
#[must_use]
pub fn attribute(paths: &PathSet, touchpoints: &[Option<TouchPointId>]) -> Attribution {
    let count = paths.steps.len();
    // States: the steps, then start, conversion and null.
    let (start, conversion, null) = (count, count + 1, count + 2);
    let mut counts: super::FastMap<(usize, usize), f64> = super::FastMap::default();
    let mut heuristics = vec![[0.0_f64; 6]; count];
    let mut journeys_at = vec![0.0_f64; count];
    let (mut journeys, mut conversions, mut value) = (0.0, 0.0, 0.0);
    let mut seen = vec![usize::MAX; count];
    for (index, path) in paths.paths.iter().enumerate() {
        let weight = path.conversions + path.nulls;
        if weight <= 0.0 {
            continue;
        }
        journeys += weight;
        conversions += path.conversions;
        value += path.value;
        // The Markov chain collapses repeats: c1 > c1 > c2 is c1 > c2.
        let mut previous = start;
        for step in path.steps.iter().map(|&s| s as usize) {
            if step == previous {
                continue;
            }
            *counts.entry((previous, step)).or_default() += weight;
            previous = step;
            if seen[step] != index {
                seen[step] = index;
                journeys_at[step] += weight;
            }
        }
        if path.conversions > 0.0 {
            *counts.entry((previous, conversion)).or_default() += path.conversions;
        }
        if path.nulls > 0.0 {
            *counts.entry((previous, null)).or_default() += path.nulls;
        }
        // The heuristics read the path as written.
        if let (Some(&first), Some(&last)) = (path.steps.first(), path.steps.last()) {
            let (first, last) = (first as usize, last as usize);
            heuristics[first][0] += path.conversions;
            heuristics[first][3] += path.value;
            heuristics[last][1] += path.conversions;
            heuristics[last][4] += path.value;
            let share = 1.0 / path.steps.len() as f64;
            for &step in &path.steps {
                heuristics[step as usize][2] += path.conversions * share;
                heuristics[step as usize][5] += path.value * share;
            }
        }
    }
    let mut out_of = vec![0.0_f64; count + 3];
    for (&(from, _), &journeys) in &counts {
        out_of[from] += journeys;
    }
    let probability = |from: usize, journeys: f64| {
        if out_of[from] > 0.0 {
            journeys / out_of[from]
        } else {
            0.0
        }
    };

    // The chain for the journey model's solver: the steps and the conversion as its goal (index
    // `count`); null is what the links leave.
    let mut links: Vec<Vec<(usize, f64)>> = vec![Vec::new(); count + 1];
    let mut start_vector = vec![0.0; count + 1];
    let mut direct = 0.0;
    for (&(from, to), &journeys) in &counts {
        let p = probability(from, journeys);
        match (from == start, to) {
            (true, to) if to < count => start_vector[to] += p,
            (true, to) if to == conversion => direct += p,
            (false, to) if to < count => links[from].push((to, p)),
            (false, to) if to == conversion => links[from].push((count, p)),
            _ => {}
        }
    }
    for row in &mut links {
        row.sort_by_key(|&(to, _)| to);
    }
    let (chain_success, chain_removal) =
        crate::analysis::chain_removal_effects(&links, count, &start_vector);
    let success = chain_success + direct;
    let removal: Vec<f64> = (0..count)
        .map(|step| {
            if success > 0.0 {
                chain_removal[step] * chain_success / success
            } else {
                0.0
            }
        })
        .collect();
    let removal_sum: f64 = removal.iter().sum();

    let mut steps: Vec<StepAttribution> = (0..count)
        .map(|step| {
            let weight = if removal_sum > 0.0 {
                removal[step] / removal_sum
            } else {
                0.0
            };
            let [first, last, linear, first_value, last_value, linear_value] = heuristics[step];
            StepAttribution {
                name: paths.steps[step].clone(),
                touchpoint: touchpoints.get(step).cloned().flatten(),
                journeys: journeys_at[step],
                removal_effect: removal[step],
                markov_conversions: conversions * weight,
                markov_value: value * weight,
                first_touch: first,
                last_touch: last,
                linear,
                first_touch_value: first_value,
                last_touch_value: last_value,
                linear_value,
            }
        })
        .collect();
    steps.sort_by(|a, b| {
        b.removal_effect
            .total_cmp(&a.removal_effect)
            .then_with(|| a.name.cmp(&b.name))
    });

    let name = |state: usize| -> String {
        match state {
            s if s == start => START.to_owned(),
            s if s == conversion => CONVERSION.to_owned(),
            s if s == null => NULL.to_owned(),
            s => paths.steps[s].clone(),
        }
    };
    let mut transitions: Vec<Transition> = counts
        .iter()
        .map(|(&(from, to), &journeys)| Transition {
            from: name(from),
            to: name(to),
            journeys,
            probability: probability(from, journeys),
        })
        .collect();
    transitions.sort_by(|a, b| a.from.cmp(&b.from).then_with(|| a.to.cmp(&b.to)));

    Attribution {
        journeys,
        conversions,
        value,
        conversion_rate: if journeys > 0.0 {
            conversions / journeys
        } else {
            0.0
        },
        steps,
        transitions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::{EventColumns, read_paths};

    fn attribution_of(csv: &str) -> Attribution {
        let paths = read_paths(csv.as_bytes(), &EventColumns::default()).expect("reads");
        attribute(&paths, &[])
    }

    fn step<'a>(attribution: &'a Attribution, name: &str) -> &'a StepAttribution {
        attribution
            .steps
            .iter()
            .find(|step| step.name == name)
            .expect("the step is there")
    }

    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 1e-9,
            "{actual} is not {expected}"
        );
    }

    #[test]
    fn the_first_published_case() {
        // c1 > c2 > c3 converts once; c1 and c2 > c3 once each without. Start: c1 2/3, c2 1/3;
        // c1: c2 1/2, null 1/2; c2: c3 1; c3: conversion 1/2, null 1/2. P(conversion) =
        // 2/3 × 1/2 × 1/2 + 1/3 × 1/2 = 1/3. Without c1: 1/3 × 1/2 = 1/6, so 1 − (1/6)/(1/3) =
        // 1/2; without c2 or c3 nothing converts: 1. Conversions 1 × (1/2, 1, 1) / 2.5.
        let attribution = attribution_of(
            "path,total_conversions,total_conversion_value,total_null\n\
             c1 > c2 > c3,1,10,0\n\
             c1,0,0,1\n\
             c2 > c3,0,0,1\n",
        );
        close(attribution.journeys, 3.0);
        close(attribution.conversion_rate, 1.0 / 3.0);
        for (name, removal, conversions) in [("c1", 0.5, 0.2), ("c2", 1.0, 0.4), ("c3", 1.0, 0.4)] {
            close(step(&attribution, name).removal_effect, removal);
            close(step(&attribution, name).markov_conversions, conversions);
            close(step(&attribution, name).markov_value, conversions * 10.0);
        }
        // Sorted by removal effect, then name.
        let names: Vec<&str> = attribution.steps.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["c2", "c3", "c1"]);
        // The heuristics on the paths as written.
        close(step(&attribution, "c1").first_touch, 1.0);
        close(step(&attribution, "c3").last_touch, 1.0);
        close(step(&attribution, "c2").linear, 1.0 / 3.0);
        close(step(&attribution, "c2").journeys, 2.0);
    }

    #[test]
    fn the_second_published_case_collapses_repeats() {
        // A>B>A>B>B>A, A>B>B>A>A and A>A, one conversion each, collapse to A>B>A>B>A, A>B>A and A:
        // A → B 3 times, A → conversion 3 times, B → A 3 times. P(conversion) = 1; without A
        // nothing converts (1); without B half the journeys at A leave: 1/2. Conversions 3 × (1,
        // 1/2) / 1.5 = 2 and 1.
        let attribution = attribution_of(
            "path;total_conversions;total_null\r\n\
             A>B>A>B>B>A;1;0\r\n\
             A>B>B>A>A;1;0\r\n\
             A>A;1;0\r\n",
        );
        close(step(&attribution, "A").removal_effect, 1.0);
        close(step(&attribution, "B").removal_effect, 0.5);
        close(step(&attribution, "A").markov_conversions, 2.0);
        close(step(&attribution, "B").markov_conversions, 1.0);
        // Linear on the paths as written: A 3/6 + 3/5 + 2/2, B 3/6 + 2/5.
        close(step(&attribution, "A").linear, 0.5 + 0.6 + 1.0);
        close(step(&attribution, "B").linear, 0.5 + 0.4);
        let a_to_b = attribution
            .transitions
            .iter()
            .find(|t| t.from == "A" && t.to == "B")
            .expect("A → B");
        close(a_to_b.journeys, 3.0);
        close(a_to_b.probability, 0.5);
    }

    #[test]
    fn a_loop_in_the_data_is_solved_exactly() {
        // ad > page > help > page converts 3 times; ad > page 1 without; page > help 1 without.
        // Collapsed transitions (weights): start → ad 4, start → page 1; ad → page 4; page → help
        // 3 + 1 = 4, page → null 1, page → conversion 3; help → page 3, help → null 1.
        // page: help 1/2, null 1/8, conversion 3/8; help: page 3/4, null 1/4.
        // h(page) = 3/8 + 1/2 × 3/4 × h(page) → h(page) = (3/8) / (5/8) = 3/5.
        // P(conversion) = (4/5 + 1/5) × 3/5 = 3/5 (ad leads only to page).
        // Without help: h(page) = 3/8 → 3/8; removal 1 − (3/8)/(3/5) = 3/8.
        // Without ad: only the 1/5 starting at page: 3/25 → removal 1 − (3/25)/(3/5) = 4/5.
        let attribution = attribution_of(
            "path,total_conversions,total_null\n\
             ad > page > help > page,3,0\n\
             ad > page,0,1\n\
             page > help,0,1\n",
        );
        close(step(&attribution, "page").removal_effect, 1.0);
        close(step(&attribution, "help").removal_effect, 3.0 / 8.0);
        close(step(&attribution, "ad").removal_effect, 4.0 / 5.0);
    }

    #[test]
    fn events_are_grouped_by_journey_ordered_by_time_and_cut_at_conversions() {
        // u1: ad (t1), page (t2), conversion at page (t3, value 20), then mail (t4), page (t5),
        // conversion (t6, value 30): two converting paths, ad > page and mail > page.
        // u2 (rows out of order): search then page, no conversion: one null path.
        let paths = read_paths(
            "user,ts,channel,bought,revenue\n\
             u1,2026-11-03T10:00:00Z,ad,,\n\
             u2,2026-11-03T12:00:05+01:00,page,0,\n\
             u1,2026-11-03T10:05:00Z,page,,\n\
             u1,2026-11-03T10:06:00Z,page,yes,20\n\
             u2,2026-11-03T11:00:00+01:00,search,,\n\
             u1,2026-11-04T09:00:00Z,mail,,\n\
             u1,2026-11-04T09:01:00Z,page,,\n\
             u1,2026-11-04T09:02:00Z,,1,30\n"
                .as_bytes(),
            &EventColumns {
                journey: "user".into(),
                time: "ts".into(),
                step: "channel".into(),
                conversion: "bought".into(),
                value: "revenue".into(),
                converts_on: None,
            },
        )
        .expect("reads");
        let written: Vec<(Vec<&str>, f64, f64, f64)> = paths
            .paths
            .iter()
            .map(|path| {
                (
                    path.steps
                        .iter()
                        .map(|&s| paths.steps[s as usize].as_str())
                        .collect(),
                    path.conversions,
                    path.value,
                    path.nulls,
                )
            })
            .collect();
        assert_eq!(written.len(), 3, "{written:?}");
        assert!(written.contains(&(vec!["ad", "page", "page"], 1.0, 20.0, 0.0)));
        assert!(written.contains(&(vec!["mail", "page"], 1.0, 30.0, 0.0)));
        assert!(written.contains(&(vec!["search", "page"], 0.0, 0.0, 1.0)));
    }

    #[test]
    fn bad_path_data_is_refused_naming_row_and_column() {
        let refused = |csv: &str| {
            read_paths(csv.as_bytes(), &EventColumns::default())
                .expect_err("refused")
                .to_string()
        };
        assert!(refused("").contains("the file is empty"));
        assert_eq!(
            refused("path,total_conversions\na > b,lots\n"),
            "row 2, column \"total_conversions\": total_conversions must be a number, not \"lots\""
        );
        assert_eq!(
            refused("path,total_conversions\na > b,1\nb,-2\n"),
            "row 3, column \"total_conversions\": total_conversions must be a number of at least 0, not -2"
        );
        let missing = refused("user,when,what\nu1,1,ad\n");
        assert!(
            missing.contains("\"path\" and \"total_conversions\"")
                && missing.contains("\"journey\", \"timestamp\" and \"touchpoint\"")
                && missing.contains("\"user\", \"when\", \"what\""),
            "{missing}"
        );
        assert_eq!(
            refused("journey,timestamp,touchpoint\nu1,soon,ad\n"),
            "row 2, column \"timestamp\": \"soon\" is not a time: write a number or an ISO 8601 time (2026-11-03T10:15:00Z)"
        );
        assert!(refused("path,total_conversions\n").contains("no paths"));
        // Bytes that are not text.
        assert!(
            read_paths(
                &b"path,total_conversions\n\xff\xfe,1\n"[..],
                &EventColumns::default()
            )
            .expect_err("refused")
            .to_string()
            .contains("not UTF-8")
        );
    }
}
