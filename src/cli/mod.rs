//! The command line: parses arguments with clap and runs the headless subcommands. With no
//! subcommand, `main` starts the editor instead.

mod analyze;
mod campaign;
mod commands;
mod exchange;
mod paths;
mod survey;
mod teams;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::analysis::Severity;

/// touchmap: map where customers meet your brand, and find the weak spots before a campaign.
#[derive(Debug, Parser)]
#[command(name = "touchmap", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A map to open in the editor (no subcommand). Without it, the last map or an example opens.
    pub map: Option<PathBuf>,
    /// What to do without the editor.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank the weak spots of a map, with reasons and suggested actions.
    Analyze {
        /// The map file.
        map: PathBuf,
        /// Print one JSON object (findings, touch points, summary) instead of text.
        #[arg(long)]
        json: bool,
        /// Exit with code 1 when a finding at or above this severity exists.
        #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
        fail_on: Option<Severity>,
        /// The day data ages are measured against for `stale` (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        as_of: Option<crate::model::Day>,
        /// Analyse the map as this segment sees it (its scores, importance, reach and shares).
        #[arg(long, value_name = "ID", conflicts_with = "segments")]
        segment: Option<String>,
        /// Analyse every segment and compare them: overall score, top weak spots, and the touch
        /// points where the segments differ most.
        #[arg(long)]
        segments: bool,
    },
    /// Pre-flight of a campaign (or of all): expected goals, cost per goal, ROI, where its customers
    /// go and what they meet, and the readiness findings.
    Campaign {
        /// The map file.
        map: PathBuf,
        /// The campaign's id; without it, every campaign of the map.
        campaign: Option<String>,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Exit with code 1 when a readiness finding at or above this severity exists.
        #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
        fail_on: Option<Severity>,
        /// Print the calendar instead: per day, the load each campaign puts on each touch point
        /// against its capacity.
        #[arg(long, conflicts_with_all = ["campaign", "fail_on"])]
        calendar: bool,
    },
    /// Export a map: the format comes from the extension (.svg .png .pdf .html .csv .md .dot .mmd).
    Export {
        /// The map file.
        map: PathBuf,
        /// The file to write.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// Pixels per canvas unit for PNG.
        #[arg(long, default_value_t = crate::export::DEFAULT_PNG_SCALE)]
        scale: f32,
        /// Show the map as this segment sees it (its values and analysis; the title names it).
        #[arg(long, value_name = "ID")]
        segment: Option<String>,
    },
    /// Make a map from a spreadsheet saved as CSV (columns by header: name, stage, channel, owner,
    /// importance, score, reach, cost, role, next …).
    Import {
        /// The CSV file.
        sheet: PathBuf,
        /// The map file to write.
        #[arg(short, long, value_name = "MAP")]
        output: PathBuf,
        /// Title of the map (default: from the file name).
        #[arg(long)]
        title: Option<String>,
        /// Overwrite an existing map.
        #[arg(long)]
        force: bool,
        /// The stages in order, comma-separated ("Awareness,Consideration,Purchase"); every row's
        /// stage must be one of them. Without it the stages come in the order the rows name them.
        #[arg(long, value_delimiter = ',')]
        stages: Option<Vec<String>>,
    },
    /// Check a map file and say what is wrong, and where.
    Validate {
        /// The map file.
        map: PathBuf,
    },
    /// Rewrite a map in canonical form (stable order, pretty-printed), keeping unknown keys; a file
    /// already in canonical form is left untouched.
    Fmt {
        /// The map file.
        map: PathBuf,
        /// Write here instead of in place.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Change nothing; exit 1 if the file is not in canonical form.
        #[arg(long, conflicts_with = "output")]
        check: bool,
    },
    /// Show what changed between two versions of a map.
    Diff {
        /// The older version.
        old: PathBuf,
        /// The newer version.
        new: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Attribute conversions to the steps of path data from analytics (the channelattribution
    /// package's aggregated paths, or one row per event): exact Markov removal effects beside first-touch,
    /// last-touch and linear.
    Paths {
        /// The path data (CSV: comma, semicolon or tab).
        data: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Event layout: the column naming the journey (user or session).
        #[arg(long, default_value = "journey", value_name = "COL")]
        journey: String,
        /// Event layout: the column with the event's time (a number or ISO 8601).
        #[arg(long, default_value = "timestamp", value_name = "COL")]
        time: String,
        /// Event layout: the column naming the step (channel, page, touch point).
        #[arg(long, default_value = "touchpoint", value_name = "COL")]
        step: String,
        /// Event layout: the column marking conversions (1, true, yes).
        #[arg(long, default_value = "conversion", value_name = "COL")]
        conversion: String,
        /// Event layout: the column with a conversion's value.
        #[arg(long, default_value = "value", value_name = "COL")]
        value: String,
        /// Event layout: the conversion column holds event names, and this one converts
        /// (GA4: purchase; Segment: "Order Completed"; Snowplow: transaction).
        #[arg(long, value_name = "EVENT")]
        converts_on: Option<String>,
        /// Calibrate this map with the data: shares and observed counts on its links, entries and
        /// reach from where journeys start (with --goal).
        #[arg(long, value_name = "MAP", requires = "goal")]
        map: Option<PathBuf>,
        /// The touch point whose arrival is a conversion (with --map).
        #[arg(long, value_name = "ID", requires = "map")]
        goal: Option<String>,
        /// Write the calibrated map here (without it, only the report is printed).
        #[arg(short, long, value_name = "OUT", requires = "map")]
        output: Option<PathBuf>,
        /// Add the links the data uses that the map lacks, with their shares.
        #[arg(long, requires = "map")]
        add_links: bool,
    },
    /// Import survey answers: the questions rating touch points set their scores (mean, 95%
    /// interval, NPS on 0–10), open answers become evidence; the mapping is remembered in the map
    /// so next month's export needs no flags.
    Survey {
        /// The survey export (Google Forms, Typeform, SurveyMonkey, Qualtrics or any CSV).
        responses: PathBuf,
        /// The map to import into.
        #[arg(long, value_name = "MAP")]
        map: PathBuf,
        /// "QUESTION=TOUCHPOINT": the question's answers set the touch point's score (question by
        /// its text, a unique beginning of it or a Qualtrics id; touch point by id, name or alias).
        #[arg(long, value_name = "QUESTION=TOUCHPOINT", value_parser = parse_pair)]
        rate: Vec<(String, String)>,
        /// "QUESTION=TOUCHPOINT": the question's open answers become the touch point's evidence.
        #[arg(long, value_name = "QUESTION=TOUCHPOINT", value_parser = parse_pair)]
        quote: Vec<(String, String)>,
        /// "QUESTION=MIN-MAX": the question's scale, where its text and answers do not tell.
        #[arg(long, value_name = "QUESTION=MIN-MAX", value_parser = parse_pair)]
        scale: Vec<(String, String)>,
        /// Write the map with the new scores and evidence here (without it, nothing is written).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Three-way merge of maps by meaning (git's merge driver: `touchmap merge %O %A %B`): touch
    /// points, links, objectives and campaigns item by item, field by field. Exit 0 merged cleanly,
    /// 1 with conflicts (ours kept, listed in the file's "conflicts"), 2 bad input (nothing written).
    Merge {
        /// The common ancestor.
        base: PathBuf,
        /// Our version; the result is written over it unless -o is given.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// Write the result here instead of over OURS.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Set up a git repository to merge maps with `touchmap merge`: `.gitattributes` lines for the
    /// maps found under DIR (or --pattern) and the merge driver in the repository's config.
    /// Running it again changes nothing.
    GitSetup {
        /// A folder inside the repository (default: the current one).
        dir: Option<PathBuf>,
        /// A `.gitattributes` pattern instead of the maps found ("maps/*.json"); may repeat.
        #[arg(long, value_name = "PATTERN")]
        pattern: Vec<String>,
    },
    /// Print the JSON Schema of the map file format (draft 2020-12), for editors that complete and
    /// check maps as they are typed (VS Code: a map's "$schema" key names it).
    Schema {
        /// Write it to this file instead of printing it.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Create a new map from a template (or a synthetic one for benchmarks).
    New {
        /// Template: blank, online-store, hotel, b2b-software, restaurant.
        #[arg(long, default_value = "blank")]
        template: String,
        /// Instead of a template, a synthetic map with this many touch points (for benchmarks).
        #[arg(long, value_name = "N", conflicts_with = "template")]
        synthetic: Option<usize>,
        /// Seed of the synthetic map.
        #[arg(long, default_value_t = 1, requires = "synthetic")]
        seed: u64,
        /// Title of the new map.
        #[arg(long)]
        title: Option<String>,
        /// Where to write it.
        #[arg(short, long, value_name = "MAP")]
        output: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
}

/// A value as pretty JSON with a final newline, as every `--json` prints it.
fn json_text(value: &impl serde::Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Text padded with spaces to `width` terminal columns, counting display width (a CJK character
/// takes two columns, a combining accent none), so the tables line up whatever the map's language.
fn pad(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

fn parse_pair(text: &str) -> Result<(String, String), String> {
    crate::survey::Mapping::pair(text)
}

fn parse_day(text: &str) -> Result<crate::model::Day, String> {
    crate::model::Day::parse(text).map_err(|e| e.to_string())
}

fn parse_severity(text: &str) -> Result<Severity, String> {
    Severity::parse(&text.to_lowercase())
        .ok_or_else(|| "expected one of: critical, high, medium, low".to_owned())
}

/// A failed command: the message for stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// What went wrong, for a person.
    pub message: String,
    /// 1 for findings at `--fail-on`, 2 for bad input.
    pub code: u8,
}

impl Failure {
    /// Bad input or usage: exit code 2.
    pub fn input(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 2,
        }
    }
}

/// Runs a subcommand, printing to stdout; returns the exit code. The output is gathered, made safe
/// for a terminal (no control character or escape sequence from a map reaches it) and written once.
#[must_use]
pub fn run(command: Command) -> ExitCode {
    let mut output: Vec<u8> = Vec::new();
    let json = matches!(
        command,
        Command::Analyze { json: true, .. }
            | Command::Diff { json: true, .. }
            | Command::Campaign { json: true, .. }
            | Command::Paths { json: true, .. }
            | Command::Survey { json: true, .. }
    );
    let result = run_into(command, &mut output);
    // Always UTF-8 (every writer writes `str`s); the lossy reading is only a guard.
    let text = String::from_utf8(output)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    let safe = if json {
        crate::export::text::terminal_json(&text)
    } else {
        crate::export::text::terminal(&text)
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout
        .write_all(safe.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`touchmap analyze … | head`) is not worth a panic.
        eprintln!("touchmap: cannot write the output: {error}");
        return ExitCode::from(2);
    }
    match result {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            eprintln!(
                "touchmap: {}",
                crate::export::text::terminal(&failure.message)
            );
            ExitCode::from(failure.code)
        }
    }
}

fn run_into(command: Command, out: &mut Vec<u8>) -> Result<u8, Failure> {
    match command {
        Command::Analyze {
            map,
            json,
            fail_on,
            as_of,
            segment,
            segments,
        } => {
            if segments {
                analyze::segments(&map, json, as_of, out)
            } else {
                analyze::run(&map, json, fail_on, as_of, segment.as_deref(), out)
            }
        }
        Command::Campaign {
            map,
            campaign,
            json,
            fail_on,
            calendar,
        } => {
            if calendar {
                campaign::calendar(&map, json, out)
            } else {
                campaign::run(&map, campaign.as_deref(), json, fail_on, out)
            }
        }
        Command::Validate { map } => commands::validate(&map, out),
        Command::Merge {
            base,
            ours,
            theirs,
            output,
        } => teams::merge(&base, &ours, &theirs, output.as_deref(), out),
        Command::GitSetup { dir, pattern } => teams::git_setup(dir.as_deref(), &pattern, out),
        Command::Schema { output } => commands::schema(output.as_deref(), out),
        Command::Export {
            map,
            output,
            scale,
            segment,
        } => exchange::export(&map, &output, (scale, segment.as_deref()), out),
        Command::Import {
            sheet,
            output,
            title,
            force,
            stages,
        } => exchange::import(&sheet, &output, title, force, stages.as_deref(), out),
        Command::Fmt { map, output, check } => commands::fmt(&map, output.as_deref(), check, out),
        Command::Diff { old, new, json } => commands::diff(&old, &new, json, out),
        Command::Survey {
            responses,
            map,
            rate,
            quote,
            scale,
            output,
            json,
        } => survey::run(
            &responses,
            &map,
            crate::survey::Mapping { rate, quote, scale },
            output.as_deref(),
            json,
            out,
        ),
        Command::Paths {
            data,
            json,
            journey,
            time,
            step,
            conversion,
            value,
            converts_on,
            map,
            goal,
            output,
            add_links,
        } => paths::run(
            &data,
            &crate::paths::EventColumns {
                journey,
                time,
                step,
                conversion,
                value,
                converts_on,
            },
            &paths::Calibrate {
                map,
                goal,
                output,
                add_links,
            },
            json,
            out,
        ),
        Command::New {
            template,
            synthetic,
            seed,
            title,
            output,
            force,
        } => match synthetic {
            Some(count) => commands::new_synthetic(count, seed, title, &output, force, out),
            None => commands::new(&template, title, &output, force, out),
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tables_pad_by_display_width_not_by_characters() {
        // "配送" is two characters but four terminal columns; "Café" with a combining accent is
        // five characters but four columns.
        assert_eq!(super::pad("配送", 6), "配送  ");
        assert_eq!(super::pad("Cafe\u{301}", 6), "Cafe\u{301}  ");
        assert_eq!(super::pad("Delivery", 6), "Delivery");
    }
}
