//! Path data and attribution (DESIGN.md "Path data and attribution"): the journeys analytics
//! recorded, read from the channelattribution package's aggregated layout or from one row per event
//! (`read.rs`), and exact first-order Markov attribution beside the first-touch, last-touch and
//! linear heuristics (`attribution.rs`), on the same absorbing chain as the journey model, and
//! calibration of a map's shares and entries from the data (`calibrate.rs`).

mod attribution;
mod calibrate;
mod read;

pub use attribution::{Attribution, StepAttribution, Transition, attribute};
pub use calibrate::{Calibration, ShareChange, calibrate, wilson};
pub use read::{EventColumns, read_paths};

/// Distinct paths with their counts; the steps are numbers into `steps`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PathSet {
    /// Every step's name, as written in the data.
    pub steps: Vec<String>,
    /// The distinct paths (identical ones added up), in a fixed order.
    pub paths: Vec<Path>,
}

/// One distinct path and the journeys that took it.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// The steps in order, as written (repeats kept).
    pub steps: Vec<u32>,
    /// Journeys along it that converted.
    pub conversions: f64,
    /// Their total value.
    pub value: f64,
    /// Journeys along it that did not convert.
    pub nulls: f64,
}

impl PathSet {
    /// Every journey counted once: conversions and nulls.
    #[must_use]
    pub fn journeys(&self) -> f64 {
        self.paths.iter().map(|p| p.conversions + p.nulls).sum()
    }
}

/// A refusal of path data, naming the row (the header is row 1) and the column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", match (.row, .column.as_deref()) {
    (Some(row), Some(column)) => format!("row {row}, column \"{column}\": {}", .message),
    (Some(row), None) => format!("row {row}: {}", .message),
    (None, Some(column)) => format!("column \"{column}\": {}", .message),
    (None, None) => .message.clone(),
})]
pub struct PathError {
    /// The row, 1 = header.
    pub row: Option<u64>,
    /// The column's header.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
}
