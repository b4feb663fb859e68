//! One patient's record gathered for a printout: the previsit agenda (a page or two
//! per patient coming in) and the patient summary (for a PCP or a hospital) read the
//! same brief. It is the visit line of "Coming in" plus the record around it, the
//! care plan included.

use jiff::civil::Date;
use serde::Serialize;

use super::coming_in::{Visit, visits};
use crate::care_plans::CarePlan;
use crate::enrollment::Enrollment;
use crate::error::{Error, Result};
use crate::measures::Kind;
use crate::outreach::Contact;
use crate::patients::Patient;
use crate::programs::Targets;
use crate::referrals::Referral;
use crate::review::Recommendation;
use crate::schedule::Appointment;
use crate::social_needs::SocialNeed;
use crate::store::Reader;
use crate::transitions::Transition;

/// How far back the trend charts and the recent lists look.
pub const TREND_DAYS: i64 = 365;
const RECENT_CONTACTS: usize = 5;
const RECENT_TRANSITIONS: usize = 4;

/// A measure's values over the last year, oldest first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Trends {
    pub phq9: Vec<(Date, f64)>,
    pub a1c: Vec<(Date, f64)>,
    pub systolic: Vec<(Date, f64)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PatientBrief {
    pub patient: Patient,
    pub visit: Visit,
    /// The next appointment on or after the day (the summary says when they are seen).
    pub next_appointment: Option<Appointment>,
    pub episodes: Vec<Enrollment>,
    pub recent_contacts: Vec<Contact>,
    pub transitions: Vec<Transition>,
    pub open_referrals: Vec<Referral>,
    pub open_recommendations: Vec<Recommendation>,
    pub social_needs: Vec<SocialNeed>,
    /// The whole plan; the printouts show its open goals and their open actions.
    pub care_plan: CarePlan,
    pub trends: Trends,
    pub targets: Option<Targets>,
}

/// The brief of one patient on the reader's day.
pub fn brief(r: &Reader<'_>, patient_id: &str) -> Result<PatientBrief> {
    let patient = crate::patients::get(r, patient_id)?;
    let ids = [patient_id.to_owned()];
    let mut visit = visits(r, &ids)?
        .pop()
        .ok_or_else(|| Error::NotFound("That patient is not in the caseload.".into()))?;
    visit.appointments = crate::schedule::for_day(r, r.today())?
        .into_iter()
        .filter(|a| a.patient_id == patient_id)
        .collect();
    around(r, patient, visit)
}

/// The record around a visit line already worked out.
fn around(r: &Reader<'_>, patient: Patient, visit: Visit) -> Result<PatientBrief> {
    let patient_id = patient.id.as_str();
    let since = r
        .today()
        .checked_sub(jiff::Span::new().days(TREND_DAYS))
        .map_err(|e| Error::Internal(e.to_string()))?;
    let mut trends = Trends::default();
    let mut measures = crate::measures::for_patient(r, patient_id, false)?;
    measures.reverse(); // oldest first
    for m in measures.iter().filter(|m| m.complete) {
        let (Some(day), Some(value)) = (crate::dates::parse(&m.taken_on), m.value) else {
            continue;
        };
        if day < since || day > r.today() {
            continue;
        }
        match m.kind {
            Kind::Phq9 => trends.phq9.push((day, value)),
            Kind::A1c => trends.a1c.push((day, value)),
            Kind::Bp => trends.systolic.push((day, value)),
            _ => {}
        }
    }
    let mut contacts = crate::outreach::for_patient(r, patient_id, false)?;
    contacts.truncate(RECENT_CONTACTS);
    let mut transitions = crate::transitions::for_patient(r, patient_id)?;
    transitions.truncate(RECENT_TRANSITIONS);
    Ok(PatientBrief {
        next_appointment: crate::schedule::next_for_patient(r, patient_id)?,
        episodes: crate::enrollment::for_patient(r, patient_id)?,
        recent_contacts: contacts,
        transitions,
        open_referrals: crate::referrals::for_patient(r, patient_id)?
            .into_iter()
            .filter(|x| x.open)
            .collect(),
        open_recommendations: crate::review::recommendations_for_patient(r, patient_id)?
            .into_iter()
            .filter(|x| x.is_open)
            .collect(),
        social_needs: crate::social_needs::for_patient(r, patient_id)?
            .into_iter()
            .filter(|n| n.status.is_open())
            .collect(),
        care_plan: crate::care_plans::plan(r, patient_id)?,
        trends,
        targets: visit.targets.clone(),
        patient,
        visit,
    })
}

/// The briefs of everyone coming in on the reader's day, in appointment order, each
/// with the day's appointments.
pub fn briefs_for_day(r: &Reader<'_>) -> Result<Vec<PatientBrief>> {
    super::coming_in::coming_in(r)?
        .visits
        .into_iter()
        .map(|visit| around(r, crate::patients::get(r, &visit.patient.id)?, visit))
        .collect()
}
