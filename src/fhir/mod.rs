//! HL7 FHIR R4 export of care plans, for the EHR or another tool to load: one
//! patient's record as a `Bundle` ([`patient_bundle`]), or the whole caseload as FHIR
//! Bulk Data NDJSON files ([`bulk`]). Nothing is fetched or sent: the export is bytes
//! and files the coordinator hands on.
//!
//! **What a patient's record becomes.** The Patient (MRN as an "MR" identifier, name,
//! birth date, gender, phone, address, emergency contact, preferred language, the PCP
//! by name); one CarePlan (active while a goal is open or a concern active, otherwise
//! completed; intent `plan`; its period starts on its earliest dated item) whose
//! actions are `activity.detail` entries of kind `Task` with their status, text, due
//! date (`scheduledPeriod.end`), the goal they serve and who does them; a Condition
//! per concern (category `health-concern`, and for a social one US Core's `sdoh` and
//! its HL7 Gravity domain); a Goal per goal (the patient's words as its description,
//! lifecycle and achievement, a LOINC-coded target with its UCUM unit and comparator
//! for a registry measure, the patient's own number in their words, the due date, who
//! expressed it, the concern it answers, its progress notes and barriers); a CareTeam
//! with each member as a Practitioner (clinicians) or a RelatedPerson (family, others)
//! beside it so their phone travels; and the latest Observation of each measure kind
//! the patient has (LOINC, UCUM; blood pressure as the 85354-9 panel).
//! Progress notes and barriers not tied to a goal are the CarePlan's notes.
//!
//! **Ids are the records' own.** Every resource's id is the UUID of the record it
//! comes from (patient, concern, goal, team member, measure); the CarePlan's and the
//! CareTeam's are UUID v5s of the patient's id. Exporting twice gives the same ids
//! (and, for an unchanged record, the same bytes), so a system that loads a later
//! export updates what it loaded before instead of copying it.
//!
//! **Removed records stay home.** Only live records are exported: a removed goal,
//! concern, team member, measure or patient is in no export. A corrected measure is
//! exported as its correction.
//!
//! **Files carry no names.** A bundle's file name is `careplan-<patient id>.json`;
//! the whole id, since the first characters of ids made in the same minute are alike.
//! Files are written owner-only from their first byte, whole or not at all
//! ([`crate::export::file::save_private`]).

mod bulk;
mod bundle;
mod care_plan;
mod care_team;
mod codes;
mod condition;
mod datatypes;
mod goal;
mod observation;
mod patient;
mod record;
mod resource;

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::Store;
use datatypes::Links;
use record::Record;

/// A document ready to be saved.
#[derive(Debug, Clone)]
pub struct Exported {
    /// What to call the file (no patient's name in it).
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// How many resources it holds.
    pub resources: usize,
}

/// What a bulk export wrote.
#[derive(Debug, Clone, Serialize)]
pub struct BulkSummary {
    /// Each file written and how many resources (lines) it holds, in the order written.
    pub files: Vec<(String, usize)>,
    /// Live patients exported (each with a Patient resource).
    pub patients: usize,
    /// How many of them have a care plan (a CarePlan resource each).
    pub plans: usize,
}

/// One patient's care plan with everything it points at, as a FHIR R4 `collection`
/// Bundle (pretty JSON). A patient without a care plan is refused: there is no plan
/// to send.
pub fn patient_bundle(store: &Store, patient_id: &str) -> Result<Exported> {
    let resources = store.read(|r| {
        let record = Record::read(r, patient_id, true)?;
        if record.plan.is_none() {
            return Err(Error::NotFound(
                "No care plan is recorded for this patient yet, so there is nothing to export."
                    .into(),
            ));
        }
        record.resources(Links::Bundle)
    })?;
    Ok(Exported {
        file_name: format!("careplan-{patient_id}.json"),
        bytes: bundle::to_json(&resources)?,
        resources: resources.len(),
    })
}

/// Saves an exported bundle to the file the coordinator chose: owner-only, atomic.
pub fn save(path: &Path, exported: &Exported) -> Result<()> {
    crate::export::file::save_private(
        path,
        &exported.bytes,
        "the FHIR bundle",
        &exported.file_name,
    )
}

/// The whole caseload into `dir`, which must exist: every live patient (Patient and
/// the latest Observation of each measure), and for each patient with a care plan
/// the CarePlan, its Conditions, Goals, CareTeam and the Practitioners and
/// RelatedPersons on it. Patients without a plan are included because loading the
/// caseload elsewhere needs everyone on it, not only those with a plan. One NDJSON
/// file per resource type, every type written even when empty (so nothing of an
/// earlier export into the same folder is left to be loaded by mistake), each
/// owner-only and atomic; everything is read in one snapshot.
pub fn bulk(store: &Store, dir: &Path) -> Result<BulkSummary> {
    bulk::check_folder(dir)?;
    let gathered = store.read(bulk::gather)?;
    let files = bulk::files(&gathered.resources)?;
    bulk::write(dir, &files)?;
    Ok(BulkSummary {
        files: files.iter().map(|f| (f.name.clone(), f.count)).collect(),
        patients: gathered.patients,
        plans: gathered.plans,
    })
}
