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
    fn refuses_bad_ids() {
        assert!(TouchPointId::new("").is_err());
        assert!(TouchPointId::new("a".repeat(129)).is_err());
        assert!(TouchPointId::new("a\u{0}b").is_err());
        assert!(TouchPointId::new("a".repeat(128)).is_ok());
    }
}
