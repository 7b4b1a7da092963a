//! Comparison with another version of the map: the diff, recomputed per revision, its badges and
//! its list (older / newer, swap).

use super::{Color32, Map, MapDiff, RichText, TouchPointId, Ui, ViewState, severity_colour};

/// A comparison of the open map with another version of it.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The other version's file name.
    pub name: String,
    /// The other version, as loaded.
    pub older: crate::model::Map,
    /// From the other version to the open map, as it was at `revision`.
    pub diff: MapDiff,
    /// The open map's history revision the diff was computed for.
    pub revision: u64,
    /// Whether the open map counts as the older version (the user swapped them).
    pub swapped: bool,
}

impl Comparison {
    /// A comparison of `older` with the open map at its history revision.
    #[must_use]
    pub fn new(
        name: String,
        older: crate::model::Map,
        map: &crate::model::Map,
        revision: u64,
    ) -> Self {
        let diff = crate::diff::diff(&older, map, &crate::analysis::Config::default());
        Self {
            name,
            older,
            diff,
            revision,
            swapped: false,
        }
    }

    fn compute(&mut self, map: &crate::model::Map, revision: u64) {
        let config = crate::analysis::Config::default();
        self.diff = if self.swapped {
            crate::diff::diff(map, &self.older, &config)
        } else {
            crate::diff::diff(&self.older, map, &config)
        };
        self.revision = revision;
    }

    /// Makes the other file the newer version (or back), and recomputes the diff.
    pub fn swap(&mut self, map: &crate::model::Map, revision: u64) {
        self.swapped = !self.swapped;
        self.compute(map, revision);
    }

    /// Which file is older and which newer, for people.
    #[must_use]
    pub fn direction(&self) -> String {
        if self.swapped {
            format!("Older: the open map → newer: {}", self.name)
        } else {
            format!("Older: {} → newer: the open map", self.name)
        }
    }

    /// A touch point's name in either version, else its id.
    fn name_of(&self, map: &crate::model::Map, id: &TouchPointId) -> String {
        map.touchpoint(id)
            .or_else(|| self.older.touchpoint(id))
            .map_or_else(|| id.to_string(), |t| t.name.clone())
    }

    /// Recomputes the diff when the open map changed since (an edit, an undo): once per revision,
    /// never per frame, so the badges and the list are never stale.
    pub fn refresh(&mut self, map: &crate::model::Map, revision: u64) {
        if self.revision != revision {
            self.compute(map, revision);
        }
    }

    /// A badge for a card: new, better or worse than in the other version.
    #[must_use]
    pub fn badge(&self, id: &TouchPointId) -> Option<(String, Color32)> {
        if self.diff.added.iter().any(|added| added.id == *id) {
            return Some(("NEW".to_owned(), Color32::from_rgb(40, 110, 230)));
        }
        let rescored = self.diff.rescored.iter().find(|r| r.id == *id)?;
        let text = |value: Option<f64>| value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"));
        match rescored.better() {
            Some(true) => Some((
                format!("▲ {} → {}", text(rescored.old), text(rescored.new)),
                Color32::from_rgb(20, 140, 60),
            )),
            Some(false) => Some((
                format!("▼ {} → {}", text(rescored.old), text(rescored.new)),
                Color32::from_rgb(200, 30, 40),
            )),
            None => Some((
                format!("{} → {}", text(rescored.old), text(rescored.new)),
                Color32::from_gray(90),
            )),
        }
    }
}

/// The comparison list: what changed since the other version.
pub fn comparison_ui(ui: &mut Ui, map: &Map, revision: u64, view: &mut ViewState) {
    let Some(comparison) = &view.comparison else {
        return;
    };
    ui.horizontal(|ui| {
        ui.heading(format!("Compared with {}", comparison.name));
        ui.label(comparison.direction());
    });
    let diff = &comparison.diff;
    let subject = |finding: &crate::analysis::Finding| {
        finding.touchpoint.as_ref().map_or_else(
            || {
                finding
                    .stage
                    .clone()
                    .map_or_else(|| "the map".to_owned(), |stage| format!("stage {stage}"))
            },
            |id| comparison.name_of(map, id),
        )
    };
    if diff.is_empty() {
        ui.label("No differences.");
    }
    for added in &diff.added {
        ui.label(RichText::new(format!("+ {}", added.name)).color(Color32::from_rgb(40, 110, 230)));
    }
    for removed in &diff.removed {
        ui.label(RichText::new(format!("− {}", removed.name)).color(Color32::from_gray(120)));
    }
    for rescored in &diff.rescored {
        let (mark, colour) = match rescored.better() {
            Some(true) => ("▲ better", Color32::from_rgb(20, 140, 60)),
            Some(false) => ("▼ worse", Color32::from_rgb(200, 30, 40)),
            None => ("~ changed", Color32::from_gray(120)),
        };
        let text = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"));
        ui.label(
            RichText::new(format!(
                "{mark}: {} {} → {}",
                rescored.name,
                text(rescored.old),
                text(rescored.new)
            ))
            .color(colour),
        );
    }
    if !diff.findings_resolved.is_empty() {
        ui.strong(format!(
            "{} findings resolved",
            diff.findings_resolved.len()
        ));
        for finding in diff.findings_resolved.iter().take(10) {
            ui.label(format!("✓ {} {}", finding.rule.as_str(), subject(finding)));
        }
    }
    if !diff.findings_new.is_empty() {
        ui.strong(format!("{} new findings", diff.findings_new.len()));
        for finding in diff.findings_new.iter().take(10) {
            ui.label(
                RichText::new(format!("! {} {}", finding.rule.as_str(), subject(finding)))
                    .color(severity_colour(finding.severity)),
            );
        }
    }
    ui.horizontal(|ui| {
        if ui.button("Swap older and newer").clicked()
            && let Some(comparison) = &mut view.comparison
        {
            comparison.swap(map, revision);
        }
        if ui.button("Stop comparing").clicked() {
            view.comparison = None;
        }
    });
}
