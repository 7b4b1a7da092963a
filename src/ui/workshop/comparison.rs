//! Comparison with another version of the map: the diff, recomputed per revision, its badges and
//! its list (older / newer, swap).

use super::{Color32, Map, MapDiff, RichText, TouchPointId, Ui, ViewState, severity_colour};
use crate::diff::LineKind;

/// A comparison of the open map with another version of it.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The other version's file name.
    pub name: String,
    /// The other version, as loaded.
    pub older: crate::model::Map,
    /// From the other version to the open map, as it was at `revision`.
    pub diff: MapDiff,
    /// The diff's lines as `touchmap diff` prints them, computed with it.
    pub lines: Vec<crate::diff::DiffLine>,
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
        let lines = diff.lines(&older, map);
        Self {
            name,
            older,
            diff,
            lines,
            revision,
            swapped: false,
        }
    }

    fn compute(&mut self, map: &crate::model::Map, revision: u64) {
        let config = crate::analysis::Config::default();
        (self.diff, self.lines) = if self.swapped {
            let diff = crate::diff::diff(map, &self.older, &config);
            let lines = diff.lines(map, &self.older);
            (diff, lines)
        } else {
            let diff = crate::diff::diff(&self.older, map, &config);
            let lines = diff.lines(&self.older, map);
            (diff, lines)
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
    // Heading, direction and lines wrap to the drawer's width: at 1280×720 the drawer is narrow,
    // and a cut heading or a "Stop comparin" button helps nobody.
    ui.add(
        egui::Label::new(RichText::new(format!("Compared with {}", comparison.name)).heading())
            .wrap(),
    );
    ui.add(egui::Label::new(comparison.direction()).wrap());
    // The buttons before the lines, so a long list never pushes them out of the drawer.
    ui.horizontal_wrapped(|ui| {
        if ui.button("Swap older and newer").clicked()
            && let Some(comparison) = &mut view.comparison
        {
            comparison.swap(map, revision);
        }
        if ui.button("Stop comparing").clicked() {
            view.comparison = None;
        }
    });
    let Some(comparison) = &view.comparison else {
        return;
    };
    // The same lines as `touchmap diff`, each with a mark that says what it is in words too.
    if comparison.lines.is_empty() {
        ui.label("No differences.");
    }
    egui::ScrollArea::vertical()
        .id_salt("comparison-lines")
        .max_height(ui.available_height().max(60.0))
        .show(ui, |ui| {
            for line in &comparison.lines {
                let (mark, colour) = match line.kind {
                    LineKind::Added => ("+", Color32::from_rgb(40, 110, 230)),
                    LineKind::Removed => ("−", Color32::from_gray(120)),
                    LineKind::Changed => ("~", ui.visuals().text_color()),
                    LineKind::Better => ("▲", Color32::from_rgb(20, 140, 60)),
                    LineKind::Worse => ("▼", Color32::from_rgb(200, 30, 40)),
                    LineKind::FindingNew(severity) => ("!", severity_colour(severity)),
                    LineKind::FindingResolved => ("✓", Color32::from_rgb(20, 140, 60)),
                };
                ui.add(
                    egui::Label::new(RichText::new(format!("{mark} {}", line.text)).color(colour))
                        .wrap(),
                );
            }
        });
}
