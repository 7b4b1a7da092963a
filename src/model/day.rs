//! Calendar days written `YYYY-MM-DD`, as campaign dates are: checked, counted and stepped through
//! for the campaign calendar. Days are numbered from 1970-01-01 (Howard Hinnant's civil-days
//! algorithm), so the day between two dates is plain subtraction.

use std::fmt;

/// One day of the (proleptic Gregorian) calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i64);

/// In the file a day is written `YYYY-MM-DD`.
impl schemars::JsonSchema for Day {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Day".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": DAY_PATTERN,
            "description": "A day of the calendar, YYYY-MM-DD."
        })
    }
}

/// `YYYY-MM-DD` as a regular expression (the loader also checks that the day exists).
pub const DAY_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// Why a text is not a day, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DayError {
    /// Not written `YYYY-MM-DD` at all.
    #[error("\"{0}\" is not a date written YYYY-MM-DD")]
    Shape(String),
    /// Written like a date, but the calendar has no such day (2026-02-30, 2026-13-01).
    #[error("{0} is not a day of the calendar")]
    NoSuchDay(String),
}

fn days_in_month(year: i64, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

impl Day {
    /// Reads `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, DayError> {
        let bytes = text.as_bytes();
        let shape = || DayError::Shape(text.to_owned());
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(shape());
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            text.get(range)?.bytes().try_fold(0_u32, |value, byte| {
                byte.is_ascii_digit()
                    .then(|| value * 10 + u32::from(byte - b'0'))
            })
        };
        let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10))
        else {
            return Err(shape());
        };
        let year = i64::from(year);
        if day == 0 || day > days_in_month(year, month) {
            return Err(DayError::NoSuchDay(text.to_owned()));
        }
        Ok(Self::from_civil(year, month, day))
    }

    fn from_civil(year: i64, month: u32, day: u32) -> Self {
        let year = if month <= 2 { year - 1 } else { year };
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(month);
        let day_of_year =
            (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        Self(era * 146_097 + day_of_era - 719_468)
    }

    /// (year, month, day).
    #[must_use]
    pub fn civil(self) -> (i64, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }

    /// Today in UTC, from the system clock (1970-01-01 if the clock is before it).
    #[must_use]
    pub fn today() -> Self {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        Self::parse("1970-01-01").map_or(Self(0), |epoch| {
            epoch.plus(i64::try_from(seconds / 86_400).unwrap_or(0))
        })
    }

    /// The day `count` days later (earlier when negative).
    #[must_use]
    pub fn plus(self, count: i64) -> Self {
        Self(self.0 + count)
    }

    /// Days from `earlier` to this day (0 for the same day).
    #[must_use]
    pub fn since(self, earlier: Self) -> i64 {
        self.0 - earlier.0
    }

    /// Monday 0 … Sunday 6.
    #[must_use]
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.0 + 3).rem_euclid(7) as u32
    }

    /// "12 Mar" — short, for charts and reasons.
    #[must_use]
    pub fn short(self) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let (_, month, day) = self.civil();
        format!("{day} {}", MONTHS[(month - 1) as usize])
    }
}

impl fmt::Display for Day {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.civil();
        write!(formatter, "{year:04}-{month:02}-{day:02}")
    }
}

/// Whether `text` is a calendar date `YYYY-MM-DD`.
#[must_use]
pub fn is_date(text: &str) -> bool {
    Day::parse(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_and_print_back() {
        let day = |text| Day::parse(text).expect("a day");
        assert_eq!(day("1970-01-01"), Day(0));
        assert_eq!(day("1970-01-02").since(day("1970-01-01")), 1);
        // 2024 is a leap year: 1 March is 60 days after 1 January (31 + 29).
        assert_eq!(day("2024-03-01").since(day("2024-01-01")), 60);
        assert_eq!(day("2026-03-01").since(day("2026-01-01")), 59);
        assert_eq!(day("2000-03-01").since(day("2000-02-28")), 2);
        assert_eq!(day("1900-03-01").since(day("1900-02-28")), 1);
        for text in [
            "2026-12-05",
            "2024-02-29",
            "1999-12-31",
            "2400-02-29",
            "0001-01-01",
        ] {
            assert_eq!(day(text).to_string(), text);
        }
        assert_eq!(day("2026-03-12").short(), "12 Mar");
        // 5 December 2026 is a Saturday.
        assert_eq!(day("2026-12-05").weekday(), 5);
        assert_eq!(day("2026-12-31").plus(1).to_string(), "2027-01-01");
    }

    #[test]
    fn refusals_say_what_is_wrong() {
        assert_eq!(
            Day::parse("2026-02-30").map_err(|e| e.to_string()),
            Err("2026-02-30 is not a day of the calendar".to_owned())
        );
        assert_eq!(
            Day::parse("2026-13-01").map_err(|e| e.to_string()),
            Err("2026-13-01 is not a day of the calendar".to_owned())
        );
        assert_eq!(
            Day::parse("12/03/2026").map_err(|e| e.to_string()),
            Err("\"12/03/2026\" is not a date written YYYY-MM-DD".to_owned())
        );
        assert!(!is_date("26-03-01"));
        assert!(!is_date("2026-3-1x"));
    }
}
