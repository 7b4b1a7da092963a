//! Segments: a segment's analysis is the whole analysis of the map with that segment's values, the
//! same as the map with those values written in by hand; the comparison; refusals naming the place.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use touchmap::analysis::{Config, analyze};
use touchmap::format::{from_str, load_file, to_string};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/segments")
        .join(name)
}

fn touchmap(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_touchmap"))
        .args(arguments)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The store map's parents override the courier delivery (score 1.2, importance 5) and the size
/// guide (1.5, 5); returning customers the delivery (3.8, reach 9,000) and the basket → checkout
/// share (0.9). `store-SEGMENT-by-hand.json` is the same map with those values typed in.
#[test]
fn a_segments_analysis_is_the_map_with_its_values_written_in_by_hand() {
    let map = load_file(&data("store.json")).expect("loads");
    let config = Config {
        as_of: touchmap::model::Day::parse("2026-12-05").ok(),
        ..Config::default()
    };
    for segment in ["parents", "returning"] {
        let view = map.for_segment(segment).expect("a segment of the map");
        let by_hand = load_file(&data(&format!("store-{segment}-by-hand.json"))).expect("loads");
        let (ours, expected) = (analyze(&view, &config), analyze(&by_hand, &config));
        // Flows, removal effects, weaknesses and findings, touch point by touch point.
        assert_eq!(ours.touchpoints.len(), expected.touchpoints.len());
        for (a, b) in ours.touchpoints.iter().zip(&expected.touchpoints) {
            assert_eq!(a.id, b.id);
            assert!((a.flow - b.flow).abs() < 1e-12, "{segment} {}: flow", a.id);
            assert!(
                (a.removal_effect - b.removal_effect).abs() < 1e-12,
                "{segment} {}",
                a.id
            );
            assert_eq!(a.weakness, b.weakness, "{segment} {}", a.id);
        }
        assert_eq!(ours.findings, expected.findings, "{segment}");
        assert_eq!(ours.summary, expected.summary, "{segment}");
    }
    // The base map is everyone's: the delivery scores 1.6 there, not a segment's value.
    let base = analyze(&map, &config);
    let parents = analyze(&map.for_segment("parents").expect("exists"), &config);
    let weakness = |report: &touchmap::analysis::Report| {
        report
            .touchpoint(&touchmap::model::TouchPointId::new("delivery").expect("id"))
            .and_then(|t| t.weakness)
            .expect("scored")
    };
    assert!(
        weakness(&parents) > weakness(&base),
        "1.2/5 is weaker than 1.6/5"
    );
}

#[test]
fn segments_and_overrides_round_trip_in_canonical_order_with_unknown_keys() {
    let text = std::fs::read_to_string(data("store.json")).expect("reads");
    let with_unknown = text.replacen(
        "\"score\": 1.2",
        "\"score\": 1.2,\n          \"note\": \"from the parents' panel\"",
        1,
    );
    let map = from_str(&with_unknown).expect("loads");
    let saved = to_string(&map);
    assert!(
        saved.contains("\"note\": \"from the parents' panel\""),
        "unknown key kept"
    );
    assert_eq!(to_string(&from_str(&saved).expect("loads again")), saved);
    assert_eq!(
        to_string(&from_str(&text).expect("loads")),
        text,
        "the fixture is canonical"
    );
    // The editor's undo: the segment list changed and back as one edit.
    let mut without = map.clone();
    for mut touchpoint in map.touchpoints().into_iter().cloned() {
        touchpoint.segments.clear();
        without.update_touchpoint(touchpoint).expect("valid");
    }
    let links: Vec<_> = map
        .links()
        .into_iter()
        .map(|(f, t, l)| (f.clone(), t.clone(), l.clone()))
        .collect();
    for (from, to, mut link) in links {
        link.segments.clear();
        without.update_link(&from, &to, link).expect("valid");
    }
    without
        .set_segments(Vec::new())
        .expect("no override names one");
    let edit = touchmap::edit::Edit::between(&without, &map).expect("they differ");
    let mut changed = without.clone();
    let inverse = edit.apply(&mut changed).expect("applies");
    assert!(changed == map);
    inverse.apply(&mut changed).expect("undoes");
    assert!(changed == without);
}

#[test]
fn the_command_line_analyses_one_segment_and_compares_them_all() {
    let store = data("store.json");
    let store = store.to_str().expect("UTF-8 path");
    let one = touchmap(&[
        "analyze",
        store,
        "--segment",
        "parents",
        "--json",
        "--as-of",
        "2026-12-05",
    ]);
    assert_eq!(one.status.code(), Some(0), "{}", text(&one.stderr));
    let by_hand = data("store-parents-by-hand.json");
    let hand = touchmap(&[
        "analyze",
        by_hand.to_str().expect("UTF-8"),
        "--json",
        "--as-of",
        "2026-12-05",
    ]);
    assert_eq!(
        text(&one.stdout),
        text(&hand.stdout),
        "the same JSON, byte for byte"
    );

    let all = touchmap(&[
        "analyze",
        store,
        "--segments",
        "--json",
        "--as-of",
        "2026-12-05",
    ]);
    assert_eq!(all.status.code(), Some(0), "{}", text(&all.stderr));
    let value: serde_json::Value = serde_json::from_slice(&all.stdout).expect("JSON");
    let segments = value["segments"].as_array().expect("a list");
    assert_eq!(segments.len(), 2);
    assert_eq!(segments[0]["id"], "parents");
    let parents_report: serde_json::Value = serde_json::from_slice(&hand.stdout).expect("JSON");
    assert_eq!(
        segments[0]["report"], parents_report,
        "analyze's object, per segment"
    );

    let table = touchmap(&["analyze", store, "--segments"]);
    let said = text(&table.stdout);
    assert!(
        said.contains("New parents (parents) · 25% of customers"),
        "{said}"
    );
    assert!(
        said.contains("Returning customers (returning) · 75% of customers"),
        "{said}"
    );
    assert!(
        said.contains("Courier delivery: parents 0.95 · returning 0.3"),
        "{said}"
    );
}

#[test]
fn bad_segments_are_refused_naming_the_place() {
    let dir = tempfile::tempdir().expect("folder");
    let store = std::fs::read_to_string(data("store.json")).expect("reads");
    let cases = [
        (
            "unknown.json",
            store.replacen("\"parents\": {", "\"grandparents\": {", 1),
            "segment 'grandparents', which is not one of the map's segments (parents, returning)",
        ),
        (
            "weight.json",
            store.replacen("\"weight\": 1", "\"weight\": -1", 1),
            "$.segments[0].weight: a weight must be a number of at least 0",
        ),
        (
            "score.json",
            store.replacen("\"score\": 1.2", "\"score\": 7", 1),
            "segment 'parents': score must be between 1 and 5",
        ),
    ];
    for (name, contents, reason) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, contents).expect("written");
        let output = touchmap(&["validate", path.to_str().expect("UTF-8")]);
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert!(
            text(&output.stderr).contains(reason),
            "{name}: {}",
            text(&output.stderr)
        );
    }
    let output = touchmap(&[
        "analyze",
        data("store.json").to_str().expect("UTF-8"),
        "--segment",
        "nobody",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr)
            .contains("there is no segment 'nobody' in this map; its segments: parents, returning")
    );
}

#[test]
fn diff_names_the_segments_added_and_the_values_they_override() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/online-store.json");
    let output = touchmap(&[
        "diff",
        example.to_str().expect("UTF-8"),
        data("store.json").to_str().expect("UTF-8"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let said = text(&output.stdout);
    assert!(said.contains("+ segment New parents (parents)"), "{said}");
    assert!(
        said.contains("+ segment Returning customers (returning)"),
        "{said}"
    );
    // The overrides show as the touch point's field.
    assert!(
        said.contains("Courier delivery") && said.contains("segments"),
        "{said}"
    );
}
