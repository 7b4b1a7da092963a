//! The bundled font, `DejaVu Sans`: the editor's first font (clear on a projector, with the symbols
//! the cards use: ★ ▶ ⚑ → ● ◆) and the font every picture, the PNG and the PDF are drawn with, so a
//! map looks the same on every machine and needs no system font.

/// The family name the SVG exports ask for.
pub const FAMILY: &str = "DejaVu Sans";
/// `DejaVu Sans`, regular.
pub const REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// `DejaVu Sans`, bold.
pub const BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");
