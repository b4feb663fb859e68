//! The goal lifecycle and the action status machine through the store: every allowed
//! move is taken, every other refused with the moves that are allowed, and the rules
//! that ride on a move (completing says whether it was achieved; cancelling a goal
//! cancels its open actions; a completed action records its day).

use caseload::care_plans::{self, ActionStatus, GoalDraft, GoalLifecycle, GoalMove};
use caseload::{ErrorCode, Store};

use super::{action, goal};
use crate::harness::{TestStore, add, err, fields_of, today};

fn to(lifecycle: &str) -> GoalMove {
    GoalMove {
        lifecycle: lifecycle.into(),
        achievement: String::new(),
    }
}

/// A goal that starts in `from`.
fn goal_in(store: &mut Store, patient_id: &str, from: GoalLifecycle) -> String {
    let draft = GoalDraft {
        patient_id: patient_id.into(),
        text: "Garden again".into(),
        lifecycle: from.as_str().into(),
        achievement: if from == GoalLifecycle::Completed {
            "achieved".into()
        } else {
            String::new()
        },
        ..GoalDraft::default()
    };
    care_plans::add_goal(store, &draft).unwrap().id
}

#[test]
fn every_goal_move_through_the_store() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "L-1", "Rosa", "Delgado", "1961-04-12");
    for from in GoalLifecycle::ALL.iter().copied() {
        for target in GoalLifecycle::ALL.iter().copied().filter(|t| *t != from) {
            let id = goal_in(&mut t.store, &p.id, from);
            let mv = GoalMove {
                lifecycle: target.as_str().into(),
                achievement: if target == GoalLifecycle::Completed {
                    "achieved".into()
                } else {
                    String::new()
                },
            };
            let result = care_plans::move_goal(&mut t.store, &id, &mv);
            if from.allowed(target) {
                let g = result.unwrap_or_else(|e| panic!("{from:?} → {target:?}: {e}"));
                assert_eq!(g.lifecycle.value, target);
            } else {
                let e = err(result);
                assert_eq!(
                    e.code(),
                    ErrorCode::InvalidTransition,
                    "{from:?} → {target:?}"
                );
                assert!(e.to_string().contains("it can become"), "{e}");
            }
        }
    }
}

#[test]
fn completing_a_goal_says_whether_it_was_achieved() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "L-1", "Rosa", "Delgado", "1961-04-12");
    let g = goal(&mut t.store, &p.id, "Quit smoking");
    let e = err(care_plans::move_goal(&mut t.store, &g.id, &to("completed")));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["achievement"]);
    let e = err(care_plans::move_goal(
        &mut t.store,
        &g.id,
        &GoalMove {
            lifecycle: "completed".into(),
            achievement: "sustaining".into(),
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["achievement"]);
    // Progress alone is recorded without a move.
    let g = care_plans::move_goal(
        &mut t.store,
        &g.id,
        &GoalMove {
            lifecycle: String::new(),
            achievement: "improving".into(),
        },
    )
    .unwrap();
    assert_eq!(g.achievement.unwrap().label, "Improving");
    let g = care_plans::move_goal(
        &mut t.store,
        &g.id,
        &GoalMove {
            lifecycle: "completed".into(),
            achievement: "not-achieved".into(),
        },
    )
    .unwrap();
    assert_eq!(
        (g.lifecycle.as_str(), g.achievement.unwrap().as_str()),
        ("completed", "not-achieved")
    );
    assert_eq!(
        g.next_lifecycles
            .iter()
            .map(|l| l.as_str())
            .collect::<Vec<_>>(),
        ["active"],
        "a completed goal can only be taken up again"
    );
    let e = err(care_plans::move_goal(&mut t.store, &g.id, &to("completed")));
    assert!(e.to_string().contains("Nothing was changed"), "{e}");
    let e = err(care_plans::move_goal(&mut t.store, &g.id, &to("finished")));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["lifecycle"]);
}

#[test]
fn cancelling_a_goal_cancels_its_open_actions_only() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "L-1", "Rosa", "Delgado", "1961-04-12");
    let g = goal(&mut t.store, &p.id, "Move to a ground-floor flat");
    let open = action(&mut t.store, &g.id, "social-worker", "");
    let done = action(&mut t.store, &g.id, "coordinator", "");
    care_plans::set_action_status(&mut t.store, &done.id, "completed").unwrap();
    care_plans::move_goal(&mut t.store, &g.id, &to("cancelled")).unwrap();
    let read = |id: &str| {
        t.store
            .read(|r| care_plans::action(r, id))
            .unwrap()
            .status
            .value
    };
    assert_eq!(read(&open.id), ActionStatus::Cancelled);
    assert_eq!(read(&done.id), ActionStatus::Completed, "done stays done");
    // A closed goal takes no new actions.
    let e = err(care_plans::add_action(
        &mut t.store,
        &caseload::care_plans::ActionDraft {
            goal_id: g.id.clone(),
            text: "Call the housing office".into(),
            owner: "coordinator".into(),
            ..Default::default()
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["goal_id"]);
}

#[test]
fn every_action_move_through_the_store() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "L-1", "Rosa", "Delgado", "1961-04-12");
    let g = goal(&mut t.store, &p.id, "Take my pills every morning");
    for from in ActionStatus::ALL.iter().copied() {
        for target in ActionStatus::ALL.iter().copied() {
            let a = care_plans::add_action(
                &mut t.store,
                &caseload::care_plans::ActionDraft {
                    goal_id: g.id.clone(),
                    text: "Weekly pill box".into(),
                    owner: "pharmacist".into(),
                    status: from.as_str().into(),
                    ..Default::default()
                },
            )
            .unwrap();
            let result = care_plans::set_action_status(&mut t.store, &a.id, target.as_str());
            if from.allowed(target) {
                let moved = result.unwrap_or_else(|e| panic!("{from:?} → {target:?}: {e}"));
                assert_eq!(moved.status.value, target);
                let done_on = (target == ActionStatus::Completed).then(today);
                assert_eq!(moved.completed_on, done_on, "{from:?} → {target:?}");
            } else {
                assert_eq!(
                    err(result).code(),
                    ErrorCode::InvalidTransition,
                    "{from:?} → {target:?}"
                );
            }
        }
    }
    let e = err(care_plans::set_action_status(
        &mut t.store,
        "missing",
        "completed",
    ));
    assert_eq!(e.code(), ErrorCode::NotFound);
    let a = action(&mut t.store, &g.id, "patient", "");
    let e = err(care_plans::set_action_status(
        &mut t.store,
        &a.id,
        "done-ish",
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["status"]);
}
