//! `caseload contacts add|list`: the outreach log.

use caseload::outreach::{self, ContactDraft};
use caseload::{Store, patients};
use clap::{Args, Subcommand};

use crate::error::CliResult;
use crate::output::{Format, Table};

#[derive(Subcommand)]
pub enum ContactsCommand {
    /// Log a contact attempt (saved in one step, or not at all)
    Add(Box<AddArgs>),
    /// A patient's contacts, newest first
    List(ListArgs),
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long)]
    mrn: String,
    /// phone, text, letter, in-person, home-visit, video, hospital-visit, portal
    #[arg(long)]
    channel: String,
    /// reached, voicemail, no-answer, wrong-number, declined, letter-sent [default for a letter: letter-sent]
    #[arg(long, default_value = "")]
    outcome: String,
    /// When, "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, default_value = "")]
    at: String,
    /// outbound or inbound [default: outbound]
    #[arg(long, default_value = "")]
    direction: String,
    /// patient, family, pcp, clinician, agency [default: patient]
    #[arg(long = "with", default_value = "")]
    with_whom: String,
    /// Duration in minutes
    #[arg(long, default_value = "")]
    minutes: String,
    /// Topics, comma-separated: symptoms, medication, behavioral-activation, goals, social-needs, safety-plan
    #[arg(long, default_value = "")]
    topics: String,
    /// The next contact date, YYYY-MM-DD [default: from the program's cadence]
    #[arg(long, default_value = "")]
    next: String,
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Args)]
pub struct ListArgs {
    #[arg(long)]
    mrn: String,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(store: &mut Store, command: ContactsCommand) -> CliResult {
    match command {
        ContactsCommand::Add(args) => add(store, args),
        ContactsCommand::List(args) => list(store, args),
    }
}

fn add(store: &mut Store, args: Box<AddArgs>) -> CliResult {
    let patient = store.read(|r| patients::require_by_mrn(r, &args.mrn))?;
    let draft = ContactDraft {
        patient_id: patient.id.clone(),
        at: args.at,
        channel: args.channel,
        direction: args.direction,
        with_whom: args.with_whom,
        outcome: args.outcome,
        minutes: args.minutes,
        topics: args.topics.split(',').map(str::to_owned).collect(),
        note: args.note,
        next_on: args.next,
    };
    let c = outreach::add(store, &draft).map_err(crate::args::nothing_saved)?;
    let next = store.read(|r| outreach::load(r, Some(std::slice::from_ref(&patient.id))))?;
    say!(
        "{} {}: {} with {}, {} ({}).",
        patient.mrn,
        c.at,
        c.channel_label,
        c.with_label.to_lowercase(),
        c.outcome_label.to_lowercase(),
        c.direction.label().to_lowercase()
    );
    if let Some(due) = next.get(&patient.id).and_then(|o| o.outreach.next_due) {
        say!("Next contact due {due}.");
    }
    Ok(())
}

fn list(store: &Store, args: ListArgs) -> CliResult {
    let (patient, contacts) = store.read(|r| {
        let patient = patients::require_by_mrn(r, &args.mrn)?;
        let contacts = outreach::for_patient(r, &patient.id, false)?;
        Ok((patient, contacts))
    })?;
    let table = Table {
        header: vec![
            "mrn",
            "at",
            "channel",
            "direction",
            "with",
            "outcome",
            "minutes",
            "topics",
            "next_on",
            "note",
        ],
        rows: contacts
            .iter()
            .map(|c| {
                vec![
                    patient.mrn.clone(),
                    c.at.clone(),
                    c.channel.as_str().to_owned(),
                    c.direction.as_str().to_owned(),
                    c.with_whom.as_str().to_owned(),
                    c.outcome.as_str().to_owned(),
                    c.minutes.map(|m| m.to_string()).unwrap_or_default(),
                    c.topics
                        .iter()
                        .map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(","),
                    c.next_on.clone().unwrap_or_default(),
                    c.note.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    };
    table.print(args.format, &contacts)
}
