//! The outreach log, cadence rules, transitions of care and the Today worklist,
//! through the core against real encrypted stores: `contacts` (the log, corrections,
//! drafts, `contact_latest`), `care_transitions` (follow-ups, business days, readmissions,
//! holidays), `worklist` (cadence lines on Today, "no contact", the caseload's outreach
//! columns, the timeline). The helpers here are shared by all three.

mod care_transitions;
mod contacts;
mod worklist;

use caseload::enrollment::{self, Enrollment, StartEnrollment};
use caseload::outreach::{self, ContactDraft};
use caseload::pages::today::{ItemKind, Worklist, worklist};
use caseload::patients::Patient;
use caseload::transitions::{self, TransitionDraft};
use caseload::{ErrorCode, Store};
use jiff::civil::{Date, date};

use crate::harness::{TestStore, add, contact, count, err, fields_of, today};

/// Starts an active COMPASS episode on `on`.
pub(super) fn activate(store: &mut Store, patient: &Patient, on: &str) -> Enrollment {
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

pub(super) fn stay(
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

pub(super) fn list_on(store: &Store, day: Date) -> Worklist {
    store.read_on(day, worklist).unwrap()
}

/// The worklist lines of one patient, as (kind, due date).
pub(super) fn lines(list: &Worklist, p: &Patient) -> Vec<(ItemKind, Date)> {
    list.items
        .iter()
        .filter(|i| i.patient.id == p.id)
        .map(|i| (i.kind, i.due_on))
        .collect()
}

/// The day itself on a weekday, else the Monday after (no holidays are set).
pub(super) fn business_day(day: Date) -> Date {
    caseload::dates::next_business_day(day, &[])
}

pub(super) fn days_before(day: Date, n: i64) -> Date {
    day.checked_sub(jiff::Span::new().days(n)).unwrap()
}
