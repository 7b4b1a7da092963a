//! The fast path of the loader: a typed serde decode for the common case of a valid file that uses
//! only the keys this version knows. Anything else — an unknown key, a value out of range, a syntax
//! error — returns `None`, and the checked decoder in `decode.rs` reads the file again, keeping
//! unknown keys and naming the exact place of every problem. Both must build the same map (tested).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::FORMAT_VERSION;
use crate::model::{
    Link, MAX_LINKS, MAX_TOUCHPOINTS, Map, Role, TouchPoint, TouchPointId, check_importance,
};

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
struct RawMap<'a> {
    touchmap: u64,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    brand: Option<String>,
    #[serde(default)]
    stages: Option<Vec<String>>,
    #[serde(default)]
    touchpoints: Option<Vec<ObjectOnly<RawTouchPoint>>>,
    #[serde(default)]
    #[serde(borrow)]
    links: Option<Vec<ObjectOnly<RawLink<'a>>>>,
    // The plan is small: it is read by the one checked reader of `plan.rs`.
    #[serde(default)]
    objectives: Option<serde_json::Value>,
    #[serde(default)]
    campaigns: Option<serde_json::Value>,
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
    pos: Option<[f64; 2]>,
    #[serde(default)]
    response_hours: Option<f64>,
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
}

/// The map, when the file is valid and uses only known keys; `None` otherwise.
pub(super) fn try_fast(text: &str) -> Option<Map> {
    let ObjectOnly(raw): ObjectOnly<RawMap<'_>> = serde_json::from_str(text).ok()?;
    if raw.touchmap != FORMAT_VERSION {
        return None;
    }
    let touchpoints = raw.touchpoints.unwrap_or_default();
    let links = raw.links.unwrap_or_default();
    if touchpoints.len() > MAX_TOUCHPOINTS || links.len() > MAX_LINKS {
        return None;
    }
    let mut map = Map::new(raw.title.unwrap_or_else(|| "Untitled map".to_owned()));
    map.brand = raw.brand;
    if let Some(stages) = raw.stages {
        map.set_stages(stages).ok()?;
    }
    map.reserve(touchpoints.len(), links.len());
    for ObjectOnly(raw_point) in touchpoints {
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
            evidence: raw_point.evidence.unwrap_or_default(),
            pos: raw_point.pos,
            response_hours: raw_point.response_hours,
            extra: serde_json::Map::new(),
        };
        // Every range and the stage are checked here, as in the checked decoder.
        map.add_touchpoint(touchpoint).ok()?;
    }
    for ObjectOnly(raw_link) in links {
        // An end that names no touch point (or is no valid id) leaves the file to the checked
        // decoder, which says which.
        let source = map.node_index_of(&raw_link.from)?;
        let target = map.node_index_of(&raw_link.to)?;
        map.add_link_between(
            source,
            target,
            Link {
                share: raw_link.share,
                label: raw_link.label,
                ..Link::default()
            },
        )
        .ok()?;
    }
    let plan = super::plan::decode_plan(raw.objectives, raw.campaigns, &map).ok()?;
    map.set_plan(plan).ok()?;
    Some(map)
}
