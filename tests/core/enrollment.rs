//! Enrollment episodes and their lifecycle.

use caseload::enrollment::{self, Enrollment, EnrollmentStatus, StartEnrollment, Transition};
use caseload::patients::{self, Patient};
use caseload::{ErrorCode, Store};

use crate::harness::{self, TestStore, add, counts, err, fields_of};

use EnrollmentStatus::*;

fn patient(t: &mut TestStore, mrn: &str) -> Patient {
    add(&mut t.store, mrn, "Rosa", "Delgado", "1960-02-29")
}

fn start(
    store: &mut Store,
    patient: &Patient,
    program: &str,
    status: &str,
    on: &str,
) -> caseload::Result<Enrollment> {
    enrollment::start(
        store,
        &StartEnrollment {
            patient_id: patient.id.clone(),
            program: program.into(),
            status: status.into(),
            on: on.into(),
            ..StartEnrollment::default()
        },
    )
}

fn move_to(
    store: &mut Store,
    episode: &Enrollment,
    to: &str,
    on: &str,
) -> caseload::Result<Enrollment> {
    enrollment::transition(
        store,
        &Transition {
            enrollment_id: episode.id.clone(),
            to: to.into(),
            on: on.into(),
            ..Transition::default()
        },
    )
}

fn disenroll(
    store: &mut Store,
    episode: &Enrollment,
    reason: &str,
    note: &str,
) -> caseload::Result<Enrollment> {
    enrollment::transition(
        store,
        &Transition {
            enrollment_id: episode.id.clone(),
            to: "disenrolled".into(),
            on: "2025-03-01".into(),
            reason: reason.into(),
            note: note.into(),
            ..Transition::default()
        },
    )
}

/// Asserts that the episode and the store are as they were before a refused change.
#[track_caller]
fn assert_unchanged(store: &Store, before: &Enrollment, counts_before: &harness::Counts) {
    let now = store.read(|r| enrollment::get(r, &before.id)).unwrap();
    assert_eq!(now.status, before.status);
    assert_eq!(now.events.len(), before.events.len());
    assert_eq!(now.ended_on, before.ended_on);
    assert_eq!(now.disenroll_reason, before.disenroll_reason);
    assert_eq!(&counts(store), counts_before);
}

#[test]
fn episode_walks_the_lifecycle_and_records_each_step() {
    let mut t = TestStore::new();
    let p = patient(&mut t, "MRN-1");
    let e = start(&mut t.store, &p, "compass", "", "2025-01-06").unwrap();
    assert_eq!(e.status, Referred);
    assert!(e.is_open);
    assert_eq!(e.program_code, "compass");
    assert_eq!(e.referred_on.as_deref(), Some("2025-01-06"));
    assert_eq!(e.screening_on, None);

    let steps = [
        ("screening", "2025-01-13"),
        ("active", "2025-01-20"),
        ("relapse-watch", "2025-06-01"),
        ("active", "2025-07-01"),
        ("graduated", "2025-10-01"),
    ];
    let mut e = e;
    for (to, on) in steps {
        e = move_to(&mut t.store, &e, to, on).unwrap();
        assert_eq!(e.status.as_str(), to);
    }
    assert_eq!(e.referred_on.as_deref(), Some("2025-01-06"));
    assert_eq!(e.screening_on.as_deref(), Some("2025-01-13"));
    assert_eq!(
        e.active_on.as_deref(),
        Some("2025-01-20"),
        "a relapse keeps the first activation date"
    );
    assert_eq!(e.ended_on.as_deref(), Some("2025-10-01"));
    assert_eq!(e.status, Graduated);
    assert!(!e.is_open);
    assert_eq!(e.disenroll_reason, None);

    let timeline: Vec<_> = e
        .events
        .iter()
        .map(|v| (v.from_status, v.to_status, v.on_date.as_str()))
        .collect();
    assert_eq!(
        timeline,
        [
            (None, Referred, "2025-01-06"),
            (Some(Referred), Screening, "2025-01-13"),
            (Some(Screening), Active, "2025-01-20"),
            (Some(Active), RelapseWatch, "2025-06-01"),
            (Some(RelapseWatch), Active, "2025-07-01"),
            (Some(Active), Graduated, "2025-10-01"),
        ]
    );

    // One audit entry per step, all on the patient's history.
    let history = t.store.read(|r| patients::history(r, &p.id)).unwrap();
    let actions: Vec<_> = history
        .iter()
        .map(|h| (h.entity.as_str(), h.action.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("enrollment", "status"),
            ("enrollment", "status"),
            ("enrollment", "status"),
            ("enrollment", "status"),
            ("enrollment", "status"),
            ("enrollment", "enroll"),
            ("patient", "create"),
        ]
    );
    let last = &history[0].changes;
    assert!(last.iter().any(|c| c.field == "status"
        && c.from.as_deref() == Some("active")
        && c.to.as_deref() == Some("graduated")));
    assert!(
        last.iter()
            .any(|c| c.field == "on" && c.to.as_deref() == Some("2025-10-01"))
    );
}

#[test]
fn episode_can_start_directly_in_screening_or_active() {
    let mut t = TestStore::new();
    let p = patient(&mut t, "MRN-1");
    let e = start(&mut t.store, &p, "compass", "active", "2025-02-02").unwrap();
    assert_eq!(e.status, Active);
    assert_eq!(e.active_on.as_deref(), Some("2025-02-02"));
    assert_eq!(e.referred_on, None);
    let e = start(&mut t.store, &p, "teamcare", "Screening", "2025-02-03").unwrap();
    assert_eq!(e.status, Screening);
    assert_eq!(e.screening_on.as_deref(), Some("2025-02-03"));
}

#[test]
fn episode_cannot_start_closed_or_in_an_unknown_program() {
    let mut t = TestStore::new();
    let p = patient(&mut t, "MRN-1");
    let before = counts(&t.store);
    for (program, status, field) in [
        ("compass", "graduated", "status"),
        ("compass", "relapse-watch", "status"),
        ("compass", "enrolled", "status"),
        ("bogus", "", "program"),
    ] {
        let error = err(start(&mut t.store, &p, program, status, "2025-01-01"));
        assert_eq!(
            fields_of(&error, ErrorCode::InvalidInput),
            [field],
            "{program} {status}"
        );
    }
    assert_eq!(counts(&t.store), before);
}

#[test]
fn moves_the_lifecycle_forbids_are_refused_and_change_nothing() {
    let mut t = TestStore::new();
    let p = patient(&mut t, "MRN-1");
    let referred = start(&mut t.store, &p, "compass", "referred", "2025-01-06").unwrap();
    let before = counts(&t.store);
    let error = err(move_to(&mut t.store, &referred, "graduated", "2025-02-01"));
    assert_eq!(error.code(), ErrorCode::InvalidTransition, "{error:?}");
    assert!(
        error.to_string().contains("screening"),
        "the message names the allowed moves: {error}"
    );
    assert_unchanged(&t.store, &referred, &before);
    let error = err(move_to(&mut t.store, &referred, "active", "2025-02-01"));
    assert_eq!(error.code(), ErrorCode::InvalidTransition);
    assert_unchanged(&t.store, &referred, &before);

    let graduated = start(&mut t.store, &p, "teamcare", "active", "2025-01-06").unwrap();
    let graduated = move_to(&mut t.store, &graduated, "graduated", "2025-05-01").unwrap();
    let before = counts(&t.store);
    for to in ["active", "relapse-watch", "referred", "disenrolled"] {
        let error = err(move_to(&mut t.store, &graduated, to, "2025-06-01"));
        assert_eq!(
            error.code(),
            ErrorCode::InvalidTransition,
            "graduated → {to}"
        );
        assert_unchanged(&t.store, &graduated, &before);
    }

    let error = err(move_to(&mut t.store, &referred, "finished", "2025-02-01"));
    assert_eq!(fields_of(&error, ErrorCode::InvalidInput), ["to"]);
}

#[test]
fn allowed_next_matches_what_transition_accepts() {
    let mut t = TestStore::new();
    // How to reach each status from a new referred episode.
    let paths: [(EnrollmentStatus, &[&str]); 6] = [
        (Referred, &[]),
        (Screening, &["screening"]),
        (Active, &["screening", "active"]),
        (RelapseWatch, &["screening", "active", "relapse-watch"]),
        (Graduated, &["screening", "active", "graduated"]),
        (Disenrolled, &["disenrolled"]),
    ];
    let expected_next = |s: EnrollmentStatus| -> Vec<EnrollmentStatus> {
        match s {
            Referred => vec![Screening, Disenrolled],
            Screening => vec![Active, Disenrolled],
            Active => vec![Graduated, RelapseWatch, Disenrolled],
            RelapseWatch => vec![Active, Graduated, Disenrolled],
            Graduated | Disenrolled => vec![],
        }
    };
    let mut n = 0;
    for (status, path) in paths {
        for to in EnrollmentStatus::ALL {
            n += 1;
            let p = patient(&mut t, &format!("MRN-{n}"));
            let mut e = start(&mut t.store, &p, "compass", "referred", "2025-01-01").unwrap();
            for step in path {
                e = enrollment::transition(
                    &mut t.store,
                    &Transition {
                        enrollment_id: e.id.clone(),
                        to: (*step).into(),
                        on: "2025-01-02".into(),
                        reason: if *step == "disenrolled" {
                            "moved".into()
                        } else {
                            String::new()
                        },
                        ..Transition::default()
                    },
                )
                .unwrap();
            }
            assert_eq!(e.status, status);
            assert_eq!(e.allowed_next, expected_next(status), "{status:?}");
            assert_eq!(e.is_open, !e.allowed_next.is_empty());
            let result = enrollment::transition(
                &mut t.store,
                &Transition {
                    enrollment_id: e.id.clone(),
                    to: to.as_str().into(),
                    on: "2025-01-03".into(),
                    reason: if to == Disenrolled {
                        "declined".into()
                    } else {
                        String::new()
                    },
                    ..Transition::default()
                },
            );
            match result {
                Ok(moved) => {
                    assert!(
                        e.allowed_next.contains(&to),
                        "{status:?} → {to:?} was accepted"
                    );
                    assert_eq!(moved.status, to);
                }
                Err(error) => {
                    assert!(
                        !e.allowed_next.contains(&to),
                        "{status:?} → {to:?} was refused: {error}"
                    );
                    assert_eq!(
                        error.code(),
                        ErrorCode::InvalidTransition,
                        "{status:?} → {to:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn disenrolling_requires_a_reason() {
    let mut t = TestStore::new();
    let p = patient(&mut t, "MRN-1");
    let e = start(&mut t.store, &p, "compass", "active", "2025-01-06").unwrap();
    let before = counts(&t.store);
    let error = err(disenroll(&mut t.store, &e, "", ""));
    assert_eq!(fields_of(&error, ErrorCode::InvalidInput), ["reason"]);
    assert_unchanged(&t.store, &e, &before);
    let error = err(disenroll(&mut t.store, &e, "bored", ""));
    assert_eq!(fields_of(&error, ErrorCode::InvalidInput), ["reason"]);
    assert_unchanged(&t.store, &e, &before);

    let done = disenroll(&mut t.store, &e, "Unreachable", "").unwrap();
    assert_eq!(done.status, Disenrolled);
    assert_eq!(done.disenroll_reason.as_deref(), Some("unreachable"));
    assert_eq!(done.ended_on.as_deref(), Some("2025-03-01"));
    assert_eq!(
        done.events.last().unwrap().reason.as_deref(),
        Some("unreachable")
    );
}

#[test]
fn disenrolling_for_other_reason_requires_a_note() {
    let mut t = TestStore::new();
    let p = patient(&mut t, "MRN-1");
    let e = start(&mut t.store, &p, "compass", "referred", "2025-01-06").unwrap();
    let before = counts(&t.store);
    let error = err(disenroll(&mut t.store, &e, "other", "   "));
    assert_eq!(fields_of(&error, ErrorCode::InvalidInput), ["note"]);
    assert_unchanged(&t.store, &e, &before);

    let done = disenroll(
        &mut t.store,
        &e,
        "other",
        "Enrolled in a hospital program instead",
    )
    .unwrap();
    assert_eq!(done.disenroll_reason.as_deref(), Some("other"));
    let last = done.events.last().unwrap();
    assert_eq!(
        last.note.as_deref(),
        Some("Enrolled in a hospital program instead")
    );
}

#[test]
fn reason_is_refused_on_moves_other_than_disenrolling() {
    let mut t = TestStore::new();
    let p = patient(&mut t, "MRN-1");
    let e = start(&mut t.store, &p, "compass", "referred", "2025-01-06").unwrap();
    let before = counts(&t.store);
    let error = err(enrollment::transition(
        &mut t.store,
        &Transition {
            enrollment_id: e.id.clone(),
            to: "screening".into(),
            on: "2025-01-07".into(),
            reason: "moved".into(),
            ..Transition::default()
        },
    ));
    assert_eq!(fields_of(&error, ErrorCode::InvalidInput), ["reason"]);
    assert_unchanged(&t.store, &e, &before);
}

#[test]
fn second_open_episode_in_a_program_is_a_conflict_but_another_program_is_allowed() {
    let mut t = TestStore::new();
    let p = patient(&mut t, "MRN-1");
    start(&mut t.store, &p, "compass", "referred", "2025-01-06").unwrap();
    let before = counts(&t.store);
    let error = err(start(&mut t.store, &p, "compass", "active", "2025-02-01"));
    assert_eq!(error.code(), ErrorCode::Conflict, "{error:?}");
    assert_eq!(
        counts(&t.store),
        before,
        "a refused start saved something or left an audit entry"
    );
    // Program codes are matched case-insensitively: still the same program.
    assert_eq!(
        err(start(&mut t.store, &p, "COMPASS", "", "2025-02-01")).code(),
        ErrorCode::Conflict
    );

    start(&mut t.store, &p, "teamcare", "screening", "2025-02-01").unwrap();
    let episodes = t.store.read(|r| enrollment::for_patient(r, &p.id)).unwrap();
    let mut open: Vec<_> = episodes
        .iter()
        .filter(|e| e.is_open)
        .map(|e| e.program_code.as_str())
        .collect();
    open.sort();
    assert_eq!(open, ["compass", "teamcare"]);
}

#[test]
fn patient_can_have_several_episodes_of_a_program_over_time() {
    let mut t = TestStore::new();
    let p = patient(&mut t, "MRN-1");
    let first = start(&mut t.store, &p, "compass", "active", "2024-01-08").unwrap();
    move_to(&mut t.store, &first, "graduated", "2024-06-03").unwrap();
    let second = start(&mut t.store, &p, "compass", "referred", "2024-09-02").unwrap();
    disenroll(&mut t.store, &second, "declined", "").unwrap();
    let third = start(&mut t.store, &p, "compass", "screening", "2025-04-07").unwrap();

    let episodes = t.store.read(|r| enrollment::for_patient(r, &p.id)).unwrap();
    let summary: Vec<_> = episodes.iter().map(|e| (e.id.as_str(), e.status)).collect();
    assert_eq!(
        summary,
        [
            (third.id.as_str(), Screening),
            (second.id.as_str(), Disenrolled),
            (first.id.as_str(), Graduated)
        ],
        "open episodes first, then newest first"
    );
    let open = t
        .store
        .read(|r| enrollment::open_in_program(r, &p.id, "compass"))
        .unwrap()
        .unwrap();
    assert_eq!(open.id, third.id);
}

#[test]
fn dates_in_the_future_are_refused() {
    let mut t = TestStore::new();
    let p = patient(&mut t, "MRN-1");
    let before = counts(&t.store);
    let error = err(start(&mut t.store, &p, "compass", "", &harness::tomorrow()));
    assert_eq!(fields_of(&error, ErrorCode::InvalidInput), ["on"]);
    assert_eq!(counts(&t.store), before);

    let e = start(&mut t.store, &p, "compass", "", "2025-01-06").unwrap();
    let before = counts(&t.store);
    let error = err(move_to(&mut t.store, &e, "screening", &harness::tomorrow()));
    assert_eq!(fields_of(&error, ErrorCode::InvalidInput), ["on"]);
    assert_unchanged(&t.store, &e, &before);

    // Today is fine, and is the default.
    let e = move_to(&mut t.store, &e, "screening", "").unwrap();
    assert_eq!(e.screening_on, Some(harness::today().to_string()));
}

#[test]
fn episode_dated_before_the_date_of_birth_is_refused() {
    let mut t = TestStore::new();
    let p = patient(&mut t, "MRN-1");
    let error = err(start(&mut t.store, &p, "compass", "", "1960-02-28"));
    assert_eq!(fields_of(&error, ErrorCode::InvalidInput), ["on"]);
    assert_eq!(counts(&t.store).enrollments, 0);
}

#[test]
fn transition_dated_before_the_previous_step_is_refused() {
    let mut t = TestStore::new();
    let p = patient(&mut t, "MRN-1");
    let e = start(&mut t.store, &p, "compass", "", "2025-03-10").unwrap();
    let e = move_to(&mut t.store, &e, "screening", "2025-03-17").unwrap();
    let before = counts(&t.store);
    let error = err(move_to(&mut t.store, &e, "active", "2025-03-16"));
    assert_eq!(fields_of(&error, ErrorCode::InvalidInput), ["on"]);
    assert!(error.to_string().contains("2025-03-17"), "{error}");
    assert_unchanged(&t.store, &e, &before);

    // The same day as the previous step is fine.
    let e = move_to(&mut t.store, &e, "active", "2025-03-17").unwrap();
    assert_eq!(e.active_on.as_deref(), Some("2025-03-17"));
}

#[test]
fn enrolling_a_removed_patient_is_not_found() {
    let mut t = TestStore::new();
    let p = patient(&mut t, "MRN-1");
    patients::remove(&mut t.store, &p.id, "entered in error").unwrap();
    let before = counts(&t.store);
    assert_eq!(
        err(start(&mut t.store, &p, "compass", "", "2025-01-06")).code(),
        ErrorCode::NotFound
    );
    assert_eq!(counts(&t.store), before);
}
