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
    evidence: Vec<String>,
    pos: Option<(i32, i32)>,
}

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
        proptest::collection::vec(text(), 0..3),
        proptest::option::of((-5000..5000_i32, -5000..5000_i32)),
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
        touchpoint.evidence.clone_from(&spec.evidence);
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
            let coalesce = (kind == 7).then(|| "sticky:drag:1".to_owned());
            if history.perform(&mut map, edit, "step", coalesce, step as f64).is_ok() {
                applied += 1;
            }
        }
        while history.undo(&mut map).expect("every recorded step undoes").is_some() {}
        prop_assert!(map == original, "after undoing {} edits the map differs", applied);
    }
}
