#![allow(clippy::unwrap_used)]
//! Help that teaches: every command's `--help` ends in examples that the
//! real command line accepts, and `trustwork man` names no page that it
//! does not write.

use std::fs;

use clap::{CommandFactory, Parser};
use trustwork::cli::Cli;

use crate::support::cli::*;

/// Every visible command as the words typed after `trustwork` (the top
/// level as no words).
fn command_paths() -> Vec<Vec<String>> {
    fn walk(command: &clap::Command, path: Vec<String>, all: &mut Vec<Vec<String>>) {
        all.push(path.clone());
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            if sub.get_name() == "help" {
                continue;
            }
            let mut next = path.clone();
            next.push(sub.get_name().to_string());
            walk(sub, next, all);
        }
    }
    let mut all = Vec::new();
    walk(&Cli::command(), Vec::new(), &mut all);
    all
}

/// A command line split as a shell would split it (quotes only: enough
/// for the examples), up to a pipe or a redirection.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, ' ') => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, '|' | '>') => break,
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[test]
fn every_command_ends_its_help_with_examples_that_parse() {
    let paths = command_paths();
    assert!(paths.len() > 15, "{paths:?}");
    for path in paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = run(bare().args(&args));
        help.ok();
        let typed = ["trustwork"]
            .into_iter()
            .chain(path.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        let (_, examples) = help
            .stdout
            .split_once("\nExamples:\n")
            .unwrap_or_else(|| panic!("`{typed} --help` has no Examples:\n{}", help.stdout));
        let lines: Vec<&str> = examples
            .lines()
            .take_while(|l| l.starts_with("  "))
            .collect();
        assert!(
            (2..=3).contains(&lines.len()),
            "`{typed} --help` should end with two or three examples: {lines:?}"
        );
        assert_eq!(
            examples.trim_end().lines().count(),
            lines.len(),
            "the examples end the help of `{typed}`"
        );
        for line in lines {
            let start = line
                .find(&typed)
                .unwrap_or_else(|| panic!("an example of `{typed}` does not use it: {line}"));
            let words = shell_words(&line[start..]);
            if let Err(err) = Cli::try_parse_from(&words) {
                panic!("the example `{line}` does not parse: {err}");
            }
        }
    }
}

/// Every `name(N)` a roff page refers to, with roff's `\-` read as `-`.
fn references(page: &str) -> Vec<String> {
    let page = page.replace("\\-", "-");
    let mut found = Vec::new();
    for (i, _) in page.match_indices("(1)") {
        let name: String = page[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if !name.is_empty() {
            found.push(name);
        }
    }
    found
}

#[test]
fn man_with_a_dir_writes_every_page_it_refers_to() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("man1");
    let commands = command_paths();
    run(bare().arg("man").arg("--dir").arg(&dir))
        .ok()
        .stdout_has(&[&format!("Wrote {} manual pages", commands.len())]);
    let pages: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    // One page per command, named as it is typed.
    assert_eq!(pages.len(), commands.len(), "{pages:?}");
    for path in commands {
        let name = std::iter::once("trustwork".to_string())
            .chain(path)
            .collect::<Vec<_>>()
            .join("-");
        assert!(
            pages.contains(&format!("{name}.1")),
            "{name}.1 in {pages:?}"
        );
    }
    let mut seen = 0;
    for page in &pages {
        let text = fs::read_to_string(dir.join(page)).unwrap();
        for reference in references(&text) {
            assert!(
                dir.join(format!("{reference}.1")).is_file(),
                "{page} refers to {reference}(1), which was not written"
            );
            seen += 1;
        }
        if page != "trustwork.1" {
            assert!(text.contains(".SH \"SEE ALSO\""), "{page} has no SEE ALSO");
        }
    }
    assert!(seen > pages.len(), "only {seen} references checked");
}

#[test]
fn man_on_its_own_is_one_page_with_every_command_and_no_other_page_named() {
    let page = run(bare().arg("man"));
    page.ok();
    assert!(
        references(&page.stdout).is_empty(),
        "the one page names other pages: {:?}",
        references(&page.stdout)
    );
    for path in command_paths().into_iter().filter(|p| !p.is_empty()) {
        let heading = format!(".SH \"TRUSTWORK {}\"", path.join(" ").to_uppercase());
        assert!(page.stdout.contains(&heading), "no {heading}");
    }
    assert!(page.stdout.contains("trustwork journal list \\-n 5"));
}
