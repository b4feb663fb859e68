//! The encrypted caseload store: one SQLCipher database file in the data directory.
//!
//! Opening checks the passphrase before anything else is read, applies pending
//! migrations, and refuses a store written by a newer Caseload. Every change goes
//! through [`Store::write`], which runs it in one immediate transaction together with
//! its audit entries (see [`Writer`]).

pub mod drafts;
mod location;
mod migrate;
mod passphrase;
mod reader;
mod writer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::ErrorCode;

pub use drafts::Draft;
pub use location::{DATA_DIR_ENV, default_data_dir, store_file};
pub use migrate::SCHEMA_VERSION;
pub use passphrase::{MIN_PASSPHRASE_CHARS, PassphraseStrength, check_strength};
pub use reader::Reader;
pub use writer::Writer;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("There is no caseload store in {}. Create one first.", .0.display())]
    Missing(PathBuf),
    #[error("A caseload store already exists in {}; it was left untouched.", .0.display())]
    AlreadyExists(PathBuf),
    #[error("That passphrase does not open this caseload store. Check it and try again.")]
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
    #[error("The caseload store could not be opened ({0}).")]
    Sqlite(#[from] rusqlite::Error),
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
            StoreError::Folder { .. } | StoreError::Sqlite(_) => ErrorCode::Storage,
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
    /// Whether `dir` already holds a caseload store.
    pub fn exists(dir: &Path) -> bool {
        store_file(dir).is_file()
    }

    /// Creates a new encrypted store in `dir`, refusing to touch an existing one, and
    /// writes its first records with `seed` (front ends pass
    /// the built-in programs' seed; the store itself knows no domain).
    ///
    /// The database is built under a temporary name and linked into place only once it
    /// is migrated and seeded, so a crash half-way never leaves a store that looks
    /// real, and of two creations racing for one folder exactly one wins.
    pub fn create(
        dir: &Path,
        passphrase: &str,
        seed: impl FnOnce(&mut Writer<'_>) -> crate::Result<()>,
    ) -> crate::Result<Store> {
        check_strength(passphrase).require_acceptable()?;
        let path = store_file(dir);
        if path.exists() {
            return Err(StoreError::AlreadyExists(dir.to_owned()).into());
        }
        location::ensure_private_dir(dir)?;
        // A name of its own per attempt: two creations racing never share a file.
        let partial = dir.join(format!("caseload.db.creating-{}", crate::ids::new_id()));
        let built = (|| -> crate::Result<()> {
            let mut conn = open_keyed(&partial, passphrase, true)?;
            // Rollback journal while building: no -wal file is left next to the temporary name.
            conn.pragma_update(None, "journal_mode", "DELETE")
                .map_err(StoreError::from)?;
            migrate::apply(&mut conn)?;
            writer::run(&mut conn, &location::current_actor(), seed)?;
            drop(conn);
            location::make_private_file(&partial)?;
            // A hard link is the no-clobber rename: it fails if a store appeared meanwhile.
            std::fs::hard_link(&partial, &path).map_err(|source| {
                if source.kind() == std::io::ErrorKind::AlreadyExists {
                    StoreError::AlreadyExists(dir.to_owned())
                } else {
                    StoreError::Folder {
                        path: dir.to_owned(),
                        source,
                    }
                }
            })?;
            Ok(())
        })();
        let _ = std::fs::remove_file(&partial);
        built?;
        location::remove_leftovers(dir);
        Store::open(dir, passphrase)
    }

    /// Opens the existing store in `dir` with `passphrase`.
    pub fn open(dir: &Path, passphrase: &str) -> crate::Result<Store> {
        let path = store_file(dir);
        if !path.is_file() {
            return Err(StoreError::Missing(dir.to_owned()).into());
        }
        let mut conn = open_keyed(&path, passphrase, false)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(StoreError::from)?;
        migrate::apply(&mut conn)?;
        Ok(Store {
            conn,
            path,
            actor: location::current_actor(),
        })
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

/// Opens `path` and unlocks it with `passphrase`; the key is set before any read.
fn open_keyed(path: &Path, passphrase: &str, create: bool) -> Result<Connection, StoreError> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags)?;
    // SQLCipher otherwise prints every failed page decryption (a wrong passphrase) to
    // stderr; the coordinator gets one clear message from us instead.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
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
