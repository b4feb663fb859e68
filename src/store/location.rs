//! Where the store lives, and who is working with it.

use std::path::{Path, PathBuf};

use super::StoreError;

/// Overrides the data directory (tests, demos, a second caseload on one laptop).
pub const DATA_DIR_ENV: &str = "CASELOAD_DATA_DIR";

/// The database file inside a data directory.
pub fn store_file(dir: &Path) -> PathBuf {
    dir.join("caseload.db")
}

/// `$CASELOAD_DATA_DIR`, else the OS data directory (`~/.local/share/caseload` on Linux).
pub fn default_data_dir() -> Result<PathBuf, StoreError> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "Caseload", "caseload")
        .map(|dirs| dirs.data_dir().to_owned())
        .ok_or_else(|| StoreError::Folder {
            path: PathBuf::from("~"),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no home directory is known for this user",
            ),
        })
}

/// Creates `dir` readable by its owner only: the file is encrypted, but its name and
/// size are nobody else's business either. A folder that already exists keeps its
/// permissions: it may be the coordinator's own choice (a shared or home folder).
pub(super) fn ensure_private_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.is_dir() {
        return Ok(());
    }
    let folder_error = |source| StoreError::Folder {
        path: dir.to_owned(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(folder_error)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(folder_error)?;
    }
    Ok(())
}

/// Creates `path` (which must not exist yet) readable and writable by its owner only
/// from its first byte: a file made with the default mode and tightened afterwards is
/// readable by others in between. SQLite gives a database's -journal, -wal and -shm
/// files the database file's mode, so they are owner-only too.
pub(super) fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Removes temporary files that creations interrupted by a crash left behind; they
/// hold no patient data (a store is only used once it is linked into place). Only
/// files untouched for a minute go: a fresh one belongs to a creation still running.
pub(super) fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let stale = |entry: &std::fs::DirEntry| {
        entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(60))
    };
    for entry in entries.flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with("caseload.db.creating")
            && stale(&entry)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The operating-system account name, recorded as the actor of audit entries.
/// One coordinator works on one laptop, so the login is who made the change.
pub(crate) fn current_actor() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "coordinator".to_owned())
}
