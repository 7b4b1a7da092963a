//! Campaign pre-flight against numbers worked out by hand: the objective's goal as the campaign's
//! only goal, every readiness rule with its negative, the verdict, the calendar's daily load.

use super::*;

fn objective(goal: &str) -> crate::model::Objective {
    crate::model::Objective {
        id: "objective".into(),
        name: "Objective".into(),
        kind: crate::model::ObjectiveKind::Trial,
        goal: id(goal),
        kpi: Some("orders".into()),
        baseline: None,
        target: Some(0.0),
        value: None,
        extra: serde_json::Map::new(),
    }
}

fn campaign(channels: &[&str], reach: f64, budget: f64) -> crate::model::Campaign {
    crate::model::Campaign {
        id: "push".into(),
        name: "Push".into(),
        objective: "objective".into(),
        channels: channels.iter().map(|c| id(c)).collect(),
        reach,
        budget,
        ..crate::model::Campaign::default()
    }
}

fn with_plan(
    mut map: Map,
    objective: crate::model::Objective,
    campaign: crate::model::Campaign,
) -> Map {
    map.set_plan(crate::model::Plan {
        objectives: vec![objective],
        campaigns: vec![campaign],
    })
    .expect("valid plan");
    map
}

/// The map with every link's share observed in path data, so that `guessed-shares` stays quiet
/// in tests about other rules.
fn observed(mut map: Map) -> Map {
    let links: Vec<(TouchPointId, TouchPointId, Link)> = map
        .links()
        .into_iter()
        .map(|(from, to, link)| (from.clone(), to.clone(), link.clone()))
        .collect();
    for (from, to, mut link) in links {
        link.observed = Some(crate::model::Observed { n: 1.0, of: 1.0 });
        map.update_link(&from, &to, link).expect("valid link");
    }
    map
}

fn run_preflight(map: &Map) -> CampaignPreflight {
    let (_, preflight) = analyze_with_preflight(map, &Config::default());
    preflight
        .campaigns
        .into_iter()
        .next()
        .expect("one campaign")
}

fn row<'a>(preflight: &'a CampaignPreflight, name: &str) -> &'a CampaignTouchPoint {
    preflight.touchpoint(&id(name)).expect("every touch point")
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "{actual} instead of {expected}"
    );
}

fn readiness(preflight: &CampaignPreflight) -> Vec<(ReadinessRule, Option<&str>, Severity)> {
    preflight
        .findings
        .iter()
        .map(|f| {
            (
                f.rule,
                f.touchpoint.as_ref().map(TouchPointId::as_str),
                f.severity,
            )
        })
        .collect()
}

#[test]
fn a_campaign_on_a_chain_reaches_every_goal_it_pays_for() {
    // Channel page (not an entry): every one of 1,000 customers reaches checkout.
    // cost per goal 500/1000 = 1/2; ROI (1000 × 2 − 500)/500 = 3.
    let mut goal = objective("checkout");
    goal.value = Some(2.0);
    goal.baseline = Some(100.0);
    goal.target = Some(1100.0);
    let map = with_plan(
        observed(map_of(
            vec![
                point("ad", Some(4.0)),
                point("page", Some(4.0)),
                point("checkout", Some(4.0)),
            ],
            &[("ad", "page", None), ("page", "checkout", None)],
        )),
        goal,
        campaign(&["page"], 1000.0, 500.0),
    );
    let preflight = run_preflight(&map);
    close(row(&preflight, "ad").customers, 0.0);
    close(row(&preflight, "page").customers, 1000.0);
    close(preflight.goal_reached, 1000.0);
    close(preflight.goal_share, 1.0);
    close(preflight.cost_per_goal.expect("reached"), 1.0 / 2.0);
    close(preflight.roi.expect("value and budget"), 3.0);
    assert_eq!(preflight.meets_target, Some(true), "100 + 1000 ≥ 1100");
    assert!(preflight.findings.is_empty(), "{:?}", preflight.findings);
}

#[test]
fn a_branch_with_shares_loses_what_leaves() {
    // page → checkout 0.6, page → support 0.2, 0.2 leave; support → checkout.
    // Of 1,000: 200 lost at page, 800 reach checkout; support 200.
    // page scores 3: gap 1/2, exposure 1000 × 1/2 = 500.
    let map = with_plan(
        branch_map(),
        objective("checkout"),
        campaign(&["page"], 1000.0, 0.0),
    );
    let preflight = run_preflight(&map);
    close(row(&preflight, "page").lost, 200.0);
    close(row(&preflight, "support").customers, 200.0);
    close(row(&preflight, "page").exposure, 500.0);
    close(preflight.goal_reached, 800.0);
    close(preflight.goal_share, 4.0 / 5.0);
    assert_eq!(preflight.roi, None, "no value");
    assert_eq!(preflight.meets_target, None, "no baseline or target");
}

#[test]
fn a_loop_counts_each_customer_once_and_loses_the_rest() {
    // page → checkout 0.5, page → support 0.5; support → page 0.6 (0.4 leave). 700 customers at
    // page: visits v(page) = 10/7 → capped, 700 customers; v(support) = 5/7 → 500;
    // checkout 5/7 → 500; lost at support 700 × 5/7 × 0.4 = 200.
    let map = with_plan(
        map_of(
            vec![
                with_role(point("page", Some(4.0)), Role::Entry),
                point("support", Some(4.0)),
                with_role(point("checkout", Some(4.0)), Role::Goal),
            ],
            &[
                ("page", "checkout", Some(0.5)),
                ("page", "support", Some(0.5)),
                ("support", "page", Some(0.6)),
            ],
        ),
        objective("checkout"),
        campaign(&["page"], 700.0, 1000.0),
    );
    let preflight = run_preflight(&map);
    close(row(&preflight, "page").customers, 700.0);
    close(row(&preflight, "support").customers, 500.0);
    close(row(&preflight, "support").lost, 200.0);
    close(preflight.goal_reached, 500.0);
    close(preflight.goal_share, 5.0 / 7.0);
    close(preflight.cost_per_goal.expect("reached"), 2.0);
}

#[test]
fn a_split_divides_the_reach_between_the_channels() {
    // Split 3 : 1 of 400: a (→ goal) gets 300, b 100. No goal can be reached from b (its only link
    // leads to x, a dead end), so the journey ends at b: all 100 are lost there and none reach x.
    let mut split = campaign(&["a", "b"], 400.0, 0.0);
    split.split = Some(vec![3.0, 1.0]);
    let map = with_plan(
        map_of(
            vec![
                with_role(point("a", Some(4.0)), Role::Entry),
                with_role(point("b", Some(4.0)), Role::Entry),
                point("x", Some(4.0)),
                with_role(point("g", Some(4.0)), Role::Goal),
            ],
            &[("a", "g", None), ("b", "x", None)],
        ),
        objective("g"),
        split,
    );
    let preflight = run_preflight(&map);
    close(row(&preflight, "a").customers, 300.0);
    close(row(&preflight, "b").customers, 100.0);
    close(row(&preflight, "b").lost, 100.0);
    close(row(&preflight, "x").customers, 0.0);
    close(preflight.goal_reached, 300.0);
}

#[test]
fn a_campaign_whose_channels_cannot_reach_its_goal_misses_it() {
    let map = with_plan(
        map_of(
            vec![
                with_role(point("a", Some(4.0)), Role::Entry),
                point("b", Some(4.0)),
                with_role(point("g", Some(4.0)), Role::Goal),
            ],
            &[("a", "g", None)],
        ),
        objective("g"),
        campaign(&["b"], 1000.0, 100.0),
    );
    let preflight = run_preflight(&map);
    close(preflight.goal_reached, 0.0);
    assert_eq!(preflight.cost_per_goal, None);
    assert_eq!(
        readiness(&preflight),
        vec![(ReadinessRule::MissesGoal, None, Severity::Critical)]
    );
    close(row(&preflight, "b").lost, 1000.0);
}

/// c → w (share `share`) and c → g (the rest); w → g. w scores 1 and matters 5/5: its weakness is
/// 1 × 1 × (0.5 + 0.5 × flow), flow = share, so at least 0.5: high, below critical for share < 0.2.
fn weak_spot_map(share: f64) -> Map {
    let mut weak = point("w", Some(1.0));
    weak.importance = 5;
    map_of(
        vec![point("c", Some(4.0)), weak, point("g", Some(4.0))],
        &[("c", "w", Some(share)), ("c", "g", None), ("w", "g", None)],
    )
}

#[test]
fn ten_percent_through_a_weak_spot_amplifies_it_and_nine_does_not() {
    // 10 % of 1,000 through w: weakness 0.55, high.
    let preflight = run_preflight(&with_plan(
        observed(weak_spot_map(0.10)),
        objective("g"),
        campaign(&["c"], 1000.0, 0.0),
    ));
    assert_eq!(
        readiness(&preflight),
        vec![(ReadinessRule::AmplifiedWeakSpot, Some("w"), Severity::High)]
    );
    assert!(
        preflight.findings[0]
            .reason
            .contains("Push sends 100 of its 1,000 customers (10%) through w, which scores 1.0/5."),
        "{}",
        preflight.findings[0].reason
    );
    let preflight = run_preflight(&with_plan(
        observed(weak_spot_map(0.09)),
        objective("g"),
        campaign(&["c"], 1000.0, 0.0),
    ));
    assert!(preflight.findings.is_empty(), "{:?}", preflight.findings);
}

#[test]
fn slow_response_needs_a_known_response_time_slower_than_the_campaigns() {
    let build = |channel: &str, answers: Option<f64>| {
        let mut ad = point("ad", Some(4.0));
        ad.channel = Some(channel.into());
        ad.response_hours = answers;
        let mut push = campaign(&["ad"], 1000.0, 0.0);
        push.response_hours = Some(4.0);
        run_preflight(&with_plan(
            observed(map_of(
                vec![ad, point("g", Some(4.0))],
                &[("ad", "g", None)],
            )),
            objective("g"),
            push,
        ))
    };
    assert_eq!(
        readiness(&build("Instagram", Some(6.0))),
        vec![(ReadinessRule::SlowResponse, Some("ad"), Severity::High)]
    );
    assert_eq!(
        readiness(&build("Monthly billing e-mail", Some(48.0))),
        vec![(ReadinessRule::SlowResponse, Some("ad"), Severity::High)],
        "a known time slower than the campaign's counts on any channel"
    );
    assert!(
        readiness(&build("Instagram", Some(4.0))).is_empty(),
        "fast enough"
    );
    // No agreed time is not "slow": it is one unknown-response finding, medium, and only where
    // customers talk back (case-insensitive); an e-mail without a time says nothing.
    assert_eq!(
        readiness(&build("x/twitter", None)),
        vec![(ReadinessRule::UnknownResponse, None, Severity::Medium)]
    );
    assert!(
        readiness(&build("E-mail", None)).is_empty(),
        "not a conversation"
    );
    assert!(
        readiness(&build("Delivery", None)).is_empty(),
        "not conversational"
    );
}

#[test]
fn unknown_response_is_one_finding_naming_every_silent_conversation() {
    // ad (Instagram) → chat (Chat, 50%) and → mail (E-mail, 50 %) → g. Neither chat nor ad has a
    // response time; the e-mail has none either but is not a conversation.
    let mut ad = point("ad", Some(4.0));
    ad.channel = Some("Instagram".into());
    let mut chat = point("chat", Some(4.0));
    chat.channel = Some("Chat".into());
    chat.owner = Some("Service".into());
    let mut mail = point("mail", Some(4.0));
    mail.channel = Some("E-mail".into());
    let mut push = campaign(&["ad"], 1000.0, 0.0);
    push.response_hours = Some(2.0);
    let preflight = run_preflight(&with_plan(
        observed(map_of(
            vec![ad, chat, mail, point("g", Some(4.0))],
            &[
                ("ad", "chat", Some(0.5)),
                ("ad", "mail", Some(0.5)),
                ("chat", "g", None),
                ("mail", "g", None),
            ],
        )),
        objective("g"),
        push,
    ));
    assert_eq!(
        readiness(&preflight),
        vec![(ReadinessRule::UnknownResponse, None, Severity::Medium)]
    );
    let reason = &preflight.findings[0].reason;
    assert!(reason.contains("ad (Instagram, 100%)"), "{reason}");
    assert!(reason.contains("chat (Chat, 50%)"), "{reason}");
    assert!(!reason.contains("mail"), "{reason}");
    assert!(preflight.findings[0].action.contains("Service, Team"));
    assert_eq!(preflight.verdict, Verdict::Go, "medium only");
}

#[test]
fn money_target_owner_and_measurement_rules() {
    let mut goal = objective("g");
    goal.value = Some(1.0);
    goal.baseline = Some(0.0);
    goal.target = Some(2000.0);
    goal.kpi = None;
    let mut ad = point("ad", Some(4.0));
    ad.owner = None;
    let map = with_plan(
        observed(map_of(
            vec![ad, point("g", Some(4.0))],
            &[("ad", "g", None)],
        )),
        goal.clone(),
        campaign(&["ad"], 1000.0, 2000.0),
    );
    let preflight = run_preflight(&map);
    // 1,000 goals × 1 < 2,000 budget; 0 + 1,000 < 2,000 target; no KPI; nobody owns the ad.
    assert_eq!(
        readiness(&preflight),
        vec![
            (ReadinessRule::UnownedChannel, Some("ad"), Severity::High),
            (ReadinessRule::Unprofitable, None, Severity::High),
            (ReadinessRule::MissesTarget, None, Severity::Medium),
            (ReadinessRule::UnmeasuredObjective, None, Severity::Medium),
        ]
    );
    close(preflight.roi.expect("value and budget"), -1.0 / 2.0);
    // The negatives: a budget the goals pay for, a target in reach, a KPI, an owner.
    goal.kpi = Some("orders".into());
    goal.target = Some(500.0);
    let map = with_plan(
        observed(map_of(
            vec![point("ad", Some(4.0)), point("g", Some(4.0))],
            &[("ad", "g", None)],
        )),
        goal,
        campaign(&["ad"], 1000.0, 500.0),
    );
    assert!(readiness(&run_preflight(&map)).is_empty());
}

#[test]
fn every_campaign_customer_ends_at_a_goal_or_is_lost_somewhere() {
    // Conservation on a tangled synthetic map: Σ lost + the customers arriving at the objective's
    // goal = reach (the map's other goals are passed through, or lose those who stop there).
    let map = crate::synthetic::synthetic_map(600, 9);
    let (_, preflight) = analyze_with_preflight(&map, &Config::default());
    let campaign = preflight
        .campaigns
        .first()
        .expect("synthetic maps carry a campaign");
    let goal = &map
        .plan()
        .objective(&campaign.objective)
        .expect("known")
        .goal;
    let lost: f64 = campaign.touchpoints.iter().map(|t| t.lost).sum();
    close(campaign.touchpoint(goal).expect("goal").lost, 0.0);
    assert!(
        (lost + campaign.goal_reached - campaign.reach).abs() < 1e-6 * campaign.reach,
        "{lost} + {} ≠ {}",
        campaign.goal_reached,
        campaign.reach
    );
}

/// ad → signup (goal) → month3 (goal, share `onward`); the rest leave at signup.
fn two_goals_in_a_row(onward: f64) -> Map {
    map_of(
        vec![
            with_role(point("ad", Some(4.0)), Role::Entry),
            with_role(point("signup", Some(4.0)), Role::Goal),
            with_role(point("month3", Some(4.0)), Role::Goal),
        ],
        &[("ad", "signup", None), ("signup", "month3", Some(onward))],
    )
}

#[test]
fn the_objectives_goal_is_the_campaigns_only_goal() {
    // Objective at month3: customers pass signup (another goal) and 40 % go on.
    // goal_reached = 1,000 × 2/5 = 400; lost at signup = 1,000 × 3/5 = 600.
    let preflight = run_preflight(&with_plan(
        observed(two_goals_in_a_row(0.4)),
        objective("month3"),
        campaign(&["ad"], 1000.0, 0.0),
    ));
    close(preflight.goal_reached, 400.0);
    close(row(&preflight, "signup").customers, 1000.0);
    close(row(&preflight, "signup").lost, 600.0);
    close(row(&preflight, "month3").lost, 0.0);
    assert!(
        !readiness(&preflight)
            .iter()
            .any(|(rule, ..)| *rule == ReadinessRule::MissesGoal),
        "links lead there: {:?}",
        preflight.findings
    );
    // Objective at signup: everyone arrives and the journey ends there; the goal is never lost,
    // and nobody is counted at month3.
    let preflight = run_preflight(&with_plan(
        observed(two_goals_in_a_row(0.4)),
        objective("signup"),
        campaign(&["ad"], 1000.0, 0.0),
    ));
    close(preflight.goal_reached, 1000.0);
    close(row(&preflight, "signup").lost, 0.0);
    close(row(&preflight, "month3").customers, 0.0);
}

#[test]
fn a_loop_through_the_first_goal_is_followed_to_the_objectives_goal() {
    // ad → signup (goal); signup → month3 0.5, signup → support 0.5; support → signup 0.6 (0.4
    // leave). From signup: h = 1/2 + 1/2 × 3/5 × h → h = 5/7; visits(signup) = 1 + 3/10 × v →
    // v = 10/7 (capped: 1,000 customers); support 5/7 → 5,000/7; goal 1,000 × 5/7 = 5,000/7;
    // lost at support 1,000 × 5/7 × 2/5 = 2,000/7; 5,000/7 + 2,000/7 = 1,000.
    let map = map_of(
        vec![
            with_role(point("ad", Some(4.0)), Role::Entry),
            with_role(point("signup", Some(4.0)), Role::Goal),
            point("support", Some(4.0)),
            with_role(point("month3", Some(4.0)), Role::Goal),
        ],
        &[
            ("ad", "signup", None),
            ("signup", "month3", Some(0.5)),
            ("signup", "support", Some(0.5)),
            ("support", "signup", Some(0.6)),
        ],
    );
    let preflight = run_preflight(&with_plan(
        observed(map),
        objective("month3"),
        campaign(&["ad"], 1000.0, 0.0),
    ));
    close(preflight.goal_reached, 5000.0 / 7.0);
    close(row(&preflight, "signup").customers, 1000.0);
    close(row(&preflight, "support").customers, 5000.0 / 7.0);
    close(row(&preflight, "support").lost, 2000.0 / 7.0);
    close(row(&preflight, "signup").lost, 0.0);
}

#[test]
fn misses_goal_says_what_is_true() {
    // Links lead to month3, but with a share of 0 nobody takes them.
    let preflight = run_preflight(&with_plan(
        two_goals_in_a_row(0.0),
        objective("month3"),
        campaign(&["ad"], 1000.0, 100.0),
    ));
    assert_eq!(preflight.verdict, Verdict::Stop);
    let finding = &preflight.findings[0];
    assert_eq!(finding.rule, ReadinessRule::MissesGoal);
    assert!(
        !finding.reason.contains("no path of links"),
        "{}",
        finding.reason
    );
    assert!(
        finding.reason.contains("links lead there") && finding.reason.contains("signup → month3"),
        "{}",
        finding.reason
    );
    // No link at all towards the goal: then that is what it says.
    let map = map_of(
        vec![
            with_role(point("a", Some(4.0)), Role::Entry),
            point("b", Some(4.0)),
            with_role(point("g", Some(4.0)), Role::Goal),
        ],
        &[("a", "g", None)],
    );
    let preflight = run_preflight(&with_plan(map, objective("g"), campaign(&["b"], 10.0, 0.0)));
    assert!(
        preflight.findings[0]
            .reason
            .contains("no path of links leads there")
    );
}

#[test]
fn the_verdict_follows_the_worst_findings() {
    let finding = |rule, severity| ReadinessFinding {
        rule,
        touchpoint: None,
        severity,
        reason: String::new(),
        action: String::new(),
        weakness: None,
    };
    assert_eq!(Verdict::of(&[]), Verdict::Go);
    assert_eq!(
        Verdict::of(&[
            finding(ReadinessRule::MissesTarget, Severity::Medium),
            finding(ReadinessRule::Undated, Severity::Low)
        ]),
        Verdict::Go
    );
    assert_eq!(
        Verdict::of(&[finding(ReadinessRule::Overloaded, Severity::High)]),
        Verdict::FixFirst
    );
    assert_eq!(
        Verdict::of(&[finding(
            ReadinessRule::AmplifiedWeakSpot,
            Severity::Critical
        )]),
        Verdict::FixFirst
    );
    assert_eq!(
        Verdict::of(&[
            finding(ReadinessRule::AmplifiedWeakSpot, Severity::Critical),
            finding(ReadinessRule::Unprofitable, Severity::High)
        ]),
        Verdict::Stop
    );
    assert_eq!(
        Verdict::of(&[finding(ReadinessRule::MissesGoal, Severity::Critical)]),
        Verdict::Stop
    );
    // Only the misses-goal and unprofitable rules stop a campaign.
    let stopping: Vec<ReadinessRule> = ReadinessRule::all()
        .filter(|rule| rule.stops_the_campaign())
        .collect();
    assert_eq!(
        stopping,
        vec![ReadinessRule::MissesGoal, ReadinessRule::Unprofitable]
    );
}

/// ad1 → d → g and ad2 → d → g; d can take `capacity` extra customers a day.
/// Campaign a: 1,000 customers, 1–10 March 2027 (10 days) → 100 a day at d.
/// Campaign b: 600 customers, 6–11 March (6 days) → 100 a day at d.
fn two_campaigns(capacity: Option<f64>, b_dates: Option<(&str, &str)>) -> Map {
    let mut d = point("d", Some(4.0));
    d.capacity_per_day = capacity;
    let map = observed(map_of(
        vec![
            with_role(point("ad1", Some(4.0)), Role::Entry),
            with_role(point("ad2", Some(4.0)), Role::Entry),
            d,
            with_role(point("g", Some(4.0)), Role::Goal),
        ],
        &[("ad1", "d", None), ("ad2", "d", None), ("d", "g", None)],
    ));
    let mut a = campaign(&["ad1"], 1000.0, 0.0);
    a.id = "a".into();
    a.name = "Campaign A".into();
    a.starts = Some("2027-03-01".into());
    a.ends = Some("2027-03-10".into());
    let mut b = campaign(&["ad2"], 600.0, 0.0);
    b.id = "b".into();
    b.name = "Campaign B".into();
    if let Some((starts, ends)) = b_dates {
        b.starts = Some(starts.into());
        b.ends = Some(ends.into());
    }
    let mut map = map;
    map.set_plan(crate::model::Plan {
        objectives: vec![objective("g")],
        campaigns: vec![a, b],
    })
    .expect("valid plan");
    map
}

#[test]
fn overlapping_campaigns_add_up_day_by_day() {
    let map = two_campaigns(Some(150.0), Some(("2027-03-06", "2027-03-11")));
    let (_, preflight) = analyze_with_preflight(&map, &Config::default());
    let calendar = calendar(&map, &preflight);
    // 1–11 March: 11 days.
    assert_eq!(calendar.days.len(), 11);
    let load_at_d = |date: &str| {
        let day = calendar
            .days
            .iter()
            .find(|day| day.date == date)
            .expect("a day of the calendar");
        let row = day
            .touchpoints
            .iter()
            .find(|row| row.id.as_str() == "d")
            .expect("d has a capacity");
        (row.load, row.campaigns.clone(), row.overloaded())
    };
    // 1–5 March: a alone, 1,000 / 10 = 100. 6–10: 100 + 600 / 6 = 200. 11: b alone, 100.
    let (load, campaigns, over) = load_at_d("2027-03-01");
    close(load, 100.0);
    assert_eq!((campaigns, over), (vec!["a".to_owned()], false));
    let (load, campaigns, over) = load_at_d("2027-03-06");
    close(load, 200.0);
    assert_eq!(
        (campaigns, over),
        (vec!["a".to_owned(), "b".to_owned()], true)
    );
    close(load_at_d("2027-03-10").0, 200.0);
    let (load, campaigns, _) = load_at_d("2027-03-11");
    close(load, 100.0);
    assert_eq!(campaigns, vec!["b".to_owned()]);
    // Both campaigns send customers to d on the overloaded days: both get the finding, high
    // (200 is not more than twice 150), naming the days, the peak and the capacity.
    for campaign in &preflight.campaigns {
        let finding = campaign
            .findings
            .iter()
            .find(|f| f.rule == ReadinessRule::Overloaded)
            .expect("overloaded");
        assert_eq!(finding.severity, Severity::High);
        assert_eq!(finding.touchpoint, Some(id("d")));
        assert_eq!(
            finding.reason,
            "d gets up to 200 extra customers a day from 6 Mar to 10 Mar, with Campaign A and Campaign B running together; it can take 150."
        );
        assert_eq!(campaign.verdict, Verdict::FixFirst);
    }
}

#[test]
fn overloaded_is_critical_above_twice_the_capacity_and_quiet_at_it() {
    // Capacity 90: a alone already exceeds it (100 > 90) from 1 March; the peak 200 > 2 × 90.
    let map = two_campaigns(Some(90.0), Some(("2027-03-06", "2027-03-11")));
    let (_, preflight) = analyze_with_preflight(&map, &Config::default());
    let finding = preflight.campaigns[0]
        .findings
        .iter()
        .find(|f| f.rule == ReadinessRule::Overloaded)
        .expect("overloaded");
    assert_eq!(finding.severity, Severity::Critical);
    assert!(
        finding.reason.contains("from 1 Mar to 10 Mar"),
        "{}",
        finding.reason
    );
    // Capacity 200: the peak equals it, which is not more.
    let map = two_campaigns(Some(200.0), Some(("2027-03-06", "2027-03-11")));
    let (_, preflight) = analyze_with_preflight(&map, &Config::default());
    assert!(preflight.all_go(), "{:?}", preflight.campaigns[0].findings);
    // Apart: b from 11 March alone is 100 a day, under 150.
    let map = two_campaigns(Some(150.0), Some(("2027-03-11", "2027-03-16")));
    let (_, preflight) = analyze_with_preflight(&map, &Config::default());
    assert!(preflight.all_go());
}

#[test]
fn an_undated_campaign_beside_dated_ones_is_off_the_calendar() {
    let map = two_campaigns(Some(150.0), None);
    let (_, preflight) = analyze_with_preflight(&map, &Config::default());
    assert!(
        preflight.campaigns[0].findings.is_empty(),
        "a alone: 100 a day"
    );
    assert_eq!(
        readiness(&preflight.campaigns[1]),
        vec![(ReadinessRule::Undated, None, Severity::Low)]
    );
    assert_eq!(preflight.campaigns[1].verdict, Verdict::Go);
    let calendar = calendar(&map, &preflight);
    assert_eq!(calendar.days.len(), 10, "1–10 March, a's days only");
    // With no campaign dated, nobody is told to date theirs.
    let mut plan = map.plan().clone();
    plan.campaigns[0].starts = None;
    plan.campaigns[0].ends = None;
    let mut map = map;
    map.set_plan(plan).expect("valid");
    let (_, preflight) = analyze_with_preflight(&map, &Config::default());
    assert!(preflight.all_go());
    assert!(preflight.campaigns.iter().all(|c| c.findings.is_empty()));
}

#[test]
fn a_high_conversion_on_guessed_shares_says_so() {
    // ad → g with no observed count: goal share 100 % > 20 %.
    let map = map_of(
        vec![point("ad", Some(4.0)), point("g", Some(4.0))],
        &[("ad", "g", None)],
    );
    let preflight = run_preflight(&with_plan(
        map.clone(),
        objective("g"),
        campaign(&["ad"], 1000.0, 0.0),
    ));
    assert_eq!(
        readiness(&preflight),
        vec![(ReadinessRule::GuessedShares, None, Severity::Medium)]
    );
    assert!(preflight.findings[0].reason.contains("1 of the 1 links"));
    // Observed: quiet.
    let preflight = run_preflight(&with_plan(
        observed(map),
        objective("g"),
        campaign(&["ad"], 1000.0, 0.0),
    ));
    assert!(preflight.findings.is_empty());
    // 20 % reach the goal (not above), ROI (200 × 1 − 100) / 100 = 1 (not above 10): quiet.
    let mut goal = objective("g");
    goal.value = Some(1.0);
    let preflight = run_preflight(&with_plan(
        map_of(
            vec![point("ad", Some(4.0)), point("g", Some(4.0))],
            &[("ad", "g", Some(0.2))],
        ),
        goal,
        campaign(&["ad"], 1000.0, 100.0),
    ));
    close(preflight.goal_share, 1.0 / 5.0);
    assert!(preflight.findings.is_empty(), "{:?}", preflight.findings);
}

#[test]
fn objectives_add_up_their_campaigns() {
    // a reaches 1,000 × 1 and b 600 × 1 at g: 1,600 against a baseline of 100 and a target of
    // 1,800 → 1,700, missed.
    let mut map = two_campaigns(None, None);
    let mut plan = map.plan().clone();
    plan.objectives[0].baseline = Some(100.0);
    plan.objectives[0].target = Some(1800.0);
    map.set_plan(plan).expect("valid");
    let (_, preflight) = analyze_with_preflight(&map, &Config::default());
    let total = &preflight.objectives[0];
    close(total.goal_reached, 1600.0);
    assert_eq!(total.meets_target, Some(false));
    assert_eq!(total.campaigns, 2);
    assert_eq!(
        crate::export::text::objective_line(&map, total),
        "Objective (at g): baseline 100 + 1,600 from 2 campaigns = 1,700 of target 1,800 — missed"
    );
}

/// page → checkout 0.6, page → support 0.2 (0.2 leave), support → checkout; page scores 3.
fn branch_map() -> Map {
    map_of(
        vec![
            point("page", Some(3.0)),
            point("support", Some(4.0)),
            point("checkout", Some(4.0)),
        ],
        &[
            ("page", "checkout", Some(0.6)),
            ("page", "support", Some(0.2)),
            ("support", "checkout", None),
        ],
    )
}

/// The branch map of `a_branch_with_shares_loses_what_leaves` with two segments: "parents" score
/// page 2 and continue to checkout only 0.3 of the time; "returning" have no values of their own.
fn map_with_segments() -> Map {
    let mut map = branch_map();
    map.set_segments(
        ["parents", "returning"]
            .map(|segment| crate::model::Segment {
                id: segment.into(),
                name: segment.into(),
                ..crate::model::Segment::default()
            })
            .to_vec(),
    )
    .expect("valid segments");
    let mut page = map.touchpoint(&id("page")).expect("page").clone();
    page.segments.insert(
        "parents".into(),
        crate::model::SegmentValues {
            score: Some(2.0),
            ..crate::model::SegmentValues::default()
        },
    );
    map.update_touchpoint(page).expect("valid");
    let mut link = map
        .link(&id("page"), &id("checkout"))
        .expect("link")
        .clone();
    link.segments.insert(
        "parents".into(),
        crate::model::SegmentShare {
            share: Some(0.3),
            ..crate::model::SegmentShare::default()
        },
    );
    map.update_link(&id("page"), &id("checkout"), link)
        .expect("valid");
    map
}

#[test]
fn a_campaign_aimed_at_a_segment_moves_by_that_segments_model() {
    // Parents: page → checkout 0.3, page → support 0.2, 0.5 leave; support → checkout.
    // Of 1,000: 500 lost at page, 300 + 200 = 500 reach checkout (goal share 1/2).
    // Page scores 2 for them: gap 3/4, exposure 1000 × 3/4 = 750.
    let mut aimed = campaign(&["page"], 1000.0, 0.0);
    aimed.segment = Some("parents".into());
    let map = with_plan(map_with_segments(), objective("checkout"), aimed);
    let parents = |preflight: &CampaignPreflight| {
        close(row(preflight, "page").lost, 500.0);
        close(row(preflight, "support").customers, 200.0);
        close(row(preflight, "page").exposure, 750.0);
        close(preflight.goal_reached, 500.0);
        close(preflight.goal_share, 1.0 / 2.0);
    };
    parents(&run_preflight(&map));
    // The editor showing the other segment (or the parents) changes nothing for this campaign.
    for shown in ["returning", "parents"] {
        let (_, preflight) = analyze_segment_with_preflight(&map, Some(shown), &Config::default());
        parents(&preflight.campaigns[0]);
    }

    // The same campaign for everyone: 800 reach checkout, exposure 1000 × 1/2 = 500 (as in
    // `a_branch_with_shares_loses_what_leaves`).
    let mut plan = map.plan().clone();
    plan.campaigns[0].segment = None;
    let mut everyone = map.clone();
    everyone.set_plan(plan).expect("valid");
    let preflight = run_preflight(&everyone);
    close(preflight.goal_reached, 800.0);
    close(row(&preflight, "page").exposure, 500.0);
    // Without a segment of its own it moves by the segment the editor shows.
    let (_, shown) = analyze_segment_with_preflight(&everyone, Some("parents"), &Config::default());
    parents(&shown.campaigns[0]);
}

#[test]
fn a_campaign_naming_an_unknown_segment_is_refused_and_a_named_segment_stays() {
    let mut aimed = campaign(&["page"], 1000.0, 0.0);
    aimed.segment = Some("grandparents".into());
    let mut map = map_with_segments();
    let error = map
        .set_plan(crate::model::Plan {
            objectives: vec![objective("checkout")],
            campaigns: vec![aimed.clone()],
        })
        .expect_err("unknown segment");
    assert_eq!(error.place, "campaigns[0].segment");
    assert!(
        error.message.contains("(parents, returning)"),
        "{}",
        error.message
    );
    aimed.segment = Some("returning".into());
    let mut map = with_plan(map, objective("checkout"), aimed);
    let parents_only = map.segments()[..1].to_vec();
    let refused = map
        .set_segments(parents_only)
        .expect_err("returning is named");
    assert!(
        refused
            .to_string()
            .contains("campaign 'push' aims at segment 'returning'"),
        "{refused}"
    );
    assert_eq!(map.segments().len(), 2, "unchanged");
}
