//! The minimap: the whole map small, click or drag to move; never over a card.

use super::{
    Color32, Id, Map, Rect, Report, Sense, Stroke, StrokeKind, Transform, Ui, Vec2, ViewState,
    layout, rgb, theme,
};

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
    let scale = (size.x / bounds.width as f32).min(size.y / bounds.height as f32);
    // The map is centred in the frame along the side it does not fill (a map of six columns
    // thousands of cards tall is a strip down the middle, not a sliver at the edge).
    let origin =
        frame.min + (size - Vec2::new(bounds.width as f32, bounds.height as f32) * scale) / 2.0;
    let to_mini = |point: [f64; 2]| {
        origin + Vec2::new((point[0] - bounds.x) as f32, (point[1] - bounds.y) as f32) * scale
    };
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
        let centre = Vec2::new(canvas.x + bounds.x as f32, canvas.y + bounds.y as f32);
        view.offset = area.size() / 2.0 - centre * view.scale();
    }
}
