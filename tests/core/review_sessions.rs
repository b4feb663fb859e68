//! Case-review sessions: their date and attendees, who was discussed and why, the
//! recommendations made and the PCP's follow-through. The list itself is `review.rs`.

use caseload::ErrorCode;
use caseload::patients;
use caseload::review::{
    self, AttendeeDraft, DiscussionDraft, FollowThrough, ReasonKind, RecommendationDraft,
    SessionDraft,
};

use crate::harness::{TestStore, add, count, err, fields_of, today};
use crate::review::{ago, discuss, kinds, list, review_counts, row, session, team, unsafe_patient};

#[test]
fn a_session_needs_a_past_date_and_named_attendees_with_roles() {
    let mut t = TestStore::new();
    let before = review_counts(&t.store);

    let e = err(review::create_session(
        &mut t.store,
        &SessionDraft::default(),
    ));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        ["held_on", "attendees"]
    );
    assert!(e.fields()[0].message.contains("required"));

    let future = SessionDraft {
        held_on: crate::harness::tomorrow(),
        note: String::new(),
        attendees: team(),
    };
    let e = err(review::create_session(&mut t.store, &future));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["held_on"]);
    assert!(e.fields()[0].message.contains("future"));

    let bad_rows = SessionDraft {
        held_on: "someday".into(),
        note: "x".repeat(2001),
        attendees: vec![
            AttendeeDraft {
                name: "  ".into(),
                role: "psychiatrist".into(),
            },
            AttendeeDraft {
                name: "Sam Lee".into(),
                role: "nurse".into(),
            },
            AttendeeDraft {
                name: "Kim".into(),
                role: String::new(),
            },
        ],
    };
    let e = err(review::create_session(&mut t.store, &bad_rows));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        [
            "held_on",
            "note",
            "attendees.0.name",
            "attendees.1.role",
            "attendees.2.role"
        ]
    );
    assert!(e.fields()[0].message.contains("YYYY-MM-DD"));
    assert!(e.fields()[3].message.contains("\"nurse\" is not a role"));
    assert_eq!(review_counts(&t.store), before, "nothing saved");
}

#[test]
fn a_session_can_be_recorded_later_but_only_once_per_day() {
    let mut t = TestStore::new();
    let s = review::create_session(
        &mut t.store,
        &SessionDraft {
            held_on: ago(3),
            note: "  Dr. Chen by video  ".into(),
            attendees: team(),
        },
    )
    .unwrap();
    assert_eq!(s.held_on, ago(3));
    assert_eq!(s.note.as_deref(), Some("Dr. Chen by video"));
    assert_eq!(s.attendees.len(), 2);
    assert_eq!(s.attendees[0].name, "Dr. Mei Chen");
    assert_eq!(s.attendees[1].role_label, "PCP");

    let before = review_counts(&t.store);
    let e = err(review::create_session(
        &mut t.store,
        &SessionDraft {
            held_on: ago(3),
            note: String::new(),
            attendees: team(),
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["held_on"]);
    assert!(e.fields()[0].message.contains("already recorded"));
    assert_eq!(review_counts(&t.store), before);
}

#[test]
fn updating_a_session_replaces_its_attendees_and_is_audited() {
    let mut t = TestStore::new();
    let s = session(&mut t.store, &ago(2));
    let audit_before = count(&t.store, "audit_log");
    let updated = review::update_session(
        &mut t.store,
        &s.id,
        &SessionDraft {
            held_on: ago(1),
            note: "moved a day".into(),
            attendees: vec![AttendeeDraft {
                name: "Jo Park".into(),
                role: "coordinator".into(),
            }],
        },
    )
    .unwrap();
    assert_eq!(updated.held_on, ago(1));
    assert_eq!(updated.attendees.len(), 1);
    assert_eq!(updated.attendees[0].role_label, "Care coordinator");
    assert_eq!(count(&t.store, "review_attendees"), 1);
    assert_eq!(count(&t.store, "audit_log"), audit_before + 1);
    let changes: String = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT changes FROM audit_log WHERE entity = 'review_session' AND action = 'update'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(changes.contains("Jo Park (Care coordinator)"), "{changes}");
    assert!(changes.contains("Dr. Mei Chen (Psychiatrist)"), "{changes}");

    // Saving the same thing again writes nothing.
    let again = review::update_session(
        &mut t.store,
        &s.id,
        &SessionDraft {
            held_on: ago(1),
            note: "moved a day".into(),
            attendees: vec![AttendeeDraft {
                name: "Jo Park".into(),
                role: "coordinator".into(),
            }],
        },
    )
    .unwrap();
    assert_eq!(again.updated_at, updated.updated_at);
    assert_eq!(count(&t.store, "audit_log"), audit_before + 1);

    // An invalid update leaves the session and its attendees as they were.
    let before = review_counts(&t.store);
    let e = err(review::update_session(
        &mut t.store,
        &s.id,
        &SessionDraft {
            held_on: ago(1),
            note: String::new(),
            attendees: Vec::new(),
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["attendees"]);
    assert_eq!(review_counts(&t.store), before);
    assert_eq!(
        t.store
            .read(|r| review::get_session(r, &s.id))
            .unwrap()
            .attendees
            .len(),
        1
    );

    let e = err(review::update_session(
        &mut t.store,
        "nope",
        &SessionDraft::default(),
    ));
    assert_eq!(e.code(), ErrorCode::NotFound);
}

#[test]
fn a_session_cannot_move_after_a_follow_through_it_led_to() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "R1", "Rita", "Moreno", "1975-03-03");
    let s = session(&mut t.store, &ago(10));
    let s = discuss(&mut t.store, &s, &p, Some(("other", "Check thyroid"))).unwrap();
    review::set_follow_through(&mut t.store, &s.recommendations[0].id, "done", &ago(8)).unwrap();
    let e = err(review::update_session(
        &mut t.store,
        &s.id,
        &SessionDraft {
            held_on: ago(7),
            note: String::new(),
            attendees: team(),
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["held_on"]);
    assert!(e.fields()[0].message.contains(&ago(8)));
    review::update_session(
        &mut t.store,
        &s.id,
        &SessionDraft {
            held_on: ago(8),
            note: String::new(),
            attendees: team(),
        },
    )
    .unwrap();
}

#[test]
fn discussing_a_patient_records_the_reasons_and_clears_the_discuss_mark() {
    let mut t = TestStore::new();
    let p = unsafe_patient(&mut t, "B2", "Yan", "Young");
    review::discuss::mark(&mut t.store, &p.id, "new stressor").unwrap();
    let s = session(&mut t.store, &ago(0));

    let s = discuss(&mut t.store, &s, &p, None).unwrap();
    assert!(
        t.store
            .read(|r| review::discuss::open_mark(r, &p.id))
            .unwrap()
            .is_none()
    );
    assert_eq!(s.discussed.len(), 1);
    let reasons = &s.discussed[0].reasons;
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons[0].starts_with("Safety flag: PHQ-9 item 9 = 1"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].starts_with("Marked to discuss on "),
        "{reasons:?}"
    );
    assert!(reasons[1].ends_with(": new stressor"), "{reasons:?}");
    assert!(s.recommendations.is_empty());
    let cleared_by: String = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT action FROM audit_log WHERE entity = 'discuss_mark' ORDER BY rowid DESC LIMIT 1",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(cleared_by, "discussed");

    // The discuss reason is gone from the list; the safety flag stays until acknowledged.
    assert_eq!(kinds(&list(&t.store, today()), &p), [ReasonKind::Safety]);

    // Recording again keeps one discussed row; given reasons replace the old ones.
    let s = review::record_discussion(
        &mut t.store,
        &DiscussionDraft {
            session_id: s.id.clone(),
            patient_id: p.id.clone(),
            reasons: vec!["  Safety flag  ".into(), " ".into()],
            recommendation: Some(RecommendationDraft {
                category: "medication-change".into(),
                text: "Add mirtazapine 15 mg at night".into(),
            }),
        },
    )
    .unwrap();
    assert_eq!(count(&t.store, "review_discussed"), 1);
    assert_eq!(s.discussed[0].reasons, ["Safety flag"]);
    assert_eq!(s.recommendations.len(), 1);
    assert_eq!(s.recommendations[0].category_label, "Medication change");
    assert_eq!(s.recommendations[0].patient.last_name, "Young");

    // A repeat without reasons keeps the recorded ones and adds a second recommendation.
    let s = discuss(
        &mut t.store,
        &s,
        &p,
        Some(("therapy-referral", "Refer to CBT group")),
    )
    .unwrap();
    assert_eq!(s.discussed[0].reasons, ["Safety flag"]);
    assert_eq!(s.recommendations.len(), 2);
}

#[test]
fn a_mark_ticked_after_a_late_recorded_session_waits_for_the_next_review() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "R1", "Rita", "Moreno", "1975-03-03");
    review::discuss::mark(&mut t.store, &p.id, "ask about sleep").unwrap();
    let last_week = session(&mut t.store, &ago(7));
    discuss(&mut t.store, &last_week, &p, None).unwrap();
    assert!(
        t.store
            .read(|r| review::discuss::open_mark(r, &p.id))
            .unwrap()
            .is_some()
    );
    assert_eq!(kinds(&list(&t.store, today()), &p), [ReasonKind::Discuss]);
}

#[test]
fn an_invalid_discussion_saves_nothing() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "R1", "Rita", "Moreno", "1975-03-03");
    review::discuss::mark(&mut t.store, &p.id, "").unwrap();
    let s = session(&mut t.store, &ago(0));
    let before = review_counts(&t.store);

    let e = err(discuss(
        &mut t.store,
        &s,
        &p,
        Some(("", "Start sertraline")),
    ));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        ["recommendation.category"]
    );
    let e = err(discuss(&mut t.store, &s, &p, Some(("dose", "  "))));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        ["recommendation.category", "recommendation.text"]
    );
    assert!(e.fields()[0].message.contains("\"dose\""));
    let long = "x".repeat(2001);
    let e = err(discuss(
        &mut t.store,
        &s,
        &p,
        Some(("other", long.as_str())),
    ));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        ["recommendation.text"]
    );
    assert_eq!(review_counts(&t.store), before);
    assert!(
        t.store
            .read(|r| review::discuss::open_mark(r, &p.id))
            .unwrap()
            .is_some()
    );

    let e = err(review::record_discussion(
        &mut t.store,
        &DiscussionDraft {
            session_id: "no-such-session".into(),
            patient_id: p.id.clone(),
            ..DiscussionDraft::default()
        },
    ));
    assert_eq!(e.code(), ErrorCode::NotFound);
    patients::remove(&mut t.store, &p.id, "entered in error").unwrap();
    let e = err(discuss(&mut t.store, &s, &p, None));
    assert_eq!(e.code(), ErrorCode::NotFound);
}

#[test]
fn follow_through_dates_stay_between_the_session_and_today() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "R1", "Rita", "Moreno", "1975-03-03");
    let s = session(&mut t.store, &ago(7));
    let s = discuss(
        &mut t.store,
        &s,
        &p,
        Some(("dose-change", "Sertraline 100 mg")),
    )
    .unwrap();
    let id = s.recommendations[0].id.clone();
    let before = review_counts(&t.store);

    let e = err(review::set_follow_through(&mut t.store, &id, "closed", ""));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["status"]);
    let e = err(review::set_follow_through(
        &mut t.store,
        &id,
        "done",
        &crate::harness::tomorrow(),
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["on"]);
    assert!(e.fields()[0].message.contains("future"));
    let e = err(review::set_follow_through(
        &mut t.store,
        &id,
        "declined",
        &ago(8),
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["on"]);
    assert!(e.fields()[0].message.contains(&ago(7)));
    let e = err(review::set_follow_through(
        &mut t.store,
        &id,
        "done",
        "last week",
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["on"]);
    assert_eq!(review_counts(&t.store), before, "nothing saved");

    let done = review::set_follow_through(&mut t.store, &id, "done", "").unwrap();
    assert_eq!(
        done.follow_through_on,
        Some(ago(0)),
        "empty date means today"
    );
    assert!(!done.is_open);
    let declined = review::set_follow_through(&mut t.store, &id, "declined", &ago(7)).unwrap();
    assert_eq!(declined.follow_through, FollowThrough::Declined);
    assert_eq!(
        declined.follow_through_on,
        Some(ago(7)),
        "the session day itself is fine"
    );
    let audit: Vec<String> = {
        let mut stmt = t
            .store
            .sql_for_tests()
            .prepare(
                "SELECT changes FROM audit_log WHERE entity = 'review_recommendation'
                 AND action = 'follow-through' ORDER BY rowid",
            )
            .unwrap();
        stmt.query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(audit.len(), 2);
    assert!(audit[1].contains("declined"), "{}", audit[1]);

    let reopened = review::set_follow_through(&mut t.store, &id, "pending", &ago(1)).unwrap();
    assert_eq!(reopened.follow_through, FollowThrough::Pending);
    assert_eq!(
        reopened.follow_through_on, None,
        "reopening clears the date"
    );
    assert!(reopened.is_open);

    let e = err(review::set_follow_through(&mut t.store, "nope", "done", ""));
    assert_eq!(e.code(), ErrorCode::NotFound);
}

#[test]
fn past_sessions_stay_readable_after_later_ones() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "R1", "Rita", "Moreno", "1975-03-03");
    let q = unsafe_patient(&mut t, "B2", "Yan", "Young");
    review::discuss::mark(&mut t.store, &p.id, "sleep worse").unwrap();
    let first = session(&mut t.store, &ago(14));
    let first = review::record_discussion(
        &mut t.store,
        &DiscussionDraft {
            session_id: first.id.clone(),
            patient_id: p.id.clone(),
            reasons: vec!["Marked to discuss: sleep worse".into()],
            recommendation: Some(RecommendationDraft {
                category: "dose-change".into(),
                text: "Sertraline 100 mg".into(),
            }),
        },
    )
    .unwrap();
    let second = session(&mut t.store, &ago(7));
    discuss(&mut t.store, &second, &p, None).unwrap();
    discuss(&mut t.store, &second, &q, Some(("therapy-referral", "CBT"))).unwrap();
    review::set_follow_through(&mut t.store, &first.recommendations[0].id, "done", &ago(3))
        .unwrap();
    let third = session(&mut t.store, &ago(0));

    let again = t.store.read(|r| review::get_session(r, &first.id)).unwrap();
    assert_eq!(again.held_on, ago(14));
    assert_eq!(again.attendees.len(), 2);
    assert_eq!(again.discussed.len(), 1);
    assert_eq!(
        again.discussed[0].reasons,
        ["Marked to discuss: sleep worse"]
    );
    assert_eq!(again.recommendations.len(), 1);
    assert_eq!(again.recommendations[0].follow_through, FollowThrough::Done);

    let all = t.store.read(review::sessions).unwrap();
    let ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [third.id.as_str(), second.id.as_str(), first.id.as_str()]
    );
    assert_eq!(all[1].patients_discussed, 2);
    assert_eq!(all[1].recommendations_open, 1);
    assert_eq!(all[2].recommendations_closed, 1);
    assert_eq!(all[2].recommendations_open, 0);
    assert_eq!(all[0].attendee_count, 2);

    // A patient removed later still shows in the sessions they were discussed in.
    patients::remove(&mut t.store, &q.id, "duplicate record").unwrap();
    let second = t
        .store
        .read(|r| review::get_session(r, &second.id))
        .unwrap();
    let removed = second
        .discussed
        .iter()
        .find(|d| d.patient.id == q.id)
        .unwrap();
    assert!(removed.patient_removed);
    assert_eq!(second.recommendations[0].patient.last_name, "Young");
    assert!(
        row(&list(&t.store, today()), &q).is_none(),
        "their open recommendation no longer lists them"
    );
}

#[test]
fn review_changes_are_audited_against_the_patient() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "R1", "Rita", "Moreno", "1975-03-03");
    let s = session(&mut t.store, &ago(0));
    let s = discuss(&mut t.store, &s, &p, Some(("other", "Check thyroid"))).unwrap();
    review::set_follow_through(&mut t.store, &s.recommendations[0].id, "done", "").unwrap();
    let entries: Vec<String> = t
        .store
        .read(|r| patients::history(r, &p.id))
        .unwrap()
        .into_iter()
        .map(|e| format!("{} {}", e.entity, e.action))
        .collect();
    assert_eq!(
        &entries[..3],
        [
            "review_recommendation follow-through",
            "review_recommendation create",
            "review_discussion create"
        ]
    );
    let by_session: i64 = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'review_session' AND entity_id = ?1",
            [&s.id],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(by_session, 1);
}
