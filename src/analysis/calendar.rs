//! The campaign calendar (DESIGN.md, "Campaign calendar and capacity"): a dated campaign spreads its
//! customers at each touch point evenly over its days (inclusive), overlapping campaigns add up, and
//! a touch point whose `capacity_per_day` the load exceeds is overloaded that day. Pure: built from
//! the campaigns' pre-flight numbers.

use serde::Serialize;

use super::preflight::{CampaignPreflight, Preflight};
use super::report::{rounded, rounded_option};
use crate::model::{Day, Map, TouchPoint, TouchPointId};

/// Loads below this are rounding noise, not customers.
const NOTHING: f64 = 1e-9;

/// One dated campaign on the calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignRun {
    /// The campaign's position in the plan (and in the pre-flight).
    pub campaign: usize,
    /// First day.
    pub first: Day,
    /// Last day (inclusive).
    pub last: Day,
}

impl CampaignRun {
    /// How many days it runs.
    #[must_use]
    pub fn days(&self) -> i64 {
        self.last.since(self.first) + 1
    }

    fn runs_on(&self, day: Day) -> bool {
        self.first <= day && day <= self.last
    }
}

/// Days on which the same campaigns run, so the load is the same on each.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    /// First day.
    pub first: Day,
    /// Last day (inclusive).
    pub last: Day,
    /// The campaigns running (positions in the plan), in plan order; never empty.
    pub running: Vec<usize>,
    /// Whether some touch point's load exceeds its capacity on these days (found once, with the
    /// schedule, so that no drawing walks every touch point to shade a day).
    pub overloaded: bool,
}

/// The dated campaigns of a plan and the daily load they put on each touch point.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schedule {
    /// Dated campaigns, in plan order.
    pub runs: Vec<CampaignRun>,
    /// The days inside some campaign, split where the set of running campaigns changes.
    pub periods: Vec<Period>,
    /// Per campaign (plan order), per touch point (id order): its customers there per day; empty
    /// for an undated campaign.
    rates: Vec<Vec<f64>>,
    /// Per touch point (id order): its capacity per day.
    capacities: Vec<Option<f64>>,
    /// The touch point whose load comes closest to (or furthest over) its capacity, and its peak.
    strained: Option<(usize, f64)>,
}

impl Schedule {
    /// The schedule of the pre-flight's campaigns; `touchpoints` in id order, as in the pre-flight.
    #[must_use]
    pub fn new(touchpoints: &[&TouchPoint], campaigns: &[CampaignPreflight]) -> Self {
        let runs: Vec<CampaignRun> = campaigns
            .iter()
            .enumerate()
            .filter_map(|(campaign, numbers)| {
                let first = Day::parse(numbers.starts.as_deref()?).ok()?;
                let last = Day::parse(numbers.ends.as_deref()?).ok()?;
                (first <= last).then_some(CampaignRun {
                    campaign,
                    first,
                    last,
                })
            })
            .collect();
        let mut rates = vec![Vec::new(); campaigns.len()];
        for run in &runs {
            let days = run.days() as f64;
            rates[run.campaign] = campaigns[run.campaign]
                .touchpoints
                .iter()
                .map(|row| row.customers / days)
                .collect();
        }
        // Breakpoints: every first day and every day after a last day.
        let mut edges: Vec<Day> = runs
            .iter()
            .flat_map(|run| [run.first, run.last.plus(1)])
            .collect();
        edges.sort_unstable();
        edges.dedup();
        let periods = edges
            .windows(2)
            .filter_map(|pair| {
                let running: Vec<usize> = runs
                    .iter()
                    .filter(|run| run.runs_on(pair[0]))
                    .map(|run| run.campaign)
                    .collect();
                (!running.is_empty()).then(|| Period {
                    first: pair[0],
                    last: pair[1].plus(-1),
                    running,
                    overloaded: false,
                })
            })
            .collect();
        let mut schedule = Self {
            runs,
            periods,
            rates,
            capacities: touchpoints.iter().map(|t| t.capacity_per_day).collect(),
            strained: None,
        };
        schedule.strained = schedule.find_most_strained();
        let overloaded: Vec<bool> = schedule
            .periods
            .iter()
            .map(|period| schedule.any_overloaded(period))
            .collect();
        for (period, overloaded) in schedule.periods.iter_mut().zip(overloaded) {
            period.overloaded = overloaded;
        }
        schedule
    }

    /// The highest load a touch point gets on any day.
    #[must_use]
    pub fn peak(&self, touchpoint: usize) -> f64 {
        self.periods
            .iter()
            .map(|period| self.load(period, touchpoint))
            .fold(0.0, f64::max)
    }

    /// The touch point whose load comes closest to (or furthest over) its capacity, with its peak;
    /// `None` when no touch point with a capacity gets any load. Computed once, with the schedule.
    #[must_use]
    pub fn most_strained(&self) -> Option<(usize, f64)> {
        self.strained
    }

    fn find_most_strained(&self) -> Option<(usize, f64)> {
        (0..self.capacities.len())
            .filter_map(|t| {
                let capacity = self.capacity(t)?;
                let peak = self.peak(t);
                (peak > 0.0).then_some((t, peak, peak / capacity.max(1e-9)))
            })
            .max_by(|a, b| a.2.total_cmp(&b.2).then_with(|| b.0.cmp(&a.0)))
            .map(|(t, peak, _)| (t, peak))
    }

    /// Campaign `campaign`'s customers a day at touch point `touchpoint` while it runs (0 undated).
    #[must_use]
    pub fn rate(&self, campaign: usize, touchpoint: usize) -> f64 {
        self.rates
            .get(campaign)
            .and_then(|rates| rates.get(touchpoint))
            .copied()
            .unwrap_or_default()
    }

    /// The load of a period at a touch point: the sum of the running campaigns' daily customers.
    #[must_use]
    pub fn load(&self, period: &Period, touchpoint: usize) -> f64 {
        period
            .running
            .iter()
            .map(|&campaign| self.rate(campaign, touchpoint))
            .sum()
    }

    /// Whether campaign `campaign` (plan order) is on the calendar: both dates, the last not before
    /// the first.
    #[must_use]
    pub fn is_dated(&self, campaign: usize) -> bool {
        self.runs.iter().any(|run| run.campaign == campaign)
    }

    /// A touch point's capacity per day.
    #[must_use]
    pub fn capacity(&self, touchpoint: usize) -> Option<f64> {
        self.capacities.get(touchpoint).copied().flatten()
    }

    fn any_overloaded(&self, period: &Period) -> bool {
        (0..self.capacities.len()).any(|touchpoint| {
            self.capacity(touchpoint)
                .is_some_and(|capacity| self.load(period, touchpoint) > capacity + NOTHING)
        })
    }

    /// The first and last day of the calendar.
    #[must_use]
    pub fn span(&self) -> Option<(Day, Day)> {
        Some((self.periods.first()?.first, self.periods.last()?.last))
    }
}

/// Where and when one campaign meets an overloaded touch point.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Overload {
    /// The touch point (id order).
    pub touchpoint: usize,
    /// The first overloaded day the campaign runs on.
    pub first: Day,
    /// The last one.
    pub last: Day,
    /// The highest load on those days.
    pub peak: f64,
    /// The campaigns sending customers there on the first day of that peak (plan order).
    pub peak_campaigns: Vec<usize>,
}

/// Every campaign's overloads (DESIGN.md's `overloaded` rule), by campaign in plan order.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Overloads {
    by_campaign: Vec<Vec<Overload>>,
}

impl Overloads {
    pub(super) fn of(schedule: &Schedule, campaigns: usize) -> Self {
        let mut by_campaign: Vec<Vec<Overload>> = vec![Vec::new(); campaigns];
        let limited: Vec<(usize, f64)> = (0..schedule.capacities.len())
            .filter_map(|t| Some((t, schedule.capacity(t)?)))
            .collect();
        for period in &schedule.periods {
            for &(touchpoint, capacity) in &limited {
                let load = schedule.load(period, touchpoint);
                if load <= capacity + NOTHING {
                    continue;
                }
                let sending: Vec<usize> = period
                    .running
                    .iter()
                    .copied()
                    .filter(|&campaign| schedule.rate(campaign, touchpoint) > NOTHING)
                    .collect();
                for &campaign in &sending {
                    let list = &mut by_campaign[campaign];
                    match list.iter_mut().find(|o| o.touchpoint == touchpoint) {
                        Some(overload) => {
                            overload.first = overload.first.min(period.first);
                            overload.last = overload.last.max(period.last);
                            if load > overload.peak + NOTHING {
                                overload.peak = load;
                                overload.peak_campaigns.clone_from(&sending);
                            }
                        }
                        None => list.push(Overload {
                            touchpoint,
                            first: period.first,
                            last: period.last,
                            peak: load,
                            peak_campaigns: sending.clone(),
                        }),
                    }
                }
            }
        }
        for list in &mut by_campaign {
            list.sort_by_key(|overload| overload.touchpoint);
        }
        Self { by_campaign }
    }

    /// The overloads campaign `campaign` (plan order) takes part in.
    pub(super) fn of_campaign(&self, campaign: usize) -> &[Overload] {
        self.by_campaign.get(campaign).map_or(&[], Vec::as_slice)
    }
}

/// `touchmap campaign --calendar --json`: per day inside some campaign, per touch point with a
/// capacity or a load, the load, the capacity and the campaigns sending customers there.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Calendar {
    /// In date order.
    pub days: Vec<CalendarDay>,
}

/// One day of the calendar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalendarDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// By id.
    pub touchpoints: Vec<DayLoad>,
}

/// One touch point on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayLoad {
    /// The touch point.
    pub id: TouchPointId,
    /// Extra customers that day from the campaigns running.
    #[serde(serialize_with = "rounded")]
    pub load: f64,
    /// What it can take a day, when known.
    #[serde(serialize_with = "rounded_option")]
    pub capacity: Option<f64>,
    /// The campaigns (ids) sending customers there that day, in plan order.
    pub campaigns: Vec<String>,
}

impl DayLoad {
    /// Whether the load exceeds the capacity.
    #[must_use]
    pub fn overloaded(&self) -> bool {
        self.capacity
            .is_some_and(|capacity| self.load > capacity + NOTHING)
    }
}

/// The calendar of a map's campaigns.
#[must_use]
pub fn calendar(map: &Map, preflight: &Preflight) -> Calendar {
    let touchpoints = map.touchpoints();
    let schedule = &preflight.schedule;
    let mut days = Vec::new();
    for period in &schedule.periods {
        let rows: Vec<DayLoad> = touchpoints
            .iter()
            .enumerate()
            .filter_map(|(t, touchpoint)| {
                let load = schedule.load(period, t);
                let capacity = touchpoint.capacity_per_day;
                if load <= NOTHING && capacity.is_none() {
                    return None;
                }
                let campaigns = period
                    .running
                    .iter()
                    .filter(|&&campaign| schedule.rate(campaign, t) > NOTHING)
                    .map(|&campaign| preflight.campaigns[campaign].id.clone())
                    .collect();
                Some(DayLoad {
                    id: touchpoint.id.clone(),
                    load,
                    capacity,
                    campaigns,
                })
            })
            .collect();
        let mut day = period.first;
        while day <= period.last {
            days.push(CalendarDay {
                date: day.to_string(),
                touchpoints: rows.clone(),
            });
            day = day.plus(1);
        }
    }
    Calendar { days }
}
