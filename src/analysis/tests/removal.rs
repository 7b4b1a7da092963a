//! The removal effect of DESIGN.md ("the share of successful journeys lost if the touch point
//! failed"), against fractions worked out by hand, and against removing each touch point and
//! solving again.

use super::{Role, id, map_of, point, with_role};
use crate::analysis::journeys::{JourneyModel, Journeys};
use crate::analysis::{Config, Report, analyze};

fn removal_of(report: &Report, name: &str) -> f64 {
    report
        .touchpoint(&id(name))
        .expect("analysed")
        .removal_effect
}

fn assert_removal(report: &Report, expected: &[(&str, f64)]) {
    for &(name, effect) in expected {
        let actual = removal_of(report, name);
        assert!(
            (actual - effect).abs() < 1e-9,
            "{name}: removal effect {actual}, expected {effect}"
        );
    }
}

#[test]
fn on_a_chain_every_touch_point_loses_every_journey() {
    let map = map_of(
        vec![
            point("a", Some(4.0)),
            point("b", Some(4.0)),
            point("c", Some(4.0)),
        ],
        &[("a", "b", None), ("b", "c", None)],
    );
    let report = analyze(&map, &Config::default());
    assert_removal(&report, &[("a", 1.0), ("b", 1.0), ("c", 1.0)]);
}

#[test]
fn on_a_branch_each_side_loses_its_share_of_the_successes() {
    // a → b 0.5, a → c 0.3, 0.2 leave; b and c lead to g. Success = 0.8: without b, 0.3 succeed,
    // so b's removal effect is 1 − 0.3/0.8 = 5/8; c's is 1 − 0.5/0.8 = 3/8.
    let map = map_of(
        vec![
            point("a", Some(4.0)),
            point("b", Some(4.0)),
            point("c", Some(4.0)),
            point("g", Some(4.0)),
        ],
        &[
            ("a", "b", Some(0.5)),
            ("a", "c", Some(0.3)),
            ("b", "g", None),
            ("c", "g", None),
        ],
    );
    let report = analyze(&map, &Config::default());
    assert_removal(
        &report,
        &[("a", 1.0), ("b", 5.0 / 8.0), ("c", 3.0 / 8.0), ("g", 1.0)],
    );
    // Without loops the removal effect is the flow.
    for name in ["b", "c"] {
        let flow = report.touchpoint(&id(name)).expect("analysed").flow;
        assert!((flow - removal_of(&report, name)).abs() < 1e-12);
    }
}

#[test]
fn in_a_loop_the_removal_effect_is_below_the_uncapped_flow() {
    // ad → page 0.8, ad → quote 0.2; quote → goal. page → goal 0.5, page → support 0.3 (0.2
    // leave); support → page 1.
    // Success from page: h = 0.5 + 0.3 h → 5/7; from support 5/7; success = 0.8 × 5/7 + 0.2 = 27/35.
    // page: without it 0.2 succeed → 1 − 0.2 / (27/35) = 1 − 7/27 = 20/27.
    // support: P(ever reach) = 0.8 × 0.3 = 6/25 (from page a customer first goes to support with
    // 0.3, and cannot reach it any other way); removal = 6/25 × 5/7 / (27/35) = 2/9.
    // Its uncapped flow is visits × h / success = (0.8 × 3/7) × 5/7 / (27/35) = 20/63 > 2/9,
    // because a customer helped back to the page by support may come round to it again.
    let map = map_of(
        vec![
            with_role(point("ad", Some(4.0)), Role::Entry),
            point("page", Some(4.0)),
            point("quote", Some(4.0)),
            point("support", Some(4.0)),
            with_role(point("goal", Some(4.0)), Role::Goal),
        ],
        &[
            ("ad", "page", Some(0.8)),
            ("ad", "quote", Some(0.2)),
            ("quote", "goal", None),
            ("page", "goal", Some(0.5)),
            ("page", "support", Some(0.3)),
            ("support", "page", Some(1.0)),
        ],
    );
    let report = analyze(&map, &Config::default());
    assert_removal(
        &report,
        &[
            ("ad", 1.0),
            ("page", 20.0 / 27.0),
            ("support", 2.0 / 9.0),
            ("quote", 7.0 / 27.0),
            ("goal", 1.0),
        ],
    );
    let support = report.touchpoint(&id("support")).expect("analysed");
    assert!(
        (support.flow - 20.0 / 63.0).abs() < 1e-9,
        "{}",
        support.flow
    );
    assert!(support.removal_effect < support.flow);
}

#[test]
fn nothing_is_lost_where_nothing_succeeds() {
    let map = map_of(
        vec![
            with_role(point("a", Some(4.0)), Role::Entry),
            point("b", Some(4.0)),
            with_role(point("g", Some(4.0)), Role::Goal),
        ],
        &[("a", "b", None), ("b", "g", Some(0.0))],
    );
    let report = analyze(&map, &Config::default());
    assert_removal(&report, &[("a", 0.0), ("b", 0.0), ("g", 0.0)]);
}

/// The probability of success from the start when touch point `failed` fails: every customer
/// arriving there leaves, and if it is a goal it counts no success.
fn success_without(journeys: &Journeys<'_>, start: &[f64], failed: usize) -> f64 {
    let mut outgoing = journeys.outgoing.clone();
    outgoing[failed].clear();
    let mut goals = journeys.goal.clone();
    goals[failed] = false;
    let model = JourneyModel::build(&outgoing, goals, true);
    start.iter().zip(&model.success).map(|(s, h)| s * h).sum()
}

#[test]
fn the_first_passage_identity_agrees_with_removing_each_touch_point() {
    // Synthetic maps are mostly one tangle: at 700 touch points its largest part is solved
    // iteratively (more than DENSE_LIMIT members), at 120 densely. For every touch point, the
    // removal effect must equal 1 − success(without t) / success, solved anew without it.
    // (The tolerance 1e-9 is the design's; the iterative solver is asked for 1e-10.)
    for (size, seed) in [(120, 3), (700, 5)] {
        let map = crate::synthetic::synthetic_map(size, seed);
        let report = analyze(&map, &Config::default());
        let journeys = Journeys::of(&map);
        let largest = journeys.model.largest_part();
        assert_eq!(
            largest > crate::analysis::solve::DENSE_LIMIT,
            size == 700,
            "{size}: largest part {largest}"
        );
        let start = journeys.start();
        let success: f64 = start
            .iter()
            .zip(&journeys.model.success)
            .map(|(s, h)| s * h)
            .sum();
        assert!(success > 0.0);
        let mut below_flow = 0;
        // Every other touch point keeps the test quick in a debug build.
        for (t, analysis) in report.touchpoints.iter().enumerate().step_by(2) {
            let expected = 1.0 - success_without(&journeys, &start, t) / success;
            assert!(
                (analysis.removal_effect - expected).abs() < 1e-9,
                "{}: {} vs {expected}",
                analysis.id,
                analysis.removal_effect
            );
            below_flow += usize::from(analysis.removal_effect < analysis.flow - 1e-6);
        }
        assert!(below_flow > 0, "no loop lowered a removal effect at {size}");
    }
}
