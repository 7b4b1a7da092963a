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
pub use read::{EventColumns, Header, read_header, read_paths};

/// Distinct paths with their counts; the steps are numbers into `steps`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PathSet {
    /// Every step's name, as written in the data.
    pub steps: Vec<String>,
    /// The distinct paths (identical ones added up), in the order of a fixed-seed hash table: the same for the same input every run.
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

/// A refusal of path data, naming the row (the header is row 1) and the column: the same kind of
/// refusal as the spreadsheet import's, worded the same way.
pub type PathError = crate::import::ImportError;

/// A hash map with foldhash's fixed seed: several times faster than the standard `SipHash` on the
/// millions of small keys path data brings, and the same order every run. A fixed seed does not
/// resist keys crafted to collide; the worst such a file can do is import slowly, on the machine
/// of the user who chose to open it (no server reads path data).
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// Identical paths added up: (conversions, value, nulls) per list of steps.
#[derive(Default)]
pub(crate) struct Tally(FastMap<Vec<u32>, (f64, f64, f64)>);

impl Tally {
    pub(crate) fn add(&mut self, steps: Vec<u32>, conversions: f64, value: f64, nulls: f64) {
        let entry = self.0.entry(steps).or_default();
        entry.0 += conversions;
        entry.1 += value;
        entry.2 += nulls;
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The distinct paths over these step names, in a fixed order (so that sums come out the same
    /// every run).
    pub(crate) fn into_set(self, steps: Vec<String>) -> PathSet {
        let paths: Vec<Path> = self
            .0
            .into_iter()
            .map(|(steps, (conversions, value, nulls))| Path {
                steps,
                conversions,
                value,
                nulls,
            })
            .collect();
        // The table's fixed seed gives the same order for the same input every run; sorting 100,000
        // paths took an eighth of the whole attribution.
        PathSet { steps, paths }
    }
}
