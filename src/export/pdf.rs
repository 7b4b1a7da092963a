//! The map and its report as a PDF, A4 landscape: the map page (the SVG export itself), then the
//! weak spots, the summaries and each campaign's pre-flight. Every page is drawn as SVG with the
//! bundled font and converted by svg2pdf, so the text stays real, selectable text and the font is
//! embedded (subset); nothing is drawn by hand in PDF operators except placing those pages.

use std::collections::HashMap;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};

use super::ExportError;
use super::svg::{picture_size, svg_element};
use super::text::{score, xml_escape};
use crate::analysis::{CampaignPreflight, Preflight, Report, Severity};
use crate::fonts;
use crate::layout;
use crate::model::Map;
use crate::numbers::{money, whole};

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
    let plan = MapPages::of(map);
    let report_pages = report_pages(map, report, preflight);
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
        let header = document.object(&header_svg(&format!("{}{note}", map.title), &footer(1)))?;
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

/// Cuts a text to one line of a width, with "…" at the end when it was cut (never mid-glyph).
fn fit_to_width(text: &str, width: f64, size: f64, bold: bool) -> String {
    let text = super::text::single_line(text);
    if measure(&text, size, bold) <= width {
        return text;
    }
    let mut kept = String::new();
    for character in text.chars() {
        kept.push(character);
        if measure(&kept, size, bold) + measure("…", size, bold) > width {
            kept.pop();
            break;
        }
    }
    format!("{}…", kept.trim_end())
}

/// The width of a text in points, from the bundled font's own glyph advances (a glyph the font
/// lacks counts as one em, so a line never overflows).
fn measure(text: &str, size: f64, bold: bool) -> f64 {
    thread_local! {
        static FACES: Option<(ttf_parser::Face<'static>, ttf_parser::Face<'static>)> =
            ttf_parser::Face::parse(fonts::REGULAR, 0)
                .ok()
                .zip(ttf_parser::Face::parse(fonts::BOLD, 0).ok());
    }
    FACES.with(|faces| {
        let Some((regular, bold_face)) = faces else {
            return text.chars().count() as f64 * size;
        };
        let face = if bold { bold_face } else { regular };
        let units = f64::from(face.units_per_em());
        let advance: f64 = text
            .chars()
            .map(|character| {
                face.glyph_index(character)
                    .and_then(|glyph| face.glyph_hor_advance(glyph))
                    .map_or(units, f64::from)
            })
            .sum();
        advance / units * size
    })
}

/// Splits a text into lines no wider than `width` points, breaking at spaces; a word wider than a
/// line is cut with "…".
fn wrap_to_width(text: &str, width: f64, size: f64, bold: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in super::text::single_line(text).split_whitespace() {
        let word = if measure(word, size, bold) > width {
            fit_to_width(word, width, size, bold)
        } else {
            word.to_owned()
        };
        let candidate = if current.is_empty() {
            word.clone()
        } else {
            format!("{current} {word}")
        };
        if measure(&candidate, size, bold) <= width {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word));
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// A piece of text on a report line.
#[derive(Debug, Clone)]
struct Run {
    /// Points from the left margin.
    x: f64,
    text: String,
    bold: bool,
    colour: &'static str,
}

/// One line of a report page.
#[derive(Debug, Clone)]
struct Line {
    runs: Vec<Run>,
    size: f64,
    /// Space above the line (headings get more).
    space_above: f64,
}

impl Line {
    fn text(text: &str, size: f64, bold: bool) -> Self {
        Self {
            runs: vec![Run {
                x: 0.0,
                text: text.to_owned(),
                bold,
                colour: INK,
            }],
            size,
            space_above: 0.0,
        }
    }

    fn height(&self) -> f64 {
        self.space_above + self.size * 1.45
    }
}

const INK: &str = "#111827";
const MUTED: &str = "#374151";

/// Severity colours with at least 4.5:1 contrast on white (the HTML report's badges).
fn severity_colour(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "#b91c1c",
        Severity::High => "#9a3412",
        Severity::Medium => "#854d0e",
        Severity::Low => "#4b5563",
    }
}

/// The report's lines, in reading order.
#[derive(Default)]
struct Lines(Vec<Line>);

impl Lines {
    const WIDTH: f64 = PAGE_WIDTH - 2.0 * MARGIN;

    fn heading(&mut self, text: &str, size: f64) {
        for (index, line) in wrap_to_width(text, Self::WIDTH, size, true)
            .into_iter()
            .enumerate()
        {
            let mut line = Line::text(&line, size, true);
            if index == 0 {
                line.space_above = size * 0.8;
            }
            self.0.push(line);
        }
    }

    /// A paragraph, wrapped, indented by `indent` points, with an optional bold lead ("weak:").
    fn paragraph(&mut self, lead: Option<(&str, &'static str)>, text: &str, indent: f64) {
        let size = 10.0;
        let lead_width = lead.map_or(0.0, |(lead, _)| measure(&format!("{lead} "), size, true));
        let width = Self::WIDTH - indent - lead_width;
        for (index, part) in wrap_to_width(text, width, size, false)
            .into_iter()
            .enumerate()
        {
            let mut runs = Vec::new();
            if index == 0
                && let Some((lead, colour)) = lead
            {
                runs.push(Run {
                    x: indent,
                    text: lead.to_owned(),
                    bold: true,
                    colour,
                });
            }
            runs.push(Run {
                x: indent + lead_width,
                text: part,
                bold: false,
                colour: if indent > 0.0 { MUTED } else { INK },
            });
            self.0.push(Line {
                runs,
                size,
                space_above: 0.0,
            });
        }
    }

    /// A table row: each cell at its column, cut to the column's width.
    fn row(&mut self, cells: &[(f64, f64, String)], bold: bool) {
        let size = 10.0;
        let runs = cells
            .iter()
            .map(|(x, width, text)| Run {
                x: *x,
                text: fit_to_width(text, *width, size, bold),
                bold,
                colour: INK,
            })
            .collect();
        self.0.push(Line {
            runs,
            size,
            space_above: 0.0,
        });
    }
}

/// The report's pages after the map: weak spots, summaries, pre-flight (without their footers).
fn report_pages(map: &Map, report: &Report, preflight: &Preflight) -> Vec<PageSvg> {
    let mut lines = Lines::default();
    let summary = &report.summary;
    lines.heading(&map.title, 18.0);
    lines.paragraph(
        None,
        &format!(
            "{} · total cost {} · cost per reached customer {}",
            super::text::map_subtitle(map, report),
            money(summary.total_cost),
            summary
                .cost_per_customer
                .map_or_else(|| "–".to_owned(), money)
        ),
        0.0,
    );
    lines.heading("Weak spots, most severe first", 14.0);
    if report.findings.is_empty() {
        lines.paragraph(None, "No weak spots found.", 0.0);
    }
    for group in report.grouped() {
        let every_journey = group
            .touchpoint
            .and_then(|id| report.touchpoint(id))
            .filter(|analysis| analysis.must_pass)
            .map(|_| format!(" · {}", layout::EVERY_JOURNEY))
            .unwrap_or_default();
        let mut heading = format!("{}{every_journey}", group.subject(map));
        heading = fit_to_width(&heading, Lines::WIDTH - 90.0, 11.0, true);
        lines.0.push(Line {
            runs: vec![
                Run {
                    x: 0.0,
                    text: group.severity.as_str().to_uppercase(),
                    bold: true,
                    colour: severity_colour(group.severity),
                },
                Run {
                    x: 80.0,
                    text: heading,
                    bold: true,
                    colour: INK,
                },
            ],
            size: 11.0,
            space_above: 5.0,
        });
        for finding in &group.findings {
            lines.paragraph(
                Some((&format!("{}:", finding.rule.as_str()), INK)),
                &finding.reason,
                80.0,
            );
            lines.paragraph(None, &format!("→ {}", finding.action), 96.0);
        }
    }
    if report.touchpoints.iter().any(|analysis| analysis.must_pass) {
        lines.paragraph(None, layout::EVERY_JOURNEY_LEGEND, 0.0);
    }

    lines.heading("Score by stage", 14.0);
    let columns = |name: &str, count: String, value: String| {
        [
            (0.0, 300.0, name.to_owned()),
            (310.0, 90.0, count),
            (410.0, 120.0, value),
        ]
    };
    lines.row(
        &columns("Stage", "Touch points".into(), "Average score".into()),
        true,
    );
    for stage in &summary.stages {
        lines.row(
            &columns(
                &stage.stage,
                stage.touchpoints.to_string(),
                score(stage.score),
            ),
            false,
        );
    }
    lines.heading("Channels", 14.0);
    lines.row(
        &columns("Channel", "Touch points".into(), "Average score".into()),
        true,
    );
    for channel in &summary.channels {
        lines.row(
            &columns(
                &channel.channel,
                channel.touchpoints.to_string(),
                score(channel.score),
            ),
            false,
        );
    }
    if !preflight.campaigns.is_empty() {
        lines.heading("Campaign pre-flight", 14.0);
        for campaign in &preflight.campaigns {
            campaign_lines(map, campaign, &mut lines);
        }
    }
    paginate(&lines.0)
}

fn campaign_lines(map: &Map, campaign: &CampaignPreflight, lines: &mut Lines) {
    lines.heading(&campaign.name, 12.0);
    let objective = map.plan().objective(&campaign.objective);
    lines.paragraph(
        None,
        &format!(
            "Objective: {}",
            objective.map_or(campaign.objective.as_str(), |o| o.name.as_str())
        ),
        0.0,
    );
    lines.paragraph(
        None,
        &super::text::campaign_figures(campaign)
            .iter()
            .map(|(label, value)| format!("{label} {value}"))
            .collect::<Vec<_>>()
            .join(" · "),
        0.0,
    );
    let columns = |name: String, customers: String, lost: String| {
        [
            (16.0, 300.0, name),
            (330.0, 100.0, customers),
            (440.0, 100.0, lost),
        ]
    };
    lines.row(
        &columns(
            "Touch point".into(),
            "Customers".into(),
            "Lost there".into(),
        ),
        true,
    );
    let rows = campaign.report_rows();
    for row in rows {
        let name = map
            .touchpoint(&row.id)
            .map_or_else(|| row.id.to_string(), |t| t.name.clone());
        lines.row(&columns(name, whole(row.customers), whole(row.lost)), false);
    }
    if campaign.findings.is_empty() {
        lines.paragraph(None, "Ready: no readiness finding.", 0.0);
    }
    for finding in &campaign.findings {
        lines.paragraph(
            Some((
                &format!(
                    "{} {}:",
                    finding.severity.as_str().to_uppercase(),
                    finding.rule.as_str()
                ),
                severity_colour(finding.severity),
            )),
            &finding.reason,
            0.0,
        );
        lines.paragraph(None, &format!("→ {}", finding.action), 16.0);
    }
}

/// Lines onto A4 pages.
fn paginate(lines: &[Line]) -> Vec<PageSvg> {
    let bottom = PAGE_HEIGHT - MARGIN - FOOTER;
    let mut pages = Vec::new();
    let mut page = PageSvg::default();
    let mut y = MARGIN;
    for line in lines {
        if y + line.height() > bottom && y > MARGIN {
            pages.push(std::mem::take(&mut page));
            y = MARGIN;
        }
        let space = if y > MARGIN { line.space_above } else { 0.0 };
        y += space + line.size * 1.45;
        page.line(line, y - line.size * 0.35);
    }
    pages.push(page);
    pages
}

/// The SVG of one A4 page.
#[derive(Default)]
struct PageSvg(String);

impl PageSvg {
    fn line(&mut self, line: &Line, baseline: f64) {
        use std::fmt::Write as _;
        for run in &line.runs {
            let _ = write!(
                self.0,
                r#"<text x="{:.1}" y="{baseline:.1}" font-size="{}" font-weight="{}" fill="{}">{}</text>"#,
                MARGIN + run.x,
                line.size,
                if run.bold { "bold" } else { "normal" },
                run.colour,
                xml_escape(&run.text)
            );
        }
    }

    /// The page number line at the bottom.
    fn footer(&mut self, text: &str) {
        let size = 9.0;
        let mut line = Line::text(
            &fit_to_width(text, PAGE_WIDTH - 2.0 * MARGIN, size, false),
            size,
            false,
        );
        line.runs[0].colour = MUTED;
        self.line(&line, PAGE_HEIGHT - MARGIN + 4.0);
    }

    fn finish(self) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_WIDTH}" height="{PAGE_HEIGHT}" viewBox="0 0 {PAGE_WIDTH} {PAGE_HEIGHT}" font-family="{}">{}</svg>"#,
            fonts::FAMILY,
            self.0
        )
    }
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
    use super::*;

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
