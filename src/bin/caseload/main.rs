//! `caseload`: the caseload store from the command line, for scripting, demos and
//! benchmarks. It uses the same core as the desktop app and never links the desktop stack.
//!
//! This file only parses and dispatches: each command group lives in `commands/` with
//! its arguments and its run function, and every failure is a [`CliError`] whose exit
//! code keeps the core's error code (README, "Exit codes").

/// Prints a line to stdout; a closed pipe (`caseload … | head`) ends the command
/// quietly instead of panicking, like any well-behaved Unix tool.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::output::say(format_args!($($arg)*))?
    };
}

mod args;
mod commands;
mod error;
mod output;
mod passphrase;
mod store;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use commands::backup;
use commands::{
    audit, careplan, contacts, demo, enrollment, export, init, measures, patients, print, programs,
    referrals, resources, schedule, screen, today, transitions, worklist,
};
use error::CliResult;

#[derive(Parser)]
#[command(
    name = "caseload",
    version,
    about = "Caseload: registry and worklist for care coordinators"
)]
struct Cli {
    /// Folder holding the caseload store [default: the OS data directory]
    #[arg(long, global = true, env = caseload::store::DATA_DIR_ENV)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new encrypted caseload store (never overwrites an existing one)
    Init,
    /// Register, list and show patients
    #[command(subcommand)]
    Patients(patients::PatientsCommand),
    /// Start an enrollment episode in a program
    Enroll(enrollment::EnrollArgs),
    /// Move a patient's open episode to another status
    Transition(enrollment::TransitionArgs),
    /// List the programs and their eligibility criteria
    Programs,
    /// Record measures: PHQ-9, GAD-7, HbA1c, blood pressure, LDL, weight
    #[command(subcommand)]
    Measures(measures::MeasuresCommand),
    /// List patients not enrolled in a program who meet its criteria (or screen one patient)
    Screen(screen::ScreenArgs),
    /// Log contact attempts and list a patient's contacts
    #[command(subcommand)]
    Contacts(contacts::ContactsCommand),
    /// Record ED visits and hospital stays (care transitions)
    #[command(subcommand)]
    Transitions(transitions::TransitionsCommand),
    /// Today's worklist: contacts due, discharge follow-ups, letters, safety flags
    Worklist(worklist::WorklistArgs),
    /// Who is coming in on a day (the imported schedule), with prep items per visit
    Today(today::TodayArgs),
    /// Print a huddle sheet, previsit agendas, the case-review agenda, a patient summary,
    /// a referral slip or the patient's "My care plan" as a PDF
    Print(print::PrintArgs),
    /// The community-resource directory: HSDS import and export, search, verification
    #[command(subcommand)]
    Resources(resources::ResourcesCommand),
    /// Refer a patient to a directory service
    Refer(referrals::ReferArgs),
    /// List referrals (due for follow-up, or one patient's) and move them along
    #[command(subcommand)]
    Referrals(referrals::ReferralsCommand),
    /// A patient's social needs (HL7 Gravity SDOH categories)
    #[command(subcommand)]
    Needs(referrals::NeedsCommand),
    /// The clinic's appointment schedule: import EHR exports, column presets, a day's list
    #[command(subcommand)]
    Schedule(schedule::ScheduleCommand),
    /// A patient's care plan: concerns, goals in their words, actions, barriers, notes, team
    #[command(subcommand)]
    Careplan(careplan::CareplanCommand),
    /// Export the caseload in a standard format: HL7 FHIR R4 NDJSON
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// The audit trail: list, export as CSV, verify that no entry was changed or deleted
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Back up the store now: an encrypted copy, verified, then older backups rotated out
    Backup(backup::BackupArgs),
    /// The backups in the backup folder, and the last good backup
    #[command(subcommand)]
    Backups(backup::BackupsCommand),
    /// Put a backup in the store's place (the store there now is kept aside, not deleted)
    Restore(backup::RestoreArgs),
    /// Fill the store with synthetic patients and episodes (creates the store if missing)
    Demo(demo::DemoArgs),
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line, for scripts and people alike; never a patient's data beyond what
            // the user typed on this command line.
            if let Some(message) = error.message() {
                eprintln!("caseload: {message}");
            }
            error.exit_code()
        }
    }
}

fn run(cli: Cli) -> CliResult {
    let dir = match cli.data_dir {
        Some(dir) => dir,
        None => caseload::store::default_data_dir().map_err(caseload::Error::from)?,
    };
    match cli.command {
        Command::Init => init::run(&dir),
        Command::Patients(command) => patients::run(&mut store::open(&dir)?, command),
        Command::Enroll(args) => enrollment::enroll(&mut store::open(&dir)?, args),
        Command::Transition(args) => enrollment::transition(&mut store::open(&dir)?, args),
        Command::Programs => programs::run(&store::open(&dir)?),
        Command::Measures(command) => measures::run(&mut store::open(&dir)?, command),
        Command::Screen(args) => screen::run(&store::open(&dir)?, args),
        Command::Contacts(command) => contacts::run(&mut store::open(&dir)?, command),
        Command::Transitions(command) => transitions::run(&mut store::open(&dir)?, command),
        Command::Worklist(args) => worklist::run(&store::open(&dir)?, args),
        Command::Today(args) => today::run(&store::open(&dir)?, args),
        Command::Print(args) => print::run(&mut store::open(&dir)?, args),
        Command::Resources(command) => resources::run(&mut store::open(&dir)?, command),
        Command::Refer(args) => referrals::refer(&mut store::open(&dir)?, args),
        Command::Referrals(command) => referrals::run(&mut store::open(&dir)?, command),
        Command::Needs(command) => referrals::needs(&mut store::open(&dir)?, command),
        Command::Schedule(command) => schedule::run(&mut store::open(&dir)?, command),
        Command::Careplan(command) => careplan::run(&mut store::open(&dir)?, command),
        Command::Export(command) => export::run(&mut store::open(&dir)?, command),
        Command::Audit(command) => audit::run(&mut store::open(&dir)?, command),
        Command::Backup(args) => backup::run_backup(&mut store::open(&dir)?, args),
        Command::Backups(command) => backup::run(&dir, command),
        Command::Restore(args) => backup::restore(&dir, args),
        Command::Demo(args) => demo::run(&dir, args),
    }
}
