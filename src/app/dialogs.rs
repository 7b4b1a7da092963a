//! Native file dialogs behind a small trait, so tests can answer them and a desktop without a
//! dialog service still works (the app then asks for a typed path).

use std::path::PathBuf;

/// Asks the user for a file. Returns `None` on cancel (or when no dialog service exists).
pub trait FileDialogs {
    /// A map to open.
    fn pick_open(&mut self) -> Option<PathBuf>;
    /// Where to save a map, suggesting a file name.
    fn pick_save(&mut self, suggested_name: &str) -> Option<PathBuf>;
    /// Where to export, suggesting a path (beside the map, named after it) and the format's
    /// file type: its description and extension.
    fn pick_export(&mut self, suggested: &std::path::Path, kind: (&str, &str)) -> Option<PathBuf>;
    /// A spreadsheet saved as CSV, to import.
    fn pick_sheet(&mut self) -> Option<PathBuf>;
    /// Path data (CSV or TSV), to calibrate the map with.
    fn pick_data(&mut self) -> Option<PathBuf>;
    /// A survey tool's export (CSV), to import answers from.
    fn pick_survey(&mut self) -> Option<PathBuf>;
}

/// The native dialogs (rfd; the XDG desktop portal on Linux).
#[derive(Debug, Default)]
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_open(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open a touchmap map")
            .add_filter("touchmap map", &["json"])
            .pick_file()
    }

    fn pick_sheet(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import a spreadsheet saved as CSV")
            .add_filter("spreadsheet (CSV)", &["csv", "txt"])
            .pick_file()
    }

    fn pick_data(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import path data: analytics events or aggregated paths")
            .add_filter("path data (CSV, TSV)", &["csv", "tsv", "txt"])
            .pick_file()
    }

    fn pick_survey(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import survey responses (CSV export)")
            .add_filter("survey export (CSV)", &["csv", "tsv", "txt"])
            .pick_file()
    }

    fn pick_save(&mut self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save the map")
            .add_filter("touchmap map", &["json"])
            .set_file_name(suggested_name)
            .save_file()
    }

    fn pick_export(&mut self, suggested: &std::path::Path, kind: (&str, &str)) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new()
            .set_title(format!("Export as {}", kind.0))
            .add_filter(kind.0, &[kind.1]);
        if let Some(directory) = suggested.parent().filter(|d| !d.as_os_str().is_empty()) {
            dialog = dialog.set_directory(directory);
        }
        if let Some(name) = suggested.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        dialog.save_file()
    }
}

/// Dialogs that answer from a script: for tests and automation.
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    /// Answers to `pick_open`, first first.
    pub open_answers: Vec<Option<PathBuf>>,
    /// Answers to `pick_save`, first first.
    pub save_answers: Vec<Option<PathBuf>>,
}

impl FileDialogs for ScriptedDialogs {
    fn pick_open(&mut self) -> Option<PathBuf> {
        if self.open_answers.is_empty() {
            None
        } else {
            self.open_answers.remove(0)
        }
    }

    /// Answered from `open_answers` too.
    fn pick_sheet(&mut self) -> Option<PathBuf> {
        self.pick_open()
    }

    /// Answered from `open_answers` too.
    fn pick_data(&mut self) -> Option<PathBuf> {
        self.pick_open()
    }

    /// Answered from `open_answers` too.
    fn pick_survey(&mut self) -> Option<PathBuf> {
        self.pick_open()
    }

    /// Answered from `save_answers` too.
    fn pick_export(
        &mut self,
        _suggested: &std::path::Path,
        _kind: (&str, &str),
    ) -> Option<PathBuf> {
        self.pick_save("")
    }

    fn pick_save(&mut self, _suggested_name: &str) -> Option<PathBuf> {
        if self.save_answers.is_empty() {
            None
        } else {
            self.save_answers.remove(0)
        }
    }
}
