//! The map as PNG: the SVG rendered with resvg and the bundled font, so it looks the same on every
//! machine and needs no display.

use super::ExportError;
use super::svg::to_svg;
use crate::analysis::Report;
use crate::model::Map;

/// Pixels per SVG unit by default: sharp on slides and high-density screens.
pub const DEFAULT_PNG_SCALE: f32 = 2.0;
/// The largest picture rendered, in pixels per side.
const MAX_SIDE: u32 = 16_000;
/// The most pixels rendered (a 64-megapixel picture takes 256 MB and some seconds; more is
/// minutes and gigabytes for a file no image viewer shows well).
const MAX_PIXELS: f64 = 64.0e6;
/// Below this scale the cards' text (14 px names) is smaller than 7 px: unreadable.
const MIN_READABLE_SCALE: f32 = 0.5;

/// The scale a PNG of this map is rendered at: the asked one, or a smaller one so the picture stays
/// within 16,000 px a side and 64 megapixels. A map that would need a scale below 0.5 (text under
/// 7 px) is refused with a message that points to SVG, PDF or HTML: never a sliver.
pub fn png_scale(map: &Map, asked: f32) -> Result<f32, ExportError> {
    let (width, height) = super::svg::picture_size(map);
    let (width, height) = (width as f32, height as f32);
    let by_side = MAX_SIDE as f32 / width.max(height);
    let by_pixels = (MAX_PIXELS as f32 / (width * height)).sqrt();
    let scale = asked.min(by_side).min(by_pixels);
    if scale < MIN_READABLE_SCALE.min(asked) {
        return Err(ExportError::TooLargeForPng {
            width: (width * MIN_READABLE_SCALE).round() as u64,
            height: (height * MIN_READABLE_SCALE).round() as u64,
        });
    }
    Ok(scale)
}

/// Renders the map at a scale (1.0 = one pixel per canvas unit), or at the smaller one
/// [`png_scale`] chooses; refuses a map too large to be readable.
pub fn to_png(map: &Map, report: &Report, scale: f32) -> Result<Vec<u8>, ExportError> {
    let scale = png_scale(map, scale)?;
    let tree = super::render::tree(&to_svg(map, report))?;
    let size = tree.size();
    let width = (size.width() * scale).ceil().max(1.0) as u32;
    let height = (size.height() * scale).ceil().max(1.0) as u32;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| ExportError::Render(format!("cannot make a {width}×{height} picture")))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|error| ExportError::Render(error.to_string()))
}
