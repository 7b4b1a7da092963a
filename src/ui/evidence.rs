//! The evidence library (Workshop › Evidence library): every evidence item of the map in one
//! list, searchable by text, source and kind, each leading to its touch point — what customers
//! said, in one place, when the room asks "who says so?".

use egui::{RichText, Ui};

use super::Action;
use crate::model::{EvidenceKind, Map, TouchPointId};

/// What the library shows: the words searched for and the kind picked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryFilter {
    /// Words that must all appear in the text, the source or the touch point's name (any case).
    pub search: String,
    /// Only items of this kind (items without a kind count as quotes).
    pub kind: Option<EvidenceKind>,
    /// The search box takes the keyboard in the next frame (the library was just opened).
    pub focus: bool,
}

/// One item of the library.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryItem {
    /// Its touch point.
    pub touchpoint: TouchPointId,
    /// The touch point's name.
    pub name: String,
    /// What was said.
    pub text: String,
    /// "google-forms.csv · survey · 2026-11-28", what is known of where it comes from.
    pub about: String,
}

/// The items that pass the filter, by touch point name, then in the touch point's order.
#[must_use]
pub fn library(map: &Map, filter: &LibraryFilter) -> Vec<LibraryItem> {
    let words: Vec<String> = filter
        .search
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut touchpoints = map.touchpoints();
    touchpoints.sort_by(|a, b| a.name.cmp(&b.name));
    let mut items = Vec::new();
    for touchpoint in touchpoints {
        for item in &touchpoint.evidence {
            let kind = item.kind.unwrap_or(EvidenceKind::Quote);
            if filter.kind.is_some_and(|wanted| wanted != kind) {
                continue;
            }
            let mut about: Vec<String> = Vec::new();
            if let Some(source) = &item.source {
                about.push(source.clone());
            }
            about.push(kind.as_str().to_owned());
            if let Some(date) = item.date {
                about.push(date.to_string());
            }
            if let Some(rating) = item.rating {
                about.push(format!("{}/5", crate::numbers::decimal(rating, 1)));
            }
            let haystack = format!(
                "{}\n{}\n{}",
                item.text.to_lowercase(),
                about.join(" ").to_lowercase(),
                touchpoint.name.to_lowercase()
            );
            if !words.iter().all(|word| haystack.contains(word.as_str())) {
                continue;
            }
            items.push(LibraryItem {
                touchpoint: touchpoint.id.clone(),
                name: touchpoint.name.clone(),
                text: item.text.clone(),
                about: about.join(" · "),
            });
        }
    }
    items
}

/// Draws the library as a window; `open` closes it.
pub fn library_ui(
    ctx: &egui::Context,
    map: &Map,
    filter: &mut LibraryFilter,
    open: &mut bool,
    actions: &mut Vec<Action>,
) {
    let area = ctx.content_rect();
    egui::Window::new("Evidence library")
        .open(open)
        .collapsible(false)
        .default_width(640.0)
        .max_height(area.height() - 120.0)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(area.center_top() + egui::vec2(0.0, 60.0))
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Search");
                let search = ui
                    .add(
                        egui::TextEdit::singleline(&mut filter.search)
                            .hint_text("words in the text, the source or the touch point")
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                if std::mem::take(&mut filter.focus) {
                    search.request_focus();
                }
                egui::ComboBox::new("evidence-kind", "Kind")
                    .selected_text(filter.kind.map_or("every kind", EvidenceKind::as_str))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut filter.kind, None, "every kind");
                        for kind in <EvidenceKind as strum::IntoEnumIterator>::iter() {
                            ui.selectable_value(&mut filter.kind, Some(kind), kind.as_str());
                        }
                    });
            });
            let items = library(map, filter);
            let total: usize = map.touchpoints().iter().map(|t| t.evidence.len()).sum();
            ui.label(format!(
                "{} of {} — click one to select its touch point",
                items.len(),
                crate::numbers::count(total, "item", "items")
            ));
            ui.separator();
            if items.is_empty() {
                ui.label(if total == 0 {
                    "No evidence yet: add quotes in the inspector, or import survey answers (touchmap survey … --quote)."
                } else {
                    "Nothing matches."
                });
                return;
            }
            let height = 2.0 * ui.text_style_height(&egui::TextStyle::Body) + 10.0;
            egui::ScrollArea::vertical().auto_shrink([false, true]).show_rows(
                ui,
                height,
                items.len(),
                |ui, range| {
                    for item in &items[range] {
                        item_ui(ui, item, actions);
                    }
                },
            );
        });
}

fn item_ui(ui: &mut Ui, item: &LibraryItem, actions: &mut Vec<Action>) {
    let text = crate::export::text::single_line(&item.text);
    let response = ui
        .add(
            egui::Button::new(format!("“{text}”"))
                .truncate()
                .frame(false),
        )
        .on_hover_text(&item.text);
    if response.clicked() {
        actions.push(Action::Focus(item.touchpoint.clone()));
    }
    ui.label(RichText::new(format!("{} — {}", item.name, item.about)).weak());
}

#[cfg(test)]
mod tests {
    use super::{LibraryFilter, library};
    use crate::model::{Day, Evidence, EvidenceKind, Map, TouchPoint, TouchPointId};

    #[test]
    fn the_library_finds_items_by_text_source_kind_and_touch_point() {
        let mut map = Map::new("t");
        let mut delivery = TouchPoint::new(TouchPointId::new("d").expect("id"), "Courier delivery");
        delivery.evidence = vec![
            Evidence::quote("Parcel was late"),
            Evidence {
                source: Some("nov-survey.csv".into()),
                kind: Some(EvidenceKind::Survey),
                date: Day::parse("2026-11-30").ok(),
                ..Evidence::quote("Box arrived wet")
            },
        ];
        let mut reviews = TouchPoint::new(TouchPointId::new("r").expect("id"), "Reviews");
        reviews.evidence = vec![Evidence {
            source: Some("Trustpilot".into()),
            kind: Some(EvidenceKind::Review),
            rating: Some(2.0),
            ..Evidence::quote("Great tent, terrible delivery")
        }];
        map.add_touchpoint(delivery).expect("add");
        map.add_touchpoint(reviews).expect("add");
        let texts = |filter: &LibraryFilter| -> Vec<String> {
            library(&map, filter).into_iter().map(|i| i.text).collect()
        };
        assert_eq!(texts(&LibraryFilter::default()).len(), 3);
        // Words in the text, any case; every word must match somewhere.
        let search = |text: &str| LibraryFilter {
            search: text.into(),
            ..LibraryFilter::default()
        };
        assert_eq!(
            texts(&search("DELIVERY")),
            [
                "Parcel was late",
                "Box arrived wet",
                "Great tent, terrible delivery"
            ],
            "the touch point's name counts, and the text"
        );
        assert_eq!(texts(&search("nov-survey wet")), ["Box arrived wet"]);
        assert_eq!(
            texts(&search("trustpilot")),
            ["Great tent, terrible delivery"]
        );
        // A plain quote is of kind quote.
        let quotes = LibraryFilter {
            kind: Some(EvidenceKind::Quote),
            ..LibraryFilter::default()
        };
        assert_eq!(texts(&quotes), ["Parcel was late"]);
        let items = library(&map, &search("wet"));
        assert_eq!(items[0].about, "nov-survey.csv · survey · 2026-11-30");
        assert_eq!(items[0].name, "Courier delivery");
    }
}
