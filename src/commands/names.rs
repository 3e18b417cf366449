//! `trustwork names workbooks|people` (hidden): the names the completion
//! scripts offer for `--workbook` and `--as`, one per line. It never asks
//! for a passphrase and never fails loudly: an encrypted workbook is
//! offered by its key (which `--workbook` also takes), and its people not
//! at all, since they cannot be read without it.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::storage::{JsonStore, ListingStatus, PassphraseSource, Store};

/// Which names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Names {
    /// The workbooks in the data folder.
    Workbooks,
    /// The people writing in them (for `--as`).
    People,
}

pub fn names(dir: &Path, which: Names, out: &mut dyn Write) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    let mut store = JsonStore::new(dir)?;
    store.set_passphrase_source(PassphraseSource::default());
    let mut found: Vec<String> = Vec::new();
    for listing in store.list()? {
        match which {
            Names::Workbooks => found.push(listing.display_name().to_string()),
            Names::People => {
                // Only a workbook for two has people to choose between.
                if let ListingStatus::Ready { .. } = listing.status
                    && let Ok(workbook) = store.read(&listing.key)
                    && workbook.is_couple()
                {
                    found.extend(workbook.participants.iter().map(|p| p.name.clone()));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    for name in found {
        // One per line, so a name with spaces stays one name; a name with
        // a line break in it could not be typed anyway.
        if !name.contains('\n') && !name.trim().is_empty() {
            writeln!(out, "{name}")?;
        }
    }
    Ok(())
}
