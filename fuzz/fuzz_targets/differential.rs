//! The fast loader against the checked decoder on generated maps: where the fast path accepts a
//! file, the checked decoder accepts it too and builds the same map; where the fast path declines,
//! `from_str` gives exactly what the checked decoder gives.
//!
//! Byte mutations of a corpus rarely keep a file valid enough for the fast path to read it to
//! the end (71 of 2,557 corpus entries in the first fuzzing). This target builds the text from a
//! structure `arbitrary` fills in: maps that are mostly valid — ids that links point to, stages
//! the touch points name, numbers in range — with a field now and then absent, `null`, out of
//! range, of the wrong type, repeated or unknown, and the root keys in any order. Every few
//! thousand inputs it prints how many took the fast path to the end.
#![no_main]

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// Words a map uses: stage names, roles, kinds, dates, and a few awkward ones.
const WORDS: [&str; 24] = [
    "Ad",
    "Shop",
    "Awareness",
    "Consideration",
    "Purchase",
    "See",
    "Buy",
    "entry",
    "goal",
    "trial",
    "repeat-sales",
    "2027-02-01",
    "2027-13-40",
    "",
    " ",
    "Über\u{200f}größe",
    "\"quoted\" <b>",
    "a\u{0}b",
    "tp-0",
    "tp-1",
    "survey",
    "1-5",
    "$schema",
    "touchmap",
];

/// A piece of text: usually one of [`WORDS`], sometimes anything.
#[derive(Arbitrary, Debug)]
enum Word {
    Pick(u8),
    Pick2(u8),
    Any(String),
}

impl Word {
    fn text(&self) -> String {
        match self {
            Word::Pick(i) | Word::Pick2(i) => WORDS[usize::from(*i) % WORDS.len()].to_owned(),
            Word::Any(text) => text.clone(),
        }
    }
}

/// A number: usually in the range a map uses, sometimes any.
#[derive(Arbitrary, Debug)]
enum Num {
    /// 0 to 5.1 in steps of 0.02: scores, shares (0–1) and importance-like values.
    Small(u8),
    Whole(i16),
    Any(f64),
}

impl Num {
    fn value(&self) -> Value {
        match self {
            Num::Small(step) => json_number(f64::from(*step) / 50.0),
            Num::Whole(whole) => Value::from(*whole),
            Num::Any(any) => json_number(*any),
        }
    }
}

fn json_number(number: f64) -> Value {
    // JSON has no NaN or infinity: those become null.
    serde_json::Number::from_f64(number).map_or(Value::Null, Value::Number)
}

/// Any JSON scalar, for a value of the wrong type.
#[derive(Arbitrary, Debug)]
enum Scalar {
    Null,
    Bool(bool),
    Num(Num),
    Text(Word),
    EmptyList,
    EmptyObject,
}

impl Scalar {
    fn value(&self) -> Value {
        match self {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(*b),
            Scalar::Num(n) => n.value(),
            Scalar::Text(w) => Value::String(w.text()),
            Scalar::EmptyList => Value::Array(Vec::new()),
            Scalar::EmptyObject => Value::Object(serde_json::Map::new()),
        }
    }
}

/// A field of an object: mostly absent or valid, sometimes null or of the wrong type.
#[derive(Arbitrary, Debug)]
enum Field<T> {
    Absent,
    Absent2,
    Valid(T),
    Valid2(T),
    Valid3(T),
    Null,
    Wrong(Scalar),
}

impl<T> Field<T> {
    /// Adds `"key": value` as JSON text (so nested objects keep their key order and may repeat
    /// a key, which a `serde_json::Map` would not allow).
    fn put(&self, object: &mut Fields, key: &str, valid: impl Fn(&T) -> String) {
        let value = match self {
            Field::Absent | Field::Absent2 => return,
            Field::Valid(t) | Field::Valid2(t) | Field::Valid3(t) => valid(t),
            Field::Null => "null".to_owned(),
            Field::Wrong(scalar) => scalar.value().to_string(),
        };
        object.push((key.to_owned(), value));
    }
}

/// A reference to a touch point: usually one of the map's ids, sometimes any text.
#[derive(Arbitrary, Debug)]
enum Ref {
    Index(u8),
    Index2(u8),
    Any(Word),
}

impl Ref {
    fn id(&self, points: usize) -> String {
        match self {
            Ref::Index(i) | Ref::Index2(i) => format!("tp-{}", usize::from(*i) % points.max(1)),
            Ref::Any(word) => word.text(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Point {
    /// Usually its own index (a unique id); sometimes another point's (a repeat) or any text.
    id: Field<Ref>,
    own_id: bool,
    name: Field<Word>,
    stage: Field<u8>,
    channel: Field<Word>,
    owner: Field<Word>,
    importance: Field<Num>,
    score: Field<Num>,
    reach: Field<Num>,
    cost: Field<Num>,
    role: Field<Word>,
    votes: Field<Num>,
    notes: Field<Word>,
    evidence: Field<Vec<Word>>,
    aliases: Field<Vec<Word>>,
    pos: Field<(Num, Num)>,
    response_hours: Field<Num>,
    capacity_per_day: Field<Num>,
    /// An unknown key, or one the fast path leaves to the checked decoder ("measured", "segments").
    extra: Option<(Word, Scalar)>,
}

#[derive(Arbitrary, Debug)]
struct LinkSpec {
    from: Ref,
    to: Ref,
    share: Field<Num>,
    label: Field<Word>,
    observed: Field<(Num, Num)>,
    extra: Option<(Word, Scalar)>,
}

#[derive(Arbitrary, Debug)]
struct Objective {
    id: Word,
    name: Field<Word>,
    kind: Field<Word>,
    goal: Field<Ref>,
    baseline: Field<Num>,
    target: Field<Num>,
    value: Field<Num>,
}

#[derive(Arbitrary, Debug)]
struct Campaign {
    id: Word,
    name: Field<Word>,
    objective: Field<Word>,
    channels: Field<Vec<Ref>>,
    split: Field<Vec<Num>>,
    reach: Field<Num>,
    budget: Field<Num>,
    response_hours: Field<Num>,
    starts: Field<Word>,
    ends: Field<Word>,
}

#[derive(Arbitrary, Debug)]
struct File {
    version: Field<Num>,
    version_one: bool,
    title: Field<Word>,
    brand: Field<Word>,
    /// The default stages, or these.
    stages: Field<Vec<Word>>,
    default_stages: bool,
    points: Vec<Point>,
    links: Vec<LinkSpec>,
    /// Links as `null` or absent instead of a list.
    links_field: Field<()>,
    objectives: Field<Vec<Objective>>,
    campaigns: Field<Vec<Campaign>>,
    schema: Field<Word>,
    /// The order of the root keys: a rotation and a swap.
    rotate: u8,
    swap: (u8, u8),
    /// A root key written twice, or an unknown one.
    repeat: Option<u8>,
    extra: Option<(Word, Scalar)>,
    /// A byte order mark in front, white space or text after.
    bom: bool,
    tail: Option<Word>,
}

/// An object's keys and their values as JSON text, in the order they are written.
type Fields = Vec<(String, String)>;

fn object(fields: &Fields) -> String {
    let mut text = String::from("{");
    for (position, (key, value)) in fields.iter().enumerate() {
        if position > 0 {
            text.push_str(", ");
        }
        let _ = write!(text, "{}: {value}", Value::String(key.clone()));
    }
    text.push('}');
    text
}

fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(", "))
}

fn string(text: String) -> String {
    Value::String(text).to_string()
}

fn word(w: &Word) -> String {
    string(w.text())
}

fn num(n: &Num) -> String {
    n.value().to_string()
}

fn stage_names(file: &File) -> Vec<String> {
    match (&file.stages, file.default_stages) {
        (Field::Valid(words) | Field::Valid2(words) | Field::Valid3(words), false) => {
            words.iter().map(Word::text).collect()
        }
        _ => touchmap::model::DEFAULT_STAGES
            .iter()
            .map(|&s| s.to_owned())
            .collect(),
    }
}

fn point_value(point: &Point, index: usize, count: usize, stages: &[String]) -> String {
    let mut fields = Fields::new();
    if point.own_id {
        fields.push(("id".to_owned(), string(format!("tp-{index}"))));
    } else {
        point.id.put(&mut fields, "id", |r| string(r.id(count)));
    }
    point.name.put(&mut fields, "name", word);
    point.stage.put(&mut fields, "stage", |i| {
        string(
            stages
                .get(usize::from(*i) % stages.len().max(1))
                .cloned()
                .unwrap_or_default(),
        )
    });
    point.channel.put(&mut fields, "channel", word);
    point.owner.put(&mut fields, "owner", word);
    point.importance.put(&mut fields, "importance", num);
    point.score.put(&mut fields, "score", num);
    point.reach.put(&mut fields, "reach", num);
    point.cost.put(&mut fields, "cost", num);
    point.role.put(&mut fields, "role", word);
    point.votes.put(&mut fields, "votes", num);
    point.notes.put(&mut fields, "notes", word);
    point.evidence.put(&mut fields, "evidence", |words| {
        words.iter().map(word).collect()
    });
    point.aliases.put(&mut fields, "aliases", |words| {
        words.iter().map(word).collect()
    });
    point.pos.put(&mut fields, "pos", |(x, y)| {
        format!("[{}, {}]", num(x), num(y))
    });
    point.response_hours.put(&mut fields, "response_hours", num);
    point
        .capacity_per_day
        .put(&mut fields, "capacity_per_day", num);
    if let Some((key, value)) = &point.extra {
        fields.push((key.text(), value.value().to_string()));
    }
    object(&fields)
}

fn link_value(link: &LinkSpec, count: usize) -> String {
    let mut fields = vec![
        ("from".to_owned(), string(link.from.id(count))),
        ("to".to_owned(), string(link.to.id(count))),
    ];
    link.share.put(&mut fields, "share", num);
    link.label.put(&mut fields, "label", word);
    link.observed.put(&mut fields, "observed", |(n, of)| {
        format!("{{\"n\": {}, \"of\": {}}}", num(n), num(of))
    });
    if let Some((key, value)) = &link.extra {
        fields.push((key.text(), value.value().to_string()));
    }
    object(&fields)
}

fn objective_value(objective: &Objective, count: usize) -> String {
    let mut fields = vec![("id".to_owned(), word(&objective.id))];
    objective.name.put(&mut fields, "name", word);
    objective.kind.put(&mut fields, "kind", word);
    objective
        .goal
        .put(&mut fields, "goal", |r| string(r.id(count)));
    objective.baseline.put(&mut fields, "baseline", num);
    objective.target.put(&mut fields, "target", num);
    objective.value.put(&mut fields, "value", num);
    object(&fields)
}

fn campaign_value(campaign: &Campaign, count: usize) -> String {
    let mut fields = vec![("id".to_owned(), word(&campaign.id))];
    campaign.name.put(&mut fields, "name", word);
    campaign.objective.put(&mut fields, "objective", word);
    campaign.channels.put(&mut fields, "channels", |refs| {
        refs.iter().map(|r| string(r.id(count))).collect()
    });
    campaign
        .split
        .put(&mut fields, "split", |nums| list(nums.iter().map(num)));
    campaign.reach.put(&mut fields, "reach", num);
    campaign.budget.put(&mut fields, "budget", num);
    campaign
        .response_hours
        .put(&mut fields, "response_hours", num);
    campaign.starts.put(&mut fields, "starts", word);
    campaign.ends.put(&mut fields, "ends", word);
    object(&fields)
}

/// The file's text.
fn render(file: &File) -> String {
    let count = file.points.len();
    let stages = stage_names(file);
    let mut fields = Fields::new();
    if file.version_one {
        fields.push(("touchmap".to_owned(), "1".to_owned()));
    } else {
        file.version.put(&mut fields, "touchmap", num);
    }
    file.title.put(&mut fields, "title", word);
    file.brand.put(&mut fields, "brand", word);
    if !file.default_stages {
        file.stages.put(&mut fields, "stages", |words| {
            words.iter().map(word).collect()
        });
    }
    let points = (file.points.iter().enumerate())
        .map(|(index, point)| point_value(point, index, count, &stages));
    fields.push(("touchpoints".to_owned(), list(points)));
    file.links_field.put(&mut fields, "links", |()| {
        list(file.links.iter().map(|link| link_value(link, count)))
    });
    file.objectives.put(&mut fields, "objectives", |items| {
        list(items.iter().map(|o| objective_value(o, count)))
    });
    file.campaigns.put(&mut fields, "campaigns", |items| {
        list(items.iter().map(|c| campaign_value(c, count)))
    });
    file.schema.put(&mut fields, "$schema", word);
    if !fields.is_empty() {
        let rotate = usize::from(file.rotate) % fields.len();
        fields.rotate_left(rotate);
        let (a, b) = (
            usize::from(file.swap.0) % fields.len(),
            usize::from(file.swap.1) % fields.len(),
        );
        fields.swap(a, b);
        if let Some(repeat) = file.repeat {
            let again = fields[usize::from(repeat) % fields.len()].clone();
            fields.push(again);
        }
    }
    if let Some((key, value)) = &file.extra {
        fields.push((key.text(), value.value().to_string()));
    }
    let mut text = object(&fields);
    if file.bom {
        text.insert(0, '\u{feff}');
    }
    if let Some(tail) = &file.tail {
        text.push_str(&tail.text());
    }
    text
}

static RUNS: AtomicU64 = AtomicU64::new(0);
static FAST: AtomicU64 = AtomicU64::new(0);
static ACCEPTED: AtomicU64 = AtomicU64::new(0);

fuzz_target!(|file: File| {
    let text = render(&file);
    let fast = touchmap::format::from_str_fast(&text);
    let checked = touchmap::format::from_str_checked(&text);
    let loaded = touchmap::format::from_str(&text);
    let runs = RUNS.fetch_add(1, Ordering::Relaxed) + 1;
    if checked.is_ok() {
        ACCEPTED.fetch_add(1, Ordering::Relaxed);
    }
    if let Some(fast) = &fast {
        FAST.fetch_add(1, Ordering::Relaxed);
        let Ok(checked) = &checked else {
            panic!("the fast path accepts what the checked decoder refuses: {checked:?}\n{text}");
        };
        assert!(
            fast == checked,
            "the two decoders build different maps\n{text}"
        );
        assert_eq!(
            touchmap::format::to_string(fast),
            touchmap::format::to_string(checked),
            "the two maps save differently"
        );
    }
    // What the loader gives is what the checked decoder gives, map or message.
    match (&loaded, &checked) {
        (Ok(a), Ok(b)) => assert!(a == b, "from_str and the checked decoder differ\n{text}"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        _ => panic!("from_str and the checked decoder disagree on acceptance\n{text}"),
    }
    if runs.is_power_of_two() && runs >= 1024 {
        eprintln!(
            "differential: {runs} files, {} accepted, {} read to the end by the fast path",
            ACCEPTED.load(Ordering::Relaxed),
            FAST.load(Ordering::Relaxed)
        );
    }
});
