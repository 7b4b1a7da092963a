//! Why a map could not be read or written, in words a workshop facilitator can act on.

use std::path::PathBuf;

/// Why a map file was refused. Nothing is half-read: when this is returned, no map was made.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// Nothing but white space.
    #[error("the file is empty: a touchmap map starts with {{\"touchmap\": 1, …}}")]
    Empty,
    /// Bytes that are not UTF-8 text.
    #[error(
        "the file is not UTF-8 text (byte {offset} is not valid UTF-8): it is not a touchmap map, or it was saved in another encoding"
    )]
    NotUtf8 {
        /// Where the first bad byte is.
        offset: usize,
    },
    /// Larger than the limit.
    #[error("the file is {size} bytes; touchmap opens maps of at most {limit} bytes")]
    TooLarge {
        /// The file's size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The JSON ends in the middle of a value.
    #[error(
        "line {line}, column {column}: the file ends too early; it was probably cut off while being copied or saved (the .bak file beside it may hold the previous version)"
    )]
    Truncated {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Not JSON.
    #[error("line {line}, column {column}: this is not valid JSON: {detail}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the JSON parser saw.
        detail: String,
    },
    /// Nested deeper than any map is.
    #[error("line {line}, column {column}: the JSON is nested too deeply to be a touchmap map")]
    TooDeep {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// JSON, but not an object with a version.
    #[error(
        "this is JSON but not a touchmap map: expected an object starting with \"touchmap\": 1, found {found}"
    )]
    NotAMap {
        /// What was found instead ("an array", "an object without \"touchmap\"").
        found: String,
    },
    /// Written by a newer version.
    #[error(
        "this map was saved in touchmap file format version {found}, and this touchmap reads version {supported}: update touchmap to open it (the file was not changed)"
    )]
    NewerVersion {
        /// The version in the file.
        found: u64,
        /// The version this build reads.
        supported: u64,
    },
    /// A value in the wrong place, of the wrong type, or out of range.
    #[error("{path}: {message}")]
    Invalid {
        /// The JSON path, with the touch point's id where there is one.
        path: String,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

impl FormatError {
    pub(crate) fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            path: path.into(),
            message: message.into(),
        }
    }

    /// What is wrong, without the place (for messages that name the place their own way).
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            Self::Invalid { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }
}

/// Why a map could not be saved. The file on disk is unchanged when this is returned.
#[derive(Debug, thiserror::Error)]
#[error("cannot save {}: {action} failed: {source}", path.display())]
pub struct SaveError {
    /// The target file.
    pub path: PathBuf,
    /// What was being done ("writing the temporary file", "keeping the backup" …).
    pub action: &'static str,
    /// What the system said.
    pub source: std::io::Error,
}
