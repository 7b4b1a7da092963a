//! Segments (DESIGN.md, "Segments"): kinds of customer who walk the same map differently. A
//! segment overrides touch points' score, importance and reach and links' shares; anything not
//! overridden is the base map's. [`Map::for_segment`] is the map as that segment sees it, which the
//! whole analysis runs on.

use std::collections::BTreeMap;

use serde_json::{Map as JsonObject, Value};

use super::touchpoint::{
    FieldError, check_importance, check_non_negative, check_score, check_share,
};
use super::{Map, ModelError};

/// A segment's fields as a spreadsheet holds them, one column each (`segment:ID:FIELD`): its name
/// and weight (the same on every row), a touch point's score, importance and reach for it, and its
/// shares of the row's links (`next`). The CSV export writes them and the import reads them.
pub const SEGMENT_FIELDS: [&str; 6] = ["name", "weight", "score", "importance", "reach", "next"];

/// A kind of customer.
#[derive(Debug, Clone, PartialEq, Default, schemars::JsonSchema)]
pub struct Segment {
    /// Unique among segments; touch points and links name it in their overrides.
    #[schemars(regex(pattern = r"\S"))]
    pub id: String,
    /// "New parents".
    pub name: String,
    /// The segment's share of customers (≥ 0); absent = an even share.
    #[schemars(range(min = 0))]
    pub weight: Option<f64>,
    /// Keys this version does not know, kept.
    #[serde(flatten)]
    pub extra: JsonObject<String, Value>,
}

/// A touch point's values for one segment; `None` = the base value.
#[derive(Debug, Clone, PartialEq, Default, schemars::JsonSchema)]
pub struct SegmentValues {
    /// How well it performs for this segment, 1.0–5.0.
    #[schemars(range(min = 1, max = 5))]
    pub score: Option<f64>,
    /// How much it matters to this segment, 1–5.
    #[schemars(range(min = 1, max = 5))]
    pub importance: Option<u8>,
    /// This segment's customers passing through per period, ≥ 0.
    #[schemars(range(min = 0))]
    pub reach: Option<f64>,
    /// Keys this version does not know, kept.
    #[serde(flatten)]
    pub extra: JsonObject<String, Value>,
}

impl SegmentValues {
    /// Checks the values' ranges; the message names the segment ("segment 'parents': score must …").
    pub fn check(&self, segment: &str) -> Result<(), FieldError> {
        let place = |error: FieldError| FieldError {
            field: "segments",
            message: format!("segment '{segment}': {}", error.message),
        };
        if let Some(score) = self.score {
            check_score(score).map_err(place)?;
        }
        if let Some(importance) = self.importance {
            check_importance(i64::from(importance)).map_err(place)?;
        }
        if let Some(reach) = self.reach {
            check_non_negative("reach", reach).map_err(place)?;
        }
        Ok(())
    }

    /// Whether it overrides nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.score.is_none()
            && self.importance.is_none()
            && self.reach.is_none()
            && self.extra.is_empty()
    }
}

/// A link's share for one segment; `None` = the base share.
#[derive(Debug, Clone, PartialEq, Default, schemars::JsonSchema)]
pub struct SegmentShare {
    /// The fraction of this segment's customers who continue along the link, 0–1.
    #[schemars(range(min = 0, max = 1))]
    pub share: Option<f64>,
    /// Keys this version does not know, kept.
    #[serde(flatten)]
    pub extra: JsonObject<String, Value>,
}

impl SegmentShare {
    /// Checks the share, naming the segment.
    pub fn check(&self, segment: &str) -> Result<(), FieldError> {
        if let Some(share) = self.share {
            check_share(share).map_err(|error| FieldError {
                field: "segments",
                message: format!("segment '{segment}': {}", error.message),
            })?;
        }
        Ok(())
    }
}

/// Per-segment values by segment id, in id order (the file's canonical order).
pub type Overrides<T> = BTreeMap<String, T>;

/// Checks a segment list: ids not blank and distinct, weights finite and at least 0. The error
/// names the place (`segments[1].weight`).
pub fn check_segment_list(segments: &[Segment]) -> Result<(), String> {
    for (position, segment) in segments.iter().enumerate() {
        if segment.id.trim().is_empty() {
            return Err(format!("segments[{position}].id: a segment needs an id"));
        }
        if let Some(first) = segments[..position].iter().position(|s| s.id == segment.id) {
            return Err(format!(
                "segments[{position}].id: the id '{}' is used twice (first at segments[{first}])",
                segment.id
            ));
        }
        if let Some(weight) = segment.weight
            && !(weight.is_finite() && weight >= 0.0)
        {
            return Err(format!(
                "segments[{position}].weight: a weight must be a number of at least 0, not {weight}"
            ));
        }
    }
    Ok(())
}

/// The map's segments: the list, the checks of the overrides that name them, and the map as one
/// segment sees it.
impl Map {
    /// The kinds of customer the map tells apart (empty: everyone alike).
    #[must_use]
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Replaces the segment list after checking it (ids distinct, weights at least 0) and that
    /// every override names one of its segments; returns the old list. On refusal the map is
    /// unchanged.
    pub fn set_segments(&mut self, segments: Vec<Segment>) -> Result<Vec<Segment>, ModelError> {
        check_segment_list(&segments).map_err(ModelError::Segments)?;
        let known = |id: &String| segments.iter().any(|segment| &segment.id == id);
        for touchpoint in self.graph.node_weights() {
            if let Some(unknown) = touchpoint.segments.keys().find(|id| !known(id)) {
                return Err(ModelError::Segments(format!(
                    "touch point '{}' has values for segment '{unknown}', which the new list lacks",
                    touchpoint.id
                )));
            }
        }
        for link in self.graph.edge_weights() {
            if let Some(unknown) = link.segments.keys().find(|id| !known(id)) {
                return Err(ModelError::Segments(format!(
                    "a link has a share for segment '{unknown}', which the new list lacks"
                )));
            }
        }
        for campaign in &self.plan.campaigns {
            if let Some(unknown) = campaign.segment.as_ref().filter(|id| !known(id)) {
                return Err(ModelError::Segments(format!(
                    "campaign '{}' aims at segment '{unknown}', which the new list lacks",
                    campaign.id
                )));
            }
        }
        Ok(std::mem::replace(&mut self.segments, segments))
    }

    /// A segment by id.
    #[must_use]
    pub fn segment(&self, id: &str) -> Option<&Segment> {
        self.segments.iter().find(|segment| segment.id == id)
    }

    /// The segments' ids, for messages ("parents, returning").
    #[must_use]
    pub fn segment_names(&self) -> String {
        if self.segments.is_empty() {
            return "this map has no segments".to_owned();
        }
        self.segments
            .iter()
            .map(|segment| segment.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The map as segment `id` sees it: every touch point's score, importance and reach and every
    /// link's share replaced by the segment's where it has one; the rest as it is. The whole
    /// analysis of a segment runs on this map. `None` for an unknown segment.
    #[must_use]
    pub fn for_segment(&self, id: &str) -> Option<Self> {
        self.segment(id)?;
        let mut view = self.clone();
        for touchpoint in view.graph.node_weights_mut() {
            if let Some(values) = touchpoint.segments.get(id) {
                touchpoint.score = values.score.or(touchpoint.score);
                touchpoint.importance = values.importance.unwrap_or(touchpoint.importance);
                touchpoint.reach = values.reach.or(touchpoint.reach);
            }
        }
        for link in view.graph.edge_weights_mut() {
            if let Some(share) = link.segments.get(id).and_then(|values| values.share) {
                link.share = Some(share);
                // The observed count is the base map's data, not this segment's.
                link.observed = None;
            }
        }
        Some(view)
    }

    pub(super) fn check_segments_named(
        &self,
        named: impl Iterator<Item = String>,
        what: &str,
    ) -> Result<(), ModelError> {
        for id in named {
            if self.segment(&id).is_none() {
                return Err(ModelError::Segments(format!(
                    "{what} has values for segment '{id}', which is not one of the map's segments ({})",
                    self.segment_names()
                )));
            }
        }
        Ok(())
    }
}
