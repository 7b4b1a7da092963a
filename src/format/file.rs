//! Reading a map from disk and writing it atomically, keeping the previous version as a backup.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::{FormatError, SaveError, from_str, to_string};
use crate::model::Map;

/// The largest file touchmap opens: far above any real map, low enough to refuse junk quickly.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads and validates a map file.
pub fn load_file(path: &Path) -> Result<Map, FormatError> {
    from_str(&read_map_text(path)?)
}

/// Reads a map file's text, refusing a file over [`MAX_FILE_BYTES`] or one that is not UTF-8,
/// without decoding it.
pub fn read_map_text(path: &Path) -> Result<String, FormatError> {
    let io_error = |source| FormatError::Io {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(FormatError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // Read one byte past the limit so a file that grows while being read is still refused.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FormatError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    String::from_utf8(bytes).map_err(|error| FormatError::NotUtf8 {
        offset: error.utf8_error().valid_up_to(),
    })
}

/// Where the previous version of a map is kept: `map.json` → `map.json.bak`.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map_or_else(OsString::new, OsString::from);
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves a map atomically: the text goes to a temporary file beside the target, is flushed to disk,
/// the previous version is copied to the backup, and the temporary file is renamed over the target.
/// A crash or a full disk leaves either the old file or the new one, never half of one.
pub fn save_file(map: &Map, path: &Path) -> Result<(), SaveError> {
    save_map_text(&to_string(map), path)
}

/// Saves a map's text, made by [`to_string`], the same way as [`save_file`] (for a caller that
/// has the text already and would otherwise encode the map twice).
pub fn save_map_text(text: &str, path: &Path) -> Result<(), SaveError> {
    write_with(path, text.as_bytes(), Backup::Keep)
}

/// Makes `map.json.bak` the current `map.json`, all or nothing: a hard link where the file system
/// has them (no space needed, so it works on a full disk), else a copy; either goes to a temporary
/// name first, so a failure never leaves half a backup.
fn keep_backup(path: &Path) -> std::io::Result<()> {
    let backup = backup_path(path);
    let mut temporary_name = backup
        .file_name()
        .map_or_else(OsString::new, OsString::from);
    temporary_name.push(temporary_suffix());
    let temporary = backup.with_file_name(temporary_name);
    let _ = fs::remove_file(&temporary);
    let made = fs::hard_link(path, &temporary).or_else(|_| fs::copy(path, &temporary).map(|_| ()));
    let result = made.and_then(|()| fs::rename(&temporary, &backup));
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// A temporary name's ending unique to this write: the process and a counter, so two background
/// jobs of one process writing the same path never share (and clobber) a temporary file.
fn temporary_suffix() -> String {
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let serial = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!(".{}.{serial}.tmp", std::process::id())
}

/// Writes a file the same safe way as a map, without keeping a backup of what it replaces (for
/// exports and the recovery copy, which can be made again).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_with(path, bytes, Backup::Skip)
}

/// Whether a save keeps the replaced file as `.bak`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Backup {
    Keep,
    Skip,
}

fn write_with(path: &Path, bytes: &[u8], backup: Backup) -> Result<(), SaveError> {
    let error = |action, source| SaveError {
        path: path.to_owned(),
        action,
        source,
    };
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut temporary_name = OsString::from(".");
    temporary_name.push(path.file_name().unwrap_or_default());
    temporary_name.push(temporary_suffix());
    let temporary = directory.join(temporary_name);

    let written = (|| {
        let mut file =
            File::create(&temporary).map_err(|e| error("creating the temporary file", e))?;
        file.write_all(bytes)
            .map_err(|e| error("writing the temporary file", e))?;
        file.sync_all()
            .map_err(|e| error("flushing the temporary file to disk", e))?;
        if backup == Backup::Keep && path.exists() {
            keep_backup(path).map_err(|e| error("keeping the previous version as a backup", e))?;
        }
        fs::rename(&temporary, path).map_err(|e| error("replacing the file", e))
    })();
    if written.is_err() {
        // The temporary file is ours and incomplete; the target is untouched.
        let _ = fs::remove_file(&temporary);
    }
    written?;
    // Make the rename itself durable where the platform allows; failing here loses nothing.
    if let Ok(directory) = File::open(&directory) {
        let _ = directory.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn two_writers_of_one_path_in_one_process_never_share_a_temporary_file() {
        let directory = tempfile::tempdir().expect("temp dir");
        let path = directory.path().join("out.svg");
        let writers: Vec<_> = (0..8)
            .map(|n| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let text = format!("writer {n} ").repeat(50_000);
                    super::write_atomically(&path, text.as_bytes()).map(|()| text)
                })
            })
            .collect();
        let written: Vec<String> = writers
            .into_iter()
            .map(|writer| {
                writer
                    .join()
                    .expect("no panic")
                    .expect("every write succeeds")
            })
            .collect();
        // The file is one writer's whole text, never a mix, and no temporary file is left.
        let result = std::fs::read_to_string(&path).expect("written");
        assert!(written.contains(&result));
        let left: Vec<_> = std::fs::read_dir(directory.path())
            .expect("list")
            .filter_map(Result::ok)
            .map(|entry| entry.file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("out.svg")], "{left:?}");
    }
}
