//! Snapshots: a consistent, encrypted copy of the open store written into another file
//! and checked before it is trusted. Backups are made of these (`crate::backup`).
//!
//! The copy is made with `VACUUM INTO`, never by copying `caseload.db`: the live file
//! alone misses the committed pages still in its `-wal`, and a copy taken while a write
//! runs can mix two states. `VACUUM INTO` reads the store in one read transaction, so
//! the copy is one consistent state even while other connections keep writing.
//!
//! **SQLCipher and `VACUUM INTO`** (checked by
//! `vacuum_into_writes_an_encrypted_copy_with_the_same_key` below, with SQLCipher
//! 4.19): SQLite runs `VACUUM INTO` by attaching the target file without a `KEY`
//! clause, and SQLCipher gives a database attached without a key the main database's
//! key. The copy is therefore encrypted with the store's own passphrase (its own random
//! salt, no "SQLite format 3" header) and opens with it; no `sqlcipher_export` is
//! needed. `VACUUM INTO` also accepts an existing *empty* file, which is how the copy is
//! owner-only (0600) from its first byte: the file is created with that mode first.
//!
//! The store knows no domain: the caller names the tables whose row counts check a copy.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError, location};
use crate::error::{Error, Result};

/// The schema name a copy is attached under while it is checked.
const CHECKED: &str = "copy_check";

/// Rows in each table asked for, in the order asked.
pub type RowCounts = Vec<(String, i64)>;

/// What checking a copy found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyCheck {
    /// What `PRAGMA integrity_check` said: `["ok"]` for a sound file, else its findings
    /// (at most the first ten).
    pub integrity: Vec<String>,
    /// Rows in each table asked for.
    pub counts: RowCounts,
    /// The copy's schema version (`PRAGMA user_version`).
    pub schema_version: i64,
}

impl CopyCheck {
    pub fn integrity_ok(&self) -> bool {
        self.integrity.len() == 1 && self.integrity[0] == "ok"
    }
}

/// A snapshot written, checked and in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub path: PathBuf,
    /// Bytes on disk.
    pub size: u64,
    /// Rows in each table asked for, in the copy.
    pub counts: RowCounts,
}

/// Why a snapshot was not made. The partial file is gone in every case.
#[derive(Debug)]
pub enum SnapshotError {
    /// The file could not be created, written or put in its place: `kind` says why in
    /// the operating system's terms (`StorageFull`, `PermissionDenied`, …), `detail` in
    /// its or SQLite's words.
    Write {
        kind: std::io::ErrorKind,
        detail: String,
    },
    /// The copy was written but does not check out: why, in plain words.
    Verify(String),
    /// The store itself could not be read.
    Store(Error),
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::Write { detail, .. } => write!(f, "{detail}"),
            SnapshotError::Verify(why) => write!(f, "{why}"),
            SnapshotError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl Store {
    /// Writes a consistent encrypted copy of the store to `target`, which must not
    /// exist yet. The copy is made owner-only (0600) from its first byte under the
    /// temporary name `partial` (in the same folder), checked with [`Store::check_copy`]
    /// — `integrity_check` is "ok" and each of `tables` has at least as many rows as
    /// the store had just before the copy and at most as many as just after (rows are
    /// only ever added, so this holds while other writes go on) — flushed to disk, and
    /// only then renamed to `target`. Any failure removes the partial file.
    pub fn snapshot(
        &self,
        partial: &Path,
        target: &Path,
        tables: &[&str],
    ) -> std::result::Result<Snapshot, SnapshotError> {
        let before = count_rows(&self.conn, "main", tables).map_err(SnapshotError::Store)?;
        // Owner-only from its first byte: VACUUM INTO writes into an existing empty file.
        drop(location::create_private_file(partial).map_err(io_failure)?);
        let made = self.write_checked_copy(partial, target, tables, &before);
        if made.is_err() {
            remove_with_journal(partial);
        }
        made
    }

    fn write_checked_copy(
        &self,
        partial: &Path,
        target: &Path,
        tables: &[&str],
        before: &RowCounts,
    ) -> std::result::Result<Snapshot, SnapshotError> {
        let name = path_text(partial).map_err(io_failure)?;
        self.conn
            .execute("VACUUM INTO ?1", [name])
            .map_err(sqlite_failure)?;
        let after = count_rows(&self.conn, "main", tables).map_err(SnapshotError::Store)?;
        let check = self
            .check_copy(partial, tables)
            .map_err(|e| SnapshotError::Verify(format!("the copy could not be read back ({e})")))?;
        if !check.integrity_ok() {
            return Err(SnapshotError::Verify(format!(
                "the copy's integrity check failed: {}",
                check.integrity.join("; ")
            )));
        }
        if let Some(why) = outside_bounds(before, &check.counts, &after) {
            return Err(SnapshotError::Verify(why));
        }
        std::fs::File::open(partial)
            .and_then(|f| f.sync_all())
            .map_err(io_failure)?;
        // No clobbering: a backup of that name is kept as it is.
        if std::fs::symlink_metadata(target).is_ok() {
            return Err(io_failure(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("{} already exists", target.display()),
            )));
        }
        std::fs::rename(partial, target).map_err(io_failure)?;
        if let Some(dir) = target.parent() {
            // Best effort: the file is whole either way; this makes its name durable.
            let _ = sync_dir(dir);
        }
        let size = std::fs::metadata(target).map_err(io_failure)?.len();
        Ok(Snapshot {
            path: target.to_owned(),
            size,
            counts: check.counts,
        })
    }

    /// Checks the database file `file` with this store's key (it is attached without a
    /// key clause, so SQLCipher uses the store's): its `integrity_check`, schema version
    /// and the rows in each of `tables`. A file the key does not open fails with
    /// `wrong_passphrase`; nothing is written to the file.
    pub fn check_copy(&self, file: &Path, tables: &[&str]) -> Result<CopyCheck> {
        // ATTACH would create a missing file: say it is missing instead.
        existing_file(file)?;
        let name = path_text(file).map_err(|e| Error::NotFound(e.to_string()))?;
        self.conn
            .execute(&format!("ATTACH DATABASE ?1 AS {CHECKED}"), [name])?;
        let checked = (|| {
            // The attached file gets the everyday cache: integrity_check reads every page.
            self.conn
                .execute_batch(&format!("PRAGMA {CHECKED}.cache_size = -32000;"))?;
            check_schema(&self.conn, CHECKED, tables)
        })();
        let detached = self
            .conn
            .execute_batch(&format!("DETACH DATABASE {CHECKED}"));
        let checked = checked?;
        detached?;
        Ok(checked)
    }
}

/// Checks the database file `file` with `passphrase`, opened read-only on a connection
/// of its own (a backup looked at before a restore, with no store open): its
/// `integrity_check`, schema version and the rows in each of `tables`. A passphrase
/// that does not open it (or a file that is no SQLCipher database) fails with
/// `wrong_passphrase`.
pub fn check_file(file: &Path, passphrase: &str, tables: &[&str]) -> Result<CopyCheck> {
    existing_file(file)?;
    let conn = open_read_only(file, passphrase)?;
    let checked = check_schema(&conn, "main", tables);
    drop(conn);
    checked
}

/// Empties the write-ahead log of the store file `file` into the file itself
/// (`wal_checkpoint(TRUNCATE)`) and closes it, so the file alone holds the whole store.
/// Fails with `busy` when another connection (a window, a command) holds it.
pub fn checkpoint_file(file: &Path, passphrase: &str) -> Result<()> {
    let conn = super::open_keyed(file, passphrase)?;
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
    if busy != 0 {
        return Err(Error::Database(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        )));
    }
    conn.close().map_err(|(_, e)| Error::from(e))
}

/// Flushes a folder's entries (a new or renamed file's name) to disk.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

fn existing_file(file: &Path) -> Result<()> {
    match std::fs::metadata(file) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(_) => Err(Error::NotFound(format!(
            "{} is a folder, not a file.",
            file.display()
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::NotFound(format!(
            "There is no file {}.",
            file.display()
        ))),
        Err(e) => Err(StoreError::Folder {
            path: file.to_owned(),
            source: e,
        }
        .into()),
    }
}

fn open_read_only(file: &Path, passphrase: &str) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(file, flags)?;
    super::set_key(&conn, passphrase)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cache_size", -super::CACHE_KIB)?;
    Ok(conn)
}

/// Integrity, schema version and row counts of the database attached as `schema`.
fn check_schema(conn: &Connection, schema: &str, tables: &[&str]) -> Result<CopyCheck> {
    let schema_version: i64 =
        conn.query_row(&format!("PRAGMA {schema}.user_version"), [], |row| {
            row.get(0)
        })?;
    let integrity = {
        let mut stmt = conn.prepare(&format!("PRAGMA {schema}.integrity_check(10)"))?;
        let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()?
    };
    let counts = if integrity.len() == 1 && integrity[0] == "ok" {
        count_rows(conn, schema, tables)?
    } else {
        Vec::new()
    };
    Ok(CopyCheck {
        integrity,
        counts,
        schema_version,
    })
}

/// Rows in each of `tables` of `schema`, read in one transaction.
fn count_rows(conn: &Connection, schema: &str, tables: &[&str]) -> Result<RowCounts> {
    let tx = conn.unchecked_transaction()?;
    let mut out = Vec::with_capacity(tables.len());
    for table in tables {
        let rows: i64 = tx.query_row(
            &format!("SELECT count(*) FROM {schema}.\"{table}\""),
            [],
            |row| row.get(0),
        )?;
        out.push(((*table).to_owned(), rows));
    }
    tx.finish()?;
    Ok(out)
}

/// Why `copy` is not between `before` and `after` table by table, if it is not.
fn outside_bounds(before: &RowCounts, copy: &RowCounts, after: &RowCounts) -> Option<String> {
    if copy.len() != before.len() {
        return Some(format!(
            "the copy holds {} of the {} tables checked",
            copy.len(),
            before.len()
        ));
    }
    before
        .iter()
        .zip(copy)
        .zip(after)
        .find(|(((_, low), (_, n)), (_, high))| n < low || n > high)
        .map(|(((table, low), (_, n)), (_, high))| {
            format!("the copy has {n} rows in {table}, where the store had {low} to {high}")
        })
}

fn path_text(path: &Path) -> std::io::Result<&str> {
    path.to_str().ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{} is not a path SQLite can name", path.display()),
        )
    })
}

fn io_failure(e: std::io::Error) -> SnapshotError {
    SnapshotError::Write {
        kind: e.kind(),
        detail: e.to_string(),
    }
}

/// A SQLite failure while writing the copy, in the operating system's terms.
fn sqlite_failure(e: rusqlite::Error) -> SnapshotError {
    use rusqlite::ErrorCode as C;
    use std::io::ErrorKind as K;
    let kind = match e.sqlite_error_code() {
        Some(C::DiskFull) => K::StorageFull,
        Some(C::ReadOnly | C::PermissionDenied) => K::PermissionDenied,
        Some(C::CannotOpen) => K::NotFound,
        _ => K::Other,
    };
    SnapshotError::Write {
        kind,
        detail: e.to_string(),
    }
}

/// Removes a partial copy and the rollback journal SQLite may have left beside it.
fn remove_with_journal(partial: &Path) {
    let _ = std::fs::remove_file(partial);
    let mut journal = partial.as_os_str().to_owned();
    journal.push("-journal");
    let _ = std::fs::remove_file(PathBuf::from(journal));
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::audit::AuditEntry;

    const PASSPHRASE: &str = "orchid tractor lantern 42";

    fn store_with_a_name(dir: &Path) -> Store {
        let mut store = Store::create(dir, PASSPHRASE, |w| {
            w.tx().execute_batch(
                "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
                 INSERT INTO notes (text) VALUES ('Zebulon Quarterfield');",
            )?;
            w.audit(AuditEntry::event("seed"))
        })
        .unwrap();
        store
            .write(|w| {
                w.tx()
                    .execute("INSERT INTO notes (text) VALUES ('second')", [])?;
                w.audit(AuditEntry::event("note"))
            })
            .unwrap();
        store
    }

    /// The finding the module relies on: with SQLCipher, `VACUUM INTO` writes a copy
    /// encrypted with the main database's key, into an existing empty 0600 file.
    #[test]
    fn vacuum_into_writes_an_encrypted_copy_with_the_same_key() {
        let tmp = tempfile::tempdir().unwrap();
        let store = store_with_a_name(&tmp.path().join("store"));
        let copy = tmp.path().join("copy.db");
        drop(location::create_private_file(&copy).unwrap());
        store
            .conn
            .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
            .unwrap();
        let bytes = std::fs::read(&copy).unwrap();
        assert!(bytes.len() >= 4096, "{} bytes", bytes.len());
        assert!(!bytes.starts_with(b"SQLite format 3"), "a plaintext header");
        let needle = b"Zebulon Quarterfield";
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "the name is readable in the copy"
        );
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // It opens with the passphrase, and only with it.
        let check = check_file(&copy, PASSPHRASE, &["notes"]).unwrap();
        assert!(check.integrity_ok(), "{:?}", check.integrity);
        assert_eq!(check.counts, vec![("notes".to_owned(), 2)]);
        let wrong = check_file(&copy, "velvet harbor quantum 97 sparrow", &["notes"]);
        assert!(matches!(
            wrong,
            Err(Error::Store(StoreError::WrongPassphrase))
        ));
    }

    #[test]
    fn a_snapshot_is_checked_then_renamed_and_leaves_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let store = store_with_a_name(&tmp.path().join("store"));
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let partial = out.join(".x.partial");
        let target = out.join("x.db");
        let made = store
            .snapshot(&partial, &target, &["notes", "audit_log"])
            .unwrap();
        assert_eq!(made.counts[0], ("notes".to_owned(), 2));
        assert_eq!(made.size, std::fs::metadata(&target).unwrap().len());
        let names: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("x.db")]);
        // Checked again through the store's own key, as a backup's summary is.
        let again = store.check_copy(&target, &["notes"]).unwrap();
        assert!(again.integrity_ok());
        assert_eq!(again.schema_version, crate::store::SCHEMA_VERSION);
        // A second snapshot never replaces the first.
        let second = store.snapshot(&partial, &target, &["notes"]);
        assert!(matches!(
            second,
            Err(SnapshotError::Write {
                kind: std::io::ErrorKind::AlreadyExists,
                ..
            })
        ));
        assert!(!partial.exists());
    }

    #[test]
    fn a_copy_outside_the_expected_counts_is_refused() {
        let before = vec![("t".to_owned(), 5)];
        let after = vec![("t".to_owned(), 7)];
        assert_eq!(
            outside_bounds(&before, &vec![("t".to_owned(), 6)], &after),
            None
        );
        assert_eq!(
            outside_bounds(&before, &vec![("t".to_owned(), 5)], &after),
            None
        );
        assert_eq!(
            outside_bounds(&before, &vec![("t".to_owned(), 7)], &after),
            None
        );
        assert!(outside_bounds(&before, &vec![("t".to_owned(), 4)], &after).is_some());
        assert!(outside_bounds(&before, &vec![("t".to_owned(), 8)], &after).is_some());
        assert!(outside_bounds(&before, &Vec::new(), &after).is_some());
    }
}
