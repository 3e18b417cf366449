#![allow(clippy::unwrap_used)]
//! Round trips through the real jrnl, when it is installed: trustwork's
//! journal out as jrnl text, into jrnl, out of jrnl as JSON, and back into
//! trustwork with nothing lost or doubled. Set `JRNL` to jrnl's path (or
//! have `jrnl` on PATH); without it the test says "skipped". jrnl is kept
//! away from the person's own journal: its config and data live in the
//! temp dir (XDG_CONFIG_HOME, XDG_DATA_HOME, HOME).

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use serde_json::Value;

use crate::support::cli::*;

/// jrnl with its config in `home`, writing its journal to `home/journal.txt`.
fn jrnl(program: &str, home: &Path) -> Process {
    let config = home.join("cfg/jrnl");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("jrnl.yaml"),
        format!(
            "colors: {{body: none, date: none, tags: none, title: none}}\n\
             default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n\
             indent_character: '|'\njournals:\n  default:\n    journal: {}\n\
             linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n",
            home.join("journal.txt").display()
        ),
    )
    .unwrap();
    let mut cmd = Process::new(program);
    cmd.env("XDG_CONFIG_HOME", home.join("cfg"))
        .env("XDG_DATA_HOME", home.join("share"))
        .env("HOME", home)
        .env("TZ", "UTC")
        .stdin(std::process::Stdio::null());
    cmd
}

fn jrnl_program() -> Option<String> {
    let program = std::env::var("JRNL").unwrap_or_else(|_| "jrnl".to_string());
    let works = Process::new(&program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    works.then_some(program)
}

#[test]
fn the_journal_goes_through_real_jrnl_and_back_unchanged() {
    let Some(program) = jrnl_program() else {
        println!("skipped: jrnl is not installed (set JRNL to its path)");
        return;
    };
    let (tmp, dir) = with_sam();
    let add = |args: &[&str]| {
        let mut cmd = tw(&dir);
        cmd.env("TRUSTWORK_NOW", "2026-12-03T21:00:00+00:00")
            .env("TZ", "UTC")
            .args(["journal", "add"])
            .args(args);
        run(&mut cmd).ok();
    };
    add(&[
        "--date",
        "2026-11-30 20:00",
        "--title",
        "The night",
        "No sleep. @sleep",
    ]);
    add(&[
        "--date",
        "2026-12-01 18:00",
        "--title",
        "Walk",
        "We went for a @walk.\nÄrger <b>.",
    ]);
    add(&[
        "--date",
        "yesterday 9pm",
        "--title",
        "Hard talk",
        "It went wrong again.",
    ]);

    let text = tmp.path().join("from-trustwork.txt");
    tw_run(
        &dir,
        &["export", "--format", "jrnl", "-o", text.to_str().unwrap()],
    )
    .ok();
    let home = tmp.path().join("jrnl-home");
    let imported = jrnl(&program, &home)
        .args(["--import", "--file", text.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(imported.status.success(), "{imported:?}");
    let exported = jrnl(&program, &home)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(exported.status.success(), "{exported:?}");
    let from_jrnl: Value = serde_json::from_slice(&exported.stdout).unwrap();
    assert_eq!(from_jrnl["entries"].as_array().unwrap().len(), 3);

    let back = tmp.path().join("from-jrnl.json");
    fs::write(&back, &exported.stdout).unwrap();
    let (_tmp2, other) = with_sam();
    let mut cmd = tw(&other);
    cmd.env("TZ", "UTC")
        .args(["import", back.to_str().unwrap(), "--yes"]);
    run(&mut cmd).ok().stdout_has(&["3 added, 0 already there"]);
    let mut again = tw(&other);
    again
        .env("TZ", "UTC")
        .args(["import", back.to_str().unwrap(), "--yes"]);
    run(&mut again)
        .ok()
        .stdout_has(&["0 added, 3 already there"]);

    let fields = |dir: &Path| -> Vec<(String, String, String)> {
        list_json(dir, &[])
            .iter()
            .map(|i| {
                let at = chrono::DateTime::parse_from_rfc3339(i["created_at"].as_str().unwrap())
                    .unwrap()
                    .naive_utc()
                    .to_string();
                (at, i["title"].to_string(), i["body"].to_string())
            })
            .collect()
    };
    assert_eq!(fields(&other), fields(&dir));
}
