//! The editor application (eframe).

use std::path::PathBuf;
use std::process::ExitCode;

/// Starts the editor.
#[must_use]
pub fn run(_map: Option<PathBuf>) -> ExitCode {
    eprintln!("touchmap: the editor is not built yet");
    ExitCode::from(2)
}
