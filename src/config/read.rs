//! Reading the TOML text setting by setting, with the spans toml keeps,
//! so every problem names its line and only its own setting falls back.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{CHECKIN_INTERVAL_DAYS, Config, KeyOverride, Loaded, ThemeName, parse_key};

/// Every top-level setting, in the order the default file shows them.
pub(super) const SETTINGS: [&str; 7] = [
    "theme",
    "mouse",
    "discreet",
    "editor",
    "default_author",
    "checkin_interval_days",
    "keys",
];

pub(super) fn parse(text: &str, file: &str) -> Loaded {
    // A byte-order mark, as some editors on Windows add, is not a setting.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        text,
        file,
        problems: Vec::new(),
    };
    let config = match DeTable::parse(text) {
        Ok(table) => reader.config(table.get_ref()),
        Err(err) => {
            let message = format!(
                "this is not valid TOML ({}), so the default settings are in use",
                err.message().trim()
            );
            match err.span() {
                Some(span) => reader.problem(span, message),
                None => reader.problems.push((0, format!("{file}: {message}"))),
            }
            Config::default()
        }
    };
    // The table is sorted by name; people read a file top to bottom.
    reader.problems.sort_by_key(|(line, _)| *line);
    Loaded {
        config,
        problems: reader.problems.into_iter().map(|(_, p)| p).collect(),
    }
}

type Value<'i> = Spanned<DeValue<'i>>;

struct Reader<'a> {
    text: &'a str,
    file: &'a str,
    /// Each with its line, to sort them.
    problems: Vec<(usize, String)>,
}

impl Reader<'_> {
    /// The 1-based line where `span` starts.
    fn line(&self, span: &Range<usize>) -> usize {
        let start = span.start.min(self.text.len());
        self.text.as_bytes()[..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn problem(&mut self, span: Range<usize>, message: impl Into<String>) {
        let line = self.line(&span);
        let message = message.into();
        self.problems
            .push((line, format!("{} line {line}: {message}", self.file)));
    }

    fn config(&mut self, table: &DeTable<'_>) -> Config {
        let mut config = Config::default();
        for (name, value) in table {
            match name.get_ref().as_ref() {
                "theme" => {
                    if let Some(theme) = self.theme(value) {
                        config.theme = theme;
                    }
                }
                "mouse" => {
                    if let Some(on) = self.boolean("mouse", value) {
                        config.mouse = on;
                    }
                }
                "discreet" => {
                    if let Some(on) = self.boolean("discreet", value) {
                        config.discreet = on;
                    }
                }
                "editor" => config.editor = self.text("editor", value, "\"nvim -f\""),
                "default_author" => {
                    config.default_author = self.text("default_author", value, "\"Alex\"");
                }
                "checkin_interval_days" => config.checkin_interval_days = self.interval(value),
                "keys" => config.keys = self.keys(value),
                other => self.problem(
                    name.span(),
                    format!(
                        "unknown setting \"{other}\" (known: {})",
                        SETTINGS.join(", ")
                    ),
                ),
            }
        }
        config.keys.sort_by_key(|o| o.line);
        config
    }

    fn theme(&mut self, value: &Value<'_>) -> Option<ThemeName> {
        let names: Vec<&str> = ThemeName::ALL.iter().map(|t| t.name()).collect();
        let Some(text) = value.get_ref().as_str() else {
            let shown = shown(value.get_ref());
            let names = names.join("\", \"");
            self.problem(
                value.span(),
                format!("theme should be one of \"{names}\", not {shown}"),
            );
            return None;
        };
        let theme = ThemeName::parse(text);
        if theme.is_none() {
            let message = format!("theme \"{text}\" is not one of {}", names.join(", "));
            self.problem(value.span(), message);
        }
        theme
    }

    fn boolean(&mut self, name: &str, value: &Value<'_>) -> Option<bool> {
        let on = value.get_ref().as_bool();
        if on.is_none() {
            let shown = shown(value.get_ref());
            let message = format!("{name} should be true or false, not {shown}");
            self.problem(value.span(), message);
        }
        on
    }

    /// Text that is not blank; `example` shows what is meant.
    fn text(&mut self, name: &str, value: &Value<'_>, example: &str) -> Option<String> {
        match value.get_ref().as_str() {
            Some(text) if !text.trim().is_empty() => Some(text.trim().to_string()),
            Some(_) => {
                let message = format!("{name} is empty; remove the line to use the default");
                self.problem(value.span(), message);
                None
            }
            None => {
                let shown = shown(value.get_ref());
                let message =
                    format!("{name} should be text in quotes, such as {example}, not {shown}");
                self.problem(value.span(), message);
                None
            }
        }
    }

    fn interval(&mut self, value: &Value<'_>) -> Option<u32> {
        let (low, high) = (*CHECKIN_INTERVAL_DAYS.start(), *CHECKIN_INTERVAL_DAYS.end());
        let number = value
            .get_ref()
            .as_integer()
            .map(|n| i64::from_str_radix(n.as_str(), n.radix()));
        match number {
            Some(Ok(n)) => {
                let days = u32::try_from(n)
                    .ok()
                    .filter(|d| CHECKIN_INTERVAL_DAYS.contains(d));
                if days.is_none() {
                    let message =
                        format!("checkin_interval_days {n} is not between {low} and {high}");
                    self.problem(value.span(), message);
                }
                days
            }
            _ => {
                let shown = shown(value.get_ref());
                let message = format!(
                    "checkin_interval_days should be a whole number of days \
                     from {low} to {high}, not {shown}"
                );
                self.problem(value.span(), message);
                None
            }
        }
    }

    /// The `[keys]` table. A line with any bad key is dropped whole, so that
    /// action keeps its built-in keys rather than losing some.
    fn keys(&mut self, value: &Value<'_>) -> Vec<KeyOverride> {
        let Some(table) = value.get_ref().as_table() else {
            let shown = shown(value.get_ref());
            let message = format!(
                "keys should be a table: a line [keys], then one action = \"key\" per line, not {shown}"
            );
            self.problem(value.span(), message);
            return Vec::new();
        };
        table
            .iter()
            .filter_map(|(action, keys)| {
                let action_name = action.get_ref().to_string();
                let keys = self.key_list(&action_name, keys)?;
                Some(KeyOverride {
                    action: action_name,
                    keys,
                    line: self.line(&action.span()),
                })
            })
            .collect()
    }

    fn key_list(&mut self, action: &str, value: &Value<'_>) -> Option<Vec<crate::keymap::Key>> {
        let items: Vec<&Value<'_>> = match value.get_ref() {
            DeValue::String(_) => vec![value],
            DeValue::Array(items) => items.iter().collect(),
            other => {
                let shown = shown(other);
                let message = format!(
                    "the keys for {action} should be a key in quotes (\"q\") \
                     or a list of them ([\"q\", \"ctrl+q\"]), not {shown}"
                );
                self.problem(value.span(), message);
                return None;
            }
        };
        if items.is_empty() {
            let message = format!(
                "the list of keys for {action} is empty; give at least one key, \
                 or remove the line to keep the built-in keys"
            );
            self.problem(value.span(), message);
            return None;
        }
        let mut keys = Vec::new();
        let mut all_good = true;
        for item in items {
            let parsed = match item.get_ref().as_str() {
                Some(text) => parse_key(text).map_err(|why| format!("key \"{text}\" {why}")),
                None => Err(format!(
                    "each key should be in quotes, not {}",
                    shown(item.get_ref())
                )),
            };
            match parsed {
                Ok(key) => keys.push(key),
                Err(why) => {
                    let message = format!("{why} (for {action}, which keeps its built-in keys)");
                    self.problem(item.span(), message);
                    all_good = false;
                }
            }
        }
        all_good.then_some(keys)
    }
}

/// A value as the person wrote it, for "not …" in messages.
fn shown(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(text) => format!("\"{text}\""),
        DeValue::Integer(n) => n.to_string(),
        DeValue::Float(n) => n.to_string(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        DeValue::Array(_) => "a list".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}
