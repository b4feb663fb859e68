//! Putting a backup in the store's place, keeping the store that was there.
//!
//! The order of the steps is what makes a crash harmless. Nothing touches
//! `caseload.db` until the backup has been checked and copied whole beside it:
//!
//! 1. The backup must open with the passphrase, pass `integrity_check`, hold the
//!    caseload's tables and be no newer than this Caseload. Otherwise: refused,
//!    nothing changed.
//! 2. The current store (not open in this process: the caller dropped it) is
//!    checkpointed — opened with the passphrase, `wal_checkpoint(TRUNCATE)`, closed — so
//!    `caseload.db` alone holds all of it. A store another window or command has open
//!    is refused (its `-wal` outlives our connection). A store that cannot be opened
//!    (damaged: the usual reason to restore) is kept as it is, with its `-wal` if it
//!    has one.
//! 3. It is kept aside, never deleted: `caseload.db` is hard-linked (copied where the
//!    file system has no hard links) to `caseload.db.before-restore-<UTC stamp>`, the
//!    same owner-only file under a second name; a `-wal` goes with it.
//! 4. The backup is copied to `caseload.db.restoring-<uuid>`, owner-only from its first
//!    byte, and flushed to disk.
//! 5. The old store's `-wal` (kept aside in step 3) and `-shm` (an index of it), if
//!    any are left, are removed: a log left beside the restored file would be replayed
//!    into it.
//! 6. `rename` puts the copy over `caseload.db` (atomic on one file system), and the
//!    folder is flushed so the new name survives a power cut.
//! 7. The restored store is opened (migrated if the backup is older) and the restore is
//!    written to its audit trail.
//!
//! A crash before step 6 leaves the old `caseload.db` in place, whole (at worst,
//! interrupted in step 5, without a `-wal` that its kept-aside copy still has); a crash
//! after it leaves the backup in place, whole. The rename is the one moment the store
//! changes, so there is never a mix of the two. Leftover `caseload.db.restoring-*`
//! files are removed by the next restore.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use serde::Serialize;

use super::counts::Counts;
use super::folder::{create_private, ensure_private_dir, untouched_for};
use super::name;
use crate::audit::AuditEntry;
use crate::error::{Error, Result};
use crate::store::{SCHEMA_VERSION, Store, StoreError, store_file};

const RESTORING: &str = "caseload.db.restoring-";
const BEFORE_RESTORE: &str = "caseload.db.before-restore-";

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Restored {
    /// The backup restored from.
    pub from: String,
    /// When it was taken, when its name says.
    pub taken_at: Option<Timestamp>,
    /// Where the store that was there is kept (`None`: there was none).
    pub kept_aside: Option<String>,
    /// The restored store's counts.
    pub counts: Counts,
}

/// Where a test makes a restore fail on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fault {
    None,
    /// After the copy is flushed, just before the rename.
    BeforeRename,
}

pub(super) fn restore(
    data_dir: &Path,
    passphrase: &str,
    file: &Path,
    fault: Fault,
) -> Result<Restored> {
    // Recorded as a full path: the audit trail must say which file, wherever it was typed.
    let file = &std::path::absolute(file).unwrap_or_else(|_| file.to_owned());
    let store_path = store_file(data_dir);
    let backup = checked_backup(file, &store_path, passphrase)?;
    if data_dir.exists() {
        remove_stale_copies(data_dir);
    } else {
        ensure_private_dir(data_dir).map_err(|e| folder_error(data_dir, e))?;
    }
    let now = Timestamp::now();
    let kept_aside = if std::fs::symlink_metadata(&store_path).is_ok() {
        checkpoint(&store_path, passphrase)?;
        Some(keep_aside(data_dir, &store_path, now)?)
    } else {
        None
    };
    let restoring = data_dir.join(format!("{RESTORING}{}", crate::ids::new_id()));
    let swapped = (|| {
        copy_private(file, &restoring).map_err(|e| folder_error(data_dir, e))?;
        if fault == Fault::BeforeRename {
            return Err(Error::Internal("a fault injected before the rename".into()));
        }
        for leftover in ["caseload.db-wal", "caseload.db-shm"] {
            match std::fs::remove_file(data_dir.join(leftover)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(folder_error(data_dir, e));
                }
                _ => {}
            }
        }
        std::fs::rename(&restoring, &store_path).map_err(|e| folder_error(data_dir, e))
    })();
    if let Err(e) = swapped {
        let _ = std::fs::remove_file(&restoring);
        return Err(e);
    }
    let _ = crate::store::sync_dir(data_dir);

    let mut store = Store::open(data_dir, passphrase)?;
    let kept_name = kept_aside
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    store.write(|w| {
        let entry = AuditEntry::event("restore")
            .detail("from", file.display())
            .detail(
                "taken_at",
                backup
                    .taken_at
                    .map_or_else(|| "unknown".to_owned(), |t| t.to_string()),
            )
            .detail("kept_aside", kept_name.as_deref().unwrap_or("none"))
            .detail("counts", backup.counts.summary());
        w.audit(entry)
    })?;
    Ok(Restored {
        from: file.display().to_string(),
        taken_at: backup.taken_at,
        kept_aside: kept_aside.map(|p| p.display().to_string()),
        counts: backup.counts,
    })
}

/// What step 1 learnt about the backup.
struct Checked {
    taken_at: Option<Timestamp>,
    counts: Counts,
}

/// Step 1: the backup opens with `passphrase`, is sound, is a caseload, and is not
/// the store itself.
fn checked_backup(file: &Path, store_path: &Path, passphrase: &str) -> Result<Checked> {
    if let (Ok(a), Ok(b)) = (file.canonicalize(), store_path.canonicalize())
        && a == b
    {
        return Err(Error::invalid(
            "file",
            format!(
                "{} is the caseload store itself, not a backup. Nothing was changed.",
                file.display()
            ),
        ));
    }
    let summary = super::inspect_with_passphrase(passphrase, file)?;
    if !summary.integrity_ok {
        return Err(Error::invalid(
            "file",
            format!(
                "The backup {} is damaged (its integrity check failed), so it was not \
                 restored. Nothing was changed. Choose an earlier backup.",
                file.display()
            ),
        ));
    }
    if summary.schema_version > SCHEMA_VERSION {
        return Err(Error::invalid(
            "file",
            format!(
                "The backup {} was made by a newer version of Caseload (store version {}; \
                 this version reads up to {SCHEMA_VERSION}). Nothing was changed. Install \
                 the newer Caseload to restore it.",
                file.display(),
                summary.schema_version
            ),
        ));
    }
    Ok(Checked {
        taken_at: summary.taken_at,
        counts: summary.counts,
    })
}

/// Step 2: the current store's write-ahead log emptied into it, if it opens.
///
/// The last connection to close deletes the `-wal` file; one still there after ours
/// closed means another connection (a window, a command) still has the store open, idle
/// or not. Replacing the file under it would send its next save into the old store's
/// log, lost to both: refused.
fn checkpoint(store_path: &Path, passphrase: &str) -> Result<()> {
    let in_use = || {
        Error::Conflict(
            "Another Caseload window or command has the caseload store open. Close it (or \
             lock it) and try again. Nothing was changed."
                .into(),
        )
    };
    match crate::store::checkpoint_file(store_path, passphrase) {
        Ok(()) if with_suffix(store_path, "-wal").exists() => Err(in_use()),
        Ok(()) => Ok(()),
        Err(e) if is_busy(&e) => Err(in_use()),
        // Damaged, or another passphrase: it is kept aside as it is, -wal and all.
        Err(_) => Ok(()),
    }
}

fn is_busy(e: &Error) -> bool {
    let sqlite = match e {
        Error::Database(e) => Some(e),
        Error::Store(StoreError::Sqlite { source, .. }) => Some(source),
        _ => None,
    };
    sqlite
        .and_then(rusqlite::Error::sqlite_error_code)
        .is_some_and(|c| {
            matches!(
                c,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            )
        })
}

/// Step 3: `caseload.db` (and a `-wal` left beside it) under a second name.
fn keep_aside(data_dir: &Path, store_path: &Path, now: Timestamp) -> Result<PathBuf> {
    let stamp = name::stamp(now);
    for n in 1..100 {
        let aside = if n == 1 {
            data_dir.join(format!("{BEFORE_RESTORE}{stamp}"))
        } else {
            data_dir.join(format!("{BEFORE_RESTORE}{stamp}-{n}"))
        };
        match link_or_copy(store_path, &aside) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(folder_error(data_dir, e)),
        }
        let wal = with_suffix(store_path, "-wal");
        if wal.exists() {
            link_or_copy(&wal, &with_suffix(&aside, "-wal"))
                .map_err(|e| folder_error(data_dir, e))?;
        }
        let _ = crate::store::sync_dir(data_dir);
        return Ok(aside);
    }
    Err(Error::Conflict(format!(
        "Too many restores in one second in {}; nothing was changed. Try again.",
        data_dir.display()
    )))
}

/// A hard link, so the kept store is the very same file; a copy (owner-only, flushed)
/// where the file system has no hard links.
fn link_or_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => copy_private(from, to),
    }
}

/// Copies `from` to the new file `to`, owner-only from its first byte, flushed to disk.
fn copy_private(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut source = File::open(from)?;
    let copied = (|| {
        let mut target = create_private(to)?;
        std::io::copy(&mut source, &mut target)?;
        target.sync_all()
    })();
    if copied.is_err() {
        let _ = std::fs::remove_file(to);
    }
    copied
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Copies an interrupted restore left behind (untouched for a minute).
fn remove_stale_copies(data_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(data_dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(RESTORING)
            && untouched_for(&entry, Duration::from_secs(60))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn folder_error(dir: &Path, source: std::io::Error) -> Error {
    StoreError::Folder {
        path: dir.to_owned(),
        source,
    }
    .into()
}
