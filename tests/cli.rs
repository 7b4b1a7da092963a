//! The command line, run as a real process: output, exit codes and golden JSON.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> PathBuf {
    root().join("examples").join(format!("{name}.json"))
}

fn touchmap(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_touchmap"))
        .args(arguments)
        .current_dir(root())
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn analyze_names_the_courier_delivery_as_the_critical_weak_spot() {
    let output = touchmap(&["analyze", "examples/online-store.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let first = text
        .lines()
        .find(|line| line.starts_with("CRITICAL"))
        .expect("a critical finding");
    assert!(first.contains("Courier delivery (delivery)"), "{first}");
    assert!(
        text.contains("Every customer journey passes through Courier delivery"),
        "{text}"
    );
    assert!(text.contains("Stage scores"));
}

#[test]
fn analyze_json_matches_the_golden_file() {
    let output = touchmap(&["analyze", "--json", "examples/online-store.json"]);
    assert_eq!(output.status.code(), Some(0));
    let golden = root().join("tests/golden/online-store.analysis.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &output.stdout).expect("write golden");
    }
    let expected = std::fs::read_to_string(&golden)
        .expect("golden file; run with UPDATE_GOLDEN=1 to create it");
    assert_eq!(
        stdout(&output),
        expected,
        "analysis output changed; review and run with UPDATE_GOLDEN=1"
    );

    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let first = &value["findings"][0];
    assert_eq!(first["touchpoint"], "delivery");
    assert_eq!(first["severity"], "critical");
    assert!(
        first["reason"]
            .as_str()
            .is_some_and(|reason| !reason.is_empty())
    );
    let delivery = value["touchpoints"]
        .as_array()
        .expect("list")
        .iter()
        .find(|t| t["id"] == "delivery")
        .expect("delivery analysed");
    assert_eq!(delivery["must_pass"], true);
    assert!(
        delivery.get("critical").is_none(),
        "must_pass replaces critical"
    );
    assert_eq!(delivery["flow"], 1.0);
    assert_eq!(delivery["quadrant"], "concentrate");
    assert!(value["summary"]["overall_score"].is_f64());
    assert_eq!(value["summary"]["stages"][3]["stage"], "Delivery");
}

#[test]
fn fail_on_sets_exit_code_one() {
    assert_eq!(
        touchmap(&[
            "analyze",
            "--fail-on",
            "critical",
            "examples/online-store.json"
        ])
        .status
        .code(),
        Some(1)
    );
    let directory = tempfile::tempdir().expect("temp dir");
    let good = directory.path().join("good.json");
    std::fs::write(
        &good,
        r#"{"touchmap":1,"title":"Fine","stages":["Buy"],"touchpoints":[
            {"id":"a","name":"A","stage":"Buy","owner":"X","score":4.8},
            {"id":"b","name":"B","stage":"Buy","owner":"X","score":4.8}],
            "links":[{"from":"a","to":"b"}]}"#,
    )
    .expect("write");
    let output = touchmap(&[
        "analyze",
        "--fail-on",
        "low",
        good.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("No weak spots found"));
}

#[test]
fn bad_input_exits_with_two_and_a_message() {
    let directory = tempfile::tempdir().expect("temp dir");
    let bad = directory.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"touchmap":1,"title":"T","touchpoints":[{"id":"a","name":"A","score":9}]}"#,
    )
    .expect("write");
    let bad = bad.to_str().expect("utf-8 path");
    for command in [
        vec!["analyze", bad],
        vec!["validate", bad],
        vec!["fmt", bad],
    ] {
        let output = touchmap(&command);
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        let message = stderr(&output);
        assert!(
            message.contains("bad.json") && message.contains("$.touchpoints[0].score"),
            "{message}"
        );
    }
    let missing = touchmap(&["validate", "no-such-map.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no-such-map.json"));
    assert_eq!(
        touchmap(&["analyze", "--fail-on", "extreme", bad])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(touchmap(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn validate_accepts_every_example() {
    for name in ["online-store", "hotel", "b2b-software"] {
        let output = touchmap(&["validate", example(name).to_str().expect("utf-8 path")]);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
        assert!(stdout(&output).contains("valid touchmap map"));
    }
}

#[test]
fn fmt_rewrites_in_canonical_form_and_check_reports_it() {
    let directory = tempfile::tempdir().expect("temp dir");
    let path = directory.path().join("messy.json");
    std::fs::write(&path, r#"{"title":"T","touchmap":1,"custom":true,"touchpoints":[{"name":"B","id":"b"},{"id":"a","name":"A"}]}"#).expect("write");
    let path_text = path.to_str().expect("utf-8 path");
    assert_eq!(
        touchmap(&["fmt", "--check", path_text]).status.code(),
        Some(1)
    );
    assert_eq!(touchmap(&["fmt", path_text]).status.code(), Some(0));
    assert_eq!(
        touchmap(&["fmt", "--check", path_text]).status.code(),
        Some(0)
    );
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(
        text.starts_with("{\n  \"touchmap\": 1,\n  \"title\": \"T\""),
        "{text}"
    );
    assert!(text.contains("\"custom\": true"));
    assert!(text.find("\"id\": \"a\"") < text.find("\"id\": \"b\""));
    let output = directory.path().join("out.json");
    assert_eq!(
        touchmap(&["fmt", path_text, "-o", output.to_str().expect("utf-8 path")])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(std::fs::read_to_string(&output).expect("read"), text);
}

#[test]
fn fmt_leaves_a_canonical_file_untouched_and_backs_up_one_it_rewrites() {
    let directory = tempfile::tempdir().expect("temp dir");
    let path = directory.path().join("map.json");
    let backup = directory.path().join("map.json.bak");
    let path_text = path.to_str().expect("utf-8 path");
    std::fs::write(&path, r#"{"touchmap":1,"title":"T"}"#).expect("write");
    assert_eq!(touchmap(&["fmt", path_text]).status.code(), Some(0));
    // Rewritten: the old text is the backup.
    assert_eq!(
        std::fs::read_to_string(&backup).expect("backup"),
        r#"{"touchmap":1,"title":"T"}"#
    );
    let canonical = std::fs::read_to_string(&path).expect("read");
    std::fs::remove_file(&backup).expect("remove backup");
    // An old modification time, so that a rewrite would be seen.
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("open")
        .set_modified(old)
        .expect("set time");
    assert_eq!(touchmap(&["fmt", path_text]).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), canonical);
    let modified = std::fs::metadata(&path)
        .expect("metadata")
        .modified()
        .expect("time");
    assert_eq!(modified, old, "a canonical file was written again");
    assert!(!backup.exists(), "a canonical file got a backup");
}

#[test]
fn new_creates_a_map_from_each_template_and_refuses_to_overwrite() {
    let directory = tempfile::tempdir().expect("temp dir");
    for template in [
        "blank",
        "online-store",
        "hotel",
        "b2b-software",
        "restaurant",
    ] {
        let path = directory.path().join(format!("{template}.json"));
        let path_text = path.to_str().expect("utf-8 path");
        let output = touchmap(&[
            "new",
            "--template",
            template,
            "--title",
            "Workshop",
            "-o",
            path_text,
        ]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{template}: {}",
            stderr(&output)
        );
        let map = touchmap::format::load_file(&path).expect("loads");
        assert_eq!(map.title, "Workshop");
        let again = touchmap(&["new", "--template", template, "-o", path_text]);
        assert_eq!(again.status.code(), Some(2));
        assert!(stderr(&again).contains("already exists"));
    }
    let unknown = touchmap(&["new", "--template", "spaceship", "-o", "x.json"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("online-store"));
}

#[test]
fn diff_reports_rescored_touch_points_and_resolved_findings() {
    let directory = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(example("online-store")).expect("read");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("json");
    for touchpoint in value["touchpoints"].as_array_mut().expect("list") {
        if touchpoint["id"] == "delivery" {
            touchpoint["score"] = serde_json::json!(4.5);
        }
    }
    value["touchpoints"]
        .as_array_mut()
        .expect("list")
        .push(serde_json::json!({"id": "returns-desk", "name": "Returns desk", "stage": "Use"}));
    let newer = directory.path().join("after.json");
    std::fs::write(&newer, serde_json::to_string(&value).expect("json")).expect("write");
    let output = touchmap(&[
        "diff",
        "examples/online-store.json",
        newer.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("+ touch point Returns desk (returns-desk)"),
        "{text}"
    );
    assert!(
        text.contains("~ Courier delivery (delivery) better: 1.6 → 4.5"),
        "{text}"
    );
    assert!(
        text.contains("- finding critical bottleneck on Courier delivery (resolved)"),
        "{text}"
    );
    // A card added without links is not part of any journey yet: `unlinked`, not dead-end.
    assert!(
        text.contains("+ finding low unlinked on Returns desk"),
        "{text}"
    );
    let same = touchmap(&["diff", "examples/hotel.json", "examples/hotel.json"]);
    assert_eq!(stdout(&same), "no changes\n");
    let json = touchmap(&[
        "diff",
        "--json",
        "examples/online-store.json",
        newer.to_str().expect("utf-8 path"),
    ]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(value["added"][0]["id"], "returns-desk");
}

#[test]
fn every_subcommand_has_help() {
    for command in ["analyze", "validate", "fmt", "diff", "new"] {
        let output = touchmap(&[command, "--help"]);
        assert_eq!(output.status.code(), Some(0), "{command}");
        assert!(stdout(&output).contains("Usage"), "{command}");
    }
}

#[test]
fn export_writes_every_format_and_import_reads_the_csv_back() {
    let directory = tempfile::tempdir().expect("temp dir");
    for extension in ["svg", "png", "pdf", "html", "csv", "md", "dot", "mmd"] {
        let out = directory.path().join(format!("store.{extension}"));
        let output = touchmap(&[
            "export",
            "examples/online-store.json",
            "-o",
            out.to_str().expect("utf-8 path"),
        ]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{extension}: {}",
            stderr(&output)
        );
        assert!(
            std::fs::metadata(&out).expect("written").len() > 1000,
            "{extension}"
        );
    }
    // Exporting over an earlier export keeps no backup (only map saves do).
    let again = directory.path().join("store.svg");
    assert_eq!(
        touchmap(&[
            "export",
            "examples/online-store.json",
            "-o",
            again.to_str().expect("utf-8 path")
        ])
        .status
        .code(),
        Some(0)
    );
    assert!(!directory.path().join("store.svg.bak").exists());
    let unknown = touchmap(&["export", "examples/online-store.json", "-o", "store.xyz"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains(".svg .png .html"));

    let csv = directory.path().join("store.csv");
    let map = directory.path().join("from-sheet.json");
    let output = touchmap(&[
        "import",
        csv.to_str().expect("utf-8 path"),
        "-o",
        map.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // What a sheet cannot carry is said on stderr; stdout stays the one-line summary.
    assert!(
        stderr(&output).contains("warning: ")
            && stderr(&output).contains(
                "objectives and campaigns are not imported, nor keys touchmap does not know"
            ),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).starts_with("imported 25 touch points and 32 links into "));
    let diff = touchmap(&[
        "diff",
        "examples/online-store.json",
        map.to_str().expect("utf-8 path"),
    ]);
    let text = stdout(&diff);
    // The example has no positions; the export laid the cards out, so only positions, title and
    // brand may differ.
    let other: Vec<&str> = text
        .lines()
        // A spreadsheet cannot carry the plan: the objectives and campaigns are not in it (the
        // diff now names them; the import says so).
        .filter(|l| {
            let only_moved = l.contains(") edited: pos ") && !l.contains("; ");
            let plan = l.starts_with("- objective ") || l.starts_with("- campaign ");
            !only_moved && !plan && !l.starts_with("~ map ")
        })
        .collect();
    assert!(other.is_empty(), "unexpected differences: {other:?}");

    let bad = directory.path().join("bad.csv");
    std::fs::write(&bad, "name,score\nA,9\n").expect("write");
    let refused = touchmap(&[
        "import",
        bad.to_str().expect("utf-8 path"),
        "-o",
        directory
            .path()
            .join("x.json")
            .to_str()
            .expect("utf-8 path"),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("row 2, column \"score\""),
        "{}",
        stderr(&refused)
    );

    // --stages sets the order; the sheet names them the other way round.
    let sheet = directory.path().join("reversed.csv");
    std::fs::write(
        &sheet,
        "name,stage,next\nShop,Purchase,\nAd,Awareness,Shop\n",
    )
    .expect("write");
    let ordered = directory.path().join("ordered.json");
    let output = touchmap(&[
        "import",
        sheet.to_str().expect("utf-8 path"),
        "-o",
        ordered.to_str().expect("utf-8 path"),
        "--stages",
        "Awareness, Purchase",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("in the order the rows first name them"));
    let map = touchmap::format::load_file(&ordered).expect("written");
    assert_eq!(map.stages(), ["Awareness", "Purchase"]);
    let output = touchmap(&[
        "import",
        sheet.to_str().expect("utf-8 path"),
        "-o",
        directory
            .path()
            .join("y.json")
            .to_str()
            .expect("utf-8 path"),
        "--stages",
        "Awareness",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("row 2, column \"stage\": \"Purchase\" is not one of the stages given with --stages: Awareness"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn campaign_prints_the_pre_flight_and_gates_a_launch() {
    let output = touchmap(&["campaign", "examples/online-store.json", "spring-instagram"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("FIX FIRST — Spring Instagram push (spring-instagram)"),
        "the verdict comes first: {text}"
    );
    assert!(
        !text.contains("Campaigns side by side"),
        "one campaign asked for: no table"
    );
    assert!(
        text.contains(
            "Spring Instagram push sends 25,027 of its 40,000 customers (63%) through Courier delivery, which scores 1.6/5 (customers say “Parcel arrived 9 days late and nobody told me”)."
        ),
        "{text}"
    );
    assert!(
        !text.contains("YouTube creator reviews"),
        "only the asked campaign"
    );
    for (threshold, code) in [("critical", 1), ("high", 1), ("low", 1)] {
        let output = touchmap(&[
            "campaign",
            "examples/online-store.json",
            "spring-instagram",
            "--fail-on",
            threshold,
        ]);
        assert_eq!(output.status.code(), Some(code), "--fail-on {threshold}");
    }
    // The whole map: the table first, with both verdicts, then the objectives' totals.
    let output = touchmap(&["campaign", "examples/online-store.json"]);
    let text = stdout(&output);
    assert!(text.starts_with("Campaigns side by side\n"), "{text}");
    let table: Vec<&str> = text.lines().take(4).collect();
    assert!(table[1].contains("VERDICT") && table[1].contains("WORST FINDING"));
    assert!(
        table[2].contains("GO") && table[2].contains("YouTube creator reviews"),
        "{text}"
    );
    assert!(
        table[3].contains("FIX FIRST")
            && table[3].contains("2027-03-01 – 2027-04-15")
            && table[3].contains("critical amplified-weak-spot at Courier delivery"),
        "{text}"
    );
    assert!(
        text.contains("Objectives\n  First orders from new customers"),
        "{text}"
    );
    // The YouTube campaign says go: the gate at high lets it through alone.
    let output = touchmap(&[
        "campaign",
        "examples/online-store.json",
        "creator-reviews",
        "--fail-on",
        "high",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    // The hotel's campaign has no critical readiness finding: the gate at critical lets it pass.
    let output = touchmap(&["campaign", "examples/hotel.json", "--fail-on", "critical"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output = touchmap(&["campaign", "examples/hotel.json", "--fail-on", "high"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn campaign_json_has_the_documented_shape() {
    let output = touchmap(&["campaign", "--json", "examples/online-store.json"]);
    assert_eq!(output.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let campaigns = value["campaigns"].as_array().expect("list");
    assert_eq!(campaigns.len(), 2);
    let spring = campaigns
        .iter()
        .find(|c| c["id"] == "spring-instagram")
        .expect("spring push");
    for key in [
        "id",
        "name",
        "objective",
        "verdict",
        "owner",
        "starts",
        "ends",
        "reach",
        "budget",
        "goal_reached",
        "goal_share",
        "cost_per_goal",
        "roi",
        "meets_target",
        "touchpoints",
        "findings",
    ] {
        assert!(spring.get(key).is_some(), "{key}");
    }
    assert_eq!(spring["verdict"], "fix-first");
    assert_eq!(spring["starts"], "2027-03-01");
    let keys: Vec<&str> = spring
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(&keys[..4], ["id", "name", "objective", "verdict"]);
    let objectives = value["objectives"].as_array().expect("objective totals");
    assert_eq!(objectives.len(), 2);
    for key in ["id", "baseline", "target", "goal_reached", "meets_target"] {
        assert!(objectives[0].get(key).is_some(), "{key}");
    }
    assert_eq!(spring["findings"][0]["rule"], "amplified-weak-spot");
    assert_eq!(spring["findings"][0]["touchpoint"], "delivery");
    assert_eq!(spring["findings"][0]["severity"], "critical");
    let rows = spring["touchpoints"].as_array().expect("rows");
    assert_eq!(rows.len(), 25, "every touch point");
    let ids: Vec<&str> = rows.iter().filter_map(|r| r["id"].as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "by id");
}

/// A small map: ad → shop → buy; `plan` is the JSON of its objectives and campaigns.
fn plan_map(directory: &std::path::Path, name: &str, plan: &str, capacity: &str) -> String {
    let path = directory.join(name);
    std::fs::write(
        &path,
        format!(
            r#"{{"touchmap": 1, "title": "Shop", "touchpoints": [
  {{"id": "ad", "name": "Ad", "owner": "Marketing", "score": 4, "role": "entry"}},
  {{"id": "shop", "name": "Shop", "owner": "Web", "score": 4{capacity}}},
  {{"id": "buy", "name": "Buy", "owner": "Web", "score": 4, "role": "goal"}}],
 "links": [{{"from": "ad", "to": "shop", "observed": {{"n": 80, "of": 100}}}},
           {{"from": "shop", "to": "buy", "share": 0.1, "observed": {{"n": 8, "of": 80}}}}],
 {plan}}}"#
        ),
    )
    .expect("write");
    path.to_string_lossy().into_owned()
}

const TWO_CAMPAIGNS: &str = r#""objectives": [{"id": "o", "name": "Sales", "kind": "trial", "goal": "buy", "kpi": "orders", "target": 10}],
 "campaigns": [{"id": "a", "name": "A", "objective": "o", "channels": ["ad"], "reach": 1000, "budget": 0, "starts": "2027-03-01", "ends": "2027-03-10"},
               {"id": "b", "name": "B", "objective": "o", "channels": ["ad"], "reach": 600, "budget": 0, "starts": "2027-03-06", "ends": "2027-03-11"}]"#;

#[test]
fn an_all_go_map_passes_the_gate_and_the_calendar_prints_the_days() {
    let directory = tempfile::tempdir().expect("temp dir");
    // Shop can take 200 a day: a sends 100, b 100, 200 together is not more.
    let map = plan_map(
        directory.path(),
        "go.json",
        TWO_CAMPAIGNS,
        r#", "capacity_per_day": 200"#,
    );
    let output = touchmap(&["campaign", &map, "--fail-on", "high"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output = touchmap(&["campaign", &map, "--calendar", "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let days = value["days"].as_array().expect("days");
    // 1–11 March 2027; on the 6th: 1,000 / 10 + 600 / 6 = 200 at shop, capacity 200, a and b.
    assert_eq!(days.len(), 11);
    assert_eq!(days[0]["date"], "2027-03-01");
    assert_eq!(days[10]["date"], "2027-03-11");
    let shop = |day: &serde_json::Value| {
        day["touchpoints"]
            .as_array()
            .expect("touch points")
            .iter()
            .find(|t| t["id"] == "shop")
            .cloned()
            .expect("shop")
    };
    assert_eq!(
        shop(&days[5]),
        serde_json::json!({"id": "shop", "load": 200.0, "capacity": 200.0, "campaigns": ["a", "b"]})
    );
    assert_eq!(shop(&days[0])["load"], 100.0);
    // Capacity 150: both overloaded on 6–10 March; the gate at high fails, the text says where.
    let map = plan_map(
        directory.path(),
        "over.json",
        TWO_CAMPAIGNS,
        r#", "capacity_per_day": 150"#,
    );
    let output = touchmap(&["campaign", &map, "--fail-on", "high"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains(
            "Shop gets up to 200 extra customers a day from 6 Mar to 10 Mar, with A and B running together; it can take 150."
        ),
        "{}",
        stdout(&output)
    );
    let text = stdout(&touchmap(&["campaign", &map, "--calendar"]));
    assert!(text.contains("2027-03-06 – 2027-03-10  (A, B)"), "{text}");
    assert!(text.contains("OVERLOADED"), "{text}");
}

#[test]
fn a_plan_that_cannot_be_scheduled_is_refused_naming_the_place() {
    let directory = tempfile::tempdir().expect("temp dir");
    for (plan, capacity, place) in [
        (
            TWO_CAMPAIGNS,
            r#", "capacity_per_day": -1"#,
            "$.touchpoints[1].capacity_per_day",
        ),
        (
            &TWO_CAMPAIGNS.replace(r#""ends": "2027-03-10""#, r#""ends": "2027-02-10""#)[..],
            "",
            "$.campaigns[0].ends",
        ),
        (
            &TWO_CAMPAIGNS.replace(
                r#""channels": ["ad"], "reach": 1000"#,
                r#""channels": ["ad"], "split": [0], "reach": 1000"#,
            )[..],
            "",
            "$.campaigns[0].split",
        ),
    ] {
        let map = plan_map(directory.path(), "bad.json", plan, capacity);
        let before = std::fs::read(&map).expect("read");
        for arguments in [
            vec!["campaign", &map],
            vec!["campaign", &map, "--calendar", "--json"],
        ] {
            let output = touchmap(&arguments);
            assert_eq!(output.status.code(), Some(2), "{place}");
            assert!(
                stderr(&output).contains(place),
                "{place}: {}",
                stderr(&output)
            );
            assert!(output.stdout.is_empty());
        }
        assert_eq!(
            std::fs::read(&map).expect("read"),
            before,
            "nothing written"
        );
    }
}

#[test]
fn diff_json_shows_a_plan_change_value_by_value() {
    let directory = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(root().join("examples/online-store.json")).expect("read");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let campaigns = value["campaigns"].as_array_mut().expect("campaigns");
    campaigns.retain(|c| c["id"] != "creator-reviews");
    campaigns[0]["budget"] = serde_json::json!(12000);
    for link in value["links"].as_array_mut().expect("links") {
        if link["from"] == "basket" && link["to"] == "checkout" {
            link["share"] = serde_json::json!(0.85);
        }
    }
    let newer = directory.path().join("newer.json");
    std::fs::write(&newer, value.to_string()).expect("write");
    let output = touchmap(&[
        "diff",
        "--json",
        "examples/online-store.json",
        newer.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let diff: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(
        diff["campaigns_changed"][0],
        serde_json::json!({"id": "spring-instagram", "name": "Spring Instagram push",
            "changes": [{"field": "budget", "old": 8000, "new": 12000}]})
    );
    assert_eq!(diff["campaigns_removed"][0]["id"], "creator-reviews");
    assert_eq!(
        diff["links_changed"][0]["changes"][0],
        serde_json::json!({"field": "share", "old": 0.7, "new": 0.85})
    );
    let outcome = &diff["outcomes"][0];
    assert_eq!(outcome["id"], "spring-instagram");
    for key in ["goal_reached", "cost_per_goal", "verdict"] {
        assert!(outcome[key]["old"] != serde_json::Value::Null, "{key}");
        assert!(outcome[key]["new"] != serde_json::Value::Null, "{key}");
    }
    // The text says the same.
    let output = touchmap(&[
        "diff",
        "examples/online-store.json",
        newer.to_str().expect("utf-8 path"),
    ]);
    let text = stdout(&output);
    assert!(
        text.contains(
            "~ campaign Spring Instagram push (spring-instagram): budget 8,000 → 12,000\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("~ link Basket → Checkout: share 0.7 → 0.85\n"),
        "{text}"
    );
    assert!(
        text.contains("- campaign YouTube creator reviews (creator-reviews)\n"),
        "{text}"
    );
    assert!(
        text.contains("~ outcome Spring Instagram push: goal reached"),
        "{text}"
    );
}

#[test]
fn campaign_with_an_unknown_id_names_the_known_ones_and_exits_2() {
    let output = touchmap(&["campaign", "examples/online-store.json", "winter"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("no campaign 'winter'"), "{message}");
    assert!(message.contains("spring-instagram"), "{message}");
}

#[test]
fn map_text_never_reaches_the_terminal_as_an_escape_sequence() {
    let directory = tempfile::tempdir().expect("temp dir");
    let path = directory.path().join("hostile.json");
    std::fs::write(
        &path,
        "{\"touchmap\": 1, \"title\": \"Map\\u001b]0;owned\\u0007\\u001b[2J\", \"touchpoints\": [{\"id\": \"a\", \"name\": \"Ad\\u001b[31m\\u009b1m\", \"score\": 1}]}",
    )
    .expect("write");
    for command in [&["analyze"][..], &["validate"], &["analyze", "--json"]] {
        let mut arguments = command.to_vec();
        let text = path.to_string_lossy().into_owned();
        arguments.push(&text);
        let output = touchmap(&arguments);
        let printed = stdout(&output);
        assert!(
            !printed.chars().any(|c| c.is_control() && c != '\n'),
            "{command:?}: {printed:?}"
        );
        assert!(
            printed.contains("]0;owned") || printed.contains("\\u001b"),
            "{printed}"
        );
    }
}

#[test]
fn a_healthy_map_passes_the_pre_campaign_gate_at_high() {
    // Every step scores 4.4–4.7 on a linear journey: every touch point is must-pass, one is just
    // below the map's average, and none is weak, so no finding is high or worse.
    let directory = tempfile::tempdir().expect("temp dir");
    let path = directory.path().join("healthy.json");
    std::fs::write(
        &path,
        r#"{"touchmap": 1, "title": "Healthy", "stages": ["Awareness", "Purchase", "Loyalty"],
            "touchpoints": [
              {"id": "ad", "name": "Ad", "stage": "Awareness", "owner": "Marketing", "importance": 4, "score": 4.6, "role": "entry"},
              {"id": "shop", "name": "Shop", "stage": "Purchase", "owner": "Web", "importance": 5, "score": 4.4},
              {"id": "club", "name": "Club", "stage": "Loyalty", "owner": "CRM", "importance": 4, "score": 4.7, "role": "goal"}],
            "links": [{"from": "ad", "to": "shop"}, {"from": "shop", "to": "club"}]}"#,
    )
    .expect("write");
    let path = path.to_string_lossy().into_owned();
    let output = touchmap(&["analyze", "--fail-on", "high", &path]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output = touchmap(&["analyze", "--json", &path]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert!(
        value["touchpoints"]
            .as_array()
            .expect("list")
            .iter()
            .all(|t| t["must_pass"] == true),
        "the healthy journey is linear: every step is must-pass"
    );
}

/// The steps of `touchmap paths --json`, by name: (removal effect, Markov conversions, first
/// touch, last touch).
fn attribution(args: &[&str]) -> (serde_json::Value, Vec<(String, [f64; 4])>) {
    let output = touchmap(args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let steps = json["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|step| {
            (
                step["name"].as_str().expect("name").to_owned(),
                [
                    step["removal_effect"].as_f64().expect("number"),
                    step["markov_conversions"].as_f64().expect("number"),
                    step["first_touch"].as_f64().expect("number"),
                    step["last_touch"].as_f64().expect("number"),
                ],
            )
        })
        .collect();
    (json, steps)
}

fn assert_close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "{what}: {actual}, expected {expected}"
    );
}

#[test]
fn paths_reads_ga4_segment_snowplow_and_channelattribution_layouts() {
    // GA4's BigQuery export flattened to CSV: microsecond timestamps, purchase events, a source
    // with a comma in quotes. Paths (hand-read from the fixture): google/cpc ×3 → purchase 59.9;
    // direct ×2 → purchase 20; newsletter ×2, no purchase; instagram, newsletter ×2 → purchase 35.5.
    // Collapsed chain: start → g, d, n, i each 1/4; g and d convert; n converts 1/2; i → n.
    // P = 1/4 + 1/4 + 1/8 + 1/8 = 3/4. Without g (or d, or n): 1/2 → 1/3; without i: 5/8 → 1/6.
    // Markov conversions 3 × (1/3) / (7/6) = 6/7 for g, d, n and 3 × (1/6) / (7/6) = 3/7 for i.
    let (json, steps) = attribution(&[
        "paths",
        "tests/data/paths/ga4-events.csv",
        "--json",
        "--journey",
        "user_pseudo_id",
        "--time",
        "event_timestamp",
        "--step",
        "session_source_medium",
        "--conversion",
        "event_name",
        "--converts-on",
        "purchase",
        "--value",
        "purchase_revenue",
    ]);
    assert_close(json["journeys"].as_f64().expect("n"), 4.0, "journeys");
    assert_close(json["conversions"].as_f64().expect("n"), 3.0, "conversions");
    assert_close(json["value"].as_f64().expect("n"), 115.4, "value");
    let expected = [
        ("(direct) / (none)", 1.0 / 3.0, 6.0 / 7.0, 1.0, 1.0),
        ("google / cpc", 1.0 / 3.0, 6.0 / 7.0, 1.0, 1.0),
        ("newsletter, spring / email", 1.0 / 3.0, 6.0 / 7.0, 0.0, 1.0),
        ("instagram / social", 1.0 / 6.0, 3.0 / 7.0, 1.0, 0.0),
    ];
    assert_eq!(steps.len(), expected.len());
    for ((name, values), (want, removal, markov, first, last)) in steps.iter().zip(expected) {
        assert_eq!(name, want, "sorted by removal effect, then name");
        assert_close(values[0], removal, name);
        assert_close(values[1], markov, name);
        assert_close(values[2], first, name);
        assert_close(values[3], last, name);
    }

    // Segment's tracks re-saved by Excel: BOM, semicolons, CRLF, a decimal comma, offsets.
    // a-1 converts (instagram, 49.90); a-2 (google, newsletter) and a-3 (google) do not.
    let (json, steps) = attribution(&[
        "paths",
        "tests/data/paths/segment-tracks.csv",
        "--json",
        "--journey",
        "anonymous_id",
        "--step",
        "context_campaign_source",
        "--conversion",
        "event",
        "--converts-on",
        "Order Completed",
        "--value",
        "revenue",
    ]);
    assert_close(
        json["value"].as_f64().expect("n"),
        49.9,
        "decimal comma read",
    );
    assert_close(
        json["conversion_rate"].as_f64().expect("n"),
        1.0 / 3.0,
        "rate",
    );
    assert_eq!(steps[0].0, "instagram");
    assert_close(steps[0].1[0], 1.0, "instagram carries the only conversion");
    assert!(steps[1..].iter().all(|(_, values)| values[0] == 0.0));

    // Snowplow's atomic events, tab-separated, derived_tstamp without a zone.
    let (json, steps) = attribution(&[
        "paths",
        "tests/data/paths/snowplow-events.tsv",
        "--json",
        "--journey",
        "domain_userid",
        "--time",
        "derived_tstamp",
        "--step",
        "mkt_source",
        "--conversion",
        "event_name",
        "--converts-on",
        "transaction",
        "--value",
        "tr_total",
    ]);
    assert_close(json["journeys"].as_f64().expect("n"), 2.0, "journeys");
    assert_close(json["value"].as_f64().expect("n"), 120.0, "value");
    assert_eq!(steps[0].0, "facebook");
    assert_close(steps[0].1[0], 1.0, "facebook");

    // The channelattribution package's own layout, semicolons, a quoted step with a semicolon.
    // eta: iota 4/10, conversion 1/10; iota: alpha 4/12, conversion 2/12; alpha, "alpha; beta":
    // eta. h(eta) = 5/26, h(iota) = 3/13; P = 3/14; without "alpha; beta": 68/364, so its
    // removal effect is 1 − (68/364)/(78/364) = 5/39.
    let (json, steps) = attribution(&[
        "paths",
        "tests/data/paths/channelattribution-paths.csv",
        "--json",
    ]);
    assert_close(json["journeys"].as_f64().expect("n"), 14.0, "journeys");
    assert_close(
        json["conversion_rate"].as_f64().expect("n"),
        3.0 / 14.0,
        "rate",
    );
    let quoted = steps
        .iter()
        .find(|(name, _)| name == "alpha; beta")
        .expect("a step with a semicolon");
    assert_close(quoted.1[0], 5.0 / 39.0, "alpha; beta");

    // The table says the same for people; bad input is refused naming the row and column.
    let table = touchmap(&["paths", "tests/data/paths/channelattribution-paths.csv"]);
    assert!(stdout(&table).contains("14 journeys in 3 distinct paths, 3 converting (21%)"));
    let directory = tempfile::tempdir().expect("temp dir");
    let bad = directory.path().join("bad.csv");
    std::fs::write(&bad, "path,total_conversions\na > b,-1\n").expect("write");
    let refused = touchmap(&["paths", bad.to_str().expect("utf-8")]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("row 2, column \"total_conversions\""),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn paths_calibrates_a_map_and_writes_it_only_when_asked() {
    let directory = tempfile::tempdir().expect("temp dir");
    let data = directory.path().join("store-paths.csv");
    // Names, ids and an unknown step; arrival at Checkout is the conversion.
    std::fs::write(
        &data,
        "path,total_conversions,total_null\n\
         Instagram ad > Product page > Basket > Checkout,30,10\n\
         google-search > Product page > Basket,12,20\n\
         TikTok > Product page,0,5\n",
    )
    .expect("write");
    let data = data.to_str().expect("utf-8");
    let report = touchmap(&[
        "paths",
        data,
        "--map",
        "examples/online-store.json",
        "--goal",
        "checkout",
    ]);
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    let text = stdout(&report);
    // Basket: 30 + 10 + 12 + 20 = 72 visits. Moved on to Checkout: the 40 of the first path (its
    // 10 "nulls" reached Checkout, which is a conversion) and the 12 converting of the second:
    // 52 of 72 = 0.72; Wilson, z = 1.96: centre (0.7222 + 0.0267) / 1.0534 = 0.7110, half
    // 1.8607 × √(0.7222 × 0.2778 / 72 + 3.8415 / 20,736) = 0.1014 → 0.61–0.81.
    assert!(
        text.contains("Basket → Checkout: 0.7 → 0.72 (52 of 72; 0.61–0.81)"),
        "{text}"
    );
    assert!(text.contains("TikTok: 5 journeys"), "{text}");
    assert!(
        text.contains("10 journeys reached Checkout without a recorded conversion"),
        "{text}"
    );
    assert!(text.contains("nothing written"), "{text}");

    let output = directory.path().join("calibrated.json");
    let written = touchmap(&[
        "paths",
        data,
        "--map",
        "examples/online-store.json",
        "--goal",
        "checkout",
        "--add-links",
        "-o",
        output.to_str().expect("utf-8"),
    ]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    let map = touchmap::format::load_file(&output).expect("a valid map");
    let basket = touchmap::model::TouchPointId::new("basket").expect("valid");
    let checkout = touchmap::model::TouchPointId::new("checkout").expect("valid");
    let link = map.link(&basket, &checkout).expect("kept");
    assert_eq!(
        link.observed,
        Some(touchmap::model::Observed { n: 52.0, of: 72.0 })
    );
    let refused = touchmap(&[
        "paths",
        data,
        "--map",
        "examples/online-store.json",
        "--goal",
        "nowhere",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("--goal nowhere is not a touch point"));
}
