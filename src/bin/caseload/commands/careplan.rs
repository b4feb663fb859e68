//! `caseload careplan …`: a patient's care plan — concerns, goals in the patient's
//! words, actions, barriers, progress notes, the care team — its history, and its
//! export as an HL7 FHIR R4 Bundle.
//! Every `add` prints the new item's id alone on stdout (scripts capture it) and a
//! line for people on stderr.

use std::path::PathBuf;

use caseload::care_plans::{
    self, ActionDraft, BarrierDraft, CarePlan, ConcernDraft, GoalDraft, GoalMove, Item,
    MemberDraft, NoteDraft,
};
use caseload::{Store, patients};
use clap::{Args, Subcommand, ValueEnum};

use crate::error::CliResult;

#[derive(Subcommand)]
pub enum CareplanCommand {
    /// Health concerns: medical, behavioural or social (with a Gravity SDOH category)
    #[command(subcommand)]
    Concern(ConcernCommand),
    /// Goals in the patient's own words
    #[command(subcommand)]
    Goal(GoalCommand),
    /// Actions under a goal, with an owner role and a due date
    #[command(subcommand)]
    Action(ActionCommand),
    /// What stands in the way
    #[command(subcommand)]
    Barrier(BarrierCommand),
    /// Dated progress notes
    #[command(subcommand)]
    Note(NoteCommand),
    /// The people who help the patient (not users of the app)
    #[command(subcommand)]
    Team(TeamCommand),
    /// The plan as it stands (or an earlier version with --version)
    Show(ShowArgs),
    /// Every version of the plan, newest first
    History(MrnArgs),
    /// Remove an item (kept in the record with the reason)
    Remove(RemoveArgs),
    /// Write the plan as an HL7 FHIR R4 Bundle (JSON) for the EHR or another tool
    Export(ExportArgs),
}

#[derive(Subcommand)]
pub enum ConcernCommand {
    /// Add a concern; prints its id
    Add(ConcernAddArgs),
    /// Mark a concern resolved
    Resolve(IdArgs),
}

#[derive(Args)]
pub struct ConcernAddArgs {
    #[arg(long)]
    mrn: String,
    #[arg(long)]
    text: String,
    /// medical or behavioural (a concern with --sdoh is social)
    #[arg(long, default_value = "")]
    kind: String,
    /// A Gravity SDOH category: food-insecurity, housing-instability, ...
    #[arg(long, default_value = "")]
    sdoh: String,
}

#[derive(Subcommand)]
pub enum GoalCommand {
    /// Add a goal in the patient's words; prints its id
    Add(GoalAddArgs),
    /// Move a goal through its lifecycle and/or record how it is going
    Set(GoalSetArgs),
}

#[derive(Args)]
pub struct GoalAddArgs {
    #[arg(long)]
    mrn: String,
    /// In the patient's words
    #[arg(long)]
    text: String,
    /// A registry measure: phq9, gad7, a1c, sbp, dbp, ldl, weight
    #[arg(long, default_value = "")]
    measure: String,
    /// The target: "<5", "< 7.5", ">= 30"
    #[arg(long, default_value = "")]
    target: String,
    /// What a number the patient chose counts (without --measure): "minutes walked a day"
    #[arg(long, default_value = "")]
    target_label: String,
    #[arg(long, default_value = "")]
    target_unit: String,
    #[arg(long, default_value = "")]
    due: String,
    /// patient, family or clinician
    #[arg(long, default_value = "patient")]
    by: String,
    /// The concern it answers (its id)
    #[arg(long, default_value = "")]
    concern: String,
    /// proposed, planned, accepted, active (default), on-hold
    #[arg(long, default_value = "")]
    status: String,
}

#[derive(Args)]
pub struct GoalSetArgs {
    /// The goal's id
    id: String,
    /// proposed, planned, accepted, active, on-hold, completed, cancelled
    #[arg(long, default_value = "")]
    status: String,
    /// in-progress, improving, worsening, no-change, achieved, sustaining, not-achieved,
    /// no-progress, not-attainable
    #[arg(long, default_value = "")]
    achievement: String,
}

#[derive(Subcommand)]
pub enum ActionCommand {
    /// Add an action under a goal; prints its id
    Add(ActionAddArgs),
    /// Move an action to another status (completed, in-progress, ...)
    Set(ActionSetArgs),
}

#[derive(Args)]
pub struct ActionAddArgs {
    /// The patient (checked against the goal's)
    #[arg(long)]
    mrn: String,
    /// The goal's id
    #[arg(long)]
    goal: String,
    /// coordinator, pcp, psychiatrist, social-worker, pharmacist, patient or family
    #[arg(long)]
    owner: String,
    #[arg(long)]
    text: String,
    #[arg(long, default_value = "")]
    due: String,
}

#[derive(Args)]
pub struct ActionSetArgs {
    /// The action's id
    id: String,
    /// not-started, scheduled, in-progress, on-hold, completed, cancelled
    #[arg(long)]
    status: String,
}

#[derive(Subcommand)]
pub enum BarrierCommand {
    /// Add a barrier; prints its id
    Add(BarrierAddArgs),
    /// Mark a barrier resolved
    Resolve(IdArgs),
}

#[derive(Args)]
pub struct BarrierAddArgs {
    #[arg(long)]
    mrn: String,
    #[arg(long)]
    text: String,
    /// The goal it stands in the way of (its id)
    #[arg(long, default_value = "")]
    goal: String,
}

#[derive(Subcommand)]
pub enum NoteCommand {
    /// Add a progress note; prints its id
    Add(NoteAddArgs),
}

#[derive(Args)]
pub struct NoteAddArgs {
    #[arg(long)]
    mrn: String,
    #[arg(long)]
    text: String,
    /// The day the note is about [default: today]
    #[arg(long, default_value = "")]
    on: String,
    #[arg(long, default_value = "")]
    goal: String,
}

#[derive(Subcommand)]
pub enum TeamCommand {
    /// Add a care team member; prints their id
    Add(TeamAddArgs),
}

#[derive(Args)]
pub struct TeamAddArgs {
    #[arg(long)]
    mrn: String,
    #[arg(long)]
    name: String,
    /// coordinator, pcp, psychiatrist, social-worker, pharmacist, family, other
    #[arg(long)]
    role: String,
    #[arg(long, default_value = "")]
    phone: String,
    #[arg(long, default_value = "")]
    organisation: String,
}

#[derive(Args)]
pub struct IdArgs {
    id: String,
}

#[derive(Args)]
pub struct MrnArgs {
    #[arg(long)]
    mrn: String,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Args)]
pub struct ShowArgs {
    #[arg(long)]
    mrn: String,
    /// An earlier version (see `careplan history`), printed as kept (JSON)
    #[arg(long)]
    version: Option<i64>,
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    format: ShowFormat,
}

#[derive(Args)]
pub struct RemoveArgs {
    /// concern, goal, action, barrier, note or member
    #[arg(value_enum)]
    item: ItemArg,
    id: String,
    #[arg(long)]
    reason: String,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long)]
    mrn: String,
    /// The file to write [default: careplan-<patient id>.json in the current folder]
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ItemArg {
    Concern,
    Goal,
    Action,
    Barrier,
    Note,
    Member,
}

impl From<ItemArg> for Item {
    fn from(a: ItemArg) -> Item {
        match a {
            ItemArg::Concern => Item::Concern,
            ItemArg::Goal => Item::Goal,
            ItemArg::Action => Item::Action,
            ItemArg::Barrier => Item::Barrier,
            ItemArg::Note => Item::Note,
            ItemArg::Member => Item::Member,
        }
    }
}

pub fn run(store: &mut Store, command: CareplanCommand) -> CliResult {
    use crate::args::nothing_saved;
    match command {
        CareplanCommand::Concern(ConcernCommand::Add(a)) => {
            let patient_id = patient(store, &a.mrn)?;
            let c = care_plans::add_concern(
                store,
                &ConcernDraft {
                    patient_id,
                    kind: a.kind,
                    text: a.text,
                    sdoh: a.sdoh,
                    status: String::new(),
                },
            )
            .map_err(nothing_saved)?;
            added(&c.id, &format!("{} concern added", c.kind.label))
        }
        CareplanCommand::Concern(ConcernCommand::Resolve(a)) => {
            care_plans::resolve_concern(store, &a.id).map_err(nothing_saved)?;
            say!("Concern resolved.");
            Ok(())
        }
        CareplanCommand::Goal(GoalCommand::Add(a)) => {
            let patient_id = patient(store, &a.mrn)?;
            let g = care_plans::add_goal(
                store,
                &GoalDraft {
                    patient_id,
                    concern_id: a.concern,
                    text: a.text,
                    measure: a.measure,
                    target: a.target,
                    target_label: a.target_label,
                    target_unit: a.target_unit,
                    due: a.due,
                    expressed_by: a.by,
                    lifecycle: a.status,
                    achievement: String::new(),
                },
            )
            .map_err(nothing_saved)?;
            let target = g
                .target
                .as_ref()
                .map(|t| format!(" ({})", t.text))
                .unwrap_or_default();
            added(
                &g.id,
                &format!("Goal added{target}, {}", g.lifecycle.label.to_lowercase()),
            )
        }
        CareplanCommand::Goal(GoalCommand::Set(a)) => {
            let g = care_plans::move_goal(
                store,
                &a.id,
                &GoalMove {
                    lifecycle: a.status,
                    achievement: a.achievement,
                },
            )
            .map_err(nothing_saved)?;
            say!(
                "Goal {}{}.",
                g.lifecycle.label.to_lowercase(),
                g.achievement
                    .map(|x| format!(", {}", x.label.to_lowercase()))
                    .unwrap_or_default()
            );
            Ok(())
        }
        CareplanCommand::Action(ActionCommand::Add(a)) => {
            let patient_id = patient(store, &a.mrn)?;
            let goal_patient = store.read(|r| care_plans::goal(r, &a.goal))?.patient_id;
            if goal_patient != patient_id {
                return Err(caseload::Error::invalid(
                    "goal",
                    format!(
                        "That goal is not on the plan of {}. Nothing was saved.",
                        a.mrn
                    ),
                )
                .into());
            }
            let action = care_plans::add_action(
                store,
                &ActionDraft {
                    goal_id: a.goal,
                    text: a.text,
                    owner: a.owner,
                    due: a.due,
                    status: String::new(),
                },
            )
            .map_err(nothing_saved)?;
            let due = action
                .due_on
                .map(|d| format!(", due {d}"))
                .unwrap_or_default();
            added(
                &action.id,
                &format!("Action added for the {}{due}", action.owner.label),
            )
        }
        CareplanCommand::Action(ActionCommand::Set(a)) => {
            let action =
                care_plans::set_action_status(store, &a.id, &a.status).map_err(nothing_saved)?;
            say!("Action {}.", action.status.label.to_lowercase());
            Ok(())
        }
        CareplanCommand::Barrier(BarrierCommand::Add(a)) => {
            let patient_id = patient(store, &a.mrn)?;
            let b = care_plans::add_barrier(
                store,
                &BarrierDraft {
                    patient_id,
                    goal_id: a.goal,
                    text: a.text,
                },
            )
            .map_err(nothing_saved)?;
            added(&b.id, "Barrier added")
        }
        CareplanCommand::Barrier(BarrierCommand::Resolve(a)) => {
            care_plans::resolve_barrier(store, &a.id).map_err(nothing_saved)?;
            say!("Barrier resolved.");
            Ok(())
        }
        CareplanCommand::Note(NoteCommand::Add(a)) => {
            let patient_id = patient(store, &a.mrn)?;
            let n = care_plans::add_note(
                store,
                &NoteDraft {
                    patient_id,
                    goal_id: a.goal,
                    written_on: a.on,
                    text: a.text,
                },
            )
            .map_err(nothing_saved)?;
            added(&n.id, &format!("Progress note of {} added", n.written_on))
        }
        CareplanCommand::Team(TeamCommand::Add(a)) => {
            let patient_id = patient(store, &a.mrn)?;
            let m = care_plans::add_member(
                store,
                &MemberDraft {
                    patient_id,
                    name: a.name,
                    role: a.role,
                    phone: a.phone,
                    organisation: a.organisation,
                },
            )
            .map_err(nothing_saved)?;
            added(&m.id, &format!("{} added to the care team", m.role.label))
        }
        CareplanCommand::Show(a) => show(store, a),
        CareplanCommand::History(a) => {
            let patient_id = patient(store, &a.mrn)?;
            let versions = store.read(|r| care_plans::versions(r, &patient_id))?;
            if versions.is_empty() {
                say!("No care plan recorded yet.");
            }
            for v in versions {
                say!(
                    "{:>4}  {}  {}  {}",
                    v.version,
                    v.saved_at,
                    v.actor,
                    v.change
                );
            }
            Ok(())
        }
        CareplanCommand::Export(a) => export(store, a),
        CareplanCommand::Remove(a) => {
            let item: Item = a.item.into();
            care_plans::remove(store, item, &a.id, &a.reason).map_err(nothing_saved)?;
            say!("{} removed (kept in the record).", capital(item.noun()));
            Ok(())
        }
    }
}

/// The bundle to the chosen file (owner-only); the line names the MRN, never the patient.
fn export(store: &mut Store, a: ExportArgs) -> CliResult {
    let patient_id = patient(store, &a.mrn)?;
    let exported = caseload::fhir::patient_bundle(store, &patient_id)?;
    let out = a.out.unwrap_or_else(|| PathBuf::from(&exported.file_name));
    caseload::fhir::save(&out, &exported)?;
    caseload::audit::record_export(
        store,
        "export",
        "fhir-bundle",
        caseload::audit::Whom::Patients(std::slice::from_ref(&patient_id)),
        &crate::output::shown_path(&out),
    )?;
    say!(
        "Care plan of {} written to {} ({} resources).",
        a.mrn.trim(),
        out.display(),
        exported.resources
    );
    Ok(())
}

fn patient(store: &Store, mrn: &str) -> CliResult<String> {
    Ok(store.read(|r| patients::require_by_mrn(r, mrn))?.id)
}

/// The new item's id on stdout, the sentence for people on stderr.
fn added(id: &str, what: &str) -> CliResult {
    say!("{id}");
    eprintln!("{what}.");
    Ok(())
}

fn capital(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn show(store: &mut Store, a: ShowArgs) -> CliResult {
    let patient_id = patient(store, &a.mrn)?;
    caseload::audit::record_view(store, &patient_id)?;
    if let Some(n) = a.version {
        let v = store.read(|r| care_plans::version(r, &patient_id, n))?;
        let json = serde_json::to_string_pretty(&v).map_err(std::io::Error::from)?;
        say!("{json}");
        return Ok(());
    }
    let plan = store.read(|r| care_plans::plan(r, &patient_id))?;
    match a.format {
        ShowFormat::Json => {
            let json = serde_json::to_string_pretty(&plan).map_err(std::io::Error::from)?;
            say!("{json}");
        }
        ShowFormat::Text => print_plan(&plan)?,
    }
    Ok(())
}

fn print_plan(plan: &CarePlan) -> CliResult {
    if plan.is_empty() {
        say!("No care plan recorded yet.");
        return Ok(());
    }
    say!(
        "Care plan, version {} ({})",
        plan.version,
        plan.updated_at.as_deref().unwrap_or("")
    );
    if !plan.concerns.is_empty() {
        say!("\nConcerns");
        for c in &plan.concerns {
            let sdoh = c
                .sdoh
                .map(|s| format!(" — {}", s.label))
                .unwrap_or_default();
            say!(
                "  [{}] {}{sdoh} ({}, since {})  {}",
                c.kind.label,
                c.text,
                c.status.label,
                c.noted_on,
                c.id
            );
        }
    }
    if !plan.goals.is_empty() {
        say!("\nGoals");
    }
    for g in &plan.goals {
        say!(
            "  “{}” — {}, said by the {}  {}",
            g.text,
            g.lifecycle.label,
            g.expressed_by.label.to_lowercase(),
            g.id
        );
        if let Some(t) = &g.target {
            let standing = match &g.standing {
                Some(s) => format!(
                    ": latest {} — {}",
                    s.text,
                    if s.met { "met" } else { "not met" }
                ),
                None if t.measure.is_some() => ": no value on record".to_owned(),
                None => String::new(),
            };
            let own = if g.own_target {
                " (the patient's own target, used for flags)"
            } else {
                ""
            };
            say!("      target {}{standing}{own}", t.text);
        }
        if let Some(a) = g.achievement {
            say!("      achievement: {}", a.label);
        }
        if let Some(d) = g.due_on {
            say!("      due {d}");
        }
        for a in &g.actions {
            let due = a.due_on.map(|d| format!(", due {d}")).unwrap_or_default();
            let overdue = match a.overdue_days {
                Some(0) => " — due today".to_owned(),
                Some(n) => format!(" — {n} days overdue"),
                None => String::new(),
            };
            say!(
                "      - {} ({}{due}; {}){overdue}  {}",
                a.text,
                a.owner.label,
                a.status.label.to_lowercase(),
                a.id
            );
        }
    }
    if !plan.barriers.is_empty() {
        say!("\nBarriers");
        for b in &plan.barriers {
            let resolved = b
                .resolved_on
                .map(|d| format!(", resolved {d}"))
                .unwrap_or_default();
            say!("  {} (noted {}{resolved})", b.text, b.noted_on);
        }
    }
    if !plan.team.is_empty() {
        say!("\nCare team");
        for m in &plan.team {
            let extra: Vec<&str> = [m.organisation.as_deref(), m.phone.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            say!(
                "  {} — {}{}",
                m.name,
                m.role.label,
                if extra.is_empty() {
                    String::new()
                } else {
                    format!(", {}", extra.join(", "))
                }
            );
        }
    }
    if !plan.notes.is_empty() {
        say!("\nProgress notes");
        for n in &plan.notes {
            say!("  {}  {}", n.written_on, n.text);
        }
    }
    Ok(())
}
