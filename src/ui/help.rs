//! The keyboard shortcuts, listed once and shown in the help overlay (F1).

/// Every shortcut as (keys, what it does).
pub const SHORTCUTS: &[(&str, &str)] = &[
    (
        "Double-click empty canvas",
        "Add a touch point there and type its name",
    ),
    ("Drag a card", "Move it (drops snap to a stage column)"),
    ("Drag the ● handle onto a card", "Link the two touch points"),
    ("Click / Shift+click", "Select / add to the selection"),
    ("Shift+drag on empty canvas", "Box select"),
    ("Drag empty canvas, middle button", "Pan"),
    ("Ctrl+wheel, pinch, Ctrl+= / Ctrl+-", "Zoom at the cursor"),
    ("Ctrl+0", "Fit the map in the window"),
    (
        "F2 or double-click a card",
        "Rename in place (Enter keeps, Esc cancels)",
    ),
    ("Delete / Backspace", "Delete the selection"),
    ("Ctrl+D", "Duplicate the selection"),
    (
        "Ctrl+C / Ctrl+X / Ctrl+V",
        "Copy / cut / paste touch points (as JSON)",
    ),
    ("Ctrl+A", "Select all"),
    ("Esc", "Clear the selection, close overlays"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z / Ctrl+Y", "Redo"),
    ("Ctrl+L", "Auto-layout"),
    ("Ctrl+F", "Search: matches stay bright, the rest dims"),
    ("Ctrl+N", "New map"),
    ("Ctrl+O", "Open a map"),
    ("Ctrl+Shift+O", "Open a map by typing its path"),
    ("Ctrl+S", "Save"),
    ("Ctrl+Shift+S", "Save as"),
    (
        "Ctrl+E",
        "Export a picture (File › Export for other formats)",
    ),
    ("Ctrl+Q", "Quit"),
    ("F1", "This help"),
    (
        "F9",
        "Show or hide the charts (hidden by themselves below 800 points of height)",
    ),
    (
        "F3 / F10",
        "Open or close the left drawer (weak spots, campaigns) / the right drawer (inspector); on windows under 1,400 points wide they start closed, and stay as you leave them",
    ),
    (
        "Ctrl+M",
        "Show or hide the minimap (it never covers a card)",
    ),
    (
        "F5",
        "Organisation lanes: rows by owner; drop a card in a row to change its owner",
    ),
    (
        "F6",
        "Dot voting: click a card to vote, right-click to take a vote back",
    ),
    (
        "F4",
        "Campaigns: objectives, campaigns and their pre-flight; pick one to see its customers on the map",
    ),
    ("F7", "Filters: stage, channel, owner, severity, quadrant"),
    (
        "F8",
        "What if… another score or importance for the selected touch point",
    ),
    (
        "F11",
        "Present the weak spots full screen (← → step, Esc ends)",
    ),
    (
        "Workshop › Compare",
        "Compare with another version of the map",
    ),
    ("Drop a .json file on the window", "Open it"),
];

/// The help overlay.
pub fn help_ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard and mouse")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        // Fits a 720-pixel projector: the list scrolls inside a window that never outgrows the
        // screen.
        .max_height(ctx.content_rect().height() - 80.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("shortcuts")
                    .striped(true)
                    .num_columns(2)
                    .show(ui, |ui| {
                        for &(keys, meaning) in SHORTCUTS {
                            ui.strong(keys);
                            ui.label(meaning);
                            ui.end_row();
                        }
                    });
            });
        });
}
