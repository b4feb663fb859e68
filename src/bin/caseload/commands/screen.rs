//! `caseload screen`: who is eligible for a program and not yet enrolled, or one
//! patient's criteria one by one.

use caseload::measures;
use caseload::patients::{self, Patient};
use caseload::screening::{self, Eligible, Node, Screening};
use caseload::{ErrorCode, Store};
use clap::Args;
use serde::Serialize;

use crate::error::{CliError, CliResult};
use crate::output::{Format, Table, patient_cells, patient_header};

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

/// What `screen --format json` prints for "screen all".
#[derive(Serialize)]
struct ScreenAllJson<'a> {
    program: &'a str,
    program_name: &'a str,
    as_of: String,
    count: usize,
    patients: &'a [Eligible],
}

pub fn run(store: &Store, args: ScreenArgs) -> CliResult {
    let as_of = crate::args::day("as-of", &args.as_of)?;
    // One read for everything printed, on --as-of or today.
    let as_of = as_of.unwrap_or_else(|| store.today());
    if let Some(mrn) = &args.mrn {
        let (patient, result) = store.read_on(as_of, |r| {
            let patient = patients::require_by_mrn(r, mrn)?;
            let result = screening::screen_patient(r, &patient.id, &args.program)?;
            Ok((patient, result))
        })?;
        return screen_one(&patient, &result, &args);
    }
    let found = store.read_on(as_of, |r| {
        match caseload::programs::find(r, &args.program)? {
            Some(program) => Ok(Some((screening::screen_all(r, &program.code)?, program))),
            None => Ok(None),
        }
    })?;
    let Some((eligible, program)) = found else {
        return Err(CliError::Coded(
            ErrorCode::NotFound,
            format!(
                "There is no program \"{}\"; `caseload programs` lists them.",
                args.program.trim()
            ),
        ));
    };
    let number = |v: Option<f64>| v.map(measures::number).unwrap_or_default();
    let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let table = Table {
        header: patient_header(&[
            "phq9",
            "phq9_date",
            "a1c",
            "a1c_date",
            "sbp",
            "dbp",
            "bp_date",
            "ldl",
            "ldl_date",
        ]),
        rows: eligible
            .iter()
            .map(|p| {
                patient_cells(
                    &p.patient,
                    [
                        number(p.phq9),
                        date(p.phq9_date),
                        number(p.a1c),
                        date(p.a1c_date),
                        number(p.sbp),
                        number(p.dbp),
                        date(p.bp_date),
                        number(p.ldl),
                        date(p.ldl_date),
                    ],
                )
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

fn screen_one(patient: &Patient, result: &Screening, args: &ScreenArgs) -> CliResult {
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
            table.print(args.format, result)
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
