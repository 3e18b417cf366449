//! Times the journal search the app runs behind its list, from the file,
//! and reports the process's peak memory: the search must not hold the
//! journal in memory (issue 20).
//!
//! ```sh
//! cargo run --release --example search_file -- /tmp/b100k/bench.journal.jsonl mañana [--runs 20] [--no-index]
//! ```
//!
//! A journal without a fresh index gets one first (run it again then).
//! Prints the median and fastest whole search (every stretch, both
//! cores), the number found, and VmHWM / VmRSS from `/proc/self/status`
//! before and after.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use trustwork::domain::search::Query;
use trustwork::journal_view::byte_search;
use trustwork::storage::journal_index;

const USAGE: &str = "usage: search_file JOURNAL QUERY [--runs N] [--no-index]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("search_file: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(journal), Some(query)) = (args.next(), args.next()) else {
        bail!(USAGE);
    };
    let (mut runs, mut indexed) = (20usize, true);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().context(USAGE)?.parse().context(USAGE)?,
            "--no-index" => indexed = false,
            _ => bail!(USAGE),
        }
    }
    let journal = PathBuf::from(journal);
    println!("before: {}", memory());
    let read = Instant::now();
    let index = match indexed {
        true => match journal_index::read_for_search(&journal) {
            Some(index) => Some(index),
            None => {
                // Building it reads the whole journal: not what is
                // measured, so it is left to a run of its own.
                journal_index::read_and_index(&journal)?;
                bail!("no index covered the journal: one is written now, run again");
            }
        },
        false => None,
    };
    if let Some(index) = &index {
        index.by_line();
        println!(
            "index read, checked and ordered by line in {:.2} ms: {}",
            read.elapsed().as_secs_f64() * 1e3,
            memory()
        );
    }
    let query = Query::new(&query);
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut found = 0;
    for _ in 0..runs.max(1) {
        found = 0;
        let start = Instant::now();
        byte_search::search_file(&journal, index.as_ref(), &query, 4, |ids| {
            found += ids.len();
            true
        })
        .map_err(|_| anyhow::anyhow!("not searchable as bytes"))?;
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "found {found}; median {:.2} ms, fastest {:.2} ms over {} runs",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times.len()
    );
    println!("after: {}", memory());
    Ok(())
}

/// Peak and current resident memory, as the kernel counts them.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map_or("?".to_string(), |v| v.trim().to_string())
    };
    format!("VmHWM {} / VmRSS {}", field("VmHWM:"), field("VmRSS:"))
}
