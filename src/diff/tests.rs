//! The diff against changes made by hand to the example map.

use super::*;
use crate::model::{Link, TouchPoint};

fn id(text: &str) -> TouchPointId {
    TouchPointId::new(text).expect("valid")
}

fn before() -> Map {
    crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example")
}

#[test]
fn identical_maps_have_no_diff() {
    assert!(diff(&before(), &before(), &Config::default()).is_empty());
}

#[test]
fn finds_added_removed_rescored_edited_and_relinked() {
    let old = before();
    let mut new = old.clone();
    new.add_touchpoint(TouchPoint::new(id("returns-desk"), "Returns desk"))
        .expect("valid");
    new.remove_touchpoint(&id("size-guide")).expect("exists");
    let mut delivery = new.touchpoint(&id("delivery")).expect("exists").clone();
    delivery.score = Some(4.6);
    delivery.owner = Some("New courier".into());
    new.update_touchpoint(delivery).expect("valid");
    new.add_link(&id("returns-desk"), &id("repeat-purchase"), Link::default())
        .expect("valid");
    new.update_link(
        &id("basket"),
        &id("checkout"),
        Link {
            share: Some(0.9),
            ..Link::default()
        },
    )
    .expect("exists");
    new.title = "After the campaign".into();

    let changes = diff(&old, &new, &Config::default());
    assert_eq!(
        changes
            .map_changed
            .iter()
            .map(|c| c.field.as_str())
            .collect::<Vec<_>>(),
        ["title"]
    );
    assert_eq!(
        changes
            .added
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>(),
        ["returns-desk"]
    );
    assert_eq!(
        changes
            .removed
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>(),
        ["size-guide"]
    );
    assert_eq!(changes.rescored.len(), 1);
    assert_eq!(changes.rescored[0].better(), Some(true));
    assert_eq!(changes.edited[0].fields(), vec!["owner"]);
    assert_eq!(changes.links_added.len(), 1);
    assert!(
        changes
            .links_removed
            .iter()
            .any(|l| l.to.as_str() == "size-guide" || l.from.as_str() == "size-guide")
    );
    assert_eq!(changes.links_changed.len(), 1);
    assert_eq!(
        (
            changes.links_changed[0].from.as_str(),
            changes.links_changed[0].to.as_str()
        ),
        ("basket", "checkout")
    );
    assert!(
        changes
            .findings_resolved
            .iter()
            .any(|f| f.rule == Rule::Bottleneck && f.touchpoint == Some(id("delivery")))
    );
    assert!(
        changes
            .findings_new
            .iter()
            .any(|f| f.rule == Rule::Unreachable && f.touchpoint == Some(id("returns-desk")))
    );
}

#[test]
fn a_new_score_is_neither_better_nor_worse() {
    let rescored = Rescored {
        id: id("a"),
        name: "A".into(),
        old: None,
        new: Some(3.0),
    };
    assert_eq!(rescored.better(), None);
}

#[test]
fn a_new_response_time_is_an_edit_the_diff_names() {
    let old = before();
    let mut new = old.clone();
    let mut support = new
        .touchpoint(&id("support-email"))
        .expect("exists")
        .clone();
    support.response_hours = Some(4.0);
    new.update_touchpoint(support).expect("valid");
    let changes = diff(&old, &new, &Config::default());
    assert_eq!(changes.edited.len(), 1);
    assert_eq!(changes.edited[0].fields(), vec!["response_hours"]);
}

#[test]
fn plan_and_share_changes_show_every_value_old_to_new() {
    let old = before();
    let mut new = old.clone();
    let mut plan = new.plan().clone();
    let spring = plan
        .campaigns
        .iter_mut()
        .find(|c| c.id == "spring-instagram")
        .expect("spring");
    spring.budget = 12_000.0;
    spring.reach = 60_000.0;
    plan.objectives
        .iter_mut()
        .find(|o| o.id == "repeat-sales")
        .expect("objective")
        .target = Some(9_000.0);
    plan.campaigns.retain(|c| c.id != "creator-reviews");
    new.set_plan(plan).expect("valid");
    let mut link = new
        .link(&id("basket"), &id("checkout"))
        .expect("link")
        .clone();
    link.share = Some(0.85);
    new.update_link(&id("basket"), &id("checkout"), link)
        .expect("exists");
    let changes = diff(&old, &new, &Config::default());
    assert!(!changes.is_empty());
    let lines: Vec<String> = changes
        .lines(&old, &new)
        .into_iter()
        .map(|line| format!("{} {}", line.kind.mark(), line.text))
        .collect();
    let has = |wanted: &str| {
        assert!(
            lines.iter().any(|line| line == wanted),
            "{wanted} not in {lines:#?}"
        );
    };
    has("~ link Basket → Checkout: share 0.7 → 0.85");
    has(
        "~ campaign Spring Instagram push (spring-instagram): reach 40,000 → 60,000; budget 8,000 → 12,000",
    );
    has("~ objective Double repeat sales by the summer (repeat-sales): target 8,000 → 9,000");
    has("- campaign YouTube creator reviews (creator-reviews)");
    // Goals scale with the reach (3,383 × 1.5 = 5,074, rounded as shown) and the basket share:
    // the outcome line gives before → after.
    assert_eq!(changes.outcomes.len(), 1);
    let outcome = &changes.outcomes[0];
    assert!(outcome.goal_reached.new > outcome.goal_reached.old * 1.5);
    assert!(
        lines
            .iter()
            .any(|line| line.starts_with("~ outcome Spring Instagram push: goal reached 3,383 → ")),
        "{lines:#?}"
    );
}

#[test]
fn a_severity_change_is_its_own_line() {
    let old = before();
    let mut new = old.clone();
    // Support e-mail: weak at medium (2.8/5); at 2.0 the same rule is high.
    let mut support = new
        .touchpoint(&id("support-email"))
        .expect("exists")
        .clone();
    support.score = Some(1.0);
    new.update_touchpoint(support).expect("valid");
    let changes = diff(&old, &new, &Config::default());
    let change = changes
        .findings_changed
        .iter()
        .find(|c| c.rule == Rule::Weak && c.touchpoint == Some(id("support-email")))
        .expect("weak changed severity");
    assert_eq!(change.old, Severity::Medium);
    assert!(change.new > Severity::Medium);
    assert!(
        !changes
            .findings_new
            .iter()
            .any(|f| f.rule == Rule::Weak && f.touchpoint == Some(id("support-email"))),
        "not listed as new as well"
    );
}
