//! The touchmap file format, version 1: JSON text ⇄ [`Map`](crate::model::Map), with validation
//! that names the place and the problem, canonical output, and atomic saving with a backup.

mod decode;
mod encode;
mod error;
mod fast;
mod file;
mod json;
mod plan;
mod schema;

pub use decode::{
    evidence_from_cell, from_str, from_str_checked, from_str_fast, from_value, link_from_value,
    measured_from_cell, plan_from_values, segments_from_value, touchpoint_from_value,
};
pub use encode::{
    evidence_cell, link_value, measured_cell, segment_value, to_string, to_value, touchpoint_value,
};
pub use error::{FormatError, SaveError};
pub use file::{
    MAX_FILE_BYTES, backup_path, load_file, read_map_text, save_file, save_map_text,
    write_atomically,
};
pub use plan::{campaign_value, objective_value};
pub use schema::{SCHEMA_FILE_NAME, schema_text};

/// The file format version this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;
