//! `TouchPointId`: the stable identity of a touch point, used by links, edits and diffs.

use std::fmt;

/// The longest id a map may use, in characters.
pub const MAX_ID_CHARS: usize = 128;

/// The stable identity of a touch point: 1–128 characters, unique within a map.
///
/// The app never addresses touch points by a raw graph index outside the model: indices change when
/// a map is reloaded, ids do not.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct TouchPointId(String);

/// In the file an id is a string of 1–128 characters without control characters.
impl schemars::JsonSchema for TouchPointId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TouchPointId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_ID_CHARS,
            "pattern": "^[^\\u0000-\\u001F\\u007F-\\u009F]+$",
            "description": "A touch point's stable identity, used by links, objectives and campaigns."
        })
    }
}

impl TouchPointId {
    /// Makes an id, refusing an empty one or one longer than [`MAX_ID_CHARS`].
    pub fn new(text: impl Into<String>) -> Result<Self, String> {
        let text = text.into();
        let length = text.chars().count();
        if length == 0 {
            return Err("an id cannot be empty".to_owned());
        }
        if length > MAX_ID_CHARS {
            return Err(format!(
                "an id can have at most {MAX_ID_CHARS} characters, this one has {length}"
            ));
        }
        if text.chars().any(char::is_control) {
            return Err("an id cannot contain control characters".to_owned());
        }
        Ok(Self(text))
    }

    /// Derives a readable id from a name: lower case, words joined by `-`
    /// ("Courier delivery" → "courier-delivery"). Never empty.
    #[must_use]
    pub fn slug_from_name(name: &str) -> Self {
        let mut slug = String::new();
        for character in name.chars().flat_map(char::to_lowercase) {
            if character.is_alphanumeric() {
                slug.push(character);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        while slug.ends_with('-') {
            slug.pop();
        }
        let slug: String = slug.chars().take(MAX_ID_CHARS - 8).collect();
        if slug.is_empty() {
            Self("touchpoint".to_owned())
        } else {
            Self(slug)
        }
    }

    /// The id as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id for a new touch point called `name` that `taken` does not hold: its slug, else the
    /// slug numbered from 2 ("returns-desk", "returns-desk-2", …).
    #[must_use]
    pub fn free_for_name(name: &str, taken: impl Fn(&Self) -> bool) -> Self {
        let base = Self::slug_from_name(name);
        // A slug has at most MAX_ID_CHARS - 8 characters, so a number of up to 7 digits fits.
        Self(first_free(&base.0, |candidate| {
            taken(&Self(candidate.to_owned()))
        }))
    }
}

/// The first of `base`, `base-2`, `base-3`, … for which `taken` is false: how every new id is made
/// (touch points, objectives, campaigns, pasted and imported rows).
#[must_use]
pub fn first_free(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    // `taken` holds finitely many ids, so the search ends long before the last number.
    (2..=u64::MAX)
        .map(|number| format!("{base}-{number}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| base.to_owned())
}

/// Lets the id index be searched with a `&str` (a loader's borrowed text) without making an id:
/// an id hashes and compares exactly as its text.
impl std::borrow::Borrow<str> for TouchPointId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TouchPointId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable() {
        assert_eq!(
            TouchPointId::slug_from_name("Courier delivery").as_str(),
            "courier-delivery"
        );
        assert_eq!(
            TouchPointId::slug_from_name("  X/Twitter post!! ").as_str(),
            "x-twitter-post"
        );
        assert_eq!(TouchPointId::slug_from_name("???").as_str(), "touchpoint");
    }

    #[test]
    fn new_ids_are_numbered_from_two_past_the_taken_ones() {
        let taken = ["checkout", "checkout-2", "objective"];
        assert_eq!(
            first_free("checkout", |id| taken.contains(&id)),
            "checkout-3"
        );
        assert_eq!(
            first_free("objective", |id| taken.contains(&id)),
            "objective-2"
        );
        assert_eq!(first_free("campaign", |id| taken.contains(&id)), "campaign");
        let id = TouchPointId::free_for_name("Checkout!", |id| taken.contains(&id.as_str()));
        assert_eq!(id.as_str(), "checkout-3");
    }

    #[test]
    fn refuses_bad_ids() {
        assert!(TouchPointId::new("").is_err());
        assert!(TouchPointId::new("a".repeat(129)).is_err());
        assert!(TouchPointId::new("a\u{0}b").is_err());
        assert!(TouchPointId::new("a".repeat(128)).is_ok());
    }
}
