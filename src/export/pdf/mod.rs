//! The map and its report as a PDF, A4 landscape: the map page (the SVG export itself), then the
//! weak spots, the summaries and each campaign's pre-flight. Every page is drawn as SVG with the
//! bundled font and converted by svg2pdf, so the text stays real, selectable text and the font is
//! embedded (subset); nothing is drawn by hand in PDF operators except placing those pages.

use std::collections::HashMap;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};

mod report;

use report::{Line, PageSvg, fit_to_width, report_pages};

use super::ExportError;
use super::svg::{picture_size, svg_element};
use crate::analysis::{Preflight, Report};
use crate::model::Map;
use crate::numbers::whole;

/// A4 landscape, in points.
const PAGE_WIDTH: f64 = 842.0;
const PAGE_HEIGHT: f64 = 595.0;
const MARGIN: f64 = 36.0;
/// Room for the line above the map on the map pages.
const MAP_HEADER: f64 = 28.0;
/// Room for the page number at the bottom.
const FOOTER: f64 = 18.0;
/// The smallest scale at which a card's name (14 units) is still 6 pt: readable on paper.
const MIN_READABLE_SCALE: f64 = 6.0 / 14.0;
/// The most pages a map is spread over at a readable scale; a larger map gets the overview page
/// alone, with a note that points to the SVG.
const MAX_MAP_PAGES: usize = 48;

/// The map and its report as the bytes of a PDF file.
pub fn to_pdf(map: &Map, report: &Report, preflight: &Preflight) -> Result<Vec<u8>, ExportError> {
    let comparison =
        crate::analysis::SegmentComparison::of(map, &crate::analysis::Config::default());
    to_pdf_with(map, report, preflight, comparison.as_ref())
}

/// [`to_pdf`] with the segments' comparison given (a segment's view compares the map's segments).
pub(super) fn to_pdf_with(
    map: &Map,
    report: &Report,
    preflight: &Preflight,
    comparison: Option<&crate::analysis::SegmentComparison>,
) -> Result<Vec<u8>, ExportError> {
    let plan = MapPages::of(map);
    let report_pages = report_pages(map, report, preflight, comparison);
    let total = plan.count() + report_pages.len();
    let footer = |number: usize| format!("{} · page {number} of {total}", map.title);
    let mut document = Document::default();
    plan.draw(map, report, &footer, &mut document)?;
    for (index, mut page) in report_pages.into_iter().enumerate() {
        page.footer(&footer(plan.count() + index + 1));
        let object = document.object(&page.finish())?;
        document.pages.push(vec![Draw::whole_page(object)]);
    }
    document.finish(&map.title)
}

/// How the map goes onto paper: an overview page with the whole map fitted on it and, when the
/// overview is too small to read, the map again over several pages at a readable scale.
struct MapPages {
    /// The picture's size in SVG units.
    size: (f64, f64),
    /// The overview's scale.
    fit: f64,
    /// Pages across and down at the readable scale.
    columns: usize,
    rows: usize,
    /// Whether those pages are made (the overview is too small, and they are not too many).
    tiled: bool,
}

impl MapPages {
    const AREA_WIDTH: f64 = PAGE_WIDTH - 2.0 * MARGIN;
    const AREA_HEIGHT: f64 = PAGE_HEIGHT - 2.0 * MARGIN - MAP_HEADER - FOOTER;
    const TOP: f64 = MARGIN + MAP_HEADER;

    fn of(map: &Map) -> Self {
        let (width, height) = picture_size(map);
        let fit = (Self::AREA_WIDTH / width)
            .min(Self::AREA_HEIGHT / height)
            .min(1.0);
        let columns = (width * MIN_READABLE_SCALE / Self::AREA_WIDTH)
            .ceil()
            .max(1.0) as usize;
        let rows = (height * MIN_READABLE_SCALE / Self::AREA_HEIGHT)
            .ceil()
            .max(1.0) as usize;
        Self {
            size: (width, height),
            fit,
            columns,
            rows,
            tiled: fit < MIN_READABLE_SCALE && columns * rows <= MAX_MAP_PAGES,
        }
    }

    fn count(&self) -> usize {
        if self.tiled {
            1 + self.columns * self.rows
        } else {
            1
        }
    }

    fn draw(
        &self,
        map: &Map,
        report: &Report,
        footer: &dyn Fn(usize) -> String,
        document: &mut Document,
    ) -> Result<(), ExportError> {
        let parts = self.columns * self.rows;
        let note = if self.fit >= MIN_READABLE_SCALE {
            String::new()
        } else if self.tiled {
            format!(
                " — too small to read on one page: the next {parts} pages show it at a readable size"
            )
        } else {
            format!(
                " — too large to read on paper ({} pages at a readable size): open the SVG export and zoom",
                whole(parts as f64)
            )
        };
        let picture = document.object(&svg_element(map, report))?;
        // The map's picture carries the title and the subtitle: page 1 names the title once, with
        // a note above it only where the map is too large to read on it.
        let header = document.object(&header_svg(note.trim_start_matches(" — "), &footer(1)))?;
        document.pages.push(vec![
            Draw::whole_page(header),
            Draw::picture(picture, self.size, self.fit, [MARGIN, Self::TOP], None),
        ]);
        if !self.tiled {
            return Ok(());
        }
        let (tile_width, tile_height) = (Self::AREA_WIDTH, Self::AREA_HEIGHT);
        for row in 0..self.rows {
            for column in 0..self.columns {
                let part = row * self.columns + column + 1;
                let header = document.object(&header_svg(
                    &format!(
                        "{} — part {part} of {parts} (row {}, column {})",
                        map.title,
                        row + 1,
                        column + 1
                    ),
                    &footer(part + 1),
                ))?;
                let origin = [
                    MARGIN - column as f64 * tile_width,
                    Self::TOP - row as f64 * tile_height,
                ];
                let clip = [MARGIN, Self::TOP, Self::AREA_WIDTH, Self::AREA_HEIGHT];
                document.pages.push(vec![
                    Draw::whole_page(header),
                    Draw::picture(picture, self.size, MIN_READABLE_SCALE, origin, Some(clip)),
                ]);
            }
        }
        Ok(())
    }
}

/// A page with one line of text at the top and the footer, drawn over the map on the map pages.
fn header_svg(text: &str, footer: &str) -> String {
    let mut page = PageSvg::default();
    page.line(
        &Line::text(
            &fit_to_width(text, PAGE_WIDTH - 2.0 * MARGIN, 13.0, true),
            13.0,
            true,
        ),
        MARGIN + 16.0,
    );
    page.footer(footer);
    page.finish()
}

/// Where one converted SVG goes on a page.
#[derive(Debug, Clone, Copy)]
struct Draw {
    object: usize,
    /// Left, top (points from the page's top-left corner), width, height.
    place: [f64; 4],
    /// Left, top, width, height of the part of the page it may paint.
    clip: Option<[f64; 4]>,
}

impl Draw {
    fn whole_page(object: usize) -> Self {
        Self {
            object,
            place: [0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT],
            clip: None,
        }
    }

    fn picture(
        object: usize,
        (width, height): (f64, f64),
        scale: f64,
        [left, top]: [f64; 2],
        clip: Option<[f64; 4]>,
    ) -> Self {
        Self {
            object,
            place: [left, top, width * scale, height * scale],
            clip,
        }
    }
}

/// The PDF being put together: converted SVGs (as svg2pdf chunks) and the pages that place them.
#[derive(Default)]
struct Document {
    objects: Vec<(pdf_writer::Chunk, Ref)>,
    pages: Vec<Vec<Draw>>,
}

impl Document {
    /// Converts an SVG once; pages may place it any number of times.
    fn object(&mut self, svg: &str) -> Result<usize, ExportError> {
        let tree = super::render::tree(svg)?;
        let converted = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|error| ExportError::Render(format!("PDF: {error}")))?;
        self.objects.push(converted);
        Ok(self.objects.len() - 1)
    }

    fn finish(self, title: &str) -> Result<Vec<u8>, ExportError> {
        let mut next = Ref::new(1);
        let catalog = next.bump();
        let page_tree = next.bump();
        let info = next.bump();
        let mut pdf = Pdf::new();
        let mut objects = Vec::new();
        for (chunk, root) in &self.objects {
            let mut renumbered = HashMap::new();
            let chunk = chunk.renumber(|old| *renumbered.entry(old).or_insert_with(|| next.bump()));
            let root = *renumbered
                .get(root)
                .ok_or_else(|| ExportError::Render("PDF: a page lost its drawing".to_owned()))?;
            objects.push(root);
            pdf.extend(&chunk);
        }
        let page_refs: Vec<(Ref, Ref)> = self
            .pages
            .iter()
            .map(|_| (next.bump(), next.bump()))
            .collect();
        pdf.catalog(catalog).pages(page_tree);
        pdf.pages(page_tree)
            .kids(page_refs.iter().map(|(page, _)| *page))
            .count(page_refs.len() as i32);
        for (draws, (page_ref, content_ref)) in self.pages.iter().zip(&page_refs) {
            let mut page = pdf.page(*page_ref);
            page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH as f32, PAGE_HEIGHT as f32));
            page.parent(page_tree);
            page.contents(*content_ref);
            let mut resources = page.resources();
            let mut x_objects = resources.x_objects();
            for draw in draws {
                x_objects.pair(
                    Name(format!("S{}", draw.object).as_bytes()),
                    objects[draw.object],
                );
            }
            x_objects.finish();
            resources.finish();
            page.finish();
            let mut content = Content::new();
            for draw in draws {
                content.save_state();
                if let Some([left, top, width, height]) = draw.clip {
                    content.rect(
                        left as f32,
                        (PAGE_HEIGHT - top - height) as f32,
                        width as f32,
                        height as f32,
                    );
                    content.clip_nonzero();
                    content.end_path();
                }
                let [left, top, width, height] = draw.place;
                content.transform([
                    width as f32,
                    0.0,
                    0.0,
                    height as f32,
                    left as f32,
                    (PAGE_HEIGHT - top - height) as f32,
                ]);
                content.x_object(Name(format!("S{}", draw.object).as_bytes()));
                content.restore_state();
            }
            pdf.stream(*content_ref, &content.finish());
        }
        pdf.document_info(info)
            .title(TextStr(title))
            .creator(TextStr("touchmap"));
        Ok(pdf.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::report::{measure, wrap_to_width};

    #[test]
    fn wrapping_measures_the_font_and_never_cuts_a_glyph() {
        // "W" is wider than "i" in DejaVu Sans: a line of W's wraps where a line of i's does not.
        let narrow = "i".repeat(60);
        let wide = "W".repeat(60);
        assert_eq!(wrap_to_width(&narrow, 200.0, 10.0, false).len(), 1);
        let cut = wrap_to_width(&wide, 200.0, 10.0, false);
        assert_eq!(cut.len(), 1);
        assert!(cut[0].ends_with('…'), "{cut:?}");
        assert!(measure(&cut[0], 10.0, false) <= 200.0);
        let words = wrap_to_width(
            "Courier delivery arrives late and nobody answers",
            120.0,
            10.0,
            false,
        );
        assert!(words.len() > 1);
        assert!(words.iter().all(|line| measure(line, 10.0, false) <= 120.0));
        assert_eq!(
            words.join(" "),
            "Courier delivery arrives late and nobody answers"
        );
    }
}
