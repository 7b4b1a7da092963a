//! `validate`, `fmt`, `diff` and `new`.

use std::io::Write;
use std::path::Path;

use super::Failure;
use crate::analysis::Config;
use crate::diff::{MapDiff, diff as diff_maps};
use crate::format::{self, load_file, read_map_text, save_file, save_map_text};
use crate::model::Map;
use crate::templates::{TEMPLATES, template};

/// Loads a map, turning a refusal into a message that names the file.
pub(super) fn load(path: &Path) -> Result<Map, Failure> {
    load_file(path).map_err(|error| refusal(path, error))
}

/// A loading error as the message to print: a file that cannot be read says so with its path,
/// any other refusal is preceded by the path.
fn refusal(path: &Path, error: format::FormatError) -> Failure {
    match error {
        format::FormatError::Io { .. } => Failure::input(error.to_string()),
        other => Failure::input(format!("{}: {other}", path.display())),
    }
}

pub(super) fn write_out(out: &mut impl Write, text: &str) -> Result<(), Failure> {
    out.write_all(text.as_bytes())
        .map_err(|error| Failure::input(format!("cannot write the output: {error}")))
}

/// Refuses to replace an existing file unless `--force` was given.
pub(super) fn refuse_overwrite(output: &Path, force: bool) -> Result<(), Failure> {
    if output.exists() && !force {
        return Err(Failure::input(format!(
            "{} already exists; pass --force to overwrite it",
            output.display()
        )));
    }
    Ok(())
}

pub(super) fn validate(path: &Path, out: &mut impl Write) -> Result<u8, Failure> {
    let map = load(path)?;
    let conflicts = crate::merge::conflicts(&map)
        .map_err(|error| Failure::input(format!("{}: {error}", path.display())))?;
    if !conflicts.is_empty() {
        write_out(
            out,
            &format!(
                "{}: {} from a merge to resolve (open it in the editor, or edit the \"conflicts\" list):\n{}",
                path.display(),
                crate::numbers::count(conflicts.len(), "conflict", "conflicts"),
                super::teams::conflict_lines(&map, &conflicts)
            ),
        )?;
        return Ok(1);
    }
    write_out(
        out,
        &format!(
            "{}: valid touchmap map \"{}\" with {} and {}\n",
            path.display(),
            map.title,
            crate::numbers::count(map.touchpoint_count(), "touch point", "touch points"),
            crate::numbers::count(map.link_count(), "link", "links")
        ),
    )?;
    Ok(0)
}

/// `touchmap schema [-o OUT]`.
pub(super) fn schema(output: Option<&Path>, out: &mut impl Write) -> Result<u8, Failure> {
    let text = format::schema_text();
    match output {
        Some(path) => {
            format::write_atomically(path, text.as_bytes())
                .map_err(|error| Failure::input(error.to_string()))?;
            write_out(
                out,
                &format!("wrote the JSON Schema to {}\n", path.display()),
            )?;
        }
        None => write_out(out, &text)?,
    }
    Ok(0)
}

pub(super) fn fmt(
    path: &Path,
    output: Option<&Path>,
    check: bool,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let current = read_map_text(path).map_err(|error| refusal(path, error))?;
    let map = format::from_str(&current).map_err(|error| refusal(path, error))?;
    let canonical = format::to_string(&map);
    if check {
        if current == canonical {
            return Ok(0);
        }
        write_out(
            out,
            &format!(
                "{} is not in canonical form; run `touchmap fmt {}`\n",
                path.display(),
                path.display()
            ),
        )?;
        return Ok(1);
    }
    match output {
        // A file already in canonical form is left as it is: no write, no backup, the same
        // modification time (as rustfmt and gofmt do), so build tools and sync see no change.
        None if current == canonical => Ok(0),
        None => save_text(&canonical, path),
        Some(target) => save_text(&canonical, target),
    }
}

fn save_text(text: &str, path: &Path) -> Result<u8, Failure> {
    save_map_text(text, path).map_err(|error| Failure::input(error.to_string()))?;
    Ok(0)
}

pub(super) fn new(
    template_name: &str,
    title: Option<String>,
    output: &Path,
    force: bool,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let Some(template) = template(template_name) else {
        let names: Vec<&str> = TEMPLATES.iter().map(|t| t.name).collect();
        return Err(Failure::input(format!(
            "there is no template '{template_name}'; choose one of: {}",
            names.join(", ")
        )));
    };
    refuse_overwrite(output, force)?;
    let mut map = template.map().map_err(|error| {
        Failure::input(format!("template '{template_name}' is broken: {error}"))
    })?;
    if let Some(title) = title {
        map.title = title;
    }
    save_file(&map, output).map_err(|error| Failure::input(error.to_string()))?;
    write_out(
        out,
        &format!(
            "created {} from the {} template\n(editors check it against {} beside it: touchmap schema -o {})\n",
            output.display(),
            template.name,
            format::SCHEMA_FILE_NAME,
            output.with_file_name(format::SCHEMA_FILE_NAME).display()
        ),
    )?;
    Ok(0)
}

pub(super) fn new_synthetic(
    count: usize,
    seed: u64,
    title: Option<String>,
    output: &Path,
    force: bool,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    refuse_overwrite(output, force)?;
    let limit = crate::model::MAX_TOUCHPOINTS;
    if count == 0 || count > limit {
        return Err(Failure::input(format!(
            "--synthetic takes 1 to {limit} touch points, not {count}"
        )));
    }
    let mut map = crate::synthetic::synthetic_map(count, seed);
    if let Some(title) = title {
        map.title = title;
    }
    save_file(&map, output).map_err(|error| Failure::input(error.to_string()))?;
    write_out(
        out,
        &format!(
            "created {} with {} touch points and {} links\n",
            output.display(),
            map.touchpoint_count(),
            map.link_count()
        ),
    )?;
    Ok(0)
}

pub(super) fn diff(
    old_path: &Path,
    new_path: &Path,
    json: bool,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let old = load(old_path)?;
    let new = load(new_path)?;
    let changes = diff_maps(&old, &new, &Config::default());
    let text = if json {
        super::json_text(&changes)
    } else {
        diff_text(&changes, &old, &new)
    };
    write_out(out, &text)?;
    Ok(0)
}

/// The diff as lines a person reads top to bottom, with `+`, `-` and `~` in front like a patch
/// (the same lines as the editor's comparison).
#[must_use]
pub fn diff_text(changes: &MapDiff, old: &Map, new: &Map) -> String {
    use std::fmt::Write as _;
    if changes.is_empty() {
        return "no changes\n".to_owned();
    }
    let mut text = String::new();
    for line in changes.lines(old, new) {
        let _ = writeln!(text, "{} {}", line.kind.mark(), line.text);
    }
    text
}
