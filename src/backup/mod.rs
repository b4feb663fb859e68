//! Backups: encrypted, verified, rotating copies of the store, and restoring one.
//!
//! A backup is a snapshot of the open store (`Store::snapshot`: `VACUUM INTO` a new
//! owner-only file, encrypted with the store's own key, so it opens with the same
//! passphrase), written under a temporary name in the backup folder, checked
//! (`integrity_check`, and the main tables' row counts between the store's just before
//! and just after) and only then renamed to `caseload-backup-YYYY-MM-DD-HHMMSS.db`
//! (UTC; `name.rs`). The folder is the one given, else the one chosen in Settings
//! (`settings::backups`), else `backups` beside the store (`folder.rs`). A good backup
//! is recorded in one change: its audit entry and the "last good backup" setting
//! (`status.rs` says from it whether a backup is due or overdue). Rotation
//! (`rotation.rs`) then removes older backups beyond the newest of each of the last 14
//! days and 8 ISO weeks. A failed backup is recorded as `backup_failed` with the reason
//! and changes nothing else. `restore.rs` puts a backup in the store's place and keeps
//! the store that was there.
//!
//! Front ends decide when to back up: the desktop backs up automatically when one is
//! due; the CLI only when told to (`caseload backup`), so a script does exactly what it
//! says.

mod counts;
mod folder;
pub mod name;
mod restore;
pub mod rotation;
mod status;

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use serde::Serialize;

pub use counts::{Counts, TABLES};
pub use folder::{BackupFile, default_for};
pub use restore::Restored;
pub use status::{BackupStatus, DUE_AFTER_HOURS, LastGoodBackup, OVERDUE_AFTER_HOURS};

use crate::audit::AuditEntry;
use crate::error::{Error, Result};
use crate::settings::backups as settings;
use crate::store::{Reader, SnapshotError, Store, StoreError};
use folder::{PARTIAL_PREFIX, PARTIAL_SUFFIX};

/// A backup written, verified and recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupMade {
    /// The file name (`caseload-backup-YYYY-MM-DD-HHMMSS.db`).
    pub file: String,
    pub folder: String,
    /// The full path of the file.
    pub path: String,
    pub at: Timestamp,
    /// Bytes on disk.
    pub size: u64,
    pub counts: Counts,
    /// Integrity check "ok" and the counts as expected (a backup that is not is removed
    /// and reported as a failure, so this is always true).
    pub verified: bool,
    /// Older backups rotation removed from the folder.
    pub removed: Vec<String>,
}

/// What a backup file holds, to be seen before it is restored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupSummary {
    /// The file name.
    pub name: String,
    pub path: String,
    /// When it was taken, when its name says (a renamed copy does not).
    pub taken_at: Option<Timestamp>,
    /// Bytes on disk.
    pub size: u64,
    /// Rows in the main tables (zero when the integrity check failed).
    pub counts: Counts,
    pub integrity_ok: bool,
    /// The store version it was written with.
    pub schema_version: i64,
}

/// What Settings and Today show about backups: the status's fields (`last`,
/// `age_words`, `due`, `overdue`, …) and the folder, side by side in one object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupOverview {
    #[serde(flatten)]
    pub status: BackupStatus,
    /// Where the next backup goes.
    pub folder: String,
    /// Whether that folder was chosen in Settings (else it is `backups` beside the store).
    pub folder_chosen: bool,
}

/// Makes a backup of `store` into `folder` (else the folder chosen in Settings, else
/// `backups` beside the store, created owner-only if missing), verifies it, records it
/// (audit entry `backup` and the last good backup, in one change) and rotates older
/// backups out of that folder.
///
/// A folder that is missing, not writable or full, and a copy that does not verify,
/// are refused with a message on `folder` that names the folder and why; the refusal is
/// recorded as `backup_failed`, and nothing else in the store changes.
pub fn make(store: &mut Store, folder: Option<&Path>) -> Result<BackupMade> {
    let (folder, default) = match folder {
        Some(f) => (
            std::path::absolute(f).unwrap_or_else(|_| f.to_owned()),
            false,
        ),
        None => {
            let (f, chosen) = folder::chosen_or_default(store)?;
            (f, !chosen)
        }
    };
    if default && let Err(e) = folder::ensure_private_dir(&folder) {
        let why = format!(
            "Caseload could not create the folder {}: {e}.",
            folder.display()
        );
        return failed(store, &folder, why, None);
    }
    if let Some(problem) = settings::folder_problem(&folder) {
        return failed(store, &folder, problem, None);
    }
    folder::remove_stale_partials(&folder);
    let (at, file) = free_name(&folder);
    let target = folder.join(&file);
    let partial = folder.join(format!(
        "{PARTIAL_PREFIX}{}{PARTIAL_SUFFIX}",
        crate::ids::new_id()
    ));
    let snapshot = match store.snapshot(&partial, &target, &TABLES) {
        Ok(snapshot) => snapshot,
        Err(SnapshotError::Store(e)) => {
            let _ = record_failure(store, &folder, &e.to_string(), e.detail());
            return Err(e);
        }
        Err(e) => {
            let why = snapshot_problem(&folder, &e);
            let detail = match &e {
                SnapshotError::Write { detail, .. } => Some(detail.clone()),
                _ => None,
            };
            return failed(store, &folder, why, detail);
        }
    };
    let counts = Counts::from_rows(&snapshot.counts);
    let folder_text = folder.display().to_string();
    let listed: Vec<(String, Timestamp)> = folder::list(&folder)
        .unwrap_or_default()
        .into_iter()
        .map(|b| (b.name, b.taken_at))
        .collect();
    let rotate = rotation::to_remove(&listed, &file);
    let last = LastGoodBackup {
        at,
        file: file.clone(),
        folder: folder_text.clone(),
        size: snapshot.size,
        counts,
    };
    store.write(|w| {
        settings::put_last_good(w, &last)?;
        let mut entry = AuditEntry::event("backup")
            .detail("file", &file)
            .detail("folder", &folder_text)
            .detail("size", snapshot.size)
            .detail("counts", counts.summary())
            .detail("verified", "ok");
        if !rotate.is_empty() {
            entry = entry.detail("rotated_out", rotate.join(", "));
        }
        w.audit(entry)
    })?;
    let removed = rotate
        .into_iter()
        .filter(|old| std::fs::remove_file(folder.join(old)).is_ok())
        .collect();
    Ok(BackupMade {
        file,
        folder: folder_text,
        path: target.display().to_string(),
        at,
        size: snapshot.size,
        counts,
        verified: true,
        removed,
    })
}

/// The folder the next backup of `store` goes into, and whether it was chosen in
/// Settings (else it is `backups` beside the store).
pub fn folder(store: &Store) -> Result<(PathBuf, bool)> {
    folder::chosen_or_default(store)
}

/// The backups in `folder`, newest first (none when the folder does not exist yet).
pub fn list(folder: &Path) -> Result<Vec<BackupFile>> {
    folder::list(folder)
}

/// Where backups stand at `now`: the last good backup, its age, and whether one is
/// due (more than a day old, or none) or overdue (more than three days, or none).
pub fn status(r: &Reader<'_>, now: Timestamp) -> Result<BackupStatus> {
    Ok(status::of(settings::last_good(r)?, now))
}

/// What Settings shows: the status and where the next backup goes.
pub fn overview(store: &Store, now: Timestamp) -> Result<BackupOverview> {
    let status = store.read(|r| status(r, now))?;
    let (folder, folder_chosen) = folder::chosen_or_default(store)?;
    Ok(BackupOverview {
        status,
        folder: folder.display().to_string(),
        folder_chosen,
    })
}

/// What the backup `file` holds (date, size, counts, integrity), read with the open
/// store's key. A file that key does not open is refused on `file`.
pub fn inspect(store: &Store, file: &Path) -> Result<BackupSummary> {
    not_obviously_foreign(file)?;
    let check = store.check_copy(file, &TABLES).map_err(|e| {
        let wrong_key = format!(
            "The backup {} does not open with this caseload's passphrase: it was made with \
             another passphrase, or it is not a Caseload backup.",
            file.display()
        );
        unreadable(e, file, "file", wrong_key)
    })?;
    summary(file, check)
}

/// What the backup `file` holds, read with `passphrase` (no store needs to be open:
/// the store may be the damaged thing a restore replaces). A passphrase that does not
/// open it is refused on `passphrase`.
pub fn inspect_with_passphrase(passphrase: &str, file: &Path) -> Result<BackupSummary> {
    not_obviously_foreign(file)?;
    let check = crate::store::check_file(file, passphrase, &TABLES).map_err(|e| {
        let wrong_key = format!(
            "That passphrase does not open {}: the backup was made with another \
             passphrase (a backup opens with the passphrase the store had when it was \
             made), or it is not a Caseload backup. Nothing was changed.",
            file.display()
        );
        unreadable(e, file, "passphrase", wrong_key)
    })?;
    summary(file, check)
}

/// Puts the backup `file` in the place of the store in `data_dir`, which must not be
/// open in this process (the caller drops it first). The backup must open with
/// `passphrase` and pass its integrity check, or nothing changes. The store that was
/// there is kept aside as `caseload.db.before-restore-<UTC stamp>`, never deleted, and
/// the restore is written to the restored store's audit trail. See `restore.rs` for
/// the steps and why a crash at any point leaves either store whole.
pub fn restore(data_dir: &Path, passphrase: &str, file: &Path) -> Result<Restored> {
    restore::restore(data_dir, passphrase, file, restore::Fault::None)
}

/// [`restore`] failing on purpose after the backup is copied beside the store, just
/// before the rename that would put it in place: for tests of what a crash there
/// leaves. Only built with the `test-support` feature.
#[cfg(feature = "test-support")]
pub fn restore_failing_before_rename(
    data_dir: &Path,
    passphrase: &str,
    file: &Path,
) -> Result<Restored> {
    restore::restore(data_dir, passphrase, file, restore::Fault::BeforeRename)
}

/// A free backup name in `folder` for now: two backups in one second wait for the next.
fn free_name(folder: &Path) -> (Timestamp, String) {
    let mut at = Timestamp::now();
    for _ in 0..3 {
        if !folder.join(name::for_time(at)).exists() {
            break;
        }
        let into_second = u64::from(at.subsec_nanosecond().unsigned_abs());
        std::thread::sleep(Duration::from_nanos(
            1_000_000_000 - into_second.min(999_999_999),
        ));
        at = Timestamp::now();
    }
    // The moment as the name says it, so the record and the file agree.
    let at = Timestamp::from_second(at.as_second()).unwrap_or(at);
    (at, name::for_time(at))
}

/// Records a refused backup and returns the coordinator's message on `folder`.
fn failed(
    store: &mut Store,
    folder: &Path,
    why: String,
    detail: Option<String>,
) -> Result<BackupMade> {
    let _ = record_failure(store, folder, &why, detail);
    Err(Error::invalid(
        "folder",
        format!("No backup was made. {why} Nothing was changed in the caseload store."),
    ))
}

/// The `backup_failed` audit entry. Best effort: a store that cannot be written (a
/// full disk under the store too) must not hide why the backup failed.
fn record_failure(
    store: &mut Store,
    folder: &Path,
    why: &str,
    detail: Option<String>,
) -> Result<()> {
    store.write(|w| {
        let entry = AuditEntry::event("backup_failed")
            .detail("folder", folder.display())
            .detail("reason", why);
        let entry = match detail {
            Some(detail) => entry.detail("detail", detail),
            None => entry,
        };
        w.audit(entry)
    })
}

/// Why a snapshot failed, for the coordinator.
fn snapshot_problem(folder: &Path, e: &SnapshotError) -> String {
    use std::io::ErrorKind as K;
    let shown = folder.display();
    match e {
        SnapshotError::Write { kind, .. } => match kind {
            K::StorageFull | K::QuotaExceeded | K::FileTooLarge => format!(
                "The disk holding {shown} is full. Free some space or choose another folder."
            ),
            K::PermissionDenied | K::ReadOnlyFilesystem => format!(
                "Caseload may not write into the folder {shown} (it is read-only for you). \
                 Choose a folder of yours."
            ),
            K::NotFound => format!(
                "The folder {shown} is no longer there (was its drive unplugged?). Plug it \
                 back in or choose another folder."
            ),
            K::AlreadyExists => {
                format!("A backup of the same name is already in {shown}. Try again in a moment.")
            }
            _ => format!(
                "The disk holding {shown} could not be written. Try again, or choose \
                 another folder or drive."
            ),
        },
        SnapshotError::Verify(why) => format!(
            "The backup written to {shown} did not check out ({why}), so it was removed. \
             Try again; if it happens again, choose another folder or drive."
        ),
        SnapshotError::Store(e) => e.to_string(),
    }
}

/// Refuses, before any passphrase is tried, a file that cannot be a backup from its
/// size and first bytes: empty, a plain (unencrypted) SQLite database, or not whole
/// pages (cut short by a failed copy).
fn not_obviously_foreign(file: &Path) -> Result<()> {
    use std::io::Read;
    let Ok(metadata) = std::fs::metadata(file) else {
        // Missing or out of reach: the check itself says which.
        return Ok(());
    };
    let mut head = [0u8; 16];
    let read = std::fs::File::open(file)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let len = metadata.len();
    let page = crate::store::PAGE_SIZE;
    let why = if !metadata.is_file() {
        return Ok(());
    } else if len == 0 {
        "it is empty (0 bytes)"
    } else if head[..read].starts_with(b"SQLite format 3\0") {
        "it is a plain SQLite database, and Caseload's backups are encrypted"
    } else if len < page || len % page != 0 {
        "it is cut short or is not a database at all"
    } else {
        return Ok(());
    };
    Err(Error::invalid(
        "file",
        format!(
            "{} is not a Caseload backup: {why}. Nothing was changed.",
            file.display()
        ),
    ))
}

/// A backup file's check turned into its summary.
fn summary(file: &Path, check: crate::store::CopyCheck) -> Result<BackupSummary> {
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(BackupSummary {
        taken_at: name::parse(&name),
        name,
        path: file.display().to_string(),
        size,
        counts: Counts::from_rows(&check.counts),
        integrity_ok: check.integrity_ok(),
        schema_version: check.schema_version,
    })
}

/// A backup that could not be read, in the coordinator's words: a key that does not
/// open it is reported on `key_field` with `wrong_key`.
fn unreadable(e: Error, file: &Path, key_field: &str, wrong_key: String) -> Error {
    use crate::store::Problem;
    let not_a_backup = || {
        Error::invalid(
            "file",
            format!(
                "{} is damaged or is not a Caseload backup; it cannot be read. Nothing was \
                 changed.",
                file.display()
            ),
        )
    };
    match e {
        Error::Store(StoreError::WrongPassphrase) => Error::invalid(key_field, wrong_key),
        Error::Database(ref source) => match Problem::of(source) {
            // Damaged pages, or a database without the caseload's tables.
            Problem::Damaged | Problem::Internal => not_a_backup(),
            _ => e,
        },
        Error::Store(StoreError::Sqlite {
            problem: Problem::Damaged | Problem::Internal,
            ..
        }) => not_a_backup(),
        e => e,
    }
}
