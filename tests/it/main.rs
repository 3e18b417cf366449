//! All integration tests, in one binary so `cargo test` links once.
//! Each module was once its own file under tests/; see its own doc.
#![allow(clippy::unwrap_used)]

mod support;

mod backups;
mod checkin;
mod cli;
mod cli_counsellor;
mod cli_ecosystem;
mod cli_export;
mod cli_journal;
mod content;
mod couple;
mod crash_safety;
mod encryption;
mod import_foreign;
mod journal;
mod journal_index;
mod journal_store;
mod journey;
mod loader_fuzz;
mod mouse;
mod plain;
mod privacy;
mod read_only;
mod recovery;
mod rules;
mod safety;
mod screens;
mod screens_couple;
mod screens_progress;
mod settings;
mod sizes;
mod storage;
mod themes;
mod two_processes;
