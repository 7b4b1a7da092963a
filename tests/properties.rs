//! Property tests: random valid maps round-trip through the file format byte for byte; random
//! edit sequences undone in full give back the original; the analysis never panics and does not
//! depend on the order things were added in.

use proptest::prelude::*;
use touchmap::analysis::{Config, analyze};
use touchmap::edit::{Edit, History};
use touchmap::format::{from_str, to_string};
use touchmap::model::{Link, Map, Role, TouchPoint, TouchPointId};

/// Everything needed to build one touch point.
#[derive(Debug, Clone)]
struct PointSpec {
    name: String,
    stage: Option<usize>,
    channel: Option<String>,
    owner: Option<String>,
    importance: u8,
    score: Option<f64>,
    reach: Option<f64>,
    role: Option<bool>,
    votes: u32,
    /// Text, source, kind (an index into the kinds), rating: a plain quote when the rest is none.
    evidence: Vec<EvidenceSpec>,
    pos: Option<(i32, i32)>,
    /// n, mean, half the interval's width.
    measured: Option<(u32, f64, f64)>,
}

type EvidenceSpec = (String, Option<String>, Option<usize>, Option<f64>);

fn text() -> impl Strategy<Value = String> {
    // Any Unicode, including quotes, markup, RTL marks and emoji; not blank.
    "\\PC{1,24}".prop_filter("not blank", |s| !s.trim().is_empty())
}

fn point_spec() -> impl Strategy<Value = PointSpec> {
    (
        text(),
        proptest::option::of(0..6_usize),
        proptest::option::of(text()),
        proptest::option::of(text()),
        1..=5_u8,
        proptest::option::of(1.0..=5.0_f64),
        proptest::option::of(0.0..1e7_f64),
        proptest::option::of(any::<bool>()),
        0..50_u32,
        proptest::collection::vec(
            (
                text(),
                proptest::option::of(text()),
                proptest::option::of(0..6_usize),
                proptest::option::of(1.0..=5.0_f64),
            ),
            0..3,
        ),
        proptest::option::of((-5000..5000_i32, -5000..5000_i32)),
        proptest::option::of((0..5000_u32, 1.0..=5.0_f64, 0.0..2.0_f64)),
    )
        .prop_map(
            |(
                name,
                stage,
                channel,
                owner,
                importance,
                score,
                reach,
                role,
                votes,
                evidence,
                pos,
                measured,
            )| PointSpec {
                name,
                stage,
                channel,
                owner,
                importance,
                score,
                reach,
                role,
                votes,
                evidence,
                pos,
                measured,
            },
        )
}

/// Links as (from index, to index, share).
type LinkSpecs = Vec<(usize, usize, Option<f64>)>;

fn map_spec() -> impl Strategy<Value = (Vec<PointSpec>, LinkSpecs)> {
    proptest::collection::vec(point_spec(), 0..25).prop_flat_map(|points| {
        let count = points.len().max(1);
        let links = proptest::collection::vec(
            (0..count, 0..count, proptest::option::of(0.0..=1.0_f64)),
            0..60,
        );
        (Just(points), links)
    })
}

fn build(points: &[PointSpec], links: &[(usize, usize, Option<f64>)], reverse: bool) -> Map {
    let mut map = Map::new("Property map");
    let stages = map.stages().to_vec();
    let mut order: Vec<usize> = (0..points.len()).collect();
    if reverse {
        order.reverse();
    }
    for &index in &order {
        let spec = &points[index];
        let id = TouchPointId::new(format!("tp-{index}")).expect("valid id");
        let mut touchpoint = TouchPoint::new(id, spec.name.clone());
        touchpoint.stage = spec.stage.map(|s| stages[s].clone());
        touchpoint.channel.clone_from(&spec.channel);
        touchpoint.owner.clone_from(&spec.owner);
        touchpoint.importance = spec.importance;
        touchpoint.score = spec.score;
        touchpoint.reach = spec.reach;
        touchpoint.role = spec
            .role
            .map(|entry| if entry { Role::Entry } else { Role::Goal });
        touchpoint.votes = spec.votes;
        let kinds: Vec<touchmap::model::EvidenceKind> =
            <touchmap::model::EvidenceKind as strum::IntoEnumIterator>::iter().collect();
        touchpoint.evidence = spec
            .evidence
            .iter()
            .map(|(text, source, kind, rating)| touchmap::model::Evidence {
                text: text.clone(),
                source: source.clone(),
                date: source
                    .as_ref()
                    .and_then(|_| touchmap::model::Day::parse("2026-11-30").ok()),
                kind: kind.map(|k| kinds[k]),
                rating: *rating,
                extra: serde_json::Map::new(),
            })
            .collect();
        touchpoint.measured = spec
            .measured
            .map(|(n, mean, half)| touchmap::model::Measured {
                source: "survey.csv".into(),
                question: Some("How was it?".into()),
                n: f64::from(n),
                mean,
                low: (mean - half).max(1.0),
                high: (mean + half).min(5.0),
                date: touchmap::model::Day::parse("2026-11-30").ok(),
                scale: Some("1-5".into()),
                nps: None,
                extra: serde_json::Map::new(),
            });
        touchpoint.pos = spec.pos.map(|(x, y)| [f64::from(x), f64::from(y)]);
        map.add_touchpoint(touchpoint).expect("valid touch point");
    }
    // The first link between two touch points wins, whatever the order they are added in.
    let mut seen = std::collections::HashSet::new();
    let mut link_order: Vec<&(usize, usize, Option<f64>)> = links
        .iter()
        .filter(|(from, to, _)| seen.insert((*from, *to)))
        .collect();
    if reverse {
        link_order.reverse();
    }
    for &&(from, to, share) in &link_order {
        if from >= points.len() || to >= points.len() {
            continue;
        }
        let from = TouchPointId::new(format!("tp-{from}")).expect("valid id");
        let to = TouchPointId::new(format!("tp-{to}")).expect("valid id");
        // Self links and duplicates are refused; the property is about what is accepted.
        let _ = map.add_link(
            &from,
            &to,
            Link {
                share,
                ..Link::default()
            },
        );
    }
    map
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=5000 for a longer run.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn any_valid_map_saves_and_loads_back_equal((points, links) in map_spec()) {
        let map = build(&points, &links, false);
        let saved = to_string(&map);
        let loaded = from_str(&saved).expect("a saved map loads");
        prop_assert!(loaded == map, "load(save(map)) differs");
        let checked = touchmap::format::from_str_checked(&saved).expect("the checked decoder agrees");
        prop_assert!(checked == loaded, "the fast and the checked decoder build different maps");
        prop_assert_eq!(to_string(&loaded), saved);
    }

    #[test]
    fn analysis_never_panics_and_ignores_insertion_order((points, links) in map_spec()) {
        let forward = build(&points, &links, false);
        let backward = build(&points, &links, true);
        prop_assert!(forward == backward, "the same map");
        let report = analyze(&forward, &Config::default());
        prop_assert!(report == analyze(&backward, &Config::default()));
        prop_assert!(report == analyze(&forward, &Config::default()));
        for touchpoint in &report.touchpoints {
            prop_assert!((0.0..=1.0).contains(&touchpoint.flow));
            if let Some(weakness) = touchpoint.weakness {
                prop_assert!((0.0..=1.0).contains(&weakness));
            }
        }
        for pair in report.findings.windows(2) {
            prop_assert!(pair[0].severity >= pair[1].severity);
        }
    }

    #[test]
    fn undoing_every_edit_gives_back_the_original(
        (points, links) in map_spec(),
        operations in proptest::collection::vec((0..8_u8, 0..40_usize, 0..40_usize, text()), 1..40),
    ) {
        let mut map = build(&points, &links, false);
        let original = map.clone();
        let mut history = History::default();
        let mut applied = 0;
        for (step, (kind, a, b, name)) in operations.into_iter().enumerate() {
            let ids: Vec<TouchPointId> = map.touchpoints().into_iter().map(|t| t.id.clone()).collect();
            let pick = |index: usize| ids.get(index % ids.len().max(1)).cloned();
            let edit = match kind {
                0 => Some(Edit::AddTouchPoint(TouchPoint::new(map.unique_id(&name), name.clone()))),
                1 => pick(a).map(Edit::RemoveTouchPoint),
                2 => pick(a).and_then(|id| map.touchpoint(&id).cloned()).map(|mut t| {
                    t.name.clone_from(&name);
                    t.score = Some(1.0 + (b % 5) as f64);
                    Edit::UpdateTouchPoint(t)
                }),
                3 => match (pick(a), pick(b)) {
                    (Some(from), Some(to)) => Some(Edit::AddLink { from, to, link: Link::default() }),
                    _ => None,
                },
                4 => map.links().get(a % map.link_count().max(1)).map(|(from, to, _)| Edit::RemoveLink { from: (*from).clone(), to: (*to).clone() }),
                5 => Some(Edit::SetTitle(name.clone())),
                6 => {
                    let stage = map.stages()[a % map.stages().len()].clone();
                    Some(Edit::RenameStage { old: stage, new: name.clone() })
                }
                _ => pick(a).and_then(|id| map.touchpoint(&id).cloned()).map(|mut t| {
                    t.pos = Some([b as f64, a as f64]);
                    Edit::Batch(vec![Edit::UpdateTouchPoint(t)])
                }),
            };
            let Some(edit) = edit else { continue };
            // Refused edits (a duplicate link, a stage name taken) change nothing and are not recorded.
            let coalesce = (kind == 7).then_some(touchmap::edit::MergeKey::Drag(1));
            if history.perform(&mut map, edit, "step", coalesce, step as f64).is_ok() {
                applied += 1;
            }
        }
        while history.undo(&mut map).expect("every recorded step undoes").is_some() {}
        prop_assert!(map == original, "after undoing {} edits the map differs", applied);
    }
}

/// A random loop-free map: links only from a lower to a higher index, some with shares; some
/// touch points entries (with or without reach) and goals.
type DagSpec = (
    usize,
    Vec<(usize, usize, Option<f64>)>,
    Vec<u8>,
    Vec<Option<u32>>,
);

fn dag_spec() -> impl Strategy<Value = DagSpec> {
    (2_usize..9).prop_flat_map(|count| {
        (
            Just(count),
            prop::collection::vec(
                (0..count, 0..count, prop::option::of(0.0_f64..0.7)),
                0..(count * 3),
            ),
            // 0 plain, 1 entry, 2 goal.
            prop::collection::vec(0_u8..3, count),
            prop::collection::vec(prop::option::of(1_u32..1000), count),
        )
    })
}

/// The probability of each link from a touch point, as DESIGN.md says: shares as given (scaled
/// down when they add up to more than 1), the rest evenly over the links without one. Written
/// again here so that the oracle shares no code with the model.
fn probabilities(links: &[(usize, Option<f64>)]) -> Vec<f64> {
    let given: f64 = links.iter().filter_map(|link| link.1).sum();
    let free = links.iter().filter(|link| link.1.is_none()).count();
    links
        .iter()
        .map(|link| match link.1 {
            Some(share) if given > 1.0 => share / given,
            Some(share) => share,
            None => (1.0 - given).max(0.0) / free as f64,
        })
        .collect()
}

fn random_dag(spec: &DagSpec) -> (Map, Vec<TouchPointId>) {
    let (count, raw_links, roles, reaches) = spec;
    let ids: Vec<TouchPointId> = (0..*count)
        .map(|i| TouchPointId::new(format!("t{i}")).expect("valid"))
        .collect();
    let mut map = Map::new("Random");
    for (i, id) in ids.iter().enumerate() {
        let mut touchpoint = TouchPoint::new(id.clone(), format!("T{i}"));
        touchpoint.role = match roles[i] {
            1 => Some(Role::Entry),
            2 => Some(Role::Goal),
            _ => None,
        };
        touchpoint.reach = reaches[i].map(f64::from);
        map.add_touchpoint(touchpoint).expect("valid");
    }
    for &(a, b, share) in raw_links {
        let (from, to) = (a.min(b), a.max(b));
        if from != to {
            let _ = map.add_link(
                &ids[from],
                &ids[to],
                Link {
                    share,
                    ..Link::default()
                },
            );
        }
    }
    (map, ids)
}

proptest! {
    #[test]
    fn on_loop_free_maps_flow_is_the_share_of_successful_journeys(spec in dag_spec()) {
        let (map, ids) = random_dag(&spec);
        let count = ids.len();
        let report = analyze(&map, &Config::default());
        let analysis = |i: usize| report.touchpoint(&ids[i]).expect("analysed");
        let entries: Vec<usize> = (0..count).filter(|&i| analysis(i).entry).collect();
        let reaches = &spec.3;
        let weights: Vec<f64> = if entries.iter().all(|&i| reaches[i].is_some()) {
            entries.iter().map(|&i| f64::from(reaches[i].unwrap_or(1))).collect()
        } else {
            vec![1.0; entries.len()]
        };
        let total: f64 = weights.iter().sum();
        // Every path from every entry, until a goal (success) or the end of the links.
        let mut through = vec![0.0_f64; count];
        let mut success = 0.0;
        let mut stack: Vec<(usize, f64, Vec<usize>)> = entries
            .iter()
            .zip(&weights)
            .map(|(&i, &weight)| (i, weight / total, vec![i]))
            .collect();
        while let Some((node, probability, path)) = stack.pop() {
            if analysis(node).goal {
                success += probability;
                for &visited in &path {
                    through[visited] += probability;
                }
                continue;
            }
            let outgoing: Vec<(usize, Option<f64>)> = map
                .outgoing(&ids[node])
                .into_iter()
                .map(|(to, link)| (ids.iter().position(|id| id == to).expect("known"), link.share))
                .collect();
            for (&(to, _), p) in outgoing.iter().zip(probabilities(&outgoing)) {
                if p > 0.0 {
                    let mut next = path.clone();
                    next.push(to);
                    stack.push((to, probability * p, next));
                }
            }
        }
        for (i, passed) in through.iter().enumerate() {
            let expected = if success > 1e-12 { passed / success } else { 0.0 };
            prop_assert!(
                (analysis(i).flow - expected).abs() < 1e-9,
                "t{i}: flow {} but path enumeration gives {expected}",
                analysis(i).flow
            );
            if analysis(i).must_pass {
                prop_assert!(
                    (analysis(i).flow - 1.0).abs() < 1e-12,
                    "must-pass t{i} has flow {}",
                    analysis(i).flow
                );
            }
        }
    }
}

/// Random path data over steps `s0` … `s5` (and sometimes the goal itself), and some of the map's
/// links present beforehand.
/// Paths (steps, conversions, nulls) and links (from, to).
type PathDataSpec = (Vec<(Vec<usize>, u8, u8)>, Vec<(usize, usize)>);

fn path_data_spec() -> impl Strategy<Value = PathDataSpec> {
    let path = (
        proptest::collection::vec(0..7_usize, 1..7),
        0..4_u8,
        0..4_u8,
    )
        .prop_filter("some journeys", |(_, conversions, nulls)| {
            conversions + nulls > 0
        });
    (
        proptest::collection::vec(path, 1..12),
        proptest::collection::vec((0..6_usize, 0..7_usize), 0..10),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// DESIGN.md: after calibration with --add-links and the goal, the map's own removal effect
    /// equals the data's for every matched step — the same chain.
    #[test]
    fn a_calibrated_map_has_the_data_s_removal_effects((paths, links) in path_data_spec()) {
        use std::fmt::Write as _;
        let name = |step: usize| if step == 6 { "goal".to_owned() } else { format!("s{step}") };
        let mut map = Map::new("Calibrated");
        for step in 0..7 {
            map.add_touchpoint(TouchPoint::new(
                TouchPointId::new(name(step)).expect("valid"),
                name(step),
            ))
            .expect("valid");
        }
        for (from, to) in links {
            if from != to {
                let _ = map.add_link(
                    &TouchPointId::new(name(from)).expect("valid"),
                    &TouchPointId::new(name(to)).expect("valid"),
                    Link::default(),
                );
            }
        }
        let mut csv = String::from("path,total_conversions,total_null\n");
        for (steps, conversions, nulls) in &paths {
            let written: Vec<String> = steps.iter().map(|&s| name(s)).collect();
            let _ = writeln!(csv, "{},{conversions},{nulls}", written.join(" > "));
        }
        let data = touchmap::paths::read_paths(
            csv.as_bytes(),
            &touchmap::paths::EventColumns::default(),
        )
        .expect("reads");
        let goal = TouchPointId::new("goal").expect("valid");
        let calibration =
            touchmap::paths::calibrate(&map, &data, &goal, true).expect("calibrates");
        let report = analyze(&calibration.map, &Config::default());
        // Journeys starting at the goal convert before any touch point: the map cannot place them,
        // and the data's removal effects count them in the denominator (the calibration says so).
        prop_assume!(calibration.converted_unplaced == 0.0);
        for step in &calibration.attribution.steps {
            let id = step.touchpoint.as_ref().expect("every step is on the map");
            let on_map = report.touchpoint(id).expect("analysed").removal_effect;
            prop_assert!(
                (on_map - step.removal_effect).abs() < 1e-9,
                "{}: map {} vs data {}\n{}",
                id,
                on_map,
                step.removal_effect,
                csv
            );
        }
    }
}

/// Gives a map a plan naming some of its touch points (an objective whose goal is the `goal`-th
/// touch point, a campaign bringing customers in at the `channel`-th), when it has touch points.
fn with_plan(mut map: Map, goal: usize, channel: usize, budget: u32) -> Map {
    let ids: Vec<TouchPointId> = map
        .touchpoints()
        .into_iter()
        .map(|t| t.id.clone())
        .collect();
    if ids.is_empty() {
        return map;
    }
    let objective = touchmap::model::Objective {
        id: "sales".into(),
        name: "Sales".into(),
        kind: touchmap::model::ObjectiveKind::Trial,
        goal: ids[goal % ids.len()].clone(),
        kpi: None,
        baseline: None,
        target: None,
        value: Some(10.0),
        extra: serde_json::Map::new(),
    };
    let campaign = touchmap::model::Campaign {
        id: "push".into(),
        name: "Push".into(),
        objective: "sales".into(),
        channels: vec![ids[channel % ids.len()].clone()],
        reach: 1000.0,
        budget: f64::from(budget),
        ..touchmap::model::Campaign::default()
    };
    map.set_plan(touchmap::model::Plan {
        objectives: vec![objective],
        campaigns: vec![campaign],
    })
    .expect("a plan naming the map's own touch points");
    map
}

/// A map's touch points and links, and maybe a plan (goal, channel, budget).
type SideSpec = ((Vec<PointSpec>, LinkSpecs), Option<(usize, usize, u32)>);

fn side_spec() -> impl Strategy<Value = SideSpec> {
    (
        map_spec(),
        proptest::option::of((0..30_usize, 0..30_usize, 0..5000_u32)),
    )
}

fn side(spec: &SideSpec) -> Map {
    let ((points, links), plan) = spec;
    let map = build(points, links, false);
    match plan {
        Some((goal, channel, budget)) => with_plan(map, *goal, *channel, *budget),
        None => map,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::default())]

    /// Three unrelated maps (the same ids with other content, links to cards the other side lacks,
    /// plans naming them): the merge always makes a map, which saves and loads back as itself.
    #[test]
    fn no_merge_ever_makes_a_map_the_loader_refuses(base in side_spec(), ours in side_spec(), theirs in side_spec()) {
        let (base, ours, theirs) = (side(&base), side(&ours), side(&theirs));
        let merged = touchmap::merge::merge(&base, &ours, &theirs).expect("the merge makes a map");
        let text = to_string(&merged.map);
        let loaded = from_str(&text).expect("the merged map loads");
        prop_assert!(loaded == merged.map);
        let listed = touchmap::merge::conflicts(&loaded).expect("the conflicts list reads");
        prop_assert!(listed.len() >= merged.conflicts.len());
    }

    /// merge(m, m, m) = m; merge(base, a, base) = a; merge(base, base, b) = b, without conflicts.
    #[test]
    fn a_merge_with_one_side_unchanged_is_the_other_side(base in side_spec(), other in side_spec()) {
        let (base, other) = (side(&base), side(&other));
        for (ours, theirs, expected) in [(&base, &base, &base), (&other, &base, &other), (&base, &other, &other)] {
            let merged = touchmap::merge::merge(&base, ours, theirs).expect("merges");
            prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
            prop_assert!(&merged.map == expected);
        }
    }

    /// Ours re-scores some cards and adds one, theirs renames others and adds another: every
    /// change survives, with no conflict.
    #[test]
    fn disjoint_edits_from_both_sides_all_survive(
        base in side_spec(),
        scored in proptest::collection::vec((0..30_usize, 1.0..=5.0_f64), 0..6),
        renamed in proptest::collection::vec((0..30_usize, text()), 0..6),
    ) {
        let base = side(&base);
        let ids: Vec<TouchPointId> = base.touchpoints().into_iter().map(|t| t.id.clone()).collect();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let mut expected = base.clone();
        if !ids.is_empty() {
            for (which, score) in &scored {
                for map in [&mut ours, &mut expected] {
                    let mut t = map.touchpoint(&ids[which % ids.len()]).expect("exists").clone();
                    t.score = Some(*score);
                    map.update_touchpoint(t).expect("valid");
                }
            }
            for (which, name) in &renamed {
                for map in [&mut theirs, &mut expected] {
                    let mut t = map.touchpoint(&ids[which % ids.len()]).expect("exists").clone();
                    t.name.clone_from(name);
                    map.update_touchpoint(t).expect("valid");
                }
            }
        }
        for (map, new) in [(&mut ours, "ours-new"), (&mut theirs, "theirs-new")] {
            map.add_touchpoint(TouchPoint::new(TouchPointId::new(new).expect("valid"), new)).expect("new");
        }
        for new in ["ours-new", "theirs-new"] {
            expected.add_touchpoint(TouchPoint::new(TouchPointId::new(new).expect("valid"), new)).expect("new");
        }
        let merged = touchmap::merge::merge(&base, &ours, &theirs).expect("merges");
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        prop_assert!(merged.map == expected);
    }

    /// The edit between any two maps turns the first into the second, and its inverse turns it back.
    #[test]
    fn the_edit_between_two_maps_goes_there_and_back(a in side_spec(), b in side_spec()) {
        let (a, b) = (side(&a), side(&b));
        let mut map = a.clone();
        match Edit::between(&a, &b) {
            None => prop_assert!(a == b),
            Some(edit) => {
                let inverse = edit.apply(&mut map).expect("applies");
                prop_assert!(map == b);
                inverse.apply(&mut map).expect("undoes");
                prop_assert!(map == a);
            }
        }
    }
}
