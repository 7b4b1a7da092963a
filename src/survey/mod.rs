//! Survey import (DESIGN.md "Evidence and measurement"): the answers of a survey export set the
//! scores of the touch points its questions rate — mean on 1–5, 95 % interval, NPS on 0–10
//! questions, all kept in `measured` — and its open answers become evidence items, never twice.
//! The mapping (question → touch point) is remembered in the map's `sources`, so next month's
//! export of the same survey imports with no flags. `read.rs` recognises the tools' layouts;
//! `answers.rs` reads answers and computes the numbers.

mod answers;
mod read;

use serde_json::{Value, json};

pub use answers::{Answer, Scale, Summary, nps, read_answer, summarise, t_quantile_975};
pub use read::{Column, Layout, Responses, read_responses, response_day};

use crate::import::ImportError;
use crate::model::{Day, Evidence, EvidenceKind, MAX_EVIDENCE, Map, Measured, TouchPointId};

/// Which question rates or quotes which touch point, and the scales given by hand, as written on
/// the command line (`--rate "QUESTION=TOUCHPOINT"`) or kept in `sources`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mapping {
    /// Question → touch point whose score it sets.
    pub rate: Vec<(String, String)>,
    /// Question → touch point its open answers back.
    pub quote: Vec<(String, String)>,
    /// Question → "MIN-MAX".
    pub scale: Vec<(String, String)>,
}

impl Mapping {
    /// Nothing mapped.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rate.is_empty() && self.quote.is_empty()
    }

    /// Reads "QUESTION=VALUE" (the last `=` splits, so a question may hold one).
    pub fn pair(text: &str) -> Result<(String, String), String> {
        let (question, value) = text.rsplit_once('=').ok_or_else(|| {
            format!("\"{text}\" is not QUESTION=TOUCHPOINT (or QUESTION=MIN-MAX for --scale)")
        })?;
        if question.trim().is_empty() || value.trim().is_empty() {
            return Err(format!(
                "\"{text}\" needs a question before = and a value after it"
            ));
        }
        Ok((question.trim().to_owned(), value.trim().to_owned()))
    }
}

/// One rated touch point's numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Rated {
    /// The touch point.
    pub id: TouchPointId,
    /// The question (its column's text).
    pub question: String,
    /// Its scale.
    pub scale: Scale,
    /// Mean, interval, count on 1–5.
    pub summary: Summary,
    /// Answers skipped (blank, N/A, Don't know).
    pub skipped: usize,
    /// The score written (the mean, 2 decimals).
    pub score: f64,
    /// The score before.
    pub before: Option<f64>,
    /// NPS on a 0–10 question.
    pub nps: Option<f64>,
}

impl Rated {
    /// "1.6 → 2.5 (95% 1.4–3.6, n = 6, 2 skipped; scale 1-5) · NPS +25": the score before and
    /// after with its basis, as the command line and the editor's preview print it.
    #[must_use]
    pub fn line(&self) -> String {
        use crate::numbers::decimal;
        let before = self
            .before
            .map_or_else(|| "no score".to_owned(), |score| decimal(score, 2));
        let nps = self
            .nps
            .map(|nps| format!(" · NPS {}", crate::numbers::signed(nps, 1)))
            .unwrap_or_default();
        format!(
            "{before} → {} (95% {}–{}, n = {}, {} skipped; scale {}){nps}",
            decimal(self.score, 2),
            decimal(self.summary.low, 2),
            decimal(self.summary.high, 2),
            self.summary.n,
            self.skipped,
            self.scale.text()
        )
    }
}

/// One quoted question's evidence items.
#[derive(Debug, Clone, PartialEq)]
pub struct Quoted {
    /// The touch point.
    pub id: TouchPointId,
    /// The question.
    pub question: String,
    /// Items added.
    pub added: usize,
    /// Answers the touch point already had from this source (not added again).
    pub already: usize,
}

/// What importing a survey did, and the map it made.
#[derive(Debug, Clone)]
pub struct SurveyImport {
    /// The map with the new scores, measurements, evidence and source.
    pub map: Map,
    /// The tool that wrote the file.
    pub layout: Layout,
    /// Responses read.
    pub responses: usize,
    /// One per `--rate`.
    pub rated: Vec<Rated>,
    /// One per `--quote`.
    pub quoted: Vec<Quoted>,
}

impl SurveyImport {
    /// The documented JSON: `{"responses", "touchpoints": [{"id", "question", "n", "skipped",
    /// "mean", "low", "high", "score", "nps"}], "quotes"}`.
    #[must_use]
    pub fn to_json(&self) -> Value {
        json!({
            "layout": self.layout.name(),
            "responses": self.responses,
            "touchpoints": self.rated.iter().map(|r| json!({
                "id": r.id.as_str(),
                "question": r.question,
                "scale": r.scale.text(),
                "n": r.summary.n,
                "skipped": r.skipped,
                "mean": r.summary.mean,
                "low": r.summary.low,
                "high": r.summary.high,
                "score": r.score,
                "before": r.before,
                "nps": r.nps,
            })).collect::<Vec<_>>(),
            "quotes": self.quoted.iter().map(|q| json!({
                "id": q.id.as_str(),
                "question": q.question,
                "added": q.added,
                "already": q.already,
            })).collect::<Vec<_>>(),
        })
    }
}

fn error(row: Option<usize>, column: Option<&str>, message: impl Into<String>) -> ImportError {
    ImportError::at(row, column, message)
}

/// Words of a text, lower case, for likeness.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_owned)
        .collect()
}

/// The `count` candidates most like `wanted` (most shared words, then shared prefix), for
/// "did you mean" lists.
fn closest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
    count: usize,
) -> Vec<String> {
    let wanted_words = words(wanted);
    let wanted_lower = wanted.to_lowercase();
    let mut scored: Vec<(usize, usize, &str)> = candidates
        .filter(|c| !c.trim().is_empty())
        .map(|candidate| {
            let shared = words(candidate)
                .iter()
                .filter(|w| wanted_words.contains(w))
                .count();
            let prefix = candidate
                .to_lowercase()
                .chars()
                .zip(wanted_lower.chars())
                .take_while(|(a, b)| a == b)
                .count();
            (shared, prefix, candidate)
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    scored
        .into_iter()
        .take(count)
        .map(|(_, _, c)| format!("\"{c}\""))
        .collect()
}

/// The column a question names: its text exactly, then ignoring case and surrounding spaces,
/// then a Qualtrics id, then a unique prefix.
pub fn find_question(responses: &Responses, question: &str) -> Result<usize, String> {
    let columns = &responses.columns;
    let wanted = question.trim();
    let normal = |text: &str| {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    if let Some(index) = columns.iter().position(|c| c.text == wanted) {
        return Ok(index);
    }
    let wanted_normal = normal(wanted);
    if let Some(index) = columns
        .iter()
        .position(|c| normal(&c.text) == wanted_normal)
    {
        return Ok(index);
    }
    if let Some(index) = columns
        .iter()
        .position(|c| c.ids.iter().any(|id| id.eq_ignore_ascii_case(wanted)))
    {
        return Ok(index);
    }
    let prefixed: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| normal(&c.text).starts_with(&wanted_normal))
        .map(|(i, _)| i)
        .collect();
    match prefixed.as_slice() {
        [index] => Ok(*index),
        [] => Err(format!(
            "no question of the survey is \"{wanted}\"; the closest are {}",
            closest(wanted, columns.iter().map(|c| c.text.as_str()), 3).join(", ")
        )),
        many => Err(format!(
            "\"{wanted}\" begins {} questions: {}; write more of it",
            many.len(),
            many.iter()
                .take(5)
                .map(|&i| format!("\"{}\"", columns[i].text))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The touch point a text names: its id, its name (ignoring case), or an alias.
pub fn find_touchpoint(map: &Map, text: &str) -> Result<TouchPointId, String> {
    let wanted = text.trim();
    if let Ok(id) = TouchPointId::new(wanted)
        && map.contains(&id)
    {
        return Ok(id);
    }
    let lower = wanted.to_lowercase();
    let touchpoints = map.touchpoints();
    if let Some(t) = touchpoints
        .iter()
        .find(|t| t.name.trim().to_lowercase() == lower)
        .or_else(|| {
            touchpoints
                .iter()
                .find(|t| t.aliases.iter().any(|a| a.trim().to_lowercase() == lower))
        })
    {
        return Ok(t.id.clone());
    }
    Err(format!(
        "no touch point is \"{wanted}\" (by id, name or alias); the closest are {}",
        closest(wanted, touchpoints.iter().map(|t| t.name.as_str()), 3).join(", ")
    ))
}

fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10_f64.powi(decimals);
    (value * factor).round() / factor
}

/// Imports `responses` (read from the file called `source`) into `map` with `mapping`, `today`
/// being the import's date in `sources`. Nothing is changed when it fails: the error names the
/// row and column, or the question or touch point and the closest ones.
pub fn import_survey(
    map: &Map,
    responses: &Responses,
    source: &str,
    mapping: &Mapping,
    today: Day,
) -> Result<SurveyImport, ImportError> {
    if mapping.is_empty() {
        return Err(error(
            None,
            None,
            "say which questions rate which touch points: --rate \"QUESTION=TOUCHPOINT\" (the map keeps no earlier survey mapping to reuse)",
        ));
    }
    let mut changed = map.clone();
    let mut scales: Vec<(usize, Scale)> = Vec::new();
    for (question, text) in &mapping.scale {
        let column = find_question(responses, question).map_err(|m| error(None, None, m))?;
        let scale = Scale::parse(text).ok_or_else(|| {
            error(
                None,
                None,
                format!("--scale \"{question}={text}\": a scale is MIN-MAX with MIN below MAX, as 1-5 or 0-10"),
            )
        })?;
        scales.push((column, scale));
    }
    let mut rated = Vec::new();
    let mut rated_ids: Vec<TouchPointId> = Vec::new();
    for (question, touchpoint) in &mapping.rate {
        let column = find_question(responses, question).map_err(|m| error(None, None, m))?;
        let id = find_touchpoint(map, touchpoint).map_err(|m| error(None, None, m))?;
        if rated_ids.contains(&id) {
            return Err(error(
                None,
                None,
                format!(
                    "two questions rate {}: a touch point's score comes from one question",
                    map.name_of(&id)
                ),
            ));
        }
        rated_ids.push(id.clone());
        let given = scales.iter().find(|(c, _)| *c == column).map(|(_, s)| *s);
        let (measured, numbers) = rate(responses, column, given, source)?;
        let touchpoint = changed
            .touchpoint(&id)
            .cloned()
            .ok_or_else(|| error(None, None, "the touch point vanished"))?;
        let mut updated = touchpoint.clone();
        if let Some(measured) = measured {
            updated.score = Some(round(measured.mean, 2));
            updated.measured = Some(measured);
        }
        changed
            .update_touchpoint(updated.clone())
            .map_err(|e| error(None, None, e.to_string()))?;
        rated.push(Rated {
            id,
            question: numbers.question,
            scale: numbers.scale,
            summary: numbers.summary,
            skipped: numbers.skipped,
            score: updated.score.unwrap_or_default(),
            before: touchpoint.score,
            nps: numbers.nps,
        });
    }
    let mut quoted = Vec::new();
    for (question, touchpoint) in &mapping.quote {
        let column = find_question(responses, question).map_err(|m| error(None, None, m))?;
        let id = find_touchpoint(map, touchpoint).map_err(|m| error(None, None, m))?;
        let mut updated = changed
            .touchpoint(&id)
            .cloned()
            .ok_or_else(|| error(None, None, "the touch point vanished"))?;
        let (mut added, mut already) = (0, 0);
        for (row, date) in responses.rows.iter().zip(&responses.dates) {
            let text = row.get(column).map_or("", |c| c.trim());
            if matches!(read_answer(text), Ok(Answer::Skipped)) {
                continue;
            }
            let known = updated
                .evidence
                .iter()
                .any(|item| item.text == text && item.source.as_deref() == Some(source));
            if known {
                already += 1;
                continue;
            }
            updated.evidence.push(Evidence {
                text: text.to_owned(),
                source: Some(source.to_owned()),
                date: *date,
                kind: Some(EvidenceKind::Survey),
                rating: None,
                extra: serde_json::Map::new(),
            });
            added += 1;
        }
        if updated.evidence.len() > MAX_EVIDENCE {
            return Err(error(
                None,
                Some(&responses.columns[column].text),
                format!(
                    "{} would hold {} evidence items, more than the {MAX_EVIDENCE} a touch point may carry",
                    updated.name,
                    updated.evidence.len()
                ),
            ));
        }
        changed
            .update_touchpoint(updated)
            .map_err(|e| error(None, None, e.to_string()))?;
        quoted.push(Quoted {
            id,
            question: responses.columns[column].text.clone(),
            added,
            already,
        });
    }
    remember(&mut changed, source, mapping, responses, today);
    Ok(SurveyImport {
        map: changed,
        layout: responses.layout,
        responses: responses.rows.len(),
        rated,
        quoted,
    })
}

/// One question's numbers, before they are given to a touch point.
struct Numbers {
    question: String,
    scale: Scale,
    summary: Summary,
    skipped: usize,
    nps: Option<f64>,
}

/// One rated question: its answers read (refusing any that is none of the accepted forms or off
/// the scale, naming its row and column), its scale, its numbers.
fn rate(
    responses: &Responses,
    column: usize,
    given: Option<Scale>,
    source: &str,
) -> Result<(Option<Measured>, Numbers), ImportError> {
    let header = responses.columns[column].text.clone();
    let mut numbers: Vec<(usize, f64)> = Vec::new();
    let mut words: Vec<(usize, f64)> = Vec::new();
    let mut skipped = 0;
    let mut newest: Option<Day> = None;
    for (index, row) in responses.rows.iter().enumerate() {
        let cell = row.get(column).map_or("", String::as_str);
        let number = responses.row_numbers[index];
        match read_answer(cell) {
            Ok(Answer::Skipped) => {
                skipped += 1;
                continue;
            }
            Ok(Answer::Number(value)) => numbers.push((number, value)),
            Ok(Answer::Word(value)) => words.push((number, value)),
            Err(text) => {
                return Err(error(
                    Some(number),
                    Some(&header),
                    format!(
                        "\"{text}\" is not an answer on a scale: write a number, a number with its words (\"4 - Satisfied\"), a word of a 5-point scale (Very dissatisfied … Very satisfied, Strongly disagree … Strongly agree, Very poor … Excellent, Very unlikely … Very likely) or leave it blank"
                    ),
                ));
            }
        }
        if let Some(day) = responses.dates[index] {
            newest = newest.max(Some(day));
        }
    }
    let raw: Vec<f64> = numbers.iter().map(|&(_, v)| v).collect();
    let scale = match given.or_else(|| Scale::in_question(&header)) {
        Some(scale) => scale,
        None if raw.is_empty() => Scale::FIVE,
        None => Scale::from_answers(&raw).ok_or_else(|| {
            let (low, high) = raw.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
            error(
                None,
                Some(&header),
                format!(
                    "the answers run from {} to {}, which fits none of 1–5, 1–7, 1–10 and 0–10: give the scale with --scale \"QUESTION=MIN-MAX\"",
                    crate::numbers::decimal(low, 2),
                    crate::numbers::decimal(high, 2)
                ),
            )
        })?,
    };
    if let Some(&(row, _)) = words.first()
        && scale != Scale::FIVE
    {
        return Err(error(
            Some(row),
            Some(&header),
            format!(
                "a word answer on a {} question: words are read on a 5-point scale only",
                scale.text()
            ),
        ));
    }
    if let Some(&(row, value)) = numbers
        .iter()
        .find(|(_, v)| *v < scale.min || *v > scale.max)
    {
        return Err(error(
            Some(row),
            Some(&header),
            format!(
                "{} is off the question's scale {}",
                crate::numbers::decimal(value, 2),
                scale.text()
            ),
        ));
    }
    let on_five: Vec<f64> = numbers
        .iter()
        .map(|&(_, v)| scale.to_five(v))
        .chain(words.iter().map(|&(_, v)| v))
        .collect();
    let summary = summarise(&on_five);
    let net = (scale == Scale::ZERO_TO_TEN && words.is_empty())
        .then(|| nps(&raw))
        .flatten()
        .map(|value| round(value, 1));
    let measured = (summary.n > 0).then(|| Measured {
        source: source.to_owned(),
        question: Some(header.clone()),
        n: summary.n as f64,
        mean: round(summary.mean, 4),
        low: round(summary.low, 4),
        high: round(summary.high, 4),
        date: newest,
        scale: Some(scale.text()),
        nps: net,
        extra: serde_json::Map::new(),
    });
    Ok((
        measured,
        Numbers {
            question: header,
            scale,
            summary,
            skipped,
            nps: net,
        },
    ))
}

/// The mapping as `sources` keeps it.
fn mapping_value(
    map: &Map,
    mapping: &Mapping,
    responses: &Responses,
) -> serde_json::Map<String, Value> {
    // Questions as the file writes them, so a shortened --rate still finds the column next month.
    let text = |question: &str| {
        find_question(responses, question).map_or_else(
            |_| question.to_owned(),
            |i| responses.columns[i].text.clone(),
        )
    };
    // Touch points by id, so a renamed touch point is still found.
    let id = |touchpoint: &str| {
        find_touchpoint(map, touchpoint).map_or_else(|_| touchpoint.to_owned(), |id| id.to_string())
    };
    let pairs = |list: &[(String, String)], key: &str, value: &dyn Fn(&str) -> String| -> Value {
        Value::Array(
            list.iter()
                .map(|(q, v)| json!({"question": text(q), key: value(v)}))
                .collect(),
        )
    };
    let mut object = serde_json::Map::new();
    object.insert("rate".into(), pairs(&mapping.rate, "touchpoint", &id));
    if !mapping.quote.is_empty() {
        object.insert("quote".into(), pairs(&mapping.quote, "touchpoint", &id));
    }
    if !mapping.scale.is_empty() {
        object.insert(
            "scale".into(),
            pairs(&mapping.scale, "scale", &|v| v.to_owned()),
        );
    }
    object
}

/// Keeps the mapping in the map's `sources`: an entry for the same file with the same mapping
/// stays as it is (importing twice changes nothing); otherwise the file's entry is replaced, or
/// a new one added.
fn remember(map: &mut Map, source: &str, mapping: &Mapping, responses: &Responses, today: Day) {
    let mut entry = serde_json::Map::new();
    entry.insert("kind".into(), json!("survey"));
    entry.insert("file".into(), json!(source));
    entry.insert("imported".into(), json!(today.to_string()));
    entry.extend(mapping_value(map, mapping, responses));
    let mut sources = match map.extra.get("sources") {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    let same_file = sources.iter().position(|item| {
        item.get("kind") == Some(&json!("survey")) && item.get("file") == Some(&json!(source))
    });
    let mapping_of = |item: &Value| -> Vec<Option<Value>> {
        ["rate", "quote", "scale"]
            .iter()
            .map(|key| item.get(*key).cloned())
            .collect()
    };
    let entry = Value::Object(entry);
    match same_file {
        // The same file with the same mapping: kept as it is, date of the first import and all.
        Some(index) if mapping_of(&sources[index]) == mapping_of(&entry) => {}
        Some(index) => sources[index] = entry,
        None => sources.push(entry),
    }
    map.extra.insert("sources".into(), Value::Array(sources));
}

/// The mapping of the map's newest survey source, to import next month's export with no flags.
#[must_use]
pub fn stored_mapping(map: &Map) -> Option<Mapping> {
    let Some(Value::Array(sources)) = map.extra.get("sources") else {
        return None;
    };
    let entry = sources
        .iter()
        .rev()
        .find(|item| item.get("kind") == Some(&json!("survey")))?;
    let pairs = |key: &str, value: &str| -> Vec<(String, String)> {
        entry
            .get(key)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|item| {
                        Some((
                            item.get("question")?.as_str()?.to_owned(),
                            item.get(value)?.as_str()?.to_owned(),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let mapping = Mapping {
        rate: pairs("rate", "touchpoint"),
        quote: pairs("quote", "touchpoint"),
        scale: pairs("scale", "scale"),
    };
    (!mapping.is_empty()).then_some(mapping)
}
