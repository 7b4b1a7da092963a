//! What lies under the cards: the stage columns with their headers, and the organisation lanes.

use super::{Align2, Color32, Map, Pos2, Rect, Stroke, Transform, Ui, Vec2, layout};

pub(super) fn draw_columns(
    ui: &Ui,
    painter: &egui::Painter,
    map: &Map,
    bounds: layout::Rect,
    area: Rect,
    transform: &Transform,
) {
    let dark = ui.visuals().dark_mode;
    let bottom = transform
        .screen_from_canvas([0.0, bounds.y + bounds.height])
        .y
        .max(area.bottom());
    for (index, column) in layout::columns(map).iter().enumerate() {
        let left = transform
            .screen_from_canvas([layout::column_left(index), 0.0])
            .x;
        let right = transform
            .screen_from_canvas([layout::column_left(index + 1), 0.0])
            .x;
        let top = transform.screen_from_canvas([0.0, 0.0]).y;
        let band = Rect::from_min_max(Pos2::new(left, top), Pos2::new(right, bottom));
        if !band.intersects(area) {
            continue;
        }
        let fill = match (dark, index % 2 == 0) {
            (true, true) => Color32::from_gray(36),
            (true, false) => Color32::from_gray(31),
            (false, true) => Color32::from_gray(236),
            (false, false) => Color32::from_gray(243),
        };
        // Only the part on screen: a 20,000-card map's column is some 19,000 points tall at Fit
        // (the renderer clips the rest anyway; this keeps the shapes' sizes sane).
        painter.rect_filled(band.intersect(area.expand(1.0)), 0.0, fill);
        let header = Rect::from_min_max(
            band.min,
            Pos2::new(right, top + layout::HEADER_HEIGHT as f32 * transform.zoom),
        );
        painter.rect_filled(
            header,
            0.0,
            if dark {
                Color32::from_gray(50)
            } else {
                Color32::from_gray(220)
            },
        );
        let name = column.as_deref().unwrap_or("No stage");
        painter.text(
            header.center(),
            Align2::CENTER_CENTER,
            name,
            egui::FontId::proportional((17.0 * transform.zoom).max(7.0)),
            ui.visuals().strong_text_color(),
        );
    }
}

/// When the map is scrolled so far down that the stage headers are above the canvas, draws them
/// again pinned to the canvas's top edge, over the cards, so that a zoomed-in room still knows which
/// stage it is looking at.
pub(super) fn draw_pinned_headers(
    ui: &Ui,
    painter: &egui::Painter,
    map: &Map,
    area: Rect,
    transform: &Transform,
) {
    let top = transform.screen_from_canvas([0.0, 0.0]).y;
    let header_bottom = top + layout::HEADER_HEIGHT as f32 * transform.zoom;
    if header_bottom > area.top() + 2.0 {
        return;
    }
    let dark = ui.visuals().dark_mode;
    let size = (17.0 * transform.zoom).clamp(14.0, 22.0);
    let height = size + 14.0;
    for (index, column) in layout::columns(map).iter().enumerate() {
        let left = transform
            .screen_from_canvas([layout::column_left(index), 0.0])
            .x
            .max(area.left());
        let right = transform
            .screen_from_canvas([layout::column_left(index + 1), 0.0])
            .x
            .min(area.right());
        if right <= left {
            continue;
        }
        let strip = Rect::from_min_max(
            Pos2::new(left, area.top()),
            Pos2::new(right, area.top() + height),
        );
        // Opaque: a see-through strip showed the name of the card under it through the stage's
        // ("Delivery" over "unboxin").
        let fill = if dark {
            Color32::from_rgb(50, 50, 50)
        } else {
            Color32::from_rgb(220, 220, 220)
        };
        painter.rect_filled(strip, 0.0, fill);
        painter.line_segment(
            [strip.left_bottom(), strip.right_bottom()],
            Stroke::new(1.0, Color32::from_gray(150)),
        );
        let name = column.as_deref().unwrap_or("No stage");
        painter.text(
            strip.center(),
            Align2::CENTER_CENTER,
            name,
            egui::FontId::proportional(size),
            ui.visuals().strong_text_color(),
        );
    }
}

pub(super) fn draw_lanes(
    ui: &Ui,
    painter: &egui::Painter,
    lanes: &layout::LaneLayout,
    area: Rect,
    transform: &Transform,
) {
    let right = transform
        .screen_from_canvas([layout::column_left(64), 0.0])
        .x
        .max(area.right());
    let left = transform.screen_from_canvas([0.0, 0.0]).x;
    for (index, lane) in lanes.lanes.iter().enumerate() {
        let top = transform.screen_from_canvas([0.0, lane.top]).y;
        let bottom = transform
            .screen_from_canvas([0.0, lane.top + lane.height])
            .y;
        let band = Rect::from_min_max(Pos2::new(left, top), Pos2::new(right, bottom));
        if !band.intersects(area) {
            continue;
        }
        if index % 2 == 1 {
            painter.rect_filled(band, 0.0, ui.visuals().text_color().gamma_multiply(0.04));
        }
        painter.line_segment(
            [band.left_top(), band.right_top()],
            Stroke::new(1.5, ui.visuals().text_color().gamma_multiply(0.35)),
        );
        let name = lane.owner.as_deref().unwrap_or("Nobody owns these");
        painter.text(
            band.left_top() + Vec2::new(8.0, 4.0),
            Align2::LEFT_TOP,
            name,
            egui::FontId::proportional((15.0 * transform.zoom).max(8.0)),
            if lane.owner.is_none() {
                Color32::from_rgb(200, 80, 40)
            } else {
                ui.visuals().strong_text_color()
            },
        );
    }
}
