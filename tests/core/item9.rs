//! PHQ-9 item 9 (thoughts of self-harm) left unanswered: the warning when it is saved,
//! the patient page's "PHQ-9 item 9 not answered", and its line on Today until a PHQ-9
//! with item 9 is recorded.

use caseload::Store;
use caseload::measures::{self, MeasureDraft};
use caseload::pages::today::{Action, ItemKind, WorkItem, Worklist, worklist};
use caseload::patients::Patient;
use jiff::ToSpan;
use jiff::civil::Date;

use crate::harness::{TestStore, add, today};

const WARNING: &str = "PHQ-9 item 9 (thoughts of self-harm) was not answered. Ask it today; \
                       the patient will show \"PHQ-9 item 9 not answered\" until a PHQ-9 \
                       with item 9 is recorded.";

fn day(days_ago: i64) -> Date {
    today() - days_ago.days()
}

fn phq9(p: &Patient, items: &str, days_ago: i64) -> MeasureDraft {
    MeasureDraft {
        patient_id: p.id.clone(),
        kind: "phq9".into(),
        taken_on: day(days_ago).to_string(),
        items: items.split(',').map(String::from).collect(),
        ..MeasureDraft::default()
    }
}

fn record(store: &mut Store, p: &Patient, items: &str, days_ago: i64) -> measures::Measure {
    measures::record(store, &phq9(p, items, days_ago)).unwrap()
}

fn list_on(store: &Store, on: Date) -> Worklist {
    store.read_on(on, worklist).unwrap()
}

/// The patient's "item 9 not answered" lines on Today.
fn unanswered_lines(store: &Store, p: &Patient) -> Vec<WorkItem> {
    list_on(store, today())
        .items
        .into_iter()
        .filter(|i| i.patient.id == p.id && i.kind == ItemKind::Item9NotAnswered)
        .collect()
}

/// What the patient page's registry panel says about item 9.
fn on_patient_page(store: &Store, p: &Patient) -> Option<String> {
    store
        .read(|r| caseload::pages::patient::overview(r, &p.id))
        .unwrap()
        .item9_unanswered
        .map(|u| u.label.to_owned())
}

#[test]
fn saving_a_phq9_without_item_9_keeps_it_incomplete_and_warns() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    // Eight answers: item 9 blank.
    let m = record(&mut t.store, &p, "1,1,1,1,1,1,1,1", 0);
    assert!(!m.complete);
    assert_eq!(m.display, "incomplete");
    assert_eq!(m.warnings, [WARNING]);
    // Read back later, it carries no warning: it was said when it was saved.
    let read = t.store.read(|r| measures::get(r, &m.id)).unwrap();
    assert!(read.warnings.is_empty());

    // Another item blank, or a GAD-7, is only incomplete.
    let m = record(&mut t.store, &p, "1,1,,1,1,1,1,1,0", 0);
    assert!(!m.complete);
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    let batch = measures::record_many(
        &mut t.store,
        &p.id,
        &[
            MeasureDraft {
                kind: "gad7".into(),
                items: vec!["1".into(); 6],
                ..phq9(&p, "", 0)
            },
            phq9(&p, "0,0,0,0,0,0,0,0,", 0),
        ],
    )
    .unwrap();
    assert!(batch[0].warnings.is_empty());
    assert_eq!(batch[1].warnings, [WARNING], "record_many warns too");

    // A correction that leaves item 9 blank is warned about like a new entry.
    let corrected =
        measures::correct(&mut t.store, &batch[1].id, &phq9(&p, "1,0,0,0,0,0,0,0", 0)).unwrap();
    assert_eq!(corrected.warnings, [WARNING]);
}

#[test]
fn today_lists_a_latest_phq9_without_item_9_right_after_safety_flags() {
    let mut t = TestStore::new();
    let safety = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let blank = add(&mut t.store, "M2", "Bo", "Li", "1970-01-01");
    let answered = add(&mut t.store, "M3", "Cy", "Moe", "1970-01-01");
    let due = add(&mut t.store, "M4", "Di", "Ng", "1970-01-01");
    record(&mut t.store, &safety, "1,1,1,1,1,1,1,1,2", 0);
    let m = record(&mut t.store, &blank, "2,2,2,2,2,2,2,2,", 3);
    record(&mut t.store, &answered, "2,2,,2,2,2,2,2,0", 3);
    // In treatment and never reached: a contact is due.
    caseload::enrollment::start(
        &mut t.store,
        &caseload::enrollment::StartEnrollment {
            patient_id: due.id.clone(),
            program: "compass".into(),
            status: "active".into(),
            on: day(60).to_string(),
            ..caseload::enrollment::StartEnrollment::default()
        },
    )
    .unwrap();

    let list = list_on(&t.store, today());
    let kinds: Vec<(ItemKind, &str)> = list
        .items
        .iter()
        .map(|i| (i.kind, i.patient.mrn.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (ItemKind::Safety, "M1"),
            (ItemKind::Item9NotAnswered, "M2"),
            (ItemKind::ContactDue, "M4"),
        ]
    );
    let line = &list.items[1];
    assert_eq!(line.label, "PHQ-9 item 9 not answered");
    assert_eq!(line.action, Action::OpenPatient);
    assert_eq!(line.action_label, "Open patient");
    assert_eq!(line.subject_id.as_deref(), Some(m.id.as_str()));
    assert_eq!((line.due_on, line.overdue_days), (day(3), 3));
    assert!(
        line.detail.contains(&format!("PHQ-9 of {}", day(3))) && line.detail.contains("item 9"),
        "{}",
        line.detail
    );
    let counts: Vec<(ItemKind, usize)> = list.counts.iter().map(|c| (c.kind, c.count)).collect();
    assert_eq!(counts[1], (ItemKind::Item9NotAnswered, 1));
    let json = serde_json::to_value(line).unwrap();
    assert_eq!(json["kind"], "item9-not-answered");
    assert_eq!(json["action"], "open-patient");

    // Not before the day it was taken.
    assert!(
        list_on(&t.store, day(4))
            .items
            .iter()
            .all(|i| i.kind != ItemKind::Item9NotAnswered)
    );
    // A removed patient leaves it.
    caseload::patients::remove(&mut t.store, &blank.id, "entered in error").unwrap();
    assert!(unanswered_lines(&t.store, &blank).is_empty());
}

#[test]
fn a_later_phq9_with_item_9_answered_clears_it_even_if_incomplete_otherwise() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    record(&mut t.store, &p, "1,1,1,1,1,1,1,1", 20);
    assert_eq!(unanswered_lines(&t.store, &p).len(), 1);
    assert_eq!(
        on_patient_page(&t.store, &p).as_deref(),
        Some("PHQ-9 item 9 not answered")
    );

    // Item 3 blank this time, but item 9 was asked.
    record(&mut t.store, &p, "1,1,,1,1,1,1,1,0", 5);
    assert!(unanswered_lines(&t.store, &p).is_empty());
    assert_eq!(on_patient_page(&t.store, &p), None);
    // Read for a day before the later PHQ-9, it was still open then.
    assert!(
        list_on(&t.store, day(10))
            .items
            .iter()
            .any(|i| i.patient.id == p.id && i.kind == ItemKind::Item9NotAnswered)
    );
}

#[test]
fn a_later_phq9_that_also_lacks_item_9_keeps_it_on_the_newer_date() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    record(&mut t.store, &p, "1,1,1,1,1,1,1,1", 20);
    let later = record(&mut t.store, &p, "0,0,0,0,0,0,0,0,", 2);
    let lines = unanswered_lines(&t.store, &p);
    assert_eq!(lines.len(), 1, "one line per patient");
    assert_eq!(lines[0].subject_id.as_deref(), Some(later.id.as_str()));
    assert_eq!(lines[0].due_on, day(2));

    // An older PHQ-9 with item 9 answered does not count: the latest one decides.
    record(&mut t.store, &p, "0,0,0,0,0,0,0,0,0", 30);
    assert_eq!(unanswered_lines(&t.store, &p).len(), 1);
    // A complete PHQ-9 taken the same day, recorded after, does.
    record(&mut t.store, &p, "0,0,0,0,0,0,0,0,0", 2);
    assert!(unanswered_lines(&t.store, &p).is_empty());
}

#[test]
fn a_removed_or_corrected_phq9_does_not_count() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let blank = record(&mut t.store, &p, "1,1,1,1,1,1,1,1", 10);
    measures::remove(&mut t.store, &blank.id, "entered for the wrong patient").unwrap();
    assert!(unanswered_lines(&t.store, &p).is_empty());
    assert_eq!(on_patient_page(&t.store, &p), None);

    // A removed answered PHQ-9 no longer clears an older blank one.
    record(&mut t.store, &p, "1,1,1,1,1,1,1,1", 10);
    let answered = record(&mut t.store, &p, "1,1,1,1,1,1,1,1,0", 5);
    assert!(unanswered_lines(&t.store, &p).is_empty());
    measures::remove(&mut t.store, &answered.id, "typed twice").unwrap();
    assert_eq!(unanswered_lines(&t.store, &p).len(), 1);
    assert!(on_patient_page(&t.store, &p).is_some());

    // Correcting the blank PHQ-9 with item 9 filled in ends it.
    let current = unanswered_lines(&t.store, &p)[0]
        .subject_id
        .clone()
        .unwrap();
    let fixed =
        measures::correct(&mut t.store, &current, &phq9(&p, "1,1,1,1,1,1,1,1,0", 10)).unwrap();
    assert!(fixed.warnings.is_empty());
    assert!(unanswered_lines(&t.store, &p).is_empty());
    assert_eq!(on_patient_page(&t.store, &p), None);
}
