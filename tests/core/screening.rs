//! Eligibility screening against stored measures: one patient criterion by criterion,
//! and "screen all". Editing programs is in `programs.rs`, visits in `visits.rs`.

use caseload::enrollment::{self, StartEnrollment, Transition};
use caseload::measures::{self, MeasureDraft};
use caseload::patients::{self, Patient};
use caseload::programs;
use caseload::screening::{self, NodeKind, Outcome};
use caseload::{ErrorCode, Store};
use jiff::ToSpan;
use jiff::civil::Date;

use crate::harness::{TestStore, add, count, err, today};
use crate::programs::{compass_edit, set_threshold, set_window};

pub fn days_ago(days: i64) -> String {
    (today() - days.days()).to_string()
}

fn day(days: i64) -> Date {
    today() - days.days()
}

fn record(store: &mut Store, draft: MeasureDraft) {
    measures::record(store, &draft).unwrap();
}

/// A PHQ-9 whose items add up to `total` (item 9 left at 0).
pub fn phq9(patient: &Patient, total: u8, days: i64) -> MeasureDraft {
    let mut left = total;
    let items = (0..9)
        .map(|i| {
            let v = if i < 8 { left.min(3) } else { 0 };
            left -= v;
            v.to_string()
        })
        .collect();
    MeasureDraft {
        patient_id: patient.id.clone(),
        kind: "phq9".into(),
        taken_on: days_ago(days),
        items,
        ..MeasureDraft::default()
    }
}

pub fn value(patient: &Patient, kind: &str, value: &str, days: i64) -> MeasureDraft {
    MeasureDraft {
        patient_id: patient.id.clone(),
        kind: kind.into(),
        taken_on: days_ago(days),
        value: value.into(),
        ..MeasureDraft::default()
    }
}

pub fn bp(patient: &Patient, sbp: &str, dbp: &str, days: i64) -> MeasureDraft {
    MeasureDraft {
        patient_id: patient.id.clone(),
        kind: "bp".into(),
        taken_on: days_ago(days),
        systolic: sbp.into(),
        diastolic: dbp.into(),
        ..MeasureDraft::default()
    }
}

fn enroll(
    store: &mut Store,
    patient: &Patient,
    program: &str,
    status: &str,
) -> enrollment::Enrollment {
    enrollment::start(
        store,
        &StartEnrollment {
            patient_id: patient.id.clone(),
            program: program.into(),
            status: status.into(),
            on: days_ago(60),
            ..StartEnrollment::default()
        },
    )
    .unwrap()
}

/// An adult with PHQ-9 15 ten days ago and a blood pressure of 150/85 five days ago:
/// eligible for COMPASS.
fn eligible(store: &mut Store, mrn: &str, last: &str) -> Patient {
    let p = add(store, mrn, "Rosa", last, "1961-04-12");
    record(store, phq9(&p, 15, 10));
    record(store, bp(&p, "150", "85", 5));
    p
}

// ---- screening one patient -------------------------------------------------------

#[test]
fn screening_shows_each_criterion_with_the_value_and_date_used() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "S-1", "Rosa", "Delgado", "1961-04-12");
    record(&mut t.store, phq9(&p, 15, 10));
    record(&mut t.store, value(&p, "a1c", "7.2", 20));
    record(&mut t.store, bp(&p, "150", "85", 5));

    let s = t
        .store
        .read(|r| screening::screen_patient(r, &p.id, "compass"))
        .unwrap();
    assert_eq!(s.outcome, Outcome::Met);
    assert_eq!(s.program_code, "compass");
    assert_eq!(s.open_status, None);
    let root = &s.criteria;
    assert_eq!(root.kind, NodeKind::All);
    assert_eq!(root.text, "All of:");
    let phq = &root.children[1];
    assert_eq!(phq.text, "PHQ-9 ≥ 10 (latest within 90 days)");
    assert_eq!(phq.outcome, Outcome::Met);
    let evidence = phq.evidence.unwrap();
    assert_eq!((evidence.value, evidence.taken_on), (15.0, Some(day(10))));
    assert!(evidence.within_window);
    let any: Vec<(Outcome, Option<f64>)> = root.children[2]
        .children
        .iter()
        .map(|c| (c.outcome, c.evidence.map(|e| e.value)))
        .collect();
    assert_eq!(
        any,
        [
            (Outcome::NotMet, Some(7.2)),
            (Outcome::Met, Some(150.0)),
            (Outcome::NotMet, Some(85.0))
        ]
    );
    assert_eq!(
        root.children[0]
            .detail
            .as_deref()
            .map(|d| d.starts_with("Age ")),
        Some(true)
    );
}

#[test]
fn screening_reports_no_recent_data_for_stale_and_missing_values() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "S-1", "Rosa", "Delgado", "1961-04-12");
    record(&mut t.store, phq9(&p, 15, 91));
    record(&mut t.store, bp(&p, "150", "95", 90));

    let s = t
        .store
        .read(|r| screening::screen_patient(r, &p.id, "compass"))
        .unwrap();
    let phq = &s.criteria.children[1];
    assert_eq!(phq.outcome, Outcome::NoRecentData, "91 days old, window 90");
    let evidence = phq.evidence.unwrap();
    assert!(!evidence.within_window);
    assert_eq!(
        evidence.taken_on,
        Some(day(91)),
        "the stale value is still shown"
    );
    let a1c = &s.criteria.children[2].children[0];
    assert_eq!(a1c.outcome, Outcome::NoRecentData);
    assert_eq!(a1c.evidence, None);
    assert_eq!(a1c.detail.as_deref(), Some("No HbA1c on record"));
    assert_eq!(
        s.criteria.children[2].children[1].outcome,
        Outcome::Met,
        "exactly 90 days old is within 90 days"
    );
    assert_eq!(s.outcome, Outcome::NoRecentData);
}

#[test]
fn screening_uses_the_latest_complete_current_value_only() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "S-1", "Rosa", "Delgado", "1961-04-12");
    record(&mut t.store, phq9(&p, 15, 30));
    // A later questionnaire with an unanswered item is never used.
    let mut incomplete = phq9(&p, 4, 20);
    incomplete.items[2] = String::new();
    record(&mut t.store, incomplete);
    let phq_value = |t: &TestStore| {
        t.store
            .read(|r| screening::screen_patient(r, &p.id, "compass"))
            .unwrap()
            .criteria
            .children[1]
            .evidence
            .unwrap()
    };
    assert_eq!(phq_value(&t).value, 15.0);

    // A later value, corrected: the correction counts, the superseded value does not.
    let later = measures::record(&mut t.store, &phq9(&p, 4, 10)).unwrap();
    assert_eq!(phq_value(&t).value, 4.0);
    measures::correct(&mut t.store, &later.id, &phq9(&p, 12, 10)).unwrap();
    assert_eq!(phq_value(&t).value, 12.0);

    // The newest value removed as entered in error: the one before it counts again.
    let newest = measures::record(&mut t.store, &phq9(&p, 2, 1)).unwrap();
    assert_eq!(phq_value(&t).value, 2.0);
    measures::remove(&mut t.store, &newest.id, "wrong patient").unwrap();
    let evidence = phq_value(&t);
    assert_eq!((evidence.value, evidence.taken_on), (12.0, Some(day(10))));
}

#[test]
fn screening_as_of_an_earlier_day_ignores_later_values() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "S-1", "Rosa", "Delgado", "1961-04-12");
    record(&mut t.store, phq9(&p, 15, 30));
    record(&mut t.store, phq9(&p, 3, 2));
    let s = t
        .store
        .read_on(day(10), |r| screening::screen_patient(r, &p.id, "compass"))
        .unwrap();
    let evidence = s.criteria.children[1].evidence.unwrap();
    assert_eq!((evidence.value, evidence.age_days), (15.0, Some(20)));
}

#[test]
fn screening_names_the_open_episode_and_refuses_unknown_programs_and_patients() {
    let mut t = TestStore::new();
    let p = eligible(&mut t.store, "S-1", "Delgado");
    enroll(&mut t.store, &p, "compass", "screening");
    let s = t
        .store
        .read(|r| screening::screen_patient(r, &p.id, "COMPASS"))
        .unwrap();
    assert_eq!(s.open_status.as_deref(), Some("screening"));

    let e = err(t
        .store
        .read(|r| screening::screen_patient(r, &p.id, "nope")));
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert!(e.to_string().contains("nope"), "{e}");
    let e = err(t
        .store
        .read(|r| screening::screen_patient(r, "no-such-id", "compass")));
    assert_eq!(e.code(), ErrorCode::NotFound);
    let e = err(t.store.read(|r| screening::screen_all(r, "nope")));
    assert_eq!(e.code(), ErrorCode::NotFound);
}

#[test]
fn teamcare_ldl_and_strict_comparisons_come_from_its_own_criteria() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "S-1", "Rosa", "Delgado", "1961-04-12");
    record(&mut t.store, phq9(&p, 12, 10));
    record(&mut t.store, bp(&p, "140", "80", 10));
    let s = t
        .store
        .read(|r| screening::screen_patient(r, &p.id, "teamcare"))
        .unwrap();
    assert_eq!(
        s.criteria.children[2].children[1].outcome,
        Outcome::NotMet,
        "SBP > 140"
    );
    record(&mut t.store, value(&p, "ldl", "131", 200));
    let s = t
        .store
        .read(|r| screening::screen_patient(r, &p.id, "teamcare"))
        .unwrap();
    assert_eq!(s.outcome, Outcome::Met, "LDL > 130 within 365 days");
    let listed = t
        .store
        .read(|r| screening::screen_all(r, "teamcare"))
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].ldl, listed[0].ldl_date),
        (Some(131.0), Some(day(200)))
    );
    assert_eq!(
        listed[0].sbp,
        Some(140.0),
        "the recent BP is shown though it did not qualify"
    );
}

// ---- screen all --------------------------------------------------------------------

#[test]
fn screen_all_lists_eligible_patients_who_are_not_enrolled() {
    let mut t = TestStore::new();
    let s = &mut t.store;
    let free = eligible(s, "A-1", "Abbott");
    let in_teamcare = eligible(s, "A-2", "Baker");
    enroll(s, &in_teamcare, "teamcare", "active");
    let graduated = eligible(s, "A-3", "Chen");
    let episode = enroll(s, &graduated, "compass", "active");
    enrollment::transition(
        s,
        &Transition {
            enrollment_id: episode.id,
            to: "graduated".into(),
            on: days_ago(1),
            ..Transition::default()
        },
    )
    .unwrap();
    for (mrn, last, status) in [
        ("B-1", "Dunn", "referred"),
        ("B-2", "Evans", "screening"),
        ("B-3", "Ford", "active"),
    ] {
        let p = eligible(s, mrn, last);
        enroll(s, &p, "compass", status);
    }
    let relapse = eligible(s, "B-4", "Gray");
    let episode = enroll(s, &relapse, "compass", "active");
    enrollment::transition(
        s,
        &Transition {
            enrollment_id: episode.id,
            to: "relapse-watch".into(),
            on: days_ago(1),
            ..Transition::default()
        },
    )
    .unwrap();
    let removed = eligible(s, "B-5", "Hall");
    patients::remove(s, &removed.id, "duplicate").unwrap();

    let listed = s.read(|r| screening::screen_all(r, "compass")).unwrap();
    let mrns: Vec<&str> = listed.iter().map(|e| e.patient.mrn.as_str()).collect();
    assert_eq!(
        mrns,
        ["A-1", "A-2", "A-3"],
        "open COMPASS episodes and removed patients are left out; a closed episode or \
         another program's episode is not"
    );
    let first = &listed[0];
    assert_eq!(first.patient.id, free.id);
    assert_eq!(
        (
            first.patient.last_name.as_str(),
            first.patient.first_name.as_str()
        ),
        ("Abbott", "Rosa")
    );
    assert_eq!(first.patient.birth_date, "1961-04-12");
    assert_eq!(
        first.patient.age,
        caseload::dates::age_from_text("1961-04-12", today())
    );
    assert_eq!((first.phq9, first.phq9_date), (Some(15.0), Some(day(10))));
    assert_eq!(
        (first.sbp, first.dbp, first.bp_date),
        (Some(150.0), Some(85.0), Some(day(5)))
    );
    assert_eq!((first.a1c, first.a1c_date), (None, None));
}

#[test]
fn screen_all_leaves_out_stale_missing_and_failing_data_and_minors() {
    let mut t = TestStore::new();
    let s = &mut t.store;
    let stale = add(s, "C-1", "Ana", "Stale", "1960-01-01");
    record(s, phq9(&stale, 15, 91));
    record(s, bp(&stale, "150", "95", 5));
    let stale_a1c = add(s, "C-2", "Ana", "Olda1c", "1960-01-01");
    record(s, phq9(&stale_a1c, 15, 5));
    record(s, value(&stale_a1c, "a1c", "9.5", 181));
    let low = add(s, "C-3", "Ana", "Low", "1960-01-01");
    record(s, phq9(&low, 9, 5));
    record(s, bp(&low, "150", "95", 5));
    let minor_born = format!("{}-01-01", today().year() - 16);
    let minor = add(s, "C-4", "Ana", "Young", &minor_born);
    record(s, phq9(&minor, 15, 5));
    record(s, bp(&minor, "150", "95", 5));
    add(s, "C-5", "Ana", "Nothing", "1960-01-01");
    let a1c_at_edge = add(s, "C-6", "Ana", "Edge", "1960-01-01");
    record(s, phq9(&a1c_at_edge, 10, 90));
    record(s, value(&a1c_at_edge, "a1c", "8", 180));

    let listed = s.read(|r| screening::screen_all(r, "compass")).unwrap();
    let mrns: Vec<&str> = listed.iter().map(|e| e.patient.mrn.as_str()).collect();
    assert_eq!(
        mrns,
        ["C-6"],
        "only the patient at every threshold and window edge"
    );
    assert_eq!(
        (listed[0].a1c, listed[0].a1c_date),
        (Some(8.0), Some(day(180)))
    );
}

#[test]
fn screen_all_follows_edited_thresholds() {
    let mut t = TestStore::new();
    eligible(&mut t.store, "A-1", "Abbott");
    let mut edit = compass_edit(&t.store);
    set_threshold(&mut edit.criteria, &[1], 16.0);
    programs::update_thresholds(&mut t.store, "compass", &edit).unwrap();
    assert!(
        t.store
            .read(|r| screening::screen_all(r, "compass"))
            .unwrap()
            .is_empty()
    );

    set_threshold(&mut edit.criteria, &[1], 15.0);
    set_window(&mut edit.criteria, &[2, 1], 4);
    programs::update_thresholds(&mut t.store, "compass", &edit).unwrap();
    assert!(
        t.store
            .read(|r| screening::screen_all(r, "compass"))
            .unwrap()
            .is_empty(),
        "the BP five days old is outside a four-day window"
    );
    set_window(&mut edit.criteria, &[2, 1], 5);
    programs::update_thresholds(&mut t.store, "compass", &edit).unwrap();
    assert_eq!(
        t.store
            .read(|r| screening::screen_all(r, "compass"))
            .unwrap()
            .len(),
        1
    );
}

/// 10,000 patients with 20 measures each: the latest values are read in one scan, so
/// "screen all" stays interactive. (The bound is generous for unoptimised test builds;
/// one query per patient would not be the problem it guards against on its own, but a
/// per-patient tree walk over every measure would.)
#[test]
fn screen_all_is_fast_on_ten_thousand_patients() {
    let mut t = TestStore::new();
    caseload::demo::fill(&mut t.store, 10_000, 7).unwrap();
    let demo_measures = count(&t.store, "measures");
    let ids: Vec<String> = {
        let mut stmt = t
            .store
            .sql_for_tests()
            .prepare("SELECT id FROM patients")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    t.store
        .write(|w| {
            let mut insert = w
                .tx()
                .prepare(
                    "INSERT INTO measures (id, patient_id, kind, taken_on, value, value2,
                         complete, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, 'now', 'now')",
                )
                .unwrap();
            for (n, id) in ids.iter().enumerate() {
                for k in 0..20i64 {
                    let (kind, value, value2) = match k % 4 {
                        0 | 1 => ("phq9", ((n as i64 + k) % 27) as f64, None),
                        2 => ("a1c", 6.0 + ((n as i64 + k) % 5) as f64, None),
                        _ => ("bp", 120.0 + ((n as i64 * 7 + k) % 40) as f64, Some(85.0)),
                    };
                    insert
                        .execute(rusqlite::params![
                            format!("m-{n}-{k}"),
                            id,
                            kind,
                            days_ago(k * 15),
                            value,
                            value2
                        ])
                        .unwrap();
                }
            }
            drop(insert);
            w.audit(caseload::audit::AuditEntry {
                entity: "test",
                entity_id: "bulk".into(),
                patient_id: None,
                action: "create".into(),
                changes: vec![],
            })
        })
        .unwrap();
    assert_eq!(count(&t.store, "measures") - demo_measures, 200_000);

    let started = std::time::Instant::now();
    let listed = t
        .store
        .read(|r| screening::screen_all(r, "compass"))
        .unwrap();
    let took = started.elapsed();
    assert!(!listed.is_empty());
    eprintln!(
        "screen all over {} measures: {took:?}",
        count(&t.store, "measures")
    );
    assert!(took.as_secs_f64() < 3.0, "screen all took {took:?}");
}
