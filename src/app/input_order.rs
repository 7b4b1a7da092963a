//! Typing is read before a click that moves the focus, even when both arrive in one frame.
//!
//! egui takes the focus from a text box as soon as the frame holds a press elsewhere
//! (`Context::create_widget`, `SurrenderFocusOn::Presses`), before the box reads the frame's
//! typing — so characters typed just before clicking the next field were lost whenever they
//! and the click fell into the same frame (issue 24: "Live cha"). That happens when frames are
//! slow (a software renderer on a projector laptop takes about 90 ms a frame) and the user types
//! fast. The window's input is therefore cut before such a press: the typing is handled in this
//! frame, the press and what follows it in the next, so the box reads its characters while it
//! still has the focus.

use egui::Event;

/// Events held back for the next frame.
#[derive(Default)]
pub(super) struct InputOrder {
    held: Vec<Event>,
}

impl InputOrder {
    /// Puts the events held from the last frame in front of `events`; then, while a text box has
    /// the keyboard (`text_box_focused`), when typing comes before a pointer press, holds that
    /// press and every event after it for the next frame. With no text box focused there is no
    /// typing to lose, and nothing is held (a shortcut and a click keep their frame). Returns
    /// whether events are held (the window must then draw another frame soon).
    pub(super) fn arrange(&mut self, events: &mut Vec<Event>, text_box_focused: bool) -> bool {
        if !self.held.is_empty() {
            let arrived = std::mem::take(events);
            *events = std::mem::take(&mut self.held);
            events.extend(arrived);
        }
        if !text_box_focused {
            return false;
        }
        let mut typed = false;
        let cut = events.iter().position(|event| {
            if is_typing(event) {
                typed = true;
            }
            typed && matches!(event, Event::PointerButton { pressed: true, .. })
        });
        if let Some(cut) = cut {
            self.held = events.split_off(cut);
        }
        !self.held.is_empty()
    }
}

/// Whether an event goes to the focused text box.
fn is_typing(event: &Event) -> bool {
    matches!(
        event,
        Event::Text(_)
            | Event::Paste(_)
            | Event::Ime(_)
            | Event::Key { pressed: true, .. }
            | Event::Copy
            | Event::Cut
    )
}

#[cfg(test)]
mod tests {
    use super::InputOrder;
    use egui::{Event, Modifiers, PointerButton, Pos2};

    fn button(pressed: bool) -> Event {
        Event::PointerButton {
            pos: Pos2::new(10.0, 20.0),
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        }
    }

    fn text(text: &str) -> Event {
        Event::Text(text.to_owned())
    }

    #[test]
    fn a_press_after_typing_waits_for_the_next_frame_and_nothing_is_lost_or_reordered() {
        let mut order = InputOrder::default();
        // The frame from the real window: the last characters, the pointer moving to the next
        // field, the click.
        let moved = Event::PointerMoved(Pos2::new(10.0, 20.0));
        let mut frame = vec![
            text("ive"),
            text(" chat"),
            moved.clone(),
            button(true),
            button(false),
        ];
        assert!(order.arrange(&mut frame, true), "the click is held");
        assert_eq!(frame, [text("ive"), text(" chat"), moved]);
        // The next frame gets the click first, then whatever arrived meanwhile.
        let mut next = vec![text("X")];
        assert!(!order.arrange(&mut next, true));
        assert_eq!(next, [button(true), button(false), text("X")]);
        // And a frame after that is untouched.
        let mut after = vec![text("Y")];
        assert!(!order.arrange(&mut after, true));
        assert_eq!(after, [text("Y")]);
    }

    #[test]
    fn a_press_before_any_typing_is_left_where_it_is() {
        let mut order = InputOrder::default();
        // Clicking a field and typing into it in one frame: the click focuses it first, as it
        // should; nothing to hold.
        let mut frame = vec![button(true), button(false), text("abc")];
        assert!(!order.arrange(&mut frame, true));
        assert_eq!(frame, [button(true), button(false), text("abc")]);
        // Typing, a click, more typing and another click: cut at the first click after typing;
        // the rest is cut again in the next frame.
        let mut frame = vec![
            text("a"),
            button(true),
            button(false),
            text("b"),
            button(true),
        ];
        assert!(order.arrange(&mut frame, true));
        assert_eq!(frame, [text("a")]);
        let mut next = Vec::new();
        assert!(order.arrange(&mut next, true));
        assert_eq!(next, [button(true), button(false), text("b")]);
        let mut last = Vec::new();
        assert!(!order.arrange(&mut last, true));
        assert_eq!(last, [button(true)]);
    }

    #[test]
    fn with_no_text_box_focused_nothing_is_held() {
        let mut order = InputOrder::default();
        // A shortcut and a click on the canvas in one frame: no box to lose typing to.
        let delete = Event::Key {
            key: egui::Key::Delete,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        };
        let mut frame = vec![delete.clone(), button(true), button(false)];
        assert!(!order.arrange(&mut frame, false));
        assert_eq!(frame, [delete, button(true), button(false)]);
    }
}
