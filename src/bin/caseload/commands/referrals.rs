//! `caseload refer`, `caseload referrals list|move` and `caseload needs add|list`:
//! social needs and closed-loop referrals.

use caseload::referrals::{self, Move, Referral, ReferralDraft};
use caseload::social_needs::{self, NeedCategory, NeedDraft};
use caseload::{Store, patients};
use clap::{Args, Subcommand};

use crate::error::CliResult;
use crate::output::{Format, Table, patient_cells, patient_header};

#[derive(Args)]
pub struct ReferArgs {
    #[arg(long)]
    mrn: String,
    /// The service's id (see `caseload resources search`)
    #[arg(long)]
    service: String,
    /// The need it addresses: a Gravity SDOH category (food-insecurity, housing-instability, ...)
    #[arg(long, default_value = "")]
    need: String,
    /// routine, soon or urgent
    #[arg(long, default_value = "routine")]
    urgency: String,
    #[arg(long, default_value = "")]
    note: String,
    /// The patient agreed to share their information with the service
    #[arg(long)]
    consent: bool,
    /// Record it as a suggestion the patient has not yet taken up
    #[arg(long)]
    suggest: bool,
    /// Why the patient is referred to a stale service without verifying it first
    #[arg(long, default_value = "")]
    stale_reason: String,
    /// Follow up on this day [default: the setting's number of days from today]
    #[arg(long, default_value = "")]
    follow_up: String,
}

#[derive(Subcommand)]
pub enum ReferralsCommand {
    /// Referrals: one patient's, the open ones, or those due for follow-up
    List(ListArgs),
    /// Move a referral: contacted, connected, could-not-connect (with --reason)
    Move(MoveArgs),
}

#[derive(Args)]
pub struct ListArgs {
    /// Only open referrals whose follow-up date has come
    #[arg(long)]
    due: bool,
    #[arg(long)]
    mrn: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Args)]
pub struct MoveArgs {
    /// The referral's id
    id: String,
    /// referred, contacted, connected or could-not-connect
    #[arg(long)]
    to: String,
    /// The day it happened [default: today]
    #[arg(long, default_value = "")]
    on: String,
    /// Why it could not connect: no-capacity, not-eligible, patient-declined, no-response, other
    #[arg(long, default_value = "")]
    reason: String,
    #[arg(long, default_value = "")]
    note: String,
    /// Next follow-up day while still open [default: the setting's number of days later]
    #[arg(long, default_value = "")]
    follow_up: String,
}

#[derive(Subcommand)]
pub enum NeedsCommand {
    /// Record a social need (a Gravity SDOH category)
    Add(NeedArgs),
    /// A patient's social needs
    List(NeedListArgs),
}

#[derive(Args)]
pub struct NeedArgs {
    #[arg(long)]
    mrn: String,
    /// food-insecurity, housing-instability, transportation-insecurity, ...
    #[arg(long)]
    category: String,
    /// identified, being-addressed, resolved or declined
    #[arg(long, default_value = "identified")]
    status: String,
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Args)]
pub struct NeedListArgs {
    #[arg(long)]
    mrn: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn refer(store: &mut Store, args: ReferArgs) -> CliResult {
    let (patient, needs) = store.read(|r| {
        let patient = patients::require_by_mrn(r, &args.mrn)?;
        let needs = social_needs::for_patient(r, &patient.id)?;
        Ok((patient, needs))
    })?;
    // A need named by category is the patient's open need of that category, when there is one.
    let category = NeedCategory::parse(&args.need);
    let need = category.and_then(|c| needs.iter().find(|n| n.category == c && n.status.is_open()));
    let draft = ReferralDraft {
        patient_id: patient.id.clone(),
        service_id: args.service,
        need_id: need.map(|n| n.id.clone()).unwrap_or_default(),
        need_category: if need.is_some() {
            String::new()
        } else {
            args.need
        },
        urgency: args.urgency,
        note: args.note,
        consent_to_share: args.consent,
        status: if args.suggest {
            "suggested"
        } else {
            "referred"
        }
        .into(),
        stale_reason: args.stale_reason,
        follow_up_on: args.follow_up,
    };
    let referral = referrals::add(store, &draft).map_err(crate::args::nothing_saved)?;
    say!(
        "{} {}: {} to {} ({}); follow up {}. Referral {}.",
        patient.mrn,
        patient.last_name,
        referral.status_label,
        referral.service_name,
        referral.organization_name,
        referral
            .follow_up_on
            .map(|d| d.to_string())
            .unwrap_or_default(),
        referral.id
    );
    Ok(())
}

pub fn run(store: &mut Store, command: ReferralsCommand) -> CliResult {
    match command {
        ReferralsCommand::List(args) => list(store, args),
        ReferralsCommand::Move(args) => move_one(store, args),
    }
}

fn list(store: &Store, args: ListArgs) -> CliResult {
    let list: Vec<Referral> = store.read(|r| match (&args.mrn, args.due) {
        (Some(mrn), due) => {
            let patient = patients::require_by_mrn(r, mrn)?;
            let all = referrals::for_patient(r, &patient.id)?;
            Ok(if due {
                all.into_iter()
                    .filter(|f| f.follow_up_overdue_days.is_some())
                    .collect()
            } else {
                all
            })
        }
        (None, _) => referrals::due(r),
    })?;
    let table = Table {
        header: patient_header(&[
            "referral_id",
            "service",
            "organization",
            "need",
            "status",
            "referred_on",
            "follow_up_on",
            "overdue_days",
        ]),
        rows: list
            .iter()
            .map(|f| {
                patient_cells(
                    &f.patient,
                    [
                        f.id.clone(),
                        f.service_name.clone(),
                        f.organization_name.clone(),
                        f.need_category.clone().unwrap_or_default(),
                        f.status.as_str().to_owned(),
                        f.referred_on.to_string(),
                        f.follow_up_on.map(|d| d.to_string()).unwrap_or_default(),
                        f.follow_up_overdue_days
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                    ],
                )
            })
            .collect(),
    };
    table.print(args.format, &list)
}

fn move_one(store: &mut Store, args: MoveArgs) -> CliResult {
    let mv = Move {
        status: args.to,
        on: args.on,
        reason: args.reason,
        note: args.note,
        follow_up_on: args.follow_up,
    };
    let f = referrals::move_to(store, &args.id, &mv).map_err(crate::args::nothing_saved)?;
    let outcome = f
        .outcome_label
        .map(|o| format!(" ({})", o.to_lowercase()))
        .unwrap_or_default();
    match f.follow_up_on {
        Some(d) => say!(
            "{} to {}: {}{outcome}; follow up {d}.",
            f.patient.mrn,
            f.service_name,
            f.status_label
        ),
        None => say!(
            "{} to {}: {}{outcome}; the loop is closed.",
            f.patient.mrn,
            f.service_name,
            f.status_label
        ),
    }
    Ok(())
}

pub fn needs(store: &mut Store, command: NeedsCommand) -> CliResult {
    match command {
        NeedsCommand::Add(args) => {
            let patient = store.read(|r| patients::require_by_mrn(r, &args.mrn))?;
            let draft = NeedDraft {
                patient_id: patient.id.clone(),
                category: args.category,
                status: args.status,
                note: args.note,
            };
            let need = social_needs::add(store, &draft).map_err(crate::args::nothing_saved)?;
            say!(
                "{} {}: {} ({}). Need {}.",
                patient.mrn,
                patient.last_name,
                need.category_label,
                need.status_label.to_lowercase(),
                need.id
            );
            Ok(())
        }
        NeedsCommand::List(args) => {
            let list = store.read(|r| {
                let patient = patients::require_by_mrn(r, &args.mrn)?;
                social_needs::for_patient(r, &patient.id)
            })?;
            let table = Table {
                header: vec![
                    "id",
                    "category",
                    "status",
                    "identified_on",
                    "open_referrals",
                    "note",
                ],
                rows: list
                    .iter()
                    .map(|n| {
                        vec![
                            n.id.clone(),
                            n.category.as_str().to_owned(),
                            n.status.as_str().to_owned(),
                            n.identified_on.to_string(),
                            n.open_referrals.to_string(),
                            n.note.clone().unwrap_or_default(),
                        ]
                    })
                    .collect(),
            };
            table.print(args.format, &list)
        }
    }
}
