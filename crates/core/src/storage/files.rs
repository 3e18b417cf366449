//! File helpers every part of the store writes with: atomic replacement,
//! new private files, private folders, and I/O errors that name what was
//! being done to which file. A leaf: it knows nothing of workbooks, so
//! the store, backups, journal and recovery files can all build on it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};

use super::StoreError;

/// UTC, fixed width and without `:` so names sort by time and are valid on
/// every filesystem; millis because saves can come several per second.
pub(super) const STAMP_FORMAT: &str = "%Y%m%dT%H%M%S%.3fZ";

/// `at` as it goes into a file name (see [`STAMP_FORMAT`]).
pub(super) fn stamp<Tz: TimeZone>(at: &DateTime<Tz>) -> String {
    at.with_timezone(&Utc).format(STAMP_FORMAT).to_string()
}

/// Writes `bytes` to `path` atomically: temp file in the same dir, fsync,
/// rename, fsync dir. The file is private to the user.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// Copies what `source` reads to `path` as [`write_atomic`] writes, a
/// stretch at a time: a journal of years is never held in memory to be
/// backed up.
pub fn copy_atomic(path: &Path, mut source: impl io::Read) -> Result<(), StoreError> {
    write_atomic_with(path, |file| io::copy(&mut source, file).map(|_| ()))
}

/// [`write_atomic`] of what `fill` writes, buffered, without the bytes
/// gathered in memory first.
pub fn write_atomic_streamed(
    path: &Path,
    fill: impl FnOnce(&mut io::BufWriter<&mut atomic_write_file::AtomicWriteFile>) -> io::Result<()>,
) -> Result<(), StoreError> {
    write_atomic_with(path, |file| {
        let mut out = io::BufWriter::with_capacity(1 << 20, file);
        fill(&mut out)?;
        out.flush()
    })
}

pub(super) fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut atomic_write_file::AtomicWriteFile) -> io::Result<()>,
) -> Result<(), StoreError> {
    let error = io_error("save", path);
    let mut options = atomic_write_file::OpenOptions::new();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600).preserve_mode(false);
    }
    let mut file = options.open(path).map_err(&error)?;
    // The umask could make the mode stricter than asked; never looser, but
    // set it exactly so the result does not depend on the environment.
    #[cfg(unix)]
    set_mode(&file, 0o600).map_err(&error)?;
    fill(&mut file).map_err(&error)?;
    file.commit().map_err(error)
}

/// Writes a new file (refusing to replace one), private and synced.
pub(super) fn write_new_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Creates `dir` with mode 0700 if it is missing; an existing dir is left
/// as the user made it.
pub(super) fn ensure_private_dir(dir: &Path, action: &'static str) -> Result<(), StoreError> {
    let error = io_error(action, dir);
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(&error)?;
    }
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(dir) {
        Ok(()) => {}
        // Someone else just made it: theirs, so leave it as it is.
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => return Ok(()),
        Err(err) => return Err(error(err)),
    }
    #[cfg(unix)]
    fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o700)).map_err(error)?;
    Ok(())
}

#[cfg(unix)]
fn set_mode(file: &File, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(mode))
}

/// Whether anything is at `path`.
pub(super) fn exists(path: &Path) -> bool {
    // symlink_metadata so that even a dangling link counts as taken.
    fs::symlink_metadata(path).is_ok()
}

/// Turns an I/O error into one that says what was being done, and to what.
pub(super) fn io_error(action: &'static str, path: &Path) -> impl Fn(io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        action,
        path: path.clone(),
        source,
    }
}

/// Reads `buf.len()` bytes of `file` from byte `offset`, without moving
/// a cursor another thread reading the same file would share.
pub(crate) fn read_exact_at(file: &fs::File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
    }
    #[cfg(not(unix))]
    {
        use std::io::{Read, Seek};
        let mut file = file.try_clone()?;
        file.seek(io::SeekFrom::Start(offset))?;
        file.read_exact(buf)
    }
}
