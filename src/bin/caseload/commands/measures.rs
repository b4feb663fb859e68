//! `caseload measures add`: several measures from one visit, saved together or not at
//! all.

use caseload::measures::{self, Kind, MeasureDraft};
use caseload::{Store, patients};
use clap::{Args, Subcommand};

use crate::error::{CliError, CliResult};

#[derive(Subcommand)]
pub enum MeasuresCommand {
    /// Record measures taken on one date; several in one call are saved together or not at all
    Add(AddMeasuresArgs),
}

#[derive(Args)]
pub struct AddMeasuresArgs {
    #[arg(long)]
    mrn: String,
    /// Date taken, YYYY-MM-DD [default: today]
    #[arg(long, default_value = "")]
    date: String,
    /// PHQ-9 item scores 0–3 in order, comma-separated, e.g. 0,1,2,1,0,1,2,1,0 (an empty item = unanswered)
    #[arg(long)]
    phq9: Option<String>,
    /// GAD-7 item scores 0–3 in order, comma-separated
    #[arg(long)]
    gad7: Option<String>,
    /// HbA1c in %, e.g. 8.4
    #[arg(long)]
    a1c: Option<String>,
    /// Blood pressure as systolic/diastolic in mmHg, e.g. 150/95
    #[arg(long)]
    bp: Option<String>,
    /// LDL in mg/dL
    #[arg(long)]
    ldl: Option<String>,
    /// Weight in kg
    #[arg(long)]
    weight: Option<String>,
    /// A note kept with each measure of this call
    #[arg(long, default_value = "")]
    note: String,
}

pub fn run(store: &mut Store, command: MeasuresCommand) -> CliResult {
    let MeasuresCommand::Add(args) = command;
    let (today, patient) =
        store.read(|r| Ok((r.today(), patients::require_by_mrn(r, &args.mrn)?)))?;
    let taken_on = match args.date.trim() {
        "" => today.to_string(),
        text => text.to_owned(),
    };
    let draft = |kind: Kind| MeasureDraft {
        patient_id: patient.id.clone(),
        kind: kind.as_str().to_owned(),
        taken_on: taken_on.clone(),
        note: args.note.clone(),
        ..MeasureDraft::default()
    };
    let items = |text: &str| text.split(',').map(|i| i.trim().to_owned()).collect();
    let mut drafts = Vec::new();
    for (kind, text) in [(Kind::Phq9, &args.phq9), (Kind::Gad7, &args.gad7)] {
        if let Some(text) = text {
            drafts.push(MeasureDraft {
                items: items(text),
                ..draft(kind)
            });
        }
    }
    if let Some(a1c) = &args.a1c {
        drafts.push(MeasureDraft {
            value: a1c.clone(),
            ..draft(Kind::A1c)
        });
    }
    if let Some(bp) = &args.bp {
        let (systolic, diastolic) = bp.split_once('/').ok_or_else(|| {
            CliError::Usage(format!(
                "--bp \"{}\" needs both numbers as systolic/diastolic, e.g. 150/95. Nothing was saved.",
                bp.trim()
            ))
        })?;
        drafts.push(MeasureDraft {
            systolic: systolic.trim().to_owned(),
            diastolic: diastolic.trim().to_owned(),
            ..draft(Kind::Bp)
        });
    }
    for (kind, text) in [(Kind::Ldl, &args.ldl), (Kind::Weight, &args.weight)] {
        if let Some(text) = text {
            drafts.push(MeasureDraft {
                value: text.clone(),
                ..draft(kind)
            });
        }
    }
    if drafts.is_empty() {
        return Err(CliError::Usage(
            "Give at least one measure: --phq9, --gad7, --a1c, --bp, --ldl or --weight.".into(),
        ));
    }
    let saved =
        measures::record_many(store, &patient.id, &drafts).map_err(crate::args::nothing_saved)?;
    for m in &saved {
        say!(
            "{} {}: {} on {}",
            patient.mrn,
            m.kind_label,
            m.display,
            m.taken_on
        );
        // On stderr: the values were saved (stdout says so), and a script reading stdout
        // keeps its lines; the coordinator at the terminal still sees it.
        for warning in &m.warnings {
            eprintln!("Warning: {warning}");
        }
        if let Some(item9) = m
            .items
            .as_deref()
            .filter(|_| m.kind == Kind::Phq9)
            .and_then(measures::scores::item9)
            .filter(|v| *v > 0)
        {
            say!(
                "Safety flag raised: PHQ-9 item 9 (thoughts of self-harm) is {item9}. \
                 Follow up today and acknowledge the flag with the action taken."
            );
        }
    }
    Ok(())
}
