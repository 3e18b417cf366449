//! Which workbook to open: the one named with `--workbook`, the only one,
//! one picked from a numbered list, or a new one made with the same
//! questions as the app's form and `trustwork new`.

use anyhow::Result;

use super::prompt::{Menu, Prompter};
use crate::domain::{NewWorkbook, RelationshipKind, Role};
use crate::storage::{
    Listing, ListingStatus, Store, StoreError, WorkbookKey, check_name, resolve_in,
};

/// The workbook chosen, and whether it was just made (it then starts with
/// the private screening).
pub struct Chosen {
    pub key: WorkbookKey,
    pub created: bool,
}

/// Finds the workbook without printing anything when it is already clear
/// (named, or the only one), so a workbook that then cannot be opened is
/// reported on its own, as every other command reports it.
pub fn choose(p: &mut Prompter<'_>, store: &mut dyn Store, wanted: Option<&str>) -> Result<Chosen> {
    let listings = store.list()?;
    match resolve_in(&listings, wanted) {
        Ok(key) => Ok(Chosen {
            key,
            created: false,
        }),
        Err(StoreError::NoWorkbooks) => {
            p.say("Welcome. Let's start a workbook. Everything stays on this computer.")?;
            create(p, store)
        }
        Err(StoreError::WhichWorkbook { .. }) => pick(p, store, &listings),
        Err(e) => Err(e.into()),
    }
}

/// A numbered list of the workbooks, and a way to start a new one.
fn pick(p: &mut Prompter<'_>, store: &mut dyn Store, listings: &[Listing]) -> Result<Chosen> {
    let labels = listings.iter().map(describe);
    let menu = Menu::new()
        .numbered(labels)
        .numbered(["Start a new workbook"]);
    p.say("Which workbook would you like to open?")?;
    let picked = p.pick(&menu)?;
    match listings.get(picked) {
        Some(listing) => Ok(Chosen {
            key: listing.key.clone(),
            created: false,
        }),
        None => create(p, store),
    }
}

/// One workbook on one line: its name and who it is about.
fn describe(listing: &Listing) -> String {
    match &listing.status {
        ListingStatus::Ready {
            name,
            relationship,
            role,
            closed,
            for_two,
            ..
        } => {
            let closed = if *closed { ", closed" } else { "" };
            // Whose side the workbook says is the first person's only.
            let side = match for_two {
                true => "for two".to_string(),
                false => role.describe().to_string(),
            };
            format!(
                "{name} ({}, {side}{closed})",
                relationship.label().to_lowercase()
            )
        }
        ListingStatus::Encrypted => format!("{} (locked with a passphrase)", listing.key),
        ListingStatus::Unreadable { .. } => format!("{} (cannot be opened)", listing.key),
    }
}

/// Asks the form's questions and creates the workbook.
fn create(p: &mut Prompter<'_>, store: &mut dyn Store) -> Result<Chosen> {
    p.blank()?;
    p.say("Who is this workbook about? A first name or a nickname is enough, for example Alex, or Mum, or Work.")?;
    let name = p.ask("Name: ", |typed| {
        check_name(typed)
            .map(|()| typed.trim().to_string())
            .map_err(|_| {
                "Please give the workbook a name: a first name or a nickname is enough.".to_string()
            })
    })?;
    p.blank()?;
    p.say("They are:")?;
    let kinds = Menu::new().numbered(RelationshipKind::ALL.map(RelationshipKind::label));
    let relationship = RelationshipKind::ALL
        .get(p.pick(&kinds)?)
        .copied()
        .unwrap_or(RelationshipKind::Partner);
    p.blank()?;
    p.say("What happened between you?")?;
    let roles = Menu::new().numbered(Role::ALL.map(Role::label));
    let role = Role::ALL
        .get(p.pick(&roles)?)
        .copied()
        .unwrap_or(Role::Both);
    let (key, workbook) = store.create(NewWorkbook {
        name,
        relationship,
        role,
    })?;
    p.blank()?;
    p.say(&format!(
        "Created the workbook \"{}\". It is just for you; couple mode, for two people at one screen, is in the full-screen app.",
        workbook.name
    ))?;
    Ok(Chosen { key, created: true })
}
