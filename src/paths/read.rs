//! Reading path data (DESIGN.md "Path data and attribution"): the channelattribution package's aggregated
//! layout (`path`, `total_conversions`, `total_conversion_value`, `total_null`) or one row per
//! event with named columns, comma, semicolon or tab separated, UTF-8 with or without a BOM, CRLF or
//! LF, quoted fields. Streaming: rows are read one at a time from a buffered reader; events keep
//! only what grouping by journey needs (step numbers, a time and a flag), never the text of a row.

use std::io::{BufRead, BufReader, Read};

use super::{FastMap, PathError, PathSet, Tally};

/// The event layout's column names (DESIGN.md's defaults: `journey`, `timestamp`, `touchpoint`,
/// `conversion`, `value`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventColumns {
    /// The journey (user, session or customer id).
    pub journey: String,
    /// When the event happened: a number or an ISO 8601 time.
    pub time: String,
    /// The step (channel, page, touch point).
    pub step: String,
    /// 1/true/yes where the event is a conversion.
    pub conversion: String,
    /// The conversion's value.
    pub value: String,
    /// When set, the conversion column holds an event's name, and this name marks a conversion
    /// (GA4's `purchase`, Segment's `Order Completed`, Snowplow's `transaction`); otherwise the
    /// column says 1, true or yes.
    pub converts_on: Option<String>,
}

impl Default for EventColumns {
    fn default() -> Self {
        Self {
            journey: "journey".into(),
            time: "timestamp".into(),
            step: "touchpoint".into(),
            conversion: "conversion".into(),
            value: "value".into(),
            converts_on: None,
        }
    }
}

impl EventColumns {
    /// The columns a file's header most likely means, for a first guess in the editor: this
    /// layout's default names, else those of GA4's `BigQuery` export flattened (`user_pseudo_id`,
    /// `event_timestamp`, `session_source_medium`, `event_name` = `purchase`, `purchase_revenue`),
    /// Segment's (`anonymous_id`, `timestamp`, `context_campaign_source`, `event` = `Order
    /// Completed`, `revenue`) and Snowplow's (`domain_userid`, `derived_tstamp`, `mkt_source`,
    /// `event_name` = `transaction`, `tr_total`). A role no header fits keeps the default name.
    #[must_use]
    pub fn guess(headers: &[String]) -> Self {
        let has = |name: &str| headers.iter().any(|h| h.eq_ignore_ascii_case(name));
        let pick = |names: &[&str], default: &str| -> String {
            names
                .iter()
                .find(|name| has(name))
                .map_or_else(|| default.to_owned(), |&name| name.to_owned())
        };
        let defaults = Self::default();
        let conversion = pick(&["conversion", "event_name", "event"], &defaults.conversion);
        let converts_on = if conversion.eq_ignore_ascii_case("conversion") || !has(&conversion) {
            None
        } else if has("purchase_revenue") || has("user_pseudo_id") {
            Some("purchase".to_owned())
        } else if has("domain_userid") || has("tr_total") {
            Some("transaction".to_owned())
        } else if has("anonymous_id") || has("context_campaign_source") {
            Some("Order Completed".to_owned())
        } else {
            None
        };
        Self {
            journey: pick(
                &[
                    "journey",
                    "user_pseudo_id",
                    "anonymous_id",
                    "user_id",
                    "domain_userid",
                ],
                &defaults.journey,
            ),
            time: pick(
                &[
                    "timestamp",
                    "event_timestamp",
                    "derived_tstamp",
                    "collector_tstamp",
                    "time",
                ],
                &defaults.time,
            ),
            step: pick(
                &[
                    "touchpoint",
                    "session_source_medium",
                    "context_campaign_source",
                    "mkt_source",
                    "channel",
                    "source",
                ],
                &defaults.step,
            ),
            conversion,
            value: pick(
                &["value", "purchase_revenue", "revenue", "tr_total"],
                &defaults.value,
            ),
            converts_on,
        }
    }
}

/// A file's header row, read without reading further: its column names and whether it is the
/// aggregated layout (the editor's import offers column pickers from it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The column names, BOM and spaces trimmed.
    pub columns: Vec<String>,
    /// `path` and `total_conversions` are there: the aggregated layout, no columns to pick.
    pub aggregated: bool,
}

/// Reads the header row of path data (the first line; the rest of the file is not read).
pub fn read_header(reader: impl Read) -> Result<Header, PathError> {
    let (csv, headers, _) = open(reader)?;
    drop(csv);
    let has = |name: &str| headers.iter().any(|h| h.eq_ignore_ascii_case(name));
    let aggregated = has("path") && has("total_conversions");
    Ok(Header {
        columns: headers,
        aggregated,
    })
}

/// A CSV reader past the header row, the header's names and the separator.
type Opened<R> = (csv::Reader<BufReader<R>>, Vec<String>, u8);

/// The CSV reader past the header row, the header's names and the separator.
fn open<R: Read>(reader: R) -> Result<Opened<R>, PathError> {
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    // The header line decides the separator; it stays in the buffer for the CSV reader.
    let header_line = {
        let buffer = reader
            .fill_buf()
            .map_err(|e| error(None, None, format!("cannot read the file: {e}")))?;
        let end = buffer
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(buffer.len());
        String::from_utf8_lossy(&buffer[..end]).into_owned()
    };
    if header_line.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(error(
            None,
            None,
            "the file is empty: expected a header row (\"path\", \"total_conversions\" … or the event columns)",
        ));
    }
    let delimiter = delimiter_of(&header_line);
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(reader);
    let headers: Vec<String> = csv
        .byte_headers()
        .map_err(|e| error(Some(1), None, format!("cannot read the header row: {e}")))?
        .iter()
        .map(|field| {
            String::from_utf8_lossy(field)
                .trim_start_matches('\u{feff}')
                .trim()
                .to_owned()
        })
        .collect();
    Ok((csv, headers, delimiter))
}

/// The separator a header line uses: the most frequent of comma, semicolon and tab.
fn delimiter_of(header: &str) -> u8 {
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&separator| header.bytes().filter(|&b| b == separator).count())
        .unwrap_or(b',')
}

fn error(row: Option<usize>, column: Option<&str>, message: impl Into<String>) -> PathError {
    PathError::at(row, column, message)
}

/// Reads path data of either layout from a reader (a file, or bytes in a test).
pub fn read_paths(reader: impl Read, columns: &EventColumns) -> Result<PathSet, PathError> {
    let (csv, headers, delimiter) = open(reader)?;
    let find = |name: &str| {
        headers
            .iter()
            .position(|header| header.eq_ignore_ascii_case(name.trim()))
    };
    let decimal_comma = delimiter == b';';
    if let (Some(path), Some(conversions)) = (find("path"), find("total_conversions")) {
        return read_aggregated(
            csv,
            Aggregated {
                path,
                conversions,
                value: find("total_conversion_value"),
                nulls: find("total_null"),
            },
            &headers,
            decimal_comma,
        );
    }
    match (
        find(&columns.journey),
        find(&columns.time),
        find(&columns.step),
    ) {
        (Some(journey), Some(time), Some(step)) => read_events(
            csv,
            Events {
                journey,
                time,
                step,
                conversion: find(&columns.conversion),
                value: find(&columns.value),
            },
            &headers,
            decimal_comma,
            columns.converts_on.as_deref(),
        ),
        _ => Err(error(
            Some(1),
            None,
            format!(
                "the header row fits neither layout: aggregated paths need the columns \"path\" and \"total_conversions\" (optionally \"total_conversion_value\", \"total_null\"); events need \"{}\", \"{}\" and \"{}\" (name others with --journey, --time, --step). The header has {}",
                columns.journey,
                columns.time,
                columns.step,
                headers
                    .iter()
                    .map(|h| format!("\"{h}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// The aggregated layout's column positions.
#[derive(Clone, Copy)]
struct Aggregated {
    path: usize,
    conversions: usize,
    value: Option<usize>,
    nulls: Option<usize>,
}

/// The event layout's column positions.
#[derive(Clone, Copy)]
struct Events {
    journey: usize,
    time: usize,
    step: usize,
    conversion: Option<usize>,
    value: Option<usize>,
}

/// Reads the next row that is not blank into `record`, counting rows in `row` (the header is row
/// 1); `false` at the end of the file.
fn next_record(
    csv: &mut csv::Reader<impl Read>,
    record: &mut csv::ByteRecord,
    row: &mut usize,
) -> Result<bool, PathError> {
    loop {
        match csv.read_byte_record(record) {
            Ok(true) => {}
            Ok(false) => return Ok(false),
            Err(e) => {
                return Err(error(
                    Some(*row + 1),
                    None,
                    format!("cannot read this row: {e}"),
                ));
            }
        }
        *row += 1;
        if !record
            .iter()
            .all(|field| field.iter().all(u8::is_ascii_whitespace))
        {
            return Ok(true);
        }
    }
}

/// One field of a row as text, or a refusal naming the row and column.
fn field<'r>(
    record: &'r csv::ByteRecord,
    index: usize,
    row: usize,
    headers: &[String],
) -> Result<&'r str, PathError> {
    let bytes = record.get(index).unwrap_or_default();
    std::str::from_utf8(bytes).map_err(|_| {
        error(
            Some(row),
            headers.get(index).map(String::as_str),
            "this is not UTF-8 text: save the file as UTF-8",
        )
    })
}

/// A count or a value: a number of at least 0 (a decimal comma in a semicolon file); empty is 0.
fn amount(
    text: &str,
    decimal_comma: bool,
    row: usize,
    column: Option<&str>,
    what: &str,
) -> Result<f64, PathError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0.0);
    }
    let normalised = if decimal_comma {
        text.replace(',', ".")
    } else {
        text.to_owned()
    };
    match normalised.parse::<f64>() {
        Ok(value) if value.is_finite() && value >= 0.0 => Ok(value),
        Ok(_) => Err(error(
            Some(row),
            column,
            format!("{what} must be a number of at least 0, not {text}"),
        )),
        Err(_) => Err(error(
            Some(row),
            column,
            format!("{what} must be a number, not \"{text}\""),
        )),
    }
}

/// Step names to small numbers, so paths are lists of numbers.
#[derive(Default)]
struct Names {
    names: Vec<String>,
    index: FastMap<String, u32>,
}

impl Names {
    fn number(&mut self, name: &str) -> u32 {
        if let Some(&number) = self.index.get(name) {
            return number;
        }
        let number = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.to_owned());
        self.index.insert(name.to_owned(), number);
        number
    }
}

fn read_aggregated(
    mut csv: csv::Reader<impl Read>,
    columns: Aggregated,
    headers: &[String],
    decimal_comma: bool,
) -> Result<PathSet, PathError> {
    let mut names = Names::default();
    let mut tally = Tally::default();
    let mut record = csv::ByteRecord::new();
    let mut row = 1_usize;
    while next_record(&mut csv, &mut record, &mut row)? {
        let path = field(&record, columns.path, row, headers)?;
        let steps: Vec<u32> = path
            .split('>')
            .map(str::trim)
            .filter(|step| !step.is_empty())
            .map(|step| names.number(step))
            .collect();
        // A count or value column (absent: 0), refused naming its row and column.
        let column_amount = |index: Option<usize>, what: &str| -> Result<f64, PathError> {
            match index {
                Some(index) => amount(
                    field(&record, index, row, headers)?,
                    decimal_comma,
                    row,
                    headers.get(index).map(String::as_str),
                    what,
                ),
                None => Ok(0.0),
            }
        };
        let conversions = column_amount(Some(columns.conversions), "total_conversions")?;
        let value = column_amount(columns.value, "total_conversion_value")?;
        let nulls = column_amount(columns.nulls, "total_null")?;
        tally.add(steps, conversions, value, nulls);
    }
    if tally.is_empty() {
        return Err(error(None, None, "the file has a header row but no paths"));
    }
    Ok(tally.into_set(names.names))
}

/// One event, as grouping by journey keeps it: 32 bytes, no text (the value stays an f64: money
/// summed in f32 loses cents).
#[derive(Clone, Copy)]
struct Event {
    time: f64,
    order: u32,
    step: u32,
    conversion: bool,
    value: f64,
}

fn read_events(
    mut csv: csv::Reader<impl Read>,
    columns: Events,
    headers: &[String],
    decimal_comma: bool,
    converts_on: Option<&str>,
) -> Result<PathSet, PathError> {
    let mut names = Names::default();
    let mut journeys: FastMap<Box<str>, Vec<Event>> = FastMap::default();
    let mut record = csv::ByteRecord::new();
    let mut row = 1_usize;
    while next_record(&mut csv, &mut record, &mut row)? {
        let header = |index: usize| headers.get(index).map(String::as_str);
        let journey = field(&record, columns.journey, row, headers)?.trim();
        if journey.is_empty() {
            return Err(error(
                Some(row),
                header(columns.journey),
                "the journey is empty",
            ));
        }
        let time_text = field(&record, columns.time, row, headers)?.trim();
        let time = parse_time(time_text).ok_or_else(|| {
            error(
                Some(row),
                header(columns.time),
                format!(
                    "\"{time_text}\" is not a time: write a number or an ISO 8601 time (2026-11-03T10:15:00Z)"
                ),
            )
        })?;
        let step_text = field(&record, columns.step, row, headers)?.trim();
        let conversion = match columns.conversion {
            Some(index) => {
                let text = field(&record, index, row, headers)?.trim();
                if let Some(name) = converts_on {
                    text.eq_ignore_ascii_case(name.trim())
                } else {
                    match text.to_ascii_lowercase().as_str() {
                        "1" | "true" | "yes" => true,
                        "" | "0" | "false" | "no" => false,
                        _ => {
                            return Err(error(
                                Some(row),
                                header(index),
                                format!(
                                    "a conversion is written 1, true or yes (or 0, false, no, empty), not \"{text}\"; if the column holds event names, say which one converts with --converts-on"
                                ),
                            ));
                        }
                    }
                }
            }
            None => false,
        };
        let value = match columns.value {
            Some(index) => amount(
                field(&record, index, row, headers)?,
                decimal_comma,
                row,
                header(index),
                "value",
            )?,
            None => 0.0,
        };
        // An event with no step (a conversion recorded on its own) adds no step to the path.
        let step = if step_text.is_empty() {
            u32::MAX
        } else {
            names.number(step_text)
        };
        let events = match journeys.get_mut(journey) {
            Some(events) => events,
            None => journeys.entry(journey.into()).or_default(),
        };
        events.push(Event {
            time,
            order: u32::try_from(row).unwrap_or(u32::MAX),
            step,
            conversion,
            value,
        });
    }
    if journeys.is_empty() {
        return Err(error(None, None, "the file has a header row but no events"));
    }
    // Each journey in time order (ties keep the file's order), cut after every conversion: a
    // customer who converts twice has two paths; events after the last conversion form a path
    // without one.
    let mut tally = Tally::default();
    for (_, mut events) in journeys {
        events.sort_by(|a, b| a.time.total_cmp(&b.time).then(a.order.cmp(&b.order)));
        let mut steps = Vec::new();
        for event in events {
            if event.step != u32::MAX {
                steps.push(event.step);
            }
            if event.conversion {
                tally.add(std::mem::take(&mut steps), 1.0, event.value, 0.0);
            }
        }
        if !steps.is_empty() {
            tally.add(steps, 0.0, 0.0, 1.0);
        }
    }
    Ok(tally.into_set(names.names))
}

/// A time as a number to sort by: a plain number as it is (GA4's microseconds, a Unix time), or an
/// ISO 8601 date and time (`2026-11-03T10:15:00Z`, `2026-11-03 10:15:00.123+01:00`, a bare date) in
/// seconds since 1970, offsets applied.
fn parse_time(text: &str) -> Option<f64> {
    if let Ok(number) = text.parse::<f64>() {
        return number.is_finite().then_some(number);
    }
    let date = crate::model::Day::parse(text.get(..10)?).ok()?;
    let epoch = crate::model::Day::parse("1970-01-01").ok()?;
    let days = date.since(epoch) as f64;
    let rest = text.get(10..)?.trim_start_matches(['T', 't', ' ']);
    if rest.is_empty() {
        return Some(days * 86_400.0);
    }
    // hh:mm[:ss[.fff]] then Z, UTC, ±hh:mm or ±hhmm.
    let split = rest.find(['Z', 'z', '+', '-', ' ']).unwrap_or(rest.len());
    let (clock, zone) = rest.split_at(split);
    let mut parts = clock.split(':');
    let hours: f64 = parts.next()?.parse().ok()?;
    let minutes: f64 = parts.next()?.parse().ok()?;
    let seconds: f64 = parts.next().map_or(Some(0.0), |s| s.parse().ok())?;
    if parts.next().is_some() || hours >= 24.0 || minutes >= 60.0 || seconds >= 61.0 {
        return None;
    }
    let zone = zone.trim();
    let offset = match zone {
        "" | "Z" | "z" | "UTC" => 0.0,
        _ => {
            let sign = if zone.starts_with('-') { -1.0 } else { 1.0 };
            let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
            if digits.len() != 4 {
                return None;
            }
            let zone_hours: f64 = digits[..2].parse().ok()?;
            let zone_minutes: f64 = digits[2..].parse().ok()?;
            sign * (zone_hours * 3600.0 + zone_minutes * 60.0)
        }
    };
    Some(days * 86_400.0 + hours * 3600.0 + minutes * 60.0 + seconds - offset)
}

#[cfg(test)]
mod tests {
    use super::{EventColumns, parse_time, read_header};

    /// The editor's first guess of the columns, from the real exports' header rows.
    #[test]
    fn the_columns_of_ga4_segment_and_snowplow_exports_are_guessed_from_their_headers() {
        let guess = |file: &str| {
            let header = read_header(
                std::fs::File::open(format!("tests/data/paths/{file}")).expect("fixture"),
            )
            .expect("header");
            assert!(!header.aggregated, "{file}");
            EventColumns::guess(&header.columns)
        };
        let ga4 = guess("ga4-events.csv");
        assert_eq!(
            (ga4.journey.as_str(), ga4.time.as_str(), ga4.step.as_str()),
            ("user_pseudo_id", "event_timestamp", "session_source_medium")
        );
        assert_eq!(ga4.conversion, "event_name");
        assert_eq!(ga4.converts_on.as_deref(), Some("purchase"));
        assert_eq!(ga4.value, "purchase_revenue");
        // Segment's, saved by Excel with a BOM before the first name.
        let segment = guess("segment-tracks.csv");
        assert_eq!(segment.journey, "anonymous_id");
        assert_eq!(segment.step, "context_campaign_source");
        assert_eq!(segment.converts_on.as_deref(), Some("Order Completed"));
        let snowplow = guess("snowplow-events.tsv");
        assert_eq!(
            (snowplow.journey.as_str(), snowplow.time.as_str()),
            ("domain_userid", "derived_tstamp")
        );
        assert_eq!(snowplow.converts_on.as_deref(), Some("transaction"));
        assert_eq!(snowplow.value, "tr_total");
        let aggregated = read_header(
            std::fs::File::open("tests/data/paths/channelattribution-paths.csv").expect("fixture"),
        )
        .expect("header");
        assert!(aggregated.aggregated);
        // A header of this layout's own names keeps them, with no event name to look for.
        let own = EventColumns::guess(&[
            "journey".into(),
            "timestamp".into(),
            "touchpoint".into(),
            "conversion".into(),
        ]);
        assert_eq!(own, EventColumns::default());
    }

    #[test]
    fn times_sort_as_numbers_whatever_their_writing() {
        assert_eq!(
            parse_time("1700000000123456"),
            Some(1_700_000_000_123_456.0)
        );
        assert_eq!(parse_time("1970-01-02"), Some(86_400.0));
        assert_eq!(parse_time("1970-01-01T00:01:00Z"), Some(60.0));
        assert_eq!(parse_time("1970-01-01 01:00:00+01:00"), Some(0.0));
        assert_eq!(parse_time("1970-01-01T00:00:01.5-0030"), Some(1.5 + 1800.0));
        assert_eq!(parse_time("1970-01-01 00:00:00 UTC"), Some(0.0));
        assert_eq!(parse_time("yesterday"), None);
        assert_eq!(parse_time("2026-02-30T10:00:00Z"), None);
        assert_eq!(parse_time("2026-01-01T25:00:00Z"), None);
    }
}
