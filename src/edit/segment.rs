//! Edits made while the editor shows a segment (DESIGN.md, "Segments"). The editor's panels show
//! the map as the segment sees it ([`Map::for_segment`]) and build their edits from it; before such
//! an edit reaches the saved map it is carried over: a score, importance or reach (a link's share)
//! changed in the segment's view becomes that segment's own value, and everything else (a name, a
//! position, a stage) changes for everyone as usual.

use super::Edit;
use crate::model::{Map, SegmentShare, SegmentValues};

impl Edit {
    /// This edit, built from `shown` (the map as `segment` sees it), as an edit of the map itself
    /// (`base`). A value set back to "none" in the segment's view (not measured, no share) drops
    /// the segment's own value, so the base's shows again: a segment cannot unmeasure what
    /// everyone's map measured.
    #[must_use]
    pub fn onto_base(self, base: &Map, shown: &Map, segment: &str) -> Self {
        match self {
            Self::UpdateTouchPoint(edited) => {
                let (Some(old), Some(seen)) =
                    (base.touchpoint(&edited.id), shown.touchpoint(&edited.id))
                else {
                    return Self::UpdateTouchPoint(edited);
                };
                let mut carried = edited.clone();
                carried.score = old.score;
                carried.importance = old.importance;
                carried.reach = old.reach;
                let values = carried.segments.entry(segment.to_owned()).or_default();
                if edited.score != seen.score {
                    values.score = edited.score;
                }
                if edited.importance != seen.importance {
                    values.importance = Some(edited.importance);
                }
                if edited.reach != seen.reach {
                    values.reach = edited.reach;
                }
                if values == &SegmentValues::default() {
                    carried.segments.remove(segment);
                }
                Self::UpdateTouchPoint(carried)
            }
            Self::UpdateLink { from, to, link } => {
                let (Some(old), Some(seen)) = (base.link(&from, &to), shown.link(&from, &to))
                else {
                    return Self::UpdateLink { from, to, link };
                };
                let mut carried = link.clone();
                carried.share = old.share;
                carried.observed = old.observed;
                let values = carried.segments.entry(segment.to_owned()).or_default();
                if link.share != seen.share {
                    values.share = link.share;
                }
                if values == &SegmentShare::default() {
                    carried.segments.remove(segment);
                }
                Self::UpdateLink {
                    from,
                    to,
                    link: carried,
                }
            }
            Self::Batch(edits) => Self::Batch(
                edits
                    .into_iter()
                    .map(|edit| edit.onto_base(base, shown, segment))
                    .collect(),
            ),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, Segment, TouchPoint, TouchPointId};

    fn id(text: &str) -> TouchPointId {
        TouchPointId::new(text).expect("id")
    }

    /// Page (score 3, importance 3) → checkout (share 0.6); parents score page 2.
    fn map() -> Map {
        let mut map = Map::new("T");
        map.set_segments(vec![Segment {
            id: "parents".into(),
            name: "New parents".into(),
            ..Segment::default()
        }])
        .expect("valid");
        let mut page = TouchPoint::new(id("page"), "Page");
        page.score = Some(3.0);
        page.segments.insert(
            "parents".into(),
            SegmentValues {
                score: Some(2.0),
                ..SegmentValues::default()
            },
        );
        map.add_touchpoint(page).expect("valid");
        map.add_touchpoint(TouchPoint::new(id("checkout"), "Checkout"))
            .expect("valid");
        let link = Link {
            share: Some(0.6),
            ..Link::default()
        };
        map.add_link(&id("page"), &id("checkout"), link)
            .expect("valid");
        map
    }

    fn apply(map: &Map, edit: Edit) -> Map {
        let shown = map.for_segment("parents").expect("segment");
        let mut after = map.clone();
        edit.onto_base(map, &shown, "parents")
            .apply(&mut after)
            .expect("applies");
        after
    }

    #[test]
    fn a_value_changed_in_a_segments_view_is_the_segments_and_the_rest_is_everyones() {
        let base = map();
        let shown = base.for_segment("parents").expect("segment");
        let mut page = shown.touchpoint(&id("page")).expect("page").clone();
        assert_eq!(page.score, Some(2.0), "the view shows the parents' score");
        page.name = "Product page".into();
        page.importance = 5;
        let after = apply(&base, Edit::UpdateTouchPoint(page));
        let saved = after.touchpoint(&id("page")).expect("page");
        assert_eq!(saved.name, "Product page", "a rename is everyone's");
        assert_eq!(saved.score, Some(3.0), "everyone's score is untouched");
        assert_eq!(saved.importance, 3, "everyone's importance is untouched");
        let parents = &saved.segments["parents"];
        assert_eq!(parents.score, Some(2.0), "the parents' score stays");
        assert_eq!(parents.importance, Some(5), "the importance is theirs now");
        assert_eq!(parents.reach, None);
    }

    #[test]
    fn clearing_a_value_in_a_segments_view_resets_it_to_everyones() {
        let base = map();
        let shown = base.for_segment("parents").expect("segment");
        let mut page = shown.touchpoint(&id("page")).expect("page").clone();
        page.score = None;
        let after = apply(&base, Edit::UpdateTouchPoint(page));
        let saved = after.touchpoint(&id("page")).expect("page");
        assert_eq!(saved.score, Some(3.0));
        assert!(saved.segments.is_empty(), "no empty override is left");
        assert_eq!(
            after
                .for_segment("parents")
                .expect("segment")
                .touchpoint(&id("page"))
                .expect("page")
                .score,
            Some(3.0),
            "the parents see everyone's score again"
        );
    }

    #[test]
    fn a_share_changed_in_a_segments_view_is_the_segments() {
        let base = map();
        let shown = base.for_segment("parents").expect("segment");
        let mut link = shown
            .link(&id("page"), &id("checkout"))
            .expect("link")
            .clone();
        link.share = Some(0.3);
        let after = apply(
            &base,
            Edit::Batch(vec![Edit::UpdateLink {
                from: id("page"),
                to: id("checkout"),
                link: link.clone(),
            }]),
        );
        let saved = after.link(&id("page"), &id("checkout")).expect("link");
        assert_eq!(saved.share, Some(0.6), "everyone's share is untouched");
        assert_eq!(saved.segments["parents"].share, Some(0.3));
        // The label typed in the segment's view is everyone's.
        let shown = after.for_segment("parents").expect("segment");
        let mut link = shown
            .link(&id("page"), &id("checkout"))
            .expect("link")
            .clone();
        link.label = Some("buys".into());
        let again = apply(
            &after,
            Edit::UpdateLink {
                from: id("page"),
                to: id("checkout"),
                link,
            },
        );
        let saved = again.link(&id("page"), &id("checkout")).expect("link");
        assert_eq!(saved.label.as_deref(), Some("buys"));
        assert_eq!(saved.share, Some(0.6));
        assert_eq!(saved.segments["parents"].share, Some(0.3));
    }
}
