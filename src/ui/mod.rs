//! The editor's widgets: canvas, inspector, review panels, help. They draw, hit-test and emit
//! [`Action`]s; they never touch the file system or open dialogs — the app carries actions out after
//! the frame.

pub mod attribution;
pub mod campaigns;
pub mod canvas;
pub mod command;
pub mod conflicts;
pub mod evidence;
pub mod help;
pub mod inspector;
pub mod path_import;
pub mod review;
pub mod survey_import;
pub mod theme;
pub mod workshop;

use std::collections::BTreeSet;
use std::path::PathBuf;

use egui::Vec2;

use crate::edit::Edit;
use crate::model::TouchPointId;

/// Something the user asked for, carried out by the app after the frame.
#[expect(
    clippy::large_enum_variant,
    reason = "a handful of actions per frame; boxing would only add noise"
)]
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A command from the command table (menu, shortcut or palette).
    Run(command::Command),
    /// Change the map (undoable).
    Edit {
        /// The change.
        edit: Edit,
        /// For the Edit menu ("Move Courier delivery").
        label: String,
        /// Edits with the same key in a row become one undo step (a drag, a typing burst).
        coalesce: Option<crate::edit::MergeKey>,
    },
    /// End the current drag or typing burst.
    SealHistory,
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Select a touch point and centre the view on it.
    Focus(TouchPointId),
    /// Delete the selected touch points or link.
    DeleteSelection,
    /// Open the right drawer, where the inspector edits the selection.
    ShowInspector,
    /// Duplicate the selected touch points.
    Duplicate,
    /// Copy the selection to the clipboard as JSON.
    Copy,
    /// Copy, then delete.
    Cut,
    /// Paste touch points from clipboard text.
    Paste(String),
    /// Place every touch point in its stage column, ordered to reduce crossings.
    AutoLayout,
    /// Zoom to show the whole map.
    FitView,
    /// Start a new map (from a template name, `blank` for empty).
    New(&'static str),
    /// Open a map with the file dialog.
    Open,
    /// Open a map from a path (typed, recent, dropped).
    OpenPath(PathBuf),
    /// Save to the current file (asks for a path when there is none).
    Save,
    /// Save under a new name with the file dialog.
    SaveAs,
    /// Save to a typed path.
    SaveAsPath(PathBuf),
    /// Show the "type a path" box for opening, saving or exporting.
    AskPath(PathPurpose),
    /// A new map from a spreadsheet, picked with the file dialog (asks first about unsaved
    /// changes).
    ImportSpreadsheet,
    /// A new map from this spreadsheet.
    ImportSpreadsheetFrom(PathBuf),
    /// Calibrate the map from path data picked with the file dialog (opens the import dialog).
    ImportPathData,
    /// Open the path data import dialog for this file.
    ImportPathDataFrom(PathBuf),
    /// Apply the import dialog's preview as one undoable edit.
    ApplyPathImport,
    /// Close the import dialog without changing the map.
    ClosePathImport,
    /// Import survey responses picked with the file dialog (opens the survey dialog).
    ImportSurvey,
    /// Open the survey dialog for this file.
    ImportSurveyFrom(PathBuf),
    /// Apply the survey dialog's preview as one undoable edit.
    ApplySurveyImport,
    /// Close the survey dialog without changing the map.
    CloseSurveyImport,
    /// Export with the file dialog.
    Export(crate::export::ExportFormat),
    /// Export to a typed path.
    ExportTo(PathBuf, crate::export::ExportFormat),
    /// Quit the app (asks about unsaved changes).
    Quit,
    /// Add (or with a negative number, take away) dot votes.
    Vote(TouchPointId, i32),
    /// Set every touch point's votes to zero.
    ResetVotes,
    /// Enter or leave presentation mode.
    Present(bool),
    /// Step through the weak spots in presentation mode (+1 next, -1 previous).
    PresentStep(i32),
    /// Make the what-if scenario an ordinary edit.
    ApplyWhatIf,
    /// Compare with another version of the map, picked with the dialog.
    Compare,
    /// Compare with another version at a path.
    CompareWithPath(PathBuf),
    /// Save (asking for a path when the map has none), then, if it was saved, do what was asked.
    SaveThen(Pending),
    /// Do what was asked without saving the changes.
    DiscardThen(Pending),
    /// Restore the recovery copy found at start (`restore`), or discard it.
    Recovery {
        /// Restore rather than discard.
        restore: bool,
        /// The map the copy belonged to.
        original: Option<PathBuf>,
    },
    /// Resolve a merge conflict of the map's list (by its place in the list) to one side, as one
    /// undoable step.
    ResolveConflict {
        /// Its place in the map's `conflicts` list.
        position: usize,
        /// The side to take.
        side: crate::merge::Side,
        /// For the Edit menu ("Take theirs: Courier delivery: score").
        label: String,
    },
    /// Merge the open file's new version (changed on disk) into the unsaved map.
    MergeFromDisk,
    /// Keep the unsaved map; the file's new version is only remembered as the merge base.
    KeepMine,
    /// Delete touch points that objectives or campaigns name, taking them out of the plan in the
    /// same undoable step (after the user agreed).
    DeleteWithPlan(Vec<TouchPointId>),
    /// Show the map as a segment sees it (`None`: everyone); not an edit.
    ShowSegment(Option<String>),
}

/// What to do once the user has decided about unsaved changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Start a new map from a template.
    New(&'static str),
    /// Open with the dialog.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Import a spreadsheet picked with the dialog.
    Import,
    /// Import this spreadsheet.
    ImportPath(PathBuf),
    /// Quit.
    Quit,
}

/// Where a new touch point links to, if anywhere.
#[derive(Debug, Clone, Copy)]
pub enum NewLink<'a> {
    /// Not linked.
    None,
    /// Linked from this touch point (Tab).
    From(&'a TouchPointId),
    /// Linked to this touch point (Shift+Tab).
    To(&'a TouchPointId),
}

/// Adds a new touch point in `stage` at `pos` (optionally linked), selects it and puts the name box
/// on it: the one way a card is added, from the canvas, the menu and the keyboard. Adding, linking
/// and the first name are one undo step (the `MergeKey::NewTouchPoint` merge key).
pub fn add_touchpoint(
    map: &crate::model::Map,
    view: &mut ViewState,
    stage: Option<String>,
    pos: [f64; 2],
    link: NewLink<'_>,
    actions: &mut Vec<Action>,
) {
    let id = map.unique_id("New touch point");
    let mut touchpoint = crate::model::TouchPoint::new(id.clone(), "New touch point");
    touchpoint.stage = stage;
    touchpoint.pos = Some(pos);
    let mut edits = vec![Edit::AddTouchPoint(touchpoint)];
    let (from, to) = match link {
        NewLink::None => (None, None),
        NewLink::From(from) => (Some(from.clone()), Some(id.clone())),
        NewLink::To(to) => (Some(id.clone()), Some(to.clone())),
    };
    if let (Some(from), Some(to)) = (from, to) {
        edits.push(Edit::AddLink {
            from,
            to,
            link: crate::model::Link::default(),
        });
    }
    let edit = if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch(edits)
    };
    actions.push(Action::Edit {
        edit,
        label: "Add touch point".to_owned(),
        coalesce: Some(crate::edit::MergeKey::NewTouchPoint(id.clone())),
    });
    view.select_only(id.clone());
    view.rename = Some(Rename {
        id,
        text: String::new(),
        needs_focus: true,
        fresh: true,
    });
}

/// What a typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open a map.
    Open,
    /// Save the map.
    Save,
    /// Export the map in a format.
    Export(crate::export::ExportFormat),
    /// Compare with another version of the map.
    Compare,
    /// Import a spreadsheet.
    Import,
    /// Import path data into the open map.
    ImportPathData,
    /// Import survey responses into the open map.
    ImportSurvey,
}

/// An in-place rename in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Rename {
    /// The touch point.
    pub id: TouchPointId,
    /// The text typed so far.
    pub text: String,
    /// Whether focus still has to be moved into the text box.
    pub needs_focus: bool,
    /// A touch point added a moment ago: its first name also gives it its id ("returns-desk").
    pub fresh: bool,
}

/// View state of the editor: never saved in the map, never part of undo.
#[expect(clippy::struct_excessive_bools, reason = "independent panel toggles")]
#[derive(Debug, Clone)]
pub struct ViewState {
    /// Screen offset of the canvas origin from the canvas area's top-left corner, in points.
    pub offset: Vec2,
    /// Points per canvas unit.
    pub zoom: f32,
    /// How far apart positions are drawn across, as a share of the zoom: 1, or less when Fit drew
    /// the columns closer together to show every stage with readable cards.
    pub spread: f32,
    /// The selected touch points.
    pub selection: BTreeSet<TouchPointId>,
    /// The selected link, when a link rather than touch points is selected.
    pub selected_link: Option<(TouchPointId, TouchPointId)>,
    /// An in-place rename.
    pub rename: Option<Rename>,
    /// The search text; touch points that do not match are dimmed.
    pub search: String,
    /// Whether the search box is shown.
    pub search_open: bool,
    /// Whether the search box should take the keyboard focus.
    pub focus_search: bool,
    /// Whether the shortcut overlay is shown.
    pub help_open: bool,
    /// The command palette's query while it is open (Ctrl+Shift+P).
    pub palette: Option<String>,
    /// Whether the charts panel is shown: `None` until F9 is pressed, when it is open on windows
    /// at least 800 points high (the map needs the height on a 720p projector, where F9 opens it).
    pub charts_open: Option<bool>,
    /// Whether the stage curve draws every segment's curve over everyone's.
    pub segment_curves: bool,
    /// Counts drags, so each drag gets its own undo key.
    pub drag_serial: u64,
    /// Ask the canvas to fit the map on the next frame.
    pub fit_requested: bool,
    /// Ask the canvas to centre this touch point on the next frame.
    pub centre_on: Option<TouchPointId>,
    /// A short message for the status bar ("Saved", "Undid Move").
    pub status: String,
    /// The inspector's text boxes.
    pub inspector: inspector::InspectorState,
    /// Editing, dot voting or presenting.
    pub mode: Mode,
    /// What is highlighted (the rest is dimmed).
    pub filter: Filter,
    /// Which touch points pass the filter, once per revision and filter (for the list and charts).
    pub filtered: workshop::FilterCache,
    /// Whether the filter bar is shown.
    pub filters_open: bool,
    /// Whether the Attribution panel is shown.
    pub attribution_open: bool,
    /// Whether the evidence library is shown.
    pub evidence_open: bool,
    /// What the evidence library shows.
    pub evidence_filter: evidence::LibraryFilter,
    /// The path data imported into this map in this session, for the Attribution panel.
    pub data_attribution: Option<attribution::DataAttribution>,
    /// A what-if scenario on one touch point, not yet applied.
    pub what_if: Option<workshop::WhatIf>,
    /// A comparison with another version of the map.
    pub comparison: Option<workshop::Comparison>,
    /// The weak spot shown in presentation mode.
    pub presentation_step: usize,
    /// A workshop timebox.
    pub timer: Option<workshop::Timer>,
    /// Whether cards are arranged in organisation lanes (rows by owner).
    pub lanes: bool,
    /// How far the selection has been dragged in lanes mode, in canvas units (cards there are
    /// placed by lane, so the drag is shown as an offset until the drop).
    pub lane_drag: Vec2,
    /// Whether the Campaigns panel is shown (in place of the weak spots).
    pub campaigns_open: bool,
    /// Whether the minimap may be shown (it never covers a card).
    pub minimap: bool,
    /// Whether the minimap's corner covers a card, for the layout and view it was worked out for
    /// (once per view change, not per frame: it walks every card).
    pub minimap_covers: Option<(MinimapKey, bool)>,
    /// A big map's minimap cards as one picture.
    pub minimap_picture: Option<canvas::MinimapPicture>,
    /// Where the canvas was drawn last frame: the keyboard's zoom keeps its centre in place.
    pub canvas_area: Option<egui::Rect>,
    /// Whether to say that the open map is the bundled sample (first start).
    pub sample_notice: bool,
    /// Whether the merge conflicts banner lists the conflicts (it always shows their number).
    pub conflicts_hidden: bool,
    /// The campaign whose customers the map shows.
    pub campaign: Option<String>,
    /// Whether the campaigns' side-by-side table is open in a window of its own.
    pub side_by_side_open: bool,
    /// What is being typed in the Campaigns panel's text boxes, by field.
    pub plan_text: std::collections::BTreeMap<String, String>,
}

/// What a click on a card does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Select, move, link.
    #[default]
    Edit,
    /// A click adds a dot vote, a right-click takes one away.
    Voting,
    /// Full screen, panels hidden, arrow keys step through the weak spots.
    Presenting,
}

/// Highlights touch points by stage, channel, owner, severity and quadrant; the rest is dimmed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Only this stage.
    pub stage: Option<String>,
    /// Only this channel.
    pub channel: Option<String>,
    /// Only this owner ("" = nobody).
    pub owner: Option<String>,
    /// Only touch points with a finding at least this severe.
    pub severity: Option<crate::analysis::Severity>,
    /// Only this importance–performance quadrant.
    pub quadrant: Option<crate::analysis::Quadrant>,
}

impl Filter {
    /// Whether any filter is set.
    #[must_use]
    pub fn is_active(&self) -> bool {
        *self != Self::default()
    }

    /// Whether a touch point passes every filter.
    #[must_use]
    pub fn matches(
        &self,
        touchpoint: &crate::model::TouchPoint,
        report: &crate::analysis::Report,
    ) -> bool {
        let analysis = report.touchpoint(&touchpoint.id);
        self.stage
            .as_ref()
            .is_none_or(|stage| touchpoint.stage.as_ref() == Some(stage))
            && self
                .channel
                .as_ref()
                .is_none_or(|channel| touchpoint.channel.as_ref() == Some(channel))
            && self
                .owner
                .as_ref()
                .is_none_or(|owner| touchpoint.owner_name().unwrap_or("") == owner)
            && self.severity.is_none_or(|severity| {
                analysis
                    .and_then(|a| a.worst_severity)
                    .is_some_and(|worst| worst >= severity)
            })
            && self
                .quadrant
                .is_none_or(|quadrant| analysis.and_then(|a| a.quadrant) == Some(quadrant))
    }
}

/// What the minimap's cover test depends on: the layout's stamp, and the view's offset, zoom,
/// spread and canvas area (as bits, so that equal means equal).
pub type MinimapKey = (u64, [u32; 8]);

impl ViewState {
    /// Screen points per canvas unit across and down.
    #[must_use]
    pub fn scale(&self) -> Vec2 {
        Vec2::new(self.zoom * self.spread, self.zoom)
    }
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            offset: Vec2::new(20.0, 10.0),
            zoom: 1.0,
            spread: 1.0,
            selection: BTreeSet::new(),
            selected_link: None,
            rename: None,
            search: String::new(),
            search_open: false,
            focus_search: false,
            help_open: false,
            palette: None,
            charts_open: None,
            segment_curves: false,
            drag_serial: 0,
            fit_requested: true,
            canvas_area: None,
            centre_on: None,
            status: String::new(),
            inspector: inspector::InspectorState::default(),
            mode: Mode::Edit,
            filter: Filter::default(),
            filtered: workshop::FilterCache::default(),
            filters_open: false,
            attribution_open: false,
            evidence_open: false,
            evidence_filter: evidence::LibraryFilter::default(),
            data_attribution: None,
            what_if: None,
            comparison: None,
            presentation_step: 0,
            timer: None,
            lanes: false,
            lane_drag: Vec2::ZERO,
            campaigns_open: false,
            minimap: true,
            minimap_covers: None,
            minimap_picture: None,
            sample_notice: false,
            conflicts_hidden: false,
            campaign: None,
            side_by_side_open: false,
            plan_text: std::collections::BTreeMap::new(),
        }
    }
}

impl ViewState {
    /// Selects exactly one touch point.
    pub fn select_only(&mut self, id: TouchPointId) {
        self.selection.clear();
        self.selection.insert(id);
        self.selected_link = None;
    }

    /// Clears every selection.
    pub fn clear_selection(&mut self) {
        self.selection.clear();
        self.selected_link = None;
    }

    /// Whether a touch point is highlighted: it matches the search and the filters.
    #[must_use]
    pub fn highlights(
        &self,
        touchpoint: &crate::model::TouchPoint,
        report: &crate::analysis::Report,
    ) -> bool {
        self.matches_search(touchpoint) && self.filter.matches(touchpoint, report)
    }

    /// Whether a touch point matches the search (everything matches an empty search).
    #[must_use]
    pub fn matches_search(&self, touchpoint: &crate::model::TouchPoint) -> bool {
        let needle = self.search.trim().to_lowercase();
        if needle.is_empty() {
            return true;
        }
        [
            Some(&touchpoint.name),
            touchpoint.channel.as_ref(),
            touchpoint.owner.as_ref(),
            touchpoint.stage.as_ref(),
            touchpoint.notes.as_ref(),
        ]
        .into_iter()
        .flatten()
        .any(|text| text.to_lowercase().contains(&needle))
            || touchpoint.id.as_str().contains(&needle)
    }
}
