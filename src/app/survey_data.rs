//! File › Import survey responses…: the export read at once (surveys are small), the import run
//! again for the preview whenever the choices change, and applied as one undoable edit — the
//! touch points it changed and the map's `sources`. The dialog is drawn by `ui::survey_import`.

use std::path::Path;

use super::TouchmapApp;
use super::modals::Modal;
use crate::edit::Edit;
use crate::ui::survey_import::SurveyDialog;

impl TouchmapApp {
    /// Opens the survey dialog for a file; a file that cannot be read as a survey export is
    /// refused at once (the map is unchanged).
    pub(super) fn start_survey_import(&mut self, path: &Path) {
        let result = std::fs::read(path)
            .map_err(|error| error.to_string())
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| {
                    "the file is not UTF-8 text: export it from the survey tool as CSV in UTF-8"
                        .to_owned()
                })
            })
            .and_then(|text| {
                crate::survey::read_responses(&text).map_err(|error| error.to_string())
            });
        match result {
            Ok(responses) => {
                self.survey_import = Some(SurveyDialog::new(
                    path.to_owned(),
                    responses,
                    &self.document.map,
                ));
            }
            Err(error) => {
                self.modal = Some(Modal::Error {
                    title: format!("Could not import {}", path.display()),
                    message: format!("{error}\n\nThe map is unchanged."),
                });
            }
        }
    }

    /// Runs the import for the preview when the choices changed. Returns whether it did (the
    /// window should draw it).
    pub(super) fn refresh_survey_import(&mut self) -> bool {
        let Some(state) = self.survey_import.as_mut() else {
            return false;
        };
        let mapping = state.mapping();
        if state.preview.as_ref().map(|(m, _)| m) == Some(&mapping) {
            return false;
        }
        let source = crate::export::text::file_name(&state.file);
        let result = if mapping.is_empty() {
            Err("nothing picked".to_owned())
        } else {
            crate::survey::import_survey(
                &self.document.map,
                &state.responses,
                &source,
                &mapping,
                crate::model::Day::today(),
            )
            .map(Box::new)
            .map_err(|error| error.to_string())
        };
        state.preview = Some((mapping, result));
        true
    }

    /// Applies the preview: the new scores, measurements, evidence and `sources` as one step.
    pub(super) fn apply_survey_import(&mut self, ctx: &egui::Context) {
        let Some(state) = self.survey_import.take() else {
            return;
        };
        let Some(import) = state.current() else {
            self.survey_import = Some(state);
            return;
        };
        let source = crate::export::text::file_name(&state.file);
        match Edit::between(&self.document.map, &import.map) {
            Some(edit) => {
                self.change(edit, &format!("Survey answers from {source}"), ctx);
                self.view.status = format!(
                    "Imported {} from {source} (Ctrl+Z undoes it)",
                    crate::numbers::count(import.responses, "response", "responses")
                );
            }
            None => {
                self.view.status = format!("{source} changes nothing: imported before");
            }
        }
    }
}
