//! `trustwork doctor`: everything worth knowing when something seems
//! wrong, in plain lines, with the problems gathered at the end. It only
//! looks: no workbook is opened or locked and no missing folder is made
//! (the one write is a hidden file, made and removed to test the folder).

mod workbooks;

use std::fs::OpenOptions;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::Outcome;
use super::settings::write_problems;

/// What the report has found so far.
struct Report<'a> {
    out: &'a mut dyn Write,
    problems: Vec<String>,
}

/// Checks the data dir `dir`, the config file at `config` (or why there
/// is none) and the terminal. Exit code 1 when there are problems.
pub fn doctor(dir: &Path, config: Result<PathBuf>, out: &mut dyn Write) -> Result<Outcome> {
    let mut report = Report {
        out,
        problems: Vec::new(),
    };
    report.data_dir(dir)?;
    report.config(config)?;
    workbooks::check(&mut report, dir)?;
    report.terminal()?;
    report.support_lines()?;
    writeln!(report.out)?;
    if report.problems.is_empty() {
        writeln!(report.out, "No problems found.")?;
        return Ok(Outcome::Done);
    }
    write_problems(&report.problems, report.out)?;
    Ok(Outcome::ProblemsFound)
}

impl Report<'_> {
    /// How old the list of support lines is: numbers change, and a list
    /// not checked for over a year says so (a note, not a problem).
    fn support_lines(&mut self) -> Result<()> {
        use chrono::Datelike;
        let Ok(content) = crate::content::Content::embedded() else {
            return Ok(());
        };
        let today = crate::domain::Clock::from_env().today();
        let months = |(y, m): (i32, u32)| i64::from(y) * 12 + i64::from(m);
        let now = months((today.year(), today.month()));
        // The oldest check of any line, crisis lines and helplines alike.
        let safety = &content.safety;
        let oldest = safety
            .crisis
            .iter()
            .filter_map(|line| line.checked_month())
            .chain(safety.resources.iter().filter_map(|r| r.checked_month()))
            .min_by_key(|ym| months(*ym));
        match oldest {
            Some((y, m)) if now - months((y, m)) > 12 => writeln!(
                self.out,
                "Support lines: last checked in {y}-{m:02}, over a year ago. Numbers change: check the one for where you are, or findahelpline.com."
            )?,
            Some((y, m)) => writeln!(self.out, "Support lines: checked in {y}-{m:02}.")?,
            None => {}
        }
        Ok(())
    }

    fn data_dir(&mut self, dir: &Path) -> Result<()> {
        writeln!(self.out, "Data folder: {}", dir.display())?;
        let state = if !dir.exists() {
            "does not exist yet (it is made when you create a workbook)".to_string()
        } else if !dir.is_dir() {
            self.problems.push(format!(
                "the data folder {} is a file, not a folder; \
                 choose another with --data-dir or TRUSTWORK_DATA_DIR",
                dir.display()
            ));
            "is not a folder".to_string()
        } else {
            match can_write(dir) {
                Ok(()) => "exists, and can be written to".to_string(),
                Err(err) => {
                    self.problems.push(format!(
                        "the data folder {} cannot be written to ({err}), \
                         so nothing can be saved",
                        dir.display()
                    ));
                    format!("exists, but cannot be written to ({err})")
                }
            }
        };
        writeln!(self.out, "  {state}")?;
        Ok(())
    }

    fn config(&mut self, path: Result<PathBuf>) -> Result<()> {
        let path = match path {
            Ok(path) => path,
            Err(err) => {
                writeln!(self.out, "Config file: none ({err:#})")?;
                self.problems.push(format!("{err:#}"));
                return Ok(());
            }
        };
        writeln!(self.out, "Config file: {}", path.display())?;
        let state = if !path.exists() {
            "not there, so the default settings are in use".to_string()
        } else {
            let problems = crate::config::load(&path).problems;
            let state = match problems.len() {
                0 => "read, and every setting is fine".to_string(),
                1 => {
                    "read, with 1 problem (listed below); that setting uses its default".to_string()
                }
                n => format!(
                    "read, with {n} problems (listed below); those settings use their defaults"
                ),
            };
            self.problems.extend(problems);
            state
        };
        writeln!(self.out, "  {state}")?;
        Ok(())
    }

    fn terminal(&mut self) -> Result<()> {
        // crossterm falls back to asking `tput` when there is no terminal,
        // which would report a size for a pipe; check first.
        let size = if std::io::stdout().is_terminal() || std::io::stdin().is_terminal() {
            ratatui::crossterm::terminal::size().ok()
        } else {
            None
        };
        match size {
            // Some terminals (and `script`) report no size at all.
            Some((0, _) | (_, 0)) => writeln!(self.out, "Terminal: size not reported")?,
            Some((width, height)) => {
                writeln!(self.out, "Terminal: {width} columns, {height} rows")?;
            }
            None => writeln!(self.out, "Terminal: not a terminal")?,
        }
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let no_color = if var("NO_COLOR").is_some() {
            "NO_COLOR is set, so no colours are used"
        } else {
            "NO_COLOR is not set"
        };
        let term = var("TERM").map_or("TERM is not set".to_string(), |t| format!("TERM={t}"));
        let colorterm = var("COLORTERM").map_or("COLORTERM is not set".to_string(), |c| {
            format!("COLORTERM={c}")
        });
        writeln!(self.out, "Colours: {no_color}; {term}; {colorterm}")?;
        Ok(())
    }
}

/// Whether a file can be made in `dir`, tried with a hidden file that is
/// removed at once (the store ignores names starting with a dot).
fn can_write(dir: &Path) -> std::io::Result<()> {
    let probe = dir.join(format!(".doctor-{}", std::process::id()));
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)?;
    std::fs::remove_file(&probe)
}

/// A file size for people: "812 bytes", "2.1 KB", "3.4 MB".
fn size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    // Precision does not matter here: these are sizes to glance at.
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else {
        format!("{:.1} MB", b / (KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_easily() {
        assert_eq!(size(812), "812 bytes");
        assert_eq!(size(2150), "2.1 KB");
        assert_eq!(size(3 * 1024 * 1024 + 500_000), "3.5 MB");
    }
}
