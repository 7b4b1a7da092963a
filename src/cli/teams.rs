//! `merge` and `git-setup`: many hands on one map (DESIGN.md, "Teams").

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use super::Failure;
use super::commands::write_out;
use crate::format::{self, read_map_text, write_atomically};
use crate::merge::{Conflict, conflicts, merge as merge_maps};
use crate::model::Map;

/// One side of a merge, loaded; a refusal names the side and says that OURS was not changed.
fn side(role: &str, path: &Path) -> Result<Map, Failure> {
    read_map_text(path)
        .and_then(|text| format::from_str(&text))
        .map_err(|error| {
            Failure::input(format!(
                "{role} {}: {error} (nothing was merged; OURS was not changed)",
                path.display()
            ))
        })
}

/// The conflicts as lines: where, then base / ours / theirs.
pub(super) fn conflict_lines(map: &Map, list: &[Conflict]) -> String {
    let mut text = String::new();
    for conflict in list {
        let _ = writeln!(
            text,
            "  {} ({})\n    base {} · ours {} · theirs {}",
            conflict.place(map),
            conflict.path,
            Conflict::shown(conflict.base.as_ref(), 60),
            Conflict::shown(conflict.ours.as_ref(), 60),
            Conflict::shown(conflict.theirs.as_ref(), 60),
        );
    }
    text
}

/// `touchmap merge BASE OURS THEIRS [-o OUT]`: exit 0 merged cleanly, 1 with conflicts (recorded in
/// the file), 2 bad input (nothing written).
pub(super) fn merge(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    output: Option<&Path>,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let [base_map, ours_map, theirs_map] =
        [("BASE", base), ("OURS", ours), ("THEIRS", theirs)].map(|(role, path)| side(role, path));
    let merged = merge_maps(&base_map?, &ours_map?, &theirs_map?)
        .map_err(|error| Failure::input(format!("{error} (OURS was not changed)")))?;
    let target = output.unwrap_or(ours);
    write_atomically(target, format::to_string(&merged.map).as_bytes())
        .map_err(|error| Failure::input(format!("{error} (OURS was not changed)")))?;
    let remaining = conflicts(&merged.map).unwrap_or_default();
    if remaining.is_empty() {
        write_out(
            out,
            &format!("merged into {}: no conflicts\n", target.display()),
        )?;
        return Ok(0);
    }
    write_out(
        out,
        &format!(
            "merged into {} with {} (ours kept; resolve them in the editor, or edit the file's \"conflicts\" list):\n{}",
            target.display(),
            crate::numbers::count(remaining.len(), "conflict", "conflicts"),
            conflict_lines(&merged.map, &remaining)
        ),
    )?;
    Ok(1)
}

/// Runs git in `dir`; its output, or a refusal saying what failed.
fn git(dir: &Path, arguments: &[&str]) -> Result<String, Failure> {
    let output = Process::new("git")
        .arg("-C")
        .arg(dir)
        .args(arguments)
        .output()
        .map_err(|error| Failure::input(format!("cannot run git: {error} (is git installed?)")))?;
    if !output.status.success() {
        return Err(Failure::input(format!(
            "git {} in {}: {}",
            arguments.join(" "),
            dir.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The map files under `dir` (not in hidden folders or `target`), as paths relative to it.
fn maps_under(dir: &Path) -> Vec<PathBuf> {
    const MOST_FILES: usize = 100_000;
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    let mut seen = 0;
    while let Some(folder) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            seen += 1;
            if seen > MOST_FILES {
                return found;
            }
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if !name.starts_with('.') && name != "target" && name != "node_modules" {
                    pending.push(path);
                }
            } else if kind.is_file()
                && Path::new(&name)
                    .extension()
                    .is_some_and(|extension| extension.eq_ignore_ascii_case("json"))
                && read_map_text(&path).is_ok_and(|text| format::from_str(&text).is_ok())
                && let Ok(relative) = path.strip_prefix(dir)
            {
                found.push(relative.to_owned());
            }
        }
    }
    found.sort();
    found
}

/// A `.gitattributes` pattern matching exactly this file (anchored to the folder; a character
/// a pattern cannot hold as it is — space, quote, backslash, glob — matched by `?`).
fn pattern_for(relative: &Path) -> String {
    let text: String = relative
        .to_string_lossy()
        .replace('\\', "/")
        .chars()
        .map(|c| {
            if c.is_whitespace()
                || matches!(c, '"' | '\'' | '*' | '?' | '[' | ']' | '!' | '#')
                || c.is_control()
            {
                '?'
            } else {
                c
            }
        })
        .collect();
    format!("/{text}")
}

/// The driver command git runs: this very program, quoted for the shell.
fn driver_command() -> String {
    let program = std::env::current_exe()
        .ok()
        .and_then(|path| path.canonicalize().ok())
        .map_or_else(
            || "touchmap".to_owned(),
            |path| path.to_string_lossy().into_owned(),
        );
    format!("'{}' merge %O %A %B", program.replace('\'', r"'\''"))
}

/// `touchmap git-setup [DIR] [--pattern P]`: `.gitattributes` lines for the maps in DIR (or the
/// pattern) and the `merge.touchmap` driver in the repository's config. Running it again changes
/// nothing.
pub(super) fn git_setup(
    dir: Option<&Path>,
    patterns: &[String],
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let dir = dir.unwrap_or_else(|| Path::new("."));
    if !dir.is_dir() {
        return Err(Failure::input(format!("{} is not a folder", dir.display())));
    }
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let mut wanted: Vec<String> = patterns.to_vec();
    if wanted.is_empty() {
        wanted = maps_under(dir)
            .iter()
            .map(|path| pattern_for(path))
            .collect();
    }
    let attributes = dir.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => {
            return Err(Failure::input(format!(
                "cannot read {}: {error}",
                attributes.display()
            )));
        }
    };
    let present: Vec<&str> = existing.lines().map(str::trim).collect();
    let added: Vec<String> = wanted
        .iter()
        .map(|pattern| format!("{pattern} merge=touchmap"))
        .filter(|line| !present.contains(&line.as_str()))
        .collect();
    if !added.is_empty() {
        let mut text = existing.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        for line in &added {
            text.push_str(line);
            text.push('\n');
        }
        write_atomically(&attributes, text.as_bytes())
            .map_err(|error| Failure::input(error.to_string()))?;
    }
    let driver = driver_command();
    git(
        dir,
        &[
            "config",
            "merge.touchmap.name",
            "touchmap: merge maps by meaning",
        ],
    )?;
    git(dir, &["config", "merge.touchmap.driver", &driver])?;
    let mut report = format!("git repository: {top}\n");
    if added.is_empty() {
        let _ = writeln!(
            report,
            "{}: nothing to add{}",
            attributes.display(),
            if wanted.is_empty() {
                " (no map found; name one with --pattern)"
            } else {
                " (already set up)"
            }
        );
    } else {
        let _ = writeln!(report, "{}: added", attributes.display());
        for line in &added {
            let _ = writeln!(report, "  {line}");
        }
    }
    let _ = writeln!(
        report,
        "git config merge.touchmap.driver = {driver}\ncommit .gitattributes so that everyone's merges use it; each clone runs git-setup once"
    );
    write_out(out, &report)?;
    Ok(0)
}
