//! Unit tests of every rule, with negatives, of the journey model (flow against fractions worked out
//! by hand), must-pass touch points and summaries.

use super::*;
use crate::model::{Link, Map, Role, TouchPoint, TouchPointId};

fn id(text: &str) -> TouchPointId {
    TouchPointId::new(text).expect("test ids are valid")
}

/// A touch point with an owner and importance 3, so that `unowned` stays quiet unless wanted.
fn point(name: &str, score: Option<f64>) -> TouchPoint {
    let mut touchpoint = TouchPoint::new(id(name), name);
    touchpoint.score = score;
    touchpoint.owner = Some("Team".into());
    touchpoint.stage = Some("Awareness".into());
    touchpoint
}

fn map_of(points: Vec<TouchPoint>, links: &[(&str, &str, Option<f64>)]) -> Map {
    let mut map = Map::new("Test");
    map.set_stages(vec!["Awareness".into()])
        .expect("valid stages");
    for touchpoint in points {
        map.add_touchpoint(touchpoint).expect("valid touch point");
    }
    for &(from, to, share) in links {
        let link = Link {
            share,
            ..Link::default()
        };
        map.add_link(&id(from), &id(to), link).expect("valid link");
    }
    map
}

fn rules_for(report: &Report, touchpoint: &str) -> Vec<Rule> {
    let touchpoint = id(touchpoint);
    report
        .findings_for(&touchpoint)
        .map(|finding| finding.rule)
        .collect()
}

fn finding<'a>(report: &'a Report, rule: Rule, touchpoint: &str) -> Option<&'a Finding> {
    report.findings.iter().find(|f| {
        f.rule == rule && f.touchpoint.as_ref().map(TouchPointId::as_str) == Some(touchpoint)
    })
}

#[test]
fn weakness_follows_the_formula() {
    assert_eq!(weakness(None, 5, 1.0), None);
    let value = weakness(Some(1.0), 5, 1.0).expect("measured");
    assert!((value - 1.0).abs() < 1e-12);
    let value = weakness(Some(3.0), 3, 0.5).expect("measured");
    // gap 0.5 × (0.4 + 0.36) × 0.75
    assert!((value - 0.5 * 0.76 * 0.75).abs() < 1e-12);
    assert_eq!(weakness(Some(5.0), 5, 1.0), Some(0.0));
}

#[test]
fn a_poor_touch_point_every_journey_crosses_is_a_critical_bottleneck() {
    let mut delivery = point("delivery", Some(1.4));
    delivery.importance = 5;
    let map = map_of(
        vec![point("ad", Some(4.5)), delivery, point("review", Some(4.5))],
        &[("ad", "delivery", None), ("delivery", "review", None)],
    );
    let report = analyze(&map, &Config::default());
    let analysis = report.touchpoint(&id("delivery")).expect("analysed");
    assert!(analysis.must_pass);
    assert!((analysis.flow - 1.0).abs() < 1e-12);
    let bottleneck = finding(&report, Rule::Bottleneck, "delivery").expect("bottleneck found");
    assert_eq!(bottleneck.severity, Severity::Critical);
    assert!(
        bottleneck
            .reason
            .contains("Every customer journey passes through delivery")
    );
    assert!(bottleneck.reason.contains("1.4/5"));
    assert_eq!(report.findings[0].touchpoint, Some(id("delivery")));
    assert_eq!(report.findings[0].severity, Severity::Critical);
}

#[test]
fn a_good_score_on_a_critical_touch_point_is_no_bottleneck() {
    let map = map_of(
        vec![
            point("ad", Some(3.0)),
            point("delivery", Some(4.8)),
            point("review", Some(2.0)),
        ],
        &[("ad", "delivery", None), ("delivery", "review", None)],
    );
    let report = analyze(&map, &Config::default());
    assert!(
        report
            .touchpoint(&id("delivery"))
            .expect("analysed")
            .must_pass
    );
    assert!(finding(&report, Rule::Bottleneck, "delivery").is_none());
    assert!(finding(&report, Rule::Weak, "delivery").is_none());
}

#[test]
fn a_below_average_must_pass_point_that_is_weak_but_not_very_is_a_high_bottleneck() {
    // middle: gap (5 − 3)/4 = 1/2, importance factor 0.4 + 0.6 × 3/5 = 19/25, flow 1:
    // weakness 19/50 = 0.38, at least 0.3 and below 0.45; map average (5 + 3 + 5)/3 = 13/3.
    let map = map_of(
        vec![
            point("ad", Some(5.0)),
            point("middle", Some(3.0)),
            point("goal", Some(5.0)),
        ],
        &[("ad", "middle", None), ("middle", "goal", None)],
    );
    let report = analyze(&map, &Config::default());
    let bottleneck = finding(&report, Rule::Bottleneck, "middle").expect("weak and below average");
    assert_eq!(bottleneck.severity, Severity::High);
    assert!((bottleneck.weakness.expect("measured") - 19.0 / 50.0).abs() < 1e-12);
}

#[test]
fn a_healthy_must_pass_step_just_below_the_average_is_no_bottleneck() {
    // middle scores 4.4 on a map averaging (4.6 + 4.4 + 4.6)/3 = 4.53: weakness
    // (0.6/4) × 19/25 × 1 = 0.114, far below 0.3.
    let map = map_of(
        vec![
            point("ad", Some(4.6)),
            point("middle", Some(4.4)),
            point("goal", Some(4.6)),
        ],
        &[("ad", "middle", None), ("middle", "goal", None)],
    );
    let report = analyze(&map, &Config::default());
    assert!(
        report
            .touchpoint(&id("middle"))
            .expect("analysed")
            .must_pass
    );
    assert!(
        report.findings.iter().all(|f| f.severity < Severity::High),
        "{:?}",
        report.findings
    );
}

#[test]
fn parallel_paths_split_the_flow_and_are_not_critical() {
    let map = map_of(
        vec![
            point("a", Some(4.0)),
            point("b", Some(1.0)),
            point("c", Some(4.0)),
            point("d", Some(4.0)),
        ],
        &[
            ("a", "b", None),
            ("a", "c", None),
            ("b", "d", None),
            ("c", "d", None),
        ],
    );
    let report = analyze(&map, &Config::default());
    for (name, critical, flow) in [
        ("a", true, 1.0),
        ("b", false, 0.5),
        ("c", false, 0.5),
        ("d", true, 1.0),
    ] {
        let analysis = report.touchpoint(&id(name)).expect("analysed");
        assert_eq!(analysis.must_pass, critical, "{name}");
        assert!(
            (analysis.flow - flow).abs() < 1e-9,
            "{name}: {}",
            analysis.flow
        );
    }
    assert!(finding(&report, Rule::Bottleneck, "b").is_none());
}

#[test]
fn link_shares_steer_the_flow() {
    let map = map_of(
        vec![
            point("a", Some(4.0)),
            point("b", Some(4.0)),
            point("c", Some(4.0)),
            point("d", Some(4.0)),
        ],
        &[
            ("a", "b", Some(0.9)),
            ("a", "c", Some(0.1)),
            ("b", "d", None),
            ("c", "d", None),
        ],
    );
    let report = analyze(&map, &Config::default());
    let flow_b = report.touchpoint(&id("b")).expect("analysed").flow;
    let flow_c = report.touchpoint(&id("c")).expect("analysed").flow;
    assert!((flow_b - 0.9).abs() < 1e-9, "{flow_b}");
    assert!((flow_c - 0.1).abs() < 1e-9, "{flow_c}");
}

#[test]
fn dead_ends_unreachable_points_and_entries_without_goal() {
    let mut entry = point("entry", Some(4.0));
    entry.role = Some(Role::Entry);
    let mut goal = point("goal", Some(4.0));
    goal.role = Some(Role::Goal);
    let mut lonely_entry = point("lonely-entry", Some(4.0));
    lonely_entry.role = Some(Role::Entry);
    let map = map_of(
        vec![
            entry,
            goal,
            point("stuck", Some(4.0)),
            point("orphan", Some(4.0)),
            lonely_entry,
        ],
        &[
            ("entry", "goal", None),
            ("entry", "stuck", None),
            ("orphan", "goal", None),
            ("lonely-entry", "stuck", None),
        ],
    );
    let report = analyze(&map, &Config::default());
    assert_eq!(rules_for(&report, "stuck"), vec![Rule::DeadEnd]);
    assert!(rules_for(&report, "orphan").contains(&Rule::Unreachable));
    assert!(rules_for(&report, "lonely-entry").contains(&Rule::NoGoal));
    assert!(!rules_for(&report, "entry").contains(&Rule::NoGoal));
    assert!(rules_for(&report, "goal").is_empty());
    assert_eq!(
        finding(&report, Rule::DeadEnd, "stuck")
            .expect("found")
            .severity,
        Severity::High
    );
}

#[test]
fn without_roles_entries_and_goals_come_from_the_links() {
    let map = map_of(
        vec![point("a", Some(4.0)), point("b", Some(4.0))],
        &[("a", "b", None)],
    );
    let report = analyze(&map, &Config::default());
    let a = report.touchpoint(&id("a")).expect("analysed");
    let b = report.touchpoint(&id("b")).expect("analysed");
    assert!(a.entry && !a.goal && b.goal && !b.entry);
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

#[test]
fn when_no_goal_is_reachable_nothing_is_critical() {
    let mut goal = point("goal", Some(4.0));
    goal.role = Some(Role::Goal);
    let mut entry = point("a", Some(1.0));
    entry.role = Some(Role::Entry);
    let map = map_of(
        vec![entry, point("b", Some(1.0)), goal],
        &[("a", "b", None)],
    );
    let report = analyze(&map, &Config::default());
    assert!(
        report
            .touchpoints
            .iter()
            .all(|t| !t.must_pass && t.flow == 0.0)
    );
    assert!(finding(&report, Rule::Bottleneck, "a").is_none());
}

#[test]
fn drop_off_needs_every_share_and_less_than_half_continuing() {
    let mut important = point("important", Some(4.0));
    important.importance = 4;
    let map = map_of(
        vec![
            important,
            point("minor", Some(4.0)),
            point("mixed", Some(4.0)),
            point("healthy", Some(4.0)),
            point("end", Some(4.0)),
        ],
        &[
            ("important", "end", Some(0.2)),
            ("important", "minor", Some(0.1)),
            ("minor", "end", Some(0.4)),
            ("mixed", "end", Some(0.1)),
            ("mixed", "healthy", None),
            ("healthy", "end", Some(0.6)),
        ],
    );
    let report = analyze(&map, &Config::default());
    let important = finding(&report, Rule::DropOff, "important").expect("30% continue");
    assert_eq!(important.severity, Severity::High);
    assert!(important.reason.contains("30%"), "{}", important.reason);
    assert_eq!(
        finding(&report, Rule::DropOff, "minor")
            .expect("40% continue")
            .severity,
        Severity::Medium
    );
    assert!(
        finding(&report, Rule::DropOff, "mixed").is_none(),
        "a link without share"
    );
    assert!(
        finding(&report, Rule::DropOff, "healthy").is_none(),
        "60% continue"
    );
}

#[test]
fn costly_is_over_three_times_the_median_cost_per_customer() {
    let priced = |name: &str, cost: f64, reach: f64| {
        let mut touchpoint = point(name, Some(4.0));
        touchpoint.cost = Some(cost);
        touchpoint.reach = Some(reach);
        touchpoint
    };
    let map = map_of(
        vec![
            priced("a", 100.0, 100.0),
            priced("b", 100.0, 100.0),
            priced("c", 290.0, 100.0),
            priced("d", 1000.0, 100.0),
            priced("free", 0.0, 100.0),
        ],
        &[
            ("a", "b", None),
            ("b", "c", None),
            ("c", "d", None),
            ("d", "free", None),
        ],
    );
    let report = analyze(&map, &Config::default());
    let costly: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == Rule::Costly)
        .collect();
    assert_eq!(costly.len(), 1, "{costly:?}");
    assert_eq!(costly[0].touchpoint, Some(id("d")));
    assert_eq!(costly[0].severity, Severity::Medium);
}

#[test]
fn unowned_and_unmeasured_depend_on_importance() {
    let mut important = point("important", None);
    important.owner = Some("  ".into());
    important.importance = 4;
    let mut minor = point("minor", None);
    minor.owner = None;
    let map = map_of(vec![important, minor], &[("important", "minor", None)]);
    let report = analyze(&map, &Config::default());
    assert_eq!(
        finding(&report, Rule::Unowned, "important")
            .expect("blank owner")
            .severity,
        Severity::Medium
    );
    assert_eq!(
        finding(&report, Rule::Unmeasured, "important")
            .expect("no score")
            .severity,
        Severity::Medium
    );
    assert_eq!(
        finding(&report, Rule::Unowned, "minor")
            .expect("no owner")
            .severity,
        Severity::Low
    );
    assert_eq!(
        finding(&report, Rule::Unmeasured, "minor")
            .expect("no score")
            .severity,
        Severity::Low
    );
}

#[test]
fn empty_stages_are_map_level_findings() {
    let mut map = Map::new("Test");
    let mut touchpoint = point("a", Some(4.0));
    touchpoint.stage = Some("Purchase".into());
    map.add_touchpoint(touchpoint).expect("valid");
    let report = analyze(&map, &Config::default());
    let empty: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == Rule::EmptyStage)
        .map(|f| f.stage.as_deref().expect("names its stage"))
        .collect();
    assert_eq!(
        empty,
        ["Awareness", "Consideration", "Delivery", "Use", "Loyalty"]
    );
    assert!(
        report
            .findings
            .iter()
            .filter(|f| f.rule == Rule::EmptyStage)
            .all(|f| f.touchpoint.is_none() && f.severity == Severity::Low)
    );
}

#[test]
fn findings_are_sorted_by_severity_then_weakness_then_id() {
    let map = crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example loads");
    let report = analyze(&map, &Config::default());
    for pair in report.findings.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(a.severity >= b.severity);
        if a.severity == b.severity {
            assert!(a.weakness.unwrap_or(-1.0) >= b.weakness.unwrap_or(-1.0));
        }
    }
}

#[test]
fn quadrants_use_the_means_as_crosshairs() {
    let rated = |name: &str, importance: u8, score: f64| {
        let mut touchpoint = point(name, Some(score));
        touchpoint.importance = importance;
        touchpoint
    };
    let map = map_of(
        vec![
            rated("concentrate", 5, 2.0),
            rated("keep-up", 5, 4.5),
            rated("low-priority", 1, 2.0),
            rated("overkill", 1, 4.5),
            point("unmeasured", None),
        ],
        &[],
    );
    let report = analyze(&map, &Config::default());
    for (name, quadrant) in [
        ("concentrate", Quadrant::Concentrate),
        ("keep-up", Quadrant::KeepUp),
        ("low-priority", Quadrant::LowPriority),
        ("overkill", Quadrant::Overkill),
    ] {
        assert_eq!(
            report.touchpoint(&id(name)).expect("analysed").quadrant,
            Some(quadrant),
            "{name}"
        );
    }
    assert_eq!(
        report
            .touchpoint(&id("unmeasured"))
            .expect("analysed")
            .quadrant,
        None
    );
}

#[test]
fn summaries_average_stages_and_channels_and_weight_by_reach() {
    let mut map = Map::new("Test");
    let add = |map: &mut Map,
               name: &str,
               stage: &str,
               channel: &str,
               score: f64,
               reach: f64,
               cost: f64| {
        let mut touchpoint = point(name, Some(score));
        touchpoint.stage = Some(stage.into());
        touchpoint.channel = Some(channel.into());
        touchpoint.reach = Some(reach);
        touchpoint.cost = Some(cost);
        map.add_touchpoint(touchpoint).expect("valid");
    };
    add(&mut map, "ad", "Awareness", "Instagram", 4.0, 1000.0, 500.0);
    add(
        &mut map,
        "page",
        "Consideration",
        "Website",
        2.0,
        3000.0,
        100.0,
    );
    add(&mut map, "shop", "Consideration", "Website", 3.0, 0.0, 0.0);
    map.add_link(&id("ad"), &id("page"), Link::default())
        .expect("valid");
    map.add_link(&id("page"), &id("shop"), Link::default())
        .expect("valid");
    let summary = analyze(&map, &Config::default()).summary;
    assert_eq!(summary.stages[0].score, Some(4.0));
    assert_eq!(summary.stages[1].score, Some(2.5));
    assert_eq!(summary.stages[2].score, None);
    assert_eq!(summary.channels.len(), 2);
    assert_eq!(summary.channels[1].channel, "Website");
    assert_eq!(summary.channels[1].score, Some(2.5));
    // The shop has no reach (0): the plain mean (4 + 2 + 3) / 3, and the summary says so.
    assert_eq!(summary.overall_score, Some(3.0));
    assert_eq!(summary.overall_basis, ScoreBasis::Mean);
    assert_eq!(summary.overall_text(), "3.0/5 (mean of 3 scores)");
    assert!((summary.total_cost - 600.0).abs() < 1e-9);
    assert_eq!(summary.reached_customers, Some(1000.0));
    assert_eq!(summary.cost_per_customer, Some(0.6));

    // Every measured touch point with a reach: (4 × 1000 + 2 × 3000 + 3 × 1000) / 5000 = 2.6.
    let mut shop = map.touchpoint(&id("shop")).expect("added").clone();
    shop.reach = Some(1000.0);
    map.update_touchpoint(shop).expect("valid");
    let summary = analyze(&map, &Config::default()).summary;
    assert!((summary.overall_score.expect("measured") - 2.6).abs() < 1e-12);
    assert_eq!(summary.overall_basis, ScoreBasis::ReachWeighted);
    assert_eq!(
        summary.overall_text(),
        "2.6/5 (weighted by reach, 3 scores)"
    );
}

#[test]
fn loops_terminate_and_keep_flow_in_range() {
    let map = map_of(
        vec![
            point("a", Some(2.0)),
            point("b", Some(2.0)),
            point("c", Some(2.0)),
            point("d", Some(2.0)),
        ],
        &[
            ("a", "b", None),
            ("b", "c", Some(0.5)),
            ("c", "b", Some(0.3)),
            ("c", "d", Some(0.7)),
            ("b", "a", Some(0.2)),
        ],
    );
    let report = analyze(&map, &Config::default());
    // a has an incoming link, so with no roles there is no entry: nothing flows.
    assert!(
        report
            .touchpoints
            .iter()
            .all(|t| (0.0..=1.0).contains(&t.flow))
    );
    let mut with_entry = map.clone();
    let mut a = with_entry.touchpoint(&id("a")).expect("exists").clone();
    a.role = Some(Role::Entry);
    with_entry.update_touchpoint(a).expect("valid");
    let report = analyze(&with_entry, &Config::default());
    assert!(
        report
            .touchpoints
            .iter()
            .all(|t| (0.0..=1.0).contains(&t.flow))
    );
    assert!(report.touchpoint(&id("c")).expect("analysed").must_pass);
}

#[test]
fn analysis_does_not_depend_on_insertion_order() {
    let forward = map_of(
        vec![
            point("a", Some(2.0)),
            point("b", Some(3.0)),
            point("c", None),
        ],
        &[("a", "b", None), ("b", "c", Some(0.2))],
    );
    let backward = map_of(
        vec![
            point("c", None),
            point("b", Some(3.0)),
            point("a", Some(2.0)),
        ],
        &[("b", "c", Some(0.2)), ("a", "b", None)],
    );
    assert_eq!(
        analyze(&forward, &Config::default()),
        analyze(&backward, &Config::default())
    );
}

#[test]
fn thresholds_are_configurable() {
    let strict = Config {
        critical: 0.2,
        high: 0.1,
        medium: 0.05,
        ..Config::default()
    };
    assert_eq!(strict.severity_of(0.21), Some(Severity::Critical));
    assert_eq!(Config::default().severity_of(0.21), None);
    assert_eq!(Config::default().severity_of(0.45), Some(Severity::High));
}

// The journey model, against fractions worked out by hand.

fn flow_of(report: &Report, name: &str) -> f64 {
    report.touchpoint(&id(name)).expect("analysed").flow
}

fn assert_flows(report: &Report, expected: &[(&str, f64)]) {
    for &(name, flow) in expected {
        let actual = flow_of(report, name);
        assert!(
            (actual - flow).abs() < 1e-9,
            "{name}: flow {actual}, expected {flow}"
        );
    }
}

fn with_role(mut touchpoint: TouchPoint, role: Role) -> TouchPoint {
    touchpoint.role = Some(role);
    touchpoint
}

#[test]
fn a_chain_carries_every_journey() {
    let map = map_of(
        vec![
            point("a", Some(4.0)),
            point("b", Some(4.0)),
            point("c", Some(4.0)),
        ],
        &[("a", "b", None), ("b", "c", None)],
    );
    let report = analyze(&map, &Config::default());
    assert_flows(&report, &[("a", 1.0), ("b", 1.0), ("c", 1.0)]);
    assert!(report.touchpoints.iter().all(|t| t.must_pass));
}

#[test]
fn a_branch_with_shares_counts_successful_journeys_only() {
    // a → b 0.6, a → c 0.3, 0.1 leave at a. Success = 0.9; b carries 0.6/0.9 = 2/3 of the
    // successful journeys, c 0.3/0.9 = 1/3.
    let map = map_of(
        vec![
            point("a", Some(4.0)),
            point("b", Some(4.0)),
            point("c", Some(4.0)),
            point("d", Some(4.0)),
        ],
        &[
            ("a", "b", Some(0.6)),
            ("a", "c", Some(0.3)),
            ("b", "d", None),
            ("c", "d", None),
        ],
    );
    let report = analyze(&map, &Config::default());
    assert_flows(
        &report,
        &[("a", 1.0), ("b", 2.0 / 3.0), ("c", 1.0 / 3.0), ("d", 1.0)],
    );
}

#[test]
fn an_entry_that_another_entry_links_to_keeps_its_own_links() {
    // Entries e1 and e2 start half the journeys each; e1 sends half of its customers on to e2.
    // Visits to e2 = 1/2 + 1/2 × 1/2 = 3/4; x gets 1/2 × 1/2 = 1/4; every journey succeeds.
    let map = map_of(
        vec![
            with_role(point("e1", Some(4.0)), Role::Entry),
            with_role(point("e2", Some(4.0)), Role::Entry),
            point("x", Some(4.0)),
            with_role(point("g", Some(4.0)), Role::Goal),
        ],
        &[
            ("e1", "e2", None),
            ("e1", "x", None),
            ("e2", "g", None),
            ("x", "g", None),
        ],
    );
    let report = analyze(&map, &Config::default());
    assert_flows(
        &report,
        &[
            ("e1", 1.0 / 2.0),
            ("e2", 3.0 / 4.0),
            ("x", 1.0 / 4.0),
            ("g", 1.0),
        ],
    );
}

#[test]
fn a_loop_back_to_the_product_page_is_solved_exactly() {
    // ad → page; page → checkout 0.5, page → support 0.5; support → page 0.6 (0.4 leave).
    // Visits: v(page) = 1 + 0.5 × 0.6 × v(page) = 10/7, v(support) = 5/7, v(checkout) = 5/7.
    // Success: h(page) = 0.5 + 0.3 h(page) = 5/7, h(support) = 0.6 × 5/7 = 3/7, success = 5/7.
    // flow(support) = (5/7 × 3/7) / (5/7) = 3/7; page passes 10/7 > 1, capped at 1.
    let map = map_of(
        vec![
            with_role(point("ad", Some(4.0)), Role::Entry),
            point("page", Some(4.0)),
            point("support", Some(4.0)),
            with_role(point("checkout", Some(4.0)), Role::Goal),
        ],
        &[
            ("ad", "page", None),
            ("page", "checkout", Some(0.5)),
            ("page", "support", Some(0.5)),
            ("support", "page", Some(0.6)),
        ],
    );
    let report = analyze(&map, &Config::default());
    assert_flows(
        &report,
        &[
            ("ad", 1.0),
            ("page", 1.0),
            ("support", 3.0 / 7.0),
            ("checkout", 1.0),
        ],
    );
    let journeys = journeys::Journeys::of(&map);
    let page = 2; // sorted ids: ad, checkout, page, support
    assert!((journeys.model.success[page] - 5.0 / 7.0).abs() < 1e-12);
    let visits = journeys.model.visits(&[1.0, 0.0, 0.0, 0.0]);
    assert!((visits[page] - 10.0 / 7.0).abs() < 1e-12);
}

#[test]
fn a_loop_with_no_way_out_ends_the_journey() {
    // a → g and a → b evenly; b ⇄ c never reaches a goal. Success 1/2, all through a and g.
    let map = map_of(
        vec![
            with_role(point("a", Some(4.0)), Role::Entry),
            point("b", Some(4.0)),
            point("c", Some(4.0)),
            with_role(point("g", Some(4.0)), Role::Goal),
        ],
        &[
            ("a", "g", None),
            ("a", "b", None),
            ("b", "c", None),
            ("c", "b", None),
        ],
    );
    let report = analyze(&map, &Config::default());
    assert_flows(&report, &[("a", 1.0), ("b", 0.0), ("c", 0.0), ("g", 1.0)]);
    let journeys = journeys::Journeys::of(&map);
    assert_eq!(journeys.reaches_goal, vec![true, false, false, true]);
    let visits = journeys.model.visits(&[1.0, 0.0, 0.0, 0.0]);
    // Half the customers arrive at b and end there; none moves on to c.
    assert!((visits[1] - 1.0 / 2.0).abs() < 1e-12 && visits[2] == 0.0);
    assert!((journeys.model.leaving(1) - 1.0).abs() < 1e-12);
}

#[test]
fn shares_above_one_are_scaled_down_and_leave_nothing_for_unshared_links() {
    // a → b 0.8, a → c 0.8 scale to 1/2 each; the unshared a → x gets max(0, 1 − 1.6) = 0.
    let map = map_of(
        vec![
            with_role(point("a", Some(4.0)), Role::Entry),
            point("b", Some(4.0)),
            point("c", Some(4.0)),
            point("x", Some(4.0)),
            with_role(point("g", Some(4.0)), Role::Goal),
        ],
        &[
            ("a", "b", Some(0.8)),
            ("a", "c", Some(0.8)),
            ("a", "x", None),
            ("b", "g", None),
            ("c", "g", None),
            ("x", "g", None),
        ],
    );
    let report = analyze(&map, &Config::default());
    assert_flows(
        &report,
        &[("b", 1.0 / 2.0), ("c", 1.0 / 2.0), ("x", 0.0), ("g", 1.0)],
    );
}

#[test]
fn unshared_links_split_what_the_shared_ones_leave() {
    // a → b 0.4; a → c and a → d share the remaining 0.6: 3/10 each.
    let map = map_of(
        vec![
            with_role(point("a", Some(4.0)), Role::Entry),
            point("b", Some(4.0)),
            point("c", Some(4.0)),
            point("d", Some(4.0)),
            with_role(point("g", Some(4.0)), Role::Goal),
        ],
        &[
            ("a", "b", Some(0.4)),
            ("a", "c", None),
            ("a", "d", None),
            ("b", "g", None),
            ("c", "g", None),
            ("d", "g", None),
        ],
    );
    let report = analyze(&map, &Config::default());
    assert_flows(
        &report,
        &[("b", 2.0 / 5.0), ("c", 3.0 / 10.0), ("d", 3.0 / 10.0)],
    );
}

#[test]
fn entries_are_weighted_by_reach_only_when_every_entry_has_one() {
    let reached = |name: &str, reach: Option<f64>| {
        let mut touchpoint = with_role(point(name, Some(4.0)), Role::Entry);
        touchpoint.reach = reach;
        touchpoint
    };
    let links = [
        ("e1", "x", None),
        ("e2", "y", None),
        ("x", "g", None),
        ("y", "g", None),
    ];
    let build = |e2_reach: Option<f64>| {
        map_of(
            vec![
                reached("e1", Some(3000.0)),
                reached("e2", e2_reach),
                point("x", Some(4.0)),
                point("y", Some(4.0)),
                with_role(point("g", Some(4.0)), Role::Goal),
            ],
            &links,
        )
    };
    // 3000 : 1000 → x carries 3/4 of the journeys, y 1/4.
    let report = analyze(&build(Some(1000.0)), &Config::default());
    assert_flows(&report, &[("x", 3.0 / 4.0), ("y", 1.0 / 4.0)]);
    // e2 has no reach: even split, 1/2 each.
    let report = analyze(&build(None), &Config::default());
    assert_flows(&report, &[("x", 1.0 / 2.0), ("y", 1.0 / 2.0)]);
    // A reach of zero counts as none.
    let report = analyze(&build(Some(0.0)), &Config::default());
    assert_flows(&report, &[("x", 1.0 / 2.0), ("y", 1.0 / 2.0)]);
}

mod evidence;
mod preflight;
mod removal;
mod rules;
