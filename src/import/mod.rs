//! Spreadsheet import: a CSV of touch points (comma or semicolon, UTF-8 with or without BOM) into a
//! map. Columns are found by header name; links come from a `next` column.

mod csv_import;
mod csv_segments;

pub use csv_import::{ImportError, ImportWarning, Imported, from_csv, import_csv};
