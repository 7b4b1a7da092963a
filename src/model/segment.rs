//! Segments (DESIGN.md, "Segments"): kinds of customer who walk the same map differently. A
//! segment overrides touch points' score, importance and reach and links' shares; anything not
//! overridden is the base map's. [`Map::for_segment`] is the map as that segment sees it, which the
//! whole analysis runs on.

use std::collections::BTreeMap;

use serde_json::{Map as JsonObject, Value};

use super::touchpoint::{
    FieldError, check_importance, check_non_negative, check_score, check_share,
};

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
