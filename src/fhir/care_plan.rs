//! The CarePlan: one per patient, pointing at the concerns it addresses, its goals and
//! the care team, with each action as an activity. Caseload keeps one living plan
//! per patient, so its id is derived from the patient's: the same plan has the same
//! id in every export, and a system that loads it twice updates rather than copies.

use jiff::civil::Date;
use serde::Serialize;

use super::care_team::Team;
use super::codes;
use super::datatypes::{Annotation, CodeableConcept, Links, Period, Reference};
use crate::care_plans::{CarePlan as Plan, ConcernStatus};

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CarePlan {
    pub id: String,
    pub status: &'static str,
    pub intent: &'static str,
    pub category: Vec<CodeableConcept>,
    pub subject: Reference,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub care_team: Vec<Reference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Reference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub goal: Vec<Reference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub activity: Vec<Activity>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Activity {
    pub detail: Detail,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Detail {
    pub kind: &'static str,
    pub goal: Vec<Reference>,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_period: Option<Period>,
    pub performer: Vec<Reference>,
    pub description: String,
}

/// The CarePlan's id: a UUID v5 of the patient's id, the same in every export.
pub fn id_for(patient_id: &str) -> String {
    derived("care-plan", patient_id)
}

/// The CareTeam's id, derived the same way (a patient has one team).
pub fn team_id_for(patient_id: &str) -> String {
    derived("care-team", patient_id)
}

fn derived(what: &str, patient_id: &str) -> String {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        format!("urn:caseload:{what}:{patient_id}").as_bytes(),
    )
    .to_string()
}

/// Active while a goal is still being worked towards or a concern is still active;
/// completed once every goal is closed and every concern resolved.
pub fn status(plan: &Plan) -> &'static str {
    let open = plan.open_goals().next().is_some()
        || plan
            .concerns
            .iter()
            .any(|c| c.status.value == ConcernStatus::Active);
    if open { "active" } else { "completed" }
}

/// The day the plan began: its earliest dated item.
pub fn start(plan: &Plan) -> Option<Date> {
    let concerns = plan.concerns.iter().map(|c| c.noted_on);
    let goals = plan.goals.iter().map(|g| g.start_on);
    let barriers = plan.barriers.iter().map(|b| b.noted_on);
    let notes = plan.notes.iter().map(|n| n.written_on);
    concerns.chain(goals).chain(barriers).chain(notes).min()
}

/// The plan, its actions as activities under the goal each serves. `team_id` is the
/// CareTeam's when the plan has one; `note` holds what is not tied to a goal.
pub fn care_plan(
    plan: &Plan,
    team: &Team<'_>,
    team_id: Option<&str>,
    note: Vec<Annotation>,
    links: Links,
) -> CarePlan {
    let activity = plan
        .goals
        .iter()
        .flat_map(|g| g.actions.iter())
        .map(|a| Activity {
            detail: Detail {
                kind: codes::ACTION_KIND,
                goal: vec![links.to("Goal", &a.goal_id)],
                status: a.status.as_str(),
                scheduled_period: a.due_on.map(|d| Period {
                    start: None,
                    end: Some(d.to_string()),
                }),
                performer: vec![team.performer(a.owner.value)],
                description: a.text.clone(),
            },
        })
        .collect();
    CarePlan {
        id: id_for(&plan.patient_id),
        status: status(plan),
        intent: "plan",
        category: vec![codes::assess_plan()],
        subject: links.to("Patient", &plan.patient_id),
        period: start(plan).map(|d| Period {
            start: Some(d.to_string()),
            end: None,
        }),
        care_team: team_id
            .map(|id| links.to("CareTeam", id))
            .into_iter()
            .collect(),
        addresses: plan
            .concerns
            .iter()
            .map(|c| links.to("Condition", &c.id))
            .collect(),
        goal: plan.goals.iter().map(|g| links.to("Goal", &g.id)).collect(),
        activity,
        note,
    }
}
