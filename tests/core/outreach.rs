//! The outreach log, cadence rules, transitions of care and the Today worklist,
//! through the core against real encrypted stores.

use caseload::enrollment::{self, Enrollment, StartEnrollment};
use caseload::outreach::{self, ContactDraft};
use caseload::pages::today::{ItemKind, Worklist, worklist};
use caseload::patients::Patient;
use caseload::transitions::{self, TransitionDraft};
use caseload::{ErrorCode, Store};
use jiff::civil::{Date, date};

use crate::harness::{TestStore, add, contact, count, err, fields_of, today};

/// Starts an active COMPASS episode on `on`.
fn activate(store: &mut Store, patient: &Patient, on: &str) -> Enrollment {
    enrollment::start(
        store,
        &StartEnrollment {
            patient_id: patient.id.clone(),
            program: "compass".into(),
            status: "active".into(),
            on: on.into(),
            ..StartEnrollment::default()
        },
    )
    .unwrap()
}

fn stay(
    store: &mut Store,
    p: &Patient,
    kind: &str,
    admitted: &str,
    discharged: &str,
) -> transitions::Transition {
    transitions::add(
        store,
        &TransitionDraft {
            patient_id: p.id.clone(),
            kind: kind.into(),
            facility: "Riverside General".into(),
            admitted_on: admitted.into(),
            discharged_on: discharged.into(),
            reason: "Chest pain".into(),
            ..TransitionDraft::default()
        },
    )
    .unwrap()
}

fn list_on(store: &Store, day: Date) -> Worklist {
    store.read_on(day, worklist).unwrap()
}

/// The worklist lines of one patient, as (kind, due date).
fn lines(list: &Worklist, p: &Patient) -> Vec<(ItemKind, Date)> {
    list.items
        .iter()
        .filter(|i| i.patient.id == p.id)
        .map(|i| (i.kind, i.due_on))
        .collect()
}

/// The day itself on a weekday, else the Monday after (no holidays are set).
fn business_day(day: Date) -> Date {
    caseload::dates::next_business_day(day, &[])
}

fn days_before(day: Date, n: i64) -> Date {
    day.checked_sub(jiff::Span::new().days(n)).unwrap()
}

#[test]
fn a_contact_is_logged_with_its_defaults_and_read_back() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let c = outreach::add(
        &mut t.store,
        &ContactDraft {
            patient_id: p.id.clone(),
            channel: "Phone".into(),
            outcome: "no answer".into(),
            minutes: "3".into(),
            topics: vec!["medication".into(), "".into()],
            note: "  Left no message.  ".into(),
            ..ContactDraft::default()
        },
    )
    .unwrap();
    assert_eq!(c.outcome_label, "No answer");
    assert_eq!(
        (c.direction.as_str(), c.with_whom.as_str()),
        ("outbound", "patient")
    );
    assert_eq!(c.note.as_deref(), Some("Left no message."));
    assert_eq!(c.on_date, today().to_string());
    assert!(!c.reached);
    let listed = t
        .store
        .read(|r| outreach::for_patient(r, &p.id, false))
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].topics.len(), 1);
}

#[test]
fn bad_contacts_are_refused_field_by_field_and_nothing_is_saved() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let audit = count(&t.store, "audit_log");
    let tomorrow = today().tomorrow().unwrap();
    let e = err(outreach::add(
        &mut t.store,
        &ContactDraft {
            patient_id: p.id.clone(),
            at: format!("{tomorrow} 09:00"),
            channel: "carrier pigeon".into(),
            outcome: "reached".into(),
            next_on: days_before(today(), 1).to_string(),
            ..ContactDraft::default()
        },
    ));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        ["at", "channel", "next_on"]
    );
    assert!(e.to_string().contains("future"), "{e}");
    assert_eq!(count(&t.store, "contacts"), 0);
    assert_eq!(count(&t.store, "audit_log"), audit);
    assert_eq!(count(&t.store, "contact_latest"), 0);
}

#[test]
fn a_correction_keeps_the_old_version_and_a_removal_needs_a_reason() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let on = days_before(today(), 2).to_string();
    let first = contact(&mut t.store, &p.id, &on, "no-answer");
    let fixed = outreach::correct(
        &mut t.store,
        &first.id,
        &ContactDraft {
            at: format!("{on} 10:00"),
            channel: "phone".into(),
            outcome: "reached".into(),
            ..ContactDraft::default()
        },
    )
    .unwrap();
    assert_eq!(fixed.corrects.as_deref(), Some(first.id.as_str()));
    let all = t
        .store
        .read(|r| outreach::for_patient(r, &p.id, true))
        .unwrap();
    assert_eq!(all.len(), 2);
    assert!(all.iter().any(|c| c.id == first.id && c.superseded));
    // Correcting the old version again is refused.
    let again = err(outreach::correct(
        &mut t.store,
        &first.id,
        &ContactDraft::default(),
    ));
    assert_eq!(again.code(), ErrorCode::Conflict);

    let e = err(outreach::remove(&mut t.store, &fixed.id, "  "));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["reason"]);
    outreach::remove(&mut t.store, &fixed.id, "wrong patient").unwrap();
    assert!(
        t.store
            .read(|r| outreach::for_patient(r, &p.id, false))
            .unwrap()
            .is_empty()
    );
    let removed = t.store.read(|r| outreach::get(r, &fixed.id)).unwrap();
    assert!(removed.deleted);
    assert_eq!(removed.delete_reason.as_deref(), Some("wrong patient"));
    let actions: Vec<String> = t
        .store
        .sql_for_tests()
        .prepare("SELECT action FROM audit_log WHERE entity = 'contact' ORDER BY at, rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(actions, ["create", "superseded", "correct", "delete"]);
    // Nobody is left reached: the trigger-kept table forgot the removed contact.
    assert_eq!(count(&t.store, "contact_latest"), 0);
}

/// A `contact_latest` row: patient, last contact's time, outcome and next date, and
/// the time of the last reach.
type LatestRow = (String, String, String, Option<String>, Option<String>);

/// The trigger-kept `contact_latest` equals a full recomputation after every kind of
/// change (log, correction, removal, a PCP call that does not count).
#[test]
fn contact_latest_matches_a_full_recomputation() {
    let mut t = TestStore::new();
    let a = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let b = add(&mut t.store, "M2", "Bo", "Li", "1970-01-01");
    let d = |n| days_before(today(), n).to_string();
    contact(&mut t.store, &a.id, &d(9), "reached");
    let late = contact(&mut t.store, &a.id, &d(3), "voicemail");
    contact(&mut t.store, &b.id, &d(5), "reached");
    let wrong = contact(&mut t.store, &b.id, &d(1), "reached");
    outreach::add(
        &mut t.store,
        &ContactDraft {
            patient_id: a.id.clone(),
            channel: "phone".into(),
            with_whom: "pcp".into(),
            outcome: "reached".into(),
            ..ContactDraft::default()
        },
    )
    .unwrap();
    outreach::remove(&mut t.store, &wrong.id, "entered twice").unwrap();
    outreach::correct(
        &mut t.store,
        &late.id,
        &ContactDraft {
            at: format!("{} 11:00", d(3)),
            channel: "text".into(),
            outcome: "no-answer".into(),
            next_on: today().to_string(),
            ..ContactDraft::default()
        },
    )
    .unwrap();
    let kept: Vec<LatestRow> = t
        .store
        .sql_for_tests()
        .prepare("SELECT * FROM contact_latest ORDER BY patient_id")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let recomputed: Vec<LatestRow> = t
        .store
        .sql_for_tests()
        .prepare(
            "SELECT c.patient_id, c.at, c.outcome, c.next_on,
                    (SELECT max(r.at) FROM contacts r WHERE r.patient_id = c.patient_id
                       AND r.deleted_at IS NULL AND r.superseded_at IS NULL
                       AND r.with_whom IN ('patient', 'family') AND r.outcome IN ('reached', 'declined'))
             FROM contacts c
             WHERE c.deleted_at IS NULL AND c.superseded_at IS NULL AND c.with_whom IN ('patient', 'family')
               AND c.at = (SELECT max(x.at) FROM contacts x WHERE x.patient_id = c.patient_id
                       AND x.deleted_at IS NULL AND x.superseded_at IS NULL AND x.with_whom IN ('patient', 'family'))
             ORDER BY c.patient_id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(kept, recomputed);
    assert_eq!(kept.len(), 2);
    // The PCP call reached somebody, but not the patient: A's last reach is 9 days ago.
    let a_row = kept.iter().find(|k| k.0 == a.id).unwrap();
    assert_eq!(a_row.2, "no-answer");
    assert!(a_row.4.as_deref().unwrap().starts_with(&d(9)));
}

#[test]
fn drafts_survive_reopening_and_go_away_with_the_saved_contact() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let key = outreach::draft_key(&p.id);
    let audit = count(&t.store, "audit_log");
    t.store
        .save_draft(
            &key,
            Some(&p.id),
            r#"{"note":"Talked about her sister's vis"}"#,
        )
        .unwrap();
    t.store
        .save_draft(
            &key,
            Some(&p.id),
            r#"{"note":"Talked about her sister's visit"}"#,
        )
        .unwrap();
    assert_eq!(
        count(&t.store, "audit_log"),
        audit,
        "a draft is not a change to the caseload"
    );
    let dir = t.dir();
    drop(std::mem::replace(
        &mut t.store,
        Store::open(&dir, crate::harness::PASSPHRASE).unwrap(),
    ));
    let mut store = Store::open(&dir, crate::harness::PASSPHRASE).unwrap();
    let kept = store
        .read(|r| caseload::store::drafts::get(r, &key))
        .unwrap()
        .unwrap();
    assert!(kept.body.contains("sister's visit"));
    let listed = store.read(worklist).unwrap();
    assert_eq!(listed.drafts.len(), 1);
    assert_eq!(
        listed.drafts[0].patient.as_ref().map(|p| p.mrn.as_str()),
        Some("M1")
    );

    // A failed save keeps the draft; a successful one removes it in the same step.
    let bad = ContactDraft {
        patient_id: p.id.clone(),
        channel: "phone".into(),
        ..ContactDraft::default()
    };
    err(outreach::add(&mut store, &bad));
    assert!(
        store
            .read(|r| caseload::store::drafts::get(r, &key))
            .unwrap()
            .is_some()
    );
    contact(&mut store, &p.id, &today().to_string(), "reached");
    assert!(
        store
            .read(|r| caseload::store::drafts::get(r, &key))
            .unwrap()
            .is_none()
    );

    // Nonsense is refused: not JSON, or a patient who is not there.
    assert_eq!(
        err(store.save_draft(&key, Some(&p.id), "not json")).code(),
        ErrorCode::InvalidInput
    );
    assert_eq!(
        err(store.save_draft("contact:x", Some("x"), "{}")).code(),
        ErrorCode::NotFound
    );
}

#[test]
fn contact_due_follows_the_cadence_and_the_chosen_date() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let day = today();
    activate(&mut t.store, &p, &days_before(day, 60).to_string());
    contact(
        &mut t.store,
        &p.id,
        &days_before(day, 20).to_string(),
        "reached",
    );
    // COMPASS, active: every 14 days → due 6 days ago (or the business day after, if
    // that was a weekend).
    let due = business_day(days_before(day, 6));
    let list = list_on(&t.store, day);
    assert_eq!(lines(&list, &p), [(ItemKind::ContactDue, due)]);
    let item = list.items.iter().find(|i| i.patient.id == p.id).unwrap();
    assert_eq!(item.overdue_days, caseload::dates::days_from(due, day));
    assert!(item.detail.contains("every 14 days"), "{}", item.detail);
    // Seven days before that it was not due yet.
    assert!(lines(&list_on(&t.store, days_before(day, 7)), &p).is_empty());

    // A reached contact today with a chosen next date moves it there.
    outreach::add(
        &mut t.store,
        &ContactDraft {
            patient_id: p.id.clone(),
            channel: "video".into(),
            outcome: "reached".into(),
            next_on: day.tomorrow().unwrap().to_string(),
            ..ContactDraft::default()
        },
    )
    .unwrap();
    assert!(lines(&list_on(&t.store, day), &p).is_empty());
    let tomorrow = day.tomorrow().unwrap();
    assert_eq!(
        lines(&list_on(&t.store, tomorrow), &p),
        [(ItemKind::ContactDue, tomorrow)]
    );
}

#[test]
fn three_unreached_days_ask_for_a_letter_then_thirty_days_for_unreachable() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let day = today();
    let episode = activate(&mut t.store, &p, &days_before(day, 90).to_string());
    contact(
        &mut t.store,
        &p.id,
        &days_before(day, 80).to_string(),
        "reached",
    );
    for n in [70, 69] {
        contact(
            &mut t.store,
            &p.id,
            &days_before(day, n).to_string(),
            "no-answer",
        );
    }
    // Two days: no letter yet; the next try is due the (business) day after the last.
    assert_eq!(
        lines(&list_on(&t.store, day), &p),
        [(ItemKind::ContactDue, business_day(days_before(day, 68)))]
    );
    contact(
        &mut t.store,
        &p.id,
        &days_before(day, 68).to_string(),
        "voicemail",
    );
    assert_eq!(
        lines(&list_on(&t.store, day), &p),
        [(ItemKind::SendLetter, days_before(day, 68))]
    );
    // The letter.
    outreach::add(
        &mut t.store,
        &ContactDraft {
            patient_id: p.id.clone(),
            at: format!("{} 09:00", days_before(day, 40)),
            channel: "letter".into(),
            ..ContactDraft::default()
        },
    )
    .unwrap();
    // 30 days after the letter: still waiting; 31: consider unreachable, for the episode.
    let letter = days_before(day, 40);
    assert!(lines(&list_on(&t.store, days_before(day, 10)), &p).is_empty());
    let list = list_on(&t.store, days_before(day, 9));
    assert_eq!(
        lines(&list, &p),
        [(ItemKind::ConsiderUnreachable, days_before(day, 9))]
    );
    let item = list.items.iter().find(|i| i.patient.id == p.id).unwrap();
    assert_eq!(item.subject_id.as_deref(), Some(episode.id.as_str()));
    assert!(item.detail.contains(&letter.to_string()), "{}", item.detail);
    // Nothing was disenrolled.
    let episodes = t.store.read(|r| enrollment::for_patient(r, &p.id)).unwrap();
    assert!(episodes[0].is_open);
    // A reached contact ends it all.
    contact(&mut t.store, &p.id, &day.to_string(), "reached");
    assert!(lines(&list_on(&t.store, day), &p).is_empty());
}

#[test]
fn a_friday_discharge_is_due_tuesday_and_a_holiday_monday_moves_it_to_wednesday() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    activate(&mut t.store, &p, "2025-01-02");
    contact(&mut t.store, &p.id, "2025-03-04", "reached");
    // Friday 2025-03-07.
    let t1 = stay(&mut t.store, &p, "inpatient", "2025-03-05", "2025-03-07");
    let monday = date(2025, 3, 10);
    assert!(
        lines(&list_on(&t.store, date(2025, 3, 7)), &p).is_empty(),
        "not due on the discharge day"
    );
    let list = list_on(&t.store, monday);
    // Due Tuesday; on Monday it is already on the list? No: only lines due by the day.
    assert!(
        lines(&list, &p)
            .iter()
            .all(|(k, _)| *k != ItemKind::DischargeFollowUp)
    );
    let tuesday = date(2025, 3, 11);
    let list = list_on(&t.store, tuesday);
    assert_eq!(lines(&list, &p), [(ItemKind::DischargeFollowUp, tuesday)]);
    let item = list.items.iter().find(|i| i.patient.id == p.id).unwrap();
    assert_eq!(item.subject_id.as_deref(), Some(t1.id.as_str()));
    assert_eq!(item.overdue_days, 0);
    // Overdue the day after.
    let wednesday = date(2025, 3, 12);
    let list = list_on(&t.store, wednesday);
    assert_eq!(
        list.items
            .iter()
            .find(|i| i.patient.id == p.id)
            .unwrap()
            .overdue_days,
        1
    );

    caseload::settings::set_holidays(&mut t.store, &["2025-03-10".into()]).unwrap();
    assert!(lines(&list_on(&t.store, tuesday), &p).is_empty());
    assert_eq!(
        lines(&list_on(&t.store, wednesday), &p),
        [(ItemKind::DischargeFollowUp, wednesday)]
    );
}

#[test]
fn only_a_reached_contact_on_or_after_the_discharge_closes_the_follow_up() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let day = today();
    activate(&mut t.store, &p, &days_before(day, 100).to_string());
    let out = days_before(day, 5);
    stay(&mut t.store, &p, "ed", &out.to_string(), "");
    contact(
        &mut t.store,
        &p.id,
        &days_before(day, 6).to_string(),
        "reached",
    );
    contact(&mut t.store, &p.id, &out.to_string(), "voicemail");
    let due = t.store.read(|r| transitions::follow_ups(r, None)).unwrap();
    assert_eq!(
        due.len(),
        1,
        "a reach before the visit and a voicemail after do not count"
    );
    assert_eq!(
        due[0].discharged_on, out,
        "an ED visit without a discharge is same-day"
    );
    // The follow-up line stands for the contact due as well: one line.
    let list = list_on(&t.store, day);
    assert_eq!(lines(&list, &p).len(), 1);
    contact(&mut t.store, &p.id, &day.to_string(), "reached");
    assert!(
        t.store
            .read(|r| transitions::follow_ups(r, None))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_stay_still_in_has_no_follow_up_until_its_discharge_is_recorded() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let day = today();
    activate(&mut t.store, &p, &days_before(day, 100).to_string());
    let admitted = days_before(day, 4).to_string();
    let s = stay(&mut t.store, &p, "inpatient", &admitted, "");
    assert!(s.still_in);
    assert!(
        t.store
            .read(|r| transitions::follow_ups(r, None))
            .unwrap()
            .is_empty()
    );
    let bad = err(transitions::update(
        &mut t.store,
        &s.id,
        &TransitionDraft {
            patient_id: p.id.clone(),
            kind: "inpatient".into(),
            facility: "Riverside General".into(),
            admitted_on: admitted.clone(),
            discharged_on: days_before(day, 5).to_string(),
            ..TransitionDraft::default()
        },
    ));
    assert_eq!(fields_of(&bad, ErrorCode::InvalidInput), ["discharged_on"]);
    let s = transitions::update(
        &mut t.store,
        &s.id,
        &TransitionDraft {
            patient_id: p.id.clone(),
            kind: "inpatient".into(),
            facility: "Riverside General".into(),
            admitted_on: admitted,
            discharged_on: days_before(day, 1).to_string(),
            ..TransitionDraft::default()
        },
    )
    .unwrap();
    assert!(!s.still_in);
    assert_eq!(
        t.store
            .read(|r| transitions::follow_ups(r, None))
            .unwrap()
            .len(),
        1
    );
    let recent = t.store.read(|r| transitions::recent(r, None)).unwrap();
    assert!(recent.contains_key(&p.id));
}

#[test]
fn a_readmission_is_marked_at_thirty_days_but_not_thirty_one() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let q = add(&mut t.store, "M2", "Bo", "Li", "1970-01-01");
    stay(&mut t.store, &p, "inpatient", "2025-01-01", "2025-01-05");
    let thirty = stay(&mut t.store, &p, "observation", "2025-02-04", "2025-02-05");
    assert!(thirty.readmission);
    stay(&mut t.store, &q, "inpatient", "2025-01-01", "2025-01-05");
    let thirty_one = stay(&mut t.store, &q, "inpatient", "2025-02-05", "2025-02-06");
    assert!(!thirty_one.readmission);
    let ed = stay(&mut t.store, &q, "ed", "2025-02-07", "");
    assert!(!ed.readmission, "an ED visit is not a readmission");
}

#[test]
fn the_worklist_shows_safety_flags_from_the_flag_engine_first() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let q = add(&mut t.store, "M2", "Bo", "Li", "1970-01-01");
    let day = today();
    activate(&mut t.store, &q, &days_before(day, 60).to_string());
    caseload::measures::record(
        &mut t.store,
        &caseload::measures::MeasureDraft {
            patient_id: p.id.clone(),
            kind: "phq9".into(),
            taken_on: day.to_string(),
            items: ["1", "1", "1", "1", "1", "1", "1", "1", "2"]
                .map(String::from)
                .to_vec(),
            ..caseload::measures::MeasureDraft::default()
        },
    )
    .unwrap();
    let list = list_on(&t.store, day);
    assert_eq!(list.items[0].kind, ItemKind::Safety);
    assert_eq!(list.items[0].patient.mrn, "M1");
    assert!(
        list.items[0].detail.contains("item 9 = 2"),
        "{}",
        list.items[0].detail
    );
    assert_eq!(list.items[1].kind, ItemKind::ContactDue);
    let counts: Vec<(ItemKind, usize)> = list.counts.iter().map(|c| (c.kind, c.count)).collect();
    assert!(counts.contains(&(ItemKind::Safety, 1)));
    assert!(counts.contains(&(ItemKind::ContactDue, 1)));
    // Soft-deleted patients leave the worklist.
    caseload::patients::remove(&mut t.store, &q.id, "entered in error").unwrap();
    assert_eq!(list_on(&t.store, day).items.len(), 1);
}

#[test]
fn no_contact_puts_a_patient_on_the_review_list_and_the_caseload_filter() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let q = add(&mut t.store, "M2", "Bo", "Li", "1970-01-01");
    let day = today();
    for who in [&p, &q] {
        activate(&mut t.store, who, &days_before(day, 90).to_string());
    }
    contact(
        &mut t.store,
        &p.id,
        &days_before(day, 31).to_string(),
        "reached",
    );
    contact(
        &mut t.store,
        &q.id,
        &days_before(day, 30).to_string(),
        "reached",
    );
    let review = t.store.read_on(day, caseload::review::list).unwrap();
    let on_list: Vec<&str> = review.rows.iter().map(|r| r.patient.mrn.as_str()).collect();
    assert_eq!(on_list, ["M1"], "31 days is more than 30; 30 is not");
    assert_eq!(
        review.rows[0].reasons[0].kind,
        caseload::review::ReasonKind::NoContact
    );
    let page = t
        .store
        .read(|r| {
            caseload::pages::caseload::list(
                r,
                &caseload::pages::CaseloadQuery {
                    flag: "no-contact".into(),
                    ..caseload::pages::CaseloadQuery::default()
                },
            )
        })
        .unwrap();
    assert_eq!(page.rows.len(), 1);
    assert_eq!(page.rows[0].patient.mrn, "M1");
    assert_eq!(page.rows[0].outreach.last_reached_days, Some(31));
}

#[test]
fn the_caseload_sorts_by_next_contact_due() {
    let mut t = TestStore::new();
    let day = today();
    let later = add(&mut t.store, "M1", "Ana", "Adams", "1970-01-01");
    let sooner = add(&mut t.store, "M2", "Bo", "Brown", "1970-01-01");
    let none = add(&mut t.store, "M3", "Cy", "Abel", "1970-01-01");
    for who in [&later, &sooner] {
        activate(&mut t.store, who, &days_before(day, 90).to_string());
    }
    contact(
        &mut t.store,
        &later.id,
        &days_before(day, 2).to_string(),
        "reached",
    );
    contact(
        &mut t.store,
        &sooner.id,
        &days_before(day, 20).to_string(),
        "reached",
    );
    let page = t
        .store
        .read(|r| {
            caseload::pages::caseload::list(
                r,
                &caseload::pages::CaseloadQuery {
                    sort: caseload::pages::CaseloadSort::NextDue,
                    ..caseload::pages::CaseloadQuery::default()
                },
            )
        })
        .unwrap();
    let order: Vec<&str> = page.rows.iter().map(|r| r.patient.mrn.as_str()).collect();
    assert_eq!(order, ["M2", "M1", "M3"]);
    // Due 6 days ago and in 12 days, or the Monday after when that is a weekend.
    let overdue = business_day(days_before(day, 6));
    assert_eq!(page.rows[0].outreach.next_due, Some(overdue));
    assert_eq!(
        page.rows[0].outreach.overdue_days,
        Some(caseload::dates::days_from(overdue, day))
    );
    assert_eq!(
        page.rows[1].outreach.next_due,
        Some(business_day(days_before(day, -12)))
    );
    assert_eq!(page.rows[2].outreach.next_due, None);
    let _ = none;
}

#[test]
fn the_timeline_puts_every_kind_of_record_in_date_order() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    activate(&mut t.store, &p, "2025-01-02");
    stay(&mut t.store, &p, "ed", "2025-02-01", "");
    contact(&mut t.store, &p.id, "2025-02-03", "reached");
    let entries = t
        .store
        .read(|r| caseload::pages::timeline::timeline(r, &p.id))
        .unwrap()
        .entries;
    let kinds: Vec<&str> = entries
        .iter()
        .map(|e| match e.kind {
            caseload::pages::TimelineKind::Contact => "contact",
            caseload::pages::TimelineKind::Transition => "transition",
            caseload::pages::TimelineKind::Enrollment => "enrollment",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["contact", "transition", "enrollment"]);
    assert!(
        entries[1].title.contains("ED visit at Riverside General"),
        "{}",
        entries[1].title
    );
}

#[test]
fn holidays_are_checked_one_by_one_and_cadence_settings_have_ranges() {
    let mut t = TestStore::new();
    let e = err(caseload::settings::set_holidays(
        &mut t.store,
        &[
            "2026-12-25".into(),
            "Christmas".into(),
            "".into(),
            "13/01/2027".into(),
        ],
    ));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        ["holidays.1", "holidays.3"]
    );
    let saved = caseload::settings::set_holidays(
        &mut t.store,
        &[
            "2027-01-01".into(),
            "12/25/2026".into(),
            "2026-12-25".into(),
        ],
    )
    .unwrap();
    assert_eq!(saved.holidays, [date(2026, 12, 25), date(2027, 1, 1)]);

    let program = t
        .store
        .read(|r| caseload::programs::find(r, "compass"))
        .unwrap()
        .unwrap();
    let mut edit = caseload::programs::ProgramEdit::of(&program);
    edit.follow_up.letter_after_attempts = 0;
    edit.follow_up.contact_active_days = 400;
    let e = err(caseload::programs::update_thresholds(
        &mut t.store,
        "compass",
        &edit,
    ));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        [
            "follow_up.contact_active_days",
            "follow_up.letter_after_attempts"
        ]
    );
    edit.follow_up.letter_after_attempts = 2;
    edit.follow_up.contact_active_days = 21;
    let saved = caseload::programs::update_thresholds(&mut t.store, "compass", &edit).unwrap();
    assert_eq!(saved.follow_up.contact_active_days, 21);
}
