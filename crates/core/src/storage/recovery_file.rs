//! Recovery files: text a crash would have lost, kept in the data folder's
//! `recovered/` folder as small JSON files (readable only by the owner)
//! until the next start has put it in a journal. A folder of their own
//! keeps them out of the workbook listing.

use std::path::{Path, PathBuf};

use super::files::{ensure_private_dir, io_error, write_atomic};
use super::{Recovered, StoreError, WorkbookKey};

const PREFIX: &str = "recovered-";
const FOLDER: &str = "recovered";

pub fn write(dir: &Path, key: Option<&WorkbookKey>, text: &str) -> Result<PathBuf, StoreError> {
    let recovered = Recovered {
        workbook: key.cloned(),
        text: text.to_string(),
        at: crate::domain::now(),
        path: PathBuf::new(),
    };
    let folder = dir.join(FOLDER);
    ensure_private_dir(&folder, "create the recovery folder")?;
    let path = folder.join(format!("{PREFIX}{}.json", uuid::Uuid::now_v7()));
    let mut bytes = serde_json::to_vec_pretty(&recovered)?;
    bytes.push(b'\n');
    write_atomic(&path, &bytes)?;
    Ok(path)
}

/// Every readable recovery file, oldest first. One that cannot be read is
/// left where it is (its text is still there for a person to see).
pub fn list(dir: &Path) -> Result<Vec<Recovered>, StoreError> {
    let folder = dir.join(FOLDER);
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let entries = std::fs::read_dir(&folder).map_err(io_error("list", &folder))?;
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let named = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(".json"));
        if !named {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        if let Ok(mut recovered) = serde_json::from_slice::<Recovered>(&bytes) {
            recovered.path = path;
            found.push(recovered);
        }
    }
    found.sort_by_key(|r| r.at);
    Ok(found)
}

pub fn forget(recovered: &Recovered) -> Result<(), StoreError> {
    std::fs::remove_file(&recovered.path).map_err(io_error("remove", &recovered.path))
}
