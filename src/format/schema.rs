//! The JSON Schema of the file format (draft 2020-12), for editors that complete and check maps as
//! they are typed. Touch points, links, objectives and campaigns are described by the model types
//! the loader builds (their `schemars` attributes); this file only adds the top level, which the
//! model holds as a graph rather than as lists.

use schemars::JsonSchema;
use serde_json::{Map as JsonObject, Value};

use crate::model::{Campaign, Link, MAX_STAGES, Objective, TouchPointId};

/// The name a new map's `"$schema"` points to: the schema written beside the map
/// (`touchmap schema -o touchmap.schema.json`).
pub const SCHEMA_FILE_NAME: &str = "touchmap.schema.json";

/// A touchmap map file, version 1.
#[derive(JsonSchema)]
#[schemars(
    title = "touchmap map",
    description = "A touch-point map: where customers meet a brand, how they move, how well each moment works. Keys this version does not know are kept."
)]
#[expect(
    dead_code,
    reason = "a description of the file for the schema, never built"
)]
struct MapFile {
    /// Where editors find this schema (kept as it is).
    #[serde(rename = "$schema")]
    schema: Option<String>,
    /// The file format version: 1.
    #[schemars(range(min = 1, max = 1))]
    touchmap: u64,
    /// What the map is about.
    title: Option<String>,
    /// The brand, if named.
    brand: Option<String>,
    /// The journey stages in order (default: Awareness, Consideration, Purchase, Delivery, Use,
    /// Loyalty).
    #[schemars(length(min = 1, max = MAX_STAGES), extend("uniqueItems" = true))]
    stages: Option<Vec<String>>,
    /// The touch points.
    #[serde(default)]
    touchpoints: Vec<crate::model::TouchPoint>,
    /// The links between them, in the order customers move.
    #[serde(default)]
    links: Vec<LinkInFile>,
    /// What the campaigns are for.
    #[serde(default)]
    objectives: Vec<Objective>,
    /// Campaigns that bring customers in.
    #[serde(default)]
    campaigns: Vec<Campaign>,
    /// Kinds of customer who walk the map differently; touch points and links override values
    /// for them.
    #[serde(default)]
    segments: Vec<crate::model::Segment>,
    /// What data was imported into the map and how it was mapped.
    sources: Option<Vec<JsonObject<String, Value>>>,
    /// What a merge could not decide: the place, and the value in the common ancestor, ours and
    /// theirs (ours is in the map until it is resolved).
    conflicts: Option<Vec<ConflictInFile>>,
    /// Keys this version does not know are kept.
    #[serde(flatten)]
    extra: JsonObject<String, Value>,
}

/// A link as the file writes it: its two ends and its values.
#[derive(JsonSchema)]
#[expect(
    dead_code,
    reason = "a description of the file for the schema, never built"
)]
struct LinkInFile {
    /// The touch point customers come from.
    from: TouchPointId,
    /// The touch point they go to.
    to: TouchPointId,
    #[serde(flatten)]
    link: Link,
}

/// One conflict a merge left.
#[derive(JsonSchema)]
#[expect(
    dead_code,
    reason = "a description of the file for the schema, never built"
)]
struct ConflictInFile {
    /// `touchpoints[delivery].score`, `links[a->b]`, `title` …
    #[schemars(length(min = 1))]
    path: String,
    /// The value in the common ancestor (null: none).
    base: Value,
    /// Ours (null: none).
    ours: Value,
    /// Theirs (null: none).
    theirs: Value,
}

/// The schema as the pretty-printed JSON `touchmap schema` prints, ending in a newline.
#[must_use]
pub fn schema_text() -> String {
    let schema = schemars::schema_for!(MapFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
