//! The dialogs over the editor: errors, unsaved changes, typing a path, deleting what the plan
//! names, restoring after a crash. They only record the choice as an action; the app carries it
//! out after the frame (nothing is written while drawing).

use std::path::PathBuf;

use egui::Key;

use super::TouchmapApp;
use crate::model::TouchPointId;
use crate::ui::{Action, PathPurpose, Pending};

/// A dialog box over the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    /// Something to read after an action that worked (an import's notes).
    Notice {
        /// One line.
        title: String,
        /// What to know.
        message: String,
    },
    /// Something failed; the map is unchanged.
    Error {
        /// One line.
        title: String,
        /// What happened and where.
        message: String,
    },
    /// Save, discard or cancel before `then`.
    Unsaved {
        /// What the user asked for.
        then: Pending,
    },
    /// Type a path to open or save.
    TypePath {
        /// Open or save.
        purpose: PathPurpose,
        /// The text typed.
        text: String,
        /// Why the box is shown, when the dialog was not available.
        note: Option<String>,
    },
    /// Touch points to delete that objectives or campaigns name: take them out of the plan too?
    RemoveFromPlan {
        /// The touch points.
        ids: Vec<TouchPointId>,
        /// What names them, for people.
        names: String,
    },
    /// The open file changed on disk while the map has unsaved edits: merge or keep mine?
    FileChanged {
        /// The file's name.
        file: String,
    },
    /// A recovery file was found at start.
    Recover {
        /// The map it belonged to.
        original: Option<PathBuf>,
    },
}

impl TouchmapApp {
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let original = modal.clone();
        let mut close = false;
        egui::Modal::new(egui::Id::unique("touchmap-modal")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match modal {
                Modal::RemoveFromPlan { ids, names } => {
                    ui.heading("Delete from the plan too?");
                    ui.label(format!("{names}. Deleting also takes it out of them (one step, Ctrl+Z undoes it)."));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Delete and take it out of the plan").clicked() {
                            actions.push(Action::DeleteWithPlan(ids.clone()));
                            close = true;
                        }
                        if ui.button("Cancel").clicked() || ui.input(|input| input.key_pressed(Key::Escape)) {
                            close = true;
                        }
                    });
                }
                Modal::Error { title, message } | Modal::Notice { title, message } => {
                    ui.heading(title);
                    ui.label(message);
                    ui.add_space(8.0);
                    if ui.button("OK").clicked() || ui.input(|input| input.key_pressed(Key::Enter) || input.key_pressed(Key::Escape)) {
                        close = true;
                    }
                }
                Modal::Unsaved { then } => {
                    ui.heading("Save changes first?");
                    ui.label(format!("\"{}\" has changes that are not saved.", self.document.map.title));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            close = true;
                            actions.push(Action::SaveThen(then.clone()));
                        }
                        if ui.button("Don't save").clicked() {
                            close = true;
                            actions.push(Action::DiscardThen(then.clone()));
                        }
                        if ui.button("Cancel").clicked() || ui.input(|input| input.key_pressed(Key::Escape)) {
                            close = true;
                        }
                    });
                }
                Modal::TypePath { purpose, mut text, note } => {
                    ui.heading(match purpose {
                        PathPurpose::Open => "Open a map".to_owned(),
                        PathPurpose::Save => "Save the map".to_owned(),
                        PathPurpose::Export(format) => format!("Export as {}", format.description()),
                        PathPurpose::Compare => "Compare with another version".to_owned(),
                        PathPurpose::Import => "Import a spreadsheet (CSV)".to_owned(),
                        PathPurpose::ImportPathData => "Import path data".to_owned(),
                        PathPurpose::ImportSurvey => "Import survey responses".to_owned(),
                    });
                    if let Some(note) = &note {
                        ui.label(note);
                    }
                    let label = ui.label("File path");
                    let response = ui.add(egui::TextEdit::singleline(&mut text).desired_width(480.0)).labelled_by(label.id);
                    // The box takes the keyboard when the dialog opens, suggested path or not, so
                    // Enter confirms what it shows.
                    if ui.memory(|memory| memory.focused().is_none()) {
                        response.request_focus();
                    }
                    // Enter in the box (which gives up the keyboard as it handles the key, and
                    // reports it lost only a frame later) confirms.
                    let enter = ui.input(|input| input.key_pressed(Key::Enter))
                        && (response.has_focus()
                            || response.lost_focus()
                            || ui.memory(|memory| memory.focused().is_none()));
                    ui.horizontal(|ui| {
                        let go = ui.button(match purpose {
                            PathPurpose::Open => "Open",
                            PathPurpose::Save => "Save",
                            PathPurpose::Export(_) => "Export",
                            PathPurpose::Compare => "Compare",
                            PathPurpose::Import
                            | PathPurpose::ImportPathData
                            | PathPurpose::ImportSurvey => "Import",
                        });
                        if (go.clicked() || enter) && !text.trim().is_empty() {
                            close = true;
                            let path = PathBuf::from(text.trim());
                            actions.push(match purpose {
                                PathPurpose::Open => Action::OpenPath(path),
                                PathPurpose::Save => Action::SaveAsPath(path),
                                PathPurpose::Export(format) => Action::ExportTo(path, format),
                                PathPurpose::Compare => Action::CompareWithPath(path),
                                PathPurpose::Import => Action::ImportSpreadsheetFrom(path),
                                PathPurpose::ImportPathData => Action::ImportPathDataFrom(path),
                                PathPurpose::ImportSurvey => Action::ImportSurveyFrom(path),
                            });
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                    if !close && let Some(Modal::TypePath { text: stored, .. }) = &mut self.modal {
                        *stored = text;
                    }
                }
                Modal::FileChanged { file } => {
                    ui.heading(format!("{file} changed on disk"));
                    ui.label(format!("Someone changed {file} (a git pull, a colleague's save on a shared drive) while you have changes here that are not saved."));
                    ui.label("Merging takes their changes into yours, field by field; where you both changed the same thing, yours stays and the banner lists it. Keeping yours leaves the map as it is, and the next save writes over their version.");
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Merge their changes into mine").clicked() {
                            close = true;
                            actions.push(Action::MergeFromDisk);
                        }
                        if ui.button("Keep mine").clicked() || ui.input(|input| input.key_pressed(Key::Escape)) {
                            close = true;
                            actions.push(Action::KeepMine);
                        }
                    });
                }
                Modal::Recover { original } => {
                    ui.heading("Restore unsaved changes?");
                    let of = original.as_ref().map_or_else(|| "a map that was never saved".to_owned(), |path| path.display().to_string());
                    ui.label(format!("touchmap did not close properly last time. It kept a copy of your unsaved changes to {of}."));
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            close = true;
                            actions.push(Action::Recovery { restore: true, original: original.clone() });
                        }
                        if ui.button("Discard").clicked() {
                            close = true;
                            actions.push(Action::Recovery { restore: false, original: original.clone() });
                        }
                    });
                }
            }
        });
        // A handler above may have replaced the modal (an error while saving): keep that one.
        if close && self.modal.as_ref() == Some(&original) {
            self.modal = None;
        }
    }
}
