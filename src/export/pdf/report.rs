//! The report pages of the PDF: text measured with the bundled font and wrapped to the page, the
//! weak spots, summaries and pre-flight as lines, and the lines paginated onto A4 pages of SVG.

use std::borrow::Cow;

use super::{FOOTER, MARGIN, PAGE_HEIGHT, PAGE_WIDTH};
use crate::analysis::{CampaignPreflight, Preflight, Report, Severity};
pub(super) use crate::export::text::{fit_to_width, measure};
use crate::export::text::{score, xml_escape};
use crate::model::Map;
use crate::numbers::{money, whole};

/// Splits a text into lines no wider than `width` points, breaking at spaces; a word wider than a
/// line is cut with "…".
pub(super) fn wrap_to_width(text: &str, width: f64, size: f64, bold: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in crate::export::text::single_line(text).split_whitespace() {
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
pub(super) struct Run {
    /// Points from the left margin.
    x: f64,
    text: String,
    bold: bool,
    /// Fill colour, `#rrggbb`.
    colour: Cow<'static, str>,
}

/// One line of a report page.
#[derive(Debug, Clone)]
pub(super) struct Line {
    runs: Vec<Run>,
    size: f64,
    /// Space above the line (headings get more).
    space_above: f64,
    /// A drawing in its place (SVG elements in points from the line's top left) and its height.
    figure: Option<(String, f64)>,
    /// The header of the table this row belongs to, repeated at the top of a new page.
    header: Option<Box<Line>>,
    /// A heading: never the last line of a page.
    keep_with_next: bool,
}

impl Line {
    pub(super) fn text(text: &str, size: f64, bold: bool) -> Self {
        Self {
            runs: vec![Run {
                x: 0.0,
                text: text.to_owned(),
                bold,
                colour: INK.into(),
            }],
            size,
            space_above: 0.0,
            figure: None,
            header: None,
            keep_with_next: false,
        }
    }

    fn of_runs(runs: Vec<Run>, size: f64) -> Self {
        Self {
            runs,
            size,
            space_above: 0.0,
            figure: None,
            header: None,
            keep_with_next: false,
        }
    }

    pub(super) fn height(&self) -> f64 {
        self.space_above + self.body_height()
    }

    fn body_height(&self) -> f64 {
        self.figure
            .as_ref()
            .map_or(self.size * 1.45, |(_, height)| *height)
    }
}

pub(super) const INK: &str = "#111827";
pub(super) const MUTED: &str = "#374151";

/// Severity colours with at least 4.5:1 contrast on white (the HTML report's badges).
pub(super) fn severity_colour(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "#b91c1c",
        Severity::High => "#9a3412",
        Severity::Medium => "#854d0e",
        Severity::Low => "#4b5563",
    }
}

/// The report's lines, in reading order, and the header of the table being written.
#[derive(Default)]
pub(super) struct Lines(Vec<Line>, Option<Line>);

impl Lines {
    const WIDTH: f64 = PAGE_WIDTH - 2.0 * MARGIN;

    /// A drawing `height` points high, the full width of the page's text.
    pub(super) fn figure(&mut self, svg: String, height: f64) {
        self.1 = None;
        let mut line = Line::of_runs(Vec::new(), 10.0);
        line.figure = Some((svg, height));
        line.space_above = 6.0;
        self.0.push(line);
    }

    pub(super) fn heading(&mut self, text: &str, size: f64) {
        self.1 = None;
        for (index, line) in wrap_to_width(text, Self::WIDTH, size, true)
            .into_iter()
            .enumerate()
        {
            let mut line = Line::text(&line, size, true);
            if index == 0 {
                line.space_above = size * 0.8;
            }
            line.keep_with_next = true;
            self.0.push(line);
        }
    }

    /// A paragraph, wrapped, indented by `indent` points, with an optional bold lead ("weak:").
    /// The last line goes to a new page with the line after it (a caption with its figure).
    pub(super) fn keep_last_with_next(&mut self) {
        if let Some(line) = self.0.last_mut() {
            line.keep_with_next = true;
        }
    }

    pub(super) fn paragraph(
        &mut self,
        lead: Option<(&str, &'static str)>,
        text: &str,
        indent: f64,
    ) {
        self.1 = None;
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
                    colour: colour.into(),
                });
            }
            runs.push(Run {
                x: indent + lead_width,
                text: part,
                bold: false,
                colour: if indent > 0.0 { MUTED } else { INK }.into(),
            });
            self.0.push(Line::of_runs(runs, size));
        }
    }

    /// A table row: each cell at its column, cut to the column's width. A bold row is the table's
    /// header, repeated above the rows that a page break carries to the next page.
    pub(super) fn row(&mut self, cells: &[(f64, f64, String)], bold: bool) {
        self.sized_row(cells, bold, 10.0);
    }

    /// A table row in a smaller or larger type.
    pub(super) fn sized_row(&mut self, cells: &[(f64, f64, String)], bold: bool, size: f64) {
        let runs = cells
            .iter()
            .map(|(x, width, text)| Run {
                x: *x,
                text: fit_to_width(text, *width, size, bold),
                bold,
                colour: INK.into(),
            })
            .collect();
        let mut line = Line::of_runs(runs, size);
        if bold {
            self.1 = Some(line.clone());
        } else {
            line.header = self.1.clone().map(Box::new);
        }
        self.0.push(line);
    }
}

/// The report's pages after the map: weak spots, summaries, pre-flight (without their footers).
pub(super) fn report_pages(
    map: &Map,
    report: &Report,
    preflight: &Preflight,
    comparison: Option<&crate::analysis::SegmentComparison>,
) -> Vec<PageSvg> {
    let mut lines = Lines::default();
    let summary = &report.summary;
    // The title is on page 1 once, above the map (which also carries the subtitle): the report
    // pages start with the figures the subtitle leaves out.
    lines.paragraph(
        None,
        &format!(
            "Overall score {} · total cost {} · cost per reached customer {}",
            summary.overall_text(),
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
        let mark = crate::export::text::journey_mark(report, &group)
            .map(|mark| format!(" · {mark}"))
            .unwrap_or_default();
        let mut heading = format!("{}{mark}", group.subject(map));
        heading = fit_to_width(&heading, Lines::WIDTH - 90.0, 11.0, true);
        let mut line = Line::of_runs(
            vec![
                Run {
                    x: 0.0,
                    text: group.severity.as_str().to_uppercase(),
                    bold: true,
                    colour: severity_colour(group.severity).into(),
                },
                Run {
                    x: 80.0,
                    text: heading,
                    bold: true,
                    colour: INK.into(),
                },
            ],
            11.0,
        );
        line.space_above = 5.0;
        line.keep_with_next = true;
        lines.1 = None;
        lines.0.push(line);
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
        lines.paragraph(None, crate::layout::EVERY_JOURNEY_LEGEND, 0.0);
    }

    lines.heading("Score by stage", 14.0);
    let (curve, height) = crate::export::charts::stage_curve_svg(report, Lines::WIDTH);
    lines.figure(curve, height);
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
    if report
        .touchpoints
        .iter()
        .any(|analysis| analysis.quadrant.is_some())
    {
        lines.heading("Importance vs performance", 14.0);
        let (matrix, height) = crate::export::charts::matrix_svg(map, report, Lines::WIDTH);
        lines.figure(matrix, height);
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
    let evidence = crate::export::text::evidence_rows(map);
    if !evidence.is_empty() {
        lines.heading("Evidence behind the scores", 14.0);
        lines.paragraph(
            None,
            &format!("Evidence {}.", crate::layout::EVIDENCE_LEGEND),
            0.0,
        );
        let cells = |name: &str, score: &str, strength: &str, basis: &str| {
            [
                (0.0, 190.0, name.to_owned()),
                (200.0, 60.0, score.to_owned()),
                (270.0, 90.0, strength.to_owned()),
                (370.0, 400.0, basis.to_owned()),
            ]
        };
        lines.row(
            &cells(
                "Touch point",
                "Score",
                "Evidence",
                "Where the score comes from",
            ),
            true,
        );
        for row in &evidence {
            lines.row(
                &cells(&row.name, &row.score, &row.strength, &row.basis),
                false,
            );
            for item in &row.items {
                lines.paragraph(None, &format!("“{item}”"), 200.0);
            }
        }
    }
    if let Some(comparison) = comparison {
        segment_lines(comparison, &mut lines);
    }
    if !preflight.campaigns.is_empty() {
        lines.heading("Campaign pre-flight", 14.0);
        side_by_side_lines(map, preflight, &mut lines);
        for campaign in &preflight.campaigns {
            campaign_lines(map, campaign, &mut lines);
        }
    }
    paginate(&lines.0)
}

/// "Segments compared": per segment its share, overall score and top weak spots; then the touch
/// points where their weakness differs most.
fn segment_lines(comparison: &crate::analysis::SegmentComparison, lines: &mut Lines) {
    lines.heading("Segments compared", 14.0);
    let columns = |name: String, share: String, overall: String| {
        [
            (0.0, 170.0, name),
            (180.0, 90.0, share),
            (280.0, 250.0, overall),
        ]
    };
    lines.row(
        &columns("Segment".into(), "Customers".into(), "Overall score".into()),
        true,
    );
    for segment in &comparison.segments {
        lines.row(
            &columns(
                segment.name.clone(),
                crate::numbers::percent(segment.share),
                segment.overall.clone(),
            ),
            false,
        );
        let weak: Vec<String> = segment
            .weak_spots
            .iter()
            .map(|(severity, name)| format!("{} {name}", severity.as_str()))
            .collect();
        let weak = if weak.is_empty() {
            "none".to_owned()
        } else {
            weak.join(" · ")
        };
        lines.paragraph(Some(("weak spots:", INK)), &weak, 16.0);
    }
    if comparison.differences.is_empty() {
        lines.paragraph(None, super::super::text::no_difference(comparison), 0.0);
        return;
    }
    lines.heading(
        "Where the segments differ most (weakness, 0 = fine, 1 = worst)",
        11.0,
    );
    let width = (Lines::WIDTH - 200.0) / comparison.segments.len().max(1) as f64;
    let row = |first: String, rest: Vec<String>| -> Vec<(f64, f64, String)> {
        std::iter::once((0.0, 190.0, first))
            .chain(
                rest.into_iter()
                    .enumerate()
                    .map(|(index, text)| (200.0 + index as f64 * width, width - 8.0, text)),
            )
            .collect()
    };
    lines.row(
        &row(
            "Touch point".into(),
            comparison.segments.iter().map(|s| s.name.clone()).collect(),
        ),
        true,
    );
    for difference in &comparison.differences {
        lines.row(
            &row(
                difference.name.clone(),
                difference
                    .weakness
                    .iter()
                    .map(|value| crate::export::text::weakness_cell(*value))
                    .collect(),
            ),
            false,
        );
    }
}

/// Every campaign in one table with its verdict, the objectives' totals and the calendar.
fn side_by_side_lines(map: &Map, preflight: &Preflight, lines: &mut Lines) {
    use crate::export::text::{CAMPAIGN_COLUMNS, campaign_row, objective_line};
    // Column widths in points, summing to the text width (770).
    const WIDTHS: [f64; 11] = [
        52.0, 112.0, 106.0, 50.0, 42.0, 42.0, 64.0, 62.0, 40.0, 78.0, 122.0,
    ];
    let cells = |texts: &[String]| -> Vec<(f64, f64, String)> {
        let mut x = 0.0;
        texts
            .iter()
            .zip(WIDTHS)
            .map(|(text, width)| {
                let cell = (x, width - 4.0, text.clone());
                x += width;
                cell
            })
            .collect()
    };
    let headers: Vec<String> = CAMPAIGN_COLUMNS.iter().map(|h| (*h).to_owned()).collect();
    lines.sized_row(&cells(&headers), true, 8.0);
    for campaign in &preflight.campaigns {
        lines.sized_row(&cells(&campaign_row(map, campaign)), false, 8.0);
        // The verdict in its colour, as in the HTML report.
        if let Some(line) = lines.0.last_mut() {
            line.runs[0].colour =
                crate::export::calendar_chart::verdict_hex(campaign.verdict).into();
            line.runs[0].bold = true;
        }
    }
    for total in &preflight.objectives {
        lines.paragraph(None, &objective_line(map, total), 0.0);
    }
    if let Some((drawing, height)) =
        crate::export::calendar_chart::calendar_svg(map, preflight, Lines::WIDTH)
    {
        lines.heading("Calendar", 12.0);
        lines.figure(drawing, height);
    }
}

pub(super) fn campaign_lines(map: &Map, campaign: &CampaignPreflight, lines: &mut Lines) {
    let mut heading = Line::of_runs(
        vec![
            Run {
                x: 0.0,
                text: campaign.verdict.label().to_owned(),
                bold: true,
                colour: crate::export::calendar_chart::verdict_hex(campaign.verdict).into(),
            },
            Run {
                x: 80.0,
                text: fit_to_width(&campaign.name, Lines::WIDTH - 80.0, 12.0, true),
                bold: true,
                colour: INK.into(),
            },
        ],
        12.0,
    );
    heading.space_above = 9.6;
    heading.keep_with_next = true;
    lines.1 = None;
    lines.0.push(heading);
    let objective = map.plan().objective(&campaign.objective);
    lines.paragraph(
        None,
        &format!(
            "{} · Objective: {} · {} · owner {} · poor experiences met {}",
            campaign.verdict.meaning(),
            objective.map_or(campaign.objective.as_str(), |o| o.name.as_str()),
            crate::export::text::campaign_dates(campaign),
            campaign.owner.as_deref().unwrap_or("–"),
            whole(campaign.total_exposure())
        ),
        0.0,
    );
    lines.paragraph(
        None,
        &crate::export::text::campaign_figures(campaign)
            .iter()
            .map(|(label, value)| format!("{label} {value}"))
            .collect::<Vec<_>>()
            .join(" · "),
        0.0,
    );
    lines.paragraph(
        None,
        "Where its customers go (dark) and where they are lost (red):",
        0.0,
    );
    lines.keep_last_with_next();
    let (flow, height) = crate::export::charts::campaign_flow_svg(map, campaign, 720.0);
    lines.figure(flow, height);
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
pub(super) fn paginate(lines: &[Line]) -> Vec<PageSvg> {
    let bottom = PAGE_HEIGHT - MARGIN - FOOTER;
    let mut pages = Vec::new();
    let mut page = PageSvg::default();
    let mut y = MARGIN;
    for (index, line) in lines.iter().enumerate() {
        // A heading goes to the next page with the line after it.
        let next = if line.keep_with_next {
            lines.get(index + 1).map_or(0.0, Line::height)
        } else {
            0.0
        };
        if y + line.height() + next > bottom && y > MARGIN {
            pages.push(std::mem::take(&mut page));
            y = MARGIN;
            if let Some(header) = &line.header {
                y += header.body_height();
                page.line(header, y - header.size * 0.35);
            }
        }
        let space = if y > MARGIN { line.space_above } else { 0.0 };
        y += space + line.body_height();
        match &line.figure {
            Some((svg, height)) => page.figure(svg, y - height),
            None => page.line(line, y - line.size * 0.35),
        }
    }
    pages.push(page);
    pages
}

/// The SVG of one A4 page.
#[derive(Default)]
pub(super) struct PageSvg(String);

impl PageSvg {
    pub(super) fn line(&mut self, line: &Line, baseline: f64) {
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

    /// A drawing whose top left is at `top` points from the page's top, at the left margin.
    pub(super) fn figure(&mut self, svg: &str, top: f64) {
        use std::fmt::Write as _;
        let _ = write!(
            self.0,
            r#"<g transform="translate({MARGIN:.1} {top:.1})">{svg}</g>"#
        );
    }

    /// The page number line at the bottom.
    pub(super) fn footer(&mut self, text: &str) {
        let size = 9.0;
        let mut line = Line::text(
            &fit_to_width(text, PAGE_WIDTH - 2.0 * MARGIN, size, false),
            size,
            false,
        );
        line.runs[0].colour = MUTED.into();
        self.line(&line, PAGE_HEIGHT - MARGIN + 4.0);
    }

    pub(super) fn finish(self) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_WIDTH}" height="{PAGE_HEIGHT}" viewBox="0 0 {PAGE_WIDTH} {PAGE_HEIGHT}" font-family="{}">{}</svg>"#,
            crate::fonts::FAMILY,
            self.0
        )
    }
}
