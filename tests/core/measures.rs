//! The clinical registry through the core API: recording, scoring, safety flags,
//! corrections, removal, and the flags the caseload list computes from them.

use caseload::enrollment::{self, StartEnrollment};
use caseload::flags::{self, FlagKind};
use caseload::measures::{self, Kind, MeasureDraft};
use caseload::pages::{CaseloadPage, CaseloadQuery, CaseloadSort};
use caseload::patients;
use caseload::{ErrorCode, Store};
use jiff::ToSpan;

use crate::harness::{self, TestStore, count, err, fields_of, today};

/// One page of the caseload, read as the caseload screen reads it.
fn caseload_page(store: &Store, query: CaseloadQuery) -> caseload::Result<CaseloadPage> {
    store.read(|r| caseload::pages::caseload::list(r, &query))
}

fn days_ago(days: i64) -> String {
    (today() - days.days()).to_string()
}

fn phq9(patient_id: &str, items: &str, on: &str) -> MeasureDraft {
    MeasureDraft {
        patient_id: patient_id.into(),
        kind: "phq9".into(),
        taken_on: on.into(),
        items: items.split(',').map(String::from).collect(),
        ..MeasureDraft::default()
    }
}

/// A PHQ-9 whose items add up to `total` (item 9 left at 0).
fn phq9_total(patient_id: &str, total: u8, on: &str) -> MeasureDraft {
    let mut items = [0u8; 9];
    let mut left = total;
    for item in items.iter_mut().take(8) {
        let v = left.min(3);
        *item = v;
        left -= v;
    }
    let text = items
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(",");
    phq9(patient_id, &text, on)
}

fn bp(patient_id: &str, sbp: &str, dbp: &str, on: &str) -> MeasureDraft {
    MeasureDraft {
        patient_id: patient_id.into(),
        kind: "bp".into(),
        taken_on: on.into(),
        systolic: sbp.into(),
        diastolic: dbp.into(),
        ..MeasureDraft::default()
    }
}

fn activate(store: &mut Store, patient_id: &str, on: &str) {
    enrollment::start(
        store,
        &StartEnrollment {
            patient_id: patient_id.into(),
            program: "compass".into(),
            status: "active".into(),
            on: on.into(),
            ..StartEnrollment::default()
        },
    )
    .unwrap();
}

fn standing_kinds(store: &Store, patient_id: &str) -> Vec<FlagKind> {
    store
        .read(|r| flags::for_patient(r, patient_id))
        .unwrap()
        .flags
        .iter()
        .map(|f| f.kind)
        .collect()
}

#[test]
fn a_complete_phq9_is_scored_and_audited() {
    let mut t = TestStore::new();
    let p = harness::add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let m = measures::record(
        &mut t.store,
        &phq9(&p.id, "2,2,2,2,2,2,2,1,0", &days_ago(1)),
    )
    .unwrap();
    assert_eq!(m.kind, Kind::Phq9);
    assert_eq!(m.value, Some(15.0));
    assert_eq!(m.display, "15 (moderately severe)");
    assert!(m.complete);
    let history = t.store.read(|r| patients::history(r, &p.id)).unwrap();
    assert!(
        history
            .iter()
            .any(|h| h.entity == "measure" && h.action == "create")
    );
    assert_eq!(count(&t.store, "safety_flags"), 0);
}

#[test]
fn an_incomplete_questionnaire_is_kept_but_never_scored() {
    let mut t = TestStore::new();
    let p = harness::add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let m = measures::record(&mut t.store, &phq9(&p.id, "3,3,3,,3,3,3,3,0", &days_ago(1))).unwrap();
    assert!(!m.complete);
    assert_eq!(m.value, None);
    assert_eq!(m.display, "incomplete");
    let standing = t.store.read(|r| flags::for_patient(r, &p.id)).unwrap();
    assert_eq!(standing.latest_phq9, None, "not used for the latest value");
}

#[test]
fn item9_above_zero_raises_a_safety_flag_until_acknowledged() {
    let mut t = TestStore::new();
    let p = harness::add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let other = harness::add(&mut t.store, "M2", "Bo", "Lind", "1970-01-01");
    // Even an incomplete questionnaire raises it: item 9 was answered.
    measures::record(&mut t.store, &phq9(&p.id, "1,1,,1,1,1,1,1,1", &days_ago(0))).unwrap();
    assert_eq!(standing_kinds(&t.store, &p.id), [FlagKind::Safety]);
    let listed = caseload_page(
        &t.store,
        CaseloadQuery {
            flag: "safety".into(),
            ..CaseloadQuery::default()
        },
    )
    .unwrap();
    assert_eq!(listed.total, 1);
    assert_eq!(listed.rows[0].id, p.id);
    assert_ne!(listed.rows[0].id, other.id);

    let flag = &t
        .store
        .read(|r| measures::safety::for_patient(r, &p.id))
        .unwrap()[0];
    assert!(flag.open);
    assert_eq!(flag.item9, 1);
    let e = err(measures::safety::acknowledge(&mut t.store, &flag.id, "  "));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["action_taken"]);
    let done = measures::safety::acknowledge(
        &mut t.store,
        &flag.id,
        "Called patient; safety plan reviewed; PCP informed.",
    )
    .unwrap();
    assert!(!done.open);
    assert!(done.acknowledged_at.is_some());
    assert_eq!(done.acknowledged_by.as_deref(), Some(t.store.actor()));
    assert_eq!(standing_kinds(&t.store, &p.id), []);
    let again = err(measures::safety::acknowledge(
        &mut t.store,
        &flag.id,
        "again",
    ));
    assert_eq!(again.code(), ErrorCode::Conflict);
}

#[test]
fn a_correction_keeps_the_old_value() {
    let mut t = TestStore::new();
    let p = harness::add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let old = measures::record(&mut t.store, &bp(&p.id, "150", "95", &days_ago(3))).unwrap();
    let new = measures::correct(&mut t.store, &old.id, &bp("", "130", "85", &days_ago(3))).unwrap();
    assert_eq!(new.corrects.as_deref(), Some(old.id.as_str()));
    assert_eq!(new.display, "130/85 mmHg");
    let current = t
        .store
        .read(|r| measures::for_patient(r, &p.id, false))
        .unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].id, new.id);
    let all = t
        .store
        .read(|r| measures::for_patient(r, &p.id, true))
        .unwrap();
    let kept = all.iter().find(|m| m.id == old.id).unwrap();
    assert!(kept.superseded);
    assert_eq!(kept.display, "150/95 mmHg");
    let history = t.store.read(|r| patients::history(r, &p.id)).unwrap();
    assert!(history.iter().any(|h| h.action == "correct"));
    assert!(
        history.iter().any(
            |h| h.action == "superseded" && h.changes[0].from.as_deref() == Some("150/95 mmHg")
        )
    );
    // The corrected value cannot be corrected again, nor changed into another measure.
    let e = err(measures::correct(
        &mut t.store,
        &old.id,
        &bp("", "120", "80", &days_ago(3)),
    ));
    assert_eq!(e.code(), ErrorCode::Conflict);
    let mut a1c = bp("", "", "", &days_ago(3));
    a1c.kind = "a1c".into();
    a1c.value = "8".into();
    let e = err(measures::correct(&mut t.store, &new.id, &a1c));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["kind"]);
}

#[test]
fn removal_needs_a_reason_and_is_soft() {
    let mut t = TestStore::new();
    let p = harness::add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let m = measures::record(&mut t.store, &bp(&p.id, "150", "95", &days_ago(3))).unwrap();
    let e = err(measures::remove(&mut t.store, &m.id, ""));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["reason"]);
    measures::remove(&mut t.store, &m.id, "wrong patient").unwrap();
    assert!(
        t.store
            .read(|r| measures::for_patient(r, &p.id, false))
            .unwrap()
            .is_empty()
    );
    assert_eq!(count(&t.store, "measures"), 1, "kept in the store");
    assert_eq!(
        t.store
            .read(|r| flags::for_patient(r, &p.id))
            .unwrap()
            .latest_bp,
        None
    );
}

#[test]
fn bad_input_names_every_field_and_saves_nothing() {
    let mut t = TestStore::new();
    let p = harness::add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let before = count(&t.store, "audit_log");
    let e = err(measures::record(
        &mut t.store,
        &bp(&p.id, "300", "20", &harness::tomorrow()),
    ));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        ["taken_on", "systolic", "diastolic"]
    );
    let e = err(measures::record(
        &mut t.store,
        &phq9(&p.id, "0,1,2,4,0,0,0,0,0", &days_ago(1)),
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["item4"]);
    assert_eq!(count(&t.store, "measures"), 0);
    assert_eq!(count(&t.store, "audit_log"), before);
}

#[test]
fn measures_before_birth_are_refused() {
    let mut t = TestStore::new();
    let p = harness::add(&mut t.store, "M1", "Ana", "Reyes", "2000-01-01");
    let e = err(measures::record(
        &mut t.store,
        &bp(&p.id, "120", "80", "1999-12-31"),
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["taken_on"]);
}

#[test]
fn eleven_weeks_with_a_small_drop_is_not_improving() {
    let mut t = TestStore::new();
    let p = harness::add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    activate(&mut t.store, &p.id, &days_ago(77));
    measures::record(&mut t.store, &phq9_total(&p.id, 16, &days_ago(77))).unwrap();
    measures::record(&mut t.store, &phq9_total(&p.id, 12, &days_ago(0))).unwrap();
    measures::record(&mut t.store, &bp(&p.id, "120", "80", &days_ago(0))).unwrap();
    crate::harness::contact(&mut t.store, &p.id, &days_ago(0), "reached");
    let standing = t.store.read(|r| flags::for_patient(r, &p.id)).unwrap();
    assert_eq!(standing.progress.weeks_in_treatment, Some(11));
    assert_eq!(standing.progress.change_pct, Some(-25.0));
    assert_eq!(
        standing.flags.iter().map(|f| f.kind).collect::<Vec<_>>(),
        [FlagKind::NotImproving]
    );
    // A correction to 8 (a 50 % drop) turns it into a response.
    let latest = t
        .store
        .read(|r| measures::for_patient(r, &p.id, false))
        .unwrap()
        .into_iter()
        .find(|m| m.kind == Kind::Phq9 && m.value == Some(12.0))
        .unwrap();
    measures::correct(&mut t.store, &latest.id, &phq9_total("", 8, &days_ago(0))).unwrap();
    assert_eq!(standing_kinds(&t.store, &p.id), [FlagKind::Response]);
}

#[test]
fn needs_attention_puts_safety_then_not_improving_then_overdue() {
    let mut t = TestStore::new();
    let s = &mut t.store;
    let calm = harness::add(s, "M0", "Ada", "Able", "1970-01-01");
    let overdue = harness::add(s, "M1", "Bea", "Baker", "1970-01-01");
    let stuck = harness::add(s, "M2", "Cy", "Cole", "1970-01-01");
    let unsafe_ = harness::add(s, "M3", "Di", "Dunn", "1970-01-01");
    let stuck_too = harness::add(s, "M4", "Ed", "Abbot", "1970-01-01");
    // Overdue: active 40 days, nothing measured.
    activate(s, &overdue.id, &days_ago(40));
    for p in [&stuck, &stuck_too] {
        activate(s, &p.id, &days_ago(80));
        measures::record(s, &phq9_total(&p.id, 18, &days_ago(80))).unwrap();
        measures::record(s, &phq9_total(&p.id, 17, &days_ago(1))).unwrap();
        measures::record(s, &bp(&p.id, "120", "80", &days_ago(1))).unwrap();
    }
    measures::record(s, &phq9(&unsafe_.id, "0,0,0,0,0,0,0,0,2", &days_ago(1))).unwrap();
    let page = caseload_page(
        s,
        CaseloadQuery {
            sort: CaseloadSort::NeedsAttention,
            ..CaseloadQuery::default()
        },
    )
    .unwrap();
    let order: Vec<&str> = page.rows.iter().map(|r| r.patient.mrn.as_str()).collect();
    assert_eq!(order, ["M3", "M4", "M2", "M1", "M0"]);
    assert_eq!(page.total, 5);
    assert!(page.rows[0].standing.has(FlagKind::Safety));
    assert!(page.rows[3].standing.has(FlagKind::OverduePhq9));
    assert!(page.rows[4].standing.flags.is_empty());
    assert_eq!(page.rows[4].id, calm.id);

    // Paging after sorting: the second page starts where the first ended.
    let second = caseload_page(
        s,
        CaseloadQuery {
            sort: CaseloadSort::NeedsAttention,
            offset: 2,
            limit: 2,
            ..CaseloadQuery::default()
        },
    )
    .unwrap();
    let order: Vec<&str> = second.rows.iter().map(|r| r.patient.mrn.as_str()).collect();
    assert_eq!(order, ["M2", "M1"]);

    // The flag filter keeps only matching patients, and names the bad value.
    let filtered = caseload_page(
        s,
        CaseloadQuery {
            flag: "not-improving".into(),
            ..CaseloadQuery::default()
        },
    )
    .unwrap();
    assert_eq!(filtered.total, 2);
    let attention = caseload_page(
        s,
        CaseloadQuery {
            flag: "attention".into(),
            ..CaseloadQuery::default()
        },
    )
    .unwrap();
    assert_eq!(attention.total, 4);
    let e = err(caseload_page(
        s,
        CaseloadQuery {
            flag: "grumpy".into(),
            ..CaseloadQuery::default()
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["flag"]);
}

#[test]
fn the_name_sorted_list_carries_standings_too() {
    let mut t = TestStore::new();
    let p = harness::add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    measures::record(&mut t.store, &bp(&p.id, "150", "95", &days_ago(12))).unwrap();
    let page = t
        .store
        .read(|r| caseload::pages::caseload::list(r, &CaseloadQuery::default()))
        .unwrap();
    let latest = page.rows[0].standing.latest_bp.unwrap();
    assert_eq!(
        (latest.value, latest.value2, latest.age_days),
        (150.0, Some(95.0), 12)
    );
}

#[test]
fn the_overview_has_targets_and_the_discuss_mark() {
    let mut t = TestStore::new();
    let p = harness::add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    caseload::review::discuss::mark(&mut t.store, &p.id, "family conflict").unwrap();
    let o = t
        .store
        .read(|r| caseload::pages::patient::overview(r, &p.id))
        .unwrap();
    assert_eq!(o.targets.map(|t| t.a1c_below), Some(8.0));
    assert_eq!(
        o.discuss.and_then(|d| d.reason).as_deref(),
        Some("family conflict")
    );
    assert_eq!(standing_kinds(&t.store, &p.id), [FlagKind::Discuss]);
    caseload::review::discuss::clear(&mut t.store, &p.id).unwrap();
    assert_eq!(standing_kinds(&t.store, &p.id), []);
}

#[test]
fn the_latest_value_table_matches_a_full_recomputation() {
    let mut t = TestStore::new();
    caseload::demo::fill(&mut t.store, 40, 5).unwrap();
    let p = harness::add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let first = measures::record(&mut t.store, &bp(&p.id, "150", "95", &days_ago(3))).unwrap();
    let second = measures::record(&mut t.store, &bp(&p.id, "140", "85", &days_ago(1))).unwrap();
    measures::correct(&mut t.store, &first.id, &bp("", "151", "95", &days_ago(3))).unwrap();
    measures::remove(&mut t.store, &second.id, "wrong patient").unwrap();
    measures::record(&mut t.store, &phq9(&p.id, "1,1,,1,1,1,1,1,0", &days_ago(0))).unwrap();
    let read = |sql: &str| -> Vec<(String, String, String, f64, Option<f64>)> {
        let mut stmt = t.store.sql_for_tests().prepare(sql).unwrap();
        stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    let kept =
        read("SELECT patient_id, kind, taken_on, value, value2 FROM measure_latest ORDER BY 1, 2");
    let recomputed = read(
        "SELECT patient_id, kind, taken_on, value, value2 FROM (
           SELECT *, row_number() OVER (PARTITION BY patient_id, kind
                                        ORDER BY taken_on DESC, value DESC) AS n
           FROM measures
           WHERE deleted_at IS NULL AND superseded_at IS NULL AND complete = 1)
         WHERE n = 1 ORDER BY 1, 2",
    );
    assert!(kept.len() > 100, "the demo filled the registry");
    assert_eq!(kept, recomputed);
    let mine: Vec<_> = kept.iter().filter(|k| k.0 == p.id).collect();
    assert_eq!(mine.len(), 1, "the incomplete PHQ-9 is not a latest value");
    assert_eq!((mine[0].3, mine[0].4), (151.0, Some(95.0)));
}

#[test]
fn standings_for_a_past_day_ignore_later_values() {
    let mut t = TestStore::new();
    let p = harness::add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    measures::record(&mut t.store, &bp(&p.id, "150", "95", &days_ago(10))).unwrap();
    measures::record(&mut t.store, &bp(&p.id, "120", "80", &days_ago(0))).unwrap();
    let ids = [p.id.clone()];
    let past = t
        .store
        .read_on(today() - 5.days(), |r| flags::standings(r, Some(&ids)))
        .unwrap();
    let bp_then = past[&p.id].latest_bp.unwrap();
    assert_eq!((bp_then.value, bp_then.age_days), (150.0, 5));
    let now = t.store.read(|r| flags::standings(r, None)).unwrap();
    assert_eq!(now[&p.id].latest_bp.unwrap().value, 120.0);
}
