//! Numbers as people write them, for every text the app shows or exports: percentages without
//! "-0%", shares like 0.61 (never 0.6100000000000001), counts with thousands separators.

/// A fraction as a whole percentage: `0.243` → "24%", `42.8` → "4,280%". Never "-0%".
#[must_use]
pub fn percent(fraction: f64) -> String {
    format!("{}%", whole(fraction * 100.0))
}

/// A fraction as a percentage with one decimal below 10 % (so a small share does not read "0%"):
/// `0.0046` → "0.5%", `0.243` → "24%".
#[must_use]
pub fn fine_percent(fraction: f64) -> String {
    if (fraction * 100.0).abs() < 9.95 {
        format!("{}%", decimal(fraction * 100.0, 1))
    } else {
        percent(fraction)
    }
}

/// A score out of 5, as every text writes it: one decimal always ("2.0/5", never "2/5").
#[must_use]
pub fn score(value: f64) -> String {
    format!("{value:.1}/5")
}

/// Hours for people: "1 hour", "24 hours", "0.5 hours".
#[must_use]
pub fn hours(value: f64) -> String {
    let text = decimal(value, 1);
    if text == "1" {
        "1 hour".to_owned()
    } else {
        format!("{text} hours")
    }
}

/// A number with at most `decimals` decimals, trailing zeros and "-0" removed: `0.6100000000000001`
/// → "0.61", `2.50` → "2.5", `-0.0001` → "0".
#[must_use]
pub fn decimal(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    if text == "-0" { "0".to_owned() } else { text }
}

/// A number with its sign when above zero ("+25", "0", "-12"), as an NPS is written.
#[must_use]
pub fn signed(value: f64, decimals: usize) -> String {
    let text = decimal(value, decimals);
    if value > 0.0 && text != "0" {
        format!("+{text}")
    } else {
        text
    }
}

/// A count with its noun, singular or plural as English wants it: `count(1, "touch point",
/// "touch points")` → "1 touch point", `count(1200, …)` → "1,200 touch points".
#[must_use]
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", whole(n as f64))
    }
}

/// A number for an edit box: as exact as a person typed it, without float noise (up to 6 decimals).
#[must_use]
pub fn editable(value: f64) -> String {
    decimal(value, 6)
}

/// A number as a person types it into a box: surrounding spaces ignored, a decimal comma read as a
/// point ("2,5" → 2.5); `Ok(None)` for an empty box, `Err` with the text when it is not a number.
pub fn parse_typed(text: &str) -> Result<Option<f64>, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    trimmed
        .replace(',', ".")
        .parse::<f64>()
        .map(Some)
        .map_err(|_| trimmed.to_owned())
}

/// A count of customers or money, rounded to a whole number, with thousands separators:
/// `9600.4` → "9,600".
#[must_use]
pub fn whole(value: f64) -> String {
    let rounded = value.round();
    if !rounded.is_finite() {
        return rounded.to_string();
    }
    let negative = rounded < 0.0;
    let digits = format!("{:.0}", rounded.abs());
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if negative && grouped != "0" {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// Money: whole with separators from 100 up, two decimals below ("0.48", "1,200").
#[must_use]
pub fn money(value: f64) -> String {
    if value.abs() >= 100.0 {
        whole(value)
    } else {
        decimal(value, 2)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_nps_shows_its_sign_above_zero() {
        assert_eq!(super::signed(25.0, 1), "+25");
        assert_eq!(super::signed(0.0, 1), "0");
        assert_eq!(super::signed(0.01, 1), "0", "rounds to no sign");
        assert_eq!(super::signed(-12.5, 1), "-12.5");
    }

    #[test]
    fn counts_say_one_and_many() {
        assert_eq!(
            super::count(1, "touch point", "touch points"),
            "1 touch point"
        );
        assert_eq!(super::count(0, "vote", "votes"), "0 votes");
        assert_eq!(super::count(1200, "link", "links"), "1,200 links");
    }

    use super::*;

    #[test]
    fn percentages_never_read_minus_zero() {
        assert_eq!(percent(-0.0001), "0%");
        assert_eq!(percent(0.243), "24%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.005), "1%");
        assert_eq!(percent(42.8), "4,280%");
        assert_eq!(fine_percent(0.0046), "0.5%");
        assert_eq!(fine_percent(0.243), "24%");
        assert_eq!(fine_percent(0.0), "0%");
        assert_eq!(hours(1.0), "1 hour");
        assert_eq!(hours(24.0), "24 hours");
    }

    #[test]
    fn decimals_drop_float_noise_and_trailing_zeros() {
        assert_eq!(decimal(0.610_000_000_000_000_1, 4), "0.61");
        assert_eq!(decimal(2.5, 2), "2.5");
        assert_eq!(decimal(3.0, 2), "3");
        assert_eq!(decimal(-0.000_01, 2), "0");
        assert_eq!(editable(0.1 + 0.2), "0.3");
    }

    #[test]
    fn typed_numbers_accept_a_decimal_comma_and_an_empty_box() {
        assert_eq!(parse_typed(" 2,5 "), Ok(Some(2.5)));
        assert_eq!(parse_typed("12"), Ok(Some(12.0)));
        assert_eq!(parse_typed("   "), Ok(None));
        assert_eq!(parse_typed(" abc "), Err("abc".to_owned()));
    }

    #[test]
    fn whole_numbers_group_thousands() {
        assert_eq!(whole(9600.4), "9,600");
        assert_eq!(whole(40_000.0), "40,000");
        assert_eq!(whole(999.0), "999");
        assert_eq!(whole(1_234_567.0), "1,234,567");
        assert_eq!(whole(-0.2), "0");
        assert_eq!(whole(-1500.0), "-1,500");
        assert_eq!(money(0.4812), "0.48");
        assert_eq!(money(1200.0), "1,200");
    }
}
