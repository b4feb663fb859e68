//! `caseload enroll` and `caseload transition`: starting and moving enrollment episodes.

use caseload::enrollment::{self, StartEnrollment, Transition};
use caseload::{ErrorCode, Store, patients};
use clap::Args;

use crate::error::{CliError, CliResult};

#[derive(Args)]
pub struct EnrollArgs {
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
pub struct TransitionArgs {
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

pub fn enroll(store: &mut Store, args: EnrollArgs) -> CliResult {
    let patient = store.read(|r| patients::require_by_mrn(r, &args.mrn))?;
    let episode = enrollment::start(
        store,
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
    )?;
    print_episode(&args.mrn, &episode)
}

pub fn transition(store: &mut Store, args: TransitionArgs) -> CliResult {
    let open = store.read(|r| {
        let patient = patients::require_by_mrn(r, &args.mrn)?;
        enrollment::open_in_program(r, &patient.id, args.program.trim())
    })?;
    let open = open.ok_or_else(|| {
        CliError::Coded(
            ErrorCode::NotFound,
            format!(
                "MRN {} has no open {} episode.",
                args.mrn.trim(),
                args.program.trim()
            ),
        )
    })?;
    let episode = enrollment::transition(
        store,
        &Transition {
            enrollment_id: open.id,
            to: args.to,
            on: args.date,
            reason: args.reason,
            note: args.note,
            consent_on: args.consent_date,
        },
    )?;
    print_episode(&args.mrn, &episode)
}

/// The one-line confirmation after an enrollment change: `MRN PROGRAM: Status`.
fn print_episode(mrn: &str, episode: &enrollment::Enrollment) -> CliResult {
    say!(
        "{} {}: {}",
        mrn.trim(),
        episode.program_name,
        episode.status_label
    );
    Ok(())
}
