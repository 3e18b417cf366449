//! Reading workbook documents: the schema version decides how the rest
//! is read, and older versions are brought up to date one step at a time.
//! Also how a workbook is written (pretty JSON), so reading and writing
//! the document sit together.

use std::cmp::Ordering;
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::StoreError;
use crate::domain::{SCHEMA_VERSION, Workbook};

/// The one field read before the rest: it decides how to read the rest.
#[derive(Deserialize)]
struct Header {
    schema_version: u32,
}

/// Parses a workbook file's bytes, migrating older schema versions.
pub(super) fn parse_workbook(bytes: &[u8], path: &Path) -> Result<Workbook, StoreError> {
    let mut workbook: Workbook = parse_document(bytes, path)?;
    workbook.split_progress_by_author();
    Ok(workbook)
}

/// Parses any document that is a workbook at its top level (a workbook
/// file, or an export with its journal beside the workbook's fields), with
/// the same version check and migration as the store, so an import reads
/// old files exactly as opening them would.
pub(crate) fn parse_document<T: DeserializeOwned>(
    bytes: &[u8],
    path: &Path,
) -> Result<T, StoreError> {
    // A byte-order mark, as some editors on Windows add, is not part of
    // the document.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let as_corrupt = |err: serde_json::Error| corrupt(path, &err);
    let header: Header = serde_json::from_slice(bytes).map_err(as_corrupt)?;
    match header.schema_version.cmp(&SCHEMA_VERSION) {
        Ordering::Greater => Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: header.schema_version,
            supported: SCHEMA_VERSION,
            backup: None,
        }),
        // The common case reads straight from the bytes, so errors keep
        // their line and column.
        Ordering::Equal => serde_json::from_slice(bytes).map_err(as_corrupt),
        Ordering::Less => {
            let value = serde_json::from_slice(bytes).map_err(as_corrupt)?;
            let value =
                migrate(value, header.schema_version).map_err(|message| StoreError::Corrupt {
                    path: path.to_path_buf(),
                    line: 1,
                    column: 1,
                    message,
                    backup: None,
                })?;
            serde_json::from_value(value).map_err(as_corrupt)
        }
    }
}

/// Brings a document written as schema version `from` up to
/// [`SCHEMA_VERSION`], one version at a time: each step reshapes the JSON
/// and sets the next `"schema_version"`. Old files are only ever rewritten
/// by a later save, and their previous bytes are in the backups.
fn migrate(mut value: Value, from: u32) -> Result<Value, String> {
    for version in from..SCHEMA_VERSION {
        value = migrate_step(value, version)?;
    }
    Ok(value)
}

/// Upgrades a document from `version` to `version + 1`.
fn migrate_step(value: Value, version: u32) -> Result<Value, String> {
    match version {
        1 => v1_to_v2(value),
        2 => v2_to_v3(value),
        _ => Err(format!(
            "schema version {version} was never written by trustwork"
        )),
    }
}

/// Version 2 names who writes: the workbook's single `role` becomes its
/// first participant. The participant takes the workbook's id, so reading
/// the same old file twice gives the same participant.
fn v1_to_v2(mut value: Value) -> Result<Value, String> {
    let doc = value
        .as_object_mut()
        .ok_or("the workbook is not a JSON object")?;
    let role = doc.remove("role").ok_or("the workbook has no role")?;
    let id = doc.get("id").cloned().ok_or("the workbook has no id")?;
    doc.insert(
        "participants".into(),
        serde_json::json!([{ "id": id, "name": crate::domain::SOLO_NAME, "role": role }]),
    );
    doc.insert("schema_version".into(), Value::from(2));
    Ok(value)
}

/// Version 3 adds couple mode's conversations and agreements. Both start
/// empty, so the step only moves the number; it exists so that an older
/// trustwork, which would drop them on save, refuses the file instead.
fn v2_to_v3(mut value: Value) -> Result<Value, String> {
    let doc = value
        .as_object_mut()
        .ok_or("the workbook is not a JSON object")?;
    doc.insert("schema_version".into(), Value::from(3));
    Ok(value)
}

fn corrupt(path: &Path, err: &serde_json::Error) -> StoreError {
    // serde_json appends the position to its message; we report it apart.
    let full = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    StoreError::Corrupt {
        path: path.to_path_buf(),
        line: err.line(),
        column: err.column(),
        message: full.strip_suffix(&position).unwrap_or(&full).to_string(),
        backup: None,
    }
}

/// Pretty JSON with a trailing newline, friendly to people and to diff.
pub(super) fn to_json(workbook: &Workbook) -> Result<Vec<u8>, StoreError> {
    let mut bytes = serde_json::to_vec_pretty(workbook)?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn migrate_v1_names_the_role_as_the_first_participant() {
        let id = "0190d3a2-0000-7000-8000-000000000000";
        let v1 = serde_json::json!({"schema_version": 1, "id": id, "role": "hurt", "x": 1});
        let v2 = v1_to_v2(v1).unwrap();
        assert_eq!(
            v2,
            serde_json::json!({
                "schema_version": 2, "id": id, "x": 1,
                "participants": [{"id": id, "name": "Me", "role": "hurt"}]
            })
        );
        let v3 = migrate(v2, 2).unwrap();
        assert_eq!(v3["schema_version"], 3, "v3 only moves the number");
        assert!(migrate(serde_json::json!({"schema_version": 1}), 1).is_err());
        assert!(migrate(serde_json::json!({}), 0).is_err());
    }
}
