//! What backs a score (DESIGN.md "Evidence and measurement"): evidence items — a quote, or a quote
//! with its source, date, kind and rating — and `Measured`, where a score comes from when data set
//! it (a survey's question, its answers' count, mean and 95 % interval).

use serde_json::{Map as JsonObject, Value};

use super::Day;
use super::touchpoint::{FieldError, MAX_TEXT_CHARS, check_score};

/// What kind of evidence an item is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceKind {
    /// Something a customer said.
    Quote,
    /// A public review.
    Review,
    /// A complaint to the organisation.
    Complaint,
    /// A survey answer.
    Survey,
    /// A number from analytics.
    Analytics,
    /// Something the team saw.
    Observation,
}

impl EvidenceKind {
    /// The word in the file.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Quote => "quote",
            Self::Review => "review",
            Self::Complaint => "complaint",
            Self::Survey => "survey",
            Self::Analytics => "analytics",
            Self::Observation => "observation",
        }
    }

    /// The kind a word names, ignoring case.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        <Self as strum::IntoEnumIterator>::iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// Every kind's word, for messages.
    #[must_use]
    pub fn words() -> String {
        <Self as strum::IntoEnumIterator>::iter()
            .map(Self::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One evidence item: a quote, and where it comes from when that is known. An item with nothing
/// but its text is saved as a plain string, as files always had it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evidence {
    /// What was said or seen; never blank.
    pub text: String,
    /// Where it comes from (a file, a review site, a person).
    pub source: Option<String>,
    /// When.
    pub date: Option<Day>,
    /// What kind of evidence it is.
    pub kind: Option<EvidenceKind>,
    /// The rating that came with it, 1–5.
    pub rating: Option<f64>,
    /// Keys this version does not know, kept.
    pub extra: JsonObject<String, Value>,
}

impl Evidence {
    /// A quote with nothing else known.
    #[must_use]
    pub fn quote(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    /// Nothing but the text: saved as a plain string.
    #[must_use]
    pub fn is_plain(&self) -> bool {
        self.source.is_none()
            && self.date.is_none()
            && self.kind.is_none()
            && self.rating.is_none()
            && self.extra.is_empty()
    }

    /// Checks the text and the rating.
    pub fn check(&self) -> Result<(), FieldError> {
        if self.text.trim().is_empty() {
            return Err(FieldError::new(
                "evidence",
                "an evidence item needs a text (the quote, review or observation)",
            ));
        }
        check_length("evidence", &self.text)?;
        if let Some(source) = &self.source {
            check_length("evidence", source)?;
        }
        if let Some(rating) = self.rating {
            check_score(rating).map_err(|_| {
                FieldError::new(
                    "evidence",
                    format!("an evidence item's rating must be from 1 to 5, not {rating}"),
                )
            })?;
        }
        Ok(())
    }

    /// "text" — source, kind, date, rating: one line for people.
    #[must_use]
    pub fn describe(&self) -> String {
        let mut about: Vec<String> = Vec::new();
        if let Some(source) = &self.source {
            about.push(source.clone());
        }
        if let Some(kind) = self.kind {
            about.push(kind.as_str().to_owned());
        }
        if let Some(date) = self.date {
            about.push(date.to_string());
        }
        if let Some(rating) = self.rating {
            about.push(format!("{}/5", crate::numbers::decimal(rating, 1)));
        }
        if about.is_empty() {
            self.text.clone()
        } else {
            format!("{} ({})", self.text, about.join(", "))
        }
    }
}

impl From<&str> for Evidence {
    fn from(text: &str) -> Self {
        Self::quote(text)
    }
}

impl From<String> for Evidence {
    fn from(text: String) -> Self {
        Self::quote(text)
    }
}

fn check_length(field: &'static str, text: &str) -> Result<(), FieldError> {
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(FieldError::new(
            field,
            format!("{field} is longer than {MAX_TEXT_CHARS} characters"),
        ));
    }
    Ok(())
}

/// Where a score comes from when data set it: a survey question's answers on 1–5.
#[derive(Debug, Clone, PartialEq, Default, schemars::JsonSchema)]
pub struct Measured {
    /// The file (or system) the answers came from.
    pub source: String,
    /// The question.
    pub question: Option<String>,
    /// Answers counted.
    pub n: f64,
    /// Their mean on 1–5.
    pub mean: f64,
    /// The 95 % interval's lower end, on 1–5.
    pub low: f64,
    /// Its upper end.
    pub high: f64,
    /// The newest answer's date, where the file has one.
    pub date: Option<Day>,
    /// The question's scale as answered ("0-10", "1-5").
    pub scale: Option<String>,
    /// Net promoter score on a 0–10 question: % of 9–10 minus % of 0–6.
    pub nps: Option<f64>,
    /// Keys this version does not know, kept.
    #[serde(flatten)]
    pub extra: JsonObject<String, Value>,
}

/// In the file an evidence item is a string (a quote) or an object with its `text` and what is
/// known about it.
impl schemars::JsonSchema for Evidence {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Evidence".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "What backs the score: a quote, or an item with its source, date, kind and rating.",
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "required": ["text"],
                    "properties": {
                        "text": {"type": "string"},
                        "source": {"type": "string"},
                        "date": generator.subschema_for::<Day>(),
                        "kind": generator.subschema_for::<EvidenceKind>(),
                        "rating": {"type": "number", "minimum": 1, "maximum": 5}
                    }
                }
            ]
        })
    }
}

impl Measured {
    /// "3.4 (3.2–3.6, n = 214, survey.csv, 2026-11-30) · NPS +12": the score with its basis.
    #[must_use]
    pub fn describe(&self) -> String {
        use crate::numbers::{decimal, whole};
        let mut basis = vec![
            format!("{}–{}", decimal(self.low, 1), decimal(self.high, 1)),
            format!("n = {}", whole(self.n)),
            self.source.clone(),
        ];
        if let Some(date) = self.date {
            basis.push(date.to_string());
        }
        let nps = self
            .nps
            .map(|nps| format!(" · NPS {}", crate::numbers::signed(nps, 0)))
            .unwrap_or_default();
        format!("{} ({}){nps}", decimal(self.mean, 1), basis.join(", "))
    }

    /// Checks the numbers: n ≥ 0, mean and interval on 1–5 with low ≤ mean ≤ high, NPS −100–100.
    pub fn check(&self) -> Result<(), FieldError> {
        let bad = |message: String| Err(FieldError::new("measured", message));
        if self.source.trim().is_empty() {
            return bad("measured needs a \"source\" (the file the answers came from)".into());
        }
        check_length("measured", &self.source)?;
        if !self.n.is_finite() || self.n < 0.0 {
            return bad(format!(
                "measured.n must be a count of at least 0, not {}",
                self.n
            ));
        }
        for (name, value) in [("mean", self.mean), ("low", self.low), ("high", self.high)] {
            if check_score(value).is_err() {
                return bad(format!("measured.{name} must be from 1 to 5, not {value}"));
            }
        }
        if self.low > self.mean + 1e-9 || self.mean > self.high + 1e-9 {
            return bad(format!(
                "measured needs low ≤ mean ≤ high, not {} ≤ {} ≤ {}",
                self.low, self.mean, self.high
            ));
        }
        if let Some(nps) = self.nps
            && (!nps.is_finite() || !(-100.0..=100.0).contains(&nps))
        {
            return bad(format!("measured.nps must be from -100 to 100, not {nps}"));
        }
        Ok(())
    }
}

/// How far the room can defend a score (DESIGN.md "Analysis"): none (no score), workshop (a
/// score with no `measured`), thin (measured, fewer than 30 answers or an interval wider than 1
/// point), data (measured, n ≥ 30, interval ≤ 1 point).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter)]
pub enum EvidenceStrength {
    /// No score.
    None,
    /// A score the room typed.
    Workshop,
    /// Measured, on few answers or with a wide interval.
    Thin,
    /// Measured on enough answers, a narrow interval.
    Data,
}

/// Written as its word (`"data"`), in `analyze --json`.
impl serde::Serialize for EvidenceStrength {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl EvidenceStrength {
    /// Answers needed for `data`.
    pub const ENOUGH_ANSWERS: f64 = 30.0;
    /// The widest interval (high − low) that is `data`.
    pub const NARROW_INTERVAL: f64 = 1.0;

    /// The strength of a score with what measured it.
    #[must_use]
    pub fn of(score: Option<f64>, measured: Option<&Measured>) -> Self {
        match (score, measured) {
            (None, _) => Self::None,
            (Some(_), None) => Self::Workshop,
            (Some(_), Some(measured)) => {
                if measured.n >= Self::ENOUGH_ANSWERS
                    && measured.high - measured.low <= Self::NARROW_INTERVAL + 1e-9
                {
                    Self::Data
                } else {
                    Self::Thin
                }
            }
        }
    }

    /// The word in JSON and CSV.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Workshop => "workshop",
            Self::Thin => "thin",
            Self::Data => "data",
        }
    }

    /// The small mark after the score on a card: `~` the room's rating, `±` thin data, `✓` data
    /// (nothing without a score, which the card says in words). Never colour alone.
    #[must_use]
    pub fn mark(self) -> &'static str {
        match self {
            Self::None => "",
            Self::Workshop => "~",
            Self::Thin => "±",
            Self::Data => "✓",
        }
    }

    /// What it means, for a hover text and the inspector.
    #[must_use]
    pub fn meaning(self) -> &'static str {
        match self {
            Self::None => "no score yet",
            Self::Workshop => "the room's rating, no data behind it",
            Self::Thin => "from data, but few answers or a wide interval",
            Self::Data => "from data: 30 or more answers, an interval within 1 point",
        }
    }
}
