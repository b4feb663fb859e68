//! The encrypted store: what is on disk, who can open it, and how changes commit.

use std::os::unix::fs::PermissionsExt;

use caseload::audit::{AuditEntry, FieldChange};
use caseload::enrollment::{self, StartEnrollment};
use caseload::pages::CaseloadQuery;
use caseload::patients::{self, PatientDraft};
use caseload::programs::seed_builtin;
use caseload::store::SCHEMA_VERSION;
use caseload::{Error, ErrorCode, Store};
use tempfile::TempDir;

use crate::harness::{self, OTHER_PASSPHRASE, PASSPHRASE, TestStore, add, counts, data_dir, err};

const NAME_FIRST: &str = "Zebulon";
const NAME_LAST: &str = "Quixotically";
const MRN: &str = "ZQX-8841207";

/// What must never be readable on disk: the names as typed, as folded for search, and the MRN.
fn secrets() -> Vec<&'static str> {
    vec![
        NAME_FIRST,
        NAME_LAST,
        "zebulon",
        "quixotically",
        MRN,
        "zqx-8841207",
        "Pelican Ward 9",
    ]
}

#[track_caller]
fn assert_no_plaintext(dir: &std::path::Path, when: &str) {
    let files = harness::files_in(dir);
    assert!(!files.is_empty(), "{when}: no files in {}", dir.display());
    for (path, bytes) in &files {
        for secret in secrets() {
            assert!(
                !harness::contains(bytes, secret.as_bytes()),
                "{when}: {secret:?} is readable in {}",
                path.display()
            );
        }
    }
}

#[test]
fn store_file_is_not_a_plain_sqlite_database() {
    let t = TestStore::new();
    let bytes = std::fs::read(t.store.path()).unwrap();
    assert!(
        bytes.len() >= 4096,
        "store file is only {} bytes",
        bytes.len()
    );
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "the store file has a plaintext SQLite header"
    );
}

#[test]
fn patient_data_never_appears_in_plaintext_on_disk() {
    let mut t = TestStore::new();
    let dir = t.dir();
    let patient = patients::add(
        &mut t.store,
        &PatientDraft {
            address_line: "Pelican Ward 9".into(),
            ..harness::draft(MRN, NAME_FIRST, NAME_LAST, "1961-07-04")
        },
    )
    .unwrap();
    // Several more writes, so the WAL holds pages of each table.
    for i in 0..5 {
        let mut form = patient.to_draft();
        form.note = format!("{NAME_FIRST} {NAME_LAST} called back ({i})");
        patients::update(&mut t.store, &patient.id, &form).unwrap();
    }
    enrollment::start(
        &mut t.store,
        &StartEnrollment {
            patient_id: patient.id.clone(),
            program: "compass".into(),
            note: format!("referred for {NAME_LAST}"),
            ..StartEnrollment::default()
        },
    )
    .unwrap();
    for i in 0..30 {
        add(
            &mut t.store,
            &format!("FILL-{i}"),
            "Ana",
            "Filler",
            "1970-01-01",
        );
    }

    let wal = dir.join("caseload.db-wal");
    let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert!(
        wal_len > 0,
        "expected a non-empty WAL while the store is open"
    );
    assert!(
        dir.join("caseload.db-shm").is_file(),
        "expected the -shm file while the store is open"
    );
    assert_no_plaintext(&dir, "store open");

    drop(t.store);
    assert_no_plaintext(&dir, "store closed");
}

#[test]
fn wrong_passphrase_is_refused_and_the_right_one_still_opens() {
    let mut t = TestStore::new();
    let dir = t.dir();
    add(&mut t.store, MRN, NAME_FIRST, NAME_LAST, "1961-07-04");
    drop(t.store);

    let error = err(Store::open(&dir, "orchid tractor lantern 43"));
    assert_eq!(error.code(), ErrorCode::WrongPassphrase, "{error:?}");
    assert!(error.to_string().contains("passphrase"), "{error}");

    let store = Store::open(&dir, PASSPHRASE).unwrap();
    let found = store
        .read(|r| patients::find_by_mrn(r, MRN))
        .unwrap()
        .unwrap();
    assert_eq!(found.last_name, NAME_LAST);
}

#[test]
fn create_refuses_an_existing_store_and_leaves_it_intact() {
    let mut t = TestStore::new();
    let dir = t.dir();
    add(&mut t.store, MRN, NAME_FIRST, NAME_LAST, "1961-07-04");
    drop(t.store);
    let before = harness::files_in(&dir);

    let error = err(Store::create(&dir, OTHER_PASSPHRASE, seed_builtin));
    assert_eq!(error.code(), ErrorCode::StoreExists, "{error:?}");
    assert_eq!(harness::files_in(&dir), before, "the folder changed");

    assert_eq!(
        err(Store::open(&dir, OTHER_PASSPHRASE)).code(),
        ErrorCode::WrongPassphrase
    );
    let store = Store::open(&dir, PASSPHRASE).unwrap();
    assert!(
        store
            .read(|r| patients::find_by_mrn(r, MRN))
            .unwrap()
            .is_some()
    );
}

#[test]
fn opening_a_missing_store_reports_store_missing_and_creates_nothing() {
    let tmp = TempDir::new().unwrap();
    let never_made = data_dir(&tmp);
    assert_eq!(
        err(Store::open(&never_made, PASSPHRASE)).code(),
        ErrorCode::StoreMissing
    );
    assert!(!never_made.exists());

    // An empty folder is not a store either.
    assert_eq!(
        err(Store::open(tmp.path(), PASSPHRASE)).code(),
        ErrorCode::StoreMissing
    );
    assert!(!Store::exists(tmp.path()));
    assert!(harness::files_in(tmp.path()).is_empty());
}

#[test]
fn new_store_is_at_the_current_schema_version_with_builtin_programs() {
    let t = TestStore::new();
    let version: i64 = t
        .store
        .sql_for_tests()
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let codes: Vec<String> = t
        .store
        .read(caseload::programs::list)
        .unwrap()
        .into_iter()
        .map(|p| p.code)
        .collect();
    assert!(codes.contains(&"compass".to_owned()), "{codes:?}");
    assert!(codes.contains(&"teamcare".to_owned()), "{codes:?}");
}

#[test]
fn store_written_by_a_newer_version_is_refused() {
    let t = TestStore::new();
    let dir = t.dir();
    t.store
        .sql_for_tests()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(t.store);

    let error = err(Store::open(&dir, PASSPHRASE));
    assert_eq!(error.code(), ErrorCode::StoreTooNew, "{error:?}");
    assert!(error.to_string().contains("newer version"), "{error}");
}

#[test]
fn weak_passphrase_is_refused_on_create_and_nothing_is_created() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    for weak in [
        "password123456",
        "Tr0ub4d!",
        "",
        "aaaaaaaaaaaaaaaa",
        "1234567890",
    ] {
        let error = err(Store::create(&dir, weak, seed_builtin));
        assert_eq!(error.code(), ErrorCode::InvalidInput, "{weak:?}: {error:?}");
        assert!(error.to_string().contains("stronger passphrase"), "{error}");
        assert!(!Store::exists(&dir), "{weak:?} created a store");
    }
}

#[test]
fn store_folder_and_files_are_private_to_the_owner() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    let mut store = Store::create(&dir, PASSPHRASE, seed_builtin).unwrap();
    add(&mut store, MRN, NAME_FIRST, NAME_LAST, "1961-07-04");

    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700, "folder");
    let files = harness::files_in(&dir);
    let names: Vec<_> = files
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_owned())
        .collect();
    for expected in ["caseload.db", "caseload.db-wal", "caseload.db-shm"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing: {names:?}"
        );
    }
    for (path, _) in &files {
        assert_eq!(mode(path), 0o600, "{}", path.display());
    }
}

#[test]
fn leftover_from_a_crashed_creation_does_not_block_creating_a_store() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("caseload.db.creating"),
        b"half-written garbage from a crash",
    )
    .unwrap();
    // The crash happened an hour ago.
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(dir.join("caseload.db.creating"))
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    assert!(
        !Store::exists(&dir),
        "a partial file must not count as a store"
    );

    let mut store = Store::create(&dir, PASSPHRASE, seed_builtin).unwrap();
    add(&mut store, MRN, NAME_FIRST, NAME_LAST, "1961-07-04");
    drop(store);
    assert!(!dir.join("caseload.db.creating").exists());
    let store = Store::open(&dir, PASSPHRASE).unwrap();
    assert!(
        store
            .read(|r| patients::find_by_mrn(r, MRN))
            .unwrap()
            .is_some()
    );
}

const INSERT_PATIENT: &str = "INSERT INTO patients (id, mrn, first_name, last_name, birth_date, sort_key,
        search_key, created_at, updated_at, last_activity_at)
    VALUES ('half-way', 'HALF-1', 'Half', 'Way', '1970-01-01', 'way\x1fhalf', 'way half half-1 1970-01-01',
        '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')";

fn audit_entry() -> AuditEntry {
    AuditEntry {
        entity: "patient",
        entity_id: "half-way".into(),
        patient_id: Some("half-way".into()),
        action: "create".into(),
        changes: vec![FieldChange {
            field: "mrn".into(),
            from: None,
            to: Some("HALF-1".into()),
        }],
    }
}

fn caseload_total(store: &Store) -> u64 {
    store
        .read(|r| caseload::pages::caseload::list(r, &CaseloadQuery::default()))
        .unwrap()
        .total
}

#[test]
fn change_that_fails_half_way_saves_nothing_and_leaves_no_audit_entry() {
    let mut t = TestStore::new();
    add(&mut t.store, MRN, NAME_FIRST, NAME_LAST, "1961-07-04");
    let before = counts(&t.store);

    let result: caseload::Result<()> = t.store.write(|w| {
        w.tx().execute_batch(INSERT_PATIENT)?;
        w.audit(audit_entry())?;
        Err(Error::Conflict(
            "something went wrong after the insert".into(),
        ))
    });
    assert_eq!(err(result).code(), ErrorCode::Conflict);
    assert_eq!(counts(&t.store), before);
    assert_eq!(caseload_total(&t.store), 1);
    assert!(
        t.store
            .read(|r| patients::find_by_mrn(r, "HALF-1"))
            .unwrap()
            .is_none()
    );

    // The same change, completed, does commit: the rollback above was not a fluke.
    t.store
        .write(|w| {
            w.tx().execute_batch(INSERT_PATIENT)?;
            w.audit(audit_entry())
        })
        .unwrap();
    assert_eq!(caseload_total(&t.store), 2);
    assert_eq!(counts(&t.store).audit, before.audit + 1);
}

#[test]
fn change_without_an_audit_entry_is_rolled_back() {
    let mut t = TestStore::new();
    let before = counts(&t.store);
    let result = t.store.write(|w| Ok(w.tx().execute_batch(INSERT_PATIENT)?));
    assert_eq!(err(result).code(), ErrorCode::Storage);
    assert_eq!(counts(&t.store), before);
}

#[test]
fn creating_a_store_in_an_existing_folder_keeps_that_folders_permissions() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o1777)).unwrap();
    drop(Store::create(&dir, PASSPHRASE, seed_builtin).unwrap());
    let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o7777;
    assert_eq!(
        mode, 0o1777,
        "a folder the coordinator chose is not locked down"
    );
}

#[test]
fn two_creations_racing_for_one_folder_make_exactly_one_store() {
    for _ in 0..10 {
        let tmp = TempDir::new().unwrap();
        let dir = data_dir(&tmp);
        let outcomes = std::thread::scope(|s| {
            let a = s.spawn(|| Store::create(&dir, PASSPHRASE, seed_builtin).map(drop));
            let b = s.spawn(|| Store::create(&dir, OTHER_PASSPHRASE, seed_builtin).map(drop));
            [a.join().unwrap(), b.join().unwrap()]
        });
        let won = outcomes.iter().filter(|o| o.is_ok()).count();
        assert_eq!(won, 1, "{outcomes:?}");
        let lost = outcomes.iter().find_map(|o| o.as_ref().err()).unwrap();
        assert_eq!(lost.code(), ErrorCode::StoreExists, "{lost}");
        // The winner's passphrase opens the store; nothing of the loser is left.
        let winner = if outcomes[0].is_ok() {
            PASSPHRASE
        } else {
            OTHER_PASSPHRASE
        };
        Store::open(&dir, winner).unwrap();
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("creating"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

/// A read is one snapshot: a change committed by another handle while the read runs
/// (the CLI while the desktop is open) is not half-seen by it.
#[test]
fn every_query_of_one_read_sees_the_same_data() {
    let mut t = TestStore::new();
    add(&mut t.store, "SNAP-1", "Ana", "Ruiz", "1970-01-01");
    let mut other = Store::open(&t.dir(), PASSPHRASE).unwrap();
    let total = |r: &caseload::store::Reader<'_>| {
        caseload::pages::caseload::list(r, &CaseloadQuery::default()).map(|p| p.total)
    };
    let (before, during) = t
        .store
        .read(|r| {
            let before = total(r)?;
            add(&mut other, "SNAP-2", "Bo", "Lind", "1971-01-01");
            Ok((before, total(r)?))
        })
        .unwrap();
    assert_eq!((before, during), (1, 1));
    // The next read sees the committed change.
    assert_eq!(t.store.read(total).unwrap(), 2);
}

/// The day a read is evaluated for is the day every rule in it uses, e.g. an age.
#[test]
fn a_read_on_a_day_evaluates_everything_for_that_day() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "DAY-1", "Ana", "Ruiz", "2000-06-15");
    let age_on = |day| {
        t.store
            .read_on(day, |r| {
                assert_eq!(r.today(), day);
                patients::get(r, &p.id).map(|p| p.age)
            })
            .unwrap()
    };
    assert_eq!(age_on(jiff::civil::date(2018, 6, 14)), 17);
    assert_eq!(age_on(jiff::civil::date(2018, 6, 15)), 18);
    let same_snapshot_other_day = t
        .store
        .read(|r| patients::get(&r.on(jiff::civil::date(2018, 6, 14)), &p.id))
        .unwrap();
    assert_eq!(same_snapshot_other_day.age, 17);
}
