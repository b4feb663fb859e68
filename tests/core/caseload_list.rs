//! The caseload list over a demo caseload: totals, paging, sorting and filters.

use std::collections::HashSet;

use caseload::enrollment::{self, EnrollmentStatus};
use caseload::pages::{self, CaseloadPage, CaseloadQuery, CaseloadRow, CaseloadSort};
use caseload::{ErrorCode, Store};

use crate::harness::{TestStore, count, err, fields_of};

const PATIENTS: usize = 500;
const SEED: u64 = 3;

fn demo_store(seed: u64) -> TestStore {
    let mut t = TestStore::new();
    let summary = caseload::demo::fill(&mut t.store, PATIENTS, seed).unwrap();
    assert_eq!(summary.patients, PATIENTS);
    t
}

fn list(store: &Store, query: CaseloadQuery) -> CaseloadPage {
    store.read(|r| pages::caseload::list(r, &query)).unwrap()
}

/// The whole caseload in name order, one maximal page.
fn everyone(store: &Store) -> Vec<CaseloadRow> {
    let page = list(
        store,
        CaseloadQuery {
            limit: 500,
            ..CaseloadQuery::default()
        },
    );
    assert_eq!(page.rows.len() as u64, page.total);
    page.rows
}

/// Accent- and case-folded, as a coordinator expects names to sort.
fn fold(text: &str) -> String {
    deunicode::deunicode(text)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn badge(row: &CaseloadRow, program: &str) -> Option<EnrollmentStatus> {
    row.episodes
        .iter()
        .find(|b| b.program_code == program)
        .map(|b| b.status)
}

#[test]
fn demo_caseload_of_500_lists_a_total_of_500() {
    let t = demo_store(SEED);
    let page = list(&t.store, CaseloadQuery::default());
    assert_eq!(page.total, 500);
    assert_eq!(
        page.rows.len(),
        pages::caseload::DEFAULT_PAGE as usize,
        "no limit means the default page"
    );
    assert_eq!(count(&t.store, "patients"), 500);
    // Most of a demo caseload is enrolled somewhere, not all of it.
    let enrolled = everyone(&t.store)
        .iter()
        .filter(|r| !r.episodes.is_empty())
        .count();
    assert!(
        (250..=450).contains(&enrolled),
        "{enrolled} of 500 enrolled"
    );
}

#[test]
fn pages_cover_the_caseload_once_without_duplicates() {
    let t = demo_store(SEED);
    let mut seen = HashSet::new();
    let mut names = Vec::new();
    for offset in (0..500).step_by(50) {
        let page = list(
            &t.store,
            CaseloadQuery {
                limit: 50,
                offset,
                ..CaseloadQuery::default()
            },
        );
        assert_eq!(page.total, 500);
        assert_eq!((page.offset, page.limit), (offset, 50));
        assert_eq!(page.rows.len(), 50, "offset {offset}");
        for row in page.rows {
            assert!(
                seen.insert(row.id.clone()),
                "{} appears on two pages",
                row.patient.mrn
            );
            names.push(row.id);
        }
    }
    assert_eq!(seen.len(), 500);
    // Page by page gives the same order as one long page.
    let whole: Vec<_> = everyone(&t.store).into_iter().map(|r| r.id).collect();
    assert_eq!(names, whole);

    let past_end = list(
        &t.store,
        CaseloadQuery {
            limit: 50,
            offset: 500,
            ..CaseloadQuery::default()
        },
    );
    assert_eq!(past_end.total, 500);
    assert!(past_end.rows.is_empty());
    // A page larger than the most allowed is refused, not cut down: a shortened page
    // would pass for the whole list.
    for limit in [501, 100_000] {
        let oversized = err(t.store.read(|r| {
            pages::caseload::list(
                r,
                &CaseloadQuery {
                    limit,
                    ..CaseloadQuery::default()
                },
            )
        }));
        assert_eq!(fields_of(&oversized, ErrorCode::InvalidInput), ["limit"]);
        assert!(
            oversized
                .to_string()
                .contains(&format!("1 to 500 patients (asked for {limit})")),
            "{oversized}"
        );
    }
    // Not given (0) is the default page.
    assert_eq!(list(&t.store, CaseloadQuery::default()).limit, 50);
}

#[test]
fn name_sort_orders_by_folded_last_name_then_first_name() {
    let t = demo_store(SEED);
    let rows = everyone(&t.store);
    let keys: Vec<(String, String)> = rows
        .iter()
        .map(|r| (fold(&r.patient.last_name), fold(&r.patient.first_name)))
        .collect();
    for pair in keys.windows(2) {
        assert!(
            pair[0] <= pair[1],
            "{:?} listed before {:?}",
            pair[0],
            pair[1]
        );
    }
    // Accented names sort among their plain spellings (Nuñez with Nunez, not after Z).
    let distinct: HashSet<_> = rows.iter().map(|r| r.patient.last_name.as_str()).collect();
    assert!(
        distinct.iter().any(|n| !n.is_ascii()),
        "demo data should include accented names"
    );
}

#[test]
fn last_activity_sort_lists_the_most_recent_first() {
    let t = demo_store(SEED);
    let page = list(
        &t.store,
        CaseloadQuery {
            sort: CaseloadSort::LastActivity,
            limit: 500,
            ..CaseloadQuery::default()
        },
    );
    assert_eq!(page.rows.len(), 500);
    for pair in page.rows.windows(2) {
        assert!(pair[0].last_activity_at >= pair[1].last_activity_at);
    }
    assert_ne!(
        page.rows.first().unwrap().last_activity_at,
        page.rows.last().unwrap().last_activity_at
    );
}

fn ids(rows: &[CaseloadRow]) -> HashSet<String> {
    rows.iter().map(|r| r.id.clone()).collect()
}

#[test]
fn status_and_program_filter_returns_exactly_the_patients_with_that_badge() {
    let t = demo_store(SEED);
    let all = everyone(&t.store);

    let page = list(
        &t.store,
        CaseloadQuery {
            status: "active".into(),
            program: "compass".into(),
            limit: 500,
            ..CaseloadQuery::default()
        },
    );
    assert!(page.total > 0);
    assert_eq!(page.total as usize, page.rows.len());
    for row in &page.rows {
        assert_eq!(
            badge(row, "compass"),
            Some(EnrollmentStatus::Active),
            "{}",
            row.patient.mrn
        );
    }

    // The caseload has patients whose newest compass episode follows a closed one, so the
    // loop below checks that only the newest episode counts.
    let repeat_patients = all
        .iter()
        .filter(|r| {
            let compass: Vec<_> = t
                .store
                .read(|reader| enrollment::for_patient(reader, &r.id))
                .unwrap()
                .into_iter()
                .filter(|e| e.program_code == "compass")
                .collect();
            compass.len() >= 2 && badge(r, "compass") != Some(EnrollmentStatus::Graduated)
        })
        .count();
    assert!(
        repeat_patients > 0,
        "the demo caseload should include repeat compass episodes"
    );

    // Every status and program: the filter matches the latest episode, as the badge shows
    // it (a graduated first episode followed by an active one is "active", not "graduated").
    for program in ["compass", "teamcare"] {
        for status in EnrollmentStatus::ALL {
            let page = list(
                &t.store,
                CaseloadQuery {
                    status: status.as_str().into(),
                    program: program.into(),
                    limit: 500,
                    ..CaseloadQuery::default()
                },
            );
            let expected: Vec<_> = all
                .iter()
                .filter(|r| badge(r, program) == Some(status))
                .cloned()
                .collect();
            assert_eq!(ids(&page.rows), ids(&expected), "{status:?} in {program}");
            assert_eq!(
                page.total as usize,
                expected.len(),
                "{status:?} in {program}"
            );
        }
    }

    // Without a program, a status matches the latest episode of any program.
    let any_program = list(
        &t.store,
        CaseloadQuery {
            status: "active".into(),
            limit: 500,
            ..CaseloadQuery::default()
        },
    );
    let expected_any: Vec<_> = all
        .iter()
        .filter(|r| {
            r.episodes
                .iter()
                .any(|b| b.status == EnrollmentStatus::Active)
        })
        .cloned()
        .collect();
    assert_eq!(ids(&any_program.rows), ids(&expected_any));
    assert!(
        any_program.rows.len() > page.rows.len(),
        "teamcare's active patients are missing"
    );

    // A program alone lists everyone who ever had an episode in it.
    let in_teamcare = list(
        &t.store,
        CaseloadQuery {
            program: "teamcare".into(),
            limit: 500,
            ..CaseloadQuery::default()
        },
    );
    let expected: Vec<_> = all
        .iter()
        .filter(|r| badge(r, "teamcare").is_some())
        .cloned()
        .collect();
    assert_eq!(ids(&in_teamcare.rows), ids(&expected));
}

#[test]
fn not_enrolled_filter_returns_patients_without_open_episodes() {
    let t = demo_store(SEED);
    let all = everyone(&t.store);
    let expected: HashSet<_> = all
        .iter()
        .filter(|r| r.episodes.iter().all(|b| !b.status.is_open()))
        .map(|r| r.id.clone())
        .collect();
    let page = list(
        &t.store,
        CaseloadQuery {
            status: "not-enrolled".into(),
            limit: 500,
            ..CaseloadQuery::default()
        },
    );
    for row in &page.rows {
        assert!(
            row.episodes.iter().all(|b| !b.status.is_open()),
            "{} has an open episode: {:?}",
            row.patient.mrn,
            row.episodes
        );
    }
    let got: HashSet<_> = page.rows.iter().map(|r| r.id.clone()).collect();
    assert_eq!(got, expected);
    // Both kinds are there: never enrolled, and enrolled once but closed.
    assert!(page.rows.iter().any(|r| r.episodes.is_empty()));
    assert!(page.rows.iter().any(|r| !r.episodes.is_empty()));
}

#[test]
fn filters_combine_with_search_text() {
    let t = demo_store(SEED);
    let all = everyone(&t.store);
    let page = list(
        &t.store,
        CaseloadQuery {
            text: "gar".into(),
            status: "active".into(),
            program: "compass".into(),
            limit: 500,
            ..CaseloadQuery::default()
        },
    );
    let expected: HashSet<_> = all
        .iter()
        .filter(|r| badge(r, "compass") == Some(EnrollmentStatus::Active))
        .filter(|r| {
            fold(&format!(
                "{} {} {}",
                r.patient.last_name, r.patient.first_name, r.patient.mrn
            ))
            .contains("gar")
        })
        .map(|r| r.id.clone())
        .collect();
    let got: HashSet<_> = page.rows.iter().map(|r| r.id.clone()).collect();
    assert!(!expected.is_empty());
    assert_eq!(got, expected);
}

#[test]
fn unknown_status_or_program_is_invalid_input() {
    let t = demo_store(SEED);
    for (status, program, field) in [
        ("enrolled", "", "status"),
        ("", "nosuch", "program"),
        ("active", "nosuch", "program"),
    ] {
        let error = err(t.store.read(|r| {
            pages::caseload::list(
                r,
                &CaseloadQuery {
                    status: status.into(),
                    program: program.into(),
                    ..CaseloadQuery::default()
                },
            )
        }));
        assert_eq!(
            fields_of(&error, ErrorCode::InvalidInput),
            [field],
            "{status:?} {program:?}"
        );
    }
}

type DemoPatient = (
    String,
    String,
    String,
    String,
    Vec<(String, EnrollmentStatus)>,
);

fn demo_patients(store: &Store) -> Vec<DemoPatient> {
    let mut out: Vec<DemoPatient> = everyone(store)
        .into_iter()
        .map(|r| {
            let episodes = r
                .episodes
                .iter()
                .map(|b| (b.program_code.clone(), b.status))
                .collect();
            (
                r.patient.mrn,
                r.patient.first_name,
                r.patient.last_name,
                r.patient.birth_date,
                episodes,
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn demo_caseload_is_the_same_for_the_same_seed() {
    let a = demo_store(SEED);
    let b = demo_store(SEED);
    let c = demo_store(SEED + 1);
    let (pa, pb, pc) = (
        demo_patients(&a.store),
        demo_patients(&b.store),
        demo_patients(&c.store),
    );
    assert_eq!(pa.len(), 500);
    assert_eq!(pa, pb);
    assert_eq!(
        count(&a.store, "enrollments"),
        count(&b.store, "enrollments")
    );
    assert_eq!(
        count(&a.store, "enrollment_events"),
        count(&b.store, "enrollment_events")
    );
    let strip = |p: &[DemoPatient]| {
        p.iter()
            .map(|x| (x.1.clone(), x.2.clone(), x.3.clone()))
            .collect::<Vec<_>>()
    };
    assert_ne!(
        strip(&pa),
        strip(&pc),
        "another seed should give other patients"
    );
}

/// Every list shows a patient through one `PatientRef`; the caseload row keeps its
/// `id` as well, because the desktop and `patients list --format json` read it.
#[test]
fn caseload_rows_serialise_the_patient_flat_and_keep_their_id() {
    let mut t = TestStore::new();
    crate::harness::add(&mut t.store, "REF-1", "Ana", "Ruiz", "1970-03-01");
    let page = list(&t.store, CaseloadQuery::default());
    let json = serde_json::to_value(&page.rows[0]).unwrap();
    assert_eq!(json["id"], json["patient_id"]);
    assert_eq!(json["mrn"], "REF-1");
    assert_eq!(json["last_name"], "Ruiz");
    assert_eq!(json["birth_date"], "1970-03-01");
    assert!(json["age"].as_i64().unwrap() >= 56);
    assert!(
        json.get("patient").is_none(),
        "flattened, not nested: {json}"
    );
}
