//! The canvas camera: canvas ⇄ screen transform, zoom at a point, scroll, fit.

use super::{Id, Pos2, Rect, Ui, Vec2, ViewState, ZOOM_RANGE, layout};

/// Canvas ⇄ screen transform of one frame. Positions scale by the zoom across and down, and across
/// also by the view's spread (below 1 when Fit drew the columns closer together); cards keep their
/// size, centred where their centre falls, so text stays as large as the zoom makes it.
#[derive(Debug, Clone, Copy)]
pub struct Transform {
    pub(super) origin: Pos2,
    pub(super) zoom: f32,
    /// Screen points per canvas unit across and down.
    scale: Vec2,
}

impl Transform {
    /// The transform for a canvas area and a view.
    #[must_use]
    pub fn new(area: Rect, view: &ViewState) -> Self {
        Self {
            origin: area.min + view.offset,
            zoom: view.zoom,
            scale: view.scale(),
        }
    }

    /// Screen position of a canvas point.
    #[must_use]
    pub fn screen_from_canvas(&self, point: [f64; 2]) -> Pos2 {
        self.origin + Vec2::new(point[0] as f32, point[1] as f32) * self.scale
    }

    /// Canvas point under a screen position.
    #[must_use]
    pub fn canvas_from_screen(&self, point: Pos2) -> [f64; 2] {
        let canvas = (point - self.origin) / self.scale;
        [f64::from(canvas.x), f64::from(canvas.y)]
    }

    /// Screen rectangle of a card's canvas rectangle: its centre moved as positions are, its size
    /// the zoom's.
    #[must_use]
    pub fn screen_rect(&self, rect: layout::Rect) -> Rect {
        Rect::from_center_size(
            self.screen_from_canvas(rect.center()),
            Vec2::new(rect.width as f32, rect.height as f32) * self.zoom,
        )
    }
}

/// The closest Fit draws the columns together: a card (190 wide) still leaves a gap of 15 units to
/// the next column's (250 × 0.82 = 205), room for a link's arrow.
pub(super) const MIN_SPREAD: f32 = 0.82;

/// Zooms so the whole map fits the area, but not below `min_zoom`; returns whether it all fits.
/// When it fits at `min_zoom` only with the columns closer together, they are drawn closer (the
/// view's spread) rather than the cards smaller: a projector's 1280×720 shows six stages with card
/// names at 14 pixels.
pub(super) fn fit(bounds: layout::Rect, area: Rect, view: &mut ViewState, min_zoom: f32) -> bool {
    let (width, height) = (bounds.width.max(1.0) as f32, bounds.height.max(1.0) as f32);
    let (room_x, room_y) = (area.width() * 0.97, area.height() * 0.97);
    let whole = (room_x / width).min(room_y / height);
    // Half a card's width sticks out past its centre, which is all that moves closer.
    let half_card = (layout::CARD_WIDTH / 2.0) as f32;
    let spread_at = |zoom: f32| ((room_x / zoom - half_card) / (width - half_card)).min(1.0);
    let fits = if whole >= min_zoom {
        view.zoom = whole.min(1.6);
        view.spread = 1.0;
        true
    } else {
        // Readable first: the smallest readable zoom, with the columns as far apart as the width
        // allows (every stage across, when they can come close enough; the rest is a drag down).
        view.zoom = min_zoom;
        let spread = spread_at(min_zoom);
        if spread >= MIN_SPREAD {
            view.spread = spread;
            room_y / height >= min_zoom
        } else {
            view.spread = 1.0;
            false
        }
    };
    let scale = view.scale();
    let used = Vec2::new(
        width * scale.x + half_card * (view.zoom - scale.x),
        height * scale.y,
    );
    // Centred when it fits; from the top-left corner when it does not.
    let margin = ((area.size() - used) / 2.0).max(Vec2::splat(8.0));
    view.offset = margin - Vec2::new(bounds.x as f32, bounds.y as f32) * scale;
    fits
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
    let canvas = (anchor_in_area - view.offset) / view.scale();
    view.zoom = new_zoom;
    view.offset = anchor_in_area - canvas * view.scale();
}
