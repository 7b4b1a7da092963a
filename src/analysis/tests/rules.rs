//! The rules DESIGN.md sharpened so that they stop crying wolf — `drop-off` only before a goal,
//! `costly` per eventual customer, `shadowed-goal`, `no-goal` naming the links customers do not
//! take, `unlinked` cards — each with its negative.

use super::{Role, finding, id, map_of, point, rules_for, with_role};
use crate::analysis::{Config, Rule, Severity, analyze};
use crate::model::TouchPoint;

#[test]
fn a_review_request_after_the_purchase_is_no_drop_off_but_the_same_step_before_it_is() {
    // ad → purchase (goal) → review request, of whom 10 % write a review. Journeys end at the
    // purchase, so nobody on the way to a goal leaves at the review request.
    let map = map_of(
        vec![
            with_role(point("ad", Some(4.0)), Role::Entry),
            with_role(point("purchase", Some(4.0)), Role::Goal),
            point("review-request", Some(4.0)),
            point("review", Some(4.0)),
        ],
        &[
            ("ad", "purchase", None),
            ("purchase", "review-request", None),
            ("review-request", "review", Some(0.1)),
        ],
    );
    let report = analyze(&map, &Config::default());
    assert!(finding(&report, Rule::DropOff, "review-request").is_none());

    // The same 10 % before the purchase: most customers leave on the way to the goal.
    let mut quote_request = point("quote-request", Some(4.0));
    quote_request.channel = Some("Website".into());
    let map = map_of(
        vec![
            with_role(point("ad", Some(4.0)), Role::Entry),
            quote_request,
            with_role(point("purchase", Some(4.0)), Role::Goal),
        ],
        &[
            ("ad", "quote-request", None),
            ("quote-request", "purchase", Some(0.1)),
        ],
    );
    let report = analyze(&map, &Config::default());
    let drop_off = finding(&report, Rule::DropOff, "quote-request").expect("90% leave");
    assert!(
        drop_off
            .reason
            .contains("the other 90% leave here before reaching a goal")
    );
    // The action names what to check for a web form and the next step.
    assert!(
        drop_off.action.contains(
            "where visitors abandon it (ask Team), and make purchase the obvious next step"
        ),
        "{}",
        drop_off.action
    );
}

fn priced(name: &str, cost: f64, reach: f64) -> TouchPoint {
    let mut touchpoint = point(name, Some(4.0));
    touchpoint.cost = Some(cost);
    touchpoint.reach = Some(reach);
    touchpoint
}

#[test]
fn a_club_tour_that_costs_much_but_converts_well_is_not_costly() {
    // Three entries (even start): ad and flyer send 10 % on to the sign-up, the club tour 90 %.
    // Cost per eventual customer = cost ÷ (reach × success):
    //   ad    100 ÷ (1,000 × 0.1) = 1
    //   flyer 150 ÷ (1,000 × 0.1) = 1.5
    //   tour  400 ÷ (  500 × 0.9) = 8/9
    // median 1, limit 3: nothing is costly, though the tour costs 0.8 per customer reached —
    // eight times the ad's 0.1, which the old rule (cost per customer reached) flagged.
    let tour_map = |tour_cost: f64, tour_share: f64| {
        map_of(
            vec![
                with_role(priced("ad", 100.0, 1000.0), Role::Entry),
                with_role(priced("flyer", 150.0, 1000.0), Role::Entry),
                with_role(priced("tour", tour_cost, 500.0), Role::Entry),
                with_role(point("signup", Some(4.0)), Role::Goal),
            ],
            &[
                ("ad", "signup", Some(0.1)),
                ("flyer", "signup", Some(0.1)),
                ("tour", "signup", Some(tour_share)),
            ],
        )
    };
    let report = analyze(&tour_map(400.0, 0.9), &Config::default());
    assert!(
        report.findings.iter().all(|f| f.rule != Rule::Costly),
        "{:?}",
        report.findings
    );

    // The same tour converting 10 %: 400 ÷ (500 × 0.1) = 8 per eventual customer, over 3 × 1.5
    // (median of 1, 1.5, 8) = 4.5.
    let report = analyze(&tour_map(400.0, 0.1), &Config::default());
    let costly = finding(&report, Rule::Costly, "tour").expect("costly");
    assert_eq!(costly.severity, Severity::Medium);
    assert!(
        costly
            .reason
            .contains("tour costs 8 per customer who goes on to a goal (400 ÷ (500 reached × 10% who go on)), more than 3 times the map's median of 1.5"),
        "{}",
        costly.reason
    );
    assert!(finding(&report, Rule::Costly, "ad").is_none());
}

#[test]
fn money_spent_where_nobody_goes_on_to_a_goal_is_costly() {
    // The stand reaches customers who can never reach the sign-up: an infinite cost per eventual
    // customer, costly as soon as another figure is finite.
    let map = map_of(
        vec![
            with_role(priced("ad", 100.0, 1000.0), Role::Entry),
            with_role(priced("stand", 50.0, 1000.0), Role::Entry),
            point("leaflet", Some(4.0)),
            with_role(point("signup", Some(4.0)), Role::Goal),
        ],
        &[("ad", "signup", None), ("stand", "leaflet", None)],
    );
    let report = analyze(&map, &Config::default());
    let costly = finding(&report, Rule::Costly, "stand").expect("costly");
    assert!(
        costly.reason.contains("none of them can go on to a goal"),
        "{}",
        costly.reason
    );
    assert!(finding(&report, Rule::Costly, "ad").is_none());
}

#[test]
fn a_goal_behind_another_goal_is_shadowed_and_two_goals_side_by_side_are_not() {
    let mut signup = with_role(point("signup", Some(4.0)), Role::Goal);
    signup.name = "Membership activation".into();
    let mut month3 = with_role(point("month3", Some(4.0)), Role::Goal);
    month3.name = "Month-3 retention".into();
    let map = map_of(
        vec![
            with_role(point("ad", Some(4.0)), Role::Entry),
            signup,
            month3,
        ],
        &[("ad", "signup", None), ("signup", "month3", None)],
    );
    let report = analyze(&map, &Config::default());
    let shadowed = finding(&report, Rule::ShadowedGoal, "month3").expect("shadowed");
    assert_eq!(shadowed.severity, Severity::High);
    assert_eq!(
        shadowed.reason,
        "Journeys end at Membership activation, so none reach Month-3 retention."
    );
    assert!(shadowed.action.contains("its own objective"));
    assert!(finding(&report, Rule::ShadowedGoal, "signup").is_none());

    // Side by side: each is reached without passing the other.
    let map = map_of(
        vec![
            with_role(point("ad", Some(4.0)), Role::Entry),
            with_role(point("buy", Some(4.0)), Role::Goal),
            with_role(point("subscribe", Some(4.0)), Role::Goal),
        ],
        &[("ad", "buy", None), ("ad", "subscribe", None)],
    );
    let report = analyze(&map, &Config::default());
    assert!(report.findings.iter().all(|f| f.rule != Rule::ShadowedGoal));
}

#[test]
fn no_goal_names_the_links_customers_do_not_take() {
    // ad → page with a share of 0 (nobody clicks through yet), page → shop (goal).
    let mut page = point("page", Some(4.0));
    page.name = "Product page".into();
    let mut ad = with_role(point("ad", Some(4.0)), Role::Entry);
    ad.name = "Spring ad".into();
    let map = map_of(
        vec![ad, page, with_role(point("shop", Some(4.0)), Role::Goal)],
        &[("ad", "page", Some(0.0)), ("page", "shop", None)],
    );
    let report = analyze(&map, &Config::default());
    let no_goal = finding(&report, Rule::NoGoal, "ad").expect("no goal");
    assert!(
        no_goal
            .reason
            .starts_with("Customers who start at Spring ad can never reach a goal: customers do not take Spring ad → Product page"),
        "{}",
        no_goal.reason
    );
    assert!(!no_goal.reason.contains("no path of links"));

    // With no link towards a goal at all, it says so.
    let map = map_of(
        vec![
            with_role(point("ad", Some(4.0)), Role::Entry),
            point("page", Some(4.0)),
            with_role(point("shop", Some(4.0)), Role::Goal),
        ],
        &[("ad", "page", None), ("shop", "page", None)],
    );
    let report = analyze(&map, &Config::default());
    assert!(
        finding(&report, Rule::NoGoal, "ad")
            .expect("no goal")
            .reason
            .contains("no path of links leads from it to a goal")
    );
}

#[test]
fn a_card_not_linked_yet_is_neither_entry_nor_goal_and_moves_no_other_number() {
    let linked = || {
        vec![
            point("ad", Some(4.0)),
            point("page", Some(2.0)),
            point("shop", Some(4.0)),
        ]
    };
    let links = [("ad", "page", None), ("page", "shop", None)];
    let before = analyze(&map_of(linked(), &links), &Config::default());
    let mut points = linked();
    points.push(point("new-card", Some(1.5)));
    let after = analyze(&map_of(points, &links), &Config::default());

    let new_card = after.touchpoint(&id("new-card")).expect("analysed");
    assert!(!new_card.entry && !new_card.goal);
    assert_eq!(rules_for(&after, "new-card"), vec![Rule::Unlinked]);
    assert_eq!(
        finding(&after, Rule::Unlinked, "new-card")
            .expect("unlinked")
            .severity,
        Severity::Low
    );
    // Every other touch point's facts and findings are as they were.
    for analysis in &before.touchpoints {
        let mut again = after.touchpoint(&analysis.id).expect("analysed").clone();
        again.quadrant = analysis.quadrant; // the means move with the new card's score
        assert_eq!(&again, analysis);
    }
    let others: Vec<_> = after
        .findings
        .iter()
        .filter(|f| f.touchpoint != Some(id("new-card")) && f.rule != Rule::Bottleneck)
        .collect();
    let before_findings: Vec<_> = before
        .findings
        .iter()
        .filter(|f| f.rule != Rule::Bottleneck)
        .collect();
    assert_eq!(others, before_findings);
}
