//! Screening one patient (the criterion tree on their page) and the whole caseload
//! ("screen all": who could be enrolled next).

use super::latest::{self, Facts, kinds_in};
use super::{Eligible, Node, NodeKind, Outcome, Screening, evaluate};
use crate::error::{Error, Result};
use crate::patients::PatientRef;
use crate::programs::{Program, Quantity};
use crate::store::Reader;

/// Screens one patient against a program on the reader's day: every criterion with
/// its outcome and the value that decided it.
pub fn screen_patient(r: &Reader<'_>, patient_id: &str, program_code: &str) -> Result<Screening> {
    let (conn, as_of) = (r.conn(), r.today());
    let patient = crate::patients::get(r, patient_id)?;
    let program = program(r, program_code)?;
    let kinds = kinds_in(&program.criteria);
    let latest = latest::load(conn, Some(&patient.id), &kinds, as_of)?
        .remove(&patient.id)
        .unwrap_or_default();
    let facts = Facts {
        birth_date: crate::dates::parse(&patient.birth_date),
        latest,
    };
    let criteria = evaluate(&program.criteria, &facts, as_of);
    let open_status = crate::enrollment::open_in_program(r, &patient.id, &program.code)?
        .map(|e| e.status.as_str().to_owned());
    Ok(Screening {
        patient_id: patient.id,
        program_code: program.code,
        program_name: program.name,
        as_of,
        outcome: criteria.outcome,
        open_status,
        criteria,
    })
}

/// Every patient in the caseload who has no open episode in the program and meets its
/// criteria on the reader's day, by name. The latest values of the whole caseload are
/// read in one scan, so this costs a few queries however many patients there are.
pub fn screen_all(r: &Reader<'_>, program_code: &str) -> Result<Vec<Eligible>> {
    let (conn, as_of) = (r.conn(), r.today());
    let program = program(r, program_code)?;
    let kinds = kinds_in(&program.criteria);
    let mut latest = latest::load(conn, None, &kinds, as_of)?;
    // A closed episode (graduated, disenrolled) does not stop a patient from being
    // screened again: a returning patient gets a new episode.
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM patients p
         WHERE p.deleted_at IS NULL AND p.id NOT IN (
             SELECT patient_id FROM enrollments
             WHERE program_id = ?1 AND deleted_at IS NULL
               AND status NOT IN ('graduated', 'disenrolled'))
         ORDER BY p.sort_key, p.mrn",
        PatientRef::columns("p")
    ))?;
    let mut rows = stmt.query([&program.id])?;
    let mut eligible = Vec::new();
    while let Some(row) = rows.next()? {
        let patient = PatientRef::from_row(row, 0, as_of)?;
        let facts = Facts {
            birth_date: crate::dates::parse(&patient.birth_date),
            latest: latest.remove(&patient.id).unwrap_or_default(),
        };
        let tree = evaluate(&program.criteria, &facts, as_of);
        if tree.outcome != Outcome::Met {
            continue;
        }
        let mut patient = Eligible {
            patient,
            phq9: None,
            phq9_date: None,
            a1c: None,
            a1c_date: None,
            sbp: None,
            dbp: None,
            bp_date: None,
            ldl: None,
            ldl_date: None,
        };
        recent_values(&tree, &facts, &mut patient);
        eligible.push(patient);
    }
    Ok(eligible)
}

/// Copies into `out` the values the screening used from within their look-back
/// windows: what qualified the patient, with the recent values around it.
fn recent_values(node: &Node, facts: &Facts, out: &mut Eligible) {
    node.children
        .iter()
        .for_each(|c| recent_values(c, facts, out));
    let (NodeKind::Measure, Some(measure), Some(evidence)) =
        (node.kind, node.measure, node.evidence)
    else {
        return;
    };
    if !evidence.within_window {
        return;
    }
    match measure {
        Quantity::Phq9 => {
            out.phq9 = Some(evidence.value);
            out.phq9_date = evidence.taken_on;
        }
        Quantity::A1c => {
            out.a1c = Some(evidence.value);
            out.a1c_date = evidence.taken_on;
        }
        Quantity::Sbp | Quantity::Dbp => {
            if let Some(bp) = facts.latest.bp {
                out.sbp = Some(bp.value);
                out.dbp = bp.value2;
                out.bp_date = Some(bp.taken_on);
            }
        }
        Quantity::Ldl => {
            out.ldl = Some(evidence.value);
            out.ldl_date = evidence.taken_on;
        }
        Quantity::Gad7 | Quantity::Weight => {}
    }
}

fn program(r: &Reader<'_>, code: &str) -> Result<Program> {
    crate::programs::find(r, code)?
        .ok_or_else(|| Error::NotFound(format!("There is no program \"{}\".", code.trim())))
}
