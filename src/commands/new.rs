//! `trustwork new`: create a workbook without opening the app.

use std::io::Write;

use anyhow::Result;

use crate::domain::{NewWorkbook, RelationshipKind, Role};
use crate::storage::Store;

pub fn new(
    store: &mut dyn Store,
    name: &str,
    relationship: RelationshipKind,
    role: Role,
    out: &mut dyn Write,
) -> Result<crate::storage::WorkbookKey> {
    let new = NewWorkbook {
        name: name.to_string(),
        relationship,
        role,
    };
    let (key, workbook) = store.create(new)?;
    writeln!(
        out,
        "Created the workbook \"{}\" (saved as {key}.json). Open it with `trustwork`.",
        workbook.name
    )?;
    Ok(key)
}
