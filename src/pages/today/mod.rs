//! Today: one worklist of everything due on a day, most urgent first, each line with
//! its reason and the one action that settles it.
//!
//! The worklist is a list of item kinds, each produced by one small source in
//! [`SOURCES`] (like the flag engine's `RULES`): safety flags from the flag engine, a
//! latest PHQ-9 whose item 9 (thoughts of self-harm) went unanswered from the measures,
//! discharge follow-ups from transitions, contacts due and the cadence's letter and
//! "unreachable" steps from the outreach rules, referral follow-ups from the referrals,
//! the coordinator's own care-plan actions that fall due from the care plans.
//! A new kind of item (an appointment, say) is one more source here.

mod sources;

use std::cell::OnceCell;
use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::error::Result;
use crate::outreach::PatientOutreach;
use crate::patients::PatientRef;
use crate::store::{Draft, Reader};

/// The kinds of line, in the order of urgency the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Safety,
    /// Right after safety flags: until item 9 is asked, nobody knows whether there is
    /// one to raise.
    Item9NotAnswered,
    DischargeFollowUp,
    ContactDue,
    SendLetter,
    ConsiderUnreachable,
    ReferralFollowUp,
    CarePlanAction,
}

impl ItemKind {
    pub const ALL: [ItemKind; 8] = [
        ItemKind::Safety,
        ItemKind::Item9NotAnswered,
        ItemKind::DischargeFollowUp,
        ItemKind::ContactDue,
        ItemKind::SendLetter,
        ItemKind::ConsiderUnreachable,
        ItemKind::ReferralFollowUp,
        ItemKind::CarePlanAction,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Safety => "Safety flag",
            ItemKind::Item9NotAnswered => crate::catalogue::questionnaire::PHQ9_ITEM9.label,
            ItemKind::DischargeFollowUp => "Discharge follow-up",
            ItemKind::ContactDue => "Contact due",
            ItemKind::SendLetter => "Send a letter",
            ItemKind::ConsiderUnreachable => "Consider unreachable",
            ItemKind::ReferralFollowUp => "Referral follow-up",
            ItemKind::CarePlanAction => "Care-plan action",
        }
    }
}

/// What settles a line: the UI opens the matching form, the CLI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Acknowledge the safety flag `subject_id` with the action taken.
    Acknowledge,
    /// Log a contact (a phone call by default).
    LogContact,
    /// Log the letter (channel letter, outcome "letter sent").
    LogLetter,
    /// Open the disenroll dialog for episode `subject_id` with reason "unreachable"
    /// pre-selected. Nothing is disenrolled without the coordinator.
    Disenroll,
    /// Open the referral `subject_id` to record where it stands.
    UpdateReferral,
    /// Mark the care-plan action `subject_id` done (or open the plan to move it).
    CompleteAction,
    /// Open the patient's page (to record a PHQ-9 with the missing item, say).
    OpenPatient,
}

impl Action {
    pub fn label(self) -> &'static str {
        match self {
            Action::Acknowledge => "Acknowledge",
            Action::LogContact => "Log contact",
            Action::LogLetter => "Log letter",
            Action::Disenroll => "Disenroll…",
            Action::UpdateReferral => "Update referral",
            Action::CompleteAction => "Mark done",
            Action::OpenPatient => "Open patient",
        }
    }
}

/// A line as a source produces it, before the patient is looked up.
#[derive(Debug, Clone)]
pub struct Due {
    pub patient_id: String,
    pub kind: ItemKind,
    pub detail: String,
    pub due_on: Date,
    pub action: Action,
    /// The record the action is about: a safety flag, a transition, an episode.
    pub subject_id: Option<String>,
    pub program_code: Option<String>,
}

/// One line of the worklist.
#[derive(Debug, Clone, Serialize)]
pub struct WorkItem {
    #[serde(flatten)]
    pub patient: PatientRef,
    pub kind: ItemKind,
    pub label: &'static str,
    pub detail: String,
    pub due_on: Date,
    /// Days past due; 0 = due today.
    pub overdue_days: i64,
    pub action: Action,
    pub action_label: &'static str,
    pub subject_id: Option<String>,
    pub program_code: Option<String>,
}

/// How many lines of one kind.
#[derive(Debug, Clone, Serialize)]
pub struct KindCount {
    pub kind: ItemKind,
    pub label: &'static str,
    pub count: usize,
}

/// A drafted note waiting to be saved, with whom it is about.
#[derive(Debug, Clone, Serialize)]
pub struct DraftLine {
    #[serde(flatten)]
    pub draft: Draft,
    pub patient: Option<PatientRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Worklist {
    pub date: Date,
    pub items: Vec<WorkItem>,
    pub counts: Vec<KindCount>,
    /// Unsaved contact notes, offered back after a crash, a lock or a closed window.
    pub drafts: Vec<DraftLine>,
}

/// What every source is given: the reader, and the outreach state of every patient,
/// worked out once for the sources that share it.
pub struct Context<'r> {
    pub reader: &'r Reader<'r>,
    outreach: OnceCell<HashMap<String, PatientOutreach>>,
}

impl<'r> Context<'r> {
    fn new(reader: &'r Reader<'r>) -> Context<'r> {
        Context {
            reader,
            outreach: OnceCell::new(),
        }
    }

    pub fn outreach(&self) -> Result<&HashMap<String, PatientOutreach>> {
        if let Some(o) = self.outreach.get() {
            return Ok(o);
        }
        let loaded = crate::outreach::load(self.reader, None)?;
        Ok(self.outreach.get_or_init(|| loaded))
    }
}

pub type Source = fn(&Context<'_>) -> Result<Vec<Due>>;

/// Every source of worklist lines.
pub const SOURCES: &[Source] = &[
    sources::safety_flags,
    sources::item9_not_answered,
    sources::discharge_follow_ups,
    sources::contacts_due,
    sources::cadence_steps,
    sources::referral_follow_ups,
    sources::care_plan_actions,
];

/// The worklist for the reader's day: every line due on or before it, most urgent
/// kind first, then the longest overdue, then by name.
pub fn worklist(r: &Reader<'_>) -> Result<Worklist> {
    let cx = Context::new(r);
    let mut due = Vec::new();
    for source in SOURCES {
        due.extend(source(&cx)?.into_iter().filter(|d| d.due_on <= r.today()));
    }
    // One reached contact settles a discharge follow-up and a contact due alike, so the
    // discharge line stands for both.
    let discharged: Vec<String> = due
        .iter()
        .filter(|d| d.kind == ItemKind::DischargeFollowUp)
        .map(|d| d.patient_id.clone())
        .collect();
    due.retain(|d| d.kind != ItemKind::ContactDue || !discharged.contains(&d.patient_id));
    let mut ids: Vec<String> = due.iter().map(|d| d.patient_id.clone()).collect();
    let drafts = crate::store::drafts::list(r)?;
    ids.extend(drafts.iter().filter_map(|d| d.patient_id.clone()));
    ids.sort();
    ids.dedup();
    let patients = crate::patients::refs(r, &ids)?;
    let as_of = r.today();
    let mut items: Vec<WorkItem> = due
        .into_iter()
        .filter_map(|d| {
            let patient = patients.get(&d.patient_id)?.clone();
            Some(WorkItem {
                patient,
                kind: d.kind,
                label: d.kind.label(),
                detail: d.detail,
                overdue_days: crate::flags::days_between(d.due_on, as_of),
                due_on: d.due_on,
                action: d.action,
                action_label: d.action.label(),
                subject_id: d.subject_id,
                program_code: d.program_code,
            })
        })
        .collect();
    items.sort_by(|a, b| {
        (
            a.kind,
            a.due_on,
            &a.patient.last_name,
            &a.patient.first_name,
            &a.patient.id,
        )
            .cmp(&(
                b.kind,
                b.due_on,
                &b.patient.last_name,
                &b.patient.first_name,
                &b.patient.id,
            ))
    });
    let counts = ItemKind::ALL
        .iter()
        .map(|&kind| KindCount {
            kind,
            label: kind.label(),
            count: items.iter().filter(|i| i.kind == kind).count(),
        })
        .collect();
    let drafts = drafts
        .into_iter()
        .map(|draft| DraftLine {
            patient: draft
                .patient_id
                .as_ref()
                .and_then(|id| patients.get(id).cloned()),
            draft,
        })
        .collect();
    Ok(Worklist {
        date: as_of,
        items,
        counts,
        drafts,
    })
}
