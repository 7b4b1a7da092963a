//! The campaign calendar as an SVG drawing, for the HTML report and the PDF alike: the dated
//! campaigns as bars over the weeks (coloured by verdict, the verdict written beside the name, so
//! colour is never the only cue), the days on which some touch point is overloaded shaded and
//! named, and the daily load of the most strained touch point against its capacity.

use std::fmt::Write as _;

use super::text::xml_escape;
use crate::analysis::{Preflight, Verdict};
use crate::model::{Day, Map};
use crate::numbers::whole;

/// A verdict's colour as SVG and PDF write it (the palette is `layout::verdict_rgb`).
#[must_use]
pub fn verdict_hex(verdict: Verdict) -> String {
    super::text::hex(crate::layout::verdict_rgb(verdict))
}

/// The calendar's SVG elements (no `<svg>` wrapper) for a drawing `width` wide, and its height;
/// `None` when no campaign has both dates.
#[must_use]
pub fn calendar_svg(map: &Map, preflight: &Preflight, width: f64) -> Option<(String, f64)> {
    let schedule = &preflight.schedule;
    let (first, last) = schedule.span()?;
    let touchpoints = map.touchpoints();
    let (label_width, right) = (250.0, 12.0);
    let chart_width = width - label_width - right;
    let days = (last.since(first) + 1) as f64;
    let x_of = |day: Day| label_width + chart_width * day.since(first) as f64 / days;
    let row_height = 22.0;
    let axis = 20.0;
    let bars_top = axis;
    let bars_height = schedule.runs.len() as f64 * row_height;
    let mut svg = String::new();

    // Overloaded days, behind everything.
    for period in schedule.periods.iter().filter(|period| period.overloaded) {
        let _ = write!(
            svg,
            r##"<rect x="{:.1}" y="{bars_top:.1}" width="{:.1}" height="{bars_height:.1}" fill="#fecaca"/>"##,
            x_of(period.first),
            x_of(period.last.plus(1)) - x_of(period.first)
        );
    }
    // Week lines on Mondays, with the date.
    let mut day = first;
    let mut last_label = f64::NEG_INFINITY;
    while day <= last {
        if day.weekday() == 0 || day == first {
            let x = x_of(day);
            let _ = write!(
                svg,
                r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#d1d5db" stroke-width="0.6"/>"##,
                axis - 4.0,
                bars_top + bars_height
            );
            if x - last_label > 42.0 {
                let _ = write!(
                    svg,
                    r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#374151">{}</text>"##,
                    x + 2.0,
                    axis - 7.0,
                    day.short()
                );
                last_label = x;
            }
        }
        day = day.plus(1);
    }
    // One bar per dated campaign.
    for (row, run) in schedule.runs.iter().enumerate() {
        let campaign = &preflight.campaigns[run.campaign];
        let y = bars_top + row as f64 * row_height;
        let name = super::text::wrap(&campaign.name, 28, 1).join("");
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#111827">{} <tspan font-weight="bold" fill="{}">{}</tspan></text>"##,
            label_width - 6.0,
            y + 15.0,
            xml_escape(&name),
            verdict_hex(campaign.verdict),
            campaign.verdict.label()
        );
        let _ = write!(
            svg,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="14" rx="3" fill="{}"><title>{}: {} – {}</title></rect>"#,
            x_of(run.first),
            y + 4.0,
            (x_of(run.last.plus(1)) - x_of(run.first)).max(2.0),
            verdict_hex(campaign.verdict),
            xml_escape(&campaign.name),
            run.first,
            run.last
        );
    }
    let mut height = bars_top + bars_height + 6.0;
    if schedule.periods.iter().any(|period| period.overloaded) {
        let _ = write!(
            svg,
            r##"<rect x="{label_width:.1}" y="{:.1}" width="12" height="10" fill="#fecaca" stroke="#b91c1c" stroke-width="0.6"/><text x="{:.1}" y="{:.1}" font-size="10" fill="#374151">a touch point is overloaded on these days</text>"##,
            height + 2.0,
            label_width + 16.0,
            height + 11.0
        );
        height += 18.0;
    }
    // The daily load of the most strained touch point against its capacity.
    if let Some((touchpoint, peak)) = schedule.most_strained() {
        let capacity = schedule.capacity(touchpoint).unwrap_or_default();
        let top = height + 18.0;
        let plot = 80.0;
        let most = peak.max(capacity) * 1.15;
        let y_of = |load: f64| top + plot - plot * load / most.max(1e-9);
        let _ = write!(
            svg,
            r##"<text x="{label_width:.1}" y="{:.1}" font-size="11" fill="#111827">{}: extra customers a day (blue) against what it can take, {} (dashed)</text>"##,
            top - 6.0,
            xml_escape(&touchpoints[touchpoint].name),
            whole(capacity)
        );
        let mut points = String::new();
        let mut previous_end: Option<Day> = None;
        for period in &schedule.periods {
            if previous_end.is_some_and(|end| end.plus(1) < period.first) {
                let gap_start = previous_end.map_or(period.first, |end| end.plus(1));
                let _ = write!(
                    points,
                    "{:.1},{:.1} {:.1},{:.1} ",
                    x_of(gap_start),
                    y_of(0.0),
                    x_of(period.first),
                    y_of(0.0)
                );
            }
            let load = schedule.load(period, touchpoint);
            let _ = write!(
                points,
                "{:.1},{:.1} {:.1},{:.1} ",
                x_of(period.first),
                y_of(load),
                x_of(period.last.plus(1)),
                y_of(load)
            );
            previous_end = Some(period.last);
        }
        let _ = write!(
            svg,
            r##"<line x1="{label_width:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#9ca3af" stroke-width="0.6"/>"##,
            y_of(0.0),
            label_width + chart_width,
            y_of(0.0)
        );
        let _ = write!(
            svg,
            r##"<line x1="{label_width:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#b91c1c" stroke-width="1.2" stroke-dasharray="5 3"/>"##,
            y_of(capacity),
            label_width + chart_width,
            y_of(capacity)
        );
        let _ = write!(
            svg,
            r##"<polyline points="{}" fill="none" stroke="#1d4ed8" stroke-width="2"/>"##,
            points.trim_end()
        );
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="#374151">{}</text><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="#374151">0</text>"##,
            label_width - 6.0,
            y_of(peak) + 4.0,
            whole(peak),
            label_width - 6.0,
            y_of(0.0) + 3.0
        );
        height = top + plot + 8.0;
    }
    let undated = preflight.undated();
    if !undated.is_empty() {
        let _ = write!(
            svg,
            r##"<text x="0" y="{:.1}" font-size="10" fill="#374151">Not on the calendar (no start or end date): {}</text>"##,
            height + 10.0,
            xml_escape(&undated.join(", "))
        );
        height += 16.0;
    }
    Some((svg, height))
}
