//! `trustwork encrypt` and `trustwork decrypt`: turn a workbook's
//! encryption at rest on or off, with all its files.

use std::io::Write;
use std::time::Instant;

use age::secrecy::SecretString;
use anyhow::Result;

use super::{find_workbook, usage};
use crate::passphrase;
use crate::storage::{JsonStore, WorkbookKey};

pub fn encrypt(store: &mut JsonStore, wanted: Option<&str>, out: &mut dyn Write) -> Result<()> {
    let key = find_workbook(store, wanted)?;
    if store.is_encrypted(&key) {
        // An earlier encrypt that was killed or ran out of room left files
        // in plain text: running it again finishes the work.
        let left = store.plaintext_files(&key);
        if left.is_empty() {
            return Err(usage(format!("\"{key}\" is already encrypted")));
        }
        let passphrase = match passphrase::from_file() {
            Some(result) => result.map_err(usage)?,
            None => passphrase::prompt(&format!("Passphrase for \"{key}\": "))
                .ok_or_else(|| usage("no passphrase was given; nothing changed"))?,
        };
        let sealed = store.finish_encryption(&key, &passphrase)?;
        writeln!(
            out,
            "Finished encrypting \"{key}\": {sealed} file(s) an earlier run left in plain text are sealed now."
        )?;
        return Ok(());
    }
    let passphrase = passphrase::new_passphrase().map_err(usage)?;
    encrypt_with(store, &key, &passphrase, out)
}

/// Encrypts `key` with a passphrase already chosen.
pub fn encrypt_with(
    store: &mut JsonStore,
    key: &WorkbookKey,
    passphrase: &SecretString,
    out: &mut dyn Write,
) -> Result<()> {
    store.encrypt_workbook(key, passphrase)?;
    writeln!(
        out,
        "Encrypted \"{key}\": the workbook, its journal and its backups. Keep the passphrase safe: without it nobody, you included, can open this workbook."
    )?;
    Ok(())
}

pub fn decrypt(store: &mut JsonStore, wanted: Option<&str>, out: &mut dyn Write) -> Result<()> {
    let key = find_workbook(store, wanted)?;
    if !store.is_encrypted(&key) {
        return Err(usage(format!("\"{key}\" is not encrypted")));
    }
    let passphrase = match passphrase::from_file() {
        Some(result) => result.map_err(usage)?,
        None => passphrase::prompt(&format!("Passphrase for \"{key}\": "))
            .ok_or_else(|| usage("no passphrase was given; nothing changed"))?,
    };
    let started = Instant::now();
    store.decrypt_workbook(&key, &passphrase)?;
    writeln!(
        out,
        "Decrypted \"{key}\" ({} ms): its files are plain JSON again.",
        started.elapsed().as_millis()
    )?;
    Ok(())
}
