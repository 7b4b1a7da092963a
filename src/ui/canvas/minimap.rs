//! The minimap: the whole map small, click or drag to move; never over a card.

use super::{
    Color32, Id, Map, Rect, Report, Sense, Stroke, StrokeKind, Transform, Ui, Vec2, ViewState,
    layout, rgb, theme,
};

/// Maps with more touch points than this draw the minimap's cards as one picture.
const PICTURE_ABOVE: usize = 500;

/// The minimap's cards of a big map as one picture, for the layout (and analysis) and frame size
/// it was painted for.
#[derive(Clone)]
pub struct MinimapPicture {
    key: (u64, [u32; 4]),
    texture: egui::TextureHandle,
}

impl std::fmt::Debug for MinimapPicture {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("MinimapPicture")
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

/// Every card as a rectangle of its colour (at least two pixels) in a picture the size of the
/// minimap's frame; `(offset, scale)` place the map in the frame.
fn picture_of(
    map: &Map,
    report: &Report,
    (bounds, offset, scale): (layout::Rect, Vec2, f32),
    size: Vec2,
    pixels: f32,
) -> egui::ColorImage {
    let (width, height) = (
        (size.x * pixels).round().max(1.0) as usize,
        (size.y * pixels).round().max(1.0) as usize,
    );
    let mut image = egui::ColorImage::filled([width, height], Color32::TRANSPARENT);
    let least = 2.0 * pixels;
    for touchpoint in map.graph().node_weights() {
        let rect = layout::card_rect(map, touchpoint);
        let at = |x: f64, y: f64| {
            (
                (offset.x + (x - bounds.x) as f32 * scale) * pixels,
                (offset.y + (y - bounds.y) as f32 * scale) * pixels,
            )
        };
        let (left, top) = at(rect.x, rect.y);
        let (right, bottom) = at(rect.x + rect.width, rect.y + rect.height);
        let (right, bottom) = (right.max(left + least), bottom.max(top + least));
        let colour = rgb(layout::touchpoint_rgb(report, &touchpoint.id));
        let clamp = |value: f32, most: usize| (value.max(0.0) as usize).min(most);
        for y in clamp(top, height)..clamp(bottom, height) {
            for x in clamp(left, width)..clamp(right, width) {
                image.pixels[y * width + x] = colour;
            }
        }
    }
    image
}

pub(super) fn minimap_ui(
    ui: &mut Ui,
    painter: &egui::Painter,
    map: &Map,
    report: &Report,
    (bounds, stamp): (layout::Rect, u64),
    area: Rect,
    view: &mut ViewState,
) {
    if !view.minimap || map.touchpoint_count() < 12 || area.width() < 500.0 || view.lanes {
        return;
    }
    let size = Vec2::new(170.0, 105.0);
    let frame = Rect::from_min_size(area.right_bottom() - size - Vec2::splat(10.0), size);
    // Never over a card: where the map reaches the corner, the minimap stays away. Worked out
    // once per layout and view, not every frame.
    let key: crate::ui::MinimapKey = (
        stamp,
        [
            view.offset.x,
            view.offset.y,
            view.zoom,
            view.spread,
            area.min.x,
            area.min.y,
            area.max.x,
            area.max.y,
        ]
        .map(f32::to_bits),
    );
    let covers_a_card = match view.minimap_covers {
        Some((known, covers)) if known == key => covers,
        _ => {
            let transform = Transform::new(area, view);
            let covers = map.graph().node_weights().any(|touchpoint| {
                let rect = transform.screen_rect(layout::card_rect(map, touchpoint));
                rect.expand(6.0).intersects(frame)
            });
            view.minimap_covers = Some((key, covers));
            covers
        }
    };
    if covers_a_card {
        return;
    }
    let (width, height) = (bounds.width as f32, bounds.height as f32);
    let fitted = (size.x / width).min(size.y / height);
    // A map of six columns thousands of cards tall would be a hairline at the scale that fits it
    // whole: the minimap then fills its width and shows the stretch of the map around the view,
    // following it as the view moves.
    let (scale, top) = if width * fitted < size.x * 0.3 {
        let scale = size.x / width;
        let window = f64::from(size.y / scale);
        let centre = Transform::new(area, view).canvas_from_screen(area.center())[1];
        let top = (centre - window / 2.0)
            .min(bounds.y + bounds.height - window)
            .max(bounds.y);
        (scale, top)
    } else {
        (fitted, bounds.y)
    };
    let shown = (height - (top - bounds.y) as f32).min(size.y / scale);
    // The map is centred in the frame along the side it does not fill.
    let origin = frame.min + (size - Vec2::new(width, shown) * scale) / 2.0;
    let to_mini = |point: [f64; 2]| {
        origin + Vec2::new((point[0] - bounds.x) as f32, (point[1] - top) as f32) * scale
    };
    let painter = painter.with_clip_rect(frame);
    // Cards and the view stay visible however far the map is scaled down.
    let at_least = |rect: Rect, side: f32| {
        Rect::from_center_size(rect.center(), rect.size().max(Vec2::splat(side)))
    };
    painter.rect_filled(
        frame,
        6.0,
        ui.visuals().extreme_bg_color.gamma_multiply(0.92),
    );
    painter.rect_stroke(
        frame,
        6.0,
        Stroke::new(1.0, Color32::from_gray(140)),
        StrokeKind::Inside,
    );
    if map.touchpoint_count() > PICTURE_ABOVE {
        // A big map's cards are one picture, painted once per layout and analysis: thousands of
        // little rectangles every frame cost more than the rest of the canvas.
        let pixels = ui.ctx().pixels_per_point();
        let key = (
            stamp,
            [frame.width(), frame.height(), pixels, top as f32].map(f32::to_bits),
        );
        if view
            .minimap_picture
            .as_ref()
            .is_none_or(|picture| picture.key != key)
        {
            let image = picture_of(
                map,
                report,
                (layout::Rect { y: top, ..bounds }, origin - frame.min, scale),
                frame.size(),
                pixels,
            );
            let texture = ui
                .ctx()
                .load_texture("minimap", image, egui::TextureOptions::LINEAR);
            view.minimap_picture = Some(MinimapPicture { key, texture });
        }
        if let Some(picture) = &view.minimap_picture {
            painter.image(
                picture.texture.id(),
                frame,
                Rect::from_min_max(egui::Pos2::ZERO, egui::pos2(1.0, 1.0)),
                Color32::WHITE,
            );
        }
    } else {
        for touchpoint in map.graph().node_weights() {
            let rect = layout::card_rect(map, touchpoint);
            let mini = at_least(
                Rect::from_min_max(
                    to_mini([rect.x, rect.y]),
                    to_mini([rect.x + rect.width, rect.y + rect.height]),
                ),
                2.0,
            );
            painter.rect_filled(
                mini,
                1.0,
                rgb(layout::touchpoint_rgb(report, &touchpoint.id)),
            );
        }
    }
    let transform = Transform::new(area, view);
    let top_left = transform.canvas_from_screen(area.min);
    let bottom_right = transform.canvas_from_screen(area.max);
    let visible = at_least(
        Rect::from_min_max(to_mini(top_left), to_mini(bottom_right)),
        6.0,
    )
    .intersect(frame);
    painter.rect_stroke(
        visible,
        2.0,
        Stroke::new(1.5, theme::SELECTION),
        StrokeKind::Inside,
    );
    let response = ui.interact(frame, Id::unique("minimap"), Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Minimap"));
    if (response.clicked() || response.dragged())
        && let Some(pointer) = response.interact_pointer_pos()
    {
        let canvas = (pointer - origin) / scale;
        let centre = Vec2::new(canvas.x + bounds.x as f32, canvas.y + top as f32);
        view.offset = area.size() / 2.0 - centre * view.scale();
    }
}
