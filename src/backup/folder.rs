//! The backup folder: which one, making the default one, what is in it, and files of
//! our own left behind by an interrupted backup.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use serde::Serialize;

use super::name;
use crate::error::{Error, Result};
use crate::store::Store;

/// The temporary name a backup is written under, in the folder it goes to.
pub const PARTIAL_PREFIX: &str = ".caseload-backup-";
pub const PARTIAL_SUFFIX: &str = ".partial";

/// A backup file in a folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupFile {
    /// The file name (`caseload-backup-YYYY-MM-DD-HHMMSS.db`).
    pub name: String,
    pub path: String,
    /// When it was taken (from its name).
    pub taken_at: Timestamp,
    /// Bytes on disk.
    pub size: u64,
}

/// `backups` beside the store: where backups go until another folder is chosen.
pub fn default_for(store: &Store) -> PathBuf {
    store
        .path()
        .parent()
        .map_or_else(|| PathBuf::from("backups"), |dir| dir.join("backups"))
}

/// The folder chosen in Settings, else `backups` beside the store.
pub fn chosen_or_default(store: &Store) -> Result<(PathBuf, bool)> {
    let settings = store.read(crate::settings::backups::get)?;
    Ok(match settings.folder {
        Some(folder) => (PathBuf::from(folder), true),
        None => (default_for(store), false),
    })
}

/// Creates `dir` readable by its owner only, if it is missing (the default folder;
/// a folder the coordinator chose must exist already).
pub fn ensure_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Creates `path`, which must not exist, owner-only (0600) from its first byte.
pub fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// The backups in `folder` (files named exactly like ours), newest first. A folder that
/// does not exist yet holds none.
pub fn list(folder: &Path) -> Result<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Error::invalid(
                "folder",
                format!("Caseload cannot read the folder {}: {e}.", folder.display()),
            ));
        }
    };
    let mut out: Vec<BackupFile> = entries
        .flatten()
        .filter_map(|entry| {
            let file_name = entry.file_name();
            let file_name = file_name.to_str()?;
            let taken_at = name::parse(file_name)?;
            let metadata = entry.metadata().ok().filter(|m| m.is_file())?;
            Some(BackupFile {
                name: file_name.to_owned(),
                path: entry.path().display().to_string(),
                taken_at,
                size: metadata.len(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.taken_at
            .cmp(&a.taken_at)
            .then_with(|| b.name.cmp(&a.name))
    });
    Ok(out)
}

/// Removes partial backups (and their rollback journals) that an interrupted backup
/// left in `folder`. Only files untouched for a minute go: a fresh one belongs to a
/// backup still being written by another window or command.
pub fn remove_stale_partials(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let ours = file_name.starts_with(PARTIAL_PREFIX)
            && (file_name.ends_with(PARTIAL_SUFFIX)
                || file_name.ends_with(&format!("{PARTIAL_SUFFIX}-journal")));
        if ours && untouched_for(&entry, Duration::from_secs(60)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether `entry` was last modified more than `age` ago.
pub fn untouched_for(entry: &std::fs::DirEntry, age: Duration) -> bool {
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|modified| modified.elapsed().ok())
        .is_some_and(|elapsed| elapsed > age)
}
