//! The JSON Schema (`touchmap schema`, `assets/touchmap.schema.json`) and the loader agree: every
//! example and template passes it, every hostile file the loader refuses for its shape fails it.

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&touchmap::format::schema_text()).expect("the schema is JSON");
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "draft 2020-12"
    );
    jsonschema::draft202012::new(&schema).expect("a valid JSON Schema")
}

fn json_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(folder))
        .expect("the folder exists")
        .map(|entry| entry.expect("readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_bundled_schema_is_what_touchmap_schema_prints() {
    let bundled = std::fs::read_to_string(root().join("assets/touchmap.schema.json"))
        .expect("assets/touchmap.schema.json exists");
    assert!(
        bundled == touchmap::format::schema_text(),
        "assets/touchmap.schema.json is stale: run `cargo run -- schema -o assets/touchmap.schema.json`"
    );
}

#[test]
fn every_example_and_template_carries_the_schema_and_passes_it() {
    let validator = validator();
    let mut files = json_files("examples");
    files.extend(json_files("assets/templates"));
    assert!(files.len() >= 8, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("reads");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|error| format!("{} at {}", error, error.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        let named = value["$schema"].as_str().expect("a $schema key");
        // It names the bundled schema, relative to the file, so an editor finds it.
        let target = path.parent().expect("a folder").join(named);
        assert!(
            target.ends_with("touchmap.schema.json") && target.exists(),
            "{}: {named}",
            path.display()
        );
        // The loader accepts the key and writes it back.
        let map = touchmap::format::from_str(&text).expect("loads");
        assert_eq!(
            map.extra.get("$schema").and_then(|v| v.as_str()),
            Some(named)
        );
        assert!(touchmap::format::to_string(&map).contains("\"$schema\""));
    }
}

/// Hostile files the loader refuses for what they mean rather than their shape (a schema cannot
/// see that an id repeats or that a link names a missing card), or that are not JSON at all.
const NOT_A_SHAPE: [(&str, &str); 17] = [
    ("binary.json", "not text"),
    ("utf16.json", "not UTF-8"),
    ("latin1.json", "not UTF-8"),
    ("empty.json", "no JSON"),
    ("whitespace.json", "no JSON"),
    ("not-json.json", "not JSON"),
    ("truncated.json", "not JSON"),
    ("trailing-garbage.json", "not JSON"),
    ("nul-byte.json", "not JSON"),
    ("score-nan.json", "NaN is not JSON"),
    ("score-huge.json", "a number beyond any float"),
    ("deep-nesting.json", "JSON too deep to parse"),
    ("duplicate-id.json", "two touch points with one id"),
    ("dangling-link.json", "a link to an id no card has"),
    ("duplicate-link.json", "the same link twice"),
    ("self-link.json", "a link from a card to itself"),
    ("stage-unknown.json", "a stage the stage list lacks"),
];

#[test]
fn every_hostile_file_refused_for_its_shape_fails_the_schema() {
    let validator = validator();
    let mut checked = 0;
    for path in json_files("tests/data/bad") {
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read(&path).expect("reads");
        assert!(
            touchmap::format::load_file(&path).is_err(),
            "{name}: the loader refuses it"
        );
        if let Some((_, why)) = NOT_A_SHAPE.iter().find(|(file, _)| *file == name) {
            // Either not JSON, or JSON the schema cannot judge: say which, and check it.
            if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&text) {
                assert!(
                    validator.is_valid(&value),
                    "{name} ({why}) is refused by the schema after all: move it out of NOT_A_SHAPE"
                );
            }
            continue;
        }
        let value: serde_json::Value = serde_json::from_slice(&text)
            .unwrap_or_else(|error| panic!("{name} is not JSON ({error}): list it in NOT_A_SHAPE"));
        assert!(
            !validator.is_valid(&value),
            "{name}: the loader refuses it, the schema lets it through"
        );
        checked += 1;
    }
    assert!(checked >= 35, "only {checked} shape refusals checked");
}

#[test]
fn a_merged_map_with_conflicts_passes_the_schema() {
    let base = touchmap::format::from_str(touchmap::templates::FIRST_RUN_EXAMPLE).expect("loads");
    let mut ours = base.clone();
    ours.title = "Ours".into();
    let mut theirs = base.clone();
    theirs.title = "Theirs".into();
    let merged = touchmap::merge::merge(&base, &ours, &theirs).expect("merges");
    let value: serde_json::Value =
        serde_json::from_str(&touchmap::format::to_string(&merged.map)).expect("JSON");
    assert!(value["conflicts"].is_array());
    let validator = validator();
    assert!(validator.is_valid(&value));
    // A conflict without its path fails.
    let mut broken = value.clone();
    broken["conflicts"][0]
        .as_object_mut()
        .expect("an object")
        .remove("path");
    assert!(!validator.is_valid(&broken));
}
