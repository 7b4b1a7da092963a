//! Every user command, declared once: its label, its menu, its shortcuts, what it does in a few
//! words, and when it is enabled. The menus, the shortcut handling, the F1 help and the command
//! palette (Ctrl+Shift+P) are all generated from this table (in the manner of rerun's `UiCommand`),
//! so they cannot disagree. The app carries a command out after the frame (`Action::Run`).

use egui::{Key, KeyboardShortcut, Modifiers};

/// The menu a command is listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    /// File.
    File,
    /// Edit.
    Edit,
    /// View.
    View,
    /// Workshop.
    Workshop,
    /// Help.
    Help,
    /// In no menu: keyboard drawing and presentation keys (listed in F1 and the palette).
    Keyboard,
}

impl Menu {
    /// The menus in the menu bar, in order.
    pub const BAR: [Self; 5] = [
        Self::File,
        Self::Edit,
        Self::View,
        Self::Workshop,
        Self::Help,
    ];

    /// The menu's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::File => "File",
            Self::Edit => "Edit",
            Self::View => "View",
            Self::Workshop => "Workshop",
            Self::Help => "Help",
            Self::Keyboard => "Keyboard",
        }
    }
}

/// A user command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Command {
    /// A new blank map.
    NewMap,
    /// Open with the file dialog.
    Open,
    /// Open by typing a path.
    OpenByPath,
    /// A new map from a spreadsheet saved as CSV.
    ImportSpreadsheet,
    /// Calibrate the map's shares and entries from analytics journeys.
    ImportPathData,
    /// Scores and evidence from a survey tool's export.
    ImportSurvey,
    /// Save.
    Save,
    /// Save under a new name.
    SaveAs,
    /// Save to a typed path.
    SaveToPath,
    /// Export a PNG with the file dialog.
    ExportPicture,
    /// Export a PNG to a typed path.
    ExportToPath,
    /// Quit.
    Quit,
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Copy the selected touch points to the clipboard as JSON.
    Copy,
    /// Copy the selected touch points, then delete them.
    Cut,
    /// Paste touch points (or a whole map) from the clipboard as new touch points.
    Paste,
    /// Add a touch point in the first stage.
    AddTouchPoint,
    /// Rename the selected touch point in place.
    Rename,
    /// Duplicate the selection.
    Duplicate,
    /// Delete the selection.
    Delete,
    /// Select every touch point.
    SelectAll,
    /// Clear the selection and close overlays.
    ClearSelection,
    /// Search the map.
    Find,
    /// Fit the map in the window.
    FitView,
    /// Zoom in.
    ZoomIn,
    /// Zoom out.
    ZoomOut,
    /// Place every touch point in its stage column.
    AutoLayout,
    /// Show or hide the charts.
    Charts,
    /// Open or close the left drawer.
    LeftDrawer,
    /// Open or close the right drawer.
    RightDrawer,
    /// Show or hide the minimap.
    Minimap,
    /// Bigger text everywhere.
    TextBigger,
    /// Smaller text everywhere.
    TextSmaller,
    /// The light theme.
    ThemeLight,
    /// The dark theme.
    ThemeDark,
    /// The theme the system uses.
    ThemeSystem,
    /// Dot voting.
    Voting,
    /// Present the weak spots.
    Present,
    /// The Campaigns panel.
    Campaigns,
    /// The filters.
    Filters,
    /// What if… for the selected touch point.
    WhatIf,
    /// The Attribution panel: the journeys' removal effects against the room's importance.
    Attribution,
    /// The evidence library: every evidence item, searchable.
    EvidenceLibrary,
    /// Organisation lanes.
    Lanes,
    /// Compare with another version (dialog).
    Compare,
    /// Compare with another version by path.
    CompareByPath,
    /// Reset every vote.
    ResetVotes,
    /// Select the nearest card to the left.
    SelectLeft,
    /// Select the nearest card to the right.
    SelectRight,
    /// Select the nearest card above.
    SelectUp,
    /// Select the nearest card below.
    SelectDown,
    /// Add a touch point in the next stage, linked from the selected one.
    AddNext,
    /// Add a touch point in the previous stage, linked to the selected one.
    AddBefore,
    /// Next weak spot while presenting.
    PresentNext,
    /// Previous weak spot while presenting.
    PresentPrevious,
    /// Stop presenting.
    PresentEnd,
    /// The keyboard and mouse help.
    Help,
    /// The command palette.
    Palette,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}
const NONE: Modifiers = Modifiers::NONE;
const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// What the table needs to know to say whether a command can run now.
#[derive(Debug, Clone, Copy, Default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "a snapshot of independent yes/no facts about the editor"
)]
pub struct CommandState {
    /// Touch points are selected.
    pub has_selection: bool,
    /// A link is selected.
    pub has_selected_link: bool,
    /// There is something to undo.
    pub can_undo: bool,
    /// There is something to redo.
    pub can_redo: bool,
    /// Presentation mode is on.
    pub presenting: bool,
    /// A text field has the keyboard.
    pub typing: bool,
}

impl Command {
    /// Every command, in menu order (the order of the declaration: strum's `EnumIter` keeps it, so
    /// a new command cannot be missing from the menus, F1 or the palette).
    pub fn all() -> impl Iterator<Item = Self> {
        <Self as strum::IntoEnumIterator>::iter()
    }

    /// The label in menus and the palette.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::NewMap => "New blank map",
            Self::Open => "Open…",
            Self::OpenByPath => "Open by path…",
            Self::ImportSpreadsheet => "Import a spreadsheet (CSV)…",
            Self::ImportPathData => "Import path data (analytics journeys)…",
            Self::ImportSurvey => "Import survey responses…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::SaveToPath => "Save to path…",
            Self::ExportPicture => "Export a picture (PNG)…",
            Self::ExportToPath => "Export to path…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Copy => "Copy",
            Self::Cut => "Cut",
            Self::Paste => "Paste",
            Self::AddTouchPoint => "Add a touch point",
            Self::Rename => "Rename the selected touch point",
            Self::Duplicate => "Duplicate",
            Self::Delete => "Delete",
            Self::SelectAll => "Select all",
            Self::ClearSelection => "Clear the selection",
            Self::Find => "Find…",
            Self::FitView => "Fit the map",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::AutoLayout => "Auto-layout",
            Self::Charts => "Charts",
            Self::LeftDrawer => "Left drawer: weak spots, campaigns",
            Self::RightDrawer => "Right drawer: inspector, what-if",
            Self::Minimap => "Minimap",
            Self::TextBigger => "Bigger text",
            Self::TextSmaller => "Smaller text",
            Self::ThemeLight => "Light theme",
            Self::ThemeDark => "Dark theme",
            Self::ThemeSystem => "Theme of the system",
            Self::Voting => "Dot voting",
            Self::Present => "Present the weak spots",
            Self::Campaigns => "Campaigns and pre-flight",
            Self::Filters => "Filters",
            Self::WhatIf => "What if… (selected touch point)",
            Self::Attribution => "Attribution: the journeys against the room",
            Self::EvidenceLibrary => "Evidence library",
            Self::Lanes => "Organisation lanes",
            Self::Compare => "Compare with another version…",
            Self::CompareByPath => "Compare with a version by path…",
            Self::ResetVotes => "Reset all votes",
            Self::SelectLeft => "Select the card to the left",
            Self::SelectRight => "Select the card to the right",
            Self::SelectUp => "Select the card above",
            Self::SelectDown => "Select the card below",
            Self::AddNext => "Add a linked touch point in the next stage",
            Self::AddBefore => "Add a linked touch point in the previous stage",
            Self::PresentNext => "Next weak spot (presenting)",
            Self::PresentPrevious => "Previous weak spot (presenting)",
            Self::PresentEnd => "Stop presenting",
            Self::Help => "Keyboard and mouse",
            Self::Palette => "Command palette",
        }
    }

    /// What it does, for the F1 help and the palette.
    #[must_use]
    pub fn description(self) -> &'static str {
        match self {
            Self::NewMap => "Start a new, empty map (File › New from template for the others)",
            Self::Open => "Open a map",
            Self::OpenByPath => "Open a map by typing its path",
            Self::ImportSpreadsheet => {
                "Make a new map from a spreadsheet saved as CSV (columns by header: name, stage, score, next …)"
            }
            Self::ImportPathData => {
                "Set the map's shares and entries from the journeys analytics recorded (GA4, Segment, Snowplow events or channelattribution paths), with a preview"
            }
            Self::ImportSurvey => {
                "Scores (mean, interval, NPS) and quotes from a Google Forms, Typeform, SurveyMonkey or Qualtrics export, with a preview"
            }
            Self::Save => "Save",
            Self::SaveAs => "Save under a new name",
            Self::SaveToPath => "Save to a typed path",
            Self::ExportPicture => "Export a picture (File › Export for the other formats)",
            Self::ExportToPath => "Export to a typed path (the format from its extension)",
            Self::Quit => "Quit (asks about unsaved changes)",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Copy => "Copy the selected touch points (JSON text, also into another window)",
            Self::Cut => "Copy the selected touch points, then delete them",
            Self::Paste => "Paste copied touch points (or a whole map) as new touch points",
            Self::AddTouchPoint => "Add a touch point in the first stage and type its name",
            Self::Rename => "Rename in place (Enter keeps, Esc cancels)",
            Self::Duplicate => "Duplicate the selection",
            Self::Delete => "Delete the selection",
            Self::SelectAll => "Select every touch point",
            Self::ClearSelection => "Clear the selection, close overlays",
            Self::Find => "Search: matches stay bright, the rest dims",
            Self::FitView => "Fit the map in the window (card names stay readable)",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::AutoLayout => "Place every touch point in its stage column",
            Self::Charts => {
                "Show or hide the charts (hidden by themselves below 800 points of height)"
            }
            Self::LeftDrawer => {
                "Open or close the left drawer (weak spots, campaigns); on windows under 1,400 points wide it starts closed, and stays as you leave it"
            }
            Self::RightDrawer => "Open or close the right drawer (inspector, what-if)",
            Self::Minimap => "Show or hide the minimap (it never covers a card)",
            Self::TextBigger => "Make all text bigger (remembered)",
            Self::TextSmaller => "Make all text smaller (remembered)",
            Self::ThemeLight => {
                "Dark text on light panels, for a bright room or a projector (remembered)"
            }
            Self::ThemeDark => "Light text on dark panels (remembered)",
            Self::ThemeSystem => "Follow the system's light or dark setting (remembered)",
            Self::Voting => "Dot voting: click a card to vote, right-click to take a vote back",
            Self::Present => "Present the weak spots full screen (← → step, Esc ends)",
            Self::Campaigns => {
                "Campaigns: objectives, campaigns and their pre-flight; pick one to see its customers on the map"
            }
            Self::Filters => "Filters: stage, channel, owner, severity, quadrant",
            Self::WhatIf => "What if… another score or importance for the selected touch point",
            Self::Attribution => {
                "Each touch point's removal effect (from path data) beside the room's importance, and where they disagree"
            }
            Self::EvidenceLibrary => {
                "Every quote, review and survey answer of the map, searchable by text, source and kind; click one to select its touch point"
            }
            Self::Lanes => {
                "Organisation lanes: rows by owner; drop a card in a row to change its owner"
            }
            Self::Compare => "Compare with another version of the map",
            Self::CompareByPath => "Compare with another version, typing its path",
            Self::ResetVotes => "Set every touch point's votes to zero",
            Self::SelectLeft | Self::SelectRight | Self::SelectUp | Self::SelectDown => {
                "Select the nearest card in that direction"
            }
            Self::AddNext => {
                "Add a touch point in the next stage, linked from the selected one, and type its name"
            }
            Self::AddBefore => {
                "Add a touch point in the previous stage, linked to the selected one"
            }
            Self::PresentNext => "Next weak spot",
            Self::PresentPrevious => "Previous weak spot",
            Self::PresentEnd => "Stop presenting",
            Self::Help => "This help",
            Self::Palette => "Find any command by typing part of its name",
        }
    }

    /// The menu it is listed in.
    #[must_use]
    pub fn menu(self) -> Menu {
        match self {
            Self::NewMap
            | Self::Open
            | Self::OpenByPath
            | Self::ImportSpreadsheet
            | Self::ImportPathData
            | Self::ImportSurvey
            | Self::Save
            | Self::SaveAs
            | Self::SaveToPath
            | Self::ExportPicture
            | Self::ExportToPath
            | Self::Quit => Menu::File,
            Self::Undo
            | Self::Redo
            | Self::Copy
            | Self::Cut
            | Self::Paste
            | Self::AddTouchPoint
            | Self::Rename
            | Self::Duplicate
            | Self::Delete
            | Self::SelectAll
            | Self::ClearSelection
            | Self::Find => Menu::Edit,
            Self::FitView
            | Self::ZoomIn
            | Self::ZoomOut
            | Self::AutoLayout
            | Self::Charts
            | Self::LeftDrawer
            | Self::RightDrawer
            | Self::Minimap
            | Self::TextBigger
            | Self::TextSmaller
            | Self::ThemeLight
            | Self::ThemeDark
            | Self::ThemeSystem => Menu::View,
            Self::Voting
            | Self::Present
            | Self::Campaigns
            | Self::Filters
            | Self::WhatIf
            | Self::Attribution
            | Self::EvidenceLibrary
            | Self::Lanes
            | Self::Compare
            | Self::CompareByPath
            | Self::ResetVotes => Menu::Workshop,
            Self::Help | Self::Palette => Menu::Help,
            Self::SelectLeft
            | Self::SelectRight
            | Self::SelectUp
            | Self::SelectDown
            | Self::AddNext
            | Self::AddBefore
            | Self::PresentNext
            | Self::PresentPrevious
            | Self::PresentEnd => Menu::Keyboard,
        }
    }

    /// Its shortcuts; the first is the one shown.
    #[must_use]
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        match self {
            Self::NewMap => vec![key(CTRL, Key::N)],
            Self::Open => vec![key(CTRL, Key::O)],
            Self::OpenByPath => vec![key(CTRL_SHIFT, Key::O)],
            Self::Save => vec![key(CTRL, Key::S)],
            Self::SaveAs => vec![key(CTRL_SHIFT, Key::S)],
            Self::ExportPicture => vec![key(CTRL, Key::E)],
            Self::ExportToPath => vec![key(CTRL_SHIFT, Key::E)],
            Self::Quit => vec![key(CTRL, Key::Q)],
            Self::Undo => vec![key(CTRL, Key::Z)],
            Self::Redo => vec![key(CTRL_SHIFT, Key::Z), key(CTRL, Key::Y)],
            // The platform turns these keys into clipboard events rather than key presses; the
            // app runs the command from the event (`app/run_command.rs`).
            Self::Copy => vec![key(CTRL, Key::C)],
            Self::Cut => vec![key(CTRL, Key::X)],
            Self::Paste => vec![key(CTRL, Key::V)],
            Self::Rename => vec![key(NONE, Key::F2), key(NONE, Key::Enter)],
            Self::Duplicate => vec![key(CTRL, Key::D)],
            Self::Delete => vec![key(NONE, Key::Delete), key(NONE, Key::Backspace)],
            Self::SelectAll => vec![key(CTRL, Key::A)],
            Self::ClearSelection | Self::PresentEnd => vec![key(NONE, Key::Escape)],
            Self::Find => vec![key(CTRL, Key::F)],
            Self::FitView => vec![key(CTRL, Key::Num0)],
            Self::ZoomIn => vec![key(CTRL, Key::Equals), key(CTRL, Key::Plus)],
            Self::ZoomOut => vec![key(CTRL, Key::Minus)],
            Self::AutoLayout => vec![key(CTRL, Key::L)],
            Self::Charts => vec![key(NONE, Key::F9)],
            Self::LeftDrawer => vec![key(NONE, Key::F3)],
            Self::RightDrawer => vec![key(NONE, Key::F10)],
            Self::Minimap => vec![key(CTRL, Key::M)],
            // Not Ctrl+Shift+= any more: on a US keyboard "+" is Shift+=, so Ctrl++ as printed
            // changed the text size instead of the zoom. Arrows are the same on every layout.
            Self::TextBigger => vec![key(CTRL_SHIFT, Key::ArrowUp)],
            Self::TextSmaller => vec![key(CTRL_SHIFT, Key::ArrowDown)],
            Self::Voting => vec![key(NONE, Key::F6)],
            Self::Present => vec![key(NONE, Key::F11)],
            Self::Campaigns => vec![key(NONE, Key::F4)],
            Self::Filters => vec![key(NONE, Key::F7)],
            Self::WhatIf => vec![key(NONE, Key::F8)],
            Self::Attribution => vec![key(NONE, Key::F12)],
            Self::EvidenceLibrary => vec![key(CTRL_SHIFT, Key::L)],
            Self::Lanes => vec![key(NONE, Key::F5)],
            Self::SelectLeft => vec![key(NONE, Key::ArrowLeft)],
            Self::SelectRight => vec![key(NONE, Key::ArrowRight)],
            Self::SelectUp => vec![key(NONE, Key::ArrowUp)],
            Self::SelectDown => vec![key(NONE, Key::ArrowDown)],
            Self::AddNext => vec![key(NONE, Key::Tab)],
            Self::AddBefore => vec![key(Modifiers::SHIFT, Key::Tab)],
            Self::PresentNext => vec![
                key(NONE, Key::ArrowRight),
                key(NONE, Key::ArrowDown),
                key(NONE, Key::Space),
                key(NONE, Key::PageDown),
            ],
            Self::PresentPrevious => vec![
                key(NONE, Key::ArrowLeft),
                key(NONE, Key::ArrowUp),
                key(NONE, Key::PageUp),
            ],
            Self::Help => vec![key(NONE, Key::F1)],
            Self::Palette => vec![key(CTRL_SHIFT, Key::P)],
            Self::SaveToPath
            | Self::ImportSpreadsheet
            | Self::ImportPathData
            | Self::ImportSurvey
            | Self::AddTouchPoint
            | Self::Compare
            | Self::CompareByPath
            | Self::ResetVotes
            | Self::ThemeLight
            | Self::ThemeDark
            | Self::ThemeSystem => vec![],
        }
    }

    /// Whether it can run now. Presentation mode takes the keyboard for itself: only its own keys,
    /// F11, Esc and the help work then.
    #[must_use]
    pub fn enabled(self, state: CommandState) -> bool {
        let presenting_only = matches!(
            self,
            Self::PresentNext | Self::PresentPrevious | Self::PresentEnd
        );
        if state.presenting {
            return presenting_only || matches!(self, Self::Help | Self::Quit);
        }
        if presenting_only {
            return false;
        }
        // While a text field has the keyboard, its own keys (undo, delete, arrows, Tab, Enter,
        // select all, Esc) belong to it.
        if state.typing && self.keys_of_text_fields() {
            return false;
        }
        match self {
            Self::Undo => state.can_undo,
            Self::Redo => state.can_redo,
            Self::Duplicate
            | Self::Copy
            | Self::Cut
            | Self::Rename
            | Self::WhatIf
            | Self::SelectLeft
            | Self::SelectRight
            | Self::SelectUp
            | Self::SelectDown
            | Self::AddNext
            | Self::AddBefore => state.has_selection,
            Self::Delete => state.has_selection || state.has_selected_link,
            Self::NewMap
            | Self::Open
            | Self::OpenByPath
            | Self::ImportSpreadsheet
            | Self::ImportPathData
            | Self::ImportSurvey
            | Self::Save
            | Self::SaveAs
            | Self::SaveToPath
            | Self::ExportPicture
            | Self::ExportToPath
            | Self::Quit
            | Self::Paste
            | Self::AddTouchPoint
            | Self::SelectAll
            | Self::ClearSelection
            | Self::Find
            | Self::FitView
            | Self::ZoomIn
            | Self::ZoomOut
            | Self::AutoLayout
            | Self::Charts
            | Self::LeftDrawer
            | Self::RightDrawer
            | Self::Minimap
            | Self::TextBigger
            | Self::TextSmaller
            | Self::ThemeLight
            | Self::ThemeDark
            | Self::ThemeSystem
            | Self::Voting
            | Self::Present
            | Self::Campaigns
            | Self::Filters
            | Self::Attribution
            | Self::EvidenceLibrary
            | Self::Lanes
            | Self::Compare
            | Self::CompareByPath
            | Self::ResetVotes
            | Self::PresentNext
            | Self::PresentPrevious
            | Self::PresentEnd
            | Self::Help
            | Self::Palette => true,
        }
    }

    /// Commands whose keys a text field uses itself.
    fn keys_of_text_fields(self) -> bool {
        matches!(
            self,
            Self::Undo
                | Self::Redo
                | Self::Copy
                | Self::Cut
                | Self::Paste
                | Self::Duplicate
                | Self::Delete
                | Self::SelectAll
                | Self::ClearSelection
                | Self::FitView
                | Self::ZoomIn
                | Self::ZoomOut
                | Self::AutoLayout
                | Self::Rename
                | Self::SelectLeft
                | Self::SelectRight
                | Self::SelectUp
                | Self::SelectDown
                | Self::AddNext
                | Self::AddBefore
        )
    }

    /// The shown shortcut as text ("Ctrl+Shift+S"), empty when there is none.
    #[must_use]
    pub fn shortcut_text(self) -> String {
        self.shortcuts()
            .iter()
            .map(|shortcut| shortcut_name(*shortcut))
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// The command whose shortcut was pressed this frame, consuming the key press. Shortcuts with
    /// more modifiers are tried first (egui matches Ctrl+Shift+S on a plain Ctrl+S shortcut too).
    #[must_use]
    pub fn pressed(ctx: &egui::Context, state: CommandState) -> Vec<Self> {
        let mut candidates: Vec<(Self, KeyboardShortcut)> = Self::all()
            .filter(|command| command.enabled(state))
            .flat_map(|command| {
                command
                    .shortcuts()
                    .into_iter()
                    .map(move |shortcut| (command, shortcut))
            })
            .collect();
        candidates.sort_by_key(|(_, shortcut)| {
            std::cmp::Reverse(
                u8::from(shortcut.modifiers.shift)
                    + u8::from(shortcut.modifiers.command || shortcut.modifiers.ctrl)
                    + u8::from(shortcut.modifiers.alt),
            )
        });
        let mut pressed = Vec::new();
        for (command, shortcut) in candidates {
            if !pressed.contains(&command)
                && ctx.input_mut(|input| input.consume_shortcut(&shortcut))
            {
                pressed.push(command);
            }
        }
        pressed
    }

    /// Whether a palette query finds the command: every word of the query appears in its label,
    /// its description or its shortcut (case-insensitive).
    #[must_use]
    pub fn matches(self, query: &str) -> bool {
        let haystack = format!(
            "{} {} {}",
            self.label(),
            self.description(),
            self.shortcut_text()
        )
        .to_lowercase();
        query
            .to_lowercase()
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }
}

/// A shortcut as people write it on Windows and Linux ("Ctrl+Shift+S", "F2", "←").
fn shortcut_name(shortcut: KeyboardShortcut) -> String {
    let mut name = String::new();
    if shortcut.modifiers.command || shortcut.modifiers.ctrl {
        name.push_str("Ctrl+");
    }
    if shortcut.modifiers.alt {
        name.push_str("Alt+");
    }
    if shortcut.modifiers.shift {
        name.push_str("Shift+");
    }
    name.push_str(match shortcut.logical_key {
        Key::ArrowLeft => "←",
        Key::ArrowRight => "→",
        Key::ArrowUp => "↑",
        Key::ArrowDown => "↓",
        Key::Equals => "=",
        Key::Plus => "+",
        Key::Minus => "-",
        Key::Num0 => "0",
        Key::Delete => "Delete",
        Key::Backspace => "Backspace",
        Key::Escape => "Esc",
        other => other.name(),
    });
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut_when_both_can_run() {
        for presenting in [false, true] {
            let state = CommandState {
                has_selection: true,
                has_selected_link: true,
                can_undo: true,
                can_redo: true,
                presenting,
                typing: false,
            };
            let mut seen: Vec<(KeyboardShortcut, Command)> = Vec::new();
            for command in Command::all().filter(|c| c.enabled(state)) {
                for shortcut in command.shortcuts() {
                    if let Some((_, other)) = seen.iter().find(|(s, _)| *s == shortcut) {
                        panic!(
                            "{command:?} and {other:?} share {}",
                            shortcut_name(shortcut)
                        );
                    }
                    seen.push((shortcut, command));
                }
            }
        }
    }

    #[test]
    fn every_command_has_words() {
        assert!(Command::all().count() >= 48);
        for command in Command::all() {
            assert!(!command.label().is_empty() && !command.description().is_empty());
        }
    }

    #[test]
    fn the_palette_finds_by_any_word_of_label_description_or_shortcut() {
        assert!(Command::Save.matches("save"));
        assert!(Command::SaveAs.matches("save NAME"));
        assert!(Command::Lanes.matches("owner"));
        assert!(Command::Palette.matches("ctrl+shift+p"));
        assert!(!Command::Save.matches("present"));
        assert_eq!(shortcut_name(key(CTRL_SHIFT, Key::S)), "Ctrl+Shift+S");
    }
}
