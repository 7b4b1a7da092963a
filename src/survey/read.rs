//! Reading survey exports (DESIGN.md "Evidence and measurement"): the header rows of Google Forms
//! (one row, first column `Timestamp`), Typeform (one row, first column `#`), SurveyMonkey (two:
//! the question, then the answer option or `Response`; first columns `Respondent ID, Collector ID,
//! Start Date, End Date, …`), Qualtrics (three: ids such as `Q3`, the question text, then
//! `{"ImportId":"QID3"}`) or any CSV with one header row. Comma, semicolon or tab; UTF-8 with or
//! without a BOM; CRLF or LF; quoted fields with line breaks (the `csv` crate).

use crate::import::ImportError;
use crate::model::Day;

/// Which tool wrote the file, recognised by its header rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Google Forms.
    GoogleForms,
    /// Typeform.
    Typeform,
    /// SurveyMonkey (two header rows).
    SurveyMonkey,
    /// Qualtrics (three header rows).
    Qualtrics,
    /// Any CSV with one header row.
    Plain,
}

impl Layout {
    /// For people.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::GoogleForms => "Google Forms",
            Self::Typeform => "Typeform",
            Self::SurveyMonkey => "SurveyMonkey",
            Self::Qualtrics => "Qualtrics",
            Self::Plain => "a CSV with one header row",
        }
    }

    /// Header rows before the first answer.
    #[must_use]
    pub fn header_rows(self) -> usize {
        match self {
            Self::SurveyMonkey => 2,
            Self::Qualtrics => 3,
            _ => 1,
        }
    }
}

/// One column of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The question as people read it (Qualtrics' second row; SurveyMonkey's first row, with the
    /// second row's option after " - " where it names one).
    pub text: String,
    /// Qualtrics' short id (`Q3`, `Q2_1`) and its import id (`QID3`), when the file has them.
    pub ids: Vec<String>,
}

/// A survey export read into memory (surveys are small: thousands of rows).
#[derive(Debug, Clone, PartialEq)]
pub struct Responses {
    /// The tool that wrote it.
    pub layout: Layout,
    /// The columns.
    pub columns: Vec<Column>,
    /// The answers: one row per response, cells as written (a cell missing at the end of a short
    /// row is empty).
    pub rows: Vec<Vec<String>>,
    /// Each row's number as a spreadsheet shows it (header rows counted, a cell with line breaks
    /// still one row), for messages.
    pub row_numbers: Vec<usize>,
    /// Each row's response date, where the file has a date column that reads as one.
    pub dates: Vec<Option<Day>>,
}

fn error(row: Option<usize>, column: Option<&str>, message: impl Into<String>) -> ImportError {
    ImportError::at(row, column, message)
}

/// The separator the first line uses: the most frequent of comma, semicolon and tab outside
/// quotes.
fn delimiter_of(text: &str) -> u8 {
    let line: &str = text.lines().next().unwrap_or_default();
    let mut counts = [0_usize; 3];
    let mut quoted = false;
    for byte in line.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

const SURVEYMONKEY_FIRST: [&str; 4] = ["respondent id", "collector id", "start date", "end date"];

/// Recognises the layout from the first three rows.
fn layout_of(rows: &[Vec<String>]) -> Layout {
    let first = |row: usize| -> String {
        rows.get(row)
            .and_then(|r| r.first())
            .map(|cell| cell.trim().to_lowercase())
            .unwrap_or_default()
    };
    let third_is_import_ids = rows.get(2).is_some_and(|row| {
        row.iter()
            .filter(|cell| !cell.trim().is_empty())
            .all(|cell| cell.trim_start().starts_with("{\"ImportId\""))
            && !row.is_empty()
    });
    if third_is_import_ids {
        return Layout::Qualtrics;
    }
    let header = rows.first();
    let starts_like_surveymonkey = header.is_some_and(|row| {
        row.iter()
            .zip(SURVEYMONKEY_FIRST)
            .all(|(cell, name)| cell.trim().eq_ignore_ascii_case(name))
            && row.len() >= SURVEYMONKEY_FIRST.len()
    });
    if starts_like_surveymonkey {
        return Layout::SurveyMonkey;
    }
    match first(0).as_str() {
        "timestamp" | "zeitstempel" | "horodateur" | "marca temporal" => Layout::GoogleForms,
        "#" => Layout::Typeform,
        _ => Layout::Plain,
    }
}

/// Reads a survey export from its text (a BOM before the first header is dropped).
pub fn read_responses(text: &str) -> Result<Responses, ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(error(
            None,
            None,
            "the file is empty: expected the survey tool's header row and the answers",
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter_of(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut all: Vec<Vec<String>> = Vec::new();
    let mut numbers: Vec<usize> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let row = e.position().map(|p| p.line() as usize);
            error(row, None, format!("this is not a readable CSV row: {e}"))
        })?;
        all.push(record.iter().map(str::to_owned).collect());
        // The row as a spreadsheet numbers it: one per record, however many lines its quoted
        // cells span.
        numbers.push(all.len());
    }
    let layout = layout_of(&all);
    let header_rows = layout.header_rows();
    if all.len() < header_rows {
        return Err(error(
            None,
            None,
            format!(
                "the file looks like a {} export but has fewer than its {header_rows} header rows",
                layout.name()
            ),
        ));
    }
    let width = all.iter().map(Vec::len).max().unwrap_or(0);
    let cell = |row: usize, column: usize| -> String {
        all.get(row)
            .and_then(|r| r.get(column))
            .map(|c| c.trim().to_owned())
            .unwrap_or_default()
    };
    let mut columns: Vec<Column> = Vec::with_capacity(width);
    let mut question = String::new();
    for index in 0..width {
        let column = match layout {
            Layout::Qualtrics => {
                let import_id = serde_json::from_str::<serde_json::Value>(&cell(2, index))
                    .ok()
                    .and_then(|value| value.get("ImportId")?.as_str().map(str::to_owned));
                Column {
                    text: cell(1, index),
                    ids: std::iter::once(cell(0, index))
                        .chain(import_id)
                        .filter(|id| !id.is_empty())
                        .collect(),
                }
            }
            Layout::SurveyMonkey => {
                // A question spans several columns (one per option or matrix row): its text is
                // in the first of them only.
                let top = cell(0, index);
                if !top.is_empty() {
                    question = top;
                }
                let option = cell(1, index);
                let text = if option.is_empty()
                    || option.eq_ignore_ascii_case("response")
                    || option.eq_ignore_ascii_case("open-ended response")
                {
                    question.clone()
                } else {
                    format!("{question} - {option}")
                };
                Column {
                    text,
                    ids: Vec::new(),
                }
            }
            _ => Column {
                text: strip_markup(&cell(0, index)),
                ids: Vec::new(),
            },
        };
        columns.push(column);
    }
    let date_column = date_column(layout, &columns);
    let mut rows = Vec::new();
    let mut row_numbers = Vec::new();
    let mut dates = Vec::new();
    for (row, number) in all.into_iter().zip(numbers).skip(header_rows) {
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        dates.push(
            date_column
                .and_then(|c| row.get(c))
                .and_then(|text| response_day(text)),
        );
        rows.push(row);
        row_numbers.push(number);
    }
    Ok(Responses {
        layout,
        columns,
        rows,
        row_numbers,
        dates,
    })
}

/// The columns the tools add about a response rather than questions (ids, dates, progress, the
/// respondent's address): the editor's question list leaves them out.
const METADATA: [&str; 31] = [
    "timestamp",
    "#",
    "respondent id",
    "collector id",
    "start date",
    "end date",
    "ip address",
    "email address",
    "first name",
    "last name",
    "custom data 1",
    "response type",
    "progress",
    "duration (in seconds)",
    "finished",
    "recorded date",
    "response id",
    "recipient last name",
    "recipient first name",
    "recipient email",
    "external data reference",
    "location latitude",
    "location longitude",
    "distribution channel",
    "user language",
    "start date (utc)",
    "stage date (utc)",
    "submit date (utc)",
    "network id",
    "tags",
    "status",
];

impl Column {
    /// A column the tool adds about the response (its id, dates, progress), not a question.
    #[must_use]
    pub fn is_metadata(&self) -> bool {
        let text = self.text.trim().to_lowercase();
        METADATA.contains(&text.as_str())
    }
}

/// Typeform writes some question texts with markup (`<strong>Are you…</strong>`): the text
/// people read is without it.
fn strip_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// The column that dates a response: when it was submitted, else when it started.
fn date_column(layout: Layout, columns: &[Column]) -> Option<usize> {
    let names: &[&str] = match layout {
        Layout::GoogleForms => &["timestamp", "zeitstempel", "horodateur", "marca temporal"],
        Layout::Typeform => &["submit date (utc)", "start date (utc)"],
        Layout::SurveyMonkey => &["end date", "start date"],
        Layout::Qualtrics => &["recorded date", "end date", "start date"],
        Layout::Plain => &["date", "submitted", "timestamp", "submit date", "end date"],
    };
    names.iter().find_map(|name| {
        columns.iter().position(|column| {
            column.text.eq_ignore_ascii_case(name)
                || column.ids.iter().any(|id| id.eq_ignore_ascii_case(name))
        })
    })
}

/// The day of a response date as the tools write them: `2026-11-30 10:15:22` (Qualtrics,
/// Typeform), `2026/11/30 10:15:22 AM GMT+1`, `11/30/2026 10:15:22` (Google Forms and
/// SurveyMonkey in the US: month first unless the first number is above 12), `30.11.2026 10:15`.
#[must_use]
pub fn response_day(text: &str) -> Option<Day> {
    let date = text.split_whitespace().next()?.trim_end_matches(',');
    let date = date.split('T').next()?;
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    if parts.len() != 3 {
        return None;
    }
    let numbers: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (year, month, day) = if parts[0].len() == 4 {
        (numbers[0], numbers[1], numbers[2])
    } else if parts[2].len() == 4 {
        if date.contains('.') || numbers[0] > 12 {
            (numbers[2], numbers[1], numbers[0])
        } else {
            (numbers[2], numbers[0], numbers[1])
        }
    } else {
        return None;
    };
    Day::parse(&format!("{year:04}-{month:02}-{day:02}")).ok()
}
