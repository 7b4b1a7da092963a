//! `TouchPoint` and `Link`: the nodes and edges of a map, with the checks on their values.

use serde_json::{Map as JsonObject, Value};

use super::TouchPointId;
use super::evidence::{Evidence, Measured};
use super::segment::{Overrides, SegmentShare, SegmentValues};

/// The longest text any field may hold, in characters (names, notes, one evidence quote …).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// The most evidence quotes one touch point may carry.
pub const MAX_EVIDENCE: usize = 1_000;
/// The most aliases one touch point may carry.
pub const MAX_ALIASES: usize = 100;

/// Where a journey starts or succeeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Journeys start here (an ad, a search result, a recommendation).
    Entry,
    /// A journey succeeds here (a purchase, a booking, a renewal).
    Goal,
}

impl Role {
    /// The word used in files and on the command line.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Entry => "entry",
            Self::Goal => "goal",
        }
    }

    /// Reads the word used in files; `None` for anything else.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "entry" => Some(Self::Entry),
            "goal" => Some(Self::Goal),
            _ => None,
        }
    }
}

/// A place where customers experience the brand.
///
/// The JSON Schema of the file (`touchmap schema`) is derived from this type: the `schemars` and
/// `serde` attributes below say how each field is written and what the loader accepts.
#[derive(Debug, Clone, PartialEq, schemars::JsonSchema)]
pub struct TouchPoint {
    /// Stable identity.
    pub id: TouchPointId,
    /// What the team calls it ("Courier delivery"); never empty.
    #[schemars(length(max = MAX_TEXT_CHARS), regex(pattern = r"\S"))]
    pub name: String,
    /// Journey stage, one of the map's stages.
    pub stage: Option<String>,
    /// Instagram, Website, Delivery, … (free text).
    pub channel: Option<String>,
    /// Team or person responsible.
    pub owner: Option<String>,
    /// How much this moment matters to the customer, 1–5.
    #[serde(default = "default_importance")]
    #[schemars(range(min = 1, max = 5))]
    pub importance: u8,
    /// How well it performs today, 1.0–5.0; `None` = not measured.
    #[schemars(range(min = 1, max = 5))]
    pub score: Option<f64>,
    /// Customers passing through per period, ≥ 0.
    #[schemars(range(min = 0))]
    pub reach: Option<f64>,
    /// Spend per period, ≥ 0.
    #[schemars(range(min = 0))]
    pub cost: Option<f64>,
    /// Entry or goal.
    pub role: Option<Role>,
    /// Workshop dot votes.
    #[serde(default)]
    #[schemars(range(min = 0, max = u32::MAX))]
    pub votes: u32,
    /// Free text.
    pub notes: Option<String>,
    /// Quotes, reviews, complaints that back the score.
    #[serde(default)]
    #[schemars(length(max = MAX_EVIDENCE))]
    pub evidence: Vec<Evidence>,
    /// Where the score comes from when data set it; a score typed by hand drops it.
    pub measured: Option<Measured>,
    /// Other names path data uses for it ("google / cpc", "/checkout"), for matching steps.
    #[serde(default)]
    #[schemars(length(max = MAX_ALIASES))]
    pub aliases: Vec<String>,
    /// Canvas position [x, y]; absent = laid out automatically.
    #[serde(default)]
    #[schemars(schema_with = "position_schema")]
    pub pos: Option<[f64; 2]>,
    /// How fast the team answers customers here today, in hours (> 0).
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub response_hours: Option<f64>,
    /// How many extra customers a day it can serve on top of today's, at today's score (≥ 0), for
    /// the campaign calendar.
    #[schemars(range(min = 0))]
    pub capacity_per_day: Option<f64>,
    /// Score, importance and reach for some segments, by segment id (see [`super::Segment`]).
    #[serde(default)]
    pub segments: Overrides<SegmentValues>,
    /// Keys this version does not know, kept and written back unchanged.
    #[serde(flatten)]
    pub extra: JsonObject<String, Value>,
}

/// The importance a touch point has when the file gives none (for the schema's `default`).
fn default_importance() -> u8 {
    TouchPoint::DEFAULT_IMPORTANCE
}

/// `pos` in the schema: two numbers within the canvas.
fn position_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": ["array", "null"],
        "items": {"type": "number", "minimum": -MAX_COORDINATE, "maximum": MAX_COORDINATE},
        "minItems": 2,
        "maxItems": 2
    })
}

impl TouchPoint {
    /// The default importance of a new touch point.
    pub const DEFAULT_IMPORTANCE: u8 = 3;

    /// A touch point with a name and every optional field empty.
    #[must_use]
    pub fn new(id: TouchPointId, name: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
            stage: None,
            channel: None,
            owner: None,
            importance: Self::DEFAULT_IMPORTANCE,
            score: None,
            reach: None,
            cost: None,
            role: None,
            votes: 0,
            notes: None,
            evidence: Vec::new(),
            measured: None,
            aliases: Vec::new(),
            pos: None,
            response_hours: None,
            capacity_per_day: None,
            segments: Overrides::new(),
            extra: JsonObject::new(),
        }
    }

    /// Checks every value against its range. The message names the field and the problem; the stage
    /// is checked by the map, which knows the stage list.
    pub fn check_values(&self) -> Result<(), FieldError> {
        if self.name.trim().is_empty() {
            return Err(FieldError::new("name", "a touch point needs a name"));
        }
        check_text("name", &self.name)?;
        for (field, value) in [
            ("stage", &self.stage),
            ("channel", &self.channel),
            ("owner", &self.owner),
            ("notes", &self.notes),
        ] {
            if let Some(text) = value {
                check_text(field, text)?;
            }
        }
        if self.evidence.len() > MAX_EVIDENCE {
            return Err(FieldError::new(
                "evidence",
                format!(
                    "at most {MAX_EVIDENCE} evidence quotes are allowed, found {}",
                    self.evidence.len()
                ),
            ));
        }
        for item in &self.evidence {
            item.check()?;
        }
        if let Some(measured) = &self.measured {
            measured.check()?;
        }
        if self.aliases.len() > MAX_ALIASES {
            return Err(FieldError::new(
                "aliases",
                format!(
                    "at most {MAX_ALIASES} aliases are allowed, found {}",
                    self.aliases.len()
                ),
            ));
        }
        for alias in &self.aliases {
            check_text("aliases", alias)?;
            if alias.trim().is_empty() {
                return Err(FieldError::new("aliases", "an alias may not be blank"));
            }
        }
        check_importance(i64::from(self.importance))?;
        if let Some(score) = self.score {
            check_score(score)?;
        }
        if let Some(reach) = self.reach {
            check_non_negative("reach", reach)?;
        }
        if let Some(cost) = self.cost {
            check_non_negative("cost", cost)?;
        }
        if let Some(hours) = self.response_hours {
            check_hours(hours)?;
        }
        if let Some(capacity) = self.capacity_per_day {
            check_non_negative("capacity_per_day", capacity)?;
        }
        for (segment, values) in &self.segments {
            values.check(segment)?;
        }
        if let Some([x, y]) = self.pos
            && (!x.is_finite()
                || !y.is_finite()
                || x.abs() > MAX_COORDINATE
                || y.abs() > MAX_COORDINATE)
        {
            return Err(FieldError::new(
                "pos",
                format!(
                    "a position must be two numbers between -{MAX_COORDINATE} and {MAX_COORDINATE}"
                ),
            ));
        }
        Ok(())
    }

    /// The owner, unless it is missing or blank.
    #[must_use]
    pub fn owner_name(&self) -> Option<&str> {
        self.owner
            .as_deref()
            .map(str::trim)
            .filter(|owner| !owner.is_empty())
    }
}

/// The largest canvas coordinate a position may have.
pub const MAX_COORDINATE: f64 = 1.0e7;

/// A customer movement from one touch point to the next.
#[derive(Debug, Clone, PartialEq, Default, schemars::JsonSchema)]
pub struct Link {
    /// Fraction of the from-node's customers who continue along this link, 0–1.
    #[schemars(range(min = 0, max = 1))]
    pub share: Option<f64>,
    /// Free text shown on the arrow.
    pub label: Option<String>,
    /// The journeys in path data that took this link, out of those that reached its start; set by
    /// path import, dropped when the share is edited by hand.
    pub observed: Option<Observed>,
    /// The share for some segments, by segment id.
    #[serde(default)]
    pub segments: Overrides<SegmentShare>,
    /// Keys this version does not know, kept and written back unchanged.
    #[serde(flatten)]
    pub extra: JsonObject<String, Value>,
}

/// How many journeys of path data took a link (`n`) out of how many reached its start (`of`).
#[derive(Debug, Clone, Copy, PartialEq, Default, schemars::JsonSchema)]
pub struct Observed {
    /// Journeys that took the link.
    #[schemars(range(min = 0))]
    pub n: f64,
    /// Journeys that were at the link's start.
    #[schemars(range(min = 0))]
    pub of: f64,
}

impl Observed {
    /// Checks the two counts: numbers of at least 0, `n` at most `of`.
    pub fn check(self) -> Result<Self, FieldError> {
        check_non_negative("observed.n", self.n)?;
        check_non_negative("observed.of", self.of)?;
        if self.n > self.of {
            return Err(FieldError::new(
                "observed",
                format!(
                    "observed.n ({}) cannot be more than observed.of ({}): more journeys cannot take a link than reached its start",
                    self.n, self.of
                ),
            ));
        }
        Ok(self)
    }
}

impl Link {
    /// The link with a share set by hand: a share that changes no longer rests on path data, so
    /// `observed` is dropped with it (DESIGN.md: "cleared when the share is edited by hand").
    #[must_use]
    pub fn with_share(mut self, share: Option<f64>) -> Self {
        if self.share != share {
            self.share = share;
            self.observed = None;
        }
        self
    }

    /// Checks the share and the label.
    pub fn check_values(&self) -> Result<(), FieldError> {
        if let Some(share) = self.share {
            check_share(share)?;
        }
        if let Some(label) = &self.label {
            check_text("label", label)?;
        }
        if let Some(observed) = self.observed {
            observed.check()?;
        }
        for (segment, values) in &self.segments {
            values.check(segment)?;
        }
        Ok(())
    }
}

/// A field whose value is out of range, with a message a person can act on. The message is a whole
/// sentence fragment that names the field ("score must be between 1 and 5, not 7"), so every place
/// that shows it (the loader, the CSV import, the inspector) prints it as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FieldError {
    /// The field's name as in the file ("score").
    pub field: &'static str,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl FieldError {
    /// A refusal of `field`.
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

fn check_text(field: &'static str, text: &str) -> Result<(), FieldError> {
    // A text has no more characters than bytes: most are settled without counting.
    if text.len() <= MAX_TEXT_CHARS {
        return Ok(());
    }
    let length = text.chars().count();
    if length > MAX_TEXT_CHARS {
        return Err(FieldError::new(
            field,
            format!("a text can have at most {MAX_TEXT_CHARS} characters, this one has {length}"),
        ));
    }
    Ok(())
}

/// Checks an importance: a whole number from 1 to 5.
pub fn check_importance(value: i64) -> Result<u8, FieldError> {
    if (1..=5).contains(&value) {
        Ok(value as u8)
    } else {
        Err(FieldError::new(
            "importance",
            format!("importance must be a whole number from 1 to 5, not {value}"),
        ))
    }
}

/// Checks a score: a number from 1.0 to 5.0.
pub fn check_score(value: f64) -> Result<f64, FieldError> {
    if value.is_finite() && (1.0..=5.0).contains(&value) {
        Ok(value)
    } else {
        Err(FieldError::new(
            "score",
            format!("score must be between 1 and 5, not {value}"),
        ))
    }
}

/// Checks reach, cost or votes (named by `field`): a finite number of at least 0.
pub fn check_non_negative(field: &'static str, value: f64) -> Result<f64, FieldError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(FieldError::new(
            field,
            format!("{field} must be a number of at least 0, not {value}"),
        ))
    }
}

/// Checks a response time: a number of hours above 0.
pub fn check_hours(value: f64) -> Result<f64, FieldError> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(FieldError::new(
            "response_hours",
            format!("response_hours must be a number of hours above 0, not {value}"),
        ))
    }
}

/// Checks a link share: a fraction from 0 to 1.
pub fn check_share(value: f64) -> Result<f64, FieldError> {
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(FieldError::new(
            "share",
            format!("share must be a fraction between 0 and 1, not {value}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_TEXT_CHARS, check_text};

    #[test]
    fn text_limit_counts_characters_not_bytes() {
        // 'ü' is two bytes: 20,000 of them are 40,000 bytes and still allowed.
        let at_limit = "ü".repeat(MAX_TEXT_CHARS);
        assert!(check_text("notes", &at_limit).is_ok());
        let over = "ü".repeat(MAX_TEXT_CHARS + 1);
        let error = check_text("notes", &over).expect_err("20,001 characters");
        assert_eq!(error.field, "notes");
        assert!(
            error.message.contains("this one has 20001"),
            "{}",
            error.message
        );
        assert!(check_text("notes", &"a".repeat(MAX_TEXT_CHARS)).is_ok());
        assert!(check_text("notes", &"a".repeat(MAX_TEXT_CHARS + 1)).is_err());
    }

    #[test]
    fn a_share_set_by_hand_drops_the_observed_counts() {
        use super::{Link, Observed};
        let observed = Link {
            share: Some(0.3),
            observed: Some(Observed { n: 30.0, of: 100.0 }),
            ..Link::default()
        };
        assert_eq!(
            observed.clone().with_share(Some(0.3)).observed,
            observed.observed,
            "the same share keeps its basis"
        );
        let edited = observed.with_share(Some(0.5));
        assert_eq!(edited.share, Some(0.5));
        assert_eq!(edited.observed, None);
    }
}
