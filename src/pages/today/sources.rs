//! The sources of worklist lines, one function per kind.

use super::{Action, Context, Due, ItemKind};
use crate::error::Result;
use crate::flags::FlagKind;
use crate::outreach::{DueBasis, Step};

/// Open safety flags, as the flag engine words them (it is not copied here: the flag
/// engine runs for the patients who have an open flag).
pub fn safety_flags(cx: &Context<'_>) -> Result<Vec<Due>> {
    let open = crate::measures::safety::open(cx.reader)?;
    let mut ids: Vec<String> = open.iter().map(|f| f.patient_id.clone()).collect();
    ids.dedup();
    let standings = crate::flags::standings(cx.reader, Some(&ids))?;
    let mut out = Vec::new();
    for id in ids {
        let Some(flag) = standings
            .get(&id)
            .and_then(|s| s.flags.iter().find(|f| f.kind == FlagKind::Safety))
        else {
            continue;
        };
        // The oldest open flag is acknowledged first.
        let Some(first) = open.iter().find(|f| f.patient_id == id) else {
            continue;
        };
        out.push(Due {
            due_on: crate::dates::parse(&first.raised_on).unwrap_or(cx.reader.today()),
            patient_id: id,
            kind: ItemKind::Safety,
            detail: flag.detail.clone(),
            action: Action::Acknowledge,
            subject_id: Some(first.id.clone()),
            program_code: None,
        });
    }
    Ok(out)
}

/// Patients whose latest PHQ-9 left item 9 (thoughts of self-harm) blank, from the
/// day it was taken until a PHQ-9 with item 9 is recorded: one query for everyone.
pub fn item9_not_answered(cx: &Context<'_>) -> Result<Vec<Due>> {
    Ok(crate::measures::safety::item9_unanswered(cx.reader, None)?
        .into_iter()
        .map(|u| Due {
            patient_id: u.patient_id,
            kind: ItemKind::Item9NotAnswered,
            detail: u.detail,
            due_on: u.taken_on,
            action: Action::OpenPatient,
            subject_id: Some(u.measure_id),
            program_code: None,
        })
        .collect())
}

/// Discharges whose follow-up contact has not happened.
pub fn discharge_follow_ups(cx: &Context<'_>) -> Result<Vec<Due>> {
    Ok(crate::transitions::follow_ups_with(cx.reader, None, cx.outreach()?)?
        .into_iter()
        .map(|f| {
            let t = &f.transition;
            let readmission = if t.readmission { " (readmission)" } else { "" };
            Due {
                patient_id: t.patient_id.clone(),
                kind: ItemKind::DischargeFollowUp,
                detail: format!(
                    "{}{readmission} at {}, discharged {}; reach the patient within {} business days (by {})",
                    t.kind_label, t.facility, f.discharged_on, f.business_days, f.due_on
                ),
                due_on: f.due_on,
                action: Action::LogContact,
                subject_id: Some(t.id.clone()),
                program_code: None,
            }
        })
        .collect())
}

/// Contacts due by the cadence or the date chosen on the last contact, for patients
/// with no escalation step (the step is their line).
pub fn contacts_due(cx: &Context<'_>) -> Result<Vec<Due>> {
    let mut out = Vec::new();
    for (id, state) in cx.outreach()? {
        let (Some(followed), Some(next_due), None) = (
            &state.followed,
            state.outreach.next_due,
            state.outreach.step,
        ) else {
            continue;
        };
        let o = &state.outreach;
        let why = match o.due_basis {
            Some(DueBasis::Chosen) => "next contact set for this day".to_owned(),
            Some(DueBasis::Cadence { every_days }) => format!(
                "{} every {every_days} days ({})",
                followed.program_name,
                followed.status.label().to_lowercase()
            ),
            Some(DueBasis::Retry) => "try again after an unreached attempt".to_owned(),
            Some(DueBasis::Start { every_days }) => format!(
                "nobody reached yet; {} every {every_days} days",
                followed.program_name
            ),
            Some(DueBasis::Letter) | None => continue,
        };
        let last = match (o.last_reached_on, o.unreached_days) {
            (Some(on), 0) => format!("Last reached {on}"),
            (Some(on), n) => format!(
                "Last reached {on}; {n} unreached attempt{} since",
                plural(n)
            ),
            (None, 0) => "Never reached".to_owned(),
            (None, n) => format!("Never reached; {n} unreached attempt{}", plural(n)),
        };
        out.push(Due {
            patient_id: id.clone(),
            kind: ItemKind::ContactDue,
            detail: format!("{last} · {why}"),
            due_on: next_due,
            action: Action::LogContact,
            subject_id: None,
            program_code: Some(followed.program_code.clone()),
        });
    }
    Ok(out)
}

/// The cadence's escalation: a letter after unreached attempts, then "consider
/// unreachable" when nobody answered it.
pub fn cadence_steps(cx: &Context<'_>) -> Result<Vec<Due>> {
    let mut out = Vec::new();
    for (id, state) in cx.outreach()? {
        let (Some(followed), Some(step)) = (&state.followed, state.outreach.step) else {
            continue;
        };
        let (kind, detail, action, subject) = match step {
            Step::SendLetter { attempts, .. } => (
                ItemKind::SendLetter,
                format!(
                    "{attempts} unreached attempts on different days since {}",
                    state
                        .outreach
                        .last_reached_on
                        .map_or("enrollment".to_owned(), |d| format!(
                            "the patient was last reached on {d}"
                        ))
                ),
                Action::LogLetter,
                None,
            ),
            Step::ConsiderUnreachable { letter_on, .. } => (
                ItemKind::ConsiderUnreachable,
                format!(
                    "Letter sent {letter_on} and nobody reached within {} days; consider disenrolling from {} as unreachable",
                    followed.follow_up.unreachable_after_letter_days, followed.program_name
                ),
                Action::Disenroll,
                Some(followed.enrollment_id.clone()),
            ),
        };
        out.push(Due {
            patient_id: id.clone(),
            kind,
            detail,
            due_on: step.since(),
            action,
            subject_id: subject,
            program_code: Some(followed.program_code.clone()),
        });
    }
    Ok(out)
}

/// Open referrals whose follow-up date has come: ask whether the patient connected.
pub fn referral_follow_ups(cx: &Context<'_>) -> Result<Vec<Due>> {
    Ok(crate::referrals::due(cx.reader)?
        .into_iter()
        .filter_map(|f| {
            let due_on = f.follow_up_on?;
            let need = f
                .need_label
                .map(|n| format!(" for {}", n.to_lowercase()))
                .unwrap_or_default();
            let since = f
                .history
                .last()
                .map_or(f.referred_on.to_string(), |e| e.on.clone());
            Some(Due {
                patient_id: f.patient.id.clone(),
                kind: ItemKind::ReferralFollowUp,
                detail: format!(
                    "{} at {}{need}: {} since {since}; did the patient connect?",
                    f.service_name,
                    f.organization_name,
                    f.status_label.to_lowercase()
                ),
                due_on,
                action: Action::UpdateReferral,
                subject_id: Some(f.id),
                program_code: None,
            })
        })
        .collect())
}

/// The coordinator's own care-plan actions whose due date has come (not on hold, not
/// done, under a goal still open). Other roles' actions are prep items for the
/// patient's next visit instead (`coming_in`).
pub fn care_plan_actions(cx: &Context<'_>) -> Result<Vec<Due>> {
    Ok(
        crate::care_plans::due_actions(
            cx.reader,
            Some(crate::care_plans::Role::Coordinator),
            None,
        )?
        .into_iter()
        .map(|a| Due {
            patient_id: a.patient_id,
            kind: ItemKind::CarePlanAction,
            detail: format!("{} (goal: “{}”)", a.text, a.goal_text),
            due_on: a.due_on,
            action: Action::CompleteAction,
            subject_id: Some(a.id),
            program_code: None,
        })
        .collect(),
    )
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}
