//! The encrypted caseload store: one SQLCipher database file in the data directory.
//!
//! Opening checks the file before anything else (that it is there, reachable, not
//! empty, cut short or a plain SQLite file: `inspect.rs`) and never creates or
//! migrates an empty one; then the wrong-passphrase delay (`attempts.rs`), then the
//! passphrase, before anything else is read; then it applies pending migrations and
//! refuses a store written by a newer Caseload. Every change goes through
//! [`Store::write`], which runs it in one immediate transaction together with its
//! audit entries (see [`Writer`]). SQLite's failures reach the coordinator as what
//! they mean (`problem.rs`), never in SQLite's words.

pub mod attempts;
pub mod drafts;
mod inspect;
mod location;
mod migrate;
mod passphrase;
pub mod problem;
mod reader;
mod snapshot;
mod writer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::{Connection, OpenFlags};

use crate::audit::AuditEntry;
use crate::error::ErrorCode;

pub use attempts::Attempts;
pub use drafts::Draft;
pub use inspect::PAGE_SIZE;
pub use location::{DATA_DIR_ENV, default_data_dir, store_file};
pub use migrate::SCHEMA_VERSION;
pub use passphrase::{MIN_PASSPHRASE_CHARS, PassphraseStrength, check_strength};
pub use problem::{Access, Problem, RESTORE_HINT};
pub use reader::Reader;
pub use snapshot::{
    CopyCheck, RowCounts, Snapshot, SnapshotError, check_file, checkpoint_file, sync_dir,
};
pub use writer::Writer;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("There is no caseload store in {}. Create one first.", .0.display())]
    Missing(PathBuf),
    #[error("A caseload store already exists in {}; it was left untouched.", .0.display())]
    AlreadyExists(PathBuf),
    /// Page 1 did not decrypt. A wrong passphrase and a damaged file of whole pages
    /// look exactly alike to SQLCipher, so the message names both.
    #[error(
        "That passphrase does not open this caseload store. Check it and try again; if you \
         are sure it is right, the file may be damaged — restore the latest backup \
         ({RESTORE_HINT})."
    )]
    WrongPassphrase,
    #[error("{0}")]
    WeakPassphrase(String),
    #[error(
        "This caseload store was written by a newer version of Caseload (store version {found}; \
         this version reads up to {supported}). Install the newer Caseload to open it."
    )]
    TooNew { found: i64, supported: i64 },
    #[error("The caseload store is locked. Unlock it with your passphrase.")]
    Locked,
    #[error("The caseload store's folder {} could not be used: {source}", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The store file has no bytes at all (a failed copy, a full disk, a sync tool).
    #[error(
        "The caseload store {} is empty (0 bytes) — it was probably damaged by a failed copy \
         or a full disk. Nothing was changed. Restore the latest backup: {RESTORE_HINT}.",
        .0.display()
    )]
    Empty(PathBuf),
    /// The store file is cut short or otherwise not a store any more.
    #[error(
        "The caseload store {} is damaged ({why}). Nothing was changed. Restore the latest \
         backup: {RESTORE_HINT}.",
        path.display()
    )]
    Damaged { path: PathBuf, why: String },
    /// An unencrypted SQLite database sits where the store should be.
    #[error(
        "{} is a plain SQLite database, not a Caseload store (Caseload stores are encrypted). \
         Nothing was changed. Put the caseload store back in its place, or restore the latest \
         backup: {RESTORE_HINT}.",
        .0.display()
    )]
    NotCaseload(PathBuf),
    /// The folder or the file may not be read or written by this user.
    #[error("{}", permission_message(path, *access))]
    Permission { path: PathBuf, access: Access },
    /// Five or more wrong passphrases in a row: the next try must wait (`attempts.rs`).
    #[error(
        "Five or more wrong passphrases in a row: wait {wait_secs} seconds before the next try."
    )]
    TooManyAttempts { wait_secs: u64 },
    /// SQLite failed; the message says what that means, `detail()` what SQLite said.
    #[error("{}", problem.message())]
    Sqlite {
        problem: Problem,
        source: rusqlite::Error,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(source: rusqlite::Error) -> Self {
        StoreError::Sqlite {
            problem: Problem::of(&source),
            source,
        }
    }
}

fn permission_message(path: &Path, access: Access) -> String {
    let path = path.display();
    match access {
        Access::FolderUnreadable => format!(
            "Caseload cannot read the folder {path} (permission denied). Ask for read and \
             write permission on it, or move the store back to a folder of yours."
        ),
        Access::FolderReadOnly => format!(
            "The folder {path} is read-only for you, and Caseload needs to write there even \
             to read the store (SQLite keeps its -wal and -shm files beside it). Nothing was \
             changed. Ask for write permission on the folder, or move the store back to a \
             folder of yours."
        ),
        Access::FileUnreadable => format!(
            "Caseload cannot read the caseload store {path} (permission denied). Ask for read \
             and write permission on it, or move the store back to a folder of yours."
        ),
        Access::FileReadOnly => format!(
            "The caseload store {path} is read-only for you, and Caseload needs to write to it \
             even to read it. Nothing was changed. Ask for write permission on the file, or \
             move the store back to a folder of yours."
        ),
    }
}

impl StoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::Missing(_) => ErrorCode::StoreMissing,
            StoreError::AlreadyExists(_) => ErrorCode::StoreExists,
            StoreError::WrongPassphrase => ErrorCode::WrongPassphrase,
            StoreError::WeakPassphrase(_) => ErrorCode::InvalidInput,
            StoreError::TooNew { .. } => ErrorCode::StoreTooNew,
            StoreError::Locked => ErrorCode::Locked,
            StoreError::Empty(_) | StoreError::Damaged { .. } | StoreError::NotCaseload(_) => {
                ErrorCode::StoreDamaged
            }
            StoreError::Permission { .. } => ErrorCode::PermissionDenied,
            StoreError::TooManyAttempts { .. } => ErrorCode::UnlockDelayed,
            StoreError::Sqlite { problem, .. } => problem.code(),
            StoreError::Folder { .. } => ErrorCode::Storage,
        }
    }

    /// What the operating system or SQLite said, in their words: kept off the message,
    /// for the audit trail and for whoever investigates.
    pub fn detail(&self) -> Option<String> {
        match self {
            StoreError::Sqlite { source, .. } => Some(source.to_string()),
            StoreError::Folder { source, .. } => Some(source.to_string()),
            _ => None,
        }
    }
}

/// An unlocked caseload store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Whether `dir` already holds something at the store's place: a store, or a file
    /// that cannot be reached, read or used as one (opening says what is wrong with
    /// it). Only a folder where nothing is there may get a new store.
    pub fn exists(dir: &Path) -> bool {
        !matches!(
            std::fs::symlink_metadata(store_file(dir)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound
        )
    }

    /// How long the next try to unlock the store in `dir` must wait after several
    /// wrong passphrases in a row (`None`: it may go ahead now).
    pub fn unlock_wait(dir: &Path) -> Option<Duration> {
        Attempts::load(dir).wait(Timestamp::now())
    }

    /// Creates a new encrypted store in `dir`, refusing to touch an existing one, and
    /// writes its first records with `seed` (front ends pass
    /// the built-in programs' seed; the store itself knows no domain).
    ///
    /// The database is built under a temporary name and linked into place only once it
    /// is migrated and seeded, so a crash half-way never leaves a store that looks
    /// real, and of two creations racing for one folder exactly one wins. This is the
    /// only place a store is created: [`Store::open`] never makes or migrates an empty
    /// file into one.
    pub fn create(
        dir: &Path,
        passphrase: &str,
        seed: impl FnOnce(&mut Writer<'_>) -> crate::Result<()>,
    ) -> crate::Result<Store> {
        check_strength(passphrase).require_acceptable()?;
        let path = store_file(dir);
        if Store::exists(dir) {
            return Err(StoreError::AlreadyExists(dir.to_owned()).into());
        }
        location::ensure_private_dir(dir)?;
        // A name of its own per attempt: two creations racing never share a file.
        let partial = dir.join(format!("caseload.db.creating-{}", crate::ids::new_id()));
        let folder_error = |source: std::io::Error| StoreError::Folder {
            path: dir.to_owned(),
            source,
        };
        // Owner-only from its first byte; SQLite gives its journal the same mode.
        drop(location::create_private_file(&partial).map_err(folder_error)?);
        let built = (|| -> crate::Result<()> {
            let mut conn = open_keyed(&partial, passphrase)?;
            // Rollback journal while building: no -wal file is left next to the temporary name.
            conn.pragma_update(None, "journal_mode", "DELETE")
                .map_err(StoreError::from)?;
            migrate::apply(&mut conn)?;
            writer::run(&mut conn, &location::current_actor(), seed)?;
            drop(conn);
            // A hard link is the no-clobber rename: it fails if a store appeared meanwhile.
            std::fs::hard_link(&partial, &path).map_err(|source| {
                if source.kind() == std::io::ErrorKind::AlreadyExists {
                    StoreError::AlreadyExists(dir.to_owned())
                } else {
                    folder_error(source)
                }
            })?;
            Ok(())
        })();
        let _ = std::fs::remove_file(&partial);
        built?;
        location::remove_leftovers(dir);
        // Failures counted against a store that is gone are not this store's: they
        // would delay its first unlock and land in its audit trail.
        let _ = Attempts::clear(dir);
        Store::open(dir, passphrase)
    }

    /// Opens the existing store in `dir` with `passphrase`.
    ///
    /// Refused before the passphrase is tried: no store (`Missing`), a folder or file
    /// this user may not read or write (`Permission`), an empty, cut-short or plain
    /// SQLite file (`Empty`, `Damaged`, `NotCaseload`; nothing is changed), and a try
    /// too soon after five or more wrong passphrases in a row (`TooManyAttempts`). A
    /// wrong passphrase is counted beside the store; the next successful unlock writes
    /// the failures to the audit trail and forgets them.
    pub fn open(dir: &Path, passphrase: &str) -> crate::Result<Store> {
        let path = store_file(dir);
        inspect::check(dir, &path)?;
        let attempts = Attempts::load(dir);
        if let Some(wait) = attempts.wait(Timestamp::now()) {
            return Err(StoreError::TooManyAttempts {
                wait_secs: whole_seconds(wait),
            }
            .into());
        }
        let mut conn = match open_existing(dir, &path, passphrase) {
            Ok(conn) => conn,
            Err(StoreError::WrongPassphrase) => {
                // Best effort: a record that cannot be written (a read-only folder)
                // must not hide the answer the coordinator needs, a wrong passphrase.
                let _ = Attempts::record_failure(dir, Timestamp::now());
                return Err(StoreError::WrongPassphrase.into());
            }
            Err(e) => return Err(e.into()),
        };
        let actor = location::current_actor();
        if attempts.failures > 0 {
            record_failed_unlocks(&mut conn, &actor, &attempts)?;
            // The failures are in the audit trail now; a record left behind (the file
            // cannot be removed) would only delay the next unlock, not lose anything.
            let _ = Attempts::clear(dir);
        }
        Ok(Store { conn, path, actor })
    }

    /// Opens the store for a person — the desktop's unlock form, a CLI command —
    /// checks every page of it (`PRAGMA quick_check`: a damaged store is said at
    /// unlock, before any work is done in it, and nothing is written into it), and
    /// records the unlock in the audit trail. [`Store::open`] records only the wrong
    /// passphrases before it: tests and tools that open a store are not unlocks.
    pub fn unlock(dir: &Path, passphrase: &str) -> crate::Result<Store> {
        let mut store = Store::open(dir, passphrase)?;
        let damaged = |why: String| StoreError::Damaged {
            path: store.path.clone(),
            why,
        };
        let verdict: String = match store
            .conn
            .query_row("PRAGMA quick_check", [], |row| row.get(0))
        {
            Ok(verdict) => verdict,
            Err(e) => return Err(crate::Error::from(e)),
        };
        if verdict != "ok" {
            return Err(damaged(format!("its pages do not check out ({verdict})")).into());
        }
        store.write(|w| w.audit(AuditEntry::event("unlock")))?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Who is recorded in the audit trail for changes made through this handle.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Runs `read` inside one deferred transaction, evaluated for today on this
    /// laptop's clock: every query in it sees the same data, and every rule in it the
    /// same day. This and [`Writer::today`] are where the core learns the date.
    pub fn read<T>(&self, read: impl FnOnce(&Reader<'_>) -> crate::Result<T>) -> crate::Result<T> {
        self.read_on(self.today(), read)
    }

    /// Today on this laptop's calendar: the day [`Store::read`] evaluates for, for a
    /// front end that reads several times and must keep one day (`--as-of` or today).
    pub fn today(&self) -> jiff::civil::Date {
        crate::dates::today()
    }

    /// Like [`Store::read`], evaluated for `day` (a review list for last week, a huddle
    /// sheet for tomorrow, the CLI's `--as-of`).
    pub fn read_on<T>(
        &self,
        day: jiff::civil::Date,
        read: impl FnOnce(&Reader<'_>) -> crate::Result<T>,
    ) -> crate::Result<T> {
        // `unchecked_transaction` takes `&self`: a `Store` is never shared between
        // threads (it is not `Sync`), and a nested read fails with a clear SQLite error
        // rather than silently reading outside the snapshot.
        let tx = self.conn.unchecked_transaction()?;
        let out = read(&Reader::new(&tx, day))?;
        tx.finish()?;
        Ok(out)
    }

    /// The raw connection, for tests that inspect or damage the store on purpose.
    /// Only built with the `test-support` feature, which only the test targets enable.
    #[cfg(feature = "test-support")]
    pub fn sql_for_tests(&self) -> &Connection {
        &self.conn
    }

    /// Runs `change` in one immediate transaction. It commits only if `change` succeeds
    /// *and* recorded at least one audit entry; otherwise everything is rolled back.
    pub fn write<T>(
        &mut self,
        change: impl FnOnce(&mut Writer<'_>) -> crate::Result<T>,
    ) -> crate::Result<T> {
        writer::run(&mut self.conn, &self.actor, change)
    }

    /// Runs a bulk job (importing a directory of tens of thousands of services) with a
    /// page cache of `BULK_CACHE_KIB`, then shrinks it back. A job that touches more
    /// pages than the everyday cache holds re-reads, and so re-decrypts, the same pages
    /// over and over: at 50,000 services the search index took 13 s instead of 3.5 s.
    pub fn bulk<T>(
        &mut self,
        job: impl FnOnce(&mut Store) -> crate::Result<T>,
    ) -> crate::Result<T> {
        self.conn
            .pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        let result = job(self);
        // Shrinking the cache frees its pages; failing to shrink it is not worth failing
        // the job for (the memory goes when the store is locked).
        let _ = self.conn.pragma_update(None, "cache_size", -CACHE_KIB);
        result
    }
}

/// The everyday page cache: 32 MiB of decrypted pages (see `open_keyed`).
const CACHE_KIB: i64 = 32_000;
/// The page cache of a bulk job: 256 MiB, taken only while the job runs.
const BULK_CACHE_KIB: i64 = 256_000;

/// Rounds a wait up to whole seconds, so that waiting them out is always enough.
fn whole_seconds(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

/// Writes the wrong passphrases recorded since the last unlock to the audit trail, one
/// entry each with its time, in one change (the first open that gets in writes them).
fn record_failed_unlocks(
    conn: &mut Connection,
    actor: &str,
    attempts: &Attempts,
) -> crate::Result<()> {
    writer::run(conn, actor, |w| {
        for at in &attempts.at {
            w.audit(AuditEntry::event("unlock_failed").detail("at", at))?;
        }
        // More failures than the sidecar keeps times for: say how many there were.
        if attempts.failures as usize > attempts.at.len() {
            w.audit(AuditEntry::event("unlock_failed").detail("in_a_row", attempts.failures))?;
        }
        Ok(())
    })
}

/// Unlocks the existing store file `path` and brings it to the current schema, with
/// SQLite's failures turned into what they mean for this store.
fn open_existing(dir: &Path, path: &Path, passphrase: &str) -> Result<Connection, StoreError> {
    let opened = (|| {
        let mut conn = open_keyed(path, passphrase)?;
        // A store has always been migrated (it is built under another name first): a
        // database with no version is an empty file that SQLite opened as new, and
        // migrating it would pass a fresh store off as the coordinator's caseload.
        let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if version == 0 {
            return Err(StoreError::Damaged {
                path: path.to_owned(),
                why: "it holds no caseload: it was never finished as a store".to_owned(),
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        migrate::apply(&mut conn)?;
        Ok(conn)
    })();
    opened.map_err(|e| match e {
        // SQLite says "readonly" or "cannot open" for a folder where it cannot make
        // its -wal and -shm files: say which folder.
        StoreError::Sqlite {
            problem: Problem::ReadOnly | Problem::CannotOpen,
            ..
        } => match inspect::folder_access(dir) {
            Some(access) => StoreError::Permission {
                path: dir.to_owned(),
                access,
            },
            None => e,
        },
        e => e,
    })
}

/// Opens `path` and unlocks it with `passphrase`; the key is set before any read.
fn open_keyed(path: &Path, passphrase: &str) -> Result<Connection, StoreError> {
    // Never SQLITE_OPEN_CREATE: the file exists (a store, or the empty file a creation
    // made owner-only), and a store that went missing meanwhile is not made anew.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    set_key(&conn, passphrase)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // FULL: a coordinator's note must survive a power cut right after "Saved" appears.
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Keep temporary tables and sort spills in memory, never in plaintext temp files.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // 32 MiB of decrypted pages (SQLite's default is 2 MiB). Every page read from disk
    // is decrypted and authenticated, so a cache that holds a 10,000-patient caseload
    // turns as-you-type search from ~80 ms into ~5 ms (docs/benchmarks.md).
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    Ok(conn)
}

/// Sets the key on a freshly opened connection, with SQLCipher's logging off, and reads
/// the schema once: where SQLCipher finds out whether the key is right. Shared by the
/// store's own connections and the read-only ones that check a backup.
pub(super) fn set_key(conn: &Connection, passphrase: &str) -> Result<(), StoreError> {
    // SQLCipher (4.19) logs to stderr at level WARN unless told otherwise: its
    // `sqlcipher_extra_init`, run once at the process's first open, installs that
    // target and level process-wide. Every page that fails to decrypt (a wrong
    // passphrase, random bytes, a damaged page) then prints three "ERROR CORE …" lines
    // next to our one message. Both settings are process-wide and only change when a
    // pragma runs, so they are turned off on every connection before its key is set,
    // the level first: a message already past the level check never reaches a target
    // being switched off. (An unknown pragma is ignored silently; a test checks that
    // the level reads back as NONE.)
    conn.execute_batch("PRAGMA cipher_log_level = NONE; PRAGMA cipher_log = off;")?;
    conn.pragma_update(None, "key", passphrase)?;
    // The first read of the schema is where SQLCipher finds out whether the key is right.
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    }) {
        Ok(_) => {}
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(StoreError::WrongPassphrase);
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
