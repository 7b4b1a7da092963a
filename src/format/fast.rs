//! The fast path of the loader: a typed serde decode for the common case of a valid file that uses
//! only the keys this version knows. Anything else — an unknown key, a value out of range, a syntax
//! error — returns `None`, and the checked decoder in `decode.rs` reads the file again, keeping
//! unknown keys and naming the exact place of every problem. Both must build the same map (tested).
//!
//! Touch points and links go straight from the parser into the map, with no list of parsed
//! records in between, when the file has its keys in the order `fmt` writes (stages before touch
//! points before links); in any other order the early lists wait until the keys they need were
//! read. A link whose start is the previous link's start (the saved order) reuses its lookup.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::FORMAT_VERSION;
use petgraph::stable_graph::NodeIndex;

use crate::model::{Link, Map, Role, TouchPoint, TouchPointId, check_importance};

/// A struct read only from a JSON object. Derived structs also accept a JSON array of their fields
/// in order (`[1]` would be a map); the checked decoder refuses that, so the fast path must too.
/// Found by fuzzing.
struct ObjectOnly<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = T;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer
            .deserialize_map(ObjectVisitor(PhantomData))
            .map(ObjectOnly)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTouchPoint {
    id: String,
    name: String,
    #[serde(default)]
    stage: Option<String>,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    importance: Option<i64>,
    #[serde(default)]
    score: Option<f64>,
    #[serde(default)]
    reach: Option<f64>,
    #[serde(default)]
    cost: Option<f64>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    votes: Option<u32>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    evidence: Option<Vec<String>>,
    #[serde(default)]
    aliases: Option<Vec<String>>,
    #[serde(default)]
    pos: Option<[f64; 2]>,
    #[serde(default)]
    response_hours: Option<f64>,
    #[serde(default)]
    capacity_per_day: Option<f64>,
}

/// A link's ends are borrowed from the text (no allocation when they hold no escape) and looked
/// up in the id index as text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLink<'a> {
    #[serde(borrow)]
    from: Cow<'a, str>,
    #[serde(borrow)]
    to: Cow<'a, str>,
    #[serde(default)]
    share: Option<f64>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    observed: Option<RawObserved>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObserved {
    n: f64,
    of: f64,
}

/// The map, when the file is valid and uses only known keys; `None` otherwise.
pub(super) fn try_fast(text: &str) -> Option<Map> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let map = deserializer.deserialize_map(Root).ok()?;
    // Only white space may follow the map, as `serde_json::from_str` requires.
    deserializer.end().ok()?;
    Some(map)
}

/// The keys of the root object; any other key is an error here (the checked decoder keeps it).
#[derive(Deserialize, Clone, Copy)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Key {
    Touchmap,
    Title,
    Brand,
    Stages,
    Touchpoints,
    Links,
    Objectives,
    Campaigns,
    /// The schema an editor checks the file against: kept as written, as the checked decoder
    /// keeps it. (Every example and every map made from a template carries it.)
    #[serde(rename = "$schema")]
    Schema,
}

/// Any refusal: its words are never shown, the checked decoder finds and names the problem.
fn refused<E: serde::de::Error>() -> E {
    E::custom("left to the checked decoder")
}

struct Root;

impl<'de> Visitor<'de> for Root {
    type Value = Map;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a touchmap map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Map, A::Error> {
        let mut map = Map::new("Untitled map");
        let mut seen = [false; 9];
        let mut version = None;
        // Touch points go straight into the map once its stages are known; links once the touch
        // points are in. Before that they wait in these lists.
        let mut stages_read = false;
        let mut points_read = false;
        let mut waiting_points: Option<Vec<ObjectOnly<RawTouchPoint>>> = None;
        let mut waiting_links: Option<Vec<ObjectOnly<RawLink<'de>>>> = None;
        let (mut objectives, mut campaigns) = (None, None);
        while let Some(key) = access.next_key::<Key>()? {
            // A repeated key is left to the checked decoder (which keeps the last, as JSON does).
            if std::mem::replace(&mut seen[key as usize], true) {
                return Err(refused());
            }
            match key {
                Key::Touchmap => {
                    let found = access.next_value::<u64>()?;
                    if found != FORMAT_VERSION {
                        return Err(refused());
                    }
                    version = Some(found);
                }
                Key::Title => {
                    if let Some(title) = access.next_value::<Option<String>>()? {
                        map.title = title;
                    }
                }
                Key::Brand => map.brand = access.next_value()?,
                Key::Stages => {
                    if let Some(stages) = access.next_value::<Option<Vec<String>>>()? {
                        // No touch point is in the map yet (they wait for the stages).
                        map.set_stages(stages).map_err(|_| refused())?;
                    }
                    stages_read = true;
                }
                Key::Touchpoints if stages_read => {
                    access.next_value_seed(ListInto::new(|ObjectOnly(raw_point)| {
                        add_point(&mut map, raw_point)
                    }))?;
                    points_read = true;
                }
                Key::Touchpoints => waiting_points = access.next_value()?,
                Key::Links if points_read => {
                    let mut links = LinkAdder::default();
                    access.next_value_seed(ListInto::new(|ObjectOnly(raw_link)| {
                        links.add(&mut map, raw_link)
                    }))?;
                }
                Key::Links => waiting_links = access.next_value()?,
                // The plan is small: it is read by the one checked reader of `plan.rs`.
                Key::Objectives => objectives = access.next_value::<Option<serde_json::Value>>()?,
                Key::Campaigns => campaigns = access.next_value::<Option<serde_json::Value>>()?,
                Key::Schema => {
                    let schema = access.next_value::<serde_json::Value>()?;
                    map.extra.insert("$schema".to_owned(), schema);
                }
            }
        }
        if version.is_none() {
            return Err(refused());
        }
        for ObjectOnly(raw_point) in waiting_points.into_iter().flatten() {
            add_point(&mut map, raw_point).ok_or_else(refused)?;
        }
        let mut links = LinkAdder::default();
        for ObjectOnly(raw_link) in waiting_links.into_iter().flatten() {
            links.add(&mut map, raw_link).ok_or_else(refused)?;
        }
        let plan = super::plan::decode_plan(objectives, campaigns, &map).map_err(|_| refused())?;
        map.set_plan(plan).map_err(|_| refused())?;
        Ok(map)
    }
}

/// Reads a list (or `null`) and hands each item to `each` as it is read, with no list in between.
struct ListInto<T, F> {
    each: F,
    item: PhantomData<T>,
}

impl<T, F> ListInto<T, F> {
    fn new(each: F) -> Self {
        Self {
            each,
            item: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>, F: FnMut(T) -> Option<()>> DeserializeSeed<'de> for ListInto<T, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, T: Deserialize<'de>, F: FnMut(T) -> Option<()>> Visitor<'de> for ListInto<T, F> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a list")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut items: A) -> Result<(), A::Error> {
        while let Some(item) = items.next_element()? {
            (self.each)(item).ok_or_else(refused)?;
        }
        Ok(())
    }
}

/// Adds one touch point with every check of [`Map::add_touchpoint`]; `None` on any refusal.
fn add_point(map: &mut Map, raw_point: RawTouchPoint) -> Option<()> {
    // Every field by name, with no `..`: a new field is a compile error here until the fast
    // path reads it (or leaves such files to the checked decoder).
    let touchpoint = TouchPoint {
        id: TouchPointId::new(raw_point.id).ok()?,
        name: raw_point.name,
        stage: raw_point.stage,
        channel: raw_point.channel,
        owner: raw_point.owner,
        importance: match raw_point.importance {
            Some(importance) => check_importance(importance).ok()?,
            None => TouchPoint::DEFAULT_IMPORTANCE,
        },
        score: raw_point.score,
        reach: raw_point.reach,
        cost: raw_point.cost,
        role: match raw_point.role {
            Some(role) => Some(Role::parse(&role)?),
            None => None,
        },
        votes: raw_point.votes.unwrap_or(0),
        notes: raw_point.notes,
        evidence: raw_point
            .evidence
            .unwrap_or_default()
            .into_iter()
            .map(crate::model::Evidence::quote)
            .collect(),
        measured: None,
        aliases: raw_point.aliases.unwrap_or_default(),
        pos: raw_point.pos,
        response_hours: raw_point.response_hours,
        capacity_per_day: raw_point.capacity_per_day,
        // A file with segments is read by the checked decoder (the fast path knows no such key).
        segments: crate::model::Overrides::new(),
        extra: serde_json::Map::new(),
    };
    // Every range, the stage and the map's size limit are checked here, as in the checked decoder.
    map.add_touchpoint(touchpoint).ok()
}

/// Adds links with every check of [`Map::add_link`], remembering the last start looked up.
#[derive(Default)]
struct LinkAdder<'a> {
    last_from: Option<(Cow<'a, str>, NodeIndex)>,
}

impl<'a> LinkAdder<'a> {
    fn add(&mut self, map: &mut Map, raw_link: RawLink<'a>) -> Option<()> {
        // An end that names no touch point (or is no valid id) leaves the file to the checked
        // decoder, which says which.
        let source = match &self.last_from {
            Some((text, node)) if *text == raw_link.from => *node,
            _ => {
                let node = map.node_index_of(&raw_link.from)?;
                self.last_from = Some((raw_link.from, node));
                node
            }
        };
        let target = map.node_index_of(&raw_link.to)?;
        map.add_link_between(
            source,
            target,
            Link {
                share: raw_link.share,
                label: raw_link.label,
                observed: raw_link.observed.map(|raw| crate::model::Observed {
                    n: raw.n,
                    of: raw.of,
                }),
                ..Link::default()
            },
        )
        .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::try_fast;
    use crate::format::from_str_checked;

    const STAGES: &str = r#""stages": ["See", "Buy"]"#;
    const POINTS: &str = r#""touchpoints": [
        {"id": "ad", "name": "Ad", "stage": "See", "role": "entry"},
        {"id": "shop", "name": "Shop", "stage": "Buy", "score": 2.5},
        {"id": "pay", "name": "Pay", "stage": "Buy", "role": "goal"}]"#;
    const LINKS: &str = r#""links": [{"from": "ad", "to": "shop", "share": 0.5},
        {"from": "ad", "to": "pay"}, {"from": "shop", "to": "pay", "label": "card"}]"#;

    fn text(keys: &[&str]) -> String {
        format!("{{\"touchmap\": 1, {}}}", keys.join(", "))
    }

    #[test]
    fn every_key_order_reads_the_same_map_on_the_fast_path() {
        // The saved order streams; the others wait for the stages or the touch points.
        let orders = [
            [STAGES, POINTS, LINKS],
            [LINKS, POINTS, STAGES],
            [POINTS, STAGES, LINKS],
            [POINTS, LINKS, STAGES],
            [STAGES, LINKS, POINTS],
        ];
        let expected = from_str_checked(&text(&orders[0])).expect("valid");
        assert_eq!(expected.touchpoint_count(), 3);
        assert_eq!(expected.link_count(), 3);
        for order in orders {
            let text = text(&order);
            let map = try_fast(&text).expect("the fast path reads every order");
            assert!(map == expected, "{text}");
        }
        // Without stages the touch points use the default ones; "See" is not among them.
        assert!(try_fast(&text(&[POINTS, LINKS])).is_none());
    }

    #[test]
    fn every_example_and_template_takes_the_fast_path() {
        // They all carry "$schema"; until the fast path knew that key, each of them (and every
        // map made from a template) was read by the checked decoder, three times slower.
        let examples = [
            include_str!("../../examples/online-store.json"),
            include_str!("../../examples/hotel.json"),
            include_str!("../../examples/b2b-software.json"),
        ];
        // A template with segments is read by the checked decoder (the fast path knows no such
        // key); the others take the fast path.
        let templates: Vec<&str> = crate::templates::TEMPLATES
            .iter()
            .map(|template| template.text)
            .filter(|text| !text.contains("\"segments\""))
            .collect();
        assert!(
            templates.len() >= 3,
            "{} templates without segments",
            templates.len()
        );
        for text in examples.into_iter().chain(templates) {
            let map = try_fast(text).unwrap_or_else(|| panic!("not on the fast path: {text:.200}"));
            assert!(map == from_str_checked(text).expect("valid"));
        }
    }

    #[test]
    fn what_the_fast_path_leaves_to_the_checked_decoder() {
        let valid = text(&[STAGES, POINTS, LINKS]);
        assert!(try_fast(&valid).is_some());
        for refused in [
            // a repeated key (the checked decoder keeps the last)
            text(&[STAGES, STAGES, POINTS, LINKS]),
            // text after the map
            format!("{valid} x"),
            // another version, and none
            valid.replace("\"touchmap\": 1", "\"touchmap\": 2"),
            valid.replace("\"touchmap\": 1, ", ""),
            // a link to nothing, a repeated link, a self link
            valid.replace("\"to\": \"pay\"}", "\"to\": \"nowhere\"}"),
            valid.replace(
                "\"from\": \"ad\", \"to\": \"pay\"",
                "\"from\": \"ad\", \"to\": \"shop\"",
            ),
            valid.replace(
                "\"from\": \"ad\", \"to\": \"pay\"",
                "\"from\": \"ad\", \"to\": \"ad\"",
            ),
            // an unknown key, a touch point as a list
            valid.replace("\"touchmap\": 1", "\"touchmap\": 1, \"colour\": 3"),
            valid.replace(
                "{\"id\": \"ad\", \"name\": \"Ad\", \"stage\": \"See\", \"role\": \"entry\"}",
                "[\"ad\", \"Ad\"]",
            ),
        ] {
            assert!(try_fast(&refused).is_none(), "{refused}");
        }
        // A map with "$schema" (every example, every map made from a template) takes the fast
        // path and keeps the key as the checked decoder does.
        let with_schema = valid.replace(
            "\"touchmap\": 1",
            "\"$schema\": \"touchmap.schema.json\", \"touchmap\": 1",
        );
        let fast = try_fast(&with_schema).expect("$schema is a known key");
        assert!(fast == from_str_checked(&with_schema).expect("valid"));
        assert_eq!(
            fast.extra.get("$schema").and_then(|v| v.as_str()),
            Some("touchmap.schema.json")
        );
        // null lists are empty ones
        let empty = try_fast(r#"{"touchmap": 1, "touchpoints": null, "links": null}"#);
        assert_eq!(empty.expect("valid").touchpoint_count(), 0);
    }
}
