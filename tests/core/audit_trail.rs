//! The audit trail as a hash chain: intact after ordinary work, and every kind of raw
//! SQL tampering — an edited entry, a deleted one in the middle or at the end, one
//! slipped in — is found and reported at the first broken link. Events (views, prints,
//! exports) are recorded, listed with filters and exported as spreadsheet-safe CSV.

use caseload::audit::{self, Whom};
use caseload::pages::audit::{AuditQuery, all, csv, list};
use tempfile::TempDir;

use crate::cli_run::{caseload, ok};
use crate::harness::{PASSPHRASE, TestStore, add, data_dir, today};

fn verify(t: &TestStore) -> audit::Verification {
    t.store.read(audit::verify).unwrap()
}

/// A store with a few patients and changes: a trail of several entries.
fn worked_store() -> TestStore {
    let mut t = TestStore::new();
    for i in 0..5 {
        add(
            &mut t.store,
            &format!("AT-{i}"),
            "Ana",
            "Quispe",
            "1960-01-01",
        );
    }
    t
}

fn sql(t: &TestStore, statement: &str) {
    t.store.sql_for_tests().execute_batch(statement).unwrap();
}

#[test]
fn an_untouched_trail_verifies_link_by_link() {
    let t = worked_store();
    let found = verify(&t);
    assert!(found.is_intact(), "{found:?}");
    let entries: i64 = t
        .store
        .sql_for_tests()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(found.entries, entries);
    assert!(entries >= 5);
}

#[test]
fn an_entry_edited_with_raw_sql_is_found() {
    let t = worked_store();
    sql(
        &t,
        "UPDATE audit_log SET actor = 'someone else' WHERE seq = 3",
    );
    let broken = verify(&t).broken.expect("the edit is found");
    assert_eq!(broken.seq, 3);
    assert!(
        broken.why.contains("changed after it was written"),
        "{broken:?}"
    );
}

#[test]
fn an_edit_that_also_rewrites_its_own_hash_breaks_the_next_link() {
    let t = worked_store();
    sql(
        &t,
        "UPDATE audit_log SET changes = '[]', hash = 'ab' WHERE seq = 2",
    );
    let broken = verify(&t).broken.expect("found");
    assert_eq!(broken.seq, 2, "{broken:?}");
}

#[test]
fn an_entry_deleted_from_the_middle_is_found() {
    let t = worked_store();
    sql(&t, "DELETE FROM audit_log WHERE seq = 4");
    let broken = verify(&t).broken.expect("the deletion is found");
    assert_eq!(broken.seq, 4);
    assert!(broken.why.contains("missing"), "{broken:?}");
}

#[test]
fn the_newest_entry_deleted_is_found() {
    let t = worked_store();
    sql(
        &t,
        "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)",
    );
    let broken = verify(&t).broken.expect("the deletion is found");
    assert!(broken.why.contains("missing"), "{broken:?}");
}

#[test]
fn an_entry_slipped_in_with_raw_sql_is_found() {
    let t = worked_store();
    sql(
        &t,
        "INSERT INTO audit_log (id, at, actor, entity, entity_id, action, changes)
         VALUES ('x', '2020-01-01T00:00:00Z', 'intruder', 'patient', 'p', 'update', '[]')",
    );
    let broken = verify(&t).broken.expect("the insertion is found");
    assert!(broken.why.contains("outside Caseload"), "{broken:?}");
}

#[test]
fn events_are_chained_listed_and_kept_out_of_a_patients_change_history() {
    let mut t = worked_store();
    let ana = add(&mut t.store, "AT-9", "Rosa", "Mamani", "1970-05-05");
    audit::record_view(&mut t.store, &ana.id).unwrap();
    audit::record_export(
        &mut t.store,
        "print",
        "patient-summary",
        Whom::Patients(std::slice::from_ref(&ana.id)),
        "/tmp/summary.pdf",
    )
    .unwrap();
    assert!(verify(&t).is_intact());

    let page = t
        .store
        .read(|r| {
            list(
                r,
                &AuditQuery {
                    patient_id: Some(ana.id.clone()),
                    ..AuditQuery::default()
                },
            )
        })
        .unwrap();
    let actions: Vec<&str> = page.lines.iter().map(|l| l.action.as_str()).collect();
    assert_eq!(actions, ["print", "view", "create"], "newest first");
    assert_eq!(page.total, 3);
    assert_eq!(page.lines[0].patient.as_ref().unwrap().mrn, "AT-9");
    assert!(page.actions.contains(&"view".to_owned()));

    let prints = t
        .store
        .read(|r| {
            list(
                r,
                &AuditQuery {
                    action: Some("print".into()),
                    from: Some(today()),
                    to: Some(today()),
                    ..AuditQuery::default()
                },
            )
        })
        .unwrap();
    assert_eq!(prints.total, 1);
    let yesterday = today().yesterday().unwrap();
    let none = t
        .store
        .read(|r| {
            list(
                r,
                &AuditQuery {
                    to: Some(yesterday),
                    ..AuditQuery::default()
                },
            )
        })
        .unwrap();
    assert_eq!(none.total, 0, "nothing was recorded before today");

    let history = t
        .store
        .read(|r| caseload::patients::history(r, &ana.id))
        .unwrap();
    assert!(history.iter().all(|h| h.action == "create"), "{history:?}");
}

#[test]
fn the_csv_export_defuses_formulas() {
    let mut t = TestStore::new();
    // A name is what a coordinator typed; the CSV's patient column starts with it.
    let p = add(
        &mut t.store,
        "AT-1",
        "Ana",
        "=HYPERLINK(\"http://x\")",
        "1960-01-01",
    );
    audit::record_view(&mut t.store, &p.id).unwrap();
    let lines = t.store.read(|r| all(r, &AuditQuery::default())).unwrap();
    let text = String::from_utf8(csv(&lines).unwrap()).unwrap();
    assert!(text.starts_with("entry,at,who,action"), "{text}");
    assert!(text.contains("\"'=HYPERLINK"), "{text}");
    assert!(!text.contains(",=") && !text.contains("\"="), "{text}");
    assert!(text.contains(",view,") && text.contains("AT-1"), "{text}");
}

#[test]
fn the_list_refuses_a_page_size_out_of_range() {
    let t = TestStore::new();
    for limit in [0, 501] {
        let e = t
            .store
            .read(|r| {
                list(
                    r,
                    &AuditQuery {
                        limit: Some(limit),
                        ..AuditQuery::default()
                    },
                )
            })
            .unwrap_err();
        assert_eq!(e.code(), caseload::ErrorCode::InvalidInput);
    }
}

#[test]
fn cli_records_views_prints_and_exports_and_verify_finds_tampering() {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    ok(caseload(&dir, PASSPHRASE, &["init"]));
    ok(caseload(
        &dir,
        PASSPHRASE,
        &[
            "patients",
            "add",
            "--mrn",
            "AV-1",
            "--first",
            "Rosa",
            "--last",
            "Mamani",
            "--dob",
            "1970-05-05",
        ],
    ));
    ok(caseload(
        &dir,
        PASSPHRASE,
        &["patients", "show", "--mrn", "AV-1"],
    ));
    let pdf = tmp.path().join("summary.pdf");
    ok(caseload(
        &dir,
        PASSPHRASE,
        &[
            "print",
            "summary",
            "--mrn",
            "AV-1",
            "--out",
            pdf.to_str().unwrap(),
        ],
    ));
    let csv_file = tmp.path().join("audit.csv");
    ok(caseload(
        &dir,
        PASSPHRASE,
        &["audit", "export", "--out", csv_file.to_str().unwrap()],
    ));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&csv_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let listed = ok(caseload(
        &dir,
        PASSPHRASE,
        &["audit", "list", "--mrn", "AV-1", "--format", "csv"],
    ));
    assert!(listed.contains(",view,"), "{listed}");
    assert!(listed.contains(",print,"), "{listed}");
    assert!(
        listed.contains("summary.pdf"),
        "the print names where it went: {listed}"
    );
    let exports = ok(caseload(
        &dir,
        PASSPHRASE,
        &["audit", "list", "--action", "export", "--format", "csv"],
    ));
    assert!(exports.contains("audit-trail-csv"), "{exports}");

    let verified = ok(caseload(&dir, PASSPHRASE, &["audit", "verify"]));
    assert!(verified.contains("intact"), "{verified}");

    // Tamper with the trail as someone with the passphrase and SQLite could.
    {
        let store = caseload::Store::open(&dir, PASSPHRASE).unwrap();
        store
            .sql_for_tests()
            .execute("DELETE FROM audit_log WHERE action = 'view'", [])
            .unwrap();
    }
    let out = caseload(&dir, PASSPHRASE, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(16), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("broken at entry"), "{said}");
    assert!(said.contains("missing"), "{said}");
}

#[test]
fn sqlites_own_words_go_to_the_trail_not_to_the_coordinator() {
    let mut t = TestStore::new();
    let failure = caseload::Error::from(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(11),
        Some("database disk image is malformed".into()),
    ));
    assert!(
        !failure.to_string().contains("malformed"),
        "the coordinator reads: {failure}"
    );
    audit::record_problem(&mut t.store, &failure);
    let changes: String = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT changes FROM audit_log WHERE action = 'storage_problem'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(changes.contains("malformed"), "{changes}");
    assert!(verify(&t).is_intact());
}
