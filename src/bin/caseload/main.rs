//! `caseload`: the caseload store from the command line, for scripting, demos and
//! benchmarks. It uses the same core as the desktop app and never links the desktop stack.

/// Prints a line to stdout; a closed pipe (`caseload … | head`) ends the command
/// quietly instead of panicking, like any well-behaved Unix tool.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::output::say(format_args!($($arg)*))?
    };
}

mod output;
mod passphrase;
mod registry;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use caseload::Store;
use caseload::enrollment::{self, StartEnrollment, Transition};
use caseload::patients::{self, CaseloadQuery, CaseloadSort, PatientDraft};
use output::{Format, Table};

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
    Patients(PatientsCommand),
    /// Start an enrollment episode in a program
    Enroll(EnrollArgs),
    /// Move a patient's open episode to another status
    Transition(TransitionArgs),
    /// List the programs and their eligibility criteria
    Programs,
    /// Record measures: PHQ-9, GAD-7, HbA1c, blood pressure, LDL, weight
    #[command(subcommand)]
    Measures(registry::MeasuresCommand),
    /// List patients not enrolled in a program who meet its criteria (or screen one patient)
    Screen(registry::ScreenArgs),
    /// Fill the store with synthetic patients and episodes (creates the store if missing)
    Demo {
        #[arg(long, default_value_t = 300)]
        patients: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum PatientsCommand {
    /// Register a patient
    Add(Box<AddArgs>),
    /// List the caseload, optionally filtered
    List {
        /// Name, MRN or date of birth; every word must match
        #[arg(long, default_value = "")]
        search: String,
        /// referred, screening, active, relapse-watch, graduated, disenrolled, not-enrolled
        #[arg(long, default_value = "")]
        status: String,
        /// Program code, e.g. compass
        #[arg(long, default_value = "")]
        program: String,
        /// attention, overdue, or a flag: safety, not-improving, discuss, response, ...
        #[arg(long, default_value = "")]
        flag: String,
        #[arg(long, value_enum, default_value_t = SortArg::Name)]
        sort: SortArg,
        /// Rows per page (at most 500)
        #[arg(long, default_value_t = 100)]
        limit: u32,
        /// Skip this many rows (for the next page)
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show one patient with their enrollment episodes
    Show {
        #[arg(long)]
        mrn: String,
    },
    /// Show a patient's change history from the audit trail
    History {
        #[arg(long)]
        mrn: String,
    },
    /// Remove a patient registered in error (kept in the store and audit trail; frees the MRN)
    Remove {
        #[arg(long)]
        mrn: String,
        /// Why, e.g. "duplicate of 100234"
        #[arg(long)]
        reason: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SortArg {
    Name,
    Activity,
    /// Safety flags first, then not improving, then overdue
    Attention,
}

#[derive(Args)]
struct AddArgs {
    #[arg(long)]
    mrn: String,
    #[arg(long)]
    first: String,
    #[arg(long)]
    last: String,
    /// Date of birth, YYYY-MM-DD
    #[arg(long)]
    dob: String,
    /// female, male, other or unknown
    #[arg(long, default_value = "")]
    sex: String,
    #[arg(long, default_value = "")]
    phone: String,
    #[arg(long, default_value = "")]
    address: String,
    #[arg(long, default_value = "")]
    city: String,
    #[arg(long, default_value = "")]
    state: String,
    #[arg(long, default_value = "")]
    postal_code: String,
    #[arg(long, default_value = "")]
    language: String,
    #[arg(long, default_value = "")]
    pcp: String,
    #[arg(long, default_value = "")]
    payer: String,
    #[arg(long, default_value = "")]
    emergency_name: String,
    #[arg(long, default_value = "")]
    emergency_relation: String,
    #[arg(long, default_value = "")]
    emergency_phone: String,
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Args)]
struct EnrollArgs {
    #[arg(long)]
    mrn: String,
    /// Program code, e.g. compass or teamcare
    #[arg(long)]
    program: String,
    /// referred (default), screening or active
    #[arg(long, default_value = "")]
    status: String,
    /// Date of that status, YYYY-MM-DD [default: today]
    #[arg(long, default_value = "")]
    date: String,
    #[arg(long, default_value = "")]
    consent_date: String,
    /// Where the referral came from (PCP, ED, self, ...)
    #[arg(long, default_value = "")]
    source: String,
    #[arg(long, default_value = "")]
    referred_by: String,
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Args)]
struct TransitionArgs {
    #[arg(long)]
    mrn: String,
    #[arg(long)]
    program: String,
    /// The new status
    #[arg(long)]
    to: String,
    #[arg(long, default_value = "")]
    date: String,
    /// When disenrolling: declined, unreachable, moved, deceased, other
    #[arg(long, default_value = "")]
    reason: String,
    #[arg(long, default_value = "")]
    note: String,
    #[arg(long, default_value = "")]
    consent_date: String,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) if message == output::CLOSED_PIPE => ExitCode::SUCCESS,
        Err(message) => {
            // One line, for scripts and people alike; never a patient's data beyond what
            // the user typed on this command line.
            eprintln!("caseload: {}", message.replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let dir = match cli.data_dir {
        Some(dir) => dir,
        None => caseload::store::default_data_dir().map_err(|e| e.to_string())?,
    };
    let open = || -> Result<Store, String> {
        if !Store::exists(&dir) {
            return Err(format!(
                "There is no caseload store in {}. Run `caseload init` first.",
                dir.display()
            ));
        }
        Store::open(&dir, &passphrase::existing()?).map_err(|e| e.to_string())
    };
    match cli.command {
        Command::Init => {
            if Store::exists(&dir) {
                return Err(format!(
                    "A caseload store already exists in {}; it was left untouched.",
                    dir.display()
                ));
            }
            let store = Store::create(&dir, &passphrase::new()?).map_err(|e| e.to_string())?;
            say!(
                "Created an encrypted caseload store at {}",
                store.path().display()
            );
            Ok(())
        }
        Command::Patients(command) => patients_command(&mut open()?, command),
        Command::Enroll(args) => {
            let mut store = open()?;
            let patient =
                patients::require_by_mrn(store.conn(), &args.mrn).map_err(|e| e.to_string())?;
            let episode = enrollment::start(
                &mut store,
                &StartEnrollment {
                    patient_id: patient.id,
                    program: args.program,
                    status: args.status,
                    on: args.date,
                    consent_on: args.consent_date,
                    referral_source: args.source,
                    referred_by: args.referred_by,
                    note: args.note,
                },
            )
            .map_err(|e| e.to_string())?;
            print_episode(&args.mrn, &episode)?;
            Ok(())
        }
        Command::Transition(args) => {
            let mut store = open()?;
            let patient =
                patients::require_by_mrn(store.conn(), &args.mrn).map_err(|e| e.to_string())?;
            let open_episode =
                enrollment::open_in_program(store.conn(), &patient.id, args.program.trim())
                    .map_err(|e| e.to_string())?
                    .ok_or_else(|| {
                        format!(
                            "MRN {} has no open {} episode.",
                            args.mrn.trim(),
                            args.program.trim()
                        )
                    })?;
            let episode = enrollment::transition(
                &mut store,
                &Transition {
                    enrollment_id: open_episode.id,
                    to: args.to,
                    on: args.date,
                    reason: args.reason,
                    note: args.note,
                    consent_on: args.consent_date,
                },
            )
            .map_err(|e| e.to_string())?;
            print_episode(&args.mrn, &episode)?;
            Ok(())
        }
        Command::Measures(command) => registry::measures_command(&mut open()?, command),
        Command::Screen(args) => registry::screen_command(&mut open()?, args),
        Command::Programs => {
            let store = open()?;
            for program in caseload::programs::list(store.conn()).map_err(|e| e.to_string())? {
                say!(
                    "{} ({})\n  {}",
                    program.name,
                    program.code,
                    program.description
                );
                for line in &program.criteria_text {
                    say!("    {line}");
                }
            }
            Ok(())
        }
        Command::Demo { patients, seed } => {
            let mut store = if Store::exists(&dir) {
                open()?
            } else {
                Store::create(&dir, &passphrase::new()?).map_err(|e| e.to_string())?
            };
            let summary =
                caseload::demo::fill(&mut store, patients, seed).map_err(|e| e.to_string())?;
            say!(
                "Added {} demo patients, {} enrollment episodes and {} measures (seed {seed}).",
                summary.patients,
                summary.enrollments,
                summary.measures
            );
            Ok(())
        }
    }
}

/// The one-line confirmation after an enrollment change: `MRN PROGRAM: Status`.
fn print_episode(mrn: &str, episode: &enrollment::Enrollment) -> Result<(), String> {
    say!(
        "{} {}: {}",
        mrn.trim(),
        episode.program_name,
        episode.status_label
    );
    Ok(())
}

fn patients_command(store: &mut Store, command: PatientsCommand) -> Result<(), String> {
    match command {
        PatientsCommand::Add(args) => {
            let draft = PatientDraft {
                mrn: args.mrn,
                first_name: args.first,
                last_name: args.last,
                birth_date: args.dob,
                sex: args.sex,
                phone: args.phone,
                address_line: args.address,
                city: args.city,
                state: args.state,
                postal_code: args.postal_code,
                preferred_language: args.language,
                pcp_name: args.pcp,
                payer: args.payer,
                emergency_contact_name: args.emergency_name,
                emergency_contact_relation: args.emergency_relation,
                emergency_contact_phone: args.emergency_phone,
                note: args.note,
            };
            let patient = patients::add(store, &draft).map_err(|e| e.to_string())?;
            say!(
                "Registered {}, {} (MRN {})",
                patient.last_name,
                patient.first_name,
                patient.mrn
            );
            Ok(())
        }
        PatientsCommand::List {
            search,
            status,
            program,
            flag,
            sort,
            limit,
            offset,
            format,
        } => {
            let query = CaseloadQuery {
                text: search,
                status,
                program,
                flag,
                sort: match sort {
                    SortArg::Name => CaseloadSort::Name,
                    SortArg::Activity => CaseloadSort::LastActivity,
                    SortArg::Attention => CaseloadSort::NeedsAttention,
                },
                offset,
                limit,
            };
            let page = patients::list(store.conn(), &query).map_err(|e| e.to_string())?;
            let table = Table {
                header: vec![
                    "mrn",
                    "last_name",
                    "first_name",
                    "birth_date",
                    "age",
                    "programs",
                    "weeks",
                    "phq9",
                    "flags",
                    "last_activity",
                ],
                rows: page
                    .rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.mrn.clone(),
                            r.last_name.clone(),
                            r.first_name.clone(),
                            r.birth_date.clone(),
                            r.age.to_string(),
                            r.episodes
                                .iter()
                                .map(|e| format!("{}:{}", e.program_code, e.status.as_str()))
                                .collect::<Vec<_>>()
                                .join(" "),
                            r.standing
                                .progress
                                .weeks_in_treatment
                                .map(|w| w.to_string())
                                .unwrap_or_default(),
                            phq9_progress(&r.standing),
                            r.standing
                                .flags
                                .iter()
                                .map(|f| f.kind.as_str())
                                .collect::<Vec<_>>()
                                .join(" "),
                            r.last_activity_at.get(..10).unwrap_or_default().to_owned(),
                        ]
                    })
                    .collect(),
            };
            table.print(format, &page)?;
            let shown_to = u64::from(page.offset) + page.rows.len() as u64;
            if matches!(format, Format::Table) && page.total > shown_to {
                eprintln!(
                    "(rows {}–{shown_to} of {}; next page: --offset {shown_to})",
                    u64::from(page.offset) + 1,
                    page.total
                );
            }
            Ok(())
        }
        PatientsCommand::Show { mrn } => {
            let patient =
                patients::require_by_mrn(store.conn(), &mrn).map_err(|e| e.to_string())?;
            let episodes =
                enrollment::for_patient(store.conn(), &patient.id).map_err(|e| e.to_string())?;
            say!(
                "{}, {}  MRN {}  born {} (age {})",
                patient.last_name,
                patient.first_name,
                patient.mrn,
                patient.birth_date,
                patient.age
            );
            for e in episodes {
                let timeline = e
                    .events
                    .iter()
                    .map(|v| format!("{} {}", v.to_status.as_str(), v.on_date))
                    .collect::<Vec<_>>()
                    .join(" → ");
                say!("  {}: {}  ({timeline})", e.program_name, e.status_label);
            }
            Ok(())
        }
        PatientsCommand::Remove { mrn, reason } => {
            let patient =
                patients::require_by_mrn(store.conn(), &mrn).map_err(|e| e.to_string())?;
            patients::remove(store, &patient.id, &reason).map_err(|e| e.to_string())?;
            say!("Removed MRN {} from the caseload.", patient.mrn);
            Ok(())
        }
        PatientsCommand::History { mrn } => {
            let patient =
                patients::require_by_mrn(store.conn(), &mrn).map_err(|e| e.to_string())?;
            for entry in patients::history(store.conn(), &patient.id).map_err(|e| e.to_string())? {
                let fields = entry
                    .changes
                    .iter()
                    .map(|c| c.field.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                say!(
                    "{}  {}  {} {}  [{fields}]",
                    entry.at,
                    entry.actor,
                    entry.entity,
                    entry.action
                );
            }
            Ok(())
        }
    }
}

/// "16→9 (−44%)" from baseline to latest follow-up, or the latest PHQ-9 alone.
fn phq9_progress(standing: &caseload::flags::Standing) -> String {
    use caseload::measures::number;
    match (
        &standing.progress.baseline,
        &standing.progress.follow_up,
        &standing.latest_phq9,
    ) {
        (Some(b), Some(f), _) => match standing.progress.change_pct {
            Some(pct) => format!("{}→{} ({pct:+.0}%)", number(b.value), number(f.value)),
            None => format!("{}→{}", number(b.value), number(f.value)),
        },
        (_, _, Some(latest)) => number(latest.value),
        _ => String::new(),
    }
}
