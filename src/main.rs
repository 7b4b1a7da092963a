//! The `touchmap` binary: a subcommand runs headless; no subcommand opens the editor.

use std::process::ExitCode;

use clap::Parser;
use touchmap::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        return run(command);
    }
    // A mistyped subcommand arrives here as a map path: say so instead of opening a window.
    if let Some(path) = &cli.map
        && !path.exists()
    {
        eprintln!(
            "touchmap: '{}' is neither a map file nor a command (see touchmap --help)",
            path.display()
        );
        return ExitCode::from(2);
    }
    touchmap::app::run(cli.map)
}
