//! What an import does to the schedule: rows matched by MRN (and the unmatched listed,
//! never imported), the dry run, a re-import that changes nothing, a newer export
//! replacing its days and leaving the others alone, cancellations, bad rows refusing
//! the whole file, and what the pages read back.

use caseload::schedule::{self, DayChange, UnmatchedRow};
use caseload::{ErrorCode, patients};
use jiff::ToSpan;
use jiff::civil::Weekday;

use super::*;
use crate::harness::{TestStore, count, err, fields_of};

fn change(on: &str, added: usize, removed: usize, unchanged: usize) -> DayChange {
    DayChange {
        day: day(on),
        added,
        removed,
        unchanged,
    }
}

#[test]
fn schedule_unmatched_mrns_are_listed_and_never_imported_or_made_patients() {
    let mut t = TestStore::new();
    let [a1, a2, _] = three_patients(&mut t.store);
    let o = appointments(&t.store);
    let report = apply(&mut t.store, &fixture("week.csv"), &o);
    assert_eq!(report.file_name, "week.csv");
    assert_eq!(
        (report.rows, report.appointments, report.matched),
        (4, 4, 3)
    );
    assert_eq!(
        report.unmatched,
        [UnmatchedRow {
            line: 4,
            mrn: "Z9".into(),
            name: Some("Stranger, Sam".into()),
            day: day("2026-03-02"),
            time: Some("10:00".into()),
        }]
    );
    assert_eq!(
        report.days,
        [change("2026-03-02", 2, 0, 0), change("2026-03-03", 1, 0, 0)]
    );
    assert!(report.changed && report.import_id.is_some());
    assert_eq!(count(&t.store, "patients"), 3, "nobody was created");
    assert_eq!(count(&t.store, "appointments"), 3);
    assert_eq!(
        coming(&t.store, "2026-03-02"),
        [(Some("09:00".into()), a1), (Some("09:30".into()), a2)]
    );
    // A removed patient's MRN matches nobody any more.
    let report = preview(&t.store, &fixture("week.csv"), &o);
    assert_eq!(report.matched, 3);
    let ben = t.store.read(|r| patients::require_by_mrn(r, "A2")).unwrap();
    patients::remove(&mut t.store, &ben.id, "registered twice").unwrap();
    assert_eq!(coming(&t.store, "2026-03-02").len(), 1, "not coming in");
    let report = preview(&t.store, &fixture("week.csv"), &o);
    assert_eq!(report.matched, 2);
    assert_eq!(report.unmatched.len(), 2);
}

#[test]
fn schedule_a_dry_run_writes_nothing() {
    let mut t = TestStore::new();
    three_patients(&mut t.store);
    let o = appointments(&t.store);
    let audit = count(&t.store, "audit_log");
    let report = preview(&t.store, &fixture("week.csv"), &o);
    assert!(report.changed, "it would change the schedule");
    assert_eq!(report.import_id, None);
    assert_eq!(report.days[0], change("2026-03-02", 2, 0, 0));
    assert_eq!(count(&t.store, "appointments"), 0);
    assert_eq!(count(&t.store, "schedule_imports"), 0);
    assert_eq!(count(&t.store, "audit_log"), audit);
    // The dry run says what the import then does.
    let applied = apply(&mut t.store, &fixture("week.csv"), &o);
    assert_eq!(applied.days, report.days);
}

#[test]
fn schedule_importing_the_same_file_again_changes_nothing() {
    let mut t = TestStore::new();
    three_patients(&mut t.store);
    let o = appointments(&t.store);
    let first = apply(&mut t.store, &fixture("week.csv"), &o);
    let ids = |s: &Store| -> Vec<String> {
        let conn = s.sql_for_tests();
        let mut stmt = conn
            .prepare("SELECT id FROM appointments ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let before = (ids(&t.store), count(&t.store, "audit_log") + 1);
    let again = apply(&mut t.store, &fixture("week.csv"), &o);
    assert!(!again.changed);
    assert_eq!(again.import_id, None);
    assert_eq!(
        again.days,
        [change("2026-03-02", 0, 0, 2), change("2026-03-03", 0, 0, 1)]
    );
    // No appointment changed; the trail still notes that the file was imported (every
    // import is recorded), as an event that changed nothing.
    assert_eq!((ids(&t.store), count(&t.store, "audit_log")), before);
    let noted: String = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT changes FROM audit_log WHERE entity = 'event' AND action = 'import'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        noted.contains("week.csv") && noted.contains("nothing changed"),
        "{noted}"
    );
    assert_eq!(count(&t.store, "schedule_imports"), 1);
    // The one import's audit entry names the file, days and counts, never a patient.
    let (entity, entity_id, changes): (String, String, String) = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT entity, entity_id, changes FROM audit_log WHERE entity = 'schedule_import'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(entity, "schedule_import");
    assert_eq!(Some(entity_id), first.import_id);
    for needle in [
        "week.csv",
        "2026-03-02, 2026-03-03",
        "\"added\"",
        "\"replaced\"",
    ] {
        assert!(changes.contains(needle), "{needle} in {changes}");
    }
    for name in ["Reyes", "Ortiz", "Stranger", "A1"] {
        assert!(!changes.contains(name), "{name} in {changes}");
    }
}

#[test]
fn schedule_a_newer_export_replaces_its_days_and_leaves_the_others_alone() {
    let mut t = TestStore::new();
    let [a1, a2, _] = three_patients(&mut t.store);
    let o = appointments(&t.store);
    apply(&mut t.store, &fixture("week.csv"), &o);
    let ana_monday: String = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT a.id FROM appointments a WHERE patient_id = ?1 AND day = '2026-03-02'",
            [&a1],
            |r| r.get(0),
        )
        .unwrap();
    // The newer export covers Monday only, and Ben is no longer on it.
    let newer = apply(&mut t.store, &fixture("week-newer.csv"), &o);
    assert_eq!(newer.days, [change("2026-03-02", 0, 1, 1)]);
    assert_eq!(
        coming(&t.store, "2026-03-02"),
        [(Some("09:00".into()), a1.clone())]
    );
    assert_eq!(
        coming(&t.store, "2026-03-03"),
        [(Some("14:15".into()), a1.clone())],
        "a day the newer file does not cover is left alone"
    );
    // Ben's row is kept, marked replaced by the newer import; Ana's is untouched.
    let (replaced_at, replaced_by): (Option<String>, Option<String>) = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT replaced_at, replaced_by FROM appointments WHERE patient_id = ?1",
            [&a2],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(replaced_at.is_some());
    assert_eq!(replaced_by, newer.import_id);
    let still: Option<String> = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT replaced_at FROM appointments WHERE id = ?1",
            [&ana_monday],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(still, None, "an unchanged appointment keeps its row");
    assert_eq!(count(&t.store, "appointments"), 3);
    assert_eq!(live(&t.store), 2);
    // A changed time is a removal and an addition.
    let moved = apply_text(
        &mut t.store,
        "Date,Time,MRN,Patient,Provider,Visit Type,Dept\n\
         2026-03-02,09:45,A1,\"Reyes, Ana\",Dr. Ana Ruiz,Follow-up,Family Medicine\n",
        &o,
    );
    assert_eq!(moved.days, [change("2026-03-02", 1, 1, 0)]);
    assert_eq!(coming(&t.store, "2026-03-02"), [(Some("09:45".into()), a1)]);
}

#[test]
fn schedule_cancelled_and_no_show_rows_are_kept_but_not_coming_in() {
    let mut t = TestStore::new();
    let [a1, _, _] = three_patients(&mut t.store);
    let o = appointments(&t.store);
    let text = "Date,Time,MRN,Patient,Provider,Visit Type,Dept,Status\n\
        2026-03-02,09:00,A1,,,,,Scheduled\n\
        2026-03-02,09:30,A2,,,,,Canceled\n\
        2026-03-02,10:00,A3,,,,,no-show\n\
        2026-03-03,10:00,A2,,,,,Bumped\n";
    let report = apply_text(&mut t.store, text, &o);
    assert_eq!(report.matched, 4);
    assert_eq!(live(&t.store), 4, "cancelled rows are kept");
    assert_eq!(coming(&t.store, "2026-03-02"), [(Some("09:00".into()), a1)]);
    assert!(coming(&t.store, "2026-03-03").is_empty());
    let days = t
        .store
        .read(|r| schedule::days_with_appointments(r, day("2026-03-01"), day("2026-03-31")))
        .unwrap();
    assert_eq!(days, [(day("2026-03-02"), 1)]);
    // Re-importing keeps them as they are: the status is part of the row.
    assert!(!apply_text(&mut t.store, text, &o).changed);
}

#[test]
fn schedule_bad_rows_refuse_the_whole_import_unless_left_out() {
    let mut t = TestStore::new();
    three_patients(&mut t.store);
    let mut o = appointments(&t.store);
    let audit = count(&t.store, "audit_log");
    let e = err(schedule::apply(&mut t.store, &fixture("bad-rows.csv"), &o));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["skip_bad_rows"]);
    let text = e.to_string();
    assert!(
        text.contains("bad-rows.csv has 9 bad rows; nothing was imported."),
        "{text}"
    );
    assert!(
        text.contains("The first: line 3, Date: the date is missing."),
        "{text}"
    );
    assert_eq!(count(&t.store, "appointments"), 0);
    assert_eq!(count(&t.store, "schedule_imports"), 0);
    assert_eq!(count(&t.store, "audit_log"), audit);
    o.skip_bad_rows = true;
    let report = apply(&mut t.store, &fixture("bad-rows.csv"), &o);
    assert_eq!(report.bad_rows.len(), 9);
    assert_eq!(report.days, [change("2026-03-02", 2, 0, 0)]);
    assert_eq!(count(&t.store, "appointments"), 2);
}

#[test]
fn schedule_reads_for_other_modules_follow_the_readers_day() {
    let mut t = TestStore::new();
    let [a1, a2, a3] = three_patients(&mut t.store);
    let o = appointments(&t.store);
    apply_text(
        &mut t.store,
        "Date,Time,MRN,Patient,Provider,Visit Type,Dept,Status\n\
         2026-02-27,09:00,A1,,,,,\n\
         2026-03-03,,A1,,,Diabetes check,,\n\
         2026-03-03,08:00,A2,,,,,Cancelled\n\
         2026-03-04,11:00,A1,,,,,\n\
         2026-03-04,08:30,A2,,,,,\n\
         2026-03-04,08:30,A3,,,,,\n",
        &o,
    );
    // By time, and at the same time by last name (Ortiz before Young).
    let wed: Vec<String> = coming(&t.store, "2026-03-04")
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    assert_eq!(wed, [a2.clone(), a3, a1.clone()]);
    let next = |on: &str, who: &str| {
        t.store
            .read_on(day(on), |r| schedule::next_for_patient(r, who))
            .unwrap()
            .map(|a| (a.day.to_string(), a.visit_type))
    };
    assert_eq!(
        next("2026-03-01", &a1),
        Some(("2026-03-03".into(), Some("Diabetes check".into())))
    );
    assert_eq!(
        next("2026-03-03", &a1).map(|n| n.0).as_deref(),
        Some("2026-03-03")
    );
    assert_eq!(next("2026-03-05", &a1), None);
    // Ben's Tuesday was cancelled: his next is Wednesday.
    assert_eq!(
        next("2026-03-02", &a2).map(|n| n.0).as_deref(),
        Some("2026-03-04")
    );
    let days = t
        .store
        .read(|r| schedule::days_with_appointments(r, day("2026-02-28"), day("2026-03-04")))
        .unwrap();
    assert_eq!(days, [(day("2026-03-03"), 1), (day("2026-03-04"), 3)]);
}

#[test]
fn schedule_the_demo_books_about_forty_patients_each_weekday_of_the_coming_week() {
    let mut t = TestStore::new();
    let summary = caseload::demo::fill(&mut t.store, 400, 3).unwrap();
    let today = t.store.today();
    let days = t
        .store
        .read(|r| schedule::days_with_appointments(r, today, today + 6.days()))
        .unwrap();
    assert_eq!(days.len(), 5, "weekdays only: {days:?}");
    for (d, n) in &days {
        assert!(!matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday));
        assert!((30..=44).contains(n), "{d}: {n}");
    }
    assert!(summary.appointments >= days.iter().map(|(_, n)| n).sum::<usize>());
    assert_eq!(count(&t.store, "schedule_imports"), 1);
}
