//! The workbook plain mode has open: the core's [`Held`] workbook, locked
//! in the store with the same lock the app takes and released on every way
//! out, so the TUI and another copy are kept out while it is in use. Every
//! change goes through its methods, which hold the workbook's rules.

pub use crate::open::Held as Book;
