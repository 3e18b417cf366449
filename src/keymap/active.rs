//! The keymap in use: the table in `keymap.rs` with the person's own keys
//! from `config.toml` laid over it. Key handling, the help overlay and the
//! footers all read this one, so they show the keys that really work.

use std::cell::RefCell;
use std::rc::Rc;

use super::KeyOverride;
use super::{BINDINGS, Binding, Context, Key, describe};
use crate::action::Action;

/// One binding as it stands after the overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    pub keys: Vec<Key>,
    pub contexts: Vec<Context>,
    pub action: Action,
    pub help: &'static str,
    pub hint: &'static str,
    /// Whether the keys are the person's own (from the config).
    pub own: bool,
    /// Its place in the table, so help and footers keep the table's order.
    place: usize,
}

impl Bound {
    fn from_table((place, binding): (usize, &Binding)) -> Self {
        Self {
            place,
            keys: binding.keys.to_vec(),
            contexts: binding.contexts.to_vec(),
            action: binding.action.clone(),
            help: binding.help,
            hint: binding.hint,
            own: false,
        }
    }

    /// The keys as one label, e.g. "↑/k".
    pub fn label(&self) -> String {
        self.keys.iter().map(describe).collect::<Vec<_>>().join("/")
    }

    /// The name to use for this action in `config.toml`.
    pub fn name(&self) -> String {
        action_name(&self.action)
    }
}

/// Where unbound letters are typed into a box. A plain letter of the
/// person's own is not taken there, or they could no longer type it.
const TYPING: &[Context] = &[
    Context::EditText,
    Context::JournalSearch,
    Context::EntryForm,
    Context::Floor,
    Context::LineEdit,
    Context::Create,
    Context::Partners,
    Context::TalkSetup,
];

/// The bindings in force, in the table's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Bound>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            bindings: BINDINGS.iter().enumerate().map(Bound::from_table).collect(),
        }
    }
}

impl Keymap {
    /// The table with `overrides` applied, and what could not be applied
    /// or now clashes, in words for the person.
    /// `file` names the settings file in the messages.
    pub fn with_overrides(overrides: &[KeyOverride], file: &str) -> (Self, Vec<String>) {
        let mut problems = Vec::new();
        let mut own = Vec::new();
        let mut rest: Vec<Bound> = BINDINGS.iter().enumerate().map(Bound::from_table).collect();
        for change in overrides {
            let matching = rest.iter().any(|b| b.name() == change.action);
            if !matching {
                problems.push(format!(
                    "{file} line {}: there is no action called \"{}\" (`trustwork config --default` lists them)",
                    change.line, change.action
                ));
                continue;
            }
            let mut kept = Vec::new();
            for bound in rest.drain(..) {
                if bound.name() != change.action {
                    kept.push(bound);
                    continue;
                }
                let letters = change.keys.iter().any(is_plain_character);
                let (typing, other): (Vec<Context>, Vec<Context>) = bound
                    .contexts
                    .iter()
                    .partition(|c| letters && TYPING.contains(c));
                if !typing.is_empty() {
                    // The built-in keys stay where letters are typed.
                    kept.push(Bound {
                        contexts: typing,
                        ..bound.clone()
                    });
                }
                if !other.is_empty() {
                    own.push(Bound {
                        keys: change.keys.clone(),
                        contexts: other,
                        own: true,
                        ..bound
                    });
                }
            }
            rest = kept;
        }
        own.extend(rest);
        own.sort_by_key(|b| b.place);
        let keymap = Self { bindings: own };
        problems.extend(keymap.clashes().into_iter().map(|c| format!("{file}: {c}")));
        (keymap, problems)
    }

    /// The action for a pressed key, if one is bound there. The person's
    /// own keys are tried first, so a key they chose wins over a built-in
    /// one.
    pub fn action(&self, context: Context, pressed: &Key) -> Option<Action> {
        if self.is_quick_exit(pressed) {
            return Some(Action::QuickExit);
        }
        // Support and "Right now" too are one key from anywhere.
        for everywhere in [Action::Support, Action::RightNow] {
            if self
                .bindings
                .iter()
                .any(|b| b.action == everywhere && b.keys.contains(pressed))
            {
                return Some(everywhere);
            }
        }
        let here = |b: &&Bound| b.contexts.contains(&context) && b.keys.contains(pressed);
        let mut found = self.bindings.iter().filter(here);
        let first = found.next()?;
        let own = std::iter::once(first).chain(found).find(|b| b.own);
        Some(own.unwrap_or(first).action.clone())
    }

    /// Whether the key is the quick exit (Ctrl+Q, or the person's own key
    /// for it). It is asked before the context is looked at, so the quick
    /// exit works on every screen, popup and text box by construction: no
    /// list of places can leave one out.
    pub fn is_quick_exit(&self, pressed: &Key) -> bool {
        self.bindings
            .iter()
            .any(|b| b.action == Action::QuickExit && b.keys.contains(pressed))
    }

    /// The bindings that apply in a context, in the order tried.
    pub fn bindings_for(&self, context: Context) -> impl Iterator<Item = &Bound> {
        self.bindings
            .iter()
            .filter(move |b| b.contexts.contains(&context))
    }

    /// Keys of the person's own that took a key from a built-in binding
    /// in the same place: theirs wins, and they are told.
    fn clashes(&self) -> Vec<String> {
        let mut found = Vec::new();
        for a in self.bindings.iter().filter(|b| b.own) {
            for b in &self.bindings {
                if a.action == b.action || b.own {
                    continue;
                }
                let shared: Vec<&Key> = a.keys.iter().filter(|k| b.keys.contains(k)).collect();
                let places: Vec<&Context> = a
                    .contexts
                    .iter()
                    .filter(|c| b.contexts.contains(c))
                    .collect();
                if let (Some(key), Some(place)) = (shared.first(), places.first()) {
                    found.push(format!(
                        "key {} now does \"{}\", so \"{}\" loses it ({place:?}{})",
                        describe(key),
                        a.name(),
                        b.name(),
                        if places.len() > 1 { " and more" } else { "" }
                    ));
                }
            }
        }
        found.sort();
        found.dedup();
        found
    }
}

fn is_plain_character(key: &Key) -> bool {
    matches!(key.code, ratatui::crossterm::event::KeyCode::Char(_))
        && (key.modifiers - ratatui::crossterm::event::KeyModifiers::SHIFT).is_empty()
}

/// An action's name for the config (see [`Action::config_name`]); empty
/// for what no key is bound to.
pub fn action_name(action: &Action) -> String {
    action.config_name().unwrap_or_default().to_string()
}

thread_local! {
    // Per thread, like the theme: tests running side by side can each
    // use their own keys.
    static ACTIVE: RefCell<Rc<Keymap>> = RefCell::new(Rc::new(Keymap::default()));
}

/// Makes `keymap` the one in force on this thread.
pub fn set_active(keymap: Keymap) {
    ACTIVE.with(|active| *active.borrow_mut() = Rc::new(keymap));
}

/// The keymap in force on this thread.
pub fn active() -> Rc<Keymap> {
    ACTIVE.with(|active| Rc::clone(&active.borrow()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;
    use crate::action::Section;

    fn own(action: &str, keys: &[Key]) -> KeyOverride {
        KeyOverride {
            action: action.into(),
            keys: keys.to_vec(),
            line: 7,
        }
    }

    fn ch(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn actions_have_snake_case_names() {
        assert_eq!(action_name(&Action::QuickExit), "quick_exit");
        assert_eq!(action_name(&Action::Up), "up");
        assert_eq!(
            action_name(&Action::Section(Section::Journal)),
            "section_journal"
        );
    }

    /// How names were made before they were written out: from the
    /// variant's `Debug` text. Kept here only to prove that every name a
    /// config file may already hold still works.
    fn debug_name(action: &Action) -> String {
        let mut name = String::new();
        for c in format!("{action:?}")
            .chars()
            .filter(char::is_ascii_alphanumeric)
        {
            if c.is_ascii_uppercase() {
                if !name.is_empty() {
                    name.push('_');
                }
                name.push(c.to_ascii_lowercase());
            } else {
                name.push(c);
            }
        }
        name
    }

    #[test]
    fn every_bound_action_has_its_written_name_which_older_configs_used() {
        let mut names = std::collections::BTreeMap::new();
        for binding in super::BINDINGS {
            let name = binding.action.config_name();
            assert_eq!(name, Some(debug_name(&binding.action).as_str()));
            // One name, one action.
            let other = names.insert(name, binding.action.clone());
            assert!(other.is_none_or(|a| a == binding.action), "{name:?}");
        }
    }

    #[test]
    fn a_rebound_action_answers_only_to_its_new_key() {
        let (keymap, problems) = Keymap::with_overrides(&[own("quit", &[ch('z')])], "config.toml");
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(keymap.action(Context::Page, &ch('z')), Some(Action::Quit));
        assert_eq!(keymap.action(Context::Page, &ch('q')), None);
    }

    #[test]
    fn an_unknown_action_is_reported_with_its_line() {
        let (keymap, problems) = Keymap::with_overrides(&[own("fly", &[ch('x')])], "config.toml");
        assert_eq!(keymap, Keymap::default());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("line 7") && problems[0].contains("\"fly\""));
    }

    #[test]
    fn a_clash_is_reported_and_the_persons_key_wins() {
        // n is "new entry" in the journal; given to quit, quit wins there.
        let (keymap, problems) = Keymap::with_overrides(&[own("quit", &[ch('n')])], "config.toml");
        assert_eq!(
            keymap.action(Context::Journal, &ch('n')),
            Some(Action::Quit)
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("\"quit\"") && p.contains("new_entry")),
            "{problems:?}"
        );
    }

    #[test]
    fn letters_of_ones_own_are_not_taken_from_text_boxes() {
        // Down is also bound in the create form, where letters are typed.
        let (keymap, _) = Keymap::with_overrides(&[own("down", &[ch('n')])], "config.toml");
        assert_eq!(keymap.action(Context::Create, &ch('n')), None);
        let arrow = Key {
            code: KeyCode::Down,
            modifiers: KeyModifiers::NONE,
        };
        assert_eq!(keymap.action(Context::Create, &arrow), Some(Action::Down));
        assert_eq!(
            keymap.action(Context::Journal, &ch('n')),
            Some(Action::Down)
        );
    }
}
