//! Social needs and closed-loop referrals: the status machine through the store at
//! every edge, staleness checked when referring, the follow-up on Today until the
//! status moves, and what the service page learns (referred, connected).

use caseload::ErrorCode;
use caseload::pages::today::{ItemKind, worklist};
use caseload::referrals::{self, Move, ReferralDraft, ReferralStatus};
use caseload::resources::{self, VerifyDraft};
use caseload::social_needs::{self, NeedDraft, NeedStatus};
use jiff::civil::Date;

use super::*;
use crate::harness::{TestStore, add, count, err, fields_of, today};

fn days_after(day: Date, n: i64) -> Date {
    day.checked_add(jiff::Span::new().days(n)).unwrap()
}

/// The pantry package with both services verified today; one patient.
fn setup() -> (TestStore, String) {
    let mut t = TestStore::new();
    apply(&mut t.store, pantry().path());
    for id in [SVC, SVC2] {
        resources::verify(
            &mut t.store,
            id,
            &VerifyDraft {
                by: "M. Lopez".into(),
                ..VerifyDraft::default()
            },
        )
        .unwrap();
    }
    let p = add(&mut t.store, "R1", "Rosa", "Villanueva", "1958-09-30");
    (t, p.id)
}

fn refer(
    store: &mut caseload::Store,
    patient: &str,
    service: &str,
    status: &str,
) -> referrals::Referral {
    referrals::add(
        store,
        &ReferralDraft {
            patient_id: patient.into(),
            service_id: service.into(),
            need_category: "food-insecurity".into(),
            status: status.into(),
            consent_to_share: true,
            ..ReferralDraft::default()
        },
    )
    .unwrap()
}

fn to(status: &str) -> Move {
    Move {
        status: status.into(),
        reason: if status == "could-not-connect" {
            "no-capacity".into()
        } else {
            String::new()
        },
        ..Move::default()
    }
}

#[test]
fn the_status_machine_holds_at_every_edge_through_the_store() {
    use ReferralStatus::*;
    let (mut t, patient) = setup();
    // For each status, a referral brought there, then every move tried from it.
    let path_to = |s: ReferralStatus| -> (&'static str, Vec<&'static str>) {
        match s {
            Suggested => ("suggested", vec![]),
            Referred => ("referred", vec![]),
            Contacted => ("referred", vec!["contacted"]),
            Connected => ("referred", vec!["connected"]),
            CouldNotConnect => ("referred", vec!["could-not-connect"]),
        }
    };
    for from in ReferralStatus::ALL {
        for target in ReferralStatus::ALL {
            let (start, steps) = path_to(*from);
            let mut r = refer(&mut t.store, &patient, SVC, start);
            for step in steps {
                r = referrals::move_to(&mut t.store, &r.id, &to(step)).unwrap();
            }
            assert_eq!(r.status, *from);
            let result = referrals::move_to(&mut t.store, &r.id, &to(target.as_str()));
            if referrals::allowed(*from, *target) {
                let moved = result.unwrap();
                assert_eq!(moved.status, *target);
                assert_eq!(moved.open, target.is_open());
                assert_eq!(moved.history.last().map(|e| e.status), Some(*target));
            } else {
                let e = err(result);
                assert_eq!(
                    e.code(),
                    ErrorCode::InvalidTransition,
                    "{from:?} → {target:?}"
                );
            }
        }
    }
}

#[test]
fn could_not_connect_needs_its_reason() {
    let (mut t, patient) = setup();
    let r = refer(&mut t.store, &patient, SVC, "referred");
    let e = err(referrals::move_to(
        &mut t.store,
        &r.id,
        &Move {
            status: "could-not-connect".into(),
            ..Move::default()
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["reason"]);
    let moved = referrals::move_to(
        &mut t.store,
        &r.id,
        &Move {
            status: "could-not-connect".into(),
            reason: "not-eligible".into(),
            ..Move::default()
        },
    )
    .unwrap();
    assert_eq!(moved.outcome_label, Some("Not eligible"));
    assert!(!moved.open && moved.follow_up_on.is_none());
}

#[test]
fn a_stale_service_asks_for_a_reason_before_a_referral() {
    let mut t = TestStore::new();
    apply(&mut t.store, pantry().path());
    let p = add(&mut t.store, "R1", "Rosa", "Villanueva", "1958-09-30");
    // The utility help was never verified.
    let draft = ReferralDraft {
        patient_id: p.id.clone(),
        service_id: SVC2.into(),
        need_category: "utility-insecurity".into(),
        ..ReferralDraft::default()
    };
    let before = count(&t.store, "referrals");
    let e = err(referrals::add(&mut t.store, &draft));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["stale_reason"]);
    assert!(
        e.fields()[0].message.contains("never been verified")
            || e.fields()[0].message.contains("erif"),
        "{e:?}"
    );
    assert_eq!(count(&t.store, "referrals"), before);
    let anyway = referrals::add(
        &mut t.store,
        &ReferralDraft {
            stale_reason: "Patient was there last month".into(),
            ..draft.clone()
        },
    )
    .unwrap();
    assert_eq!(
        anyway.stale_reason.as_deref(),
        Some("Patient was there last month")
    );
    // Verified first, no reason is needed.
    resources::verify(
        &mut t.store,
        SVC2,
        &VerifyDraft {
            by: "M. Lopez".into(),
            ..VerifyDraft::default()
        },
    )
    .unwrap();
    let verified = referrals::add(&mut t.store, &draft).unwrap();
    assert!(verified.stale_reason.is_none() && !verified.service_stale);
}

#[test]
fn the_follow_up_is_on_today_until_the_status_moves() {
    let (mut t, patient) = setup();
    let r = refer(&mut t.store, &patient, SVC, "referred");
    let day = today();
    // Default: seven days after referring.
    assert_eq!(r.follow_up_on, Some(days_after(day, 7)));
    let lines = |t: &TestStore, on: Date| {
        t.store
            .read_on(on, worklist)
            .unwrap()
            .items
            .into_iter()
            .filter(|i| i.kind == ItemKind::ReferralFollowUp)
            .map(|i| (i.subject_id.unwrap_or_default(), i.due_on))
            .collect::<Vec<_>>()
    };
    assert!(lines(&t, days_after(day, 6)).is_empty());
    assert_eq!(
        lines(&t, days_after(day, 7)),
        [(r.id.clone(), days_after(day, 7))]
    );
    assert_eq!(
        lines(&t, days_after(day, 9)).len(),
        1,
        "still there while overdue"
    );
    // Contacted but not connected: it stays open, with a new follow-up.
    let contacted = referrals::move_to(&mut t.store, &r.id, &to("contacted")).unwrap();
    assert_eq!(contacted.follow_up_on, Some(days_after(day, 7)));
    // Connected closes the loop: gone from Today for good.
    referrals::move_to(&mut t.store, &r.id, &to("connected")).unwrap();
    assert!(lines(&t, days_after(day, 30)).is_empty());
    assert!(t.store.read(referrals::due).unwrap().is_empty());
}

#[test]
fn the_follow_up_delay_is_a_setting_and_can_be_chosen() {
    let (mut t, patient) = setup();
    caseload::settings::set_directory(
        &mut t.store,
        caseload::settings::DirectorySettings {
            stale_after_days: 180,
            referral_follow_up_days: 3,
        },
    )
    .unwrap();
    let r = refer(&mut t.store, &patient, SVC, "referred");
    assert_eq!(r.follow_up_on, Some(days_after(today(), 3)));
    let chosen = referrals::add(
        &mut t.store,
        &ReferralDraft {
            patient_id: patient.clone(),
            service_id: SVC2.into(),
            follow_up_on: today().to_string(),
            ..ReferralDraft::default()
        },
    )
    .unwrap();
    assert_eq!(chosen.follow_up_overdue_days, Some(0));
    let e = err(referrals::add(
        &mut t.store,
        &ReferralDraft {
            patient_id: patient,
            service_id: SVC2.into(),
            follow_up_on: "2020-01-01".into(),
            ..ReferralDraft::default()
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["follow_up_on"]);
}

#[test]
fn needs_and_referrals_meet_on_the_patient_and_the_service() {
    let (mut t, patient) = setup();
    let need = social_needs::add(
        &mut t.store,
        &NeedDraft {
            patient_id: patient.clone(),
            category: "food-insecurity".into(),
            ..NeedDraft::default()
        },
    )
    .unwrap();
    assert_eq!(need.status, NeedStatus::Identified);
    let e = err(social_needs::add(
        &mut t.store,
        &NeedDraft {
            patient_id: patient.clone(),
            category: "hunger games".into(),
            ..NeedDraft::default()
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["category"]);

    let r = referrals::add(
        &mut t.store,
        &ReferralDraft {
            patient_id: patient.clone(),
            service_id: SVC.into(),
            need_id: need.id.clone(),
            ..ReferralDraft::default()
        },
    )
    .unwrap();
    assert_eq!(r.need_category.as_deref(), Some("food-insecurity"));
    let need = t.store.read(|rd| social_needs::get(rd, &need.id)).unwrap();
    assert_eq!(
        need.status,
        NeedStatus::BeingAddressed,
        "a referral is the need being addressed"
    );
    assert_eq!(need.open_referrals, 1);

    let second = refer(&mut t.store, &patient, SVC, "referred");
    referrals::move_to(&mut t.store, &r.id, &to("connected")).unwrap();
    referrals::move_to(&mut t.store, &second.id, &to("could-not-connect")).unwrap();
    refer(&mut t.store, &patient, SVC, "referred");
    let counts = t
        .store
        .read(|rd| referrals::counts_for_service(rd, SVC))
        .unwrap();
    assert_eq!(
        (
            counts.total,
            counts.connected,
            counts.could_not_connect,
            counts.open
        ),
        (3, 1, 1, 1)
    );
    let listed = t
        .store
        .read(|rd| referrals::for_patient(rd, &patient))
        .unwrap();
    assert_eq!(listed.len(), 3);
    // Every move is in the change log.
    let moves: i64 = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'referral'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(moves >= 5, "{moves}");
}
