//! `caseload schedule import|presets|preset-save|list`: the clinic's appointment
//! schedule, imported from the EHR's CSV exports through a column mapping (a preset).

use std::path::PathBuf;

use caseload::schedule::{self, Appointment, ImportOptions, ImportReport, Mapping, Preset};
use caseload::{Store, patients};
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::error::{CliError, CliResult};
use crate::output::{Format, Table};

#[derive(Subcommand)]
pub enum ScheduleCommand {
    /// Import an appointment schedule export (CSV); each day in it replaces that day
    Import(ImportArgs),
    /// The column mappings: built-in and saved
    Presets(FormatArgs),
    /// Save a column mapping under a name (saving again under the name updates it)
    PresetSave(PresetSaveArgs),
    /// The appointments of a day, by time
    List(ListArgs),
}

#[derive(Args)]
pub struct ImportArgs {
    /// The CSV file
    file: PathBuf,
    /// Which columns hold what: synthea, appointments, or a saved preset's name
    #[arg(long)]
    preset: String,
    /// Report what would change, unmatched MRNs and every bad row; write nothing
    #[arg(long)]
    dry_run: bool,
    /// Import the good rows and leave the bad ones out (else bad rows stop the import)
    #[arg(long)]
    skip_bad_rows: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Args)]
pub struct FormatArgs {
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Args)]
pub struct PresetSaveArgs {
    /// The preset's name
    name: String,
    /// The column holding the appointment's date (or date and time)
    #[arg(long)]
    date: String,
    /// The column holding the patient's MRN
    #[arg(long)]
    mrn: String,
    /// The column holding the time (may be the date's column, for a datetime)
    #[arg(long)]
    time: Option<String>,
    #[arg(long)]
    patient_name: Option<String>,
    #[arg(long)]
    provider: Option<String>,
    #[arg(long)]
    visit_type: Option<String>,
    #[arg(long)]
    department: Option<String>,
    /// The column holding the status (cancelled and no-show rows are not coming in)
    #[arg(long)]
    status: Option<String>,
}

#[derive(Args)]
pub struct ListArgs {
    /// The day, YYYY-MM-DD [default: today]
    #[arg(long, default_value = "")]
    date: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(store: &mut Store, command: ScheduleCommand) -> CliResult {
    match command {
        ScheduleCommand::Import(args) => import(store, args),
        ScheduleCommand::Presets(args) => presets(store, args),
        ScheduleCommand::PresetSave(args) => preset_save(store, args),
        ScheduleCommand::List(args) => list(store, args),
    }
}

fn import(store: &mut Store, args: ImportArgs) -> CliResult {
    let preset = store.read(|r| schedule::preset(r, &args.preset))?;
    let options = ImportOptions {
        mapping: preset.mapping,
        preset: Some(preset.name),
        skip_bad_rows: args.skip_bad_rows,
    };
    let report = if args.dry_run {
        schedule::preview(store, &args.file, &options)?
    } else {
        match schedule::apply(store, &args.file, &options) {
            Ok(report) => report,
            Err(caseload::Error::Invalid(fields))
                if fields.iter().any(|f| f.field == "skip_bad_rows") =>
            {
                // Show every bad row, then refuse.
                let report = schedule::preview(store, &args.file, &options)?;
                print_report(&report, false, args.format)?;
                return Err(CliError::Coded(
                    caseload::ErrorCode::InvalidInput,
                    format!(
                        "{}; nothing was imported. Fix them, or run again with --skip-bad-rows.",
                        count(report.bad_rows.len(), "bad row")
                    ),
                ));
            }
            Err(e) => return Err(e.into()),
        }
    };
    print_report(&report, !args.dry_run, args.format)?;
    if args.dry_run && !report.bad_rows.is_empty() {
        return Err(CliError::Coded(
            caseload::ErrorCode::InvalidInput,
            format!(
                "{} (listed above); nothing was written (dry run).",
                count(report.bad_rows.len(), "bad row")
            ),
        ));
    }
    Ok(())
}

/// "1 row", "2 rows".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn print_report(report: &ImportReport, applied: bool, format: Format) -> CliResult {
    if let Format::Json = format {
        return Table {
            header: vec![],
            rows: vec![],
        }
        .print(Format::Json, report);
    }
    let verb = match (applied, report.changed) {
        (false, _) => "Dry run of",
        (true, true) => "Imported",
        (true, false) => "Nothing to change from",
    };
    say!(
        "{verb} {}: {}, {} ({} of patients on the caseload, {} unmatched), {}.",
        report.file_name,
        count(report.rows, "row"),
        count(report.appointments, "appointment"),
        report.matched,
        report.unmatched.len(),
        count(report.bad_rows.len(), "bad row")
    );
    let table = Table {
        header: vec!["day", "added", "removed", "unchanged"],
        rows: report
            .days
            .iter()
            .map(|d| {
                vec![
                    d.day.to_string(),
                    d.added.to_string(),
                    d.removed.to_string(),
                    d.unchanged.to_string(),
                ]
            })
            .collect(),
    };
    table.print(format, &report.days)?;
    for u in &report.unmatched {
        say!(
            "unmatched: line {}, MRN {}{} on {}{}: not on the caseload, not imported.",
            u.line,
            u.mrn,
            u.name
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default(),
            u.day,
            u.time
                .as_deref()
                .map(|t| format!(" at {t}"))
                .unwrap_or_default()
        );
    }
    for b in &report.bad_rows {
        say!("bad row: {b}");
    }
    Ok(())
}

fn mapping_text(mapping: &Mapping) -> String {
    mapping
        .columns()
        .iter()
        .map(|(field, column)| format!("{field}={column}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn presets_table(list: &[Preset]) -> Table {
    Table {
        header: vec!["name", "kind", "mapping"],
        rows: list
            .iter()
            .map(|p| {
                vec![
                    p.name.clone(),
                    if p.builtin { "built-in" } else { "saved" }.to_owned(),
                    mapping_text(&p.mapping),
                ]
            })
            .collect(),
    }
}

fn presets(store: &Store, args: FormatArgs) -> CliResult {
    let list = store.read(schedule::presets)?;
    presets_table(&list).print(args.format, &list)
}

fn preset_save(store: &mut Store, args: PresetSaveArgs) -> CliResult {
    let mapping = Mapping {
        date: args.date,
        time: args.time,
        mrn: args.mrn,
        patient_name: args.patient_name,
        provider: args.provider,
        visit_type: args.visit_type,
        department: args.department,
        status: args.status,
    };
    let saved =
        schedule::save_preset(store, &args.name, &mapping).map_err(crate::args::nothing_saved)?;
    say!(
        "Saved preset {}: {}.",
        saved.name,
        mapping_text(&saved.mapping)
    );
    Ok(())
}

/// One line of `schedule list --format json`: the appointment and who it is.
#[derive(Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    appointment: &'a Appointment,
    mrn: &'a str,
    last_name: &'a str,
    first_name: &'a str,
}

fn list(store: &Store, args: ListArgs) -> CliResult {
    let day = crate::args::day("date", &args.date)?.unwrap_or_else(|| store.today());
    let (appointments, who) = store.read_on(day, |r| {
        let appointments = schedule::for_day(r, day)?;
        let ids: Vec<String> = appointments.iter().map(|a| a.patient_id.clone()).collect();
        Ok((appointments, patients::refs(r, &ids)?))
    })?;
    let lines: Vec<Line<'_>> = appointments
        .iter()
        .filter_map(|a| {
            let p = who.get(&a.patient_id)?;
            Some(Line {
                appointment: a,
                mrn: &p.mrn,
                last_name: &p.last_name,
                first_name: &p.first_name,
            })
        })
        .collect();
    let table = Table {
        header: vec![
            "time",
            "mrn",
            "last_name",
            "first_name",
            "provider",
            "visit_type",
            "department",
        ],
        rows: lines
            .iter()
            .map(|l| {
                let a = l.appointment;
                vec![
                    a.time.clone().unwrap_or_default(),
                    l.mrn.to_owned(),
                    l.last_name.to_owned(),
                    l.first_name.to_owned(),
                    a.provider.clone().unwrap_or_default(),
                    a.visit_type.clone().unwrap_or_default(),
                    a.department.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    };
    table.print(args.format, &lines)?;
    if matches!(args.format, Format::Table) && lines.is_empty() {
        say!("(No appointments on {day}.)");
    }
    Ok(())
}
