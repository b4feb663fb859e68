//! Everything the patient page shows about the registry in one read: values (with the
//! corrected and removed ones, for the record), safety flags, the "discuss" mark, the
//! patient's standing (flags, baseline, change) and the targets charts are drawn against.

use serde::Serialize;

use super::{Measure, SafetyFlag};
use crate::error::Result;
use crate::flags::Standing;
use crate::programs::Targets;
use crate::review::DiscussMark;
use rusqlite::Connection;

#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    /// Newest first, including superseded and removed values (flagged as such).
    pub measures: Vec<Measure>,
    pub safety_flags: Vec<SafetyFlag>,
    pub discuss: Option<DiscussMark>,
    pub standing: Standing,
    /// The treatment program's targets, or the first built-in program's when the
    /// patient is not in treatment.
    pub targets: Option<Targets>,
    pub targets_from: Option<String>,
}

pub fn overview(conn: &Connection, patient_id: &str) -> Result<Overview> {
    let measures = super::for_patient(conn, patient_id, true)?;
    let standing = crate::flags::for_patient(conn, patient_id)?;
    let programs = crate::programs::list(conn)?;
    let program = standing
        .treatment_program
        .as_deref()
        .and_then(|code| programs.iter().find(|p| p.code == code))
        .or_else(|| programs.first());
    Ok(Overview {
        measures,
        safety_flags: super::safety::for_patient(conn, patient_id)?,
        discuss: crate::review::discuss::open_mark(conn, patient_id)?,
        targets: program.map(|p| p.targets.clone()),
        targets_from: program.map(|p| p.name.clone()),
        standing,
    })
}
