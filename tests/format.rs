//! The file format: round trips, canonical saving, unknown keys, atomic saving with a backup, and
//! every refusal of DESIGN.md with its message.

use std::path::Path;

use touchmap::format::{FormatError, backup_path, from_str, load_file, save_file, to_string};

const EXAMPLES: [&str; 3] = ["online-store", "hotel", "b2b-software"];

fn example(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{name}.json")),
    )
    .expect("example exists")
}

#[test]
fn examples_round_trip_and_are_canonical() {
    for name in EXAMPLES {
        let text = example(name);
        let map = from_str(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
        let saved = to_string(&map);
        assert_eq!(
            saved, text,
            "{name} is not in canonical form: run touchmap fmt"
        );
        let again = from_str(&saved).expect("saved text loads");
        assert_eq!(again, map);
        assert_eq!(to_string(&again), saved, "two saves differ");
        assert!((15..=40).contains(&map.touchpoint_count()), "{name}");
    }
}

#[test]
fn the_fast_and_the_checked_decoder_agree() {
    let mut texts: Vec<String> = EXAMPLES.iter().map(|name| example(name)).collect();
    texts.extend(
        touchmap::templates::TEMPLATES
            .iter()
            .map(|t| t.text.to_owned()),
    );
    texts.push(to_string(&touchmap::synthetic::synthetic_map(3000, 9)));
    for text in texts {
        let fast = from_str(&text).expect("valid");
        let checked = touchmap::format::from_str_checked(&text).expect("valid");
        assert!(fast == checked);
        assert_eq!(to_string(&fast), to_string(&checked));
    }
}

#[test]
fn unknown_keys_are_kept_everywhere() {
    let text = r##"{"touchmap": 1, "title": "T", "zeta": {"b": 1, "a": [1, 2]}, "alpha": "x",
        "stages": ["S"],
        "touchpoints": [{"id": "a", "name": "A", "stage": "S", "colour": "#ff0000", "metrics": {"nps": 41}},
                        {"id": "b", "name": "B"}],
        "links": [{"from": "a", "to": "b", "style": "dashed"}]}"##;
    let map = from_str(text).expect("valid");
    let saved = to_string(&map);
    let value: serde_json::Value = serde_json::from_str(&saved).expect("json");
    assert_eq!(value["zeta"], serde_json::json!({"b": 1, "a": [1, 2]}));
    assert_eq!(value["alpha"], "x");
    assert_eq!(value["touchpoints"][0]["colour"], "#ff0000");
    assert_eq!(value["touchpoints"][0]["metrics"]["nps"], 41);
    assert_eq!(value["links"][0]["style"], "dashed");
    assert_eq!(to_string(&from_str(&saved).expect("valid")), saved);
}

#[test]
fn save_order_does_not_depend_on_the_input_order() {
    let one = r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"b","name":"B"},{"id":"a","name":"A"}],
        "links":[{"from":"b","to":"a"},{"from":"a","to":"b"}]}"#;
    let two = r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A"},{"id":"b","name":"B"}],
        "links":[{"from":"a","to":"b"},{"from":"b","to":"a"}]}"#;
    assert_eq!(
        to_string(&from_str(one).expect("valid")),
        to_string(&from_str(two).expect("valid"))
    );
}

#[test]
fn whole_numbers_stay_whole() {
    let map = from_str(r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A","reach":25000,"score":4.2,"cost":120.5,"pos":[40,120.5]}]}"#)
        .expect("valid");
    let saved = to_string(&map);
    assert!(saved.contains("\"reach\": 25000,"), "{saved}");
    assert!(saved.contains("\"score\": 4.2"), "{saved}");
    assert!(saved.contains("\"cost\": 120.5"), "{saved}");
    // Positions are whole pixels on save (DESIGN.md): a drag leaves no 120.5 in a git diff.
    assert!(
        saved.contains("\"pos\": [\n        40,\n        121\n      ]"),
        "{saved}"
    );
}

fn refusal(text: &str) -> String {
    match from_str(text) {
        Ok(_) => panic!("accepted: {text}"),
        Err(error) => error.to_string(),
    }
}

fn assert_refused(text: &str, expected: &[&str]) {
    let message = refusal(text);
    for part in expected {
        assert!(message.contains(part), "message {message:?} lacks {part:?}");
    }
}

#[test]
fn every_refusal_names_the_place_and_the_problem() {
    let two = r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A"},{"id":"b","name":"B"}],"links":[{"from":"a","to":"b","observed":OBSERVED}]}"#;
    assert_refused(
        &two.replace("OBSERVED", r#"{"n": 5, "of": 4}"#),
        &[
            "$.links[0].observed",
            "observed.n (5) cannot be more than observed.of (4)",
        ],
    );
    assert_refused(
        &two.replace("OBSERVED", r#"{"n": 5}"#),
        &["$.links[0].observed.of", "observed needs \"of\""],
    );
    assert_refused(
        &two.replace("OBSERVED", r#"{"n": 1, "of": 4, "since": 2}"#),
        &["$.links[0].observed.since", "only \"n\" and \"of\""],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A","capacity_per_day":-5}]}"#,
        &["$.touchpoints[0].capacity_per_day", "at least 0"],
    );
    assert_refused("", &["empty"]);
    assert_refused("  \n ", &["empty"]);
    assert_refused("hello", &["line 1, column 1", "not valid JSON"]);
    // A bare decimal comma, as a European keyboard types it, is named as one.
    assert_refused(
        "{\"touchmap\": 1, \"title\": \"T\",\n \"touchpoints\": [{\"id\": \"a\", \"name\": \"A\", \"score\": 4,5}]}",
        &[
            "line 2, column",
            "\"4,5\" looks like a number written with a decimal comma; JSON writes it with a point: 4.5",
        ],
    );
    // A comma between two numbers in a list is no decimal comma: the plain JSON message stays.
    assert_refused("[1,2", &["ends too early"]);
    assert_refused(
        "{\"touchmap\": 1,\n \"title\": \"T\",\n \"touchpoints\": [",
        &["line 3", "ends too early"],
    );
    assert_refused("[1, 2]", &["not a touchmap map", "a list"]);
    assert_refused("{\"title\": \"T\"}", &["\"touchmap\" version key"]);
    assert_refused(
        "{\"touchmap\": 2, \"title\": \"T\"}",
        &["version 2", "reads version 1", "update touchmap"],
    );
    assert_refused("{\"touchmap\": \"1\"}", &["$.touchmap", "whole number 1"]);
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A"},{"id":"a","name":"B"}]}"#,
        &[
            "$.touchpoints[1].id",
            "'a' is used twice",
            "$.touchpoints[0]",
        ],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A"}],"links":[{"from":"a","to":"delivry"}]}"#,
        &[
            "$.links[0].to",
            "'delivry'",
            "not a touch point in this map",
        ],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"delivery","name":"D","score":7}]}"#,
        &[
            "$.touchpoints[0].score",
            "'delivery'",
            "between 1 and 5",
            "7",
        ],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","stages":["Buy"],"touchpoints":[{"id":"a","name":"A","stage":"Ship"}]}"#,
        &[
            "$.touchpoints[0].stage",
            "'Ship'",
            "not one of the map's stages",
        ],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A","importance":"high"}]}"#,
        &[
            "$.touchpoints[0].importance",
            "whole number from 1 to 5",
            "\"high\"",
        ],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A","importance":3.5}]}"#,
        &["importance", "3.5"],
    );
    assert_refused(
        r#"{"touchmap":1,"title":5}"#,
        &["$.title", "expected text", "the number 5"],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":{}}"#,
        &["$.touchpoints", "expected a list"],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"name":"A"}]}"#,
        &["$.touchpoints[0]", "no \"id\""],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a"}]}"#,
        &["no \"name\""],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":" "}]}"#,
        &["needs a name"],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"","name":"A"}]}"#,
        &["$.touchpoints[0].id", "empty"],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A","reach":-1}]}"#,
        &["reach", "at least 0"],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A","role":"start"}]}"#,
        &["\"entry\" or \"goal\""],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A","pos":[1]}]}"#,
        &["two numbers"],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A"},{"id":"b","name":"B"}],"links":[{"from":"a","to":"b","share":1.5}]}"#,
        &["$.links[0].share", "between 0 and 1"],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A"}],"links":[{"from":"a","to":"a"}]}"#,
        &["$.links[0]", "back to itself"],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A"},{"id":"b","name":"B"}],"links":[{"from":"a","to":"b"},{"from":"a","to":"b"}]}"#,
        &["$.links[1]", "already a link"],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","stages":["A","A"]}"#,
        &["$.stages", "listed twice"],
    );
    assert_refused(
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A","score":1e999}]}"#,
        &["line 1"],
    );
    // Found by fuzzing: serde would read a struct from an array of its fields.
    assert_refused("[1]", &["not a touchmap map", "a list"]);
    assert_refused(
        r#"{"touchmap":1,"touchpoints":[["a","A"]]}"#,
        &["$.touchpoints[0]", "must be an object"],
    );
    assert_refused(
        r#"{"touchmap":1,"touchpoints":[{"id":"a","name":"A"},{"id":"b","name":"B"}],"links":[["a","b"]]}"#,
        &["$.links[0]", "must be an object"],
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_refused(&deep, &["nested too deeply"]);
}

#[test]
fn files_that_are_not_text_are_refused() {
    let directory = tempfile::tempdir().expect("temp dir");
    let path = directory.path().join("binary.json");
    std::fs::write(&path, [0x7b, 0xff, 0xfe, 0x00, 0x01]).expect("write");
    let error = load_file(&path).expect_err("binary refused");
    assert!(
        matches!(error, FormatError::NotUtf8 { offset: 1 }),
        "{error}"
    );
    let missing = load_file(&directory.path().join("missing.json")).expect_err("missing refused");
    assert!(missing.to_string().contains("missing.json"), "{missing}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let map = from_str("\u{feff}{\"touchmap\":1,\"title\":\"T\"}").expect("BOM is fine");
    assert_eq!(map.title, "T");
}

#[test]
fn saving_is_atomic_and_keeps_a_backup() {
    let directory = tempfile::tempdir().expect("temp dir");
    let path = directory.path().join("map.json");
    let first = from_str(&example("online-store")).expect("valid");
    save_file(&first, &path).expect("first save");
    assert!(
        !backup_path(&path).exists(),
        "no backup without a previous version"
    );
    let mut second = first.clone();
    second.title = "Changed".into();
    save_file(&second, &path).expect("second save");
    assert_eq!(load_file(&path).expect("loads").title, "Changed");
    assert_eq!(load_file(&backup_path(&path)).expect("backup loads"), first);
    let leftovers: Vec<_> = std::fs::read_dir(directory.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn a_failed_save_leaves_the_old_file() {
    let directory = tempfile::tempdir().expect("temp dir");
    let path = directory.path().join("missing-folder").join("map.json");
    let map = from_str(&example("hotel")).expect("valid");
    let error = save_file(&map, &path).expect_err("no such folder");
    assert!(error.to_string().contains("cannot save"), "{error}");
    assert!(!path.exists());
}

#[test]
fn objectives_and_campaigns_round_trip_in_canonical_order() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/online-store.json"),
    )
    .expect("example");
    let map = from_str(&text).expect("valid");
    assert_eq!(map.plan().campaigns.len(), 2);
    assert_eq!(to_string(&map), text, "the example is canonical");
    assert_eq!(from_str(&to_string(&map)).expect("valid"), map);
    // Unknown keys inside a campaign are kept.
    let with_extra = text.replacen(
        "\"id\": \"spring-instagram\",",
        "\"id\": \"spring-instagram\",\n      \"agency\": \"Northwind\",",
        1,
    );
    let saved = to_string(&from_str(&with_extra).expect("valid"));
    assert!(saved.contains("\"agency\": \"Northwind\""), "{saved}");
}

#[test]
fn every_plan_refusal_names_its_place() {
    let base = |plan: &str| {
        format!(
            r#"{{"touchmap": 1, "touchpoints": [{{"id": "ad", "name": "Ad"}}, {{"id": "shop", "name": "Shop"}}], {plan}}}"#
        )
    };
    let objective = r#""objectives": [{"id": "o", "name": "O", "kind": "trial", "goal": "shop"}]"#;
    for (plan, place, words) in [
        (
            format!(
                r#"{objective}, "campaigns": [{{"id": "c", "name": "C", "objective": "o", "channels": ["nowhere"]}}]"#
            ),
            "$.campaigns[0].channels[0]",
            "'nowhere', which is not a touch point",
        ),
        (
            r#""objectives": [{"id": "o", "name": "O", "kind": "trial", "goal": "gone"}]"#
                .to_owned(),
            "$.objectives[0].goal",
            "'gone'",
        ),
        (
            format!(
                r#"{objective}, "campaigns": [{{"id": "c", "name": "C", "objective": "x", "channels": ["ad"]}}]"#
            ),
            "$.campaigns[0].objective",
            "objective 'x'",
        ),
        (
            format!(
                r#"{objective}, "campaigns": [{{"id": "c", "name": "C", "objective": "o", "channels": ["ad"], "split": [1, 2]}}]"#
            ),
            "$.campaigns[0].split",
            "1 channels but its split has 2 numbers",
        ),
        (
            format!(
                r#"{objective}, "campaigns": [{{"id": "c", "name": "C", "objective": "o", "channels": ["ad"]}}, {{"id": "c", "name": "D", "objective": "o", "channels": ["ad"]}}]"#
            ),
            "$.campaigns[1].id",
            "used twice",
        ),
        (
            format!(
                r#"{objective}, "campaigns": [{{"id": "c", "name": "C", "objective": "o", "channels": ["ad"], "starts": "2027-02-30"}}]"#
            ),
            "$.campaigns[0].starts",
            "2027-02-30 is not a day of the calendar",
        ),
        (
            r#""objectives": [{"id": "o", "name": "O", "kind": "fame", "goal": "shop"}]"#
                .to_owned(),
            "$.objectives[0].kind",
            "not \"fame\"",
        ),
    ] {
        let message = refusal(&base(&plan));
        assert!(message.contains(place), "{place}: {message}");
        assert!(message.contains(words), "{words}: {message}");
    }
    let message = refusal(
        r#"{"touchmap": 1, "touchpoints": [{"id": "a", "name": "A", "response_hours": 0}]}"#,
    );
    assert!(message.contains("response_hours"), "{message}");
}

#[test]
fn observed_counts_and_capacity_round_trip_in_canonical_form() {
    let text = r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A","capacity_per_day":400},{"id":"b","name":"B"}],"links":[{"from":"a","to":"b","share":0.3,"observed":{"of":400,"n":120}}]}"#;
    let map = touchmap::format::from_str(text).expect("valid");
    let link = map
        .link(
            &touchmap::model::TouchPointId::new("a").expect("id"),
            &touchmap::model::TouchPointId::new("b").expect("id"),
        )
        .expect("link");
    assert_eq!(
        link.observed,
        Some(touchmap::model::Observed {
            n: 120.0,
            of: 400.0
        })
    );
    let saved = touchmap::format::to_string(&map);
    assert!(
        saved.contains("\"observed\": {\n        \"n\": 120,\n        \"of\": 400\n      }"),
        "{saved}"
    );
    assert!(saved.contains("\"capacity_per_day\": 400"), "{saved}");
    let again = touchmap::format::from_str(&saved).expect("valid");
    assert_eq!(again, map);
    assert_eq!(touchmap::format::to_string(&again), saved);
    // The checked decoder reads the same (keys in another order send it there).
    let checked = touchmap::format::from_str_checked(text).expect("valid");
    assert_eq!(checked, map);
}

#[test]
fn evidence_items_are_strings_or_objects_and_measured_keeps_its_numbers() {
    let text = r#"{"touchmap": 1, "title": "t", "touchpoints": [{"id": "d", "name": "Delivery",
        "score": 3.41,
        "evidence": ["Late again",
            {"text": "Parcel was wet", "source": "Trustpilot", "date": "2026-11-02",
             "kind": "review", "rating": 2, "helpful": 14},
            {"text": "Only a text"}],
        "measured": {"source": "nov.csv", "question": "Delivery?", "n": 214, "mean": 3.41,
             "low": 3.22, "high": 3.6, "date": "2026-11-30", "scale": "1-5", "wave": 2}}]}"#;
    let map = from_str(text).expect("loads");
    let delivery = &map.touchpoints()[0];
    assert_eq!(
        delivery.evidence[0],
        touchmap::model::Evidence::quote("Late again")
    );
    let review = &delivery.evidence[1];
    assert_eq!(review.source.as_deref(), Some("Trustpilot"));
    assert_eq!(review.kind, Some(touchmap::model::EvidenceKind::Review));
    assert_eq!(review.rating, Some(2.0));
    assert_eq!(
        review.extra["helpful"], 14,
        "an unknown key of an item is kept"
    );
    let measured = delivery.measured.as_ref().expect("measured");
    assert_eq!(
        (measured.n, measured.low, measured.high),
        (214.0, 3.22, 3.6)
    );
    assert_eq!(measured.extra["wave"], 2);
    let saved = to_string(&map);
    // A plain quote stays a string; an object with nothing but a text is saved as the string
    // it means (the canonical form); the rest keep their keys in DESIGN.md's order.
    assert!(saved.contains("\"Late again\",\n"), "{saved}");
    assert!(saved.contains("\"Only a text\"\n"), "{saved}");
    assert!(
        saved.contains(
            "\"text\": \"Parcel was wet\",\n          \"source\": \"Trustpilot\",\n          \"date\": \"2026-11-02\",\n          \"kind\": \"review\",\n          \"rating\": 2,\n          \"helpful\": 14"
        ),
        "{saved}"
    );
    assert_eq!(from_str(&saved).expect("saved loads"), map);
}

#[test]
fn bad_evidence_items_and_measurements_are_refused_naming_the_place() {
    let with = |touchpoint_json: &str| {
        format!(
            r#"{{"touchmap": 1, "title": "t", "touchpoints": [{{"id": "d", "name": "D", {touchpoint_json}}}]}}"#
        )
    };
    assert_refused(
        &with(r#""evidence": [{"text": "x", "kind": "rumour"}]"#),
        &[
            "touchpoints[0].evidence[0].kind (touch point 'd')",
            "one of quote, review, complaint, survey, analytics, observation, not \"rumour\"",
        ],
    );
    assert_refused(
        &with(r#""evidence": [{"source": "x"}]"#),
        &["touchpoints[0].evidence[0]", "needs a \"text\""],
    );
    assert_refused(
        &with(r#""evidence": [{"text": "x", "rating": 7}]"#),
        &[
            "touchpoints[0].evidence[0]",
            "rating must be from 1 to 5, not 7",
        ],
    );
    assert_refused(
        &with(r#""evidence": [{"text": "x", "date": "2026-13-01"}]"#),
        &["touchpoints[0].evidence[0].date (touch point 'd')"],
    );
    assert_refused(
        &with(r#""evidence": [42]"#),
        &[
            "touchpoints[0].evidence[0]",
            "a text or an object with \"text\", not the number 42",
        ],
    );
    assert_refused(
        &with(r#""measured": {"source": "s.csv", "n": 10, "mean": 3, "low": 3.5, "high": 4}"#),
        &["touchpoints[0].measured", "low ≤ mean ≤ high"],
    );
    assert_refused(
        &with(r#""measured": {"source": "s.csv", "n": 10, "mean": 3, "low": 2}"#),
        &["touchpoints[0].measured.high", "measured needs \"high\""],
    );
    assert_refused(
        &with(r#""measured": {"source": "s.csv", "n": -1, "mean": 3, "low": 2, "high": 4}"#),
        &[
            "touchpoints[0].measured",
            "measured.n must be a count of at least 0",
        ],
    );
}
