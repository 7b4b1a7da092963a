//! The map: touch points and links in a `petgraph` `StableDiGraph`, addressed by [`TouchPointId`],
//! with operations that keep every invariant (unique ids, links between existing touch points, stages
//! from the stage list, values in range).

mod day;
mod evidence;
mod id;
mod plan;
mod segment;
mod touchpoint;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde_json::{Map as JsonObject, Value};

pub use day::{Day, DayError, is_date};
pub use evidence::{Evidence, EvidenceKind, EvidenceStrength, Measured};
pub use id::{MAX_ID_CHARS, TouchPointId, first_free};
pub use plan::{Campaign, Objective, ObjectiveKind, Plan, PlanError};
pub use segment::{
    Overrides, SEGMENT_FIELDS, Segment, SegmentShare, SegmentValues, check_segment_list,
};
pub use touchpoint::{
    FieldError, Link, MAX_COORDINATE, MAX_EVIDENCE, MAX_TEXT_CHARS, Observed, Role, TouchPoint,
    check_hours, check_importance, check_non_negative, check_score, check_share,
};

/// The stages a new map starts with.
pub const DEFAULT_STAGES: [&str; 6] = [
    "Awareness",
    "Consideration",
    "Purchase",
    "Delivery",
    "Use",
    "Loyalty",
];

/// Channels offered as suggestions (any text is allowed).
pub const SUGGESTED_CHANNELS: [&str; 16] = [
    "Instagram",
    "Facebook",
    "LinkedIn",
    "X/Twitter",
    "YouTube",
    "TikTok",
    "Website",
    "E-mail",
    "Store",
    "Phone",
    "Chat",
    "Delivery",
    "Packaging",
    "Reviews",
    "Word of mouth",
    "Product",
];

/// The most touch points a map may hold.
pub const MAX_TOUCHPOINTS: usize = 50_000;
/// The most links a map may hold.
pub const MAX_LINKS: usize = 250_000;
/// The most stages a map may have.
pub const MAX_STAGES: usize = 100;

/// Why an operation on a map was refused. The map is unchanged when one is returned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// Two touch points would share an id.
    #[error("there is already a touch point with the id '{0}'")]
    DuplicateId(TouchPointId),
    /// An id that names no touch point.
    #[error("'{0}' is not a touch point in this map")]
    UnknownTouchPoint(TouchPointId),
    /// A stage that is not in the map's stage list.
    #[error("touch point '{id}' is in stage '{stage}', which is not one of the map's stages")]
    UnknownStage {
        /// The touch point.
        id: TouchPointId,
        /// The stage it names.
        stage: String,
    },
    /// A value out of range.
    #[error("touch point '{id}': {}", .error.message)]
    Field {
        /// The touch point.
        id: TouchPointId,
        /// The field and the problem.
        error: FieldError,
    },
    /// A link value out of range.
    #[error("link from '{from}' to '{to}': {}", .error.message)]
    LinkField {
        /// Where the link starts.
        from: TouchPointId,
        /// Where it ends.
        to: TouchPointId,
        /// The field and the problem.
        error: FieldError,
    },
    /// A link from a touch point to itself.
    #[error("a link cannot go from '{0}' back to itself")]
    SelfLink(TouchPointId),
    /// A second link between the same two touch points in the same direction.
    #[error("there is already a link from '{from}' to '{to}'")]
    DuplicateLink {
        /// Where the link starts.
        from: TouchPointId,
        /// Where it ends.
        to: TouchPointId,
    },
    /// A link that does not exist.
    #[error("there is no link from '{from}' to '{to}'")]
    NoSuchLink {
        /// Where the link would start.
        from: TouchPointId,
        /// Where it would end.
        to: TouchPointId,
    },
    /// A touch point that an objective or campaign names cannot simply go.
    #[error("'{id}' is named by {names}; take it out of them first")]
    NamedByPlan {
        /// The touch point.
        id: TouchPointId,
        /// Which objectives and campaigns name it, for people.
        names: String,
    },
    /// A stage list that cannot be used.
    #[error("{0}")]
    Stages(String),
    /// A segment list that cannot be used, or an override naming a segment the map does not have.
    #[error("{0}")]
    Segments(String),
    /// Objectives or campaigns that do not fit the map.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// A size limit.
    #[error("{0}")]
    TooLarge(String),
}

/// A link with its ends, as removed from or re-added to a map.
pub type LinkRecord = (TouchPointId, TouchPointId, Link);

/// A touch-point map.
#[derive(Debug, Clone)]
pub struct Map {
    /// What the map is about.
    pub title: String,
    /// The brand, if named.
    pub brand: Option<String>,
    /// Keys of the top-level object this version does not know, written back unchanged.
    pub extra: JsonObject<String, Value>,
    stages: Vec<String>,
    graph: StableDiGraph<TouchPoint, Link>,
    /// Hashed with foldhash (seeded per process): the loader looks up every link's two ends here,
    /// and `SipHash` was a sixth of loading a 20,000-card map.
    index: foldhash::HashMap<TouchPointId, NodeIndex>,
    plan: Plan,
    segments: Vec<Segment>,
}

impl Default for Map {
    fn default() -> Self {
        Self::new("Untitled map")
    }
}

impl PartialEq for Map {
    /// Two maps are equal when their content is, whatever order things were added in.
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title
            && self.brand == other.brand
            && self.stages == other.stages
            && self.extra == other.extra
            && self.touchpoints() == other.touchpoints()
            && self.links() == other.links()
            && self.plan == other.plan
            && self.segments == other.segments
    }
}

impl Map {
    /// An empty map with the default stages.
    #[must_use]
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            brand: None,
            extra: JsonObject::new(),
            stages: DEFAULT_STAGES
                .iter()
                .map(|&stage| stage.to_owned())
                .collect(),
            graph: StableDiGraph::default(),
            index: foldhash::HashMap::default(),
            plan: Plan::default(),
            segments: Vec::new(),
        }
    }

    /// The journey stages, in order.
    #[must_use]
    pub fn stages(&self) -> &[String] {
        &self.stages
    }

    /// Replaces the stage list. Refused when a stage is blank or listed twice, or when a touch point
    /// is in a stage the new list leaves out.
    pub fn set_stages(&mut self, stages: Vec<String>) -> Result<Vec<String>, ModelError> {
        check_stage_list(&stages)?;
        for touchpoint in self.graph.node_weights() {
            if let Some(stage) = &touchpoint.stage
                && !stages.contains(stage)
            {
                return Err(ModelError::Stages(format!(
                    "stage '{stage}' is still used by touch point '{}'",
                    touchpoint.id
                )));
            }
        }
        Ok(std::mem::replace(&mut self.stages, stages))
    }

    /// Renames a stage, moving every touch point in it along.
    pub fn rename_stage(&mut self, old: &str, new: &str) -> Result<(), ModelError> {
        let Some(position) = self.stages.iter().position(|stage| stage == old) else {
            return Err(ModelError::Stages(format!("there is no stage '{old}'")));
        };
        let mut stages = self.stages.clone();
        new.clone_into(&mut stages[position]);
        check_stage_list(&stages)?;
        self.stages = stages;
        for touchpoint in self.graph.node_weights_mut() {
            if touchpoint.stage.as_deref() == Some(old) {
                touchpoint.stage = Some(new.to_owned());
            }
        }
        Ok(())
    }

    /// How many touch points the map has.
    #[must_use]
    pub fn touchpoint_count(&self) -> usize {
        self.graph.node_count()
    }

    /// How many links the map has.
    #[must_use]
    pub fn link_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Whether a touch point with this id exists.
    #[must_use]
    pub fn contains(&self, id: &TouchPointId) -> bool {
        self.index.contains_key(id)
    }

    /// The touch point with this id.
    #[must_use]
    pub fn touchpoint(&self, id: &TouchPointId) -> Option<&TouchPoint> {
        self.index.get(id).map(|&node| &self.graph[node])
    }

    /// The touch point's name for people, or its id when the map has no such touch point (a plan
    /// or a stale report naming one that is gone).
    #[must_use]
    pub fn name_of(&self, id: &TouchPointId) -> String {
        self.touchpoint(id)
            .map_or_else(|| id.to_string(), |t| t.name.clone())
    }

    /// Every touch point, sorted by id (the order of the file and of every output).
    #[must_use]
    pub fn touchpoints(&self) -> Vec<&TouchPoint> {
        let mut touchpoints: Vec<&TouchPoint> = self.graph.node_weights().collect();
        touchpoints.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        touchpoints
    }

    /// Every link as (from, to, link), sorted by from then to.
    #[must_use]
    pub fn links(&self) -> Vec<(&TouchPointId, &TouchPointId, &Link)> {
        let mut links: Vec<_> = self
            .graph
            .edge_references()
            .map(|edge| {
                (
                    &self.graph[edge.source()].id,
                    &self.graph[edge.target()].id,
                    edge.weight(),
                )
            })
            .collect();
        links.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        links
    }

    /// The link from one touch point to another.
    #[must_use]
    pub fn link(&self, from: &TouchPointId, to: &TouchPointId) -> Option<&Link> {
        self.edge(from, to).map(|edge| &self.graph[edge])
    }

    /// The links leaving a touch point, as (target id, link), sorted by target id.
    #[must_use]
    pub fn outgoing(&self, id: &TouchPointId) -> Vec<(&TouchPointId, &Link)> {
        self.neighbours(id, Direction::Outgoing)
    }

    /// The links arriving at a touch point, as (source id, link), sorted by source id.
    #[must_use]
    pub fn incoming(&self, id: &TouchPointId) -> Vec<(&TouchPointId, &Link)> {
        self.neighbours(id, Direction::Incoming)
    }

    fn neighbours(&self, id: &TouchPointId, direction: Direction) -> Vec<(&TouchPointId, &Link)> {
        let Some(&node) = self.index.get(id) else {
            return Vec::new();
        };
        let mut result: Vec<_> = self
            .graph
            .edges_directed(node, direction)
            .map(|edge| {
                let other = if direction == Direction::Outgoing {
                    edge.target()
                } else {
                    edge.source()
                };
                (&self.graph[other].id, edge.weight())
            })
            .collect();
        result.sort_unstable_by(|a, b| a.0.cmp(b.0));
        result
    }

    /// The underlying graph, for algorithms that walk it (the analysis, the layout).
    #[must_use]
    pub fn graph(&self) -> &StableDiGraph<TouchPoint, Link> {
        &self.graph
    }

    /// The graph index of a touch point, for algorithms that walk [`Map::graph`]. Never store it:
    /// indices are not stable across loads.
    #[must_use]
    pub fn node_index(&self, id: &TouchPointId) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// An id derived from the name that no touch point uses yet ("returns-desk", "returns-desk-2" …).
    #[must_use]
    pub fn unique_id(&self, name: &str) -> TouchPointId {
        TouchPointId::free_for_name(name, |id| self.contains(id))
    }

    /// Checks a touch point against the map: values in range and stage in the stage list.
    pub fn check_touchpoint(&self, touchpoint: &TouchPoint) -> Result<(), ModelError> {
        touchpoint
            .check_values()
            .map_err(|error| ModelError::Field {
                id: touchpoint.id.clone(),
                error,
            })?;
        if let Some(stage) = &touchpoint.stage
            && !self.stages.contains(stage)
        {
            return Err(ModelError::UnknownStage {
                id: touchpoint.id.clone(),
                stage: stage.clone(),
            });
        }
        self.check_segments_named(
            touchpoint.segments.keys().cloned(),
            &format!("touch point '{}'", touchpoint.id),
        )
    }

    /// Adds a touch point.
    pub fn add_touchpoint(&mut self, touchpoint: TouchPoint) -> Result<(), ModelError> {
        if self.contains(&touchpoint.id) {
            return Err(ModelError::DuplicateId(touchpoint.id));
        }
        if self.touchpoint_count() >= MAX_TOUCHPOINTS {
            return Err(ModelError::TooLarge(format!(
                "a map can hold at most {MAX_TOUCHPOINTS} touch points"
            )));
        }
        self.check_touchpoint(&touchpoint)?;
        let id = touchpoint.id.clone();
        let node = self.graph.add_node(touchpoint);
        self.index.insert(id, node);
        Ok(())
    }

    /// Replaces the touch point that has the same id, returning the old one.
    pub fn update_touchpoint(&mut self, touchpoint: TouchPoint) -> Result<TouchPoint, ModelError> {
        let Some(&node) = self.index.get(&touchpoint.id) else {
            return Err(ModelError::UnknownTouchPoint(touchpoint.id));
        };
        self.check_touchpoint(&touchpoint)?;
        Ok(std::mem::replace(&mut self.graph[node], touchpoint))
    }

    /// Removes a touch point and every link to or from it; returns them so the removal can be undone.
    pub fn remove_touchpoint(
        &mut self,
        id: &TouchPointId,
    ) -> Result<(TouchPoint, Vec<LinkRecord>), ModelError> {
        let Some(&node) = self.index.get(id) else {
            return Err(ModelError::UnknownTouchPoint(id.clone()));
        };
        let naming = self.plan.naming(id);
        if !naming.is_empty() {
            return Err(ModelError::NamedByPlan {
                id: id.clone(),
                names: naming.join(", "),
            });
        }
        let mut removed_links = Vec::new();
        let edges: Vec<EdgeIndex> = self
            .graph
            .edges_directed(node, Direction::Outgoing)
            .chain(self.graph.edges_directed(node, Direction::Incoming))
            .map(|edge| edge.id())
            .collect();
        for edge in edges {
            let Some((source, target)) = self.graph.edge_endpoints(edge) else {
                continue;
            };
            let from = self.graph[source].id.clone();
            let to = self.graph[target].id.clone();
            if let Some(link) = self.graph.remove_edge(edge) {
                removed_links.push((from, to, link));
            }
        }
        removed_links.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        self.index.remove(id);
        let Some(touchpoint) = self.graph.remove_node(node) else {
            return Err(ModelError::UnknownTouchPoint(id.clone()));
        };
        Ok((touchpoint, removed_links))
    }

    /// Adds a link between two existing touch points.
    pub fn add_link(
        &mut self,
        from: &TouchPointId,
        to: &TouchPointId,
        link: Link,
    ) -> Result<(), ModelError> {
        let (source, target) = self.endpoints(from, to)?;
        self.add_link_between(source, target, link)
    }

    /// The graph node of the touch point with this id text (for loaders, which have the text and
    /// need no id of their own to look it up).
    #[must_use]
    pub fn node_index_of(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// Adds a link between two touch points given by their graph nodes (from [`Self::node_index`]
    /// or [`Self::node_index_of`]), with every check of [`Self::add_link`].
    pub fn add_link_between(
        &mut self,
        source: NodeIndex,
        target: NodeIndex,
        link: Link,
    ) -> Result<(), ModelError> {
        let (Some(from), Some(to)) = (
            self.graph.node_weight(source),
            self.graph.node_weight(target),
        ) else {
            // Nodes come from this map's own index; one that is gone names no touch point.
            return Err(ModelError::UnknownTouchPoint(TouchPointId::slug_from_name(
                "removed touch point",
            )));
        };
        if source == target {
            return Err(ModelError::SelfLink(from.id.clone()));
        }
        if self.graph.find_edge(source, target).is_some() {
            return Err(ModelError::DuplicateLink {
                from: from.id.clone(),
                to: to.id.clone(),
            });
        }
        if self.link_count() >= MAX_LINKS {
            return Err(ModelError::TooLarge(format!(
                "a map can hold at most {MAX_LINKS} links"
            )));
        }
        link.check_values().map_err(|error| ModelError::LinkField {
            from: from.id.clone(),
            to: to.id.clone(),
            error,
        })?;
        self.check_segments_named(
            link.segments.keys().cloned(),
            &format!("the link from '{}' to '{}'", from.id, to.id),
        )?;
        self.graph.add_edge(source, target, link);
        Ok(())
    }

    /// Replaces a link's values, returning the old ones.
    pub fn update_link(
        &mut self,
        from: &TouchPointId,
        to: &TouchPointId,
        link: Link,
    ) -> Result<Link, ModelError> {
        let Some(edge) = self.edge(from, to) else {
            return Err(ModelError::NoSuchLink {
                from: from.clone(),
                to: to.clone(),
            });
        };
        link.check_values().map_err(|error| ModelError::LinkField {
            from: from.clone(),
            to: to.clone(),
            error,
        })?;
        self.check_segments_named(
            link.segments.keys().cloned(),
            &format!("the link from '{from}' to '{to}'"),
        )?;
        Ok(std::mem::replace(&mut self.graph[edge], link))
    }

    /// Removes a link, returning it.
    pub fn remove_link(
        &mut self,
        from: &TouchPointId,
        to: &TouchPointId,
    ) -> Result<Link, ModelError> {
        let Some(edge) = self.edge(from, to) else {
            return Err(ModelError::NoSuchLink {
                from: from.clone(),
                to: to.clone(),
            });
        };
        self.graph
            .remove_edge(edge)
            .ok_or_else(|| ModelError::NoSuchLink {
                from: from.clone(),
                to: to.clone(),
            })
    }

    fn endpoints(
        &self,
        from: &TouchPointId,
        to: &TouchPointId,
    ) -> Result<(NodeIndex, NodeIndex), ModelError> {
        let source = self
            .node_index(from)
            .ok_or_else(|| ModelError::UnknownTouchPoint(from.clone()))?;
        let target = self
            .node_index(to)
            .ok_or_else(|| ModelError::UnknownTouchPoint(to.clone()))?;
        if source == target {
            return Err(ModelError::SelfLink(from.clone()));
        }
        Ok((source, target))
    }

    fn edge(&self, from: &TouchPointId, to: &TouchPointId) -> Option<EdgeIndex> {
        let source = self.node_index(from)?;
        let target = self.node_index(to)?;
        self.graph.find_edge(source, target)
    }
}

/// Checks a stage list: 1 to [`MAX_STAGES`] non-blank, distinct names.
pub fn check_stage_list(stages: &[String]) -> Result<(), ModelError> {
    if stages.len() > MAX_STAGES {
        return Err(ModelError::Stages(format!(
            "a map can have at most {MAX_STAGES} stages, this one has {}",
            stages.len()
        )));
    }
    for (position, stage) in stages.iter().enumerate() {
        if stage.trim().is_empty() {
            return Err(ModelError::Stages(format!(
                "stage {} has no name",
                position + 1
            )));
        }
        if stage.len() > MAX_TEXT_CHARS && stage.chars().count() > MAX_TEXT_CHARS {
            return Err(ModelError::Stages(format!(
                "stage {} has more than {MAX_TEXT_CHARS} characters",
                position + 1
            )));
        }
        if stages[..position].contains(stage) {
            return Err(ModelError::Stages(format!(
                "stage '{stage}' is listed twice"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> TouchPointId {
        TouchPointId::new(text).expect("test ids are valid")
    }

    fn two_point_map() -> Map {
        let mut map = Map::new("Test");
        map.add_touchpoint(TouchPoint::new(id("ad"), "Ad"))
            .expect("new id");
        map.add_touchpoint(TouchPoint::new(id("shop"), "Shop"))
            .expect("new id");
        map.add_link(&id("ad"), &id("shop"), Link::default())
            .expect("both ends exist");
        map
    }

    #[test]
    fn refuses_duplicate_ids_and_keeps_the_map() {
        let mut map = two_point_map();
        let before = map.clone();
        let error = map
            .add_touchpoint(TouchPoint::new(id("ad"), "Other"))
            .unwrap_err();
        assert_eq!(error, ModelError::DuplicateId(id("ad")));
        assert_eq!(map, before);
    }

    #[test]
    fn refuses_links_to_missing_points_self_links_and_duplicates() {
        let mut map = two_point_map();
        assert!(matches!(
            map.add_link(&id("ad"), &id("nope"), Link::default()),
            Err(ModelError::UnknownTouchPoint(_))
        ));
        assert!(matches!(
            map.add_link(&id("ad"), &id("ad"), Link::default()),
            Err(ModelError::SelfLink(_))
        ));
        assert!(matches!(
            map.add_link(&id("ad"), &id("shop"), Link::default()),
            Err(ModelError::DuplicateLink { .. })
        ));
        let bad_share = Link {
            share: Some(1.5),
            ..Link::default()
        };
        assert!(map.add_link(&id("shop"), &id("ad"), bad_share).is_err());
        assert_eq!(map.link_count(), 1);
    }

    #[test]
    fn removing_a_touchpoint_removes_its_links() {
        let mut map = two_point_map();
        let (removed, links) = map.remove_touchpoint(&id("shop")).unwrap();
        assert_eq!(removed.name, "Shop");
        assert_eq!(links.len(), 1);
        assert_eq!(map.link_count(), 0);
        assert!(map.outgoing(&id("ad")).is_empty());
    }

    #[test]
    fn stage_must_be_in_the_list() {
        let mut map = Map::new("Test");
        let mut point = TouchPoint::new(id("x"), "X");
        point.stage = Some("Nowhere".into());
        assert!(matches!(
            map.add_touchpoint(point.clone()),
            Err(ModelError::UnknownStage { .. })
        ));
        point.stage = Some("Delivery".into());
        map.add_touchpoint(point).unwrap();
        assert!(map.set_stages(vec!["Awareness".into()]).is_err());
        map.rename_stage("Delivery", "Shipping").unwrap();
        assert_eq!(
            map.touchpoint(&id("x")).unwrap().stage.as_deref(),
            Some("Shipping")
        );
    }

    #[test]
    fn refuses_out_of_range_values() {
        let mut map = Map::new("Test");
        let mut point = TouchPoint::new(id("x"), "X");
        point.score = Some(7.0);
        let error = map.add_touchpoint(point.clone()).unwrap_err();
        assert!(
            error.to_string().contains("score must be between 1 and 5"),
            "{error}"
        );
        point.score = Some(f64::NAN);
        assert!(map.add_touchpoint(point.clone()).is_err());
        point.score = None;
        point.importance = 0;
        assert!(map.add_touchpoint(point.clone()).is_err());
        point.importance = 3;
        point.name = "   ".into();
        assert!(map.add_touchpoint(point).is_err());
    }

    #[test]
    fn unique_ids_count_up() {
        let mut map = Map::new("Test");
        map.add_touchpoint(TouchPoint::new(id("returns-desk"), "Returns desk"))
            .unwrap();
        assert_eq!(map.unique_id("Returns desk").as_str(), "returns-desk-2");
        assert_eq!(map.unique_id("Checkout").as_str(), "checkout");
    }
}
