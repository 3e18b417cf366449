//! trustwork: a calm terminal workbook for repairing trust.
//!
//! The library holds everything testable: plain data (`domain`), stage
//! content (`content`), the pure step engine (`engine`), storage behind a
//! trait (`storage`) and the TUI (`app`, `ui`). `main.rs` only parses the
//! command line and wires these together.

// The core's modules, under the names the app has always used for them.
pub use trustwork_core::{
    bench_data, content, couple, domain, engine, export, foreign, import, journal_view, open,
    storage,
};

pub mod action;
pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod external_editor;
pub mod keymap;
pub mod passphrase;
pub mod plain;
pub mod tui;
pub mod ui;
