//! Writes a deterministic workbook for benchmarks.
//!
//! ```sh
//! cargo run --release --example generate -- --entries 100000 --data-dir /tmp/tw100k [--name bench]
//! target/release/trustwork --data-dir /tmp/tw100k    # opens straight to it
//! ```
//!
//! N journal entries of 600–1,000 characters (with accents, CJK and emoji)
//! over six years, a check-in every week or so and an answer to every
//! step, written through the app's own store. The data dir must not hold a
//! workbook yet, so the new one is the only one and opens at once.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use trustwork::bench_data::{self, DEFAULT_NAME};
use trustwork::storage::{JsonStore, Store};

struct Args {
    entries: usize,
    data_dir: PathBuf,
    name: String,
}

const USAGE: &str = "usage: generate --entries N --data-dir DIR [--name NAME]";

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args> {
    let (mut entries, mut data_dir, mut name) = (None, None, DEFAULT_NAME.to_string());
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--entries" => {
                let text = value()?;
                let digits: String = text.chars().filter(|c| *c != '_').collect();
                entries =
                    Some(digits.parse().with_context(|| {
                        format!("--entries wants a whole number, not {text:?}")
                    })?);
            }
            "--data-dir" => data_dir = Some(PathBuf::from(value()?)),
            "--name" => name = value()?,
            "-h" | "--help" => bail!("{USAGE}"),
            other => bail!("unknown argument {other:?}\n{USAGE}"),
        }
    }
    Ok(Args {
        entries: entries.context(USAGE)?,
        data_dir: data_dir.context(USAGE)?,
        name,
    })
}

fn run() -> Result<()> {
    let args = parse(std::env::args().skip(1))?;
    if args.data_dir.exists() {
        let store = JsonStore::new(&args.data_dir)?;
        if !store.list()?.is_empty() {
            bail!(
                "{} already holds a workbook; use an empty folder, so the generated one opens at once",
                args.data_dir.display()
            );
        }
    }
    let started = Instant::now();
    let made = bench_data::generate(&args.data_dir, args.entries, &args.name)?;
    println!(
        "wrote workbook {:?} ({} entries, {} in the trash, {} check-ins, {} answers) to {} in {:.2?}",
        made.key.0,
        made.entries,
        made.trashed,
        made.checkins,
        made.answers,
        args.data_dir.display(),
        started.elapsed()
    );
    // The journal index, as the app's first opening writes it (the app
    // rebuilds it whenever it is missing or stale; see `journal_index`).
    let journal = args.data_dir.join(format!("{}.journal.jsonl", made.key.0));
    trustwork::storage::journal_index::read_and_index(&journal)?;
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("generate: {err:#}");
            ExitCode::FAILURE
        }
    }
}
