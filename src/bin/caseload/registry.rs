//! `caseload measures add` (several measures from one visit, saved together or not at
//! all) and `caseload screen` (who is eligible for a program and not yet enrolled, or
//! one patient's criteria one by one).

use clap::{Args, Subcommand};
use serde::Serialize;

use caseload::Store;
use caseload::measures::{self, MeasureDraft};
use caseload::patients;
use caseload::screening::{self, Eligible, Node};

use crate::output::{Format, Table};

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

#[derive(Args)]
pub struct ScreenArgs {
    /// Program code, e.g. compass
    #[arg(long)]
    program: String,
    /// Screen one patient instead, showing every criterion: met, not met or no recent data
    #[arg(long)]
    mrn: Option<String>,
    /// The day to screen on, YYYY-MM-DD [default: today]
    #[arg(long, default_value = "")]
    as_of: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn measures_command(store: &mut Store, command: MeasuresCommand) -> Result<(), String> {
    let MeasuresCommand::Add(args) = command;
    let patient = patients::require_by_mrn(store.conn(), &args.mrn).map_err(|e| e.to_string())?;
    let taken_on = match args.date.trim() {
        "" => caseload::dates::today().to_string(),
        text => text.to_owned(),
    };
    let draft = |kind: &str| MeasureDraft {
        patient_id: patient.id.clone(),
        kind: kind.to_owned(),
        taken_on: taken_on.clone(),
        note: args.note.clone(),
        ..MeasureDraft::default()
    };
    let items = |text: &str| text.split(',').map(|i| i.trim().to_owned()).collect();
    let mut drafts = Vec::new();
    for (kind, text) in [("phq9", &args.phq9), ("gad7", &args.gad7)] {
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
            ..draft("a1c")
        });
    }
    if let Some(bp) = &args.bp {
        let (systolic, diastolic) = bp.split_once('/').ok_or_else(|| {
            format!(
                "--bp \"{}\" needs both numbers as systolic/diastolic, e.g. 150/95. Nothing was saved.",
                bp.trim()
            )
        })?;
        drafts.push(MeasureDraft {
            systolic: systolic.trim().to_owned(),
            diastolic: diastolic.trim().to_owned(),
            ..draft("bp")
        });
    }
    for (kind, text) in [("ldl", &args.ldl), ("weight", &args.weight)] {
        if let Some(text) = text {
            drafts.push(MeasureDraft {
                value: text.clone(),
                ..draft(kind)
            });
        }
    }
    if drafts.is_empty() {
        return Err(
            "Give at least one measure: --phq9, --gad7, --a1c, --bp, --ldl or --weight.".into(),
        );
    }
    let saved = measures::record_many(store, &patient.id, &drafts).map_err(|e| match e {
        caseload::Error::Invalid(_) => format!("{e} Nothing was saved."),
        other => other.to_string(),
    })?;
    for m in &saved {
        say!(
            "{} {}: {} on {}",
            patient.mrn,
            m.kind_label,
            m.display,
            m.taken_on
        );
        if let Some(item9) = m
            .items
            .as_deref()
            .filter(|_| m.kind == measures::Kind::Phq9)
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

/// What `screen --format json` prints for "screen all".
#[derive(Serialize)]
struct ScreenAllJson<'a> {
    program: &'a str,
    program_name: &'a str,
    as_of: String,
    count: usize,
    patients: &'a [Eligible],
}

pub fn screen_command(store: &mut Store, args: ScreenArgs) -> Result<(), String> {
    let as_of = match args.as_of.trim() {
        "" => caseload::dates::today(),
        text => caseload::dates::parse(text)
            .ok_or_else(|| format!("--as-of \"{text}\" is not a date; use YYYY-MM-DD."))?,
    };
    if let Some(mrn) = &args.mrn {
        return screen_one(store, mrn, &args, as_of);
    }
    let program = caseload::programs::find(store.conn(), &args.program)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| {
            format!(
                "There is no program \"{}\"; `caseload programs` lists them.",
                args.program.trim()
            )
        })?;
    let eligible = store
        .snapshot(|conn| screening::screen_all(conn, &program.code, as_of))
        .map_err(|e| e.to_string())?;
    let number = |v: Option<f64>| v.map(measures::number).unwrap_or_default();
    let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let table = Table {
        header: vec![
            "mrn",
            "last_name",
            "first_name",
            "birth_date",
            "age",
            "phq9",
            "phq9_date",
            "a1c",
            "a1c_date",
            "sbp",
            "dbp",
            "bp_date",
            "ldl",
            "ldl_date",
        ],
        rows: eligible
            .iter()
            .map(|p| {
                vec![
                    p.mrn.clone(),
                    p.last_name.clone(),
                    p.first_name.clone(),
                    p.birth_date.clone(),
                    p.age.to_string(),
                    number(p.phq9),
                    date(p.phq9_date),
                    number(p.a1c),
                    date(p.a1c_date),
                    number(p.sbp),
                    number(p.dbp),
                    date(p.bp_date),
                    number(p.ldl),
                    date(p.ldl_date),
                ]
            })
            .collect(),
    };
    let json = ScreenAllJson {
        program: &program.code,
        program_name: &program.name,
        as_of: as_of.to_string(),
        count: eligible.len(),
        patients: &eligible,
    };
    table.print(args.format, &json)?;
    if matches!(args.format, Format::Table) {
        eprintln!(
            "({} {} not enrolled in {} {} its criteria on {as_of}.)",
            eligible.len(),
            if eligible.len() == 1 {
                "patient"
            } else {
                "patients"
            },
            program.name,
            if eligible.len() == 1 { "meets" } else { "meet" },
        );
    }
    Ok(())
}

fn screen_one(
    store: &mut Store,
    mrn: &str,
    args: &ScreenArgs,
    as_of: jiff::civil::Date,
) -> Result<(), String> {
    let patient = patients::require_by_mrn(store.conn(), mrn).map_err(|e| e.to_string())?;
    let result = store
        .snapshot(|conn| screening::screen_patient(conn, &patient.id, &args.program, as_of))
        .map_err(|e| e.to_string())?;
    let mut rows = Vec::new();
    flatten(&result.criteria, 0, &mut rows);
    match args.format {
        Format::Table => {
            say!(
                "{}, {} (MRN {}): {} {} on {}{}",
                patient.last_name,
                patient.first_name,
                patient.mrn,
                result.program_name,
                result.outcome.label().to_lowercase(),
                result.as_of,
                result
                    .open_status
                    .as_deref()
                    .map(|s| format!(" (open episode: {s})"))
                    .unwrap_or_default()
            );
            for (depth, node) in rows {
                let detail = node
                    .detail
                    .as_deref()
                    .map(|d| format!(" — {d}"))
                    .unwrap_or_default();
                say!(
                    "{}{} {}{detail}",
                    "  ".repeat(depth),
                    node.outcome.mark(),
                    node.text
                );
            }
            Ok(())
        }
        Format::Csv | Format::Json => {
            let table = Table {
                header: vec![
                    "depth",
                    "criterion",
                    "outcome",
                    "value",
                    "taken_on",
                    "within_window",
                    "detail",
                ],
                rows: rows
                    .iter()
                    .map(|(depth, node)| {
                        let evidence = node.evidence;
                        vec![
                            depth.to_string(),
                            node.text.clone(),
                            node.outcome.label().to_owned(),
                            evidence
                                .map(|e| measures::number(e.value))
                                .unwrap_or_default(),
                            evidence
                                .and_then(|e| e.taken_on)
                                .map(|d| d.to_string())
                                .unwrap_or_default(),
                            evidence
                                .map(|e| e.within_window.to_string())
                                .unwrap_or_default(),
                            node.detail.clone().unwrap_or_default(),
                        ]
                    })
                    .collect(),
            };
            table.print(args.format, &result)
        }
    }
}

/// The tree as (depth, node) rows, parents before their children.
fn flatten<'a>(node: &'a Node, depth: usize, out: &mut Vec<(usize, &'a Node)>) {
    out.push((depth, node));
    for child in &node.children {
        flatten(child, depth + 1, out);
    }
}
