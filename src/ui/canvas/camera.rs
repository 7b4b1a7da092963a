//! The canvas camera: canvas ⇄ screen transform, zoom at a point, scroll, fit.

use super::{Id, Pos2, Rect, Ui, Vec2, ViewState, ZOOM_RANGE, layout};

/// Canvas ⇄ screen transform of one frame.
#[derive(Debug, Clone, Copy)]
pub struct Transform {
    pub(super) origin: Pos2,
    pub(super) zoom: f32,
}

impl Transform {
    /// The transform for a canvas area and a view.
    #[must_use]
    pub fn new(area: Rect, view: &ViewState) -> Self {
        Self {
            origin: area.min + view.offset,
            zoom: view.zoom,
        }
    }

    /// Screen position of a canvas point.
    #[must_use]
    pub fn screen_from_canvas(&self, point: [f64; 2]) -> Pos2 {
        self.origin + Vec2::new(point[0] as f32, point[1] as f32) * self.zoom
    }

    /// Canvas point under a screen position.
    #[must_use]
    pub fn canvas_from_screen(&self, point: Pos2) -> [f64; 2] {
        let canvas = (point - self.origin) / self.zoom;
        [f64::from(canvas.x), f64::from(canvas.y)]
    }

    /// Screen rectangle of a canvas rectangle.
    #[must_use]
    pub fn screen_rect(&self, rect: layout::Rect) -> Rect {
        Rect::from_min_size(
            self.screen_from_canvas([rect.x, rect.y]),
            Vec2::new(rect.width as f32, rect.height as f32) * self.zoom,
        )
    }
}

/// Zooms so the whole map fits the area.
/// Zooms so the whole map fits the area, but not below `min_zoom`; returns whether it all fits.
pub(super) fn fit(bounds: layout::Rect, area: Rect, view: &mut ViewState, min_zoom: f32) -> bool {
    let zoom_x = area.width() / bounds.width.max(1.0) as f32;
    let zoom_y = area.height() / bounds.height.max(1.0) as f32;
    let whole = zoom_x.min(zoom_y) * 0.97;
    view.zoom = whole.clamp(min_zoom, 1.6);
    let used = Vec2::new(bounds.width as f32, bounds.height as f32) * view.zoom;
    // Centred when it fits; from the top-left corner when it does not.
    let margin = ((area.size() - used) / 2.0).max(Vec2::splat(8.0));
    view.offset = margin - Vec2::new(bounds.x as f32, bounds.y as f32) * view.zoom;
    whole >= min_zoom
}

pub(super) fn zoom_and_scroll(ui: &Ui, area: Rect, view: &mut ViewState) {
    let Some(pointer) = ui.input(|input| input.pointer.hover_pos()) else {
        return;
    };
    if !area.contains(pointer) || ui.ctx().is_being_dragged(Id::unique("minimap")) {
        return;
    }
    // A window or overlay above the map (F1's help, the palette, a side-by-side table) takes its
    // own wheel: the map behind it stays put.
    if ui
        .ctx()
        .layer_id_at(pointer)
        .is_some_and(|layer| layer != ui.layer_id())
    {
        return;
    }
    let (zoom_delta, scroll) = ui.input(|input| (input.zoom_delta(), input.smooth_scroll_delta));
    if (zoom_delta - 1.0).abs() > f32::EPSILON {
        zoom_at(view, area, pointer, zoom_delta);
    }
    if scroll != Vec2::ZERO {
        view.offset += scroll;
    }
}

/// Zooms by a factor keeping the canvas point under `anchor` where it is.
pub fn zoom_at(view: &mut ViewState, area: Rect, anchor: Pos2, factor: f32) {
    let new_zoom = (view.zoom * factor).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
    let anchor_in_area = anchor - area.min;
    let canvas = (anchor_in_area - view.offset) / view.zoom;
    view.zoom = new_zoom;
    view.offset = anchor_in_area - canvas * new_zoom;
}
