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

#[test]
fn csv_has_a_column_per_segment_and_field_and_reads_back_exactly() {
    let map = load_file(&data("store.json")).expect("loads");
    let csv = touchmap::export::to_csv(&map, &analyze(&map, &Config::default()));
    let header = csv.lines().next().expect("a header row");
    for segment in ["parents", "returning"] {
        for field in ["name", "weight", "score", "importance", "reach", "next"] {
            assert!(
                header.contains(&format!("segment:{segment}:{field}")),
                "{header}"
            );
        }
    }
    let back = touchmap::import::from_csv(&csv, &map.title).expect("reads back");
    assert_eq!(back.segments(), map.segments(), "names and weights");
    for touchpoint in map.touchpoints() {
        let read = back.touchpoint(&touchpoint.id).expect("every touch point");
        assert_eq!(read.segments, touchpoint.segments, "{}", touchpoint.id);
    }
    for (from, to, link) in map.links() {
        let read = back.link(from, to).expect("every link");
        assert_eq!(read.segments, link.segments, "{from} → {to}");
    }
    let basket = back
        .link(
            &touchmap::model::TouchPointId::new("basket").expect("id"),
            &touchmap::model::TouchPointId::new("checkout").expect("id"),
        )
        .expect("link");
    assert_eq!(basket.segments["returning"].share, Some(0.9));
    // Each segment's analysis of the sheet is the map's.
    for segment in ["parents", "returning"] {
        let (ours, read) = (
            analyze(
                &map.for_segment(segment).expect("exists"),
                &Config::default(),
            ),
            analyze(
                &back.for_segment(segment).expect("exists"),
                &Config::default(),
            ),
        );
        assert_eq!(read.touchpoints, ours.touchpoints, "{segment}");
        assert_eq!(read.summary, ours.summary, "{segment}");
    }
}

#[test]
fn a_sheet_whose_segment_cells_disagree_is_refused_naming_row_and_column() {
    let map = load_file(&data("store.json")).expect("loads");
    let csv = touchmap::export::to_csv(&map, &analyze(&map, &Config::default()));
    // A second name for the parents on the third row.
    let mut lines: Vec<String> = csv.split("\r\n").map(str::to_owned).collect();
    lines[2] = lines[2].replacen("New parents", "Young parents", 1);
    let error = touchmap::import::from_csv(&lines.join("\r\n"), "T").expect_err("two names");
    assert_eq!(error.row, Some(3));
    assert_eq!(error.column.as_deref(), Some("segment:parents:name"));
    assert!(
        error.message.contains("\"New parents\" on row 2"),
        "{error}"
    );

    // A segment's share for a link the row does not have.
    let sheet = "name,id,next,segment:kids:next\nShop,shop,pay,till=0.5\nPay,pay,,\nTill,till,,\n";
    let error = touchmap::import::from_csv(sheet, "T").expect_err("no such link");
    assert_eq!(
        error.to_string(),
        "row 2, column \"segment:kids:next\": \"till\" is not one of this row's links (its next column)"
    );
    // A field a segment does not have.
    let error = touchmap::import::from_csv("name,segment:kids:colour\nShop,red\n", "T")
        .expect_err("unknown field");
    assert_eq!(error.row, Some(1));
    assert!(error.message.contains("use one of name, weight"), "{error}");
}

#[test]
fn exports_of_a_segment_name_it_and_the_reports_compare_every_segment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let html = dir.path().join("parents.html");
    let map = data("store.json");
    let map = map.to_str().expect("utf-8 path");
    let run = touchmap(&[
        "export",
        map,
        "--segment",
        "parents",
        "-o",
        html.to_str().expect("utf-8"),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let page = std::fs::read_to_string(&html).expect("written");
    assert!(
        page.contains("<h1>Acme Outdoor online store, by segment · segment: New parents</h1>"),
        "the title names the segment"
    );
    // Courier delivery: parents score 1.2 → gap (5 − 1.2)/4 = 0.95; returning 3.8 → 0.3; both
    // importance 5 (factor 0.4 + 0.6 × 5/5 = 1) on every journey (flow 1, factor 1).
    assert!(
        page.contains("<tr><td>Courier delivery</td><td>0.95</td><td>0.3</td></tr>"),
        "{}",
        &page[page.find("Segments compared").expect("the comparison")..][..1500]
    );
    // Shares of customers: weights 1 and 3 → 25% and 75%.
    assert!(page.contains("<td>New parents</td><td>25%</td>"));
    assert!(page.contains("<td>Returning customers</td><td>75%</td>"));

    // The report of everyone compares the segments too, under the map's own title.
    let everyone = dir.path().join("everyone.html");
    let run = touchmap(&["export", map, "-o", everyone.to_str().expect("utf-8")]);
    assert!(run.status.success());
    let page = std::fs::read_to_string(&everyone).expect("written");
    assert!(page.contains("<h1>Acme Outdoor online store, by segment</h1>"));
    assert!(page.contains("<tr><td>Courier delivery</td><td>0.95</td><td>0.3</td></tr>"));

    // The CSV is the map's own whatever the segment: it holds every segment's columns.
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    touchmap(&["export", map, "-o", a.to_str().expect("utf-8")]);
    touchmap(&[
        "export",
        map,
        "--segment",
        "returning",
        "-o",
        b.to_str().expect("utf-8"),
    ]);
    assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));

    // An unknown segment: exit 2 naming the map's segments, nothing written.
    let none = dir.path().join("none.html");
    let run = touchmap(&[
        "export",
        map,
        "--segment",
        "nobody",
        "-o",
        none.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("its segments: parents, returning"));
    assert!(!none.exists());
}
