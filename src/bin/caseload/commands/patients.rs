//! `caseload patients add|list|show|history|remove`.

use caseload::Store;
use caseload::enrollment;
use caseload::pages::{self, CaseloadQuery, CaseloadSort};
use caseload::patients::{self, PatientDraft};
use clap::{Args, Subcommand, ValueEnum};

use crate::error::CliResult;
use crate::output::{Format, Table, patient_cells, patient_header};

#[derive(Subcommand)]
pub enum PatientsCommand {
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
        /// Rows per page, 1 to 500
        #[arg(long, default_value_t = 100, allow_negative_numbers = true)]
        limit: i64,
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
pub enum SortArg {
    Name,
    Activity,
    /// Safety flags first, then not improving, then overdue
    Attention,
    /// The next contact due first
    NextDue,
}

#[derive(Args)]
pub struct AddArgs {
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

pub fn run(store: &mut Store, command: PatientsCommand) -> CliResult {
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
            let patient = patients::add(store, &draft)?;
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
            let limit = crate::args::limit(limit, pages::caseload::MAX_PAGE)?;
            let query = CaseloadQuery {
                text: search,
                status,
                program,
                flag,
                sort: match sort {
                    SortArg::Name => CaseloadSort::Name,
                    SortArg::Activity => CaseloadSort::LastActivity,
                    SortArg::Attention => CaseloadSort::NeedsAttention,
                    SortArg::NextDue => CaseloadSort::NextDue,
                },
                offset,
                limit,
            };
            let page = store.read(|r| pages::caseload::list(r, &query))?;
            let table = Table {
                header: patient_header(&[
                    "programs",
                    "weeks",
                    "phq9",
                    "flags",
                    "last_activity",
                    "last_reached",
                    "next_due",
                ]),
                rows: page
                    .rows
                    .iter()
                    .map(|r| {
                        patient_cells(
                            &r.patient,
                            [
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
                                day_text(r.outreach.last_reached_on),
                                day_text(r.outreach.next_due),
                            ],
                        )
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
            let (patient, episodes) = store.read(|r| {
                let patient = patients::require_by_mrn(r, &mrn)?;
                let episodes = enrollment::for_patient(r, &patient.id)?;
                Ok((patient, episodes))
            })?;
            caseload::audit::record_view(store, &patient.id)?;
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
            let patient = store.read(|r| patients::require_by_mrn(r, &mrn))?;
            patients::remove(store, &patient.id, &reason)?;
            say!("Removed MRN {} from the caseload.", patient.mrn);
            Ok(())
        }
        PatientsCommand::History { mrn } => {
            let (patient_id, history) = store.read(|r| {
                let patient = patients::require_by_mrn(r, &mrn)?;
                Ok((patient.id.clone(), patients::history(r, &patient.id)?))
            })?;
            caseload::audit::record_view(store, &patient_id)?;
            for entry in history {
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

fn day_text(day: Option<jiff::civil::Date>) -> String {
    day.map(|d| d.to_string()).unwrap_or_default()
}
