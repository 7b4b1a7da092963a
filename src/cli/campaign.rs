//! `touchmap campaign`: the pre-flight of one campaign or of all, as readable text or as the JSON of
//! DESIGN.md; with `--fail-on`, the gate a team puts in front of a launch.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use super::Failure;
use super::commands::load;
use crate::analysis::{CampaignPreflight, Config, Preflight, Severity, analyze_with_preflight};
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
    }
    let text = if json {
        let mut text = serde_json::to_string_pretty(&preflight).unwrap_or_default();
        text.push('\n');
        text
    } else {
        preflight_text(&map, &preflight)
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

/// The pre-flight as text for a terminal.
#[must_use]
pub fn preflight_text(map: &Map, preflight: &Preflight) -> String {
    let mut text = String::new();
    if preflight.campaigns.is_empty() {
        text.push_str(
            "This map has no campaigns yet. Add objectives and campaigns in the editor (Campaigns panel) or in the file's \"campaigns\" list.\n",
        );
    }
    for (index, campaign) in preflight.campaigns.iter().enumerate() {
        if index > 0 {
            text.push('\n');
        }
        campaign_text(map, campaign, &mut text);
    }
    text
}

fn campaign_text(map: &Map, campaign: &CampaignPreflight, text: &mut String) {
    let objective = map.plan().objective(&campaign.objective);
    let _ = writeln!(
        text,
        "{} ({}) — objective: {}",
        campaign.name,
        campaign.id,
        objective.map_or(campaign.objective.as_str(), |o| o.name.as_str())
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
        || "– (needs the objective's value and a budget)".to_owned(),
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
