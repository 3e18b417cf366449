//! Key strings in the config file ("q", "ctrl+s", "shift+tab", "f1") read
//! into [`Key`]s, written the way the keymap table writes them, so an
//! override matches exactly the presses the built-in binding would.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::keymap::Key;

/// The key names accepted besides single characters, with their codes.
/// Names are matched ignoring case; f1 to f12 are read separately.
const NAMES: [(&str, KeyCode); 22] = [
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pgup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("pgdn", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
    ("spacebar", KeyCode::Char(' ')),
];

/// What a key may be, for messages.
const HOW: &str = "use one character (such as q, ? or G) or a name (enter, esc, tab, backtab, \
    backspace, delete, insert, up, down, left, right, home, end, pageup, pagedown, space, \
    f1 to f12), with ctrl+, alt+ or shift+ before it if you like";

/// Reads one key as written in the config file. The error says what is
/// wrong with it in words that fit after the key itself.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut rest = text.trim();
    let mut modifiers = KeyModifiers::NONE;
    // "ctrl++" is Ctrl and the + key; a lone "+" is the + key.
    while let Some((prefix, after)) = rest.split_once('+')
        && !after.is_empty()
    {
        modifiers |= match prefix.trim().to_ascii_lowercase().as_str() {
            "ctrl" | "control" => KeyModifiers::CONTROL,
            "alt" | "option" => KeyModifiers::ALT,
            "shift" => KeyModifiers::SHIFT,
            _ => {
                return Err(format!(
                    "has \"{prefix}+\", which is not ctrl+, alt+ or shift+"
                ));
            }
        };
        rest = after.trim();
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (None, _) => return Err(format!("names no key: {HOW}")),
        (Some(c), None) => KeyCode::Char(c),
        _ => named(rest).ok_or_else(|| format!("is not a key trustwork knows: {HOW}"))?,
    };
    Ok(as_in_the_table(code, modifiers))
}

/// A key as the config file writes it ("ctrl+q", "pageup", "G"): the
/// inverse of [`parse_key`], for the list of actions in the default file.
pub fn key_text(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("f{n}"),
        code => NAMES.iter().find(|(_, known)| *known == code).map_or_else(
            || format!("{code:?}").to_ascii_lowercase(),
            |(name, _)| name.to_string(),
        ),
    };
    let mut text = String::new();
    for (modifier, word) in [
        (KeyModifiers::CONTROL, "ctrl+"),
        (KeyModifiers::ALT, "alt+"),
        (KeyModifiers::SHIFT, "shift+"),
    ] {
        if key.modifiers.contains(modifier) {
            text.push_str(word);
        }
    }
    text + &name
}

fn named(name: &str) -> Option<KeyCode> {
    let name = name.to_ascii_lowercase();
    if let Some(n) = name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=12).contains(&n).then_some(KeyCode::F(n));
    }
    NAMES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, code)| *code)
}

/// The keymap matches characters and Shift+Tab without the Shift modifier
/// (terminals disagree on sending it), so Shift is folded into the key:
/// shift+g is "G", shift+tab is backtab. Ctrl and Alt with a letter are
/// lowercase, as terminals send them.
fn as_in_the_table(code: KeyCode, mut modifiers: KeyModifiers) -> Key {
    let shift = modifiers.contains(KeyModifiers::SHIFT);
    let code = match code {
        KeyCode::Char(c) => {
            modifiers.remove(KeyModifiers::SHIFT);
            if shift {
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            } else if modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
                KeyCode::Char(c.to_lowercase().next().unwrap_or(c))
            } else {
                KeyCode::Char(c)
            }
        }
        KeyCode::BackTab => {
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        KeyCode::Tab if shift => {
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        other => other,
    };
    Key { code, modifiers }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key { code, modifiers }
    }

    #[test]
    fn single_characters_keep_their_case() {
        let none = KeyModifiers::NONE;
        assert_eq!(parse_key("q"), Ok(key(KeyCode::Char('q'), none)));
        assert_eq!(parse_key("G"), Ok(key(KeyCode::Char('G'), none)));
        assert_eq!(parse_key("?"), Ok(key(KeyCode::Char('?'), none)));
        assert_eq!(parse_key("+"), Ok(key(KeyCode::Char('+'), none)));
    }

    #[test]
    fn modifiers_are_written_as_the_keymap_writes_them() {
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(parse_key("ctrl+s"), Ok(key(KeyCode::Char('s'), ctrl)));
        assert_eq!(parse_key("Ctrl+S"), Ok(key(KeyCode::Char('s'), ctrl)));
        assert_eq!(parse_key("ctrl++"), Ok(key(KeyCode::Char('+'), ctrl)));
        assert_eq!(
            parse_key("alt+x"),
            Ok(key(KeyCode::Char('x'), KeyModifiers::ALT))
        );
        let none = KeyModifiers::NONE;
        assert_eq!(parse_key("shift+g"), Ok(key(KeyCode::Char('G'), none)));
        assert_eq!(parse_key("shift+tab"), Ok(key(KeyCode::BackTab, none)));
        assert_eq!(parse_key("backtab"), Ok(key(KeyCode::BackTab, none)));
        assert_eq!(
            parse_key("shift+up"),
            Ok(key(KeyCode::Up, KeyModifiers::SHIFT))
        );
    }

    #[test]
    fn names_ignore_case() {
        let none = KeyModifiers::NONE;
        assert_eq!(parse_key("Enter"), Ok(key(KeyCode::Enter, none)));
        assert_eq!(parse_key("ESC"), Ok(key(KeyCode::Esc, none)));
        assert_eq!(parse_key("PageDown"), Ok(key(KeyCode::PageDown, none)));
        assert_eq!(parse_key("space"), Ok(key(KeyCode::Char(' '), none)));
        assert_eq!(parse_key("F12"), Ok(key(KeyCode::F(12), none)));
        assert_eq!(parse_key("f1"), Ok(key(KeyCode::F(1), none)));
    }

    #[test]
    fn mistakes_say_what_is_wrong() {
        let why = |text| parse_key(text).expect_err("a mistake");
        assert!(why("").contains("names no key"));
        assert!(why("f13").contains("not a key"));
        assert!(why("enterr").contains("not a key"));
        assert!(why("ctlr+x").contains("\"ctlr+\""));
    }
}

#[cfg(test)]
mod round_trip {
    use super::*;

    #[test]
    fn every_key_in_the_table_is_written_so_it_reads_back() {
        for binding in crate::keymap::BINDINGS {
            for key in binding.keys {
                let text = key_text(key);
                assert_eq!(parse_key(&text).as_ref(), Ok(key), "{text}");
            }
        }
    }
}
