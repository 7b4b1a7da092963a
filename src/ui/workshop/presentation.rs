//! Presentation mode: the caption beside or below the presented card, and the timebox.

use super::{Color32, FontId, Map, Report, RichText, Ui, ViewState, severity_colour};
use crate::model::TouchPointId;

/// The presentation caption: the current weak spot's reason and action in large type. The app
/// gives it a panel of its own beside or below the map, so it never covers the card.
pub fn presentation_caption_ui(
    ui: &mut Ui,
    map: &Map,
    report: &Report,
    steps: &[TouchPointId],
    view: &ViewState,
) {
    ui.add_space(12.0);
    let Some(id) = steps.get(view.presentation_step.min(steps.len().saturating_sub(1))) else {
        ui.label(RichText::new("No weak spots to present.").size(28.0));
        return;
    };
    let name = map.name_of(id);
    ui.label(
        RichText::new(format!(
            "{} / {}   {name}",
            view.presentation_step.min(steps.len() - 1) + 1,
            steps.len()
        ))
        .size(34.0)
        .strong(),
    );
    for finding in report.findings_for(id) {
        ui.label(
            RichText::new(format!(
                "{} · {}",
                finding.severity.as_str().to_uppercase(),
                finding.rule.as_str()
            ))
            .size(20.0)
            .color(severity_colour(finding.severity))
            .strong(),
        );
        ui.label(RichText::new(&finding.reason).size(24.0));
        ui.label(
            RichText::new(format!("→ {}", finding.action))
                .size(24.0)
                .italics(),
        );
    }
    ui.label(
        RichText::new("← → step · Esc ends the presentation")
            .size(14.0)
            .weak(),
    );
}

/// The timebox in large type at the top of the caption's panel while presenting (never over the
/// map, where it covered a card's title), red once the time is up.
pub fn presentation_timer_ui(ui: &mut Ui, view: &ViewState, now_secs: f64) {
    if let Some(timer) = view.timer {
        let colour = if timer.left(now_secs) < 0.0 {
            Color32::from_rgb(220, 40, 40)
        } else {
            ui.visuals().strong_text_color()
        };
        ui.horizontal(|ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(
                    RichText::new(format!("Timebox {}", timer.text(now_secs)))
                        .font(FontId::proportional(40.0))
                        .color(colour),
                );
            });
        });
    }
}
