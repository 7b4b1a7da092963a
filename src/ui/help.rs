//! The help overlay (F1): the mouse gestures, then every command of the command table with its
//! shortcut, so the help cannot disagree with the keys.

/// What the mouse and the clipboard do (the keyboard commands come from the command table).
pub const GESTURES: &[(&str, &str)] = &[
    (
        "Double-click empty canvas",
        "Add a touch point there and type its name",
    ),
    ("Drag a card", "Move it (drops snap to a stage column)"),
    ("Drag the ● handle onto a card", "Link the two touch points"),
    ("Click / Shift+click", "Select / add to the selection"),
    ("Shift+drag on empty canvas", "Box select"),
    ("Drag empty canvas, middle button", "Pan"),
    ("Ctrl+wheel, pinch", "Zoom at the cursor"),
    (
        "Double-click a card",
        "Rename in place (Enter keeps, Esc cancels)",
    ),
    (
        "Ctrl+C / Ctrl+X / Ctrl+V",
        "Copy / cut / paste touch points (as JSON)",
    ),
    ("Drop a .json file on the window", "Open it"),
];

/// Every line of the help: the gestures, then every command with a shortcut, as (keys, meaning).
#[must_use]
pub fn help_lines() -> Vec<(String, String)> {
    let mut lines: Vec<(String, String)> = GESTURES
        .iter()
        .map(|(keys, meaning)| ((*keys).to_owned(), (*meaning).to_owned()))
        .collect();
    for command in super::command::Command::all() {
        let keys = command.shortcut_text();
        if !keys.is_empty() {
            lines.push((keys, command.description().to_owned()));
        }
    }
    lines
}

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
                        for (keys, meaning) in help_lines() {
                            ui.strong(keys);
                            ui.label(meaning);
                            ui.end_row();
                        }
                    });
            });
        });
}
