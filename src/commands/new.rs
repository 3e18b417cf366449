//! `trustwork new`: create a workbook without opening the app. As in the
//! app, a new workbook begins with the three private safety questions:
//! asked here at a terminal, else at the workbook's first interactive
//! start.

use anyhow::Result;

use super::checkin::{OWED, ask_screening};
use super::{Io, hold};
use crate::content::Content;
use crate::domain::{NewWorkbook, RelationshipKind, Role, Workbook};
use crate::storage::{Store, WorkbookKey};

/// What `trustwork new` was given.
#[derive(Debug)]
pub struct NewRequest<'a> {
    pub name: &'a str,
    pub relationship: RelationshipKind,
    pub role: Role,
    /// A workbook for two (`--me`, `--partner`): each name with its side.
    pub together: Option<[(String, Role); 2]>,
}

pub fn new(store: &mut dyn Store, request: NewRequest<'_>, io: &mut Io<'_>) -> Result<WorkbookKey> {
    let mut workbook = Workbook::new(NewWorkbook {
        name: request.name.to_string(),
        relationship: request.relationship,
        role: request.role,
    });
    if let Some(people) = &request.together {
        crate::open::check_partner_names([&people[0].0, &people[1].0])
            .map_err(|refused| super::usage(refused.to_string()))?;
    }
    if let Some(people) = request.together {
        // The first keeps the id made with the workbook.
        for (i, (name, role)) in people.into_iter().enumerate() {
            match workbook.participants.get_mut(i) {
                Some(person) => {
                    person.name = name.trim().to_string();
                    person.role = role;
                }
                None => workbook
                    .participants
                    .push(crate::domain::Participant::new(name.trim(), role)),
            }
        }
    }
    // Owed until answered, in the file from the first write: a new
    // workbook begins with the private questions (each person's own),
    // here or at its first interactive start.
    let everyone = workbook.participant_ids();
    workbook.safety.owed.extend(everyone);
    let (key, workbook) = store.create_workbook(workbook)?;
    writeln!(
        io.out,
        "Created the workbook \"{}\" (saved as {key}.json). Open it with `trustwork`.",
        workbook.name
    )?;
    Ok(key)
}

/// The private safety questions of a workbook just made (after it is
/// encrypted, when asked for, so the answers are never written in plain
/// text).
pub fn first_screening(
    store: &mut dyn Store,
    content: &Content,
    key: WorkbookKey,
    io: &mut Io<'_>,
) -> Result<()> {
    if !io.interactive {
        // Already owed in the file (see `new`).
        writeln!(io.out, "{OWED}")?;
        return Ok(());
    }
    let mut held = hold(store, key)?;
    ask_screening(&mut held, content, io)
}
