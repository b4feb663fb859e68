//! ED visits and stays: discharge follow-ups on business days, what closes them,
//! readmissions, and the clinic's holidays.

use super::*;

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
