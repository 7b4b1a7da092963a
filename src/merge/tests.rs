use serde_json::json;

use super::*;
use crate::model::{Link, TouchPoint, TouchPointId};

fn id(text: &str) -> TouchPointId {
    TouchPointId::new(text).expect("valid id")
}

fn example() -> Map {
    crate::format::from_str(crate::templates::FIRST_RUN_EXAMPLE).expect("example loads")
}

fn edit_point(map: &mut Map, which: &str, change: impl FnOnce(&mut TouchPoint)) {
    let mut touchpoint = map.touchpoint(&id(which)).expect("exists").clone();
    change(&mut touchpoint);
    map.update_touchpoint(touchpoint).expect("valid");
}

fn change_plan(map: &mut Map, change: impl FnOnce(&mut crate::model::Plan)) {
    let mut plan = map.plan().clone();
    change(&mut plan);
    map.set_plan(plan).expect("a valid plan");
}

fn paths(conflicts: &[Conflict]) -> Vec<&str> {
    conflicts.iter().map(|c| c.path.as_str()).collect()
}

/// The merged map saves and loads back as itself (the result is a valid, canonical map).
fn assert_loads(map: &Map) {
    let text = crate::format::to_string(map);
    let back = crate::format::from_str(&text).expect("the merged map loads");
    assert_eq!(&back, map);
}

#[test]
fn changes_to_different_fields_and_items_all_survive() {
    let base = example();
    let mut ours = base.clone();
    edit_point(&mut ours, "delivery", |t| t.score = Some(2.5));
    ours.add_link(&id("size-guide"), &id("live-chat"), Link::default())
        .expect("new link");
    let mut theirs = base.clone();
    edit_point(&mut theirs, "delivery", |t| {
        t.owner = Some("Logistics team".into());
    });
    edit_point(&mut theirs, "checkout", |t| t.name = "Checkout page".into());
    theirs
        .add_touchpoint(TouchPoint::new(id("returns-desk"), "Returns desk"))
        .expect("new card");
    theirs.title = "Acme, after the workshop".into();

    let merged = merge(&base, &ours, &theirs).expect("merges");
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let map = &merged.map;
    let delivery = map.touchpoint(&id("delivery")).expect("kept");
    assert_eq!(delivery.score, Some(2.5), "ours");
    assert_eq!(delivery.owner.as_deref(), Some("Logistics team"), "theirs");
    assert_eq!(
        map.touchpoint(&id("checkout")).expect("kept").name,
        "Checkout page"
    );
    assert!(
        map.touchpoint(&id("returns-desk")).is_some(),
        "their addition"
    );
    assert!(
        map.link(&id("size-guide"), &id("live-chat")).is_some(),
        "our addition"
    );
    assert_eq!(map.title, "Acme, after the workshop");
    assert!(
        !map.extra.contains_key(CONFLICTS_KEY),
        "no empty list written"
    );
    assert_loads(map);
}

#[test]
fn the_same_field_changed_twice_keeps_ours_and_records_the_conflict() {
    let base = example();
    let mut ours = base.clone();
    edit_point(&mut ours, "delivery", |t| t.score = Some(2.5));
    let mut theirs = base.clone();
    edit_point(&mut theirs, "delivery", |t| t.score = Some(3.5));
    let merged = merge(&base, &ours, &theirs).expect("merges");
    let base_score = base.touchpoint(&id("delivery")).expect("exists").score;
    assert_eq!(
        merged.conflicts,
        vec![Conflict {
            path: "touchpoints[delivery].score".into(),
            base: base_score.map(|s| json!(s)),
            ours: Some(json!(2.5)),
            theirs: Some(json!(3.5)),
        }]
    );
    assert_eq!(
        merged.map.touchpoint(&id("delivery")).expect("kept").score,
        Some(2.5)
    );
    // The list is in the file, and the file loads with it.
    assert_eq!(conflicts(&merged.map).expect("a list"), merged.conflicts);
    let text = crate::format::to_string(&merged.map);
    assert!(text.contains("\"path\": \"touchpoints[delivery].score\""));
    assert_loads(&merged.map);
}

#[test]
fn positions_moved_on_both_sides_take_ours_without_a_conflict() {
    let base = example();
    let mut ours = base.clone();
    edit_point(&mut ours, "delivery", |t| t.pos = Some([100.0, 200.0]));
    let mut theirs = base.clone();
    edit_point(&mut theirs, "delivery", |t| t.pos = Some([300.0, 400.0]));
    let merged = merge(&base, &ours, &theirs).expect("merges");
    assert!(merged.conflicts.is_empty());
    assert_eq!(
        merged.map.touchpoint(&id("delivery")).expect("kept").pos,
        Some([100.0, 200.0])
    );
}

#[test]
fn a_card_changed_on_one_side_and_deleted_on_the_other_is_a_conflict_that_keeps_ours() {
    let base = example();
    // Ours deletes the size guide; theirs re-scores it.
    let mut ours = base.clone();
    ours.remove_touchpoint(&id("size-guide")).expect("removed");
    let mut theirs = base.clone();
    edit_point(&mut theirs, "size-guide", |t| t.score = Some(1.5));
    let merged = merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(paths(&merged.conflicts), ["touchpoints[size-guide]"]);
    assert!(merged.conflicts[0].ours.is_none());
    assert_eq!(
        merged.conflicts[0].theirs.as_ref().expect("theirs")["score"],
        json!(1.5)
    );
    assert!(
        merged.map.touchpoint(&id("size-guide")).is_none(),
        "ours: deleted"
    );

    // The other way round: ours changed it, theirs deleted it: it stays, changed.
    let merged = merge(&base, &theirs, &ours).expect("merges");
    assert_eq!(paths(&merged.conflicts), ["touchpoints[size-guide]"]);
    assert_eq!(
        merged
            .map
            .touchpoint(&id("size-guide"))
            .expect("kept")
            .score,
        Some(1.5)
    );
    // Deleted on one side and untouched on the other: simply deleted.
    let merged = merge(&base, &base, &ours).expect("merges");
    assert!(merged.conflicts.is_empty());
    assert!(merged.map.touchpoint(&id("size-guide")).is_none());
}

#[test]
fn a_link_whose_end_the_other_side_deleted_is_dropped_and_recorded() {
    let base = example();
    let mut ours = base.clone();
    ours.add_link(&id("size-guide"), &id("live-chat"), Link::default())
        .expect("new link");
    let mut theirs = base.clone();
    theirs.remove_touchpoint(&id("live-chat")).expect("removed");
    let merged = merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(paths(&merged.conflicts), ["links[size-guide->live-chat]"]);
    let conflict = &merged.conflicts[0];
    assert_eq!(conflict.base, None);
    assert_eq!(
        conflict.ours.as_ref().expect("ours")["to"],
        json!("live-chat")
    );
    assert_eq!(conflict.theirs, None);
    assert!(merged.map.touchpoint(&id("live-chat")).is_none());
    assert_loads(&merged.map);
}

#[test]
fn a_touch_point_the_plan_still_names_comes_back_as_a_conflict() {
    let base = example();
    // Theirs deletes the Instagram ad (and the campaign that used it); ours gives that campaign a
    // bigger budget. The campaign stays (changed on our side), so the ad must stay too.
    let mut theirs = base.clone();
    change_plan(&mut theirs, |plan| {
        plan.campaigns.retain(|c| c.id != "spring-instagram");
    });
    theirs
        .remove_touchpoint(&id("instagram-ad"))
        .expect("removed");
    let mut ours = base.clone();
    change_plan(&mut ours, |plan| {
        plan.campaigns[1].budget = 9000.0;
    });

    let merged = merge(&base, &ours, &theirs).expect("merges");
    let found = paths(&merged.conflicts);
    assert!(found.contains(&"campaigns[spring-instagram]"), "{found:?}");
    assert!(found.contains(&"touchpoints[instagram-ad]"), "{found:?}");
    assert!(merged.map.touchpoint(&id("instagram-ad")).is_some());
    assert!((merged.map.plan().campaigns[1].budget - 9000.0).abs() < 1e-9);
    assert_loads(&merged.map);
}

#[test]
fn a_campaign_merged_into_something_the_loader_refuses_falls_back_to_ours() {
    let base = example();
    // Ours adds a channel (and a third split number); theirs changes the split of the two.
    let mut ours = base.clone();
    change_plan(&mut ours, |plan| {
        plan.campaigns[0].channels.push(id("instagram-ad"));
        plan.campaigns[0].split = Some(vec![3.0, 1.0, 1.0]);
    });
    let mut theirs = base.clone();
    change_plan(&mut theirs, |plan| {
        plan.campaigns[0].split = Some(vec![1.0, 1.0]);
    });
    let merged = merge(&base, &ours, &theirs).expect("merges");
    // split changed on both sides is a field conflict already; ours is kept, which fits.
    assert_eq!(
        paths(&merged.conflicts),
        ["campaigns[creator-reviews].split"]
    );

    // Theirs changes only the split to two numbers while ours changed the channels to three
    // without a split: the field merge gives three channels and two numbers, which the loader
    // refuses, so the campaign is ours and the whole campaign is the conflict.
    let mut ours = base.clone();
    change_plan(&mut ours, |plan| {
        plan.campaigns[0].channels.push(id("instagram-ad"));
        plan.campaigns[0].split = None;
    });
    let mut theirs_split = base.clone();
    change_plan(&mut theirs_split, |plan| {
        plan.campaigns[0].split = Some(vec![2.0, 2.0]);
    });
    let merged = merge(&base, &ours, &theirs_split).expect("merges");
    // split: ours removed it, theirs changed it: a conflict keeping ours (none); channels: ours.
    assert!(merged.map.plan().campaigns[0].split.is_none());
    assert_eq!(merged.map.plan().campaigns[0].channels.len(), 3);
    assert_loads(&merged.map);
}

#[test]
fn stages_added_and_removed_on_both_sides_all_survive() {
    let base = example();
    let mut ours = base.clone();
    let mut stages = ours.stages().to_vec();
    stages.insert(1, "Research".into());
    ours.set_stages(stages).expect("valid");
    let mut theirs = base.clone();
    let mut stages = theirs.stages().to_vec();
    stages.push("Returns".into());
    theirs.set_stages(stages).expect("valid");
    edit_point(&mut theirs, "returns-portal", |t| {
        t.stage = Some("Returns".into());
    });
    let merged = merge(&base, &ours, &theirs).expect("merges");
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let mut expected = base.stages().to_vec();
    expected.insert(1, "Research".into());
    expected.push("Returns".into());
    assert_eq!(merged.map.stages(), expected.as_slice());
}

#[test]
fn a_stage_one_side_removed_comes_back_when_the_other_uses_it() {
    let base = example();
    // Ours drops "Loyalty" (after moving its cards to "Use"); theirs puts a new card in it.
    let mut ours = base.clone();
    for touchpoint in base.touchpoints() {
        if touchpoint.stage.as_deref() == Some("Loyalty") {
            edit_point(&mut ours, touchpoint.id.as_str(), |t| {
                t.stage = Some("Use".into());
            });
        }
    }
    let stages: Vec<String> = ours
        .stages()
        .iter()
        .filter(|s| *s != "Loyalty")
        .cloned()
        .collect();
    ours.set_stages(stages).expect("valid");
    let mut theirs = base.clone();
    let mut card = TouchPoint::new(id("referral-code"), "Referral code");
    card.stage = Some("Loyalty".into());
    theirs.add_touchpoint(card).expect("new card");
    let merged = merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(paths(&merged.conflicts), ["stages"]);
    assert!(merged.map.stages().iter().any(|s| s == "Loyalty"));
    assert_loads(&merged.map);
}

#[test]
fn a_conflict_resolves_to_either_side_and_leaves_the_list() {
    let base = example();
    let mut ours = base.clone();
    edit_point(&mut ours, "delivery", |t| t.score = Some(2.5));
    ours.title = "Ours".into();
    let mut theirs = base.clone();
    edit_point(&mut theirs, "delivery", |t| t.score = Some(3.5));
    theirs.title = "Theirs".into();
    let merged = merge(&base, &ours, &theirs).expect("merges").map;
    let list = conflicts(&merged).expect("list");
    assert_eq!(paths(&list), ["title", "touchpoints[delivery].score"]);

    let taken = resolve(&merged, 1, Side::Theirs).expect("resolves");
    assert_eq!(
        taken.touchpoint(&id("delivery")).expect("kept").score,
        Some(3.5)
    );
    assert_eq!(paths(&conflicts(&taken).expect("list")), ["title"]);
    let kept = resolve(&taken, 0, Side::Ours).expect("resolves");
    assert_eq!(kept.title, "Ours");
    assert!(
        !kept.extra.contains_key(CONFLICTS_KEY),
        "the list empties itself"
    );
    // Everything else is as merged.
    let mut expected = merged.clone();
    edit_point(&mut expected, "delivery", |t| t.score = Some(3.5));
    set_conflicts(&mut expected, &[]);
    assert_eq!(kept, expected);
    assert!(resolve(&kept, 0, Side::Ours).is_err(), "no conflict left");
}

#[test]
fn a_dropped_link_cannot_come_back_without_its_end() {
    let base = example();
    let mut ours = base.clone();
    ours.add_link(&id("size-guide"), &id("live-chat"), Link::default())
        .expect("new link");
    let mut theirs = base.clone();
    theirs.remove_touchpoint(&id("live-chat")).expect("removed");
    let merged = merge(&base, &ours, &theirs).expect("merges").map;
    let refusal = resolve(&merged, 0, Side::Ours).expect_err("its end is gone");
    assert!(
        refusal.contains("links[size-guide->live-chat]"),
        "{refusal}"
    );
    assert!(refusal.contains("live-chat"), "{refusal}");
    // Theirs (no link) resolves it.
    let resolved = resolve(&merged, 0, Side::Theirs).expect("resolves");
    assert!(conflicts(&resolved).expect("list").is_empty());
}

#[test]
fn conflicts_both_sides_already_had_are_kept_once() {
    let base = example();
    let mut ours = base.clone();
    set_conflicts(
        &mut ours,
        &[Conflict {
            path: "title".into(),
            base: None,
            ours: Some(json!("A")),
            theirs: Some(json!("B")),
        }],
    );
    let theirs = ours.clone();
    let merged = merge(&base, &ours, &theirs).expect("merges");
    assert!(merged.conflicts.is_empty(), "nothing new");
    assert_eq!(conflicts(&merged.map).expect("list").len(), 1);
}

#[test]
fn a_list_that_is_not_conflicts_is_named() {
    let mut map = example();
    map.extra.insert(CONFLICTS_KEY.into(), json!([{"base": 1}]));
    assert_eq!(
        conflicts(&map).expect_err("no path"),
        "conflicts[0].path: a conflict names the place it is about as text"
    );
    map.extra.insert(CONFLICTS_KEY.into(), json!("yes"));
    assert!(conflicts(&map).is_err());
}

fn with_segment(map: &mut Map, id: &str) {
    let mut segments = map.segments().to_vec();
    segments.push(crate::model::Segment {
        id: id.into(),
        name: id.into(),
        ..crate::model::Segment::default()
    });
    map.set_segments(segments).expect("valid");
}

fn override_score(map: &mut Map, which: &str, segment: &str, score: f64) {
    edit_point(map, which, |t| {
        t.segments.insert(
            segment.into(),
            crate::model::SegmentValues {
                score: Some(score),
                ..crate::model::SegmentValues::default()
            },
        );
    });
}

#[test]
fn segments_added_on_both_sides_survive_with_their_values() {
    let base = example();
    let mut ours = base.clone();
    with_segment(&mut ours, "parents");
    override_score(&mut ours, "delivery", "parents", 1.2);
    let mut theirs = base.clone();
    with_segment(&mut theirs, "returning");
    override_score(&mut theirs, "checkout", "returning", 4.6);
    let merged = merge(&base, &ours, &theirs).expect("merges");
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let ids: Vec<&str> = merged
        .map
        .segments()
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids, ["parents", "returning"]);
    let score = |which: &str, segment: &str| {
        merged.map.touchpoint(&id(which)).expect("exists").segments[segment].score
    };
    assert_eq!(score("delivery", "parents"), Some(1.2));
    assert_eq!(score("checkout", "returning"), Some(4.6));
    assert_loads(&merged.map);
}

#[test]
fn a_segment_deleted_on_one_side_and_used_on_the_other_stays_as_a_conflict() {
    let mut base = example();
    with_segment(&mut base, "parents");
    // Theirs deletes the segment; ours gives the delivery a value for it.
    let mut theirs = base.clone();
    theirs.set_segments(Vec::new()).expect("nothing names it");
    let mut ours = base.clone();
    override_score(&mut ours, "delivery", "parents", 1.2);
    let merged = merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(paths(&merged.conflicts), ["segments"]);
    assert!(
        merged.map.segment("parents").is_some(),
        "kept: ours still uses it"
    );
    assert_loads(&merged.map);
}
