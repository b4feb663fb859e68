//! The contact log: logging, refusing, correcting, removing, drafts, and the
//! trigger-kept `contact_latest`.

use super::*;

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
