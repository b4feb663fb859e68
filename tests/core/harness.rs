//! Each test gets its own temporary folder and a freshly created store.

use std::path::{Path, PathBuf};

use caseload::patients::{self, Patient, PatientDraft};
use caseload::{Error, ErrorCode, Store};
use tempfile::TempDir;

/// Passes the strength check (see `store::passphrase`).
pub const PASSPHRASE: &str = "orchid tractor lantern 42";
/// A second strong passphrase, for "someone else's" store.
pub const OTHER_PASSPHRASE: &str = "velvet harbor quantum 97 sparrow";

/// A store in its own temporary folder; the folder goes away with it.
pub struct TestStore {
    // Declared first so the store is closed before its folder is deleted.
    pub store: Store,
    pub tmp: TempDir,
}

impl TestStore {
    pub fn new() -> Self {
        let tmp = TempDir::new().unwrap();
        let store = Store::create(
            &data_dir(&tmp),
            PASSPHRASE,
            caseload::programs::seed_builtin,
        )
        .unwrap();
        Self { store, tmp }
    }

    /// The folder holding the store (created by `Store::create`).
    pub fn dir(&self) -> PathBuf {
        data_dir(&self.tmp)
    }
}

/// The data folder inside a temporary folder; not created until a store is.
pub fn data_dir(tmp: &TempDir) -> PathBuf {
    tmp.path().join("caseload")
}

pub fn draft(mrn: &str, first: &str, last: &str, birth_date: &str) -> PatientDraft {
    PatientDraft {
        mrn: mrn.into(),
        first_name: first.into(),
        last_name: last.into(),
        birth_date: birth_date.into(),
        ..PatientDraft::default()
    }
}

pub fn add(store: &mut Store, mrn: &str, first: &str, last: &str, birth_date: &str) -> Patient {
    patients::add(store, &draft(mrn, first, last, birth_date)).unwrap()
}

/// Rows in one table, deleted or not.
pub fn count(store: &Store, table: &str) -> i64 {
    store
        .sql_for_tests()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .unwrap()
}

/// Everything that a failed change must leave untouched.
#[derive(Debug, PartialEq, Eq)]
pub struct Counts {
    pub patients: i64,
    pub enrollments: i64,
    pub events: i64,
    pub audit: i64,
}

pub fn counts(store: &Store) -> Counts {
    Counts {
        patients: count(store, "patients"),
        enrollments: count(store, "enrollments"),
        events: count(store, "enrollment_events"),
        audit: count(store, "audit_log"),
    }
}

/// The error of a result that must have failed.
#[track_caller]
pub fn err<T: std::fmt::Debug>(result: caseload::Result<T>) -> Error {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(e) => e,
    }
}

/// Asserts the error's code and returns the names of its fields.
#[track_caller]
pub fn fields_of(error: &Error, code: ErrorCode) -> Vec<String> {
    assert_eq!(error.code(), code, "{error:?}");
    error.fields().iter().map(|f| f.field.clone()).collect()
}

pub fn today() -> jiff::civil::Date {
    caseload::dates::today()
}

pub fn tomorrow() -> String {
    today().tomorrow().unwrap().to_string()
}

/// Every regular file directly inside `dir`, with its bytes.
pub fn files_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    out.sort();
    out
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Logs a phone contact with the patient at the start of `on` (`YYYY-MM-DD`), with
/// the given outcome (`reached`, `no-answer`, ...).
pub fn contact(
    store: &mut Store,
    patient_id: &str,
    on: &str,
    outcome: &str,
) -> caseload::outreach::Contact {
    caseload::outreach::add(
        store,
        &caseload::outreach::ContactDraft {
            patient_id: patient_id.into(),
            at: format!("{on} 00:00"),
            channel: "phone".into(),
            outcome: outcome.into(),
            ..caseload::outreach::ContactDraft::default()
        },
    )
    .unwrap()
}
