//! The editor driven like a person would, with `egui_kittest`: clicks, drags, typing and shortcuts,
//! asserting on the document (not on pixels). No display is needed.

use std::path::PathBuf;

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use touchmap::app::{Document, Modal, ScriptedDialogs, TouchmapApp};
use touchmap::model::{Role as TouchPointRole, TouchPointId};

fn id(text: &str) -> TouchPointId {
    TouchPointId::new(text).expect("valid id")
}

fn harness_with(dialogs: ScriptedDialogs) -> Harness<'static, TouchmapApp> {
    let app = TouchmapApp::with_example(Box::new(dialogs));
    let mut harness = Harness::builder()
        // Wide enough that Fit shows the whole example at the readable zoom (card names 14 px)
        // with both drawers open: the tests click cards all over the map.
        .with_size(Vec2::new(2200.0, 1000.0))
        // Real frame times: kittest's default of 0.25 s per frame is too slow for a double-click.
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut TouchmapApp| app.ui(ui), app);
    harness.run();
    harness
}

/// An editor on the example in a window of this size (a projector, a laptop).
fn harness_sized(size: Vec2) -> Harness<'static, TouchmapApp> {
    let app = TouchmapApp::with_example(Box::new(ScriptedDialogs::default()));
    let mut harness = Harness::builder()
        .with_size(size)
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut TouchmapApp| app.ui(ui), app);
    harness.run();
    harness
}

fn harness() -> Harness<'static, TouchmapApp> {
    harness_with(ScriptedDialogs::default())
}

fn card_rect(harness: &Harness<'_, TouchmapApp>, name: &str) -> Rect {
    harness.get_by_role_and_label(Role::Button, name).rect()
}

fn press(harness: &Harness<'_, TouchmapApp>, pos: Pos2, pressed: bool) {
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

/// Presses at `from`, moves in steps to `to`, releases: a real drag, frame by frame.
fn drag(harness: &mut Harness<'_, TouchmapApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.run();
    press(harness, from, true);
    harness.run();
    for step in 1..=8 {
        harness.hover_at(from + (to - from) * (step as f32 / 8.0));
        harness.run();
    }
    press(harness, to, false);
    harness.run();
    harness.remove_cursor();
    harness.run();
}

fn double_click(harness: &mut Harness<'_, TouchmapApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run();
    for _ in 0..2 {
        press(harness, pos, true);
        harness.step();
        press(harness, pos, false);
        harness.step();
    }
    harness.run();
}

fn click_at(harness: &mut Harness<'_, TouchmapApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run();
    press(harness, pos, true);
    press(harness, pos, false);
    harness.run();
}

fn click_card(harness: &mut Harness<'_, TouchmapApp>, name: &str) {
    let centre = card_rect(harness, name).center();
    click_at(harness, centre);
}

fn type_text(harness: &mut Harness<'_, TouchmapApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run();
}

fn key(harness: &mut Harness<'_, TouchmapApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

fn map<'a>(harness: &'a Harness<'_, TouchmapApp>) -> &'a touchmap::model::Map {
    &harness.state().document.map
}

fn find_by_name<'a>(
    map: &'a touchmap::model::Map,
    name: &str,
) -> Option<&'a touchmap::model::TouchPoint> {
    map.touchpoints().into_iter().find(|t| t.name == name)
}

/// An empty spot of the canvas in the "Purchase" column, below its last card (and clear of the
/// minimap in the bottom-right corner).
fn empty_spot_in_purchase_column(harness: &Harness<'_, TouchmapApp>) -> Pos2 {
    let payment = card_rect(harness, "Payment (card, PayPal, Klarna)");
    payment.center() + Vec2::new(0.0, payment.height() * 2.0)
}

#[test]
fn double_click_adds_a_touch_point_named_by_typing_and_undo_removes_it() {
    let mut harness = harness();
    let before = map(&harness).clone();
    let spot = empty_spot_in_purchase_column(&harness);
    double_click(&mut harness, spot);
    harness.run();
    assert_eq!(
        map(&harness).touchpoint_count(),
        before.touchpoint_count() + 1,
        "double-click adds"
    );
    type_text(&mut harness, "Returns desk");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let added = find_by_name(map(&harness), "Returns desk").expect("added and named");
    assert_eq!(
        added.stage.as_deref(),
        Some("Purchase"),
        "added in the column clicked"
    );
    assert_eq!(
        map(&harness).touchpoint_count(),
        before.touchpoint_count() + 1
    );
    assert!(harness.state().document.is_dirty());
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(*map(&harness), before, "adding and naming is one undo step");
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert!(
        find_by_name(map(&harness), "Returns desk").is_some(),
        "redo brings it back"
    );
}

#[test]
fn f2_renames_in_place_and_escape_cancels() {
    let mut harness = harness();
    let rect = card_rect(&harness, "Courier delivery");
    click_at(&mut harness, rect.center());
    assert!(harness.state().view.selection.contains(&id("delivery")));
    key(&mut harness, Modifiers::NONE, Key::F2);
    harness.run();
    // The box starts with the old name; select it all and type over it.
    key(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "Parcel delivery");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        map(&harness)
            .touchpoint(&id("delivery"))
            .expect("exists")
            .name,
        "Parcel delivery"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        map(&harness)
            .touchpoint(&id("delivery"))
            .expect("exists")
            .name,
        "Courier delivery"
    );

    key(&mut harness, Modifiers::NONE, Key::F2);
    type_text(&mut harness, "ignored");
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(
        map(&harness)
            .touchpoint(&id("delivery"))
            .expect("exists")
            .name,
        "Courier delivery"
    );
}

#[test]
fn dragging_the_handle_onto_another_card_links_them() {
    let mut harness = harness();
    let from = card_rect(&harness, "Returns portal");
    let to = card_rect(&harness, "Trustpilot review");
    assert!(
        map(&harness)
            .link(&id("returns-portal"), &id("trustpilot"))
            .is_none()
    );
    drag(
        &mut harness,
        from.right_center() + Vec2::new(1.0, 0.0),
        to.center(),
    );
    assert!(
        map(&harness)
            .link(&id("returns-portal"), &id("trustpilot"))
            .is_some(),
        "link added"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        map(&harness)
            .link(&id("returns-portal"), &id("trustpilot"))
            .is_none(),
        "undo removes it"
    );
}

#[test]
fn dropping_a_card_in_another_column_changes_its_stage_in_one_undo_step() {
    let mut harness = harness();
    let before = map(&harness).clone();
    let card = card_rect(&harness, "Returns portal");
    let column_width = card_rect(&harness, "Support e-mail").left()
        - card_rect(&harness, "Courier tracking page").left();
    assert!(column_width > 10.0);
    let target = card.center() + Vec2::new(-column_width, card.height() * 1.5);
    drag(&mut harness, card.center(), target);
    let moved = map(&harness)
        .touchpoint(&id("returns-portal"))
        .expect("exists");
    assert_eq!(moved.stage.as_deref(), Some("Delivery"));
    let column_x = touchmap::layout::card_x_in_column(3);
    assert!(
        (moved.pos.expect("placed")[0] - column_x).abs() < 1e-6,
        "snapped into the column"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(*map(&harness), before, "the whole drag undoes at once");
}

#[test]
fn delete_removes_the_touch_point_and_its_links_and_undo_restores_them() {
    let mut harness = harness();
    let before = map(&harness).clone();
    click_card(&mut harness, "Checkout");
    key(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(map(&harness).touchpoint(&id("checkout")).is_none());
    assert!(map(&harness).link(&id("basket"), &id("checkout")).is_none());
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(*map(&harness), before);
    key(&mut harness, Modifiers::COMMAND, Key::Y);
    assert!(
        map(&harness).touchpoint(&id("checkout")).is_none(),
        "Ctrl+Y redoes"
    );
}

#[test]
fn the_inspector_edits_the_response_time_and_refuses_zero() {
    let mut harness = harness();
    click_card(&mut harness, "Support e-mail");
    let before = map(&harness).clone();
    harness
        .get_by_label("Answers customers within (hours)")
        .set_text_value_accesskit("0");
    harness.run();
    assert_eq!(*map(&harness), before, "refused");
    assert!(
        harness
            .query_by_label_contains("response_hours must be a number of hours above 0, not 0")
            .is_some()
    );
    harness
        .get_by_label("Answers customers within (hours)")
        .set_text_value_accesskit("4");
    harness.run();
    assert_eq!(
        map(&harness)
            .touchpoint(&id("support-email"))
            .expect("exists")
            .response_hours,
        Some(4.0)
    );
}

#[test]
fn the_inspector_says_how_many_successful_journeys_a_touch_point_carries_and_would_lose() {
    let mut harness = harness();
    // The example's tracking page: flow 0.6309, removal effect 0.612 (analyze --json golden).
    click_card(&mut harness, "Courier tracking page");
    assert!(
        harness
            .query_by_label_contains(
                "Passed by 63% of successful journeys. If it failed, 61% of successful journeys would be lost."
            )
            .is_some()
    );
    click_card(&mut harness, "Courier delivery");
    assert!(
        harness
            .query_by_label_contains("every journey: no journey reaches a goal without it.")
            .is_some()
    );
}

#[test]
fn the_inspector_refuses_a_score_of_seven_with_a_reason_and_accepts_a_good_one() {
    let mut harness = harness();
    click_card(&mut harness, "Courier delivery");
    let before = map(&harness).clone();
    harness
        .get_by_label("Score today (1–5)")
        .set_text_value_accesskit("7");
    harness.run();
    assert_eq!(
        *map(&harness),
        before,
        "a refused value never reaches the map"
    );
    assert!(
        harness
            .query_by_label_contains("score must be between 1 and 5, not 7")
            .is_some(),
        "the reason is shown"
    );
    harness
        .get_by_label("Score today (1–5)")
        .set_text_value_accesskit("4.5");
    harness.run();
    assert_eq!(
        map(&harness)
            .touchpoint(&id("delivery"))
            .expect("exists")
            .score,
        Some(4.5)
    );
    assert!(
        harness
            .query_by_label_contains("score must be between")
            .is_none(),
        "the error is gone"
    );
    let report = &harness.state().document.report;
    assert!(
        report
            .findings
            .iter()
            .all(|f| !(f.touchpoint == Some(id("delivery"))
                && f.rule == touchmap::analysis::Rule::Bottleneck)),
        "the analysis re-ran"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(*map(&harness), before);
}

#[test]
fn the_inspector_edits_role_and_owner() {
    let mut harness = harness();
    click_card(&mut harness, "Returns portal");
    harness
        .get_by_label("Owner")
        .set_text_value_accesskit("Customer service");
    harness.run();
    assert_eq!(
        map(&harness)
            .touchpoint(&id("returns-portal"))
            .expect("exists")
            .owner
            .as_deref(),
        Some("Customer service")
    );
    assert!(
        map(&harness)
            .touchpoint(&id("returns-portal"))
            .expect("exists")
            .role
            .is_none()
    );
    harness.get_by_label("Role in the journey").click();
    harness.run();
    harness.get_by_label("goal (journeys succeed here)").click();
    harness.run();
    assert_eq!(
        map(&harness)
            .touchpoint(&id("returns-portal"))
            .expect("exists")
            .role,
        Some(TouchPointRole::Goal)
    );
}

#[test]
fn clicking_a_finding_selects_and_centres_its_touch_point() {
    let mut harness = harness();
    assert!(harness.state().view.selection.is_empty());
    let canvas = harness.get_by_label("Map canvas").rect();
    let far = (card_rect(&harness, "Returns portal").center() - canvas.center()).length();
    // The panel lists the weak spots in a scrolling list: bring the entry into view first, as a
    // person would.
    harness
        .get_by_role_and_label(Role::Button, "high drop-off Returns portal")
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "high drop-off Returns portal")
        .click();
    harness.run();
    assert_eq!(
        harness.state().view.selection.iter().collect::<Vec<_>>(),
        vec![&id("returns-portal")]
    );
    let card = card_rect(&harness, "Returns portal");
    let canvas = harness.get_by_label("Map canvas").rect();
    let distance = (card.center() - canvas.center()).length();
    assert!(
        distance < 10.0 && distance < far,
        "centred: {card:?} in {canvas:?}, was {far} away"
    );
}

#[test]
fn opening_a_bad_file_shows_the_reason_and_keeps_the_map() {
    let directory = tempfile::tempdir().expect("temp dir");
    let bad = directory.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"touchmap": 1, "title": "Bad", "touchpoints": [{"id": "a", "name": "A", "score": 9}]}"#,
    )
    .expect("write");
    let mut harness = harness_with(ScriptedDialogs {
        open_answers: vec![Some(bad.clone())],
        save_answers: vec![],
    });
    let before = map(&harness).clone();
    key(&mut harness, Modifiers::COMMAND, Key::O);
    match &harness.state().modal {
        Some(Modal::Error { message, .. }) => {
            assert!(message.contains("$.touchpoints[0].score"), "{message}");
            assert!(message.contains("unchanged"), "{message}");
        }
        other => panic!("expected an error dialog, got {other:?}"),
    }
    assert_eq!(*map(&harness), before);
    harness.get_by_label("OK").click();
    harness.run();
    assert!(harness.state().modal.is_none());
}

#[test]
fn save_then_reopen_gives_the_same_map_and_history_survives_the_save() {
    let directory = tempfile::tempdir().expect("temp dir");
    let path: PathBuf = directory.path().join("saved.json");
    let mut harness = harness_with(ScriptedDialogs {
        open_answers: vec![Some(path.clone())],
        save_answers: vec![Some(path.clone())],
    });
    click_card(&mut harness, "Checkout");
    key(&mut harness, Modifiers::NONE, Key::Delete);
    key(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(!harness.state().document.is_dirty());
    assert!(harness.state().window_title().contains("saved.json"));
    let saved = map(&harness).clone();
    assert_eq!(touchmap::format::load_file(&path).expect("loads"), saved);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        map(&harness).touchpoint(&id("checkout")).is_some(),
        "undo works after a save"
    );
    assert!(harness.state().document.is_dirty());
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert!(
        !harness.state().document.is_dirty(),
        "back at the saved state"
    );
    key(&mut harness, Modifiers::COMMAND, Key::O);
    assert_eq!(*map(&harness), saved);
}

#[test]
fn new_asks_about_unsaved_changes_and_cancel_keeps_them() {
    let mut harness = harness();
    click_card(&mut harness, "Checkout");
    key(&mut harness, Modifiers::NONE, Key::Delete);
    let edited = map(&harness).clone();
    key(&mut harness, Modifiers::COMMAND, Key::N);
    assert!(matches!(harness.state().modal, Some(Modal::Unsaved { .. })));
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(*map(&harness), edited);
    key(&mut harness, Modifiers::COMMAND, Key::N);
    harness.get_by_label("Don't save").click();
    harness.run();
    assert_eq!(map(&harness).touchpoint_count(), 0, "a blank map");
}

#[test]
fn copy_and_paste_duplicates_touch_points_with_new_ids() {
    let mut harness = harness();
    click_card(&mut harness, "Courier delivery");
    let count = map(&harness).touchpoint_count();
    key(&mut harness, Modifiers::COMMAND, Key::D);
    assert_eq!(map(&harness).touchpoint_count(), count + 1);
    let copies: Vec<_> = map(&harness)
        .touchpoints()
        .into_iter()
        .filter(|t| t.name == "Courier delivery")
        .map(|t| t.id.clone())
        .collect();
    assert_eq!(copies.len(), 2);
    let text = touchmap::format::to_string(map(&harness));
    harness.event(Event::Paste(text));
    harness.run();
    assert_eq!(
        map(&harness).touchpoint_count(),
        count * 2 + 2,
        "a whole map pasted as new touch points"
    );
}

#[test]
fn search_dims_the_rest_and_select_all_selects_everything() {
    let mut harness = harness();
    key(&mut harness, Modifiers::COMMAND, Key::F);
    type_text(&mut harness, "deliv");
    assert_eq!(harness.state().view.search, "deliv");
    let expected = map(&harness)
        .touchpoints()
        .into_iter()
        .filter(|t| harness.state().view.matches_search(t))
        .count();
    assert!(expected >= 2 && expected < map(&harness).touchpoint_count());
    assert!(
        harness
            .query_by_label(&format!("{expected} match"))
            .is_some()
    );
    harness.get_by_label("Close").click();
    harness.run();
    key(&mut harness, Modifiers::COMMAND, Key::A);
    assert_eq!(
        harness.state().view.selection.len(),
        map(&harness).touchpoint_count()
    );
}

#[test]
fn an_unsaved_session_leaves_a_recovery_file_that_the_next_start_restores() {
    let directory = tempfile::tempdir().expect("temp dir");
    // The window that crashed left its copy (and, gone, no longer holds its lock).
    let crashed = touchmap::app::Recovery::for_window(directory.path().to_owned(), "crashed");
    let map_now =
        touchmap::format::from_str(touchmap::templates::FIRST_RUN_EXAMPLE).expect("example");
    let mut edited = map_now.clone();
    edited.title = "Edited before the crash".into();
    crashed.write(&edited, None).expect("autosave writes");
    drop(crashed);
    let recovery = touchmap::app::Recovery::new(directory.path().to_owned());
    let app = TouchmapApp::new(
        Document::new(map_now, None, true),
        Box::new(ScriptedDialogs::default()),
        Some(recovery),
    );
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1500.0, 950.0))
        .build_ui_state(|ui, app: &mut TouchmapApp| app.ui(ui), app);
    harness.run();
    assert!(matches!(harness.state().modal, Some(Modal::Recover { .. })));
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(map(&harness).title, "Edited before the crash");
    assert!(
        harness.state().document.is_dirty(),
        "restored changes still need saving"
    );
}

#[test]
fn export_writes_the_chosen_format_through_the_dialog() {
    let directory = tempfile::tempdir().expect("temp dir");
    let path = directory.path().join("picture.png");
    let mut harness = harness_with(ScriptedDialogs {
        open_answers: vec![],
        save_answers: vec![Some(path.clone())],
    });
    key(&mut harness, Modifiers::COMMAND, Key::E);
    let bytes = std::fs::read(&path).expect("exported");
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG file");
    assert!(harness.state().view.status.starts_with("Exported"));
    assert!(
        !harness.state().document.is_dirty(),
        "exporting is not an edit"
    );
}

#[test]
fn voting_mode_adds_and_removes_votes_and_shows_the_disagreements() {
    let mut harness = harness();
    key(&mut harness, Modifiers::NONE, Key::F6);
    assert_eq!(harness.state().view.mode, touchmap::ui::Mode::Voting);
    let instagram = card_rect(&harness, "Instagram ad").center();
    for _ in 0..3 {
        click_at(&mut harness, instagram);
    }
    harness.hover_at(instagram);
    harness.run();
    harness.event(Event::PointerButton {
        pos: instagram,
        button: PointerButton::Secondary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.event(Event::PointerButton {
        pos: instagram,
        button: PointerButton::Secondary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run();
    assert_eq!(
        map(&harness)
            .touchpoint(&id("instagram-ad"))
            .expect("exists")
            .votes,
        2
    );
    assert!(
        harness
            .query_by_label_contains("The room worries about Instagram ad (2 votes)")
            .is_some()
    );
    assert!(
        harness.state().view.selection.is_empty(),
        "voting does not select"
    );
    harness.get_by_label("Reset all votes").click();
    harness.run();
    assert_eq!(
        map(&harness)
            .touchpoint(&id("instagram-ad"))
            .expect("exists")
            .votes,
        0
    );
}

#[test]
fn presentation_steps_through_the_weak_spots_with_the_arrow_keys() {
    let mut harness = harness();
    key(&mut harness, Modifiers::NONE, Key::F11);
    assert_eq!(harness.state().view.mode, touchmap::ui::Mode::Presenting);
    assert!(
        harness.query_by_label("Weak spots").is_none(),
        "panels hidden"
    );
    let steps: Vec<TouchPointId> =
        touchmap::ui::workshop::presentation_steps(&harness.state().document.report)
            .into_iter()
            .cloned()
            .collect();
    assert_eq!(steps[0], id("delivery"));
    let caption = format!("1 / {}   Courier delivery", steps.len());
    assert!(
        harness.query_by_label(&caption).is_some(),
        "the caption names the first weak spot"
    );
    key(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(harness.state().view.presentation_step, 1);
    assert_eq!(harness.state().view.selection.first(), Some(&steps[1]));
    key(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    key(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(
        harness.state().view.presentation_step,
        0,
        "stops at the first"
    );
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().view.mode, touchmap::ui::Mode::Edit);
}

#[test]
fn a_filter_dims_everything_else() {
    let mut harness = harness();
    key(&mut harness, Modifiers::NONE, Key::F7);
    harness.get_by_label("Severity").click();
    harness.run();
    harness.get_by_label("critical or worse").click();
    harness.run();
    let view = &harness.state().view;
    let report = &harness.state().document.report;
    let highlighted: Vec<&str> = map(&harness)
        .touchpoints()
        .into_iter()
        .filter(|t| view.highlights(t, report))
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(highlighted, vec!["delivery"]);

    // The weak-spots list follows the filter and says so; clearing it brings the rest back.
    let groups = report.grouped().len();
    let filtered = format!("Filtered: 1 of {groups} weak spots");
    assert!(harness.query_by_label(&filtered).is_some(), "{filtered}");
    let delivery = report
        .grouped()
        .into_iter()
        .find(|group| group.touchpoint == Some(&id("delivery")))
        .expect("Courier delivery has findings");
    let delivery_label = format!(
        "{} {} Courier delivery",
        delivery.severity.as_str(),
        delivery.findings[0].rule.as_str()
    );
    assert!(
        harness
            .query_by_role_and_label(Role::Button, &delivery_label)
            .is_some(),
        "the finding at Courier delivery stays listed: {delivery_label}"
    );
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "high drop-off Returns portal")
            .is_none(),
        "a touch point the filter hides is not listed"
    );
    let clear = harness.get_all_by_label("Clear filters").count();
    assert_eq!(clear, 2, "in the filter bar and above the list");
    harness
        .get_all_by_label("Clear filters")
        .last()
        .expect("button")
        .click();
    harness.run();
    assert!(!harness.state().view.filter.is_active());
    assert!(harness.query_by_label(&filtered).is_none());
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "high drop-off Returns portal")
            .is_some()
    );
}

#[test]
fn what_if_shows_the_effect_then_apply_is_an_undoable_edit_and_reset_drops_it() {
    let mut harness = harness();
    click_card(&mut harness, "Courier delivery");
    key(&mut harness, Modifiers::NONE, Key::F8);
    assert!(harness.state().view.what_if.is_some());
    harness
        .get_by_role_and_label(Role::Slider, "Score (now 1.6)")
        .set_value_accesskit(4.5);
    harness.run();
    assert_eq!(
        map(&harness)
            .touchpoint(&id("delivery"))
            .expect("exists")
            .score,
        Some(1.6),
        "not applied yet"
    );
    harness.get_by_label("Reset").click();
    harness.run();
    assert!(harness.state().view.what_if.is_none());
    assert!(!harness.state().document.is_dirty());

    key(&mut harness, Modifiers::NONE, Key::F8);
    harness
        .get_by_role_and_label(Role::Slider, "Score (now 1.6)")
        .set_value_accesskit(4.5);
    harness.run();
    harness.get_by_label("Apply").click();
    harness.run();
    assert_eq!(
        map(&harness)
            .touchpoint(&id("delivery"))
            .expect("exists")
            .score,
        Some(4.5)
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        map(&harness)
            .touchpoint(&id("delivery"))
            .expect("exists")
            .score,
        Some(1.6)
    );
}

#[test]
fn comparing_with_an_older_version_lists_and_badges_the_changes() {
    let directory = tempfile::tempdir().expect("temp dir");
    let older = directory.path().join("before-campaign.json");
    let mut before = map(&harness()).clone();
    let mut delivery = before.touchpoint(&id("delivery")).expect("exists").clone();
    delivery.score = Some(3.5);
    before.update_touchpoint(delivery).expect("valid");
    before.remove_touchpoint(&id("size-guide")).expect("exists");
    touchmap::format::save_file(&before, &older).expect("saved");

    let mut harness = harness_with(ScriptedDialogs {
        open_answers: vec![Some(older)],
        save_answers: vec![],
    });
    harness
        .state_mut()
        .perform(touchmap::ui::Action::Compare, &egui::Context::default());
    harness.run();
    let comparison = harness.state().view.comparison.as_ref().expect("comparing");
    assert_eq!(
        comparison.diff.added.len(),
        1,
        "the size guide is new since then"
    );
    assert_eq!(
        comparison.badge(&id("delivery")).expect("badge").0,
        "▼ 3.5 → 1.6"
    );
    assert!(
        harness
            .query_by_label_contains("▼ Courier delivery (delivery) worse: 3.5 → 1.6")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("+ touch point Size and fit guide (size-guide)")
            .is_some()
    );
}

#[test]
fn the_comparison_follows_edits_and_undo_instead_of_going_stale() {
    let directory = tempfile::tempdir().expect("temp dir");
    let older = directory.path().join("before.json");
    let mut before = map(&harness()).clone();
    let mut delivery = before.touchpoint(&id("delivery")).expect("exists").clone();
    delivery.score = Some(3.5);
    before.update_touchpoint(delivery).expect("valid");
    touchmap::format::save_file(&before, &older).expect("saved");
    let mut harness = harness_with(ScriptedDialogs {
        open_answers: vec![Some(older)],
        save_answers: vec![],
    });
    harness
        .state_mut()
        .perform(touchmap::ui::Action::Compare, &egui::Context::default());
    harness.run();
    let badge = |harness: &Harness<'_, TouchmapApp>| {
        harness
            .state()
            .view
            .comparison
            .as_ref()
            .expect("comparing")
            .badge(&id("delivery"))
            .map(|(text, _)| text)
    };
    assert_eq!(badge(&harness).as_deref(), Some("▼ 3.5 → 1.6"));

    // The room fixes the delivery: the badge says better now, not the old "worse".
    let mut fixed = map(&harness)
        .touchpoint(&id("delivery"))
        .expect("exists")
        .clone();
    fixed.score = Some(4.5);
    harness.state_mut().perform(
        touchmap::ui::Action::Edit {
            edit: touchmap::edit::Edit::UpdateTouchPoint(fixed),
            label: "Score".into(),
            coalesce: None,
        },
        &egui::Context::default(),
    );
    harness.run();
    assert_eq!(badge(&harness).as_deref(), Some("▲ 3.5 → 4.5"));
    assert!(
        harness
            .query_by_label_contains("▲ Courier delivery (delivery) better: 3.5 → 4.5")
            .is_some()
    );

    // Undo brings the map back, and the comparison with it.
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(badge(&harness).as_deref(), Some("▼ 3.5 → 1.6"));
}

#[test]
fn the_command_palette_finds_and_runs_any_command() {
    let mut harness = harness();
    assert!(!harness.state().view.lanes);
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    assert!(
        harness.state().view.palette.is_some(),
        "Ctrl+Shift+P opens it"
    );
    harness
        .get_by_role_and_label(
            Role::TextInput,
            "Command (type part of its name, what it does or its keys)",
        )
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(
            Role::TextInput,
            "Command (type part of its name, what it does or its keys)",
        )
        .type_text("organisation lanes");
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Organisation lanes")
            .is_some()
    );
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().view.lanes, "Enter ran the first match");
    assert!(
        harness.state().view.palette.is_none(),
        "and closed the palette"
    );
}

#[test]
fn menus_and_help_show_the_shortcuts_the_keys_really_run() {
    let mut harness = harness();
    harness.get_by_label("File").click();
    harness.run();
    // The typed-path export has its own shortcut now; Ctrl+E is the dialog, as the key does.
    assert!(
        harness
            .query_by_label("Export to path… Ctrl+Shift+E")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Export a picture (PNG)… Ctrl+E")
            .is_some()
    );
    harness.key_press(Key::Escape);
    harness.run();
    key(&mut harness, Modifiers::NONE, Key::F1);
    harness.run();
    for command in touchmap::ui::command::Command::all() {
        let keys = command.shortcut_text();
        if !keys.is_empty() {
            assert!(
                harness.query_all_by_label(&keys).next().is_some(),
                "F1 lists {keys} ({})",
                command.label()
            );
        }
    }
}

#[test]
fn in_organisation_lanes_dropping_a_card_in_another_row_changes_its_owner() {
    // Lanes fit with readable cards and the lower lanes a drag away: a window tall enough for all.
    let mut harness = harness_sized(Vec2::new(2200.0, 2400.0));
    key(&mut harness, Modifiers::NONE, Key::F5);
    harness.run();
    assert!(harness.state().view.lanes);
    // The returns portal has no owner: it sits in the "nobody" lane at the bottom. Drag it onto
    // the row of the Support e-mail (Customer service), in the same column.
    let portal = card_rect(&harness, "Returns portal");
    let support = card_rect(&harness, "Support e-mail");
    assert!(portal.top() > support.top(), "the nobody lane is last");
    drag(
        &mut harness,
        portal.center(),
        support.center() + Vec2::new(0.0, 4.0),
    );
    let moved = map(&harness)
        .touchpoint(&id("returns-portal"))
        .expect("exists");
    assert_eq!(moved.owner.as_deref(), Some("Customer service"));
    assert_eq!(moved.stage.as_deref(), Some("Use"));
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        map(&harness)
            .touchpoint(&id("returns-portal"))
            .expect("exists")
            .owner,
        None
    );
}

#[test]
fn a_failed_save_says_why_and_keeps_the_map_and_the_old_file() {
    let directory = tempfile::tempdir().expect("temp dir");
    // The target is a folder: the final rename fails after the temporary file was written.
    let target = directory.path().join("map.json");
    std::fs::create_dir(&target).expect("folder in the way");
    let mut harness = harness_with(ScriptedDialogs {
        open_answers: vec![],
        save_answers: vec![Some(target.clone())],
    });
    click_card(&mut harness, "Checkout");
    key(&mut harness, Modifiers::NONE, Key::Delete);
    let edited = map(&harness).clone();
    key(&mut harness, Modifiers::COMMAND, Key::S);
    match &harness.state().modal {
        Some(Modal::Error { title, message }) => {
            assert_eq!(title, "The map was not saved");
            assert!(
                message.contains("map.json") && message.contains("still open here"),
                "{message}"
            );
        }
        other => panic!("expected an error dialog, got {other:?}"),
    }
    assert_eq!(*map(&harness), edited, "the open map is intact");
    assert!(harness.state().document.is_dirty(), "still unsaved");
    assert!(target.is_dir(), "what was there is untouched");
    let leftovers: Vec<_> = std::fs::read_dir(directory.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left behind");
}

#[test]
fn large_maps_export_and_open_in_the_background_while_frames_keep_coming() {
    let directory = tempfile::tempdir().expect("temp dir");
    let picture = directory.path().join("big.svg");
    let big_map = directory.path().join("big.json");
    let synthetic = touchmap::synthetic::synthetic_map(20_000, 3);
    touchmap::format::save_file(&synthetic, &big_map).expect("saved");
    let app = TouchmapApp::with_example(Box::new(ScriptedDialogs {
        open_answers: vec![Some(big_map)],
        save_answers: vec![Some(picture.clone())],
    }));
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1500.0, 950.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut TouchmapApp| app.ui(ui), app);
    harness.run();
    // Not `key()`: its `run()` waits for the UI to settle, and a spinner never does.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.step();
    assert!(
        harness.state().is_busy(),
        "a 20,000-card file opens on another thread"
    );
    // The loading thread reads the file and analyses it (the removal effects of its 15,000-card
    // tangle take seconds): wait for it by the clock, not by a count of frames.
    let mut frames = 0;
    let started = std::time::Instant::now();
    while harness.state().is_busy() && started.elapsed().as_secs() < 300 {
        harness.step();
        frames += 1;
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(
        frames > 1,
        "the window drew frames while the map was loading"
    );
    assert_eq!(map(&harness).touchpoint_count(), 20_000);
    harness.state_mut().perform(
        touchmap::ui::Action::Export(touchmap::export::ExportFormat::Svg),
        &egui::Context::default(),
    );
    assert!(
        harness.state().is_busy(),
        "a large export runs on another thread"
    );
    while harness.state().is_busy() {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(
        std::fs::read_to_string(&picture)
            .expect("written")
            .contains("<svg")
    );
}

#[test]
fn f4_opens_the_campaigns_panel_and_picking_a_campaign_puts_its_customers_on_the_cards() {
    let mut harness = harness();
    key(&mut harness, Modifiers::NONE, Key::F4);
    assert!(harness.state().view.campaigns_open);
    harness.get_by_label("Spring Instagram push").click();
    harness.run();
    assert_eq!(
        harness.state().view.campaign.as_deref(),
        Some("spring-instagram")
    );
    // The badge on the courier delivery: the pre-flight's number, shown on the map.
    let expected = harness
        .state()
        .document
        .preflight
        .campaign("spring-instagram")
        .and_then(|c| c.touchpoint(&id("delivery")))
        .map(|row| touchmap::numbers::whole(row.customers))
        .expect("delivery row");
    assert_eq!(expected, "25,027");
    harness.get_by_label(&format!(
        "Spring Instagram push: {expected} customers at Courier delivery"
    ));
    harness.get_by_label("Spring Instagram push: 12,619 customers lost at Basket");
    // The readiness checklist beside the map names the amplified weak spot.
    assert!(
        harness
            .query_by_label_contains("through Courier delivery, which scores 1.6/5")
            .is_some()
    );
}

#[test]
fn a_campaign_created_in_the_panel_is_one_undoable_step() {
    let mut harness = harness();
    key(&mut harness, Modifiers::NONE, Key::F4);
    let before = map(&harness).plan().campaigns.len();
    harness.get_by_label("New campaign").click();
    harness.run();
    assert_eq!(map(&harness).plan().campaigns.len(), before + 1);
    let new_id = harness
        .state()
        .view
        .campaign
        .clone()
        .expect("the new one is shown");
    assert!(map(&harness).plan().campaign(&new_id).is_some());
    // Its name is edited in place; the edit is undone like any other.
    let name_box = harness.get_by_label("Name");
    name_box.click();
    harness.run();
    harness.key_press(Key::End);
    harness.run();
    harness.get_by_label("Name").type_text(" for May");
    harness.run();
    assert_eq!(
        map(&harness)
            .plan()
            .campaign(&new_id)
            .map(|c| c.name.as_str()),
        Some("New campaign for May")
    );
    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_label("Map canvas").click();
    harness.run();
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        map(&harness)
            .plan()
            .campaign(&new_id)
            .map(|c| c.name.as_str()),
        Some("New campaign"),
        "the typing burst is one step"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness).plan().campaigns.len(), before);
}

#[test]
fn deleting_a_touch_point_a_campaign_names_asks_then_takes_it_out_of_the_plan() {
    let mut harness = harness();
    let ad = id("instagram-ad");
    harness.state_mut().view.select_only(ad.clone());
    harness.get_by_label("Map canvas").hover();
    harness.run();
    key(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(
        matches!(harness.state().modal, Some(Modal::RemoveFromPlan { .. })),
        "asks first"
    );
    assert!(map(&harness).contains(&ad), "nothing deleted yet");
    harness
        .get_by_label("Delete and take it out of the plan")
        .click();
    harness.run();
    assert!(!map(&harness).contains(&ad));
    assert!(map(&harness).plan().campaign("spring-instagram").is_none());
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(map(&harness).contains(&ad));
    assert_eq!(
        map(&harness)
            .plan()
            .campaign("spring-instagram")
            .map(|c| c.channels.clone()),
        Some(vec![ad])
    );
}

#[test]
fn on_a_projector_the_drawers_close_and_fit_keeps_card_names_readable() {
    let mut harness = harness_sized(Vec2::new(1280.0, 720.0));
    // The canvas gets the room: no weak-spots list, no inspector.
    assert!(harness.query_by_label("Weak spots").is_none());
    let canvas = harness.get_by_label("Map canvas").rect();
    assert!(canvas.width() > 1200.0, "{canvas:?}");
    key(&mut harness, Modifiers::COMMAND, Key::Num0);
    // Card names are 15 points at zoom 1: at least 14 px after Fit.
    let zoom = harness.state().view.zoom;
    assert!(zoom * 15.0 >= 14.0 - 1e-3, "zoom {zoom}");
    // A card in view is as wide as the layout says at that zoom (so its text is too).
    let card = card_rect(&harness, "Facebook ad");
    assert!(card.width() >= 190.0 * 14.0 / 15.0 - 1.0, "{card:?}");
    // F3 opens the left drawer, and it stays open.
    key(&mut harness, Modifiers::NONE, Key::F3);
    harness.run();
    assert!(harness.query_by_label("Weak spots").is_some());
    assert_eq!(harness.state().settings.left_drawer, Some(true));
    // With the drawer open six stages no longer fit with readable cards: Fit keeps them readable
    // and says how to see the rest.
    harness.get_by_label("Map canvas").hover();
    harness.run();
    key(&mut harness, Modifiers::COMMAND, Key::Num0);
    harness.run();
    let zoom = harness.state().view.zoom;
    assert!(zoom * 15.0 >= 14.0 - 1e-3, "zoom {zoom}");
    assert!(
        harness.state().view.status.contains("drag to see the rest"),
        "says how to see the rest: {}",
        harness.state().view.status
    );
}

#[test]
fn tab_adds_a_linked_touch_point_in_the_next_stage_and_arrows_move_the_selection() {
    let mut harness = harness();
    harness.state_mut().view.select_only(id("checkout"));
    harness.get_by_label("Map canvas").hover();
    harness.run();
    let before = map(&harness).touchpoint_count();
    key(&mut harness, Modifiers::NONE, Key::Tab);
    harness.run();
    type_text(&mut harness, "Gift wrapping");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    harness.run();
    let gift = id("gift-wrapping");
    assert_eq!(map(&harness).touchpoint_count(), before + 1);
    let added = map(&harness)
        .touchpoint(&gift)
        .expect("named, with an id from its name");
    assert_eq!(
        added.stage.as_deref(),
        Some("Delivery"),
        "the stage after Purchase"
    );
    assert!(
        map(&harness).link(&id("checkout"), &gift).is_some(),
        "linked from checkout"
    );
    // Adding, linking and naming are one step.
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness).touchpoint_count(), before);
    assert!(map(&harness).link(&id("checkout"), &gift).is_none());

    // Arrows: from Checkout, left is the Consideration column, down is the next card below.
    harness.state_mut().view.select_only(id("checkout"));
    key(&mut harness, Modifiers::NONE, Key::ArrowDown);
    let below = harness
        .state()
        .view
        .selection
        .first()
        .cloned()
        .expect("selected");
    let checkout_y = card_rect(&harness, "Checkout").center().y;
    let below_name = map(&harness)
        .touchpoint(&below)
        .expect("exists")
        .name
        .clone();
    assert!(
        card_rect(&harness, &below_name).center().y > checkout_y,
        "{below_name}"
    );
    key(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    let left = harness
        .state()
        .view
        .selection
        .first()
        .cloned()
        .expect("selected");
    assert_eq!(
        map(&harness)
            .touchpoint(&left)
            .and_then(|t| t.stage.clone())
            .as_deref(),
        Some("Consideration")
    );
}

#[test]
fn a_status_message_goes_after_a_while() {
    let mut harness = harness();
    harness.state_mut().view.status = "Saved".to_owned();
    harness.step();
    assert_eq!(harness.state().view.status, "Saved");
    // Twelve seconds of frames at 60 per second.
    for _ in 0..(13 * 60) {
        harness.step();
    }
    assert_eq!(harness.state().view.status, "", "not stale");
}

#[test]
fn the_text_size_control_scales_the_interface_and_is_remembered() {
    let mut harness = harness();
    key(
        &mut harness,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::ArrowUp,
    );
    assert_eq!(harness.state().settings.text_size, Some(1.1));
    assert!((harness.ctx.zoom_factor() - 1.1).abs() < 1e-6);
    key(
        &mut harness,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::ArrowDown,
    );
    key(
        &mut harness,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::ArrowDown,
    );
    assert_eq!(harness.state().settings.text_size, Some(0.9));
}

#[test]
fn presenting_at_1280_by_720_the_caption_sits_below_the_card_and_never_covers_it() {
    for size in [
        Vec2::new(1280.0, 720.0),
        Vec2::new(1920.0, 1080.0),
        Vec2::new(1024.0, 768.0),
    ] {
        let mut harness = harness_sized(size);
        // A running timebox, as a facilitator starts before presenting.
        harness.state_mut().view.timer = Some(touchmap::ui::workshop::Timer {
            started_secs: 0.0,
            total_secs: 600.0,
        });
        key(&mut harness, Modifiers::NONE, Key::F11);
        for _ in 0..3 {
            harness.run_steps(4);
        }
        // The timebox heads the caption's panel: never over a card (it covered a card's title).
        let timebox = harness.get_by_label_contains("Timebox ").rect();
        let delivery = card_rect(&harness, "Courier delivery");
        assert!(
            !timebox.intersects(delivery),
            "{size:?}: timebox {timebox:?} over the card {delivery:?}"
        );
        // The courier delivery has three findings (weak, bottleneck, and more): a long caption.
        let steps =
            touchmap::ui::workshop::presentation_steps(&harness.state().document.report).len();
        let caption = harness
            .get_by_label(&format!("1 / {steps}   Courier delivery"))
            .rect();
        let card = card_rect(&harness, "Courier delivery");
        assert!(
            !card.intersects(caption.expand(4.0)),
            "{size:?}: card {card:?} under caption {caption:?}"
        );
        let screen = Rect::from_min_size(Pos2::ZERO, size);
        assert!(
            screen.contains_rect(card),
            "{size:?}: card {card:?} on screen"
        );
        let reasons = harness
            .query_all_by_label_contains("Courier delivery")
            .count();
        assert!(reasons >= 3, "{size:?}: the caption lists the findings");
    }
}

#[test]
fn the_right_click_menu_of_a_card_sets_a_score_an_owner_and_renames() {
    let mut harness = harness();
    harness
        .get_by_role_and_label(Role::Button, "Courier delivery")
        .click_secondary();
    harness.run();
    assert_eq!(
        harness.state().view.selection.first(),
        Some(&id("delivery")),
        "a right-click selects the card"
    );
    harness.get_by_label("Score").click();
    harness.run();
    harness.get_by_label("4 / 5").click();
    harness.run();
    assert_eq!(
        map(&harness)
            .touchpoint(&id("delivery"))
            .expect("exists")
            .score,
        Some(4.0)
    );

    harness
        .get_by_role_and_label(Role::Button, "Courier delivery")
        .click_secondary();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Owner").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Customer service")
        .click();
    harness.run();
    assert_eq!(
        map(&harness)
            .touchpoint(&id("delivery"))
            .expect("exists")
            .owner
            .as_deref(),
        Some("Customer service")
    );

    harness
        .get_by_role_and_label(Role::Button, "Courier delivery")
        .click_secondary();
    harness.run();
    harness
        .get_by_label("Rename the selected touch point")
        .click();
    harness.run();
    assert!(
        harness.state().view.rename.is_some(),
        "the name box is open"
    );
    // Two undos take back the owner and the score.
    key(&mut harness, Modifiers::NONE, Key::Escape);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    let delivery = map(&harness).touchpoint(&id("delivery")).expect("exists");
    assert_eq!(delivery.score, Some(1.6));
    assert_eq!(delivery.owner.as_deref(), Some("Logistics"));
}

/// Right-clicks at a point of the canvas (press and release of the secondary button).
fn right_click_at(harness: &mut Harness<'_, TouchmapApp>, pos: Pos2) {
    harness.hover_at(pos);
    // Over a link a tooltip (its share and where it comes from) fades in over a few frames.
    harness.run_steps(8);
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
}

#[test]
fn the_right_click_menu_of_a_link_sets_its_share_reverses_and_deletes_it() {
    let mut harness = harness();
    let (gear, loyalty) = (id("product-in-use"), id("loyalty-club"));
    assert!(map(&harness).link(&gear, &loyalty).is_some());
    // The link runs straight from the right edge of one card to the left edge of the next.
    let from = card_rect(&harness, "Using the gear outdoors");
    let to = card_rect(&harness, "Loyalty club");
    let on_link = Pos2::new(
        from.right() + (to.left() - from.right()) * 0.75,
        from.center().y,
    );
    right_click_at(&mut harness, on_link);
    assert_eq!(
        harness.state().view.selected_link,
        Some((gear.clone(), loyalty.clone())),
        "a right-click on a link selects it"
    );
    assert_eq!(
        harness
            .query_all_by_label("Using the gear outdoors → Loyalty club")
            .count(),
        2,
        "the menu names the link, as the inspector does"
    );
    harness.get_by_label("Share of customers").click();
    harness.run();
    harness.get_by_label("50%").click();
    harness.run();
    assert_eq!(
        map(&harness).link(&gear, &loyalty).expect("link").share,
        Some(0.5)
    );

    right_click_at(&mut harness, on_link);
    harness.get_by_label("Reverse direction").click();
    harness.run();
    assert!(map(&harness).link(&gear, &loyalty).is_none());
    assert_eq!(
        map(&harness).link(&loyalty, &gear).expect("reversed").share,
        Some(0.5),
        "the link keeps its share when reversed"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        map(&harness).link(&gear, &loyalty).is_some(),
        "one undo step puts it back"
    );

    right_click_at(&mut harness, on_link);
    harness.get_by_label("Delete this link").click();
    harness.run();
    assert!(map(&harness).link(&gear, &loyalty).is_none());
    assert!(
        map(&harness).touchpoint(&gear).is_some(),
        "only the link goes"
    );

    // On the empty canvas the menu offers the canvas's commands instead.
    let empty = empty_spot_in_purchase_column(&harness);
    right_click_at(&mut harness, empty);
    assert_eq!(harness.state().view.selected_link, None);
    let before = map(&harness).touchpoint_count();
    // The toolbar has the same command (its words come from the command table): the menu's
    // entry is the one that opened where the canvas was right-clicked, below the toolbar.
    harness
        .query_all_by_label("Add a touch point")
        .find(|node| (node.rect().top() - empty.y).abs() < 60.0)
        .expect("the menu's entry beside the click")
        .click();
    harness.run();
    assert_eq!(map(&harness).touchpoint_count(), before + 1);
}

#[test]
fn clicking_the_middle_of_the_minimap_centres_the_whole_map() {
    let mut harness = harness();
    // Zoomed in, so that the map is larger than the canvas and the minimap is shown.
    for _ in 0..3 {
        key(&mut harness, Modifiers::COMMAND, Key::Plus);
    }
    harness.run();
    let Some(minimap) = harness.query_by_label("Minimap").map(|node| node.rect()) else {
        panic!("no minimap after zooming in");
    };
    click_at(&mut harness, minimap.center());
    // The middle of the minimap is the middle of the map (it is centred in the minimap along the
    // side it does not fill): the canvas now shows the middle of the map's bounds in its middle.
    let canvas = harness.get_by_label("Map canvas").rect();
    let view = &harness.state().view;
    let shown = (canvas.size() / 2.0 - view.offset) / view.zoom;
    let bounds = touchmap::layout::bounds(map(&harness));
    let (middle_x, middle_y) = (
        bounds.x + bounds.width / 2.0,
        bounds.y + bounds.height / 2.0,
    );
    // Within 2 % of the map's size (a minimap pixel is many canvas units).
    assert!(
        (f64::from(shown.x) - middle_x).abs() < bounds.width * 0.02
            && (f64::from(shown.y) - middle_y).abs() < bounds.height * 0.02,
        "the canvas middle shows {shown:?}, the map's middle is ({middle_x}, {middle_y})"
    );
}

#[test]
fn the_campaigns_panel_compares_campaigns_side_by_side_and_shows_the_calendar() {
    let mut harness = harness();
    key(&mut harness, Modifiers::NONE, Key::F4);
    // In the drawer: each campaign with its verdict first, its dates, owner and numbers, then the
    // objectives' totals.
    assert_eq!(harness.query_all_by_label("FIX FIRST").count(), 1);
    assert_eq!(harness.query_all_by_label("GO").count(), 1);
    harness.get_by_label("2027-03-01 – 2027-04-15 · owner Marketing");
    harness.get_by_label("worst: critical amplified-weak-spot at Courier delivery");
    assert!(
        harness
            .query_by_label_contains(
                "Double repeat sales by the summer (at Repeat purchase): baseline 4,000 + 3,383"
            )
            .is_some()
    );
    // The same numbers as one table, in a window wide enough for every column.
    harness.get_by_label("Side by side (table)").click();
    harness.run();
    for header in touchmap::export::text::CAMPAIGN_COLUMNS {
        harness.get_by_label(header);
    }
    assert_eq!(harness.query_all_by_label("FIX FIRST").count(), 2);
    harness.get_by_label("2027-03-01 – 2027-04-15");
    harness.get_by_label("critical amplified-weak-spot at Courier delivery");
    harness.get_by_label("119,878");
    harness.get_by_label("Side by side (table)").click();
    harness.run();
    assert!(!harness.state().view.side_by_side_open);
    // The calendar says in words what it draws: the courier's daily load against its capacity.
    assert!(
        harness
            .query_by_label_contains(
                "Courier delivery: up to 544 extra customers a day (blue) against 500 it can take"
            )
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("Shaded: a touch point is overloaded from 1 Mar to 15 Apr.")
            .is_some()
    );
    // Selecting another touch point on the map shows its load instead.
    click_card(&mut harness, "Basket");
    assert!(
        harness
            .query_by_label_contains("Basket: up to 1,073 extra customers a day; no capacity set")
            .is_some()
    );
    // The checklist of the chosen campaign lists every rule, the new ones too.
    harness.get_by_label("Spring Instagram push").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains(
                "Courier delivery gets up to 544 extra customers a day from 1 Mar to 15 Apr"
            )
            .is_some()
    );
    harness.get_by_label("✔ It is on the calendar (starts and ends)");
}

#[test]
fn copy_cut_and_paste_are_commands_of_the_edit_menu() {
    use touchmap::ui::command::{Command, Menu};
    for command in [Command::Copy, Command::Cut, Command::Paste] {
        assert_eq!(command.menu(), Menu::Edit);
    }
    assert_eq!(Command::Copy.shortcut_text(), "Ctrl+C");
    let mut harness = harness();
    click_card(&mut harness, "Courier delivery");
    let count = map(&harness).touchpoint_count();
    harness.state_mut().perform(
        touchmap::ui::Action::Run(Command::Cut),
        &egui::Context::default(),
    );
    harness.run();
    assert_eq!(map(&harness).touchpoint_count(), count - 1, "cut deletes");
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness).touchpoint_count(), count, "in one undo step");
}

#[test]
fn the_view_menu_sets_the_theme_and_remembers_it() {
    use touchmap::ui::command::{Command, Menu};
    for command in [
        Command::ThemeLight,
        Command::ThemeDark,
        Command::ThemeSystem,
    ] {
        assert_eq!(command.menu(), Menu::View);
    }
    let mut harness = harness();
    for (command, dark) in [
        (Command::ThemeDark, Some(true)),
        (Command::ThemeLight, Some(false)),
        (Command::ThemeSystem, None),
    ] {
        let ctx = harness.ctx.clone();
        harness
            .state_mut()
            .perform(touchmap::ui::Action::Run(command), &ctx);
        harness.run();
        assert_eq!(
            harness.state().settings.dark,
            dark,
            "{command:?} remembered"
        );
        let preference = harness.ctx.options(|options| options.theme_preference);
        let expected = match dark {
            Some(true) => egui::ThemePreference::Dark,
            Some(false) => egui::ThemePreference::Light,
            None => egui::ThemePreference::System,
        };
        assert_eq!(preference, expected);
    }
    // In the View menu, by the table's words.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Dark theme").click();
    harness.run();
    assert_eq!(harness.state().settings.dark, Some(true));
}

#[test]
fn file_import_makes_a_new_map_from_a_spreadsheet_and_says_what_it_could_not_take() {
    let directory = tempfile::tempdir().expect("temp dir");
    let sheet = directory.path().join("bike-shop.csv");
    // Semicolons and decimal commas, as a European spreadsheet saves them, with a BOM and CRLF.
    std::fs::write(
        &sheet,
        "\u{feff}Touch point;Stage;Rating;Leads to\r\n\
         Checkout;Purchase;3,5;\r\n\
         Instagram ad;Awareness;4;Checkout\r\n\
         Card payment;purchase;2,5;\r\n",
    )
    .expect("write");
    let bad = directory.path().join("bad.csv");
    std::fs::write(&bad, "name,score\nA,9\n").expect("write");
    let mut harness = harness_with(ScriptedDialogs {
        open_answers: vec![Some(sheet), Some(bad)],
        save_answers: vec![],
    });
    // From the File menu, as a person would.
    harness.get_by_label("File").click();
    harness.run();
    harness
        .get_by_label_contains("Import a spreadsheet (CSV)…")
        .click();
    harness.run();
    assert_eq!(map(&harness).title, "bike shop");
    assert_eq!(map(&harness).touchpoint_count(), 3);
    assert!(
        harness.state().document.is_dirty(),
        "an import is not saved yet"
    );
    match &harness.state().modal {
        Some(Modal::Notice { title, message }) => {
            assert_eq!(title, "Imported 3 touch points and 1 link");
            assert!(
                message
                    .contains("stage \"purchase\" (row 4) differs from \"Purchase\" only by case"),
                "{message}"
            );
            assert!(message.contains("in the inspector"), "{message}");
            assert!(!message.contains("--stages"), "{message}");
        }
        other => panic!("expected the import's notes, got {other:?}"),
    }
    harness.get_by_label("OK").click();
    harness.run();
    assert!(harness.state().modal.is_none());

    // A bad sheet: the error names the row and column, and the map stays. (The imported map is
    // unsaved, so the editor first asks; "Don't save" goes on.)
    let before = map(&harness).clone();
    harness.state_mut().perform(
        touchmap::ui::Action::Run(touchmap::ui::command::Command::ImportSpreadsheet),
        &egui::Context::default(),
    );
    harness.run();
    harness.get_by_label("Don't save").click();
    harness.run();
    match &harness.state().modal {
        Some(Modal::Error { message, .. }) => {
            assert!(message.contains("row 2, column \"score\""), "{message}");
            assert!(message.contains("unchanged"), "{message}");
        }
        other => panic!("expected an error dialog, got {other:?}"),
    }
    assert_eq!(*map(&harness), before);
}

#[test]
fn a_share_from_path_data_says_its_count_and_interval_and_a_typed_share_drops_it() {
    let mut harness = harness();
    let (basket, checkout) = (id("basket"), id("checkout"));
    let mut link = map(&harness)
        .link(&basket, &checkout)
        .expect("the example links them")
        .clone();
    link.share = Some(52.0 / 72.0);
    link.observed = Some(touchmap::model::Observed { n: 52.0, of: 72.0 });
    harness.state_mut().perform(
        touchmap::ui::Action::Edit {
            edit: touchmap::edit::Edit::UpdateLink {
                from: basket.clone(),
                to: checkout.clone(),
                link,
            },
            label: "Calibrate".into(),
            coalesce: None,
        },
        &egui::Context::default(),
    );
    harness.run();
    click_card(&mut harness, "Basket");
    // 52 of 72: Wilson 0.61–0.81 (worked out in tests/cli.rs).
    assert!(
        harness
            .query_by_label_contains("from path data: 52 of 72 journeys (95% 0.61–0.81)")
            .is_some()
    );
    // Typing a share by hand: the count goes, and the line says the share is a guess.
    harness
        .get_by_label("Share to Checkout (0–1)")
        .set_text_value_accesskit("0.5");
    harness.run();
    let link = map(&harness).link(&basket, &checkout).expect("kept");
    assert_eq!(link.share, Some(0.5));
    assert_eq!(link.observed, None);
    assert!(
        harness
            .query_by_label_contains("a guess: no path data behind it")
            .is_some()
    );
}

#[test]
fn f9_shows_the_charts_on_a_720p_projector_too() {
    let mut harness = harness_sized(Vec2::new(1280.0, 720.0));
    // Below 800 points the map keeps the height until the charts are asked for.
    assert!(
        harness
            .query_by_label("Importance vs performance")
            .is_none()
    );
    key(&mut harness, Modifiers::NONE, Key::F9);
    assert!(
        harness
            .query_by_label("Importance vs performance")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Score by stage (the emotion curve)")
            .is_some()
    );
    key(&mut harness, Modifiers::NONE, Key::F9);
    assert!(
        harness
            .query_by_label("Importance vs performance")
            .is_none()
    );
}

#[test]
fn ctrl_plus_zooms_the_map_on_us_and_european_keyboards_and_text_size_has_its_own_keys() {
    let mut harness = harness();
    let zoom = harness.state().view.zoom;
    let text = harness.state().settings.text_size;
    // A US keyboard types "+" as Shift+=: Ctrl+Shift+= zooms, as Ctrl++ does on a European one.
    key(
        &mut harness,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::Equals,
    );
    let after_us = harness.state().view.zoom;
    assert!(after_us > zoom, "{after_us} after {zoom}");
    key(&mut harness, Modifiers::COMMAND, Key::Plus);
    assert!(harness.state().view.zoom > after_us);
    assert_eq!(
        harness.state().settings.text_size,
        text,
        "the text size stays"
    );
    key(
        &mut harness,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::ArrowUp,
    );
    assert!(
        harness.state().settings.text_size.unwrap_or(1.0) > text.unwrap_or(1.0),
        "Ctrl+Shift+↑ makes the text bigger"
    );
}

#[test]
fn the_wheel_over_f1_s_help_scrolls_the_help_not_the_map() {
    let mut harness = harness();
    key(&mut harness, Modifiers::NONE, Key::F1);
    let help = harness.get_by_label("Keyboard and mouse").rect();
    let before = harness.state().view.offset;
    let wheel = |harness: &mut Harness<'_, TouchmapApp>, pos: Pos2| {
        harness.hover_at(pos);
        harness.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: Vec2::new(0.0, -120.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        harness.run_steps(30);
    };
    wheel(&mut harness, help.center() + Vec2::new(0.0, 60.0));
    assert_eq!(harness.state().view.offset, before, "the map stayed put");
    // With the help closed the same wheel moves the map.
    key(&mut harness, Modifiers::NONE, Key::F1);
    wheel(&mut harness, help.center() + Vec2::new(0.0, 60.0));
    assert_ne!(harness.state().view.offset, before);
}

/// Draws frames until the import dialog has a preview for what is picked (the file is read on
/// another thread).
fn wait_for_preview(harness: &mut Harness<'_, TouchmapApp>) {
    for _ in 0..500 {
        harness.step();
        let ready = harness
            .state()
            .path_import
            .as_ref()
            .is_some_and(|state| state.current().is_some());
        if ready {
            harness.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("no preview after 500 frames");
}

#[test]
fn path_data_import_previews_every_share_and_applies_as_one_undoable_step() {
    let directory = tempfile::tempdir().expect("temp dir");
    let data = directory.path().join("journeys.csv");
    // channelattribution's aggregated layout, semicolons as a European spreadsheet saves them.
    // TikTok matches no touch point of the example. By hand, over matched steps only:
    // Product page is passed by 40 + 20 + 40 + 10 = 110 journeys; 40 + 10 go on to Basket:
    // 50/110 (was 0.3). Basket: 70 arrive, 50 go on to Checkout. Payment: 50 arrive, 30 + 10
    // convert (arrive at the goal, the first objective's Order confirmation e-mail): 40/50.
    std::fs::write(
        &data,
        "path;total_conversions;total_conversion_value;total_null\r\n\
         Instagram ad > Product page > Basket > Checkout > Payment (card, PayPal, Klarna);30;1500;10\r\n\
         Google search result > Product page > Size and fit guide > Basket;0;0;20\r\n\
         Google search result > Product page;0;0;40\r\n\
         TikTok > Product page > Basket > Checkout > Payment (card, PayPal, Klarna);10;400;0\r\n",
    )
    .expect("write");
    let mut harness = harness_with(ScriptedDialogs {
        open_answers: vec![Some(data)],
        save_answers: vec![],
    });
    let (page, basket) = (id("product-page"), id("basket"));
    let before = map(&harness).clone();
    harness.get_by_label("File").click();
    harness.run();
    harness
        .get_by_label_contains("Import path data (analytics journeys)…")
        .click();
    wait_for_preview(&mut harness);
    // The goal defaults to the map's own (its first objective's), and the preview lists every
    // share before → after with its journeys, and the step nothing matches.
    harness.get(
        egui_kittest::kittest::by()
            .role(Role::ComboBox)
            .value("Order confirmation e-mail"),
    );
    harness.get_by_label("Product page → Basket");
    harness.get_by_label("0.3 → 0.45");
    harness.get_by_label("50 of 110");
    harness.get_by_label_contains("\"TikTok\" (10 journeys)");
    assert_eq!(*map(&harness), before, "a preview changes nothing");

    harness
        .get_by_label("Apply (one step, Ctrl+Z undoes it)")
        .click();
    harness.run();
    assert!(harness.state().path_import.is_none(), "the dialog closes");
    let link = map(&harness).link(&page, &basket).expect("link").clone();
    assert_eq!(link.share, Some(50.0 / 110.0));
    let observed = link.observed.expect("observed counts on the link");
    assert_eq!((observed.n, observed.of), (50.0, 110.0));
    let payment = map(&harness)
        .link(&id("payment"), &id("order-confirmation"))
        .expect("link")
        .clone();
    assert_eq!(payment.share, Some(40.0 / 50.0));
    let instagram = map(&harness)
        .touchpoint(&id("instagram-ad"))
        .expect("tp")
        .clone();
    assert_eq!(
        instagram.reach,
        Some(40.0),
        "reach from where journeys start"
    );
    assert_eq!(
        map(&harness)
            .touchpoint(&id("facebook-ad"))
            .expect("tp")
            .role,
        None,
        "no journey starts at the Facebook ad: no longer an entry"
    );

    // The Attribution panel (F12) sets the journeys against the room.
    harness.key_press(Key::F12);
    harness.run();
    harness.get_by_label("Attribution: the journeys against the room");
    harness.get_by_label_contains("Journeys: journeys.csv — 110 journeys, 40 conversions");

    // One step: Ctrl+Z puts every share, reach and role back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(*map(&harness), before);
}

#[test]
fn path_data_import_guesses_ga4_columns_and_says_when_the_file_cannot_be_read() {
    let directory = tempfile::tempdir().expect("temp dir");
    let bad = directory.path().join("bad.csv");
    std::fs::write(&bad, "").expect("write");
    let mut harness = harness_with(ScriptedDialogs {
        open_answers: vec![
            Some(PathBuf::from("tests/data/paths/ga4-events.csv")),
            Some(bad),
        ],
        save_answers: vec![],
    });
    let before = map(&harness).clone();
    harness.state_mut().perform(
        touchmap::ui::Action::Run(touchmap::ui::command::Command::ImportPathData),
        &egui::Context::default(),
    );
    wait_for_preview(&mut harness);
    // GA4's flattened export: the pickers show the columns it uses.
    for column in [
        "user_pseudo_id",
        "event_timestamp",
        "session_source_medium",
        "event_name",
        "purchase_revenue",
    ] {
        harness.get(
            egui_kittest::kittest::by()
                .role(Role::ComboBox)
                .value(column),
        );
    }
    assert_eq!(
        harness
            .state()
            .path_import
            .as_ref()
            .and_then(|state| state.columns.converts_on.clone())
            .as_deref(),
        Some("purchase")
    );
    // None of GA4's sources is a touch point of the example: each is listed, none applied.
    harness.get_by_label_contains("4 steps match no touch point");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().path_import.is_none());
    assert_eq!(*map(&harness), before, "cancel changes nothing");

    // An empty file: refused at once, the map unchanged.
    harness.state_mut().perform(
        touchmap::ui::Action::Run(touchmap::ui::command::Command::ImportPathData),
        &egui::Context::default(),
    );
    harness.run();
    match &harness.state().modal {
        Some(Modal::Error { message, .. }) => {
            assert!(message.contains("the file is empty"), "{message}");
            assert!(message.contains("unchanged"), "{message}");
        }
        other => panic!("expected an error dialog, got {other:?}"),
    }
    assert_eq!(*map(&harness), before);
}

#[test]
fn a_measured_score_shows_its_interval_and_mark_and_typing_a_score_drops_the_measurement() {
    let mut harness = harness();
    let delivery = id("delivery");
    let mut touchpoint = map(&harness).touchpoint(&delivery).expect("tp").clone();
    touchpoint.score = Some(2.5);
    touchpoint.measured = Some(touchmap::model::Measured {
        source: "google-forms.csv".into(),
        n: 6.0,
        mean: 2.5,
        low: 1.4,
        high: 3.6,
        date: touchmap::model::Day::parse("2026-11-30").ok(),
        ..touchmap::model::Measured::default()
    });
    harness.state_mut().perform(
        touchmap::ui::Action::Edit {
            edit: touchmap::edit::Edit::UpdateTouchPoint(touchpoint),
            label: "Survey".into(),
            coalesce: None,
        },
        &egui::Context::default(),
    );
    harness.run();
    // The mark after the score says in words what it is (on hover, and to screen readers).
    harness.get_by_label(
        "Evidence ± thin: from data, but few answers or a wide interval: 2.5 (1.4–3.6, n = 6, google-forms.csv, 2026-11-30)",
    );
    // Other cards carry the room's ratings.
    assert!(
        harness
            .query_all_by_label_contains("Evidence ~ workshop: the room's rating")
            .count()
            > 10
    );
    click_card(&mut harness, "Courier delivery");
    harness.get_by_label_contains("Evidence: thin — 2.5 (1.4–3.6, n = 6, google-forms.csv");
    harness
        .get_by_label("Score today (1–5)")
        .set_text_value_accesskit("3");
    harness.run();
    let after = map(&harness).touchpoint(&delivery).expect("tp").clone();
    assert_eq!(after.score, Some(3.0));
    assert_eq!(after.measured, None, "a typed score is the room's again");
    harness.get_by_label_contains("Evidence: workshop — the room's rating");
}

#[test]
fn the_evidence_library_lists_every_quote_searches_and_leads_to_its_touch_point() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    harness.run();
    harness.get_by_label("Evidence library");
    // The example's quotes, all of them, then only those that match.
    harness.get_by_label_contains("“Parcel arrived 9 days late and nobody told me”");
    harness
        .get_by_label("Search")
        .set_text_value_accesskit("broken pole");
    harness.run();
    harness.get_by_label_contains("1 of ");
    assert!(
        harness
            .query_by_label_contains("“Parcel arrived 9 days late")
            .is_none(),
        "filtered out"
    );
    harness
        .get_by_label_contains("“Waited four days for an answer about a broken pole”")
        .click();
    harness.run();
    assert_eq!(
        harness.state().view.selection.first(),
        Some(&id("support-email")),
        "the quote leads to its touch point"
    );
}

#[test]
fn survey_import_previews_every_number_and_applies_as_one_undoable_step() {
    let survey = PathBuf::from("tests/data/survey/google-forms.csv");
    let mut harness = harness_with(ScriptedDialogs {
        open_answers: vec![Some(survey.clone()), Some(survey)],
        save_answers: vec![],
    });
    let before = map(&harness).clone();
    harness.get_by_label("File").click();
    harness.run();
    harness
        .get_by_label_contains("Import survey responses…")
        .click();
    harness.run();
    harness.get_by_label("Import survey responses: google-forms.csv");
    harness.get_by_label_contains("Google Forms export, 8 responses");
    // The delivery question rates Courier delivery: its "not used" picker, then the touch point.
    let question = "How satisfied were you with the delivery? (1-5)";
    harness
        .get_all_by_role_and_label(Role::ComboBox, question)
        .next()
        .expect("the question's use picker")
        .click();
    harness.run();
    harness.get_by_label("rates").click();
    harness.run();
    {
        let state = harness.state_mut().survey_import.as_mut().expect("open");
        let column = state
            .responses
            .columns
            .iter()
            .position(|c| c.text == question)
            .expect("column");
        state.choices[column].1 = Some(id("delivery"));
    }
    harness.run();
    // Every number before Apply: 1.6 → 2.5, 95% 1.4–3.6 (worked out in tests/survey.rs).
    harness.get_by_label("Courier delivery: 1.6 → 2.5 (95% 1.4–3.6, n = 6, 2 skipped; scale 1-5)");
    assert_eq!(*map(&harness), before, "a preview changes nothing");
    harness
        .get_by_label("Apply (one step, Ctrl+Z undoes it)")
        .click();
    harness.run();
    let delivery = map(&harness)
        .touchpoint(&id("delivery"))
        .expect("tp")
        .clone();
    assert_eq!(delivery.score, Some(2.5));
    assert_eq!(delivery.measured.as_ref().map(|m| m.n), Some(6.0));
    assert!(
        map(&harness).extra.contains_key("sources"),
        "the mapping is remembered"
    );

    // Next time the dialog fills the remembered mapping in by itself.
    harness.state_mut().perform(
        touchmap::ui::Action::Run(touchmap::ui::command::Command::ImportSurvey),
        &egui::Context::default(),
    );
    harness.run();
    harness.get_by_label_contains("Courier delivery: 2.5 → 2.5");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().survey_import.is_none());

    // One step: Ctrl+Z takes the score, the measurement and the source back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(*map(&harness), before);
}

#[test]
fn the_inspector_edits_an_evidence_item_with_its_source_date_and_rating() {
    let mut harness = harness();
    click_card(&mut harness, "Courier delivery");
    let quotes_before = map(&harness)
        .touchpoint(&id("delivery"))
        .expect("tp")
        .evidence
        .len();
    harness
        .get_by_label_contains("+ Evidence with its source")
        .scroll_to_me();
    harness
        .get_by_label_contains("+ Evidence with its source")
        .click();
    harness.run();
    harness.get_by_label_contains("“What was said”").click();
    harness.run();
    harness
        .get_by_label("What was said")
        .set_text_value_accesskit("Box was wet");
    harness.run();
    harness
        .get_by_label("Source")
        .set_text_value_accesskit("Trustpilot");
    harness.run();
    harness
        .get_by_label("Date")
        .set_text_value_accesskit("2026-13-01");
    harness.run();
    harness.get_by_label_contains("2026-13-01 is not a day of the calendar");
    harness
        .get_by_label("Date")
        .set_text_value_accesskit("2026-11-02");
    harness.run();
    harness
        .get_by_label("Rating (1–5)")
        .set_text_value_accesskit("2");
    harness.run();
    let evidence = map(&harness)
        .touchpoint(&id("delivery"))
        .expect("tp")
        .evidence
        .clone();
    assert_eq!(evidence.len(), quotes_before + 1);
    let item = evidence.last().expect("added");
    assert_eq!(item.text, "Box was wet");
    assert_eq!(item.source.as_deref(), Some("Trustpilot"));
    assert_eq!(
        item.date.map(|d| d.to_string()).as_deref(),
        Some("2026-11-02")
    );
    assert_eq!(item.rating, Some(2.0));
    assert_eq!(item.kind, Some(touchmap::model::EvidenceKind::Quote));
}

/// Issue 24 reports characters lost when the next field is clicked at once. The cause, found in
/// the real window (session 11): with slow frames the last characters and the click on the next
/// field fall into one frame, and egui takes the focus from the text box on the press before the
/// box reads the frame's typing. The window cuts its input before such a press
/// (`app/input_order.rs`, unit-tested; `scripts/typing-check.sh` types in the real window and
/// reads the saved name back: 4 of 4 runs lost characters before, none after). This test drives
/// the app without the window's hook and keeps every character either way — here the press does
/// not take the focus first — so it guards the inspector's own part: a name typed over several
/// frames and committed when the next field is clicked.
#[test]
fn typing_then_clicking_the_next_field_at_once_keeps_every_character() {
    let mut harness = harness();
    click_card(&mut harness, "Live chat");
    let name = harness.get_by_label("Name").rect();
    let owner = harness.get_by_label("Owner").rect();
    click_at(&mut harness, name.center());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.step();
    // One character a frame, as fast as a person types, then a click on the next field in the
    // very frame after the last character.
    for character in "Live chat".chars() {
        harness.event(Event::Text(character.to_string()));
        harness.step();
    }
    // A slow frame: the last keys and the click on the next field arrive together.
    harness.event(Event::Text(" ".into()));
    harness.event(Event::Text("d".into()));
    harness.event(Event::Text("esk".into()));
    harness.hover_at(owner.center());
    press(&harness, owner.center(), true);
    press(&harness, owner.center(), false);
    harness.step();
    harness.event(Event::Text("X".into()));
    harness.run();
    let touchpoint = map(&harness)
        .touchpoint(&id("live-chat"))
        .expect("tp")
        .clone();
    assert_eq!(
        touchpoint.name, "Live chat desk",
        "no typed character is lost"
    );
}

#[test]
fn export_to_path_suggests_a_name_after_the_map_and_enter_exports() {
    let mut harness = harness();
    harness.state_mut().perform(
        touchmap::ui::Action::Run(touchmap::ui::command::Command::ExportToPath),
        &egui::Context::default(),
    );
    harness.run();
    // A map never saved: named after its title, with the format's extension.
    match &harness.state().modal {
        Some(Modal::TypePath { text, .. }) => {
            assert_eq!(text, "acme-outdoor-online-store.png");
        }
        other => panic!("expected the path box, got {other:?}"),
    }
    // Enter confirms what the box shows, without clicking into it first.
    let directory = tempfile::tempdir().expect("temp dir");
    let target = directory.path().join("store.png");
    if let Some(Modal::TypePath { text, .. }) = &mut harness.state_mut().modal {
        *text = target.display().to_string();
    }
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    for _ in 0..200 {
        if target.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    assert!(target.exists(), "Enter exported the picture");
    assert!(harness.state().modal.is_none());
}

#[test]
fn at_1280_the_what_if_column_stays_inside_the_drawer_with_a_campaign_shown() {
    let mut harness = harness_sized(Vec2::new(1280.0, 720.0));
    harness.state_mut().view.campaign = Some("spring-instagram".into());
    harness.state_mut().perform(
        touchmap::ui::Action::Focus(id("delivery")),
        &egui::Context::default(),
    );
    harness.run();
    key(&mut harness, Modifiers::NONE, Key::F10);
    key(&mut harness, Modifiers::NONE, Key::F8);
    harness.get_by_label("campaign goals").scroll_to_me();
    harness.run();
    let header = harness.get_by_label("what if").rect();
    assert!(
        header.right() <= 1280.0,
        "the column's heading is inside: {header:?}"
    );
    // Both columns of the campaign's goals (3,383 saved, 3,383 tried) are inside too.
    for cell in harness.get_all_by_label("3,383") {
        assert!(cell.rect().right() <= 1280.0, "{:?}", cell.rect());
    }
    harness.get_by_label_contains("Campaign rows: Spring Instagram push, shown on the map");
}

/// A map two colleagues changed: the title and the courier delivery's score on both sides, and a
/// link ours added to the live chat, which theirs deleted.
fn merged_with_conflicts() -> touchmap::model::Map {
    let base = map(&harness_sized(Vec2::new(400.0, 300.0))).clone();
    let score = |map: &mut touchmap::model::Map, value: f64| {
        let mut delivery = map.touchpoint(&id("delivery")).expect("exists").clone();
        delivery.score = Some(value);
        map.update_touchpoint(delivery).expect("valid");
    };
    let mut ours = base.clone();
    ours.title = "Ours".into();
    score(&mut ours, 2.5);
    ours.add_link(
        &id("size-guide"),
        &id("live-chat"),
        touchmap::model::Link::default(),
    )
    .expect("new link");
    let mut theirs = base.clone();
    theirs.title = "Theirs".into();
    score(&mut theirs, 3.5);
    theirs.remove_touchpoint(&id("live-chat")).expect("removed");
    touchmap::merge::merge(&base, &ours, &theirs)
        .expect("merges")
        .map
}

#[test]
fn the_conflicts_banner_resolves_each_conflict_in_one_undo_step_at_720p() {
    let mut harness = harness_sized(Vec2::new(1280.0, 720.0));
    harness.state_mut().document = Document::new(merged_with_conflicts(), None, false);
    harness.run();
    harness.get_by_label_contains("3 conflicts from a merge");
    // Each row names the place in the map's words with base, ours and theirs.
    harness.get_by_label("Courier delivery: score");
    harness.get_by_label("ours: 2.5");
    harness.get_by_label("theirs: 3.5");
    harness.get_by_label("link Size and fit guide → live-chat");
    let banner = harness
        .get_by_label_contains("3 conflicts from a merge")
        .rect();
    assert!(
        banner.right() <= 1280.0,
        "the banner fits the projector's width"
    );

    // Take theirs on the score (the second row): one step, and the list shrinks.
    harness
        .get_all_by_label("Take theirs")
        .nth(1)
        .expect("the score's row")
        .click();
    harness.run();
    let delivery = map(&harness)
        .touchpoint(&id("delivery"))
        .expect("exists")
        .score;
    assert_eq!(delivery, Some(3.5));
    harness.get_by_label_contains("2 conflicts from a merge");
    assert!(harness.query_by_label("Courier delivery: score").is_none());

    // Keep ours on the dropped link cannot bring it back: its end is gone. A dialog says so and
    // the map stays as it was.
    let before = map(&harness).clone();
    harness
        .get_all_by_label("Keep ours")
        .nth(1)
        .expect("the link's row")
        .click();
    harness.run();
    assert!(matches!(harness.state().modal, Some(Modal::Error { .. })));
    assert_eq!(map(&harness), &before);
    harness.state_mut().modal = None;
    harness.run();

    // Keep ours on the title: the title stays, the list loses it.
    harness
        .get_all_by_label("Keep ours")
        .next()
        .expect("the title's row")
        .click();
    harness.run();
    assert_eq!(map(&harness).title, "Ours");
    harness.get_by_label_contains("1 conflict from a merge");

    // Ctrl+Z twice gives back both conflicts and our score.
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.get_by_label_contains("3 conflicts from a merge");
    assert_eq!(
        map(&harness)
            .touchpoint(&id("delivery"))
            .expect("exists")
            .score,
        Some(2.5)
    );
}

/// Runs frames for up to five seconds of real time until `done` holds (the file watcher reports
/// from its own thread, in real time).
fn run_until(harness: &mut Harness<'_, TouchmapApp>, done: impl Fn(&TouchmapApp) -> bool) -> bool {
    for _ in 0..250 {
        harness.step();
        if done(harness.state()) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

/// The example saved in a temporary folder and opened from there.
fn opened_from_disk() -> (Harness<'static, TouchmapApp>, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("shop.json");
    let mut harness = harness_sized(Vec2::new(1280.0, 720.0));
    assert!(harness.state_mut().save_to(&path), "saved");
    harness.state_mut().open_path(&path);
    harness.run();
    (harness, dir, path)
}

fn with_score(path: &std::path::Path, which: &str, score: f64) -> touchmap::model::Map {
    let mut map = touchmap::format::load_file(path).expect("loads");
    let mut touchpoint = map.touchpoint(&id(which)).expect("exists").clone();
    touchpoint.score = Some(score);
    map.update_touchpoint(touchpoint).expect("valid");
    map
}

#[test]
fn a_file_changed_on_disk_reloads_in_place_when_nothing_is_unsaved() {
    let (mut harness, _dir, path) = opened_from_disk();
    harness.state_mut().view.selection.insert(id("checkout"));
    // The editor's own save changes nothing and asks nothing.
    assert!(harness.state_mut().save_to(&path));
    for _ in 0..30 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(harness.state().modal.is_none());
    assert!(harness.state().view.status.starts_with("Saved"));

    // A colleague's save (written in place, as a shared drive would), by a tool that writes no
    // positions.
    let theirs = with_score(&path, "delivery", 4.5);
    let mut unplaced = theirs.clone();
    for mut touchpoint in theirs.touchpoints().into_iter().cloned() {
        touchpoint.pos = None;
        unplaced.update_touchpoint(touchpoint).expect("valid");
    }
    std::fs::write(&path, touchmap::format::to_string(&unplaced)).expect("written");
    assert!(
        run_until(&mut harness, |app| app.view.status.starts_with("Reloaded")),
        "the editor noticed: {}",
        harness.state().view.status
    );
    // Their score, and every card where it was on screen.
    assert_eq!(map(&harness), &theirs);
    assert!(
        !harness.state().document.is_dirty(),
        "in step with the file"
    );
    assert!(
        harness.state().view.selection.contains(&id("checkout")),
        "selection kept"
    );
    // Undo goes back to what was on screen, which now differs from the file.
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_ne!(
        map(&harness)
            .touchpoint(&id("delivery"))
            .expect("exists")
            .score,
        Some(4.5)
    );
    assert!(harness.state().document.is_dirty());
}

#[test]
fn a_file_changed_under_unsaved_edits_merges_into_them_when_asked() {
    let (mut harness, _dir, path) = opened_from_disk();
    // Our unsaved edit: the checkout's score.
    let mut checkout = map(&harness)
        .touchpoint(&id("checkout"))
        .expect("exists")
        .clone();
    checkout.score = Some(1.5);
    harness
        .state_mut()
        .document
        .perform(
            touchmap::edit::Edit::UpdateTouchPoint(checkout),
            "Score",
            None,
            0.0,
        )
        .expect("valid");
    // Theirs, saved with a replace (temporary file and rename, as git and touchmap do).
    let theirs = with_score(&path, "delivery", 4.5);
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, touchmap::format::to_string(&theirs)).expect("written");
    std::fs::rename(&temporary, &path).expect("renamed");
    assert!(
        run_until(&mut harness, |app| matches!(
            app.modal,
            Some(Modal::FileChanged { .. })
        )),
        "the editor asks"
    );
    harness.run();
    harness
        .get_by_label("Merge their changes into mine")
        .click();
    harness.run();
    let merged = map(&harness);
    assert_eq!(
        merged.touchpoint(&id("checkout")).expect("exists").score,
        Some(1.5),
        "ours"
    );
    assert_eq!(
        merged.touchpoint(&id("delivery")).expect("exists").score,
        Some(4.5),
        "theirs"
    );
    assert!(
        harness.state().document.is_dirty(),
        "the merged map is not on disk yet"
    );
    // Keep mine leaves the map alone on the next change.
    let again = with_score(&path, "payment", 1.0);
    std::fs::write(&path, touchmap::format::to_string(&again)).expect("written");
    assert!(run_until(&mut harness, |app| matches!(
        app.modal,
        Some(Modal::FileChanged { .. })
    )));
    harness.run();
    let before = map(&harness).clone();
    harness.get_by_label("Keep mine").click();
    harness.run();
    assert_eq!(map(&harness), &before);
}

#[test]
fn a_file_deleted_on_disk_says_so_and_keeps_the_map_open_and_unsaved() {
    let (mut harness, _dir, path) = opened_from_disk();
    let before = map(&harness).clone();
    std::fs::remove_file(&path).expect("deleted");
    assert!(run_until(&mut harness, |app| matches!(
        &app.modal,
        Some(Modal::Notice { title, .. }) if title.contains("deleted or renamed")
    )));
    assert_eq!(map(&harness), &before);
    assert!(
        harness.state().document.is_dirty(),
        "closing asks before the map is lost"
    );
}

/// The segments fixture (New parents, Returning customers) in an editor at 1280×720 with the
/// inspector's drawer open.
fn harness_on_segments() -> Harness<'static, TouchmapApp> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/segments/store.json");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let mut harness = harness_on_720(touchmap::format::from_str(&text).expect("a valid map"));
    harness.state_mut().settings.right_drawer = Some(true);
    harness.run();
    harness
}

/// An editor on a map in a 1280×720 window (a projector).
fn harness_on_720(map: touchmap::model::Map) -> Harness<'static, TouchmapApp> {
    let app = TouchmapApp::new(
        Document::new(map, None, true),
        Box::new(ScriptedDialogs::default()),
        None,
    );
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 720.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut TouchmapApp| app.ui(ui), app);
    harness.run();
    harness
}

#[test]
fn the_segment_picker_shows_a_segments_map_and_the_inspector_edits_its_own_values() {
    use touchmap::analysis::{Config, analyze};
    let mut harness = harness_on_segments();
    let delivery = id("delivery");
    let everyone = analyze(map(&harness), &Config::today());
    assert_eq!(harness.state().document.report, everyone);

    // The toolbar's picker: New parents.
    harness
        .get(
            egui_kittest::kittest::by()
                .role(Role::ComboBox)
                .label("Segment"),
        )
        .click();
    harness.run();
    harness.get_by_label("New parents").click();
    harness.run();
    let parents = map(&harness).for_segment("parents").expect("segment");
    assert_eq!(
        harness.state().document.segment().map(|s| s.id.as_str()),
        Some("parents")
    );
    assert_eq!(
        harness.state().document.report,
        analyze(&parents, &Config::today()),
        "the findings, colours and charts are the parents' analysis"
    );
    assert_ne!(harness.state().document.report, everyone);
    harness.get_by_label_contains("Segment New parents: their values and findings");

    // The inspector shows their values: delivery's score 1.2 is theirs, its reach everyone's.
    harness.state_mut().view.select_only(delivery.clone());
    harness.run();
    harness.run();
    harness.get_by_label("● score for New parents only");
    harness.get_by_label("● importance for New parents only");
    harness.get_by_label("everyone's reach; a change here is for New parents only");
    let score_box = harness.get_by_label("Score today (1–5)");
    assert_eq!(score_box.value().as_deref(), Some("1.2"));

    // A score typed in their view is theirs; everyone's 1.6 stays.
    score_box.focus();
    harness.run();
    key(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "2");
    harness.run();
    let saved = map(&harness)
        .touchpoint(&delivery)
        .expect("delivery")
        .clone();
    assert_eq!(saved.score, Some(1.6), "everyone's score is untouched");
    assert_eq!(saved.segments["parents"].score, Some(2.0));
    assert_eq!(saved.segments["parents"].importance, Some(5));

    // Reset: the parents get everyone's score again; their importance stays theirs.
    harness.get_by_label("Use everyone's score").click();
    harness.run();
    harness.run();
    let saved = map(&harness)
        .touchpoint(&delivery)
        .expect("delivery")
        .clone();
    assert_eq!(saved.segments["parents"].score, None);
    assert_eq!(saved.segments["parents"].importance, Some(5));
    assert_eq!(saved.score, Some(1.6));
    harness.get_by_label("everyone's score; a change here is for New parents only");
    assert_eq!(
        harness.get_by_label("Score today (1–5)").value().as_deref(),
        Some("1.6"),
        "the box shows the value they get now"
    );
    // The reset is one step: Ctrl+Z brings their 2 back.
    harness.remove_cursor();
    harness.run();
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        map(&harness)
            .touchpoint(&delivery)
            .expect("delivery")
            .segments["parents"]
            .score,
        Some(2.0)
    );

    // An export while the segment is shown is the segment's, and says so.
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("parents.html");
    harness.state_mut().perform(
        touchmap::ui::Action::ExportTo(page.clone(), touchmap::export::ExportFormat::Html),
        &egui::Context::default(),
    );
    let html = std::fs::read_to_string(&page).expect("exported");
    assert!(
        html.contains("<h1>Acme Outdoor online store, by segment · segment: New parents</h1>"),
        "the title names the segment"
    );
    assert!(html.contains("Segments compared"));

    // Everyone again: the map's own analysis.
    harness.get_by_label("Show everyone").click();
    harness.run();
    assert!(harness.state().document.segment().is_none());
    assert_eq!(
        harness.state().document.report,
        analyze(map(&harness), &Config::today())
    );
}

#[test]
fn fit_shows_all_six_stages_at_1280_by_720_with_card_names_of_14_pixels() {
    let mut harness = harness_sized(Vec2::new(1280.0, 720.0));
    harness.get_by_label("Map canvas").hover();
    harness.run();
    key(&mut harness, Modifiers::COMMAND, Key::Num0);
    harness.run();
    let view = &harness.state().view;
    // Card names are 15 points at zoom 1: at least 14 pixels.
    assert!(view.zoom * 15.0 >= 14.0 - 1e-3, "zoom {}", view.zoom);
    assert!(
        view.spread < 1.0,
        "the columns are drawn closer, not the cards smaller"
    );
    let canvas = harness.get_by_label("Map canvas").rect();
    let names: Vec<String> = map(&harness)
        .touchpoints()
        .iter()
        .map(|t| t.name.clone())
        .collect();
    assert_eq!(names.len(), 25, "the example");
    let rects: Vec<Rect> = names.iter().map(|name| card_rect(&harness, name)).collect();
    for (name, rect) in names.iter().zip(&rects) {
        assert!(
            canvas.contains_rect(*rect),
            "{name} at {rect:?} is inside {canvas:?}"
        );
    }
    for (i, a) in rects.iter().enumerate() {
        for (b, name) in rects[i + 1..].iter().zip(&names[i + 1..]) {
            assert!(
                !a.shrink(1.0).intersects(*b),
                "{} and {name} overlap",
                names[i]
            );
        }
    }
    assert!(
        !harness.state().view.status.contains("drag to see the rest"),
        "{}",
        harness.state().view.status
    );

    // Lanes (F5): names as readable, every stage across (the lanes below are a drag away).
    key(&mut harness, Modifiers::NONE, Key::F5);
    harness.run();
    harness.run();
    assert!(harness.state().view.lanes);
    let zoom = harness.state().view.zoom;
    assert!(zoom * 15.0 >= 14.0 - 1e-3, "lanes at zoom {zoom}");
    for name in ["Live chat", "Trustpilot review"] {
        let rect = card_rect(&harness, name);
        assert!(
            rect.left() >= canvas.left() && rect.right() <= canvas.right(),
            "{name} at {rect:?} is across inside {canvas:?}"
        );
    }
}

#[test]
fn the_minimap_works_out_whether_it_covers_a_card_once_per_view_not_per_frame() {
    let mut harness = harness_sized(Vec2::new(1280.0, 720.0));
    harness.run();
    let first = harness.state().view.minimap_covers.expect("worked out");
    // Idle frames reuse it: the same layout and view.
    for _ in 0..3 {
        harness.step();
    }
    assert_eq!(harness.state().view.minimap_covers, Some(first));
    // A pan is a new view: worked out again.
    harness.state_mut().view.offset += Vec2::new(-300.0, 0.0);
    harness.run();
    let panned = harness.state().view.minimap_covers.expect("worked out");
    assert_ne!(panned.0, first.0, "a new key for the new view");
}

#[test]
fn a_big_maps_minimap_is_one_picture_painted_again_only_after_a_change() {
    let mut harness = harness_on_720(touchmap::synthetic::synthetic_map(600, 1));
    // Far out, the map leaves the minimap's corner free.
    harness.state_mut().view.zoom = 0.05;
    harness.state_mut().view.offset = Vec2::new(10.0, 10.0);
    harness.run();
    assert_eq!(
        harness
            .state()
            .view
            .minimap_covers
            .map(|(_, covers)| covers),
        Some(false)
    );
    let painted = format!("{:?}", harness.state().view.minimap_picture);
    assert!(painted.starts_with("Some(MinimapPicture"), "{painted}");
    for _ in 0..3 {
        harness.step();
    }
    assert_eq!(
        format!("{:?}", harness.state().view.minimap_picture),
        painted,
        "idle frames reuse the picture"
    );
    // An edit (a new analysis) paints it again.
    let first = map(&harness).touchpoints()[0].clone();
    let mut changed = first.clone();
    changed.score = Some(if first.score == Some(1.0) { 5.0 } else { 1.0 });
    harness.state_mut().perform(
        touchmap::ui::Action::Edit {
            edit: touchmap::edit::Edit::UpdateTouchPoint(changed),
            label: "Score".into(),
            coalesce: None,
        },
        &egui::Context::default(),
    );
    harness.run();
    assert_ne!(
        format!("{:?}", harness.state().view.minimap_picture),
        painted
    );
}

#[test]
fn the_minimap_of_a_tall_map_fills_its_width_and_follows_the_view() {
    // 200 cards in six columns: 34 rows, about 2.7 times as tall as wide. Fitted whole the
    // minimap would be a strip a quarter of its width; it shows the stretch around the view.
    let tall = touchmap::synthetic::synthetic_map(200, 1);
    let height = touchmap::layout::bounds(&tall).height;
    let mut harness = harness_on_720(tall);
    harness.state_mut().view.zoom = 0.38;
    harness.state_mut().view.spread = 1.0;
    harness.state_mut().view.offset = Vec2::new(390.0, 10.0);
    harness.run();
    let minimap = harness.get_by_label("Minimap").rect();
    let centre_of = |harness: &Harness<'_, TouchmapApp>| {
        let view = &harness.state().view;
        let canvas = harness.get_by_label("Map canvas").rect();
        f64::from((canvas.height() / 2.0 - view.offset.y) / view.zoom)
    };
    let before = centre_of(&harness);
    // A click at the minimap's bottom moves the view about one minimap-window down (the frame is
    // 105 points high at 170 / width points per unit), not to the end of the map.
    let at = minimap.center_bottom() - Vec2::new(0.0, 4.0);
    harness.hover_at(at);
    harness.run();
    press(&harness, at, true);
    harness.run();
    press(&harness, at, false);
    harness.run();
    let centre_y = centre_of(&harness);
    assert!(
        centre_y > before + 300.0 && centre_y < height / 2.0,
        "the view's centre moved from {before} to {centre_y} of {height}"
    );
}

/// Issue 24, big maps: the importance–performance chart of a 600-card map numbers only the dots
/// its legend names (the weak spots first, 78 at most) and says how many more there are; before,
/// it numbered and spread every dot every frame (17,000 on the 20,000-card map: unreadable, and
/// seconds a frame).
#[test]
fn the_matrix_of_a_big_map_numbers_only_what_its_legend_names() {
    let map = touchmap::synthetic::synthetic_map(600, 1);
    let report = touchmap::analysis::analyze(&map, &touchmap::analysis::Config::today());
    let dots = touchmap::export::charts::ipa_dots(&map, &report);
    let limit = touchmap::export::charts::LEGEND_LIMIT;
    assert!(dots.len() > limit, "{} measured", dots.len());
    let named = touchmap::export::charts::legend_dots(&dots);
    assert_eq!(named.len(), limit);
    // The weak spots come first among those named.
    let weak = dots.iter().filter(|dot| dot.weak.is_some()).count();
    assert_eq!(
        named.iter().filter(|dot| dot.weak.is_some()).count(),
        weak.min(limit)
    );
    let mut harness = harness_on_720(map);
    key(&mut harness, Modifiers::NONE, Key::F9);
    let more = format!(
        "and {} more, not numbered (point at a dot for its name)",
        dots.len() - limit
    );
    assert!(harness.query_by_label(&more).is_some(), "{more}");
    // The legend names exactly the dots numbered: the first named is there, a dot not named is not.
    let entry =
        |dot: &touchmap::export::charts::IpaDot| touchmap::export::charts::ipa_legend_entry(dot);
    assert!(harness.query_by_label(&entry(named[0])).is_some());
    let unnamed = dots
        .iter()
        .find(|dot| !named.iter().any(|n| n.number == dot.number))
        .expect("one not named");
    assert!(harness.query_by_label(&entry(unnamed)).is_none());
}

/// Ctrl+= zooms about the middle of the map's canvas, so what is there stays there. It zoomed about
/// the window's middle taken as if it were the canvas's, a drawer's width to the right: at
/// 1920×1080 with the drawers open, twelve presses from Fit on the 20,000-card map ended on empty
/// canvas right of the map.
#[test]
fn the_zoom_keys_keep_the_middle_of_the_canvas_in_place() {
    let mut harness = harness();
    let canvas = harness.get_by_label("Map canvas").rect();
    assert!(canvas.left() > 100.0, "the left drawer is open: {canvas:?}");
    let centre = canvas.center();
    // The map point under the canvas's middle, from the view.
    let under = |harness: &Harness<'_, TouchmapApp>| {
        let view = &harness.state().view;
        (centre - canvas.min - view.offset) / view.scale()
    };
    let before = under(&harness);
    for _ in 0..3 {
        key(&mut harness, Modifiers::COMMAND, Key::Equals);
    }
    let zoomed = harness.state().view.zoom;
    let after = under(&harness);
    assert!(
        (after - before).length() < 1.0,
        "{before:?} moved to {after:?} at zoom {zoomed}"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Minus);
    assert!((under(&harness) - before).length() < 1.0);
}

/// At 1280×720 the drawers start closed; F8 on a selected card opens the right drawer with the
/// what-if panel (it set the scenario in the closed drawer, and nothing showed).
#[test]
fn f8_at_1280_opens_the_drawer_with_the_what_if() {
    let mut harness = harness_sized(Vec2::new(1280.0, 720.0));
    assert!(
        harness.query_by_label("Map").is_none(),
        "the right drawer starts closed"
    );
    harness.state_mut().perform(
        touchmap::ui::Action::Focus(id("delivery")),
        &egui::Context::default(),
    );
    harness.run();
    key(&mut harness, Modifiers::NONE, Key::F8);
    let slider = harness.get_by_role_and_label(Role::Slider, "Score (now 1.6)");
    assert!(slider.rect().right() <= 1280.0, "{:?}", slider.rect());
}
