//! Care-plan actions that fall due: the coordinator's own on Today (one line each,
//! "Mark done"), any role's as prep items for the patient's visit.

use caseload::care_plans;
use caseload::pages::coming_in::PrepKind;
use caseload::pages::today::{Action, ItemKind};
use caseload::pages::{coming_in, today};

use super::{action, goal};
use crate::harness::{TestStore, add, tomorrow};
use crate::screening::days_ago;

fn care_plan_lines(t: &TestStore) -> Vec<(String, String, i64)> {
    t.store
        .read(today::worklist)
        .unwrap()
        .items
        .into_iter()
        .filter(|i| i.kind == ItemKind::CarePlanAction)
        .map(|i| {
            assert_eq!(i.action, Action::CompleteAction);
            (i.subject_id.unwrap(), i.detail, i.overdue_days)
        })
        .collect()
}

#[test]
fn the_coordinators_due_actions_are_on_today_until_done() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "D-1", "Rosa", "Delgado", "1961-04-12");
    let g = goal(&mut t.store, &p.id, "Caminar a la iglesia sin pararme");
    let due_today = action(&mut t.store, &g.id, "coordinator", &days_ago(0));
    let overdue = action(&mut t.store, &g.id, "coordinator", &days_ago(3));
    action(&mut t.store, &g.id, "coordinator", &tomorrow());
    action(&mut t.store, &g.id, "coordinator", "");
    action(&mut t.store, &g.id, "pcp", &days_ago(3));
    let held = action(&mut t.store, &g.id, "coordinator", &days_ago(1));
    care_plans::set_action_status(&mut t.store, &held.id, "on-hold").unwrap();

    let lines = care_plan_lines(&t);
    let ids: Vec<&str> = lines.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(
        ids,
        [overdue.id.as_str(), due_today.id.as_str()],
        "longest overdue first"
    );
    assert_eq!(lines[0].2, 3);
    assert!(
        lines[0].1.contains("Caminar a la iglesia sin pararme"),
        "{}",
        lines[0].1
    );

    care_plans::set_action_status(&mut t.store, &overdue.id, "completed").unwrap();
    let ids: Vec<String> = care_plan_lines(&t).into_iter().map(|l| l.0).collect();
    assert_eq!(ids, std::slice::from_ref(&due_today.id));

    // A goal closed or a patient removed takes its actions off the list.
    care_plans::move_goal(
        &mut t.store,
        &g.id,
        &care_plans::GoalMove {
            lifecycle: "on-hold".into(),
            achievement: String::new(),
        },
    )
    .unwrap();
    assert_eq!(care_plan_lines(&t).len(), 1, "on hold is still open");
    care_plans::move_goal(
        &mut t.store,
        &g.id,
        &care_plans::GoalMove {
            lifecycle: "cancelled".into(),
            achievement: String::new(),
        },
    )
    .unwrap();
    assert!(care_plan_lines(&t).is_empty());
}

#[test]
fn due_actions_of_every_role_are_prep_items_for_the_visit() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "D-1", "Rosa", "Delgado", "1961-04-12");
    let g = goal(&mut t.store, &p.id, "Sleep through the night");
    action(&mut t.store, &g.id, "pcp", &days_ago(4));
    action(&mut t.store, &g.id, "psychiatrist", &days_ago(0));
    action(&mut t.store, &g.id, "patient", &tomorrow());
    let visits = t
        .store
        .read(|r| coming_in::visits(r, std::slice::from_ref(&p.id)))
        .unwrap();
    let prep: Vec<(&str, &str)> = visits[0]
        .prep
        .iter()
        .filter(|x| x.kind == PrepKind::CarePlanAction)
        .map(|x| (x.label.as_str(), x.detail.as_str()))
        .collect();
    assert_eq!(prep.len(), 2, "{prep:?}");
    assert_eq!(prep[0].0, "Care-plan action overdue");
    assert!(
        prep[0].1.contains("PCP") && prep[0].1.contains(&days_ago(4)),
        "{}",
        prep[0].1
    );
    assert_eq!(prep[1].0, "Care-plan action due");
    assert!(prep[1].1.contains("due today"), "{}", prep[1].1);
}
