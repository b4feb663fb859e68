//! Care plans through the core against real encrypted stores: `plan` (the forms, their
//! messages, social concerns tied to needs, removal, the kept versions), `lifecycle`
//! (the goal and action machines at every edge, through the store), `targets` (a goal
//! judged from the registry, the patient's own target changing a flag) and `due`
//! (the coordinator's actions on Today, due actions as a visit's prep items).

mod due;
mod lifecycle;
mod plan;
mod targets;

use caseload::Store;
use caseload::care_plans::{self, ActionDraft, Goal, GoalDraft, PlanAction};
use caseload::enrollment::{self, StartEnrollment};

/// A goal in the patient's words, active, without a target.
pub(super) fn goal(store: &mut Store, patient_id: &str, text: &str) -> Goal {
    care_plans::add_goal(
        store,
        &GoalDraft {
            patient_id: patient_id.into(),
            text: text.into(),
            ..GoalDraft::default()
        },
    )
    .unwrap()
}

/// A goal with a registry target ("phq9", "<5").
pub(super) fn goal_with_target(
    store: &mut Store,
    patient_id: &str,
    measure: &str,
    target: &str,
) -> Goal {
    care_plans::add_goal(
        store,
        &GoalDraft {
            patient_id: patient_id.into(),
            text: "Feel like myself again".into(),
            measure: measure.into(),
            target: target.into(),
            ..GoalDraft::default()
        },
    )
    .unwrap()
}

pub(super) fn action(store: &mut Store, goal_id: &str, owner: &str, due: &str) -> PlanAction {
    care_plans::add_action(
        store,
        &ActionDraft {
            goal_id: goal_id.into(),
            text: format!("Something for the {owner}"),
            owner: owner.into(),
            due: due.into(),
            ..ActionDraft::default()
        },
    )
    .unwrap()
}

/// An active COMPASS episode from `on`, so the flag engine follows the patient.
pub(super) fn activate(store: &mut Store, patient_id: &str, on: &str) {
    enrollment::start(
        store,
        &StartEnrollment {
            patient_id: patient_id.into(),
            program: "compass".into(),
            status: "active".into(),
            on: on.into(),
            ..StartEnrollment::default()
        },
    )
    .unwrap();
}
