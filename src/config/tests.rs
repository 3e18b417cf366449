use std::fs;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::domain::DEFAULT_CHECKIN_INTERVAL_DAYS;

fn read(text: &str) -> Loaded {
    parse(text, "config.toml")
}

fn key(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
    }
}

#[test]
fn a_good_file_sets_everything() {
    let loaded = read(
        r#"
theme = "high-contrast"
mouse = false
discreet = true
editor = "nvim -f"
default_author = "Alex"
checkin_interval_days = 14

[keys]
quit = "q"
help = ["?", "ctrl+h"]
"#,
    );
    assert_eq!(loaded.problems, Vec::<String>::new());
    let config = loaded.config;
    assert_eq!(config.theme, ThemeName::HighContrast);
    assert!(!config.mouse);
    assert!(config.discreet);
    assert_eq!(config.editor.as_deref(), Some("nvim -f"));
    assert_eq!(config.default_author.as_deref(), Some("Alex"));
    assert_eq!(config.checkin_interval_days, Some(14));
    let ctrl_h = Key {
        code: KeyCode::Char('h'),
        modifiers: KeyModifiers::CONTROL,
    };
    assert_eq!(
        config.keys,
        [
            KeyOverride {
                action: "quit".into(),
                keys: vec![key('q')],
                line: 10,
            },
            KeyOverride {
                action: "help".into(),
                keys: vec![key('?'), ctrl_h],
                line: 11,
            },
        ]
    );
}

#[test]
fn an_empty_or_missing_file_gives_the_defaults() {
    assert_eq!(read(""), Loaded::default());
    let dir = tempfile::tempdir().expect("temp dir");
    let loaded = load(&dir.path().join("config.toml"));
    assert_eq!(loaded, Loaded::default());
    assert!(loaded.config.mouse, "the mouse is on by default");
}

#[test]
fn an_unknown_setting_is_named_with_its_line_and_the_rest_applies() {
    let loaded = read("theme = \"light\"\n\ncolour = \"red\"\n");
    assert_eq!(
        loaded.problems,
        [
            "config.toml line 3: unknown setting \"colour\" (known: theme, mouse, discreet, \
             editor, default_author, checkin_interval_days, keys)"
        ]
    );
    assert_eq!(loaded.config.theme, ThemeName::Light);
}

#[test]
fn a_wrong_type_falls_back_to_the_default() {
    let loaded = read("mouse = \"yes\"\ndiscreet = true\ncheckin_interval_days = \"7\"\n");
    assert_eq!(
        loaded.problems,
        [
            "config.toml line 1: mouse should be true or false, not \"yes\"",
            "config.toml line 3: checkin_interval_days should be a whole number of days \
             from 1 to 60, not \"7\"",
        ]
    );
    assert!(loaded.config.mouse);
    assert!(loaded.config.discreet, "the good line still applies");
    assert_eq!(loaded.config.checkin_interval_days, None);
}

#[test]
fn a_bad_theme_lists_the_themes() {
    let loaded = read("# colours\n\ntheme = \"dark\"\n");
    assert_eq!(
        loaded.problems,
        ["config.toml line 3: theme \"dark\" is not one of default, high-contrast, light"]
    );
    assert_eq!(loaded.config.theme, ThemeName::Default);
    assert_eq!(read("theme = \"Light\"").config.theme, ThemeName::Light);
}

#[test]
fn an_interval_out_of_range_is_refused() {
    let loaded = read("checkin_interval_days = 0\n");
    assert_eq!(
        loaded.problems,
        ["config.toml line 1: checkin_interval_days 0 is not between 1 and 60"]
    );
    assert_eq!(loaded.config.checkin_interval_days, None);
    assert!(read("checkin_interval_days = 61").problems.len() == 1);
    let most = format!("checkin_interval_days = {}", CHECKIN_INTERVAL_DAYS.end());
    assert!(read(&most).problems.is_empty());
}

#[test]
fn blank_text_is_refused() {
    let loaded = read("editor = \"  \"\ndefault_author = 3\n");
    assert_eq!(
        loaded.problems,
        [
            "config.toml line 1: editor is empty; remove the line to use the default",
            "config.toml line 2: default_author should be text in quotes, such as \"Alex\", not 3",
        ]
    );
    assert_eq!(loaded.config, Config::default());
}

#[test]
fn a_bad_key_drops_only_its_own_line() {
    let loaded = read("[keys]\nquit = \"q\"\nhelp = [\n  \"?\",\n  \"ctlr+h\",\n]\nback = 3\n");
    assert_eq!(loaded.problems.len(), 2, "{:#?}", loaded.problems);
    assert!(
        loaded.problems[0].starts_with("config.toml line 5: key \"ctlr+h\" has \"ctlr+\""),
        "{}",
        loaded.problems[0]
    );
    assert!(loaded.problems[0].ends_with("(for help, which keeps its built-in keys)"));
    assert!(
        loaded.problems[1].starts_with("config.toml line 7: the keys for back should be"),
        "{}",
        loaded.problems[1]
    );
    let actions: Vec<&str> = loaded
        .config
        .keys
        .iter()
        .map(|o| o.action.as_str())
        .collect();
    assert_eq!(actions, ["quit"]);
}

#[test]
fn keys_that_are_not_a_table_or_empty_are_refused() {
    assert_eq!(
        read("keys = \"q\"").problems,
        [
            "config.toml line 1: keys should be a table: a line [keys], then one action = \"key\" per line, not \"q\""
        ]
    );
    let empty = read("[keys]\nquit = []\n");
    assert!(
        empty.problems[0].starts_with("config.toml line 2: the list of keys for quit is empty")
    );
    assert!(empty.config.keys.is_empty());
}

#[test]
fn a_syntax_error_means_all_defaults() {
    let loaded = read("theme = \"light\"\nmouse = \n");
    assert_eq!(loaded.config, Config::default());
    assert_eq!(loaded.problems.len(), 1);
    let problem = &loaded.problems[0];
    assert!(
        problem.starts_with("config.toml line 2: this is not valid TOML ("),
        "{problem}"
    );
    assert!(
        problem.ends_with("so the default settings are in use"),
        "{problem}"
    );
}

#[test]
fn an_unreadable_file_is_a_problem_not_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("config.toml");
    fs::write(&file, [0xff, 0xfe, b'\n']).expect("write");
    let loaded = load(&file);
    assert_eq!(loaded.config, Config::default());
    assert_eq!(
        loaded.problems,
        [format!(
            "{}: could not be read (it is not plain text (UTF-8)), so the default settings are in use",
            file.display()
        )]
    );
    // A folder where the file should be.
    let loaded = load(dir.path());
    assert_eq!(loaded.problems.len(), 1);
}

#[test]
fn the_default_text_gives_the_defaults() {
    let loaded = read(&default_text());
    assert_eq!(loaded, Loaded::default());
    let interval = format!("# checkin_interval_days = {DEFAULT_CHECKIN_INTERVAL_DAYS}\n");
    assert!(default_text().contains(&interval));
    let range = format!(
        "(1 to {})",
        CHECKIN_INTERVAL_DAYS.end() // the start is 1, as the text says
    );
    assert!(default_text().contains(&range));
    // Every setting but the [keys] table is shown as `# name = value`.
    for setting in read::SETTINGS.iter().filter(|s| **s != "keys") {
        assert!(
            default_text().contains(&format!("\n# {setting} = ")),
            "{setting} is shown"
        );
    }
}

#[test]
fn the_default_text_uncommented_still_reads_cleanly() {
    // Every line that is a setting, a table or a key, without its "# ".
    let uncommented: String = default_text()
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") || rest == "[keys]" => rest,
            _ => line,
        })
        .map(|line| format!("{line}\n"))
        .collect();
    assert!(uncommented.contains("\n[keys]\n"));
    let loaded = read(&uncommented);
    assert_eq!(loaded.problems, Vec::<String>::new());
    let config = loaded.config;
    assert_eq!(config.theme, ThemeName::Default);
    assert!(config.mouse);
    assert!(!config.discreet);
    assert_eq!(config.editor.as_deref(), Some("nvim -f"));
    assert_eq!(config.default_author.as_deref(), Some("Alex"));
    assert_eq!(
        config.checkin_interval_days,
        Some(DEFAULT_CHECKIN_INTERVAL_DAYS)
    );
    assert_eq!(config.keys.len(), 1);
    assert_eq!(config.keys[0].action, "quit");
    assert_eq!(config.keys[0].keys.len(), 2);
}

#[test]
fn the_flag_wins_over_the_environment() {
    let flag = std::path::Path::new("/somewhere/my.toml");
    assert_eq!(path(Some(flag)).expect("a path"), flag);
}

#[test]
fn a_byte_order_mark_is_not_a_setting() {
    let loaded = read("\u{feff}discreet = true\n");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(loaded.config.discreet);
}
