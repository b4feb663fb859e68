//! The weekly case review: the review list and its reasons, for any review date.
//! Sessions, discussions and follow-through are in `review_sessions.rs`. Dates are
//! relative to today because measures cannot be in the future.

use caseload::enrollment::{self, Enrollment, StartEnrollment, Transition};
use caseload::measures::{self, MeasureDraft};
use caseload::patients::{self, Patient};
use caseload::review::{
    self, AttendeeDraft, DiscussionDraft, FollowThrough, ReasonKind, RecommendationDraft,
    ReviewList, ReviewRow, ReviewSession, SessionDraft,
};
use caseload::{ErrorCode, Store};
use jiff::civil::Date;

use crate::harness::{TestStore, add, count, err, fields_of, today};

fn days_ago(n: i64) -> Date {
    today().checked_sub(jiff::Span::new().days(n)).unwrap()
}

pub fn ago(n: i64) -> String {
    days_ago(n).to_string()
}

/// Nine PHQ-9 item scores; item 9 is the last.
fn phq9(store: &mut Store, patient: &Patient, on: &str, items: [u8; 9]) {
    measures::record(
        store,
        &MeasureDraft {
            patient_id: patient.id.clone(),
            kind: "phq9".into(),
            taken_on: on.into(),
            items: items.iter().map(u8::to_string).collect(),
            ..MeasureDraft::default()
        },
    )
    .unwrap();
}

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

/// 18 → 15 over 11 weeks in an active COMPASS episode: a 17 % drop, not improving.
fn not_improving(t: &mut TestStore, mrn: &str, first: &str, last: &str) -> Patient {
    let p = add(&mut t.store, mrn, first, last, "1970-05-01");
    activate(&mut t.store, &p, &ago(77));
    phq9(&mut t.store, &p, &ago(77), [3, 3, 3, 3, 3, 3, 0, 0, 0]);
    phq9(&mut t.store, &p, &ago(0), [3, 3, 3, 3, 3, 0, 0, 0, 0]);
    // Reached regularly, so "no contact" does not put them on the list too.
    for days in [28, 0] {
        crate::harness::contact(&mut t.store, &p.id, &ago(days), "reached");
    }
    p
}

/// A PHQ-9 with item 9 = 1 today: an open safety flag.
pub fn unsafe_patient(t: &mut TestStore, mrn: &str, first: &str, last: &str) -> Patient {
    let p = add(&mut t.store, mrn, first, last, "1982-09-09");
    phq9(&mut t.store, &p, &ago(0), [2, 2, 2, 1, 1, 1, 1, 1, 1]);
    p
}

pub fn team() -> Vec<AttendeeDraft> {
    vec![
        AttendeeDraft {
            name: "Dr. Mei Chen".into(),
            role: "psychiatrist".into(),
        },
        AttendeeDraft {
            name: "Dr. Tunde Okafor".into(),
            role: "pcp".into(),
        },
    ]
}

pub fn session(store: &mut Store, held_on: &str) -> ReviewSession {
    review::create_session(
        store,
        &SessionDraft {
            held_on: held_on.into(),
            note: String::new(),
            attendees: team(),
        },
    )
    .unwrap()
}

pub fn discuss(
    store: &mut Store,
    session: &ReviewSession,
    patient: &Patient,
    recommendation: Option<(&str, &str)>,
) -> caseload::Result<ReviewSession> {
    review::record_discussion(
        store,
        &DiscussionDraft {
            session_id: session.id.clone(),
            patient_id: patient.id.clone(),
            reasons: Vec::new(),
            recommendation: recommendation.map(|(category, text)| RecommendationDraft {
                category: category.into(),
                text: text.into(),
            }),
        },
    )
}

pub fn list(store: &Store, on: Date) -> ReviewList {
    store.read_on(on, review::list).unwrap()
}

pub fn row<'a>(list: &'a ReviewList, patient: &Patient) -> Option<&'a ReviewRow> {
    list.rows.iter().find(|r| r.patient.id == patient.id)
}

pub fn kinds(list: &ReviewList, patient: &Patient) -> Vec<ReasonKind> {
    row(list, patient)
        .map(|r| r.reasons.iter().map(|x| x.kind).collect())
        .unwrap_or_default()
}

/// Rows in the review tables plus the audit trail: what a refused change must not touch.
pub fn review_counts(store: &Store) -> [i64; 6] {
    [
        count(store, "review_sessions"),
        count(store, "review_attendees"),
        count(store, "review_discussed"),
        count(store, "review_recommendations"),
        count(store, "discuss_marks WHERE cleared_at IS NULL"),
        count(store, "audit_log"),
    ]
}

#[test]
fn the_list_brings_safety_not_improving_and_discuss_with_their_reasons_in_order() {
    let mut t = TestStore::new();
    let slow = not_improving(&mut t, "A1", "Zoe", "Adams");
    let flagged = unsafe_patient(&mut t, "B2", "Yan", "Young");
    let marked = add(&mut t.store, "C3", "Ana", "Baker", "1990-01-01");
    review::discuss::mark(&mut t.store, &marked.id, "family crisis").unwrap();
    let quiet = add(&mut t.store, "D4", "Bo", "Abbott", "1990-01-01");
    let improving = add(&mut t.store, "E5", "Cy", "Abel", "1970-05-01");
    activate(&mut t.store, &improving, &ago(77));
    phq9(
        &mut t.store,
        &improving,
        &ago(77),
        [3, 3, 3, 3, 3, 3, 0, 0, 0],
    );
    phq9(
        &mut t.store,
        &improving,
        &ago(0),
        [1, 1, 1, 1, 1, 1, 0, 0, 0],
    );
    crate::harness::contact(&mut t.store, &improving.id, &ago(0), "reached");

    let found = list(&t.store, today());
    let order: Vec<&str> = found.rows.iter().map(|r| r.patient.mrn.as_str()).collect();
    assert_eq!(
        order,
        ["B2", "A1", "C3"],
        "safety, not improving, then the rest"
    );
    assert!(row(&found, &quiet).is_none());
    assert!(
        row(&found, &improving).is_none(),
        "a 67 % drop is a response"
    );

    let slow_row = row(&found, &slow).unwrap();
    assert_eq!(kinds(&found, &slow), [ReasonKind::NotImproving]);
    let reason = &slow_row.reasons[0];
    assert_eq!(reason.label, "Not improving");
    assert!(reason.detail.contains("PHQ-9 18 → 15"), "{}", reason.detail);
    assert!(reason.detail.contains("11 weeks"), "{}", reason.detail);
    assert_eq!(reason.text, format!("Not improving: {}", reason.detail));
    assert_eq!(slow_row.program_code.as_deref(), Some("compass"));
    assert_eq!(slow_row.program_name.as_deref(), Some("COMPASS"));
    assert_eq!(slow_row.weeks_in_treatment, Some(11));
    assert_eq!(slow_row.baseline_phq9.unwrap().value, 18.0);
    assert_eq!(slow_row.latest_phq9.unwrap().value, 15.0);
    assert!((slow_row.change_pct.unwrap() + 16.67).abs() < 0.01);
    assert_eq!(slow_row.patient.first_name, "Zoe");
    assert_eq!(
        slow_row.patient.age,
        caseload::dates::age_from_text("1970-05-01", today())
    );

    assert_eq!(kinds(&found, &flagged), [ReasonKind::Safety]);
    assert!(
        row(&found, &flagged).unwrap().reasons[0]
            .detail
            .contains("item 9 = 1")
    );
    assert_eq!(kinds(&found, &marked), [ReasonKind::Discuss]);
    assert!(
        row(&found, &marked).unwrap().reasons[0]
            .detail
            .contains("family crisis")
    );
}

#[test]
fn reasons_are_computed_as_of_the_review_date() {
    let mut t = TestStore::new();
    let slow = not_improving(&mut t, "A1", "Zoe", "Adams");
    // Three weeks ago the follow-up PHQ-9 had not been taken and the patient had been
    // in treatment 8 weeks: not yet "not improving".
    assert!(row(&list(&t.store, days_ago(21)), &slow).is_none());
    assert_eq!(
        kinds(&list(&t.store, today()), &slow),
        [ReasonKind::NotImproving]
    );
}

#[test]
fn a_patient_on_the_list_for_several_reasons_has_one_row_with_all_of_them() {
    let mut t = TestStore::new();
    let p = not_improving(&mut t, "A1", "Zoe", "Adams");
    phq9(&mut t.store, &p, &ago(0), [3, 3, 3, 3, 3, 0, 0, 0, 1]);
    review::discuss::mark(&mut t.store, &p.id, "").unwrap();
    let found = list(&t.store, today());
    assert_eq!(found.rows.len(), 1);
    assert_eq!(
        kinds(&found, &p),
        [
            ReasonKind::Safety,
            ReasonKind::NotImproving,
            ReasonKind::Discuss
        ]
    );
}

#[test]
fn removed_patients_are_not_on_the_list() {
    let mut t = TestStore::new();
    let p = unsafe_patient(&mut t, "B2", "Yan", "Young");
    review::discuss::mark(&mut t.store, &p.id, "").unwrap();
    assert!(row(&list(&t.store, today()), &p).is_some());
    patients::remove(&mut t.store, &p.id, "duplicate record").unwrap();
    assert!(list(&t.store, today()).rows.is_empty());
}

#[test]
fn new_enrollees_are_those_activated_in_the_last_seven_days_when_there_was_no_review() {
    let mut t = TestStore::new();
    let week = add(&mut t.store, "N1", "Ivy", "New", "1980-01-01");
    activate(&mut t.store, &week, &ago(6));
    let older = add(&mut t.store, "N2", "Ole", "Old", "1980-01-01");
    activate(&mut t.store, &older, &ago(7));
    let referred = add(&mut t.store, "N3", "Rae", "Ref", "1980-01-01");
    enrollment::start(
        &mut t.store,
        &StartEnrollment {
            patient_id: referred.id.clone(),
            program: "compass".into(),
            status: "referred".into(),
            on: ago(2),
            ..StartEnrollment::default()
        },
    )
    .unwrap();

    let found = list(&t.store, today());
    assert_eq!(found.previous_session, None);
    assert_eq!(found.new_since, days_ago(6));
    assert_eq!(kinds(&found, &week), [ReasonKind::NewEnrollee]);
    let reason = &row(&found, &week).unwrap().reasons[0];
    assert_eq!(reason.detail, format!("active in COMPASS since {}", ago(6)));
    assert_eq!(
        reason.text,
        format!("New enrollee: active in COMPASS since {}", ago(6))
    );
    assert!(
        row(&found, &older).is_none(),
        "activated 7 days ago: last week's review"
    );
    assert!(
        row(&found, &referred).is_none(),
        "referred is not enrolled yet"
    );
}

#[test]
fn new_enrollees_are_counted_from_the_previous_review() {
    let mut t = TestStore::new();
    let before = add(&mut t.store, "N1", "Ivy", "Before", "1980-01-01");
    activate(&mut t.store, &before, &ago(5));
    let same_day = add(&mut t.store, "N2", "Ole", "Same", "1980-01-01");
    activate(&mut t.store, &same_day, &ago(3));
    let after = add(&mut t.store, "N3", "Rae", "After", "1980-01-01");
    activate(&mut t.store, &after, &ago(2));
    let earlier = session(&mut t.store, &ago(3));

    let found = list(&t.store, today());
    assert_eq!(found.previous_session.as_ref().unwrap().id, earlier.id);
    assert_eq!(
        found.previous_session.as_ref().unwrap().held_on,
        days_ago(3)
    );
    assert_eq!(found.new_since, days_ago(2));
    assert!(
        row(&found, &before).is_none(),
        "discussed as new at the previous review"
    );
    assert!(
        row(&found, &same_day).is_none(),
        "activated on the previous review's day"
    );
    assert_eq!(kinds(&found, &after), [ReasonKind::NewEnrollee]);

    // The list for the earlier review's own day counts from before it.
    let then = list(&t.store, days_ago(3));
    assert_eq!(then.previous_session, None);
    assert!(row(&then, &before).is_some());
    assert!(row(&then, &same_day).is_some());
    assert!(row(&then, &after).is_none(), "activated after that review");
}

#[test]
fn an_episode_closed_by_the_review_date_is_not_a_new_enrollee() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "N1", "Ivy", "Gone", "1980-01-01");
    let episode = activate(&mut t.store, &p, &ago(4));
    assert!(row(&list(&t.store, today()), &p).is_some());
    enrollment::transition(
        &mut t.store,
        &Transition {
            enrollment_id: episode.id.clone(),
            to: "disenrolled".into(),
            on: ago(1),
            reason: "moved".into(),
            ..Transition::default()
        },
    )
    .unwrap();
    assert!(row(&list(&t.store, today()), &p).is_none());
    assert!(
        row(&list(&t.store, days_ago(2)), &p).is_some(),
        "still enrolled on that day"
    );
}

#[test]
fn a_pending_recommendation_carries_over_until_it_is_done() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "R1", "Rita", "Moreno", "1975-03-03");
    let last_week = session(&mut t.store, &ago(7));
    let s = discuss(
        &mut t.store,
        &last_week,
        &p,
        Some(("dose-change", "Increase sertraline to 100 mg")),
    )
    .unwrap();
    let rec = s.recommendations[0].clone();
    assert_eq!(rec.follow_through, FollowThrough::Pending);
    assert!(rec.is_open);
    assert_eq!(rec.session_held_on, ago(7));

    // On the session's own day the recommendation belongs to that review: shown with
    // the row, but it is not a reason to bring the patient.
    let same_day = list(&t.store, days_ago(7));
    assert!(row(&same_day, &p).is_none());

    let next = list(&t.store, today());
    assert_eq!(kinds(&next, &p), [ReasonKind::OpenRecommendation]);
    let r = row(&next, &p).unwrap();
    assert_eq!(
        r.reasons[0].detail,
        format!(
            "Open recommendation from {}: dose change — Increase sertraline to 100 mg",
            ago(7)
        )
    );
    assert_eq!(r.reasons[0].text, r.reasons[0].detail);
    assert_eq!(r.open_recommendations.len(), 1);
    assert_eq!(r.open_recommendations[0].id, rec.id);

    let declined_later = review::set_follow_through(&mut t.store, &rec.id, "done", "").unwrap();
    assert_eq!(declined_later.follow_through, FollowThrough::Done);
    assert!(row(&list(&t.store, today()), &p).is_none());
}

#[test]
fn open_recommendations_are_shown_with_rows_that_are_on_the_list_anyway() {
    let mut t = TestStore::new();
    let p = unsafe_patient(&mut t, "B2", "Yan", "Young");
    let today_session = session(&mut t.store, &ago(0));
    discuss(
        &mut t.store,
        &today_session,
        &p,
        Some(("therapy-referral", "Refer to CBT")),
    )
    .unwrap();
    let found = list(&t.store, today());
    let r = row(&found, &p).unwrap();
    assert_eq!(kinds(&found, &p), [ReasonKind::Safety]);
    assert_eq!(r.open_recommendations.len(), 1);
    assert_eq!(r.open_recommendations[0].text, "Refer to CBT");
}

#[test]
fn the_review_date_is_typed_as_a_date() {
    assert_eq!(review::parse_week_of("", today()).unwrap(), today());
    let e = err(review::parse_week_of("Thursday", today()));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["week_of"]);
}

#[test]
fn the_list_and_sessions_serialise_as_the_screen_reads_them() {
    let mut t = TestStore::new();
    let slow = not_improving(&mut t, "A1", "Zoe", "Adams");
    let last_week = session(&mut t.store, &ago(7));
    discuss(
        &mut t.store,
        &last_week,
        &slow,
        Some(("dose-change", "Sertraline 100 mg")),
    )
    .unwrap();
    let list = serde_json::to_value(list(&t.store, today())).unwrap();
    if std::env::var("DUMP_REVIEW_JSON").is_ok() {
        let sessions = t.store.read(review::sessions).unwrap();
        let session = t
            .store
            .read(|r| review::get_session(r, &last_week.id))
            .unwrap();
        eprintln!("LIST {list}");
        eprintln!("SESSIONS {}", serde_json::to_value(&sessions).unwrap());
        eprintln!("SESSION {}", serde_json::to_value(&session).unwrap());
    }
    assert_eq!(list["week_of"], ago(0));
    assert_eq!(list["previous_session"]["held_on"], ago(7));
    let row = &list["rows"][0];
    assert_eq!(row["mrn"], "A1");
    assert_eq!(row["baseline_phq9"]["value"], 18.0);
    assert_eq!(row["latest_phq9"]["taken_on"], ago(0));
    assert_eq!(row["reasons"][0]["kind"], "not-improving");
    assert_eq!(row["reasons"][1]["kind"], "open-recommendation");
    let rec = &row["open_recommendations"][0];
    assert_eq!(rec["category"], "dose-change");
    assert_eq!(rec["follow_through"], "pending");
    assert_eq!(rec["is_open"], true);
}
