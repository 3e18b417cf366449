//! The workbook core of trustwork: everything that decides what a workbook
//! holds and how it changes, with no terminal code (no ratatui, no
//! crossterm). The TUI, plain mode and the command line are front ends
//! over it.
//!
//! - `content`: the stage, check-in, couple and safety text, embedded from
//!   `content/` and validated;
//! - `domain`: the plain data of a workbook and its journal;
//! - `engine`: the pure step engine;
//! - `couple`: couple mode's state machines;
//! - `storage`: the store trait, the JSON and memory stores, locks,
//!   backups, encryption;
//! - `open`: a workbook open for writing, whose methods are every change
//!   a front end can make, each enforcing the workbook's rules;
//! - `export` and `import`.

#[doc(hidden)]
pub mod bench_data;
pub mod content;
pub mod couple;
pub mod domain;
pub mod engine;
pub mod export;
pub mod foreign;
pub mod import;
pub mod journal_view;
pub mod open;
pub mod storage;
