//! Reading our own SVG back with usvg and the bundled fonts: shared by the PNG (resvg) and the PDF
//! (svg2pdf), so both draw exactly what the SVG export says, with the same font on every machine.

use std::sync::Arc;

use super::ExportError;
use crate::fonts;

/// An SVG text parsed into a usvg tree with the bundled fonts as the only fonts.
pub(super) fn tree(svg: &str) -> Result<resvg::usvg::Tree, ExportError> {
    let mut options = resvg::usvg::Options::default();
    let mut database = resvg::usvg::fontdb::Database::new();
    database.load_font_data(fonts::REGULAR.to_vec());
    database.load_font_data(fonts::BOLD.to_vec());
    database.set_sans_serif_family(fonts::FAMILY);
    options.fontdb = Arc::new(database);
    fonts::FAMILY.clone_into(&mut options.font_family);
    resvg::usvg::Tree::from_str(svg, &options)
        .map_err(|error| ExportError::Render(error.to_string()))
}
