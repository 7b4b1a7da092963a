//! [`Map`] → canonical JSON text: pretty-printed, known keys in a fixed order, unknown keys after
//! them in sorted order, touch points by id and links by (from, to), so that two saves of the same
//! map are byte-identical and git diffs stay small.

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

use super::FORMAT_VERSION;
use super::json::Object;
use crate::model::{Evidence, EvidenceKind, Link, Map, Measured, TouchPoint, TouchPointId};

/// Writes a map as the canonical text of a version-1 file, ending in a newline.
///
/// The touch points and links are written straight to the text through `serde_json`'s pretty
/// printer, without building a `serde_json::Value` of the whole map first (which took as long as
/// the writing and twice the memory); the small plan is still built as a value.
#[must_use]
pub fn to_string(map: &Map) -> String {
    // About 550 bytes a touch point and 70 a link in a typical file.
    let estimate = 512 + map.touchpoint_count() * 600 + map.link_count() * 80;
    let mut bytes = Vec::with_capacity(estimate);
    let mut serializer = serde_json::Serializer::pretty(&mut bytes);
    // Writing to memory cannot fail: every key is a string and every number is finite.
    if MapOut(map).serialize(&mut serializer).is_err() {
        return String::new();
    }
    bytes.push(b'\n');
    // serde_json writes UTF-8 only.
    String::from_utf8(bytes).unwrap_or_default()
}

/// A map as the canonical JSON value its file holds (for a merge, which works field by field on
/// what the file would say).
#[must_use]
pub fn to_value(map: &Map) -> Value {
    // Every key is a string and every number finite, so this cannot fail.
    serde_json::to_value(MapOut(map)).unwrap_or(Value::Null)
}

/// An object being written that remembers its keys, so that an unknown key kept from the file is
/// never written a second time beside a known one (derived from what was written, not from a list
/// kept by hand that a new field could be missing from).
struct Fields<M> {
    out: M,
    written: Vec<&'static str>,
}

impl<M: SerializeMap> Fields<M> {
    fn new(out: M) -> Self {
        Self {
            out,
            written: Vec::with_capacity(16),
        }
    }

    fn entry<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.written.push(key);
        self.out.serialize_entry(key, value)
    }

    fn optional<T: Serialize>(
        &mut self,
        key: &'static str,
        value: Option<T>,
    ) -> Result<(), M::Error> {
        match value {
            Some(value) => self.entry(key, &value),
            None => Ok(()),
        }
    }

    /// Keys this version does not know, after the known ones, in sorted order.
    fn extras_and_end(mut self, extra: &Object) -> Result<M::Ok, M::Error> {
        let mut keys: Vec<&String> = extra.keys().collect();
        keys.sort();
        for key in keys {
            // A known key never appears among the extras (the decoder removed it); if a map made
            // in code has one anyway, the known value wins.
            if !self.written.contains(&key.as_str())
                && let Some(value) = extra.get(key)
            {
                self.out.serialize_entry(key, value)?;
            }
        }
        self.out.end()
    }
}

struct MapOut<'a>(&'a Map);

impl Serialize for MapOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let map = self.0;
        let mut out = Fields::new(serializer.serialize_map(None)?);
        out.entry("touchmap", &FORMAT_VERSION)?;
        out.entry("title", &map.title)?;
        out.optional("brand", map.brand.as_ref())?;
        out.entry("stages", map.stages())?;
        out.entry(
            "touchpoints",
            &Each(map.touchpoints(), |t| TouchPointOut(t)),
        )?;
        out.entry(
            "links",
            &Each(map.links(), |(from, to, link)| LinkOut(from, to, link)),
        )?;
        for (key, value) in super::plan::encode_plan(map.plan()) {
            out.entry(key, &value)?;
        }
        if !map.segments().is_empty() {
            out.entry(
                "segments",
                &Each(map.segments().iter().collect(), |s| SegmentOut(s)),
            )?;
        }
        out.extras_and_end(&map.extra)
    }
}

/// A list written element by element, each through `wrap`.
struct Each<T, W>(Vec<T>, fn(&T) -> W);

impl<T, W: Serialize> Serialize for Each<T, W> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_seq(Some(self.0.len()))?;
        for item in &self.0 {
            out.serialize_element(&(self.1)(item))?;
        }
        out.end()
    }
}

/// A touch point as the file writes it (every field, unknown keys too), for comparisons.
#[must_use]
pub fn touchpoint_value(touchpoint: &TouchPoint) -> Value {
    serde_json::to_value(TouchPointOut(touchpoint)).unwrap_or(Value::Null)
}

/// An evidence item as one spreadsheet cell: its text when it is nothing but a text, else the
/// object as the file writes it, on one line (`evidence_from_cell` reads both back).
#[must_use]
pub fn evidence_cell(item: &Evidence) -> String {
    if item.is_plain() {
        item.text.clone()
    } else {
        serde_json::to_string(&EvidenceOut(item)).unwrap_or_else(|_| item.text.clone())
    }
}

/// Where a score comes from, as one spreadsheet cell: the object as the file writes it, on one
/// line.
#[must_use]
pub fn measured_cell(measured: &Measured) -> String {
    serde_json::to_string(&MeasuredOut(measured)).unwrap_or_default()
}

/// A segment of the map as the file writes it (for a merge).
#[must_use]
pub fn segment_value(segment: &crate::model::Segment) -> Value {
    serde_json::to_value(SegmentOut(segment)).unwrap_or(Value::Null)
}

/// A link as the file writes it, for comparisons.
#[must_use]
pub fn link_value(from: &TouchPointId, to: &TouchPointId, link: &Link) -> Value {
    serde_json::to_value(LinkOut(from, to, link)).unwrap_or(Value::Null)
}

struct TouchPointOut<'a>(&'a TouchPoint);

impl Serialize for TouchPointOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Every field by name, with no `..`: a new field is a compile error here until it is saved.
        let TouchPoint {
            id,
            name,
            stage,
            channel,
            owner,
            importance,
            score,
            reach,
            cost,
            role,
            votes,
            notes,
            evidence,
            measured,
            aliases,
            pos,
            response_hours,
            capacity_per_day,
            segments,
            extra,
        } = self.0;
        let mut out = Fields::new(serializer.serialize_map(None)?);
        out.entry("id", id.as_str())?;
        out.entry("name", name)?;
        out.optional("stage", stage.as_ref())?;
        out.optional("channel", channel.as_ref())?;
        out.optional("owner", owner.as_ref())?;
        out.entry("importance", importance)?;
        out.optional("score", score.map(Number))?;
        out.optional("reach", reach.map(Number))?;
        out.optional("cost", cost.map(Number))?;
        out.optional("response_hours", response_hours.map(Number))?;
        out.optional("capacity_per_day", capacity_per_day.map(Number))?;
        out.optional("role", role.map(crate::model::Role::as_str))?;
        if *votes > 0 {
            out.entry("votes", votes)?;
        }
        out.optional("notes", notes.as_ref())?;
        if !evidence.is_empty() {
            out.entry(
                "evidence",
                &Each(evidence.iter().collect(), |e| EvidenceOut(e)),
            )?;
        }
        out.optional("measured", measured.as_ref().map(MeasuredOut))?;
        if !aliases.is_empty() {
            out.entry("aliases", aliases)?;
        }
        if !segments.is_empty() {
            out.entry("segments", &ByIdOut(segments, SegmentValuesOut))?;
        }
        if let Some([x, y]) = *pos {
            // Whole pixels: a drag leaves 412.73046875 behind, which nobody wants in a git diff.
            // Adding 0.0 turns a rounded -0.0 into 0.
            let pixel = |value: f64| Number(value.round() + 0.0);
            out.entry("pos", &[pixel(x), pixel(y)])?;
        }
        out.extras_and_end(extra)
    }
}

/// An evidence item: a plain string when it is nothing but a text, else an object with its keys
/// in the order DESIGN.md lists them.
struct EvidenceOut<'a>(&'a Evidence);

impl Serialize for EvidenceOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let item = self.0;
        if item.is_plain() {
            return serializer.serialize_str(&item.text);
        }
        let Evidence {
            text,
            source,
            date,
            kind,
            rating,
            extra,
        } = item;
        let mut out = Fields::new(serializer.serialize_map(None)?);
        out.entry("text", text)?;
        out.optional("source", source.as_ref())?;
        out.optional("date", date.map(|day| day.to_string()))?;
        out.optional("kind", kind.map(EvidenceKind::as_str))?;
        out.optional("rating", rating.map(Number))?;
        out.extras_and_end(extra)
    }
}

/// Where a score comes from, its keys in the order DESIGN.md lists them.
struct MeasuredOut<'a>(&'a Measured);

impl Serialize for MeasuredOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Measured {
            source,
            question,
            n,
            mean,
            low,
            high,
            date,
            scale,
            nps,
            extra,
        } = self.0;
        let mut out = Fields::new(serializer.serialize_map(None)?);
        out.entry("source", source)?;
        out.optional("question", question.as_ref())?;
        out.entry("n", &Number(*n))?;
        out.entry("mean", &Number(*mean))?;
        out.entry("low", &Number(*low))?;
        out.entry("high", &Number(*high))?;
        out.optional("date", date.map(|day| day.to_string()))?;
        out.optional("scale", scale.as_ref())?;
        out.optional("nps", nps.map(Number))?;
        out.extras_and_end(extra)
    }
}

struct LinkOut<'a>(&'a TouchPointId, &'a TouchPointId, &'a Link);

impl Serialize for LinkOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let LinkOut(from, to, link) = *self;
        let mut out = Fields::new(serializer.serialize_map(None)?);
        out.entry("from", from.as_str())?;
        out.entry("to", to.as_str())?;
        out.optional("share", link.share.map(Number))?;
        out.optional("label", link.label.as_ref())?;
        if let Some(observed) = link.observed {
            out.entry(
                "observed",
                &ObservedOut(Number(observed.n), Number(observed.of)),
            )?;
        }
        if !link.segments.is_empty() {
            out.entry("segments", &ByIdOut(&link.segments, SegmentShareOut))?;
        }
        out.extras_and_end(&link.extra)
    }
}

/// Per-segment values as an object by segment id (ids in order: the map is a `BTreeMap`).
struct ByIdOut<'a, T, W>(&'a crate::model::Overrides<T>, fn(&'a T) -> W);

impl<T, W: Serialize> Serialize for ByIdOut<'_, T, W> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_map(Some(self.0.len()))?;
        for (id, values) in self.0 {
            out.serialize_entry(id, &(self.1)(values))?;
        }
        out.end()
    }
}

/// A touch point's values for one segment: score, importance, reach, then unknown keys.
struct SegmentValuesOut<'a>(&'a crate::model::SegmentValues);

impl Serialize for SegmentValuesOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let crate::model::SegmentValues {
            score,
            importance,
            reach,
            extra,
        } = self.0;
        let mut out = Fields::new(serializer.serialize_map(None)?);
        out.optional("score", score.map(Number))?;
        out.optional("importance", *importance)?;
        out.optional("reach", reach.map(Number))?;
        out.extras_and_end(extra)
    }
}

/// A link's share for one segment.
struct SegmentShareOut<'a>(&'a crate::model::SegmentShare);

impl Serialize for SegmentShareOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let crate::model::SegmentShare { share, extra } = self.0;
        let mut out = Fields::new(serializer.serialize_map(None)?);
        out.optional("share", share.map(Number))?;
        out.extras_and_end(extra)
    }
}

/// A segment of the map: id, name, weight, then unknown keys.
struct SegmentOut<'a>(&'a crate::model::Segment);

impl Serialize for SegmentOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let crate::model::Segment {
            id,
            name,
            weight,
            extra,
        } = self.0;
        let mut out = Fields::new(serializer.serialize_map(None)?);
        out.entry("id", id)?;
        out.entry("name", name)?;
        out.optional("weight", weight.map(Number))?;
        out.extras_and_end(extra)
    }
}

/// `{"n": …, "of": …}`, in that order.
struct ObservedOut(Number, Number);

impl Serialize for ObservedOut {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_map(Some(2))?;
        out.serialize_entry("n", &self.0)?;
        out.serialize_entry("of", &self.1)?;
        out.end()
    }
}

/// A number as [`number`] writes it: whole numbers without a fraction.
#[derive(Clone, Copy)]
struct Number(f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.0;
        if value.fract() == 0.0 && value.abs() < 9.0e15 {
            serializer.serialize_i64(value as i64)
        } else {
            serializer.serialize_f64(value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The direct writer must produce exactly what pretty-printing the same content as a
    /// `serde_json::Value` gives (the previous encoder), including unknown keys, escapes, whole and
    /// fractional numbers and an empty list.
    #[test]
    fn writes_what_the_value_printer_writes() {
        let mut text = crate::templates::FIRST_RUN_EXAMPLE.to_owned();
        text = text.replacen(
            "\"touchmap\": 1,",
            "\"touchmap\": 1, \"zeta\": {\"n\": [1, 2.5, \"x\"]}, \"alpha\": null,",
            1,
        );
        let mut map = crate::format::from_str(&text).expect("loads with unknown keys");
        let mut first = map.touchpoints()[0].clone();
        first.evidence = vec!["q \"quoted\" \\ ünïcode ✓".into(), "\u{7}bell".into()];
        first.score = Some(2.25);
        first.reach = Some(1.0e20);
        first.pos = Some([-0.2, 12.6]);
        map.update_touchpoint(first).expect("valid");
        for map in [map, Map::new("Empty")] {
            let direct = to_string(&map);
            let value: Value = serde_json::from_str(&direct).expect("valid JSON");
            let mut via_value = serde_json::to_string_pretty(&value).expect("prints");
            via_value.push('\n');
            assert_eq!(direct, via_value);
            assert!(direct.contains("\"zeta\"") || map.touchpoint_count() == 0);
        }
    }

    /// Unknown keys are skipped only where a known key of the same name was written, as the
    /// `Value`-building encoder did: a map made in code with "score" among its extras writes one
    /// "score", the field's.
    #[test]
    fn a_known_key_among_the_extras_is_written_once() {
        let mut map = Map::new("T");
        let mut touchpoint = TouchPoint::new(TouchPointId::new("a").expect("id"), "A");
        touchpoint.score = Some(4.0);
        touchpoint.extra.insert("score".into(), Value::from(1));
        touchpoint.extra.insert("x-tag".into(), Value::from("kept"));
        // Not written by the field (no owner), so the extra's value stays.
        touchpoint
            .extra
            .insert("owner".into(), Value::from("from extras"));
        map.add_touchpoint(touchpoint).expect("valid");
        let text = to_string(&map);
        assert_eq!(text.matches("\"score\"").count(), 1, "{text}");
        assert!(text.contains("\"score\": 4"), "{text}");
        assert!(text.contains("\"x-tag\": \"kept\""), "{text}");
        assert!(text.contains("\"owner\": \"from extras\""), "{text}");
    }
}
