//! `touchmap campaign`: the pre-flight of one campaign or of all — the campaigns side by side, then
//! each with its verdict first — as readable text or as the JSON of DESIGN.md; with `--fail-on`,
//! the gate a team puts in front of a launch; with `--calendar`, the daily load against capacity.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use super::commands::load;
use super::{Failure, pad};
use crate::analysis::{CampaignPreflight, Config, Preflight, Severity, analyze_with_preflight};
use crate::export::text::{CAMPAIGN_COLUMNS, campaign_dates, campaign_row, objective_line};
use crate::model::Map;
use crate::numbers::{decimal, fine_percent, money, percent, whole};

pub(super) fn run(
    path: &Path,
    campaign: Option<&str>,
    json: bool,
    fail_on: Option<Severity>,
    out: &mut impl Write,
) -> Result<u8, Failure> {
    let map = load(path)?;
    let (_, mut preflight) = analyze_with_preflight(&map, &Config::default());
    if let Some(id) = campaign {
        if preflight.campaign(id).is_none() {
            let known: Vec<&str> = map.plan().campaigns.iter().map(|c| c.id.as_str()).collect();
            return Err(Failure::input(if known.is_empty() {
                format!(
                    "{}: there is no campaign '{id}': the map has no campaigns yet",
                    path.display()
                )
            } else {
                format!(
                    "{}: there is no campaign '{id}'; the map's campaigns are: {}",
                    path.display(),
                    known.join(", ")
                )
            }));
        }
        preflight.campaigns.retain(|c| c.id == id);
        let objective = preflight.campaigns[0].objective.clone();
        preflight.objectives.retain(|o| o.id == objective);
    }
    let text = if json {
        super::json_text(&preflight)
    } else {
        preflight_text(&map, &preflight, campaign.is_none())
    };
    out.write_all(text.as_bytes())
        .map_err(|error| Failure::input(format!("cannot write the output: {error}")))?;
    let failed = fail_on.is_some_and(|threshold| {
        preflight
            .campaigns
            .iter()
            .flat_map(|campaign| &campaign.findings)
            .any(|finding| finding.severity >= threshold)
    });
    Ok(u8::from(failed))
}

/// `touchmap campaign MAP --calendar [--json]`.
pub(super) fn calendar(path: &Path, json: bool, out: &mut impl Write) -> Result<u8, Failure> {
    let map = load(path)?;
    let (_, preflight) = analyze_with_preflight(&map, &Config::default());
    // The JSON lists every day; the text reads the schedule's periods (runs of days with the same
    // campaigns running, so the same load) directly.
    let text = if json {
        super::json_text(&crate::analysis::calendar(&map, &preflight))
    } else {
        calendar_text(&map, &preflight)
    };
    out.write_all(text.as_bytes())
        .map_err(|error| Failure::input(format!("cannot write the output: {error}")))?;
    Ok(0)
}

/// The calendar for a terminal: each run of days with the same campaigns running, the touch points
/// with a capacity (and the three busiest without), overloaded ones marked.
fn calendar_text(map: &Map, preflight: &Preflight) -> String {
    let mut text = String::new();
    let schedule = &preflight.schedule;
    if schedule.periods.is_empty() {
        let _ = writeln!(
            text,
            "No campaign has both a start and an end date, so there is no calendar yet ({} campaigns).",
            preflight.campaigns.len()
        );
        return text;
    }
    let touchpoints = map.touchpoints();
    for period in &schedule.periods {
        let dates = if period.first == period.last {
            period.first.to_string()
        } else {
            format!("{} – {}", period.first, period.last)
        };
        let names: Vec<&str> = period
            .running
            .iter()
            .map(|&campaign| preflight.campaigns[campaign].name.as_str())
            .collect();
        let _ = writeln!(text, "{dates}  ({})", names.join(", "));
        let mut rows: Vec<(usize, f64)> = (0..touchpoints.len())
            .map(|t| (t, schedule.load(period, t)))
            .filter(|&(t, load)| load > 0.0 || schedule.capacity(t).is_some())
            .collect();
        rows.sort_by(|a, b| {
            let limited = |t: usize| schedule.capacity(t).is_some();
            limited(b.0)
                .cmp(&limited(a.0))
                .then_with(|| b.1.total_cmp(&a.1))
                .then_with(|| a.0.cmp(&b.0))
        });
        let with_capacity = rows
            .iter()
            .filter(|&&(t, _)| schedule.capacity(t).is_some())
            .count();
        for (t, load) in rows.into_iter().take(with_capacity + 3) {
            let capacity = schedule.capacity(t);
            let mark = if capacity.is_some_and(|capacity| load > capacity + 1e-9) {
                " · OVERLOADED"
            } else {
                ""
            };
            let capacity = capacity.map_or_else(
                || "no capacity set".to_owned(),
                |c| format!("can take {}", whole(c)),
            );
            let _ = writeln!(
                text,
                "  {}{} a day · {capacity}{mark}",
                pad(&touchpoints[t].name, 36),
                whole(load)
            );
        }
    }
    text
}

/// The pre-flight as text for a terminal; `side_by_side` opens it with the table of every campaign
/// and the objectives' totals.
#[must_use]
pub fn preflight_text(map: &Map, preflight: &Preflight, side_by_side: bool) -> String {
    let mut text = String::new();
    if preflight.campaigns.is_empty() {
        text.push_str(
            "This map has no campaigns yet. Add objectives and campaigns in the editor (Campaigns panel) or in the file's \"campaigns\" list.\n",
        );
        return text;
    }
    if side_by_side {
        table_text(map, preflight, &mut text);
    }
    for (index, campaign) in preflight.campaigns.iter().enumerate() {
        if index > 0 || side_by_side {
            text.push('\n');
        }
        campaign_text(map, campaign, &mut text);
    }
    text
}

/// The campaigns side by side, then one line per objective.
fn table_text(map: &Map, preflight: &Preflight, text: &mut String) {
    let rows: Vec<[String; 11]> = preflight
        .campaigns
        .iter()
        .map(|campaign| campaign_row(map, campaign))
        .collect();
    let mut widths: Vec<usize> = CAMPAIGN_COLUMNS
        .iter()
        .map(|header| unicode_width::UnicodeWidthStr::width(*header))
        .collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(unicode_width::UnicodeWidthStr::width(cell.as_str()));
        }
    }
    let _ = writeln!(text, "Campaigns side by side");
    let line = |cells: &[String]| -> String {
        let mut line = String::from(" ");
        for (cell, width) in cells.iter().zip(&widths) {
            line.push(' ');
            line.push_str(&pad(cell, *width));
            line.push(' ');
        }
        line.trim_end().to_owned()
    };
    let headers: Vec<String> = CAMPAIGN_COLUMNS
        .iter()
        .map(|header| header.to_uppercase())
        .collect();
    let _ = writeln!(text, "{}", line(&headers));
    for row in &rows {
        let _ = writeln!(text, "{}", line(row));
    }
    if !preflight.objectives.is_empty() {
        let _ = writeln!(text, "Objectives");
        for total in &preflight.objectives {
            let _ = writeln!(text, "  {}", objective_line(map, total));
        }
    }
}

fn campaign_text(map: &Map, campaign: &CampaignPreflight, text: &mut String) {
    let objective = map.plan().objective(&campaign.objective);
    let _ = writeln!(
        text,
        "{} — {} ({}): {}",
        campaign.verdict.label(),
        campaign.name,
        campaign.id,
        campaign.verdict.meaning()
    );
    let _ = writeln!(
        text,
        "  Objective: {} · {} · owner {}",
        objective.map_or(campaign.objective.as_str(), |o| o.name.as_str()),
        campaign_dates(campaign),
        campaign.owner.as_deref().unwrap_or("–")
    );
    let goal = objective.map_or_else(String::new, |o| map.name_of(&o.goal));
    let _ = writeln!(
        text,
        "  Reach {} · budget {} · {} reach {goal} ({})",
        whole(campaign.reach),
        money(campaign.budget),
        whole(campaign.goal_reached),
        fine_percent(campaign.goal_share)
    );
    let cost_per_goal = campaign.cost_per_goal.map_or_else(|| "–".to_owned(), money);
    let roi = campaign.roi.map_or_else(
        || match objective.and_then(|o| o.value) {
            None => "– (needs the objective's value)".to_owned(),
            Some(_) => "– (needs a budget)".to_owned(),
        },
        |roi| {
            format!(
                "{} ({} back per 1 spent)",
                percent(roi),
                decimal(roi + 1.0, 2)
            )
        },
    );
    let target = match campaign.meets_target {
        Some(true) => "met",
        Some(false) => "missed",
        None => "– (needs baseline and target)",
    };
    let _ = writeln!(
        text,
        "  Cost per goal {cost_per_goal} · ROI {roi} · target {target}"
    );
    let list = |rows: Vec<&crate::analysis::CampaignTouchPoint>,
                value: fn(&crate::analysis::CampaignTouchPoint) -> f64| {
        rows.iter()
            .map(|row| format!("{} {}", map.name_of(&row.id), whole(value(row))))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let busiest = campaign.busiest(6);
    if !busiest.is_empty() {
        let _ = writeln!(
            text,
            "  Where its customers go:  {}",
            list(busiest, |row| row.customers)
        );
    }
    let leaks = campaign.biggest_leaks(4);
    if !leaks.is_empty() {
        let _ = writeln!(
            text,
            "  Biggest leaks (lost):    {}",
            list(leaks, |row| row.lost)
        );
    }
    let exposures = campaign.biggest_exposures(4);
    if !exposures.is_empty() {
        let _ = writeln!(
            text,
            "  Poor experiences met:    {}",
            list(exposures, |row| row.exposure)
        );
    }
    if campaign.findings.is_empty() {
        text.push_str("  Ready: no readiness finding.\n");
        return;
    }
    text.push_str("  Readiness\n");
    for finding in &campaign.findings {
        let _ = writeln!(
            text,
            "  {:<8}  {:<20}  {}",
            finding.severity.as_str().to_uppercase(),
            finding.rule.as_str(),
            finding.reason
        );
        let _ = writeln!(text, "{:<34}→ {}", "", finding.action);
    }
}
