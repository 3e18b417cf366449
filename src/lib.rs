//! trustwork: a calm terminal workbook for repairing trust.
//!
//! The library holds everything testable: plain data (`domain`), stage
//! content (`content`), the pure step engine (`engine`), storage behind a
//! trait (`storage`) and the TUI (`app`, `ui`). `main.rs` only parses the
//! command line and wires these together.

pub mod action;
pub mod app;
#[doc(hidden)]
pub mod bench_data;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod couple;
pub mod domain;
pub mod engine;
pub mod export;
pub mod external_editor;
pub mod import;
pub mod journal_view;
pub mod keymap;
pub mod passphrase;
pub mod plain;
pub mod storage;
pub mod tui;
pub mod ui;
