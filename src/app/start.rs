//! How the TUI starts: which workbook to open straight away, if any.

use super::App;
use crate::action::Action;
use crate::content::Content;
use crate::storage::{Store, StoreError, resolve_in};

/// Builds the app for a store. With one workbook (or `wanted`), it is
/// opened at once, where the user left off. A workbook that cannot be
/// opened (locked, damaged, newer) is an error here, before the terminal
/// is taken over, so the message stays readable in the shell.
pub fn start(
    content: Content,
    store: &mut dyn Store,
    wanted: Option<&str>,
) -> Result<App, StoreError> {
    start_with(content, store, wanted, false)
}

/// [`start`], optionally leaving the journal to be read after the first
/// frame (`later`, see [`super::Runtime::load_journal`]): a journal of
/// years can take longer to read than a first screen should.
pub fn start_with(
    content: Content,
    store: &mut dyn Store,
    wanted: Option<&str>,
    later: bool,
) -> Result<App, StoreError> {
    start_with_settings(content, store, wanted, later, super::Settings::default())
}

/// [`start_with`], with the person's settings in force from the first
/// workbook opened.
pub fn start_with_settings(
    content: Content,
    store: &mut dyn Store,
    wanted: Option<&str>,
    later: bool,
    settings: super::Settings,
) -> Result<App, StoreError> {
    let prepared = prepare(store, wanted, later)?;
    Ok(start_prepared(content, prepared, settings))
}

/// What a start reads from the store. It needs no stage content, so the
/// binary can read the workbook before or after the stages as suits it,
/// and report a store error before the terminal is taken over.
#[derive(Debug)]
pub struct Prepared {
    listings: Vec<crate::storage::Listing>,
    opened: Option<(crate::storage::WorkbookKey, super::Loaded)>,
    recovered: Option<String>,
    later: bool,
}

/// Lists the workbooks, puts back text kept by a crash, and opens the
/// workbook to start with (with its journal unless `later`).
pub fn prepare(
    store: &mut dyn Store,
    wanted: Option<&str>,
    later: bool,
) -> Result<Prepared, StoreError> {
    let listings = store.list()?;
    let key = match resolve_in(&listings, wanted) {
        Ok(key) => Some(key),
        // Several workbooks and no choice yet, or none at all: the home
        // or create screen asks.
        Err(StoreError::NoWorkbooks | StoreError::WhichWorkbook { .. }) => None,
        Err(e) => return Err(e),
    };
    // Text kept by a crash goes into its journal before anything opens.
    let recovered = super::recovery::recover(store);
    let opened = match key {
        Some(key) => {
            let loaded = if later {
                super::Loaded::from(store.open(&key)?)
            } else {
                super::runtime::open(store, &key)?
            };
            Some((key, loaded))
        }
        None => None,
    };
    Ok(Prepared {
        listings,
        opened,
        recovered,
        later,
    })
}

/// The app, once the stage content is ready, on what [`prepare`] read.
pub fn start_prepared(content: Content, prepared: Prepared, settings: super::Settings) -> App {
    let mut app = App::new(content, prepared.listings);
    app.settings = settings;
    if let Some((key, loaded)) = prepared.opened {
        // Opening only moves to the saved page; nothing to save yet.
        let _ = app.update(Action::Opened(key, Ok(Box::new(loaded))));
        if let Some(session) = app.session.as_mut()
            && prepared.later
        {
            session.journal_to_follow();
        }
    }
    if let Some(message) = prepared.recovered {
        app.popup = Some(super::Popup {
            title: "Your words were kept".into(),
            message,
        });
    }
    app
}
