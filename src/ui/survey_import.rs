//! File › Import survey responses…: each question of the export rated or quoted into a touch
//! point (or left out), picked from lists, the map's remembered mapping filled in; a preview of
//! every number — mean, interval, answers, skipped, NPS, the score before → after — and the quotes
//! to add, before Apply, which is one undoable edit (DESIGN.md "Evidence and measurement"). The
//! app runs the import for the preview; this module draws and records the choices.

use std::path::PathBuf;

use egui::{Color32, RichText, Ui};

use super::Action;
use crate::model::{Map, TouchPointId};
use crate::numbers::count;
use crate::survey::{Mapping, Responses, SurveyImport};

/// What a question is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Left out.
    None,
    /// Its answers set the touch point's score.
    Rate,
    /// Its open answers become the touch point's evidence.
    Quote,
}

/// The dialog's state, kept while it is open.
pub struct SurveyDialog {
    /// The file.
    pub file: PathBuf,
    /// The export, read.
    pub responses: Responses,
    /// Per column: its use and touch point.
    pub choices: Vec<(Use, Option<TouchPointId>)>,
    /// The import for the choices made, or why it cannot be done; `None` until something is
    /// picked.
    pub preview: Option<(Mapping, Result<Box<SurveyImport>, String>)>,
}

impl SurveyDialog {
    /// A dialog for a file, with the map's remembered mapping (its last survey) filled in where
    /// the questions are found.
    #[must_use]
    pub fn new(file: PathBuf, responses: Responses, map: &Map) -> Self {
        let mut choices = vec![(Use::None, None); responses.columns.len()];
        if let Some(stored) = crate::survey::stored_mapping(map) {
            for (list, use_) in [(&stored.rate, Use::Rate), (&stored.quote, Use::Quote)] {
                for (question, touchpoint) in list {
                    if let (Ok(column), Ok(id)) = (
                        crate::survey::find_question(&responses, question),
                        crate::survey::find_touchpoint(map, touchpoint),
                    ) {
                        choices[column] = (use_, Some(id));
                    }
                }
            }
        }
        Self {
            file,
            responses,
            choices,
            preview: None,
        }
    }

    /// The mapping the choices make (questions by their text, touch points by id).
    #[must_use]
    pub fn mapping(&self) -> Mapping {
        let mut mapping = Mapping::default();
        for (column, (use_, touchpoint)) in self.choices.iter().enumerate() {
            let (Some(touchpoint), Some(question)) =
                (touchpoint, self.responses.columns.get(column))
            else {
                continue;
            };
            let pair = (question.text.clone(), touchpoint.to_string());
            match use_ {
                Use::Rate => mapping.rate.push(pair),
                Use::Quote => mapping.quote.push(pair),
                Use::None => {}
            }
        }
        mapping
    }

    /// The import shown, when it is for the choices made now and worked.
    #[must_use]
    pub fn current(&self) -> Option<&SurveyImport> {
        match &self.preview {
            Some((mapping, Ok(import))) if *mapping == self.mapping() && !mapping.is_empty() => {
                Some(import)
            }
            _ => None,
        }
    }
}

const RED: Color32 = Color32::from_rgb(210, 40, 40);

/// Draws the dialog; Apply and Cancel become actions.
pub fn survey_dialog_ui(
    ctx: &egui::Context,
    map: &Map,
    state: &mut SurveyDialog,
    actions: &mut Vec<Action>,
) {
    let name = crate::export::text::file_name(&state.file);
    let max_height = (ctx.content_rect().height() - 60.0).max(300.0);
    egui::Modal::new(egui::Id::unique("survey-import")).show(ctx, |ui| {
        ui.set_max_width(900.0);
        ui.set_max_height(max_height);
        ui.heading(format!("Import survey responses: {name}"));
        let hidden = state
            .responses
            .columns
            .iter()
            .filter(|c| c.is_metadata())
            .count();
        ui.label(format!(
            "{} export, {}{}. Say what each question is for:",
            state.responses.layout.name(),
            count(state.responses.rows.len(), "response", "responses"),
            if hidden > 0 {
                format!(
                    " ({} about the responses left out)",
                    count(hidden, "column", "columns")
                )
            } else {
                String::new()
            }
        ));
        let list_height = (max_height * 0.42).max(120.0);
        egui::ScrollArea::vertical()
            .id_salt("survey-questions")
            .max_height(list_height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                egui::Grid::new("survey-questions-grid")
                    .num_columns(3)
                    .striped(true)
                    .spacing([10.0, 4.0])
                    .show(ui, |ui| {
                        for (column, question) in state.responses.columns.iter().enumerate() {
                            if question.text.is_empty() || question.is_metadata() {
                                continue;
                            }
                            question_row(
                                ui,
                                map,
                                column,
                                &question.text,
                                &mut state.choices[column],
                            );
                            ui.end_row();
                        }
                    });
            });
        ui.separator();
        preview_ui(ui, map, state);
        ui.separator();
        ui.horizontal(|ui| {
            let apply = ui
                .add_enabled(
                    state.current().is_some(),
                    egui::Button::new(RichText::new("Apply (one step, Ctrl+Z undoes it)").strong()),
                )
                .on_disabled_hover_text("Rate or quote a question into a touch point first");
            if apply.clicked() {
                actions.push(Action::ApplySurveyImport);
            }
            if ui.button("Cancel").clicked()
                || ui.input(|input| input.key_pressed(egui::Key::Escape))
            {
                actions.push(Action::CloseSurveyImport);
            }
        });
    });
}

fn question_row(
    ui: &mut Ui,
    map: &Map,
    column: usize,
    text: &str,
    choice: &mut (Use, Option<TouchPointId>),
) {
    let shown: String = crate::export::text::single_line(text);
    let label = ui
        .allocate_ui_with_layout(
            egui::vec2(430.0, ui.spacing().interact_size.y),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_min_width(430.0);
                ui.add(egui::Label::new(shown).truncate())
            },
        )
        .inner
        .on_hover_text(text);
    let words = |use_: Use| match use_ {
        Use::None => "not used",
        Use::Rate => "rates",
        Use::Quote => "quotes go to",
    };
    egui::ComboBox::from_id_salt(("survey-use", column))
        .selected_text(words(choice.0))
        .width(120.0)
        .show_ui(ui, |ui| {
            for use_ in [Use::None, Use::Rate, Use::Quote] {
                ui.selectable_value(&mut choice.0, use_, words(use_));
            }
        })
        .response
        .labelled_by(label.id);
    if choice.0 == Use::None {
        ui.label("");
        return;
    }
    // A question that names a touch point ("Please rate - Product page") proposes it.
    if choice.1.is_none() {
        choice.1 = named_in(map, text);
    }
    let selected = choice
        .1
        .as_ref()
        .map_or_else(|| "pick a touch point".to_owned(), |id| map.name_of(id));
    egui::ComboBox::from_id_salt(("survey-touchpoint", column))
        .selected_text(selected)
        .width(240.0)
        .show_ui(ui, |ui| {
            let mut touchpoints = map.touchpoints();
            touchpoints.sort_by(|a, b| a.name.cmp(&b.name));
            for touchpoint in touchpoints {
                ui.selectable_value(&mut choice.1, Some(touchpoint.id.clone()), &touchpoint.name);
            }
        })
        .response
        .labelled_by(label.id);
}

/// The touch point whose name (or an alias) the question holds, the longest such name.
fn named_in(map: &Map, question: &str) -> Option<TouchPointId> {
    let question = question.to_lowercase();
    map.touchpoints()
        .into_iter()
        .flat_map(|t| {
            std::iter::once(t.name.as_str())
                .chain(t.aliases.iter().map(String::as_str))
                .map(move |name| (name.trim().to_lowercase(), &t.id))
        })
        .filter(|(name, _)| name.chars().count() >= 4 && question.contains(name.as_str()))
        .max_by_key(|(name, _)| name.chars().count())
        .map(|(_, id)| id.clone())
}

/// Every number before Apply: per rated touch point the score before → after with its interval
/// and answers; per quoted one the quotes to add; or the refusal with its row and column.
fn preview_ui(ui: &mut Ui, map: &Map, state: &SurveyDialog) {
    if state.mapping().is_empty() {
        ui.label("Nothing picked yet: choose \"rates\" or \"quotes go to\" for a question, and its touch point.");
        return;
    }
    match &state.preview {
        Some((_, Err(error))) => {
            ui.label(RichText::new(format!("This cannot be imported: {error}")).color(RED));
        }
        Some((_, Ok(import))) => {
            for rated in &import.rated {
                ui.label(
                    RichText::new(format!("{}: {}", map.name_of(&rated.id), rated.line())).strong(),
                );
            }
            for quoted in &import.quoted {
                ui.label(format!(
                    "{}: {}{}",
                    map.name_of(&quoted.id),
                    count(quoted.added, "quote to add", "quotes to add"),
                    if quoted.already > 0 {
                        format!(" ({} already there)", quoted.already)
                    } else {
                        String::new()
                    }
                ));
            }
        }
        None => {}
    }
}
