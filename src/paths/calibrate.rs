//! Calibration (DESIGN.md "Path data and attribution"): the map's shares, observed counts, entries
//! and reach from the journeys path data recorded, so that the map's own removal effects are the
//! data's. Steps are matched to touch points by id, then name (ignoring case), then alias;
//! unmatched steps are dropped from the paths before collapsing repeats; arriving at the goal is a
//! conversion.

use std::collections::HashMap;

use serde::Serialize;

use super::{Attribution, PathSet, Tally, attribute};
use crate::model::{Link, Map, Observed, Role, TouchPointId};

/// One link of a touch point the data passes through, its share before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareChange {
    /// From.
    pub from: TouchPointId,
    /// To.
    pub to: TouchPointId,
    /// The share on the map before (none = split evenly with the other unshared links).
    pub before: Option<f64>,
    /// The data's share: `n / of`.
    pub after: f64,
    /// Journeys that took the link.
    pub n: f64,
    /// Journeys that were at its start.
    pub of: f64,
    /// The 95 % Wilson interval of the share.
    pub low: f64,
    /// Its upper end.
    pub high: f64,
    /// The link is new: added under `--add-links`.
    pub added: bool,
}

/// What calibrating a map with path data did, and the map it made.
#[derive(Debug, Clone)]
pub struct Calibration {
    /// The calibrated map.
    pub map: Map,
    /// Every share the data sets (links added under `--add-links` included), by from and to.
    pub shares: Vec<ShareChange>,
    /// Transitions the data makes with no link on the map (and not added): from, to, journeys.
    pub missing: Vec<(TouchPointId, TouchPointId, f64)>,
    /// Steps no touch point matches, with the journeys that passed them, most first.
    pub unmatched: Vec<(String, f64)>,
    /// Touch points that became entries (or kept being one) with the journeys starting there.
    pub entries: Vec<(TouchPointId, f64)>,
    /// Entries where no journey starts, which stopped being entries.
    pub entries_removed: Vec<TouchPointId>,
    /// Journeys that reached the goal without a recorded conversion (counted as conversions:
    /// arriving at the goal is one).
    pub reached_goal_unrecorded: f64,
    /// Converting journeys with no matched step before the goal (they cannot be placed on the
    /// map).
    pub converted_unplaced: f64,
    /// The data's attribution over the matched steps (each step a touch point).
    pub attribution: Attribution,
}

/// The 95 % Wilson score interval of `n` successes out of `of` (0–1 both when `of` is 0).
#[must_use]
pub fn wilson(n: f64, of: f64) -> (f64, f64) {
    if of <= 0.0 {
        return (0.0, 1.0);
    }
    let z = 1.959_963_984_540_054;
    let p = n / of;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * of)) / (1.0 + z2 / of);
    let half = z / (1.0 + z2 / of) * (p * (1.0 - p) / of + z2 / (4.0 * of * of)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Which touch point each step names: its id, else its name (ignoring case), else an alias.
fn matches(map: &Map, steps: &[String]) -> Vec<Option<TouchPointId>> {
    let mut by_name: HashMap<String, TouchPointId> = HashMap::new();
    let mut by_alias: HashMap<String, TouchPointId> = HashMap::new();
    for touchpoint in map.touchpoints() {
        by_name
            .entry(touchpoint.name.trim().to_lowercase())
            .or_insert_with(|| touchpoint.id.clone());
        for alias in &touchpoint.aliases {
            by_alias
                .entry(alias.trim().to_lowercase())
                .or_insert_with(|| touchpoint.id.clone());
        }
    }
    steps
        .iter()
        .map(|step| {
            let key = step.trim().to_lowercase();
            TouchPointId::new(step.trim())
                .ok()
                .filter(|id| map.contains(id))
                .or_else(|| by_name.get(&key).cloned())
                .or_else(|| by_alias.get(&key).cloned())
        })
        .collect()
}

/// Calibrates `map` with `paths`, arrival at `goal` being a conversion. `add_links` adds a link
/// for every transition the map lacks.
pub fn calibrate(
    map: &Map,
    paths: &PathSet,
    goal: &TouchPointId,
    add_links: bool,
) -> Result<Calibration, String> {
    if !map.contains(goal) {
        let mut ids: Vec<String> = map.touchpoints().iter().map(|t| t.id.to_string()).collect();
        ids.truncate(12);
        return Err(format!(
            "--goal {goal} is not a touch point of the map (its ids include {})",
            ids.join(", ")
        ));
    }
    let matched = matches(map, &paths.steps);
    // The paths over touch points: unmatched steps dropped, cut at the goal.
    let mut ids: Vec<TouchPointId> = Vec::new();
    let mut number_of: HashMap<TouchPointId, u32> = HashMap::new();
    let mut unmatched: HashMap<usize, f64> = HashMap::new();
    let mut tally = Tally::default();
    let (mut reached_goal_unrecorded, mut converted_unplaced) = (0.0, 0.0);
    for path in &paths.paths {
        let weight = path.conversions + path.nulls;
        let mut steps: Vec<u32> = Vec::with_capacity(path.steps.len());
        let mut seen_unmatched: Vec<usize> = Vec::new();
        let mut reached_goal = false;
        for &step in &path.steps {
            match &matched[step as usize] {
                Some(id) if id == goal => {
                    reached_goal = true;
                    break;
                }
                Some(id) => {
                    let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                    let number = *number_of.entry(id.clone()).or_insert_with(|| {
                        ids.push(id.clone());
                        next
                    });
                    steps.push(number);
                }
                None => {
                    if !seen_unmatched.contains(&(step as usize)) {
                        seen_unmatched.push(step as usize);
                        *unmatched.entry(step as usize).or_default() += weight;
                    }
                }
            }
        }
        let (conversions, nulls) = if reached_goal {
            reached_goal_unrecorded += path.nulls;
            (weight, 0.0)
        } else {
            (path.conversions, path.nulls)
        };
        if steps.is_empty() {
            converted_unplaced += conversions;
            continue;
        }
        tally.add(steps, conversions, path.value, nulls);
    }
    let on_map = tally.into_set(ids.iter().map(ToString::to_string).collect());

    // Counts on the collapsed paths, as the chain sees them: a conversion is a move to the goal.
    let goal_number = ids.len();
    let mut moves: HashMap<(usize, usize), f64> = HashMap::new();
    let mut visits = vec![0.0_f64; ids.len()];
    let mut starts = vec![0.0_f64; ids.len()];
    for path in &on_map.paths {
        let weight = path.conversions + path.nulls;
        let mut collapsed: Vec<usize> = path.steps.iter().map(|&s| s as usize).collect();
        collapsed.dedup();
        starts[collapsed[0]] += weight;
        for pair in collapsed.windows(2) {
            *moves.entry((pair[0], pair[1])).or_default() += weight;
        }
        for &step in &collapsed {
            visits[step] += weight;
        }
        let last = collapsed[collapsed.len() - 1];
        if path.conversions > 0.0 {
            *moves.entry((last, goal_number)).or_default() += path.conversions;
        }
    }
    // Visits counted once per arrival: a step that appears twice in a collapsed path (a loop) is
    // visited twice. (The loop above counted each appearance, which is that.)
    let id_of = |number: usize| -> &TouchPointId {
        if number == goal_number {
            goal
        } else {
            &ids[number]
        }
    };

    let mut calibrated = map.clone();
    let mut shares = Vec::new();
    let mut missing = Vec::new();
    for (from_number, from) in ids.iter().enumerate() {
        let of = visits[from_number];
        if of <= 0.0 {
            continue;
        }
        let outgoing: Vec<(TouchPointId, Link)> = map
            .outgoing(from)
            .into_iter()
            .map(|(to, link)| (to.clone(), link.clone()))
            .collect();
        for (to, link) in outgoing {
            let to_number = if &to == goal {
                Some(goal_number)
            } else {
                number_of.get(&to).map(|&n| n as usize)
            };
            let n = to_number
                .and_then(|to| moves.get(&(from_number, to)))
                .copied()
                .unwrap_or(0.0);
            let (low, high) = wilson(n, of);
            shares.push(ShareChange {
                from: from.clone(),
                to: to.clone(),
                before: link.share,
                after: n / of,
                n,
                of,
                low,
                high,
                added: false,
            });
            let updated = Link {
                share: Some(n / of),
                observed: Some(Observed { n, of }),
                ..link
            };
            calibrated
                .update_link(from, &to, updated)
                .map_err(|e| e.to_string())?;
        }
    }
    let mut transitions: Vec<(&(usize, usize), &f64)> = moves.iter().collect();
    transitions.sort_by(|a, b| a.0.cmp(b.0));
    for (&(from, to), &n) in transitions {
        let (from_id, to_id) = (id_of(from), id_of(to));
        if map.link(from_id, to_id).is_some() {
            continue;
        }
        let of = visits[from];
        if add_links {
            let (low, high) = wilson(n, of);
            shares.push(ShareChange {
                from: from_id.clone(),
                to: to_id.clone(),
                before: None,
                after: n / of,
                n,
                of,
                low,
                high,
                added: true,
            });
            calibrated
                .add_link(
                    from_id,
                    to_id,
                    Link {
                        share: Some(n / of),
                        observed: Some(Observed { n, of }),
                        ..Link::default()
                    },
                )
                .map_err(|e| e.to_string())?;
        } else {
            missing.push((from_id.clone(), to_id.clone(), n));
        }
    }
    shares.sort_by(|a, b| a.from.cmp(&b.from).then_with(|| a.to.cmp(&b.to)));

    // Entries and reach from where journeys start; the goal is the goal.
    let mut entries = Vec::new();
    let mut entries_removed = Vec::new();
    for touchpoint in map.touchpoints() {
        let mut changed = touchpoint.clone();
        let started = number_of
            .get(&touchpoint.id)
            .map_or(0.0, |&n| starts[n as usize]);
        if &touchpoint.id == goal {
            changed.role = Some(Role::Goal);
        } else if started > 0.0 {
            changed.role = Some(Role::Entry);
            changed.reach = Some(started);
            entries.push((touchpoint.id.clone(), started));
        } else if touchpoint.role == Some(Role::Entry) {
            changed.role = None;
            entries_removed.push(touchpoint.id.clone());
        }
        if changed != *touchpoint {
            calibrated
                .update_touchpoint(changed)
                .map_err(|e| e.to_string())?;
        }
    }

    let mut unmatched: Vec<(String, f64)> = unmatched
        .into_iter()
        .map(|(step, journeys)| (paths.steps[step].clone(), journeys))
        .collect();
    unmatched.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let touchpoints: Vec<Option<TouchPointId>> = ids.iter().cloned().map(Some).collect();
    let mut attribution = attribute(&on_map, &touchpoints);
    for step in &mut attribution.steps {
        if let Some(touchpoint) = step.touchpoint.as_ref().and_then(|id| map.touchpoint(id)) {
            step.name.clone_from(&touchpoint.name);
        }
    }
    Ok(Calibration {
        map: calibrated,
        shares,
        missing,
        unmatched,
        entries,
        entries_removed,
        reached_goal_unrecorded,
        converted_unplaced,
        attribution,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TouchPoint;
    use crate::paths::{EventColumns, read_paths};

    #[test]
    fn wilson_intervals_match_the_tabulated_values() {
        // 8 of 10: 0.4902 to 0.9433; 0 of 10: 0 to 0.2775; 50 of 100: 0.4038 to 0.5962.
        let close = |(low, high): (f64, f64), (want_low, want_high): (f64, f64)| {
            assert!((low - want_low).abs() < 5e-5, "{low} vs {want_low}");
            assert!((high - want_high).abs() < 5e-5, "{high} vs {want_high}");
        };
        close(wilson(8.0, 10.0), (0.4902, 0.9433));
        close(wilson(0.0, 10.0), (0.0, 0.2775));
        close(wilson(50.0, 100.0), (0.4038, 0.5962));
    }

    fn id(text: &str) -> TouchPointId {
        TouchPointId::new(text).expect("valid")
    }

    #[test]
    fn a_small_map_is_calibrated_as_worked_out_by_hand() {
        // Map: ad → page → shop (goal), page → help, help → page; "Banner" is an entry the data
        // never starts at. Data: "google / cpc" (ad's alias) > Product page > help converts 6;
        // ad > page, 4 without; page > help > page > shop 2 (reaching the goal: conversions);
        // ad > tiktok > page 1 without ("tiktok" is on no card).
        let mut map = Map::new("Shop");
        for (key, name) in [
            ("ad", "Search ad"),
            ("page", "Product page"),
            ("help", "Help page"),
            ("shop", "Checkout"),
            ("banner", "Banner"),
        ] {
            let mut touchpoint = TouchPoint::new(id(key), name);
            if key == "ad" {
                touchpoint.aliases = vec!["Google / CPC".into()];
            }
            if key == "banner" {
                touchpoint.role = Some(Role::Entry);
            }
            map.add_touchpoint(touchpoint).expect("valid");
        }
        for (from, to) in [
            ("ad", "page"),
            ("page", "shop"),
            ("page", "help"),
            ("help", "page"),
            ("banner", "page"),
        ] {
            map.add_link(&id(from), &id(to), Link::default())
                .expect("valid");
        }
        let data = "path,total_conversions,total_null\n\
                    google / cpc > Product page > help,6,0\n\
                    ad > page,0,4\n\
                    page > help > page > shop,0,2\n\
                    ad > tiktok > page,0,1\n";
        let paths = read_paths(data.as_bytes(), &EventColumns::default()).expect("reads");
        let calibration = calibrate(&map, &paths, &id("shop"), false).expect("calibrates");
        // Collapsed paths on the map: ad>page>help (6 conversions → help → shop 6), ad>page (4
        // leave), page>help>page (2 convert: page → shop 2), ad>page (1 leaves, tiktok dropped).
        // Visits: ad 11; page 6 + 4 + 2 × 2 + 1 = 15; help 6 + 2 = 8.
        // page → help 6 + 2 = 8 of 15; page → shop 2 of 15; help → page 2 of 8; ad → page 11/11.
        let share = |from: &str, to: &str| {
            calibration
                .shares
                .iter()
                .find(|s| s.from == id(from) && s.to == id(to))
                .map(|s| (s.n, s.of))
                .expect("a share")
        };
        assert_eq!(share("ad", "page"), (11.0, 11.0));
        assert_eq!(share("page", "help"), (8.0, 15.0));
        assert_eq!(share("page", "shop"), (2.0, 15.0));
        assert_eq!(share("help", "page"), (2.0, 8.0));
        // help → shop (6 conversions) has no link on the map: listed, not added.
        assert_eq!(calibration.missing, vec![(id("help"), id("shop"), 6.0)]);
        assert!(calibration.map.link(&id("help"), &id("shop")).is_none());
        let link = calibration
            .map
            .link(&id("page"), &id("help"))
            .expect("kept");
        assert_eq!(link.observed, Some(Observed { n: 8.0, of: 15.0 }));
        // Entries: ad starts 11 journeys, page 2; the banner, which none starts at, stops being one.
        assert_eq!(
            calibration.entries,
            vec![(id("ad"), 11.0), (id("page"), 2.0)]
        );
        assert_eq!(calibration.entries_removed, vec![id("banner")]);
        assert_eq!(calibration.unmatched, vec![("tiktok".to_owned(), 1.0)]);
        assert!((calibration.reached_goal_unrecorded - 2.0).abs() < 1e-12);
        let shop = calibration.map.touchpoint(&id("shop")).expect("kept");
        assert_eq!(shop.role, Some(Role::Goal));
        assert_eq!(
            calibration.map.touchpoint(&id("ad")).expect("kept").reach,
            Some(11.0)
        );

        // With --add-links the map's removal effects are the data's, step by step.
        let calibration = calibrate(&map, &paths, &id("shop"), true).expect("calibrates");
        assert!(calibration.missing.is_empty());
        let report =
            crate::analysis::analyze(&calibration.map, &crate::analysis::Config::default());
        for step in &calibration.attribution.steps {
            let touchpoint = step.touchpoint.as_ref().expect("matched");
            let on_map = report.touchpoint(touchpoint).expect("analysed");
            assert!(
                (on_map.removal_effect - step.removal_effect).abs() < 1e-9,
                "{touchpoint}: map {} vs data {}",
                on_map.removal_effect,
                step.removal_effect
            );
        }
    }

    #[test]
    fn an_unknown_goal_is_named() {
        let map = Map::new("Empty");
        let paths = read_paths(
            "path,total_conversions\na,1\n".as_bytes(),
            &EventColumns::default(),
        )
        .expect("reads");
        let error = calibrate(&map, &paths, &id("nope"), false).expect_err("refused");
        assert!(error.starts_with("--goal nope is not a touch point of the map"));
    }
}
