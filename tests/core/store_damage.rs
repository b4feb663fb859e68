//! A store file that is not what it should be (empty, cut short, a plain SQLite file,
//! random bytes, a damaged page, out of reach) is refused with what is wrong and what
//! to do, and left exactly as it was; wrong passphrases in a row slow the next tries.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use caseload::store::{Attempts, Problem, StoreError, attempts};
use caseload::{Error, ErrorCode, Store};
use rand::RngCore;
use tempfile::TempDir;

use crate::harness::{self, PASSPHRASE, TestStore, add, data_dir, err};

/// A real store with a few patients, closed; returns the folder and the store file.
pub fn closed_store_with_patients(tmp: &TempDir) -> (PathBuf, PathBuf) {
    let dir = data_dir(tmp);
    let mut store = Store::create(&dir, PASSPHRASE, caseload::programs::seed_builtin).unwrap();
    for i in 0..40 {
        add(
            &mut store,
            &format!("DMG-{i}"),
            "Ana",
            &format!("Damage{i}"),
            "1970-01-01",
        );
    }
    let file = store.path().to_owned();
    drop(store);
    (dir, file)
}

/// A folder with `bytes` as its `caseload.db`.
pub fn folder_with_store_file(tmp: &TempDir, bytes: &[u8]) -> (PathBuf, PathBuf) {
    let dir = data_dir(tmp);
    std::fs::create_dir_all(&dir).unwrap();
    let file = caseload::store::store_file(&dir);
    std::fs::write(&file, bytes).unwrap();
    (dir, file)
}

/// An unencrypted SQLite database with a table and a row (a connection with no key
/// writes a plain file, even in this SQLCipher build).
pub fn plain_sqlite_bytes() -> Vec<u8> {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("plain.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hello');")
        .unwrap();
    drop(conn);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"SQLite format 3\0"));
    bytes
}

pub fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0; len];
    rand::rng().fill_bytes(&mut bytes);
    bytes
}

/// Cuts the file to `len` bytes.
pub fn cut(file: &Path, len: u64) {
    std::fs::OpenOptions::new()
        .write(true)
        .open(file)
        .unwrap()
        .set_len(len)
        .unwrap();
}

/// Overwrites bytes 8192..8292 (inside the third page) with garbage.
pub fn damage_a_page(file: &Path) {
    let mut bytes = std::fs::read(file).unwrap();
    assert!(bytes.len() > 3 * 4096, "store too small: {}", bytes.len());
    for b in &mut bytes[8192..8292] {
        *b ^= 0x5a;
    }
    std::fs::write(file, bytes).unwrap();
}

#[track_caller]
fn assert_restore_hint(message: &str) {
    assert!(
        message.contains("Restore the latest backup")
            || message.contains("restore the latest backup"),
        "{message}"
    );
    assert!(message.contains("Settings → Backups"), "{message}");
    assert!(message.contains("`caseload backups list`"), "{message}");
    assert!(message.contains("`caseload restore FILE`"), "{message}");
}

/// SQLite's own words must never be the message.
#[track_caller]
fn assert_no_sqlite_words(message: &str) {
    for words in [
        "malformed",
        "file is not a database",
        "readonly database",
        "disk I/O error",
        "unable to open database file",
        "database is locked",
        "hmac",
        "sqlcipher",
    ] {
        assert!(
            !message.contains(words),
            "SQLite's words {words:?}: {message}"
        );
    }
}

#[test]
fn an_empty_store_file_is_refused_never_made_into_a_new_store() {
    let tmp = TempDir::new().unwrap();
    let (dir, file) = folder_with_store_file(&tmp, b"");
    let before = harness::files_in(&dir);

    let error = err(Store::open(&dir, PASSPHRASE));
    assert_eq!(error.code(), ErrorCode::StoreDamaged, "{error}");
    let message = error.to_string();
    assert!(message.contains("is empty (0 bytes)"), "{message}");
    assert!(message.contains(&file.display().to_string()), "{message}");
    assert!(message.contains("failed copy or a full disk"), "{message}");
    assert!(message.contains("Nothing was changed"), "{message}");
    assert_restore_hint(&message);
    assert!(
        matches!(error, Error::Store(StoreError::Empty(_))),
        "{error:?}"
    );
    assert_eq!(harness::files_in(&dir), before, "the folder changed");

    // Something is at the store's place: no creation may replace it.
    assert!(Store::exists(&dir));
    let error = err(Store::create(
        &dir,
        PASSPHRASE,
        caseload::programs::seed_builtin,
    ));
    assert_eq!(error.code(), ErrorCode::StoreExists, "{error}");
    assert_eq!(harness::files_in(&dir), before, "the folder changed");
    // A second try is refused the same way: the first did not migrate it.
    assert_eq!(
        err(Store::open(&dir, PASSPHRASE)).code(),
        ErrorCode::StoreDamaged
    );
}

#[test]
fn a_store_cut_short_is_refused_as_damaged() {
    let tmp = TempDir::new().unwrap();
    let (dir, file) = closed_store_with_patients(&tmp);
    let len = std::fs::metadata(&file).unwrap().len();
    assert!(len >= 4 * 4096, "{len}");

    // Cut in half, on a page boundary: the pages decrypt, the rest is missing.
    cut(&file, len / 2 / 4096 * 4096);
    let before = harness::files_in(&dir);
    let error = err(Store::open(&dir, PASSPHRASE));
    assert_eq!(error.code(), ErrorCode::StoreDamaged, "{error}");
    let message = error.to_string();
    assert!(message.contains("damaged"), "{message}");
    assert_restore_hint(&message);
    assert_no_sqlite_words(&message);
    assert_eq!(harness::files_in(&dir), before, "the folder changed");

    // Cut off the page grid: refused before the passphrase is even tried.
    cut(&file, len / 2 / 4096 * 4096 - 1000);
    let before = harness::files_in(&dir);
    let error = err(Store::open(&dir, PASSPHRASE));
    assert_eq!(error.code(), ErrorCode::StoreDamaged, "{error}");
    let message = error.to_string();
    assert!(message.contains("damaged (truncated"), "{message}");
    assert!(message.contains("4,096-byte pages"), "{message}");
    assert_restore_hint(&message);
    assert_eq!(harness::files_in(&dir), before, "the folder changed");
    // Refused before the passphrase: no wrong-passphrase count was started.
    assert_eq!(Attempts::load(&dir), Attempts::default());
}

#[test]
fn a_file_shorter_than_a_page_is_truncated() {
    let tmp = TempDir::new().unwrap();
    let (dir, _) = folder_with_store_file(&tmp, &random_bytes(100));
    let error = err(Store::open(&dir, PASSPHRASE));
    assert_eq!(error.code(), ErrorCode::StoreDamaged, "{error}");
    assert!(
        error.to_string().contains("damaged (truncated: 100 bytes"),
        "{error}"
    );
}

#[test]
fn a_plain_sqlite_file_is_named_for_what_it_is() {
    let tmp = TempDir::new().unwrap();
    let bytes = plain_sqlite_bytes();
    let (dir, _) = folder_with_store_file(&tmp, &bytes);
    let before = harness::files_in(&dir);

    let error = err(Store::open(&dir, PASSPHRASE));
    assert_eq!(error.code(), ErrorCode::StoreDamaged, "{error}");
    let message = error.to_string();
    assert!(
        message.contains(
            "is a plain SQLite database, not a Caseload store (Caseload stores are encrypted)"
        ),
        "{message}"
    );
    assert!(!message.contains("passphrase does not open"), "{message}");
    assert_restore_hint(&message);
    assert_eq!(harness::files_in(&dir), before, "the folder changed");
}

#[test]
fn random_bytes_are_damaged_unless_they_are_whole_pages() {
    let tmp = TempDir::new().unwrap();
    let (dir, _) = folder_with_store_file(&tmp, &random_bytes(10_000));
    let before = harness::files_in(&dir);
    let error = err(Store::open(&dir, PASSPHRASE));
    assert_eq!(error.code(), ErrorCode::StoreDamaged, "{error}");
    let message = error.to_string();
    assert!(
        message.contains("damaged (truncated: 10,000 bytes"),
        "{message}"
    );
    assert!(!message.contains("passphrase"), "{message}");
    assert_eq!(harness::files_in(&dir), before, "the folder changed");

    // Two whole pages of noise: only the passphrase could tell, so the message says both.
    let tmp = TempDir::new().unwrap();
    let (dir, _) = folder_with_store_file(&tmp, &random_bytes(8192));
    let before = harness::files_in(&dir);
    let error = err(Store::open(&dir, PASSPHRASE));
    assert_eq!(error.code(), ErrorCode::WrongPassphrase, "{error}");
    let message = error.to_string();
    assert!(
        message.starts_with("That passphrase does not open this caseload store. Check it and try again; if you are sure it is right, the file may be damaged — restore the latest backup ("),
        "{message}"
    );
    assert_restore_hint(&message);
    // The store file is untouched; only the wrong-passphrase count was written beside it.
    let after: Vec<_> = harness::files_in(&dir)
        .into_iter()
        .filter(|(p, _)| !p.ends_with(attempts::FILE_NAME))
        .collect();
    assert_eq!(after, before, "the folder changed");
}

#[test]
fn a_damaged_page_in_the_middle_says_damaged_not_sqlites_words() {
    let tmp = TempDir::new().unwrap();
    let (dir, file) = closed_store_with_patients(&tmp);
    damage_a_page(&file);
    let damaged = std::fs::read(&file).unwrap();

    // The page may be read when the store is opened, or only by a later read.
    let error = match Store::open(&dir, PASSPHRASE) {
        Err(e) => e,
        Ok(store) => err(read_every_page(&store)),
    };
    assert_eq!(error.code(), ErrorCode::StoreDamaged, "{error:?}");
    let message = error.to_string();
    assert!(message.contains("damaged"), "{message}");
    assert_restore_hint(&message);
    assert_no_sqlite_words(&message);
    // SQLite's own words are kept apart, for the audit trail.
    assert!(error.detail().is_some(), "{error:?}");
    assert_eq!(std::fs::read(&file).unwrap(), damaged, "the file changed");
}

/// Reads the caseload list, then every page (`integrity_check` walks them all).
fn read_every_page(store: &Store) -> caseload::Result<()> {
    store
        .read(|r| caseload::pages::caseload::list(r, &caseload::pages::CaseloadQuery::default()))?;
    let mut check = store.sql_for_tests().prepare("PRAGMA integrity_check")?;
    let rows: Vec<String> = check
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Err(Error::Internal(format!("every page read: {rows:?}")))
}

#[test]
fn sqlite_failures_keep_their_words_as_detail_not_as_message() {
    let corrupt = rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(11),
        Some("database disk image is malformed".into()),
    );
    let error = Error::from(corrupt);
    assert_eq!(error.code(), ErrorCode::StoreDamaged);
    assert!(!error.to_string().contains("malformed"), "{error}");
    assert!(error.detail().unwrap().contains("malformed"));

    let full = StoreError::from(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(13),
        Some("database or disk is full".into()),
    ));
    assert!(matches!(
        full,
        StoreError::Sqlite {
            problem: Problem::DiskFull,
            ..
        }
    ));
    let full = Error::from(full);
    assert_eq!(full.code(), ErrorCode::Storage);
    assert!(full.to_string().contains("disk is full"), "{full}");
    assert!(full.to_string().contains("Nothing was saved"), "{full}");
    assert!(!full.to_string().contains("database or disk"), "{full}");
    assert_eq!(full.detail().unwrap(), "database or disk is full");

    let busy = Error::from(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(5),
        Some("database is locked".into()),
    ));
    assert!(
        busy.to_string()
            .contains("Another Caseload window or command"),
        "{busy}"
    );
}

/// The seed runs while the store is being built under its temporary name: the file
/// must already be owner-only then, not only once it is finished.
#[test]
fn a_store_being_created_is_owner_only_from_its_first_byte() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    let seen = std::cell::RefCell::new(Vec::new());
    Store::create(&dir, PASSPHRASE, |w| {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("caseload.db.creating-") {
                let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
                seen.borrow_mut().push((name, mode));
            }
        }
        caseload::programs::seed_builtin(w)
    })
    .unwrap();
    let seen = seen.into_inner();
    assert!(
        seen.iter().any(|(name, _)| !name.ends_with("-journal")),
        "no temporary store file seen: {seen:?}"
    );
    for (name, mode) in &seen {
        assert_eq!(*mode, 0o600, "{name} is {mode:o} while the store is built");
    }
}

/// Whether this process ignores file permissions (root does): then permission tests
/// can only check that nothing breaks, not the refusals.
fn permissions_are_ignored(tmp: &TempDir) -> bool {
    let probe = tmp.path().join("permission-probe");
    std::fs::create_dir(&probe).unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o500)).unwrap();
    let ignored = std::fs::write(probe.join("x"), b"x").is_ok();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o700)).unwrap();
    ignored
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_store_out_of_reach_says_which_permission_is_missing() {
    let tmp = TempDir::new().unwrap();
    if permissions_are_ignored(&tmp) {
        eprintln!(
            "skipped: this test runs as a user who ignores file permissions (root); \
             the classification is unit-tested in store::problem"
        );
        return;
    }
    let (dir, file) = closed_store_with_patients(&tmp);

    // A folder that cannot be entered is not "no store".
    chmod(&dir, 0o000);
    assert!(
        Store::exists(&dir),
        "an unreadable folder hides an existing store"
    );
    let error = err(Store::open(&dir, PASSPHRASE));
    chmod(&dir, 0o700);
    assert_eq!(error.code(), ErrorCode::PermissionDenied, "{error}");
    assert!(
        error.to_string().starts_with(&format!(
            "Caseload cannot read the folder {} (permission denied).",
            dir.display()
        )),
        "{error}"
    );

    // A folder that cannot be written: SQLite needs its -wal and -shm files there.
    chmod(&dir, 0o500);
    let error = err(Store::open(&dir, PASSPHRASE));
    chmod(&dir, 0o700);
    assert_eq!(error.code(), ErrorCode::PermissionDenied, "{error}");
    assert!(error.to_string().contains("is read-only"), "{error}");
    assert!(error.to_string().contains("-wal"), "{error}");
    assert_no_sqlite_words(&error.to_string());

    // A file that cannot be written.
    chmod(&file, 0o400);
    let error = err(Store::open(&dir, PASSPHRASE));
    chmod(&file, 0o600);
    assert_eq!(error.code(), ErrorCode::PermissionDenied, "{error}");
    assert!(
        error.to_string().starts_with(&format!(
            "The caseload store {} is read-only for you",
            file.display()
        )),
        "{error}"
    );

    // Put back, it opens.
    Store::open(&dir, PASSPHRASE).unwrap();
}

const WRONG: &str = "orchid tractor lantern 43";

fn unlock_events(store: &Store) -> Vec<(String, String)> {
    let mut stmt = store
        .sql_for_tests()
        .prepare(
            "SELECT action, changes FROM audit_log WHERE action IN ('unlock', 'unlock_failed')
             ORDER BY rowid",
        )
        .unwrap();
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn five_wrong_passphrases_in_a_row_delay_the_next_try_even_after_a_restart() {
    let t = TestStore::new();
    let dir = t.dir();
    drop(t.store);

    for _ in 0..5 {
        let error = err(Store::open(&dir, WRONG));
        assert_eq!(error.code(), ErrorCode::WrongPassphrase, "{error}");
    }
    // Read back from disk, as a restarted app would.
    let record = Attempts::load(&dir);
    assert_eq!(record.failures, 5);
    assert_eq!(record.at.len(), 5);
    let sidecar = attempts::path(&dir);
    let mode = std::fs::metadata(&sidecar).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&sidecar).unwrap();
    assert!(!text.contains(WRONG) && !text.contains("orchid"), "{text}");

    // The sixth try, even with the right passphrase, waits without being tried.
    let error = err(Store::open(&dir, PASSPHRASE));
    assert_eq!(error.code(), ErrorCode::UnlockDelayed, "{error}");
    let Error::Store(StoreError::TooManyAttempts { wait_secs }) = error else {
        panic!("{error:?}")
    };
    assert!((1..=2).contains(&wait_secs), "{wait_secs}");
    assert_eq!(
        error_text(wait_secs),
        format!(
            "Five or more wrong passphrases in a row: wait {wait_secs} seconds before the next try."
        )
    );
    assert_eq!(
        Attempts::load(&dir).failures,
        5,
        "a refused try is not a failure"
    );
    let wait = Store::unlock_wait(&dir).unwrap();
    assert!(wait <= Duration::from_secs(2), "{wait:?}");

    std::thread::sleep(wait + Duration::from_millis(50));
    let store = Store::unlock(&dir, PASSPHRASE).unwrap();
    assert!(!sidecar.exists(), "a successful unlock resets the count");
    assert_eq!(Store::unlock_wait(&dir), None);

    // The failures reached the audit trail, each with its time, then the unlock.
    let events = unlock_events(&store);
    let actions: Vec<&str> = events.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        actions,
        [
            "unlock_failed",
            "unlock_failed",
            "unlock_failed",
            "unlock_failed",
            "unlock_failed",
            "unlock"
        ]
    );
    for ((_, changes), at) in events.iter().zip(&record.at) {
        assert!(changes.contains(&at.to_string()), "{changes} lacks {at}");
    }
    drop(store);
    // Written once: opening again adds no failure.
    let store = Store::open(&dir, PASSPHRASE).unwrap();
    assert_eq!(unlock_events(&store).len(), 6);
}

fn error_text(wait_secs: u64) -> String {
    StoreError::TooManyAttempts { wait_secs }.to_string()
}

#[test]
fn four_wrong_passphrases_cost_no_wait_and_a_right_one_resets_the_count() {
    let t = TestStore::new();
    let dir = t.dir();
    drop(t.store);
    for _ in 0..4 {
        err(Store::open(&dir, WRONG));
    }
    assert_eq!(Store::unlock_wait(&dir), None);
    let store = Store::unlock(&dir, PASSPHRASE).unwrap();
    assert_eq!(Attempts::load(&dir), Attempts::default());
    assert!(!attempts::path(&dir).exists());
    assert_eq!(unlock_events(&store).len(), 5);
    drop(store);
    // Counting starts over: four more cost nothing either.
    for _ in 0..4 {
        assert_eq!(
            err(Store::open(&dir, WRONG)).code(),
            ErrorCode::WrongPassphrase
        );
    }
    assert_eq!(Store::unlock_wait(&dir), None);
}

/// SQLCipher's logging is off for the whole process once a store is opened: a renamed
/// pragma would be ignored silently and bring its stderr lines back.
#[test]
fn sqlciphers_own_logging_is_off() {
    let t = TestStore::new();
    let level: String = t
        .store
        .sql_for_tests()
        .query_row("PRAGMA cipher_log_level", [], |row| row.get(0))
        .unwrap();
    assert_eq!(level, "NONE");
}
