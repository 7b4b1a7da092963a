//! Many hands on one map: `touchmap merge` as git's merge driver in a real repository, `git-setup`,
//! `validate` with conflicts, and the merge's refusals.

use std::path::Path;
use std::process::{Command, Output};

use touchmap::format::{from_str, to_string};
use touchmap::model::{Map, TouchPoint, TouchPointId};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn touchmap(dir: &Path, arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_touchmap"))
        .args(arguments)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn git(dir: &Path, arguments: &[&str]) -> Output {
    Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(arguments)
        .current_dir(dir)
        .output()
        .expect("git runs")
}

fn git_ok(dir: &Path, arguments: &[&str]) {
    let output = git(dir, arguments);
    assert!(
        output.status.success(),
        "git {arguments:?}: {}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// Whether git can be run here; a test that needs it says so when it cannot.
fn have_git() -> bool {
    let found = Command::new("git").arg("--version").output().is_ok();
    if !found {
        eprintln!(
            "SKIPPED: git is not installed, so the merge driver cannot be tried in a repository"
        );
    }
    found
}

fn id(text: &str) -> TouchPointId {
    TouchPointId::new(text).expect("valid id")
}

fn example() -> Map {
    from_str(&std::fs::read_to_string(root().join("examples/online-store.json")).expect("reads"))
        .expect("loads")
}

fn change(map: &mut Map, which: &str, edit: impl FnOnce(&mut TouchPoint)) {
    let mut touchpoint = map.touchpoint(&id(which)).expect("exists").clone();
    edit(&mut touchpoint);
    map.update_touchpoint(touchpoint).expect("valid");
}

fn write(dir: &Path, map: &Map) {
    std::fs::write(dir.join("map.json"), to_string(map)).expect("writes");
}

fn read(dir: &Path) -> Map {
    from_str(&std::fs::read_to_string(dir.join("map.json")).expect("reads"))
        .expect("the merged map loads")
}

/// A repository with the example committed on `main`, a branch `theirs` with their change, and
/// `main` with ours, both committed.
fn repository(ours: impl FnOnce(&mut Map), theirs: impl FnOnce(&mut Map)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path();
    git_ok(path, &["init", "-q"]);
    write(path, &example());
    git_ok(path, &["add", "map.json"]);
    git_ok(path, &["commit", "-q", "-m", "base"]);
    git_ok(path, &["checkout", "-q", "-b", "theirs"]);
    let mut map = example();
    theirs(&mut map);
    write(path, &map);
    git_ok(path, &["commit", "-q", "-am", "theirs"]);
    git_ok(path, &["checkout", "-q", "main"]);
    let mut map = example();
    ours(&mut map);
    write(path, &map);
    git_ok(path, &["commit", "-q", "-am", "ours"]);
    dir
}

/// Both sides add a card at the end of the list and change neighbouring fields of the same card:
/// git's line merge conflicts, the driver merges by meaning.
fn ours_change(map: &mut Map) {
    change(map, "delivery", |t| t.score = Some(2.5));
    map.add_touchpoint(TouchPoint::new(id("zz-ours"), "Our new card"))
        .expect("new card");
}

fn theirs_change(map: &mut Map) {
    change(map, "delivery", |t| t.owner = Some("Logistics team".into()));
    map.add_touchpoint(TouchPoint::new(id("zz-theirs"), "Their new card"))
        .expect("new card");
}

#[test]
fn without_the_driver_git_conflicts_on_the_same_changes() {
    if !have_git() {
        return;
    }
    let repo = repository(ours_change, theirs_change);
    let output = git(repo.path(), &["merge", "-q", "theirs"]);
    assert!(
        !output.status.success(),
        "git's line merge cannot merge both additions"
    );
    assert!(
        std::fs::read_to_string(repo.path().join("map.json"))
            .expect("reads")
            .contains("<<<<<<<")
    );
}

#[test]
fn git_merges_two_colleagues_changes_by_meaning_through_the_driver() {
    if !have_git() {
        return;
    }
    let repo = repository(ours_change, theirs_change);
    let path = repo.path();
    let setup = touchmap(path, &["git-setup"]);
    assert_eq!(setup.status.code(), Some(0), "{}", text(&setup.stderr));
    let attributes = std::fs::read_to_string(path.join(".gitattributes")).expect("written");
    assert_eq!(attributes, "/map.json merge=touchmap\n");
    // Idempotent: a second run adds nothing.
    let again = touchmap(path, &["git-setup"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(
        text(&again.stdout).contains("already set up"),
        "{}",
        text(&again.stdout)
    );
    assert_eq!(
        std::fs::read_to_string(path.join(".gitattributes")).expect("still there"),
        attributes
    );

    let output = git(path, &["merge", "-q", "--no-edit", "theirs"]);
    assert!(
        output.status.success(),
        "{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    let merged = read(path);
    let delivery = merged.touchpoint(&id("delivery")).expect("kept");
    assert_eq!(delivery.score, Some(2.5), "our change");
    assert_eq!(
        delivery.owner.as_deref(),
        Some("Logistics team"),
        "their change"
    );
    assert!(merged.touchpoint(&id("zz-ours")).is_some());
    assert!(merged.touchpoint(&id("zz-theirs")).is_some());
    assert!(!merged.extra.contains_key("conflicts"));
    // Canonical, and no backup file left in the work tree by the driver.
    assert_eq!(
        std::fs::read_to_string(path.join("map.json")).expect("reads"),
        to_string(&merged)
    );
    let status = git(path, &["status", "--porcelain"]);
    assert_eq!(text(&status.stdout), "?? .gitattributes\n");
}

#[test]
fn a_real_conflict_stops_the_merge_and_is_listed_in_the_file() {
    if !have_git() {
        return;
    }
    let repo = repository(
        |map| change(map, "delivery", |t| t.score = Some(1.0)),
        |map| change(map, "delivery", |t| t.score = Some(4.0)),
    );
    let path = repo.path();
    assert_eq!(touchmap(path, &["git-setup"]).status.code(), Some(0));
    let output = git(path, &["merge", "-q", "--no-edit", "theirs"]);
    assert!(!output.status.success(), "a conflict stops the merge");
    let merged = read(path);
    assert_eq!(
        merged.touchpoint(&id("delivery")).expect("kept").score,
        Some(1.0),
        "ours is kept"
    );
    let conflicts = touchmap::merge::conflicts(&merged).expect("a list");
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].path, "touchpoints[delivery].score");
    assert_eq!(conflicts[0].ours, Some(serde_json::json!(1)));
    assert_eq!(conflicts[0].theirs, Some(serde_json::json!(4)));
    // validate says so, with exit code 1.
    let validate = touchmap(path, &["validate", "map.json"]);
    assert_eq!(validate.status.code(), Some(1));
    let said = text(&validate.stdout);
    assert!(said.contains("1 conflict from a merge"), "{said}");
    assert!(said.contains("Courier delivery: score"), "{said}");
    assert!(said.contains("ours 1 · theirs 4"), "{said}");
}

#[test]
fn git_setup_outside_a_repository_is_refused() {
    if !have_git() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = touchmap(dir.path(), &["git-setup"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("git rev-parse"),
        "{}",
        text(&output.stderr)
    );
    assert!(!dir.path().join(".gitattributes").exists());
}

#[test]
fn merge_refuses_bad_sides_and_leaves_ours_byte_identical() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path();
    let base = to_string(&example());
    // Ours as hand-written (not canonical), to see that not a byte changes.
    let ours = base.replace('\n', "\r\n");
    std::fs::write(path.join("base.json"), &base).expect("writes");
    std::fs::write(path.join("ours.json"), &ours).expect("writes");
    std::fs::write(path.join("list.json"), "[1, 2]").expect("writes");
    std::fs::write(
        path.join("newer.json"),
        "{\"touchmap\": 7, \"title\": \"Future\"}",
    )
    .expect("writes");
    for (theirs, reason) in [
        ("list.json", "this is JSON but not a touchmap map"),
        ("newer.json", "format version 7"),
        ("missing.json", "cannot read"),
    ] {
        let output = touchmap(path, &["merge", "base.json", "ours.json", theirs]);
        assert_eq!(output.status.code(), Some(2), "{theirs}");
        let said = text(&output.stderr);
        assert!(said.contains("THEIRS"), "{said}");
        assert!(said.contains(reason), "{said}");
        assert!(said.contains("OURS was not changed"), "{said}");
        assert_eq!(
            std::fs::read_to_string(path.join("ours.json")).expect("reads"),
            ours,
            "OURS untouched"
        );
    }
    // A clean merge with -o writes there and leaves OURS alone too.
    let output = touchmap(
        path,
        &[
            "merge",
            "base.json",
            "ours.json",
            "base.json",
            "-o",
            "out.json",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        std::fs::read_to_string(path.join("ours.json")).expect("reads"),
        ours
    );
    assert_eq!(
        std::fs::read_to_string(path.join("out.json")).expect("written"),
        base,
        "merge(base, a, base) = a, canonical"
    );
}
