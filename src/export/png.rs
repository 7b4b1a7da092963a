//! The map as PNG: the SVG rendered with resvg and the bundled font, so it looks the same on every
//! machine and needs no display.

use std::sync::Arc;

use super::ExportError;
use super::svg::to_svg;
use crate::analysis::Report;
use crate::model::Map;

/// Pixels per SVG unit by default: sharp on slides and high-density screens.
pub const DEFAULT_PNG_SCALE: f32 = 2.0;
/// The largest picture rendered, in pixels per side.
const MAX_SIDE: u32 = 16_000;

/// The bundled fonts.
const FONTS: [&[u8]; 2] = [
    include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
    include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf"),
];

/// Renders the map at a scale (1.0 = one pixel per canvas unit). Very large maps are scaled down to
/// stay within 16,000 pixels per side.
pub fn to_png(map: &Map, report: &Report, scale: f32) -> Result<Vec<u8>, ExportError> {
    let svg = to_svg(map, report);
    let mut options = resvg::usvg::Options::default();
    let mut fonts = resvg::usvg::fontdb::Database::new();
    for font in FONTS {
        fonts.load_font_data(font.to_vec());
    }
    fonts.set_sans_serif_family("DejaVu Sans");
    options.fontdb = Arc::new(fonts);
    "DejaVu Sans".clone_into(&mut options.font_family);
    let tree = resvg::usvg::Tree::from_str(&svg, &options)
        .map_err(|error| ExportError::Render(error.to_string()))?;
    let size = tree.size();
    let largest = size.width().max(size.height()) * scale;
    let scale = if largest > MAX_SIDE as f32 {
        scale * MAX_SIDE as f32 / largest
    } else {
        scale
    };
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
