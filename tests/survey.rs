//! `touchmap survey` as a real process, on exports in the layouts the survey tools write
//! (tests/data/survey/): numbers worked out by hand, header detection, words and skipped answers,
//! quotes never added twice, the mapping remembered, and every refusal with its place.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn touchmap(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_touchmap"))
        .args(arguments)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .output()
        .expect("the binary runs")
}

fn json(arguments: &[&str]) -> Value {
    let output = touchmap(arguments);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn close(actual: &Value, expected: f64, what: &str) {
    let actual = actual.as_f64().unwrap_or(f64::NAN);
    assert!(
        (actual - expected).abs() < 1e-5,
        "{what}: {actual}, expected {expected}"
    );
}

fn touchpoint<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["touchpoints"]
        .as_array()
        .and_then(|list| list.iter().find(|t| t["id"] == id))
        .unwrap_or_else(|| panic!("{id} in {report}"))
}

const MAP: &str = "examples/online-store.json";

#[test]
fn google_forms_scores_nps_and_quotes_by_hand() {
    let report = json(&[
        "survey",
        "tests/data/survey/google-forms.csv",
        "--map",
        MAP,
        "--rate",
        "How satisfied were you with the delivery=delivery",
        "--rate",
        "How likely are you to recommend=Friend's recommendation",
        "--quote",
        "What could we do better?=Courier delivery",
        "--json",
    ]);
    assert_eq!(report["layout"], "Google Forms");
    assert_eq!(report["responses"], 8);
    // Delivery (1-5 by its text): 2, 3, 1, 4, 2, blank, N/A, 3 → n = 6, 2 skipped, mean 15/6 =
    // 2.5; s² = (0.25 + 0.25 + 2.25 + 2.25 + 0.25 + 0.25)/5 = 1.1, s = 1.048809;
    // t(0.975, 5) = 2.570582; half = 2.570582 × 1.048809/√6 = 1.100656.
    let delivery = touchpoint(&report, "delivery");
    assert_eq!(
        (delivery["n"].clone(), delivery["skipped"].clone()),
        (6.into(), 2.into())
    );
    close(&delivery["mean"], 2.5, "mean");
    close(&delivery["low"], 2.5 - 1.100_656, "low");
    close(&delivery["high"], 2.5 + 1.100_656, "high");
    close(&delivery["score"], 2.5, "score");
    assert_eq!(delivery["nps"], Value::Null, "a 1-5 question has no NPS");
    // Recommend (0-10): 9, 6, 10, 7, 3, 8, 10, 9 → promoters 4, detractors 2 of 8: NPS 25;
    // on 1–5, 1 + 0.4x: mean 1 + 0.4 × 62/8 = 4.1.
    let friend = touchpoint(&report, "friend-recommendation");
    close(&friend["nps"], 25.0, "NPS");
    close(&friend["mean"], 4.1, "mean");
    // Quotes: 4 distinct answers; N/A and blanks are no quotes; the second "Parcel came two days
    // late" is the same text from the same file.
    assert_eq!(report["quotes"][0]["added"], 4);
    assert_eq!(report["quotes"][0]["already"], 1);
}

#[test]
fn importing_twice_changes_nothing_and_next_month_needs_no_flags() {
    let directory = tempfile::tempdir().expect("temp dir");
    let first = directory.path().join("first.json");
    let second = directory.path().join("second.json");
    let first_text = first.to_string_lossy().into_owned();
    let output = touchmap(&[
        "survey",
        "tests/data/survey/google-forms.csv",
        "--map",
        MAP,
        "--rate",
        "How satisfied were you with the delivery=delivery",
        "--quote",
        "What could we do better?=delivery",
        "-o",
        &first_text,
    ]);
    assert_eq!(output.status.code(), Some(0));
    let map: Value =
        serde_json::from_str(&std::fs::read_to_string(&first).expect("written")).expect("JSON");
    let delivery = map["touchpoints"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["id"] == "delivery"))
        .expect("delivery");
    assert_eq!(delivery["score"], 2.5);
    assert_eq!(delivery["measured"]["n"], 6);
    assert_eq!(
        delivery["measured"]["date"], "2026-11-30",
        "the newest answer's day"
    );
    assert_eq!(delivery["measured"]["scale"], "1-5");
    assert_eq!(map["sources"][0]["kind"], "survey");
    assert_eq!(map["sources"][0]["rate"][0]["touchpoint"], "delivery");
    // The formula-looking answer is kept as it was written.
    let texts: Vec<&str> = delivery["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .filter_map(|item| item["text"].as_str())
        .collect();
    assert!(texts.contains(&"=HYPERLINK(\"http://example.invalid\",\"click\")"));

    // The same file again, no flags: the stored mapping is used, and nothing changes.
    let second_text = second.to_string_lossy().into_owned();
    let output = touchmap(&[
        "survey",
        "tests/data/survey/google-forms.csv",
        "--map",
        &first_text,
        "-o",
        &second_text,
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("as the map remembers"));
    assert_eq!(
        std::fs::read(&first).expect("first"),
        std::fs::read(&second).expect("second"),
        "importing the same answers twice changes nothing"
    );
}

#[test]
fn surveymonkey_qualtrics_and_typeform_headers_are_recognised() {
    // SurveyMonkey, two header rows, BOM and CRLF, answers in words: Very satisfied 5,
    // Satisfied 4, Neither 3, Dissatisfied 2, Very satisfied 5, Don't know skipped → mean 19/5
    // = 3.8; s² = (1.44 + 0.04 + 0.64 + 3.24 + 1.44)/4 = 1.7, s = 1.303840; t(0.975, 4) =
    // 2.776445; half = 1.618930: 2.181070, and 5.418930 clipped to 5.
    let report = json(&[
        "survey",
        "tests/data/survey/surveymonkey.csv",
        "--map",
        MAP,
        "--rate",
        "How satisfied were you with checkout?=checkout",
        "--quote",
        "Any comments about paying?=payment",
        "--json",
    ]);
    assert_eq!(report["layout"], "SurveyMonkey");
    assert_eq!(
        report["responses"], 6,
        "the two header rows are no responses"
    );
    let checkout = touchpoint(&report, "checkout");
    close(&checkout["mean"], 3.8, "mean");
    close(&checkout["low"], 2.181_070, "low");
    close(&checkout["high"], 5.0, "high clipped");
    assert_eq!(checkout["skipped"], 1, "Don't know");
    assert_eq!(report["quotes"][0]["added"], 3);

    // Qualtrics, three header rows, questions by id; "2 - Somewhat dissatisfied" reads as 2:
    // 1, 2, 4, 3, 2 → 2.4. The matrix row on "1 to 7" (from its text): 7, 6, 5, 6, 4 → on 1–5
    // 1 + 4(x − 1)/6: mean 1 + 4 × (28/5 − 1)/6 = 1 + 4 × 4.6/6 = 4.066667.
    let report = json(&[
        "survey",
        "tests/data/survey/qualtrics.csv",
        "--map",
        MAP,
        "--rate",
        "QID1=support-email",
        "--rate",
        "Q2_1=Product page",
        "--json",
    ]);
    assert_eq!(report["layout"], "Qualtrics");
    assert_eq!(report["responses"], 5);
    close(
        &touchpoint(&report, "support-email")["mean"],
        2.4,
        "support",
    );
    let page = touchpoint(&report, "product-page");
    assert_eq!(page["scale"], "1-7");
    close(&page["mean"], 1.0 + 4.0 * 4.6 / 6.0, "product page");

    // Typeform, semicolons, a question with markup: 8, 9, 10, 3 on 1–10 → 1 + 4(x − 1)/9,
    // mean 1 + 4 × (30/4 − 1)/9 = 1 + 26/9 = 3.888889.
    let report = json(&[
        "survey",
        "tests/data/survey/typeform.csv",
        "--map",
        MAP,
        "--rate",
        "How was the product page?=product-page",
        "--json",
    ]);
    assert_eq!(report["layout"], "Typeform");
    let page = touchpoint(&report, "product-page");
    assert_eq!(page["question"], "How was the product page? (1-10)");
    close(&page["mean"], 1.0 + 26.0 / 9.0, "typeform");
}

#[test]
fn bad_answers_unknown_questions_and_touch_points_are_refused_naming_the_place() {
    let directory = tempfile::tempdir().expect("temp dir");
    let out = directory.path().join("out.json");
    let out_text = out.to_string_lossy().into_owned();
    let refused = |arguments: &[&str], expected: &[&str]| {
        let output = touchmap(arguments);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}");
        let message = String::from_utf8_lossy(&output.stderr).into_owned();
        for part in expected {
            assert!(message.contains(part), "{message:?} lacks {part:?}");
        }
        assert!(!out.exists(), "nothing is written");
    };
    let forms = "tests/data/survey/google-forms.csv";
    refused(
        &[
            "survey",
            forms,
            "--map",
            MAP,
            "--rate",
            "How happy=delivery",
            "-o",
            &out_text,
        ],
        &[
            "no question of the survey is \"How happy\"",
            "the closest are \"How satisfied were you with the delivery? (1-5)\"",
        ],
    );
    refused(
        &[
            "survey",
            forms,
            "--map",
            MAP,
            "--rate",
            "How satisfied=Courrier",
            "-o",
            &out_text,
        ],
        &[
            "no touch point is \"Courrier\"",
            "the closest are \"Courier delivery\"",
        ],
    );
    refused(
        &[
            "survey",
            forms,
            "--map",
            MAP,
            "--rate",
            "How satisfied",
            "-o",
            &out_text,
        ],
        &["is not QUESTION=TOUCHPOINT"],
    );
    refused(
        &["survey", forms, "--map", MAP, "-o", &out_text],
        &["--rate \"QUESTION=TOUCHPOINT\""],
    );
    let off = directory.path().join("off.csv");
    std::fs::write(
        &off,
        "Timestamp,Rate the delivery (1-5)\n11/28/2026 9:14:03,4\n11/28/2026 9:15:03,6\n",
    )
    .expect("write");
    let off = off.to_string_lossy().into_owned();
    refused(
        &[
            "survey",
            &off,
            "--map",
            MAP,
            "--rate",
            "Rate the delivery=delivery",
            "-o",
            &out_text,
        ],
        &[
            "row 3, column \"Rate the delivery (1-5)\"",
            "6 is off the question's scale 1-5",
        ],
    );
    let word = directory.path().join("word.csv");
    std::fs::write(
        &word,
        "Timestamp,Rate the delivery\r\n11/28/2026 9:14:03,Good\r\n11/28/2026 9:15:03,Meh\r\n",
    )
    .expect("write");
    let word = word.to_string_lossy().into_owned();
    refused(
        &[
            "survey",
            &word,
            "--map",
            MAP,
            "--rate",
            "Rate the delivery=delivery",
            "-o",
            &out_text,
        ],
        &[
            "row 3, column \"Rate the delivery\"",
            "\"Meh\" is not an answer on a scale",
        ],
    );
    let empty = directory.path().join("empty.csv");
    std::fs::write(&empty, "").expect("write");
    let empty = empty.to_string_lossy().into_owned();
    refused(
        &[
            "survey",
            &empty,
            "--map",
            MAP,
            "--rate",
            "x=delivery",
            "-o",
            &out_text,
        ],
        &["the file is empty"],
    );
}
