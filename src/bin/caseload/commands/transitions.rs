//! `caseload transitions add|list`: ED visits and hospital stays.

use caseload::transitions::{self, TransitionDraft};
use caseload::{Store, patients};
use clap::{Args, Subcommand};

use crate::error::CliResult;
use crate::output::{Format, Table};

#[derive(Subcommand)]
pub enum TransitionsCommand {
    /// Record an ED visit or a stay (inpatient, observation, skilled nursing)
    Add(AddArgs),
    /// A patient's transitions, newest first
    List(ListArgs),
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long)]
    mrn: String,
    /// ed, inpatient, observation or snf
    #[arg(long)]
    kind: String,
    /// Admission (or ED visit) date, YYYY-MM-DD
    #[arg(long)]
    admitted: String,
    /// Discharge date, YYYY-MM-DD [default: the same day for an ED visit; none while still in]
    #[arg(long, default_value = "")]
    discharged: String,
    #[arg(long)]
    facility: String,
    #[arg(long, default_value = "")]
    reason: String,
    /// patient, family, hospital-notice, hie-alert, other
    #[arg(long, default_value = "")]
    heard_from: String,
}

#[derive(Args)]
pub struct ListArgs {
    #[arg(long)]
    mrn: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(store: &mut Store, command: TransitionsCommand) -> CliResult {
    match command {
        TransitionsCommand::Add(args) => add(store, args),
        TransitionsCommand::List(args) => list(store, args),
    }
}

fn add(store: &mut Store, args: AddArgs) -> CliResult {
    let patient = store.read(|r| patients::require_by_mrn(r, &args.mrn))?;
    let draft = TransitionDraft {
        patient_id: patient.id.clone(),
        kind: args.kind,
        facility: args.facility,
        admitted_on: args.admitted,
        discharged_on: args.discharged,
        reason: args.reason,
        heard_from: args.heard_from,
    };
    let t = transitions::add(store, &draft).map_err(crate::args::nothing_saved)?;
    let readmission = if t.readmission {
        " (readmission within 30 days)"
    } else {
        ""
    };
    match t.discharged_on {
        Some(d) => say!(
            "{} {}{readmission} at {}, {} to {d}.",
            patient.mrn,
            t.kind_label,
            t.facility,
            t.admitted_on
        ),
        None => say!(
            "{} {}{readmission} at {}, admitted {}; still in.",
            patient.mrn,
            t.kind_label,
            t.facility,
            t.admitted_on
        ),
    }
    let due =
        store.read(|r| transitions::follow_ups(r, Some(std::slice::from_ref(&patient.id))))?;
    match (due.first(), t.discharged_on) {
        (Some(f), _) => say!(
            "Follow-up contact due by {} ({} business days after discharge).",
            f.due_on,
            f.business_days
        ),
        (None, Some(_)) => {
            say!("No follow-up contact is due: the patient was reached on or after the discharge.")
        }
        (None, None) => {}
    }
    Ok(())
}

fn list(store: &Store, args: ListArgs) -> CliResult {
    let (patient, list) = store.read(|r| {
        let patient = patients::require_by_mrn(r, &args.mrn)?;
        let list = transitions::for_patient(r, &patient.id)?;
        Ok((patient, list))
    })?;
    let table = Table {
        header: vec![
            "mrn",
            "kind",
            "facility",
            "admitted_on",
            "discharged_on",
            "readmission",
            "reason",
        ],
        rows: list
            .iter()
            .map(|t| {
                vec![
                    patient.mrn.clone(),
                    t.kind.as_str().to_owned(),
                    t.facility.clone(),
                    t.admitted_on.to_string(),
                    t.discharged_on.map(|d| d.to_string()).unwrap_or_default(),
                    if t.readmission { "yes" } else { "no" }.to_owned(),
                    t.reason.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    };
    table.print(args.format, &list)
}
