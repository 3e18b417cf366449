//! `trustwork import`: read a JSON export back in. A workbook with the same
//! id here is merged into (only what is missing is added); otherwise the
//! workbook is created as it is in the file. The plan is always shown
//! before anything is written.

use std::path::Path;

use anyhow::Result;

use super::{Io, hold, refused, usage};
use crate::domain::NewWorkbook;
use crate::export::ExportDoc;
use crate::foreign;
use crate::import::{self as merge, Merge};
use crate::open::writable;
use crate::storage::{JsonStore, Store};

/// What `trustwork import` was asked to do.
#[derive(Debug)]
pub struct ImportRequest<'a> {
    pub file: &'a Path,
    /// `--from`: the format, when it is not found by itself.
    pub from: Option<&'a str>,
    /// `--workbook`: where another tool's entries go.
    pub wanted: Option<&'a str>,
    /// Write without asking.
    pub yes: bool,
    /// Only show the plan.
    pub dry_run: bool,
}

pub fn import(dir: &Path, request: ImportRequest<'_>, io: &mut Io<'_>) -> Result<()> {
    let bytes = read_input(request.file, io)?;
    let format = match request.from {
        Some("trustwork") => None,
        Some(name) => Some(foreign::Format::parse(name).ok_or_else(|| {
            usage(format!(
                "there is no format \"{name}\"; use jrnl, jrnl-txt, tui-journal or trustwork"
            ))
        })?),
        None => foreign::detect(&bytes),
    };
    if let Some(format) = format {
        return bring_in(dir, format, &bytes, &request, io);
    }
    let doc = merge::parse(&bytes, request.file).map_err(|err| usage(err.to_string()))?;
    // A missing data dir simply holds no workbook yet; it is only created
    // once something is written.
    let mut store = if dir.is_dir() {
        Some(JsonStore::new(dir)?)
    } else {
        None
    };
    let here = match &store {
        Some(store) => merge::find_by_id(store, doc.workbook.id)?,
        None => None,
    };
    match (here, store.as_mut()) {
        (Some((key, _)), Some(store)) if request.dry_run => {
            let workbook = store.read(&key)?;
            let journal = store.read_journal(&key)?;
            let merge = Merge::new(&workbook, &journal, &doc);
            tell_merge(&workbook.name, &merge, request.file, io)?;
            dry_run_done(&merge, io)
        }
        (Some((key, _)), Some(store)) => {
            // Held from planning to writing, so the plan stays true.
            let mut held = hold(store, key)?;
            held.load_journal()?;
            writable(held.workbook()).map_err(refused)?;
            let merge = Merge::new(held.workbook(), held.journal(), &doc);
            tell_merge(&held.workbook().name, &merge, request.file, io)?;
            if merge.is_empty() || !consent(request.yes, io)? {
                return Ok(());
            }
            held.merge_import(merge).map_err(refused)?;
            held.save()?;
            writeln!(io.out, "Imported into \"{}\".", held.workbook().name)?;
            Ok(())
        }
        _ => {
            tell_new(&doc, io)?;
            if request.dry_run {
                writeln!(io.out, "Dry run: nothing was written.")?;
                return Ok(());
            }
            if !consent(request.yes, io)? {
                return Ok(());
            }
            let mut store = match store {
                Some(store) => store,
                None => JsonStore::new(dir)?,
            };
            create(&mut store, doc, io)
        }
    }
}

/// Creates the workbook under a free key (a name already taken gets
/// `-2`…), then saves it exactly as it is in the file, id included, so a
/// later import of the same file merges into it.
fn create(store: &mut JsonStore, doc: ExportDoc, io: &mut Io<'_>) -> Result<()> {
    let (key, _) = store.create(NewWorkbook {
        name: doc.workbook.name.clone(),
        relationship: doc.workbook.relationship,
        role: doc.workbook.role(),
    })?;
    let file = store.path_of(&key);
    let mut held = hold(store, key)?;
    // A journal file left behind under this name is added to, not
    // written over.
    held.load_journal()?;
    held.adopt_import(doc);
    held.save()?;
    writeln!(
        io.out,
        "Imported \"{}\" (saved as {}).",
        held.workbook().name,
        file.display()
    )?;
    Ok(())
}

fn tell_merge(name: &str, merge: &Merge, file: &Path, io: &mut Io<'_>) -> Result<()> {
    if merge.is_empty() {
        write!(
            io.out,
            "Nothing to add: \"{name}\" already has everything in {}.",
            file.display()
        )?;
    } else {
        write!(io.out, "Will add to \"{name}\": {}.", merge.additions())?;
    }
    match merge.differences() {
        Some(differences) => writeln!(io.out, " {differences}")?,
        None => writeln!(io.out)?,
    }
    Ok(())
}

fn tell_new(doc: &ExportDoc, io: &mut Io<'_>) -> Result<()> {
    let contents = merge::contents(doc);
    if contents.is_empty() {
        writeln!(
            io.out,
            "Will create the workbook \"{}\" (nothing written in it yet).",
            doc.workbook.name
        )?;
    } else {
        writeln!(
            io.out,
            "Will create the workbook \"{}\" with {contents}.",
            doc.workbook.name
        )?;
    }
    Ok(())
}

fn dry_run_done(merge: &Merge, io: &mut Io<'_>) -> Result<()> {
    if !merge.is_empty() {
        writeln!(io.out, "Dry run: nothing was written.")?;
    }
    Ok(())
}

/// Whether to go ahead: `--yes`, or a "y" from a person at the terminal.
/// Without either, nothing is written and the exit code says so (2).
/// The file's bytes, or standard input's for `-`.
fn read_input(file: &Path, io: &mut Io<'_>) -> Result<Vec<u8>> {
    if file == Path::new("-") {
        let mut bytes = Vec::new();
        io.input.read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    std::fs::read(file).map_err(|e| {
        usage(format!(
            "could not read {}: {e}. Nothing was imported",
            file.display()
        ))
    })
}

/// Another tool's entries into the chosen workbook's journal, as the
/// person writing (`--workbook`), with their own dates; entries brought in
/// before are skipped.
fn bring_in(
    dir: &Path,
    format: foreign::Format,
    bytes: &[u8],
    request: &ImportRequest<'_>,
    io: &mut Io<'_>,
) -> Result<()> {
    let mut store = super::workbook_store(dir)?;
    let key = super::find_workbook(&store, request.wanted)?;
    let mut held = hold(&mut store, key)?;
    writable(held.workbook()).map_err(refused)?;
    let offset = *held.now().offset();
    let entries = foreign::parse(format, bytes, offset).map_err(usage)?;
    held.load_journal()?;
    let total = entries.len();
    if request.dry_run {
        writeln!(
            io.out,
            "Would bring {total} entries into \"{}\". Dry run: nothing was written.",
            held.workbook().name
        )?;
        return Ok(());
    }
    if !consent(request.yes, io)? {
        return Ok(());
    }
    let brought = held.bring_in(entries).map_err(refused)?;
    held.save()?;
    writeln!(
        io.out,
        "Imported into \"{}\": {} added, {} already there.",
        held.workbook().name,
        brought.added,
        brought.skipped
    )?;
    Ok(())
}

fn consent(yes: bool, io: &mut Io<'_>) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !io.interactive {
        return Err(usage(
            "nothing was written. Run again with --yes to import.",
        ));
    }
    io.out.flush()?;
    write!(io.err, "Import? [y/N] ")?;
    io.err.flush()?;
    let mut answer = String::new();
    io.input.read_line(&mut answer)?;
    let go = matches!(answer.trim().to_lowercase().as_str(), "y" | "yes");
    if !go {
        writeln!(io.out, "Nothing was written.")?;
    }
    Ok(go)
}
