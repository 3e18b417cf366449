//! The mouse, when it is on: the wheel moves as the arrow keys do, and a
//! left click picks the list row under it (a second click on the selected
//! row opens it, as Enter would). Clicks find their row through the areas
//! the last frame recorded (`ClickMap`), and become the same Up, Down and
//! Enter actions the keys give, so each screen's own rules apply. Nothing
//! a click or the wheel does deletes, confirms or leaves.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::{App, Effect};
use crate::action::Action;
use crate::keymap::{self, Context};
use crate::ui::widgets::ClickMap;

/// What a mouse event means in `context`; nothing at all when the mouse
/// is off (`enabled`).
pub fn mouse_action(event: MouseEvent, context: Context, enabled: bool) -> Option<Action> {
    if !enabled {
        return None;
    }
    match event.kind {
        MouseEventKind::ScrollUp => wheel(context, KeyCode::Up),
        MouseEventKind::ScrollDown => wheel(context, KeyCode::Down),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
            column: event.column,
            row: event.row,
        }),
        _ => None,
    }
}

/// The wheel does what the arrow key does on this screen in the built-in
/// keys (moving in a list, scrolling a text), whatever keys the person has
/// chosen, but only ever moves: an arrow that types or changes a value
/// elsewhere is not borrowed.
fn wheel(context: Context, arrow: KeyCode) -> Option<Action> {
    let arrow = keymap::Key {
        code: arrow,
        modifiers: KeyModifiers::NONE,
    };
    let action = keymap::Keymap::default().action(context, &arrow)?;
    matches!(
        action,
        Action::Up | Action::Down | Action::ScrollUp | Action::ScrollDown
    )
    .then_some(action)
}

impl App {
    /// Carries out a click as the actions it stands for.
    pub(super) fn click(&mut self, column: u16, row: u16) -> Vec<Effect> {
        let mut effects = Vec::new();
        for action in self.click_actions(column, row) {
            effects.extend(self.update(action));
        }
        effects
    }

    /// A click on a row of the list on screen: the moves that select it,
    /// or, on the row already selected, what Enter does there. Nothing
    /// while a popup or the help covers the screen.
    fn click_actions(&self, column: u16, row: u16) -> Vec<Action> {
        if self.popup.is_some() || self.help_open {
            return Vec::new();
        }
        let Some((clicks, selected)) = self.click_target() else {
            return Vec::new();
        };
        let Some(hit) = clicks.hit(column, row) else {
            return Vec::new();
        };
        if hit == selected {
            return self.open_action().into_iter().collect();
        }
        let step = if hit > selected {
            Action::Down
        } else {
            Action::Up
        };
        vec![step; hit.abs_diff(selected)]
    }

    /// The list on screen that takes clicks, with its selected row. Not
    /// while a text is being typed or a question is asked.
    fn click_target(&self) -> Option<(&ClickMap, usize)> {
        self.screen.view().click_target(self.screen_context())
    }

    /// What Enter does on this screen, if it only opens or picks.
    fn open_action(&self) -> Option<Action> {
        let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        let action = keymap::action_for(self.context(), enter)?;
        matches!(action, Action::Select | Action::Edit | Action::Restore).then_some(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: MouseEventKind) -> MouseEvent {
        MouseEvent {
            kind,
            column: 4,
            row: 7,
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn the_wheel_moves_and_a_left_click_clicks() {
        let down = event(MouseEventKind::ScrollDown);
        assert_eq!(
            mouse_action(down, Context::Journal, true),
            Some(Action::Down)
        );
        let click = event(MouseEventKind::Down(MouseButton::Left));
        assert_eq!(
            mouse_action(click, Context::Home, true),
            Some(Action::Click { column: 4, row: 7 })
        );
        let right = event(MouseEventKind::Down(MouseButton::Right));
        assert_eq!(mouse_action(right, Context::Home, true), None);
    }

    #[test]
    fn the_wheel_keeps_working_when_the_arrows_are_rebound() {
        let own = crate::config::KeyOverride {
            action: "down".into(),
            keys: vec![keymap::Key {
                code: KeyCode::Char('n'),
                modifiers: KeyModifiers::NONE,
            }],
            line: 1,
        };
        keymap::set_active(keymap::Keymap::with_overrides(&[own], "config.toml").0);
        let down = event(MouseEventKind::ScrollDown);
        assert_eq!(
            mouse_action(down, Context::Journal, true),
            Some(Action::Down)
        );
        keymap::set_active(keymap::Keymap::default());
    }

    #[test]
    fn with_the_mouse_off_nothing_happens() {
        for kind in [
            MouseEventKind::ScrollUp,
            MouseEventKind::ScrollDown,
            MouseEventKind::Down(MouseButton::Left),
        ] {
            assert_eq!(mouse_action(event(kind), Context::Overview, false), None);
        }
    }
}
