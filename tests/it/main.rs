//! All integration tests, in one binary so `cargo test` links once.
//! Each module was once its own file under tests/; see its own doc.
#![allow(clippy::unwrap_used)]

mod support;

mod backups;
mod checkin;
mod cli;
mod cli_completions;
mod cli_counsellor;
mod cli_ecosystem;
mod cli_export;
mod cli_help;
mod cli_journal;
mod cli_journal_editor;
mod cli_journal_list;
mod content;
mod content_second_edition;
mod couple;
mod crash_encrypt;
mod crash_safety;
mod encryption;
mod export_hostile;
mod export_structure;
mod import_foreign;
mod journal;
mod journal_beside;
mod journal_in_part;
mod journal_index;
mod journal_search;
mod journal_store;
mod journey;
mod loader_fuzz;
mod mouse;
mod plain;
mod privacy;
mod read_only;
mod real_tools;
mod recovery;
mod rules;
mod safety;
mod screens;
mod screens_couple;
mod screens_progress;
mod settings;
mod signals;
mod sizes;
mod storage;
mod themes;
mod two_processes;
