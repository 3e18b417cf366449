//! `trustwork config`: check the config file, or print a commented one to
//! start from.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::Outcome;

/// With `default`, prints the commented default config. Otherwise says
/// where the config file is and what is wrong in it: exit code 1 when
/// something is, so scripts can check a file before using it.
pub fn config(path: &Path, default: bool, out: &mut dyn Write) -> Result<Outcome> {
    if default {
        out.write_all(crate::config::default_text().as_bytes())?;
        return Ok(Outcome::Done);
    }
    writeln!(out, "Config file: {}", path.display())?;
    if !path.exists() {
        writeln!(
            out,
            "There is no file there yet, so the default settings are in use.\n\
             To start one: mkdir -p \"{}\" && trustwork config --default > \"{}\"",
            path.parent().unwrap_or(path).display(),
            path.display()
        )?;
        return Ok(Outcome::Done);
    }
    // The keys are checked as the app checks them: unknown actions and
    // keys taken from another action are problems here too.
    let loaded = crate::config::load(path);
    let mut problems = loaded.problems;
    let file = path.display().to_string();
    problems.extend(crate::keymap::Keymap::with_overrides(&loaded.config.keys, &file).1);
    if problems.is_empty() {
        writeln!(out, "No problems found.")?;
        return Ok(Outcome::Done);
    }
    write_problems(&problems, out)?;
    writeln!(
        out,
        "Those settings use their defaults until they are fixed."
    )?;
    Ok(Outcome::ProblemsFound)
}

/// "2 problems found:" and one indented line each.
pub(super) fn write_problems(problems: &[String], out: &mut dyn Write) -> Result<()> {
    let count = match problems.len() {
        1 => "1 problem".to_string(),
        n => format!("{n} problems"),
    };
    writeln!(out, "{count} found:")?;
    for problem in problems {
        // Store messages can run over several lines; keep them together.
        let problem = problem.trim_end().replace('\n', "\n    ");
        writeln!(out, "  - {problem}")?;
    }
    Ok(())
}
