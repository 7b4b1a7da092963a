//! Colours and type sizes of the editor, readable on a projector, in light and dark mode.

use egui::{Color32, FontId};

use crate::analysis::Severity;

/// Converts an RGB triple from the layout module.
#[must_use]
pub fn rgb(colour: [u8; 3]) -> Color32 {
    Color32::from_rgb(colour[0], colour[1], colour[2])
}

/// The colour that marks a severity.
#[must_use]
pub fn severity_colour(severity: Severity) -> Color32 {
    match severity {
        Severity::Critical => Color32::from_rgb(200, 30, 40),
        Severity::High => Color32::from_rgb(225, 110, 20),
        Severity::Medium => Color32::from_rgb(190, 150, 0),
        Severity::Low => Color32::from_rgb(110, 120, 135),
    }
}

/// The colour of a campaign's customers on the map (badges): dark blue, white text reads on it.
pub const CAMPAIGN: Color32 = Color32::from_rgb(30, 58, 138);

/// The colour that marks a segment's own values and the segment shown: a violet that reads on light
/// and dark panels alike.
pub const SEGMENT: Color32 = Color32::from_rgb(140, 70, 200);

/// The selection colour.
pub const SELECTION: Color32 = Color32::from_rgb(40, 110, 230);
/// Dark text on the light card fills.
pub const CARD_TEXT: Color32 = Color32::from_rgb(25, 28, 35);
/// Secondary text on cards.
pub const CARD_SUBTEXT: Color32 = Color32::from_rgb(60, 66, 78);

/// The font of a card's name at a zoom.
#[must_use]
pub fn card_title_font(zoom: f32) -> FontId {
    FontId::proportional(15.0 * zoom)
}

/// The font of a card's details at a zoom.
#[must_use]
pub fn card_detail_font(zoom: f32) -> FontId {
    FontId::proportional(12.0 * zoom)
}

/// Makes the bundled font the first choice for proportional text and a fallback for monospace.
/// Takes effect from the next frame.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "DejaVuSans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(crate::fonts::REGULAR)),
    );
    fonts
        .families
        .entry(egui::FontFamily::Proportional)
        .or_default()
        .insert(0, "DejaVuSans".to_owned());
    fonts
        .families
        .entry(egui::FontFamily::Monospace)
        .or_default()
        .push("DejaVuSans".to_owned());
    ctx.set_fonts(fonts);
}
