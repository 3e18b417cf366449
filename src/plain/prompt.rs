//! Reading answers line by line: numbered choices, checklists, 0–10 scales
//! and text of several lines. Bad input gets one calm line saying what is
//! expected and the question again; the end of input is [`EndOfInput`],
//! which the loop treats as "save and leave".

use std::collections::BTreeSet;
use std::io::{BufRead, Write};

use anyhow::Result;
use thiserror::Error;

use super::text::clean;

/// The input ended (Ctrl+D, or the end of a piped file). Not a failure:
/// everything answered so far is saved and the program ends quietly.
#[derive(Debug, Error)]
#[error("the input ended")]
pub struct EndOfInput;

/// A numbered menu: each item has the word to type (usually a number) and
/// a label; other words may stand for an item too ("q" for quit), and an
/// empty line may pick one.
#[derive(Debug, Clone, Default)]
pub struct Menu {
    items: Vec<(String, String)>,
    aliases: Vec<(String, usize)>,
    on_empty: Option<usize>,
}

impl Menu {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an item typed as `key`.
    pub fn item(mut self, key: impl Into<String>, label: impl Into<String>) -> Self {
        self.items.push((key.into(), label.into()));
        self
    }

    /// Adds items numbered on from the last number used (1 for the first).
    pub fn numbered<S: Into<String>>(mut self, labels: impl IntoIterator<Item = S>) -> Self {
        for label in labels {
            let n = self
                .items
                .iter()
                .filter_map(|(k, _)| k.parse::<usize>().ok())
                .filter(|n| *n > 0)
                .max()
                .unwrap_or(0)
                + 1;
            self.items.push((n.to_string(), label.into()));
        }
        self
    }

    /// `word` picks the item typed as `key` as well.
    pub fn alias(mut self, word: &str, key: &str) -> Self {
        if let Some(i) = self.items.iter().position(|(k, _)| k == key) {
            self.aliases.push((word.to_lowercase(), i));
        }
        self
    }

    /// An empty line picks the item typed as `key`.
    pub fn on_empty(mut self, key: &str) -> Self {
        self.on_empty = self.items.iter().position(|(k, _)| k == key);
        self
    }

    /// The key of the item at `index`, to match on.
    pub fn key(&self, index: usize) -> &str {
        self.items.get(index).map_or("", |(k, _)| k.as_str())
    }

    /// The item a typed line picks, or the calm line saying what to type.
    pub fn parse(&self, typed: &str) -> Result<usize, String> {
        let typed = typed.trim().to_lowercase();
        if typed.is_empty() {
            return self.on_empty.ok_or_else(|| self.expected());
        }
        // "2." and "2)" are read as "2": people copy what they see.
        let bare = typed.trim_end_matches(['.', ')']);
        self.items
            .iter()
            .position(|(k, _)| k.to_lowercase() == bare)
            .or_else(|| {
                self.aliases
                    .iter()
                    .find(|(w, _)| *w == typed)
                    .map(|(_, i)| *i)
            })
            .ok_or_else(|| self.expected())
    }

    fn expected(&self) -> String {
        let keys: Vec<&str> = self.items.iter().map(|(k, _)| k.as_str()).collect();
        match keys.as_slice() {
            [] => "There is nothing to choose here.".to_string(),
            [only] => format!("Please type {only}."),
            [first @ .., last] => format!(
                "Please type one of the numbers shown: {} or {last}.",
                first.join(", ")
            ),
        }
    }
}

/// What a checklist answer asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ticks {
    /// An empty line: leave the answer as it is.
    Keep,
    /// The options ticked, by index (empty for "none").
    Set(BTreeSet<usize>),
}

/// Reads a checklist line: option numbers (1 for the first) separated by
/// spaces or commas, "none" to untick everything, or nothing to keep.
pub fn parse_ticks(typed: &str, options: usize) -> Result<Ticks, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(Ticks::Keep);
    }
    if typed.eq_ignore_ascii_case("none") {
        return Ok(Ticks::Set(BTreeSet::new()));
    }
    let expected = || {
        format!(
            "Please type the numbers of the options that fit, from 1 to {options}, \
             separated by spaces or commas (or \"none\")."
        )
    };
    let mut ticked = BTreeSet::new();
    for word in typed.split([' ', ',', ';']).filter(|w| !w.is_empty()) {
        let n = word
            .trim_end_matches('.')
            .parse::<usize>()
            .map_err(|_| expected())?;
        if n == 0 || n > options {
            return Err(expected());
        }
        ticked.insert(n - 1);
    }
    Ok(Ticks::Set(ticked))
}

/// Reads a 0–10 scale: a whole number, or nothing to skip (`None`).
pub fn parse_scale(typed: &str) -> Result<Option<u8>, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    typed
        .parse::<u8>()
        .ok()
        .filter(|n| *n <= 10)
        .map(Some)
        .ok_or_else(|| "Please type a whole number from 0 to 10, or press Enter to skip.".into())
}

/// Text typed over several lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// An empty first line: keep what was there.
    Keep,
    /// The lines up to the one holding only ".".
    Text(String),
    /// The input ended while typing: what was typed is kept, then the
    /// program leaves.
    Ended(String),
}

/// Reads lines and writes questions: the one place that touches the
/// streams, so every part of plain mode can be driven by a test.
pub struct Prompter<'a> {
    input: &'a mut dyn BufRead,
    out: &'a mut dyn Write,
    /// Write each answer after its question: when the input is not typed
    /// at a terminal, nothing else shows it, and the next line would run
    /// on from the question.
    pub echo: bool,
}

impl<'a> Prompter<'a> {
    pub fn new(input: &'a mut dyn BufRead, out: &'a mut dyn Write) -> Self {
        Self {
            input,
            out,
            echo: false,
        }
    }

    /// Prints text as plain lines (cleaned of anything a terminal or a
    /// screen reader would trip on).
    pub fn say(&mut self, text: &str) -> Result<()> {
        writeln!(self.out, "{}", clean(text))?;
        Ok(())
    }

    pub fn blank(&mut self) -> Result<()> {
        writeln!(self.out)?;
        Ok(())
    }

    /// Prints a content text paragraph by paragraph, a blank line between.
    pub fn paragraphs(&mut self, text: &str) -> Result<()> {
        for (i, paragraph) in super::text::paragraphs(text).iter().enumerate() {
            let list_item = paragraph.starts_with("- ");
            if i > 0 && !list_item {
                self.blank()?;
            }
            writeln!(self.out, "{paragraph}")?;
        }
        Ok(())
    }

    /// One line from the input, without its line ending. Bytes that are not
    /// UTF-8 are replaced rather than refused.
    pub fn line(&mut self, ask: &str) -> Result<String> {
        write!(self.out, "{}", clean(ask))?;
        self.out.flush()?;
        let mut bytes = Vec::new();
        if self.input.read_until(b'\n', &mut bytes)? == 0 {
            // Finish the prompt's line, so the next output starts clean.
            writeln!(self.out)?;
            return Err(EndOfInput.into());
        }
        let text = String::from_utf8_lossy(&bytes);
        let text = text.trim_end_matches(['\n', '\r']).to_string();
        if self.echo {
            writeln!(self.out, "{}", clean(&text))?;
        }
        Ok(text)
    }

    /// Asks until `parse` accepts the line; each refusal is one calm line.
    pub fn ask<T>(&mut self, ask: &str, parse: impl Fn(&str) -> Result<T, String>) -> Result<T> {
        loop {
            let typed = self.line(ask)?;
            match parse(&typed) {
                Ok(value) => return Ok(value),
                Err(expected) => self.say(&expected)?,
            }
        }
    }

    /// Shows a menu and returns the index of the item picked.
    pub fn pick(&mut self, menu: &Menu) -> Result<usize> {
        for (key, label) in &menu.items {
            self.say(&format!("{key}. {label}"))?;
        }
        self.ask("Type a number and press Enter: ", |t| menu.parse(t))
    }

    /// Reads text of several lines, ending at a line holding only ".".
    pub fn block(&mut self) -> Result<Block> {
        let mut lines: Vec<String> = Vec::new();
        loop {
            let line = match self.line("") {
                Ok(line) => line,
                Err(e) if e.is::<EndOfInput>() => {
                    let text = lines.join("\n");
                    return Ok(if text.trim().is_empty() {
                        Block::Keep
                    } else {
                        Block::Ended(text)
                    });
                }
                Err(e) => return Err(e),
            };
            if lines.is_empty() && line.trim().is_empty() {
                return Ok(Block::Keep);
            }
            if line.trim() == "." {
                return Ok(Block::Text(lines.join("\n")));
            }
            lines.push(line);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn menu() -> Menu {
        Menu::new()
            .numbered(["Continue", "Stages"])
            .item("0", "Save and quit")
            .alias("q", "0")
            .on_empty("0")
    }

    /// Runs `f` on a prompter reading `input`; returns its result and what
    /// was printed.
    fn drive<T>(
        input: &str,
        f: impl FnOnce(&mut Prompter<'_>) -> Result<T>,
    ) -> (Result<T>, String) {
        let mut input = input.as_bytes();
        let mut out = Vec::new();
        let result = f(&mut Prompter::new(&mut input, &mut out));
        (result, String::from_utf8(out).unwrap())
    }

    #[test]
    fn menus_take_numbers_aliases_and_an_empty_line() {
        let m = menu();
        assert_eq!(m.parse("1"), Ok(0));
        assert_eq!(m.parse(" 2. "), Ok(1));
        assert_eq!(m.parse("0"), Ok(2));
        assert_eq!(m.parse("Q"), Ok(2));
        assert_eq!(m.parse(""), Ok(2));
        assert_eq!(m.key(1), "2");
        for bad in ["3", "x", "🙂", "-1", "1 2"] {
            let err = m.parse(bad).unwrap_err();
            assert_eq!(err, "Please type one of the numbers shown: 1, 2 or 0.");
        }
        assert!(Menu::new().numbered(["a"]).parse("").is_err());
    }

    #[test]
    fn a_bad_choice_is_asked_again_calmly() {
        let (picked, out) = drive("x\n11\n2\n", |p| p.pick(&menu()));
        assert_eq!(picked.unwrap(), 1);
        assert_eq!(
            out.matches("Please type one of the numbers shown").count(),
            2
        );
        assert!(out.starts_with("1. Continue\n2. Stages\n0. Save and quit\n"));
    }

    #[test]
    fn checklists_take_numbers_separated_any_way() {
        let set = |v: &[usize]| Ticks::Set(v.iter().copied().collect());
        assert_eq!(parse_ticks("1 3", 4), Ok(set(&[0, 2])));
        assert_eq!(parse_ticks("4,2, 2", 4), Ok(set(&[1, 3])));
        assert_eq!(parse_ticks("none", 4), Ok(set(&[])));
        assert_eq!(parse_ticks("  ", 4), Ok(Ticks::Keep));
        for bad in ["0", "5", "a", "1 x", "🙂"] {
            assert!(
                parse_ticks(bad, 4).unwrap_err().contains("from 1 to 4"),
                "{bad}"
            );
        }
    }

    #[test]
    fn scales_take_0_to_10_or_nothing() {
        assert_eq!(parse_scale("0"), Ok(Some(0)));
        assert_eq!(parse_scale(" 10 "), Ok(Some(10)));
        assert_eq!(parse_scale(""), Ok(None));
        for bad in ["11", "-1", "5.5", "five", "🙂"] {
            assert!(parse_scale(bad).unwrap_err().contains("0 to 10"), "{bad}");
        }
    }

    #[test]
    fn a_block_ends_at_a_dot_and_keeps_on_an_empty_first_line() {
        let (block, _) = drive("first\n\nsecond\n.\nafter\n", |p| p.block());
        assert_eq!(block.unwrap(), Block::Text("first\n\nsecond".into()));
        let (block, _) = drive("\nignored\n", |p| p.block());
        assert_eq!(block.unwrap(), Block::Keep);
        let (block, _) = drive("cut off\nby the end", |p| p.block());
        assert_eq!(block.unwrap(), Block::Ended("cut off\nby the end".into()));
        let (block, _) = drive("", |p| p.block());
        assert_eq!(block.unwrap(), Block::Keep);
    }

    #[test]
    fn the_end_of_input_is_its_own_error() {
        let (result, _) = drive("", |p| p.line("Name: "));
        assert!(result.unwrap_err().is::<EndOfInput>());
        let (line, _) = drive("with windows ending\r\n", |p| p.line(""));
        assert_eq!(line.unwrap(), "with windows ending");
    }

    #[test]
    fn bytes_that_are_not_utf8_do_not_stop_the_reading() {
        let mut input: &[u8] = b"caf\xe9\n";
        let mut out = Vec::new();
        let line = Prompter::new(&mut input, &mut out).line("").unwrap();
        assert_eq!(line, "caf\u{fffd}");
    }
}
