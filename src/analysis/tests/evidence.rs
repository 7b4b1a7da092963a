//! Evidence strength and the two rules about data behind a score, `uncertain` and `stale`
//! (DESIGN.md "Analysis"), each with its negative.

use super::{Role, finding, map_of, point, with_role};
use crate::analysis::{Config, Rule, Severity, analyze};
use crate::model::{Day, Evidence, EvidenceStrength, Measured, TouchPoint};

fn measured(n: f64, mean: f64, low: f64, high: f64) -> Measured {
    Measured {
        source: "survey.csv".into(),
        n,
        mean,
        low,
        high,
        ..Measured::default()
    }
}

fn day(text: &str) -> Day {
    Day::parse(text).expect("a day")
}

/// entry → t → goal: every journey passes t, so its flow is 1 and its weakness is
/// gap × (0.4 + 0.6 × importance/5).
fn chain_through(t: TouchPoint) -> crate::model::Map {
    map_of(
        vec![
            with_role(point("entry", Some(4.5)), Role::Entry),
            t,
            with_role(point("goal", Some(4.5)), Role::Goal),
        ],
        &[("entry", "t", None), ("t", "goal", None)],
    )
}

#[test]
fn evidence_strength_is_none_workshop_thin_or_data() {
    assert_eq!(EvidenceStrength::of(None, None), EvidenceStrength::None);
    assert_eq!(
        EvidenceStrength::of(None, Some(&measured(300.0, 3.0, 2.9, 3.1))),
        EvidenceStrength::None,
        "no score: nothing to defend"
    );
    assert_eq!(
        EvidenceStrength::of(Some(3.0), None),
        EvidenceStrength::Workshop
    );
    // 29 answers are too few, even with a narrow interval.
    assert_eq!(
        EvidenceStrength::of(Some(3.0), Some(&measured(29.0, 3.0, 2.9, 3.1))),
        EvidenceStrength::Thin
    );
    // 100 answers, but an interval 1.2 points wide.
    assert_eq!(
        EvidenceStrength::of(Some(3.0), Some(&measured(100.0, 3.0, 2.4, 3.6))),
        EvidenceStrength::Thin
    );
    // 30 answers and exactly 1 point: data.
    assert_eq!(
        EvidenceStrength::of(Some(3.0), Some(&measured(30.0, 3.0, 2.5, 3.5))),
        EvidenceStrength::Data
    );
    let mut t = point("t", Some(3.0));
    t.measured = Some(measured(30.0, 3.0, 2.5, 3.5));
    let report = analyze(&chain_through(t), &Config::default());
    assert_eq!(
        report.touchpoint(&super::id("t")).expect("t").evidence,
        EvidenceStrength::Data
    );
}

#[test]
fn uncertain_when_the_interval_ends_fall_in_different_severities() {
    // Importance 5, flow 1: weakness = gap = (5 − score)/4. At 3.0 it is 0.5 (high), at 4.0
    // 0.25 (below medium: no weak spot) — the data cannot say.
    let mut t = point("t", Some(3.5));
    t.importance = 5;
    t.measured = Some(measured(12.0, 3.5, 3.0, 4.0));
    let report = analyze(&chain_through(t.clone()), &Config::default());
    let found = finding(&report, Rule::Uncertain, "t").expect("uncertain");
    assert_eq!(found.severity, Severity::Medium, "importance 5: medium");
    assert!(
        found
            .reason
            .contains("at 3.0/5 it would be a high weak spot, at 4.0/5 no weak spot"),
        "{}",
        found.reason
    );

    // 2.9–3.1: 0.525 and 0.475, both high: the data has decided.
    t.measured = Some(measured(400.0, 3.0, 2.9, 3.1));
    t.score = Some(3.0);
    let report = analyze(&chain_through(t.clone()), &Config::default());
    assert!(finding(&report, Rule::Uncertain, "t").is_none());

    // Importance 3: weakness = gap × 0.76. At 2.0: 0.75 × 0.76 = 0.57 (high); at 3.0:
    // 0.5 × 0.76 = 0.38 (medium). Different severities; low, as importance is below 4.
    t.importance = 3;
    t.score = Some(2.5);
    t.measured = Some(measured(9.0, 2.5, 2.0, 3.0));
    let report = analyze(&chain_through(t.clone()), &Config::default());
    assert_eq!(
        finding(&report, Rule::Uncertain, "t")
            .expect("uncertain")
            .severity,
        Severity::Low
    );

    // A score without a measurement is the room's: never uncertain.
    t.measured = None;
    let report = analyze(&chain_through(t), &Config::default());
    assert!(finding(&report, Rule::Uncertain, "t").is_none());
}

#[test]
fn stale_when_the_data_is_more_than_a_year_before_the_as_of_day() {
    let config = Config {
        as_of: Some(day("2026-12-05")),
        ..Config::default()
    };
    let mut t = point("t", Some(4.2));
    let mut survey = measured(200.0, 4.2, 4.1, 4.3);
    // 2025-12-05 is 365 days before 2026-12-05: not more than stale_days.
    survey.date = Some(day("2025-12-05"));
    t.measured = Some(survey.clone());
    let report = analyze(&chain_through(t.clone()), &config);
    assert!(finding(&report, Rule::Stale, "t").is_none(), "365 days");

    // One day older: 366 days.
    survey.date = Some(day("2025-12-04"));
    t.measured = Some(survey);
    let report = analyze(&chain_through(t.clone()), &config);
    let found = finding(&report, Rule::Stale, "t").expect("stale");
    assert_eq!(found.severity, Severity::Low);
    assert!(
        found
            .reason
            .contains("is from 2025-12-04, 366 days before 2026-12-05"),
        "{}",
        found.reason
    );
    // Without an as-of day (the pure analysis) no age is measured.
    let report = analyze(&chain_through(t.clone()), &Config::default());
    assert!(finding(&report, Rule::Stale, "t").is_none());

    // No measurement: the newest dated evidence counts, undated items do not.
    t.measured = None;
    t.evidence = vec![
        Evidence::quote("undated"),
        Evidence {
            date: Some(day("2024-01-01")),
            ..Evidence::quote("old review")
        },
        Evidence {
            date: Some(day("2026-06-01")),
            ..Evidence::quote("recent complaint")
        },
    ];
    let report = analyze(&chain_through(t.clone()), &config);
    assert!(
        finding(&report, Rule::Stale, "t").is_none(),
        "the newest dated item is six months old"
    );
    t.evidence.pop();
    let report = analyze(&chain_through(t), &config);
    assert!(finding(&report, Rule::Stale, "t").is_some(), "2024-01-01");
}
