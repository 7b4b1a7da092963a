//! The `touchmap` binary: a subcommand runs headless; no subcommand opens the editor.

use std::process::ExitCode;

use clap::Parser;
use touchmap::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => touchmap::app::run(cli.map),
    }
}
