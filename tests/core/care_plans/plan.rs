//! The plan's forms: what each accepts and refuses (one message per field), social
//! concerns tied to the patient's social needs, soft removal, and the version kept
//! after every change.

use caseload::care_plans::{
    self, ActionDraft, BarrierDraft, ConcernDraft, GoalDraft, Item, MemberDraft, NoteDraft,
};
use caseload::{ErrorCode, social_needs};

use super::{action, goal};
use crate::harness::{TestStore, add, count, err, fields_of, today, tomorrow};

#[test]
fn a_plan_holds_every_kind_of_item_in_reading_order() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "C-1", "José", "Nuñez", "1958-02-03");
    let s = &mut t.store;
    assert!(s.read(|r| care_plans::plan(r, &p.id)).unwrap().is_empty());
    care_plans::add_concern(
        s,
        &ConcernDraft {
            patient_id: p.id.clone(),
            kind: "medical".into(),
            text: "Type 2 diabetes".into(),
            ..ConcernDraft::default()
        },
    )
    .unwrap();
    let later = care_plans::add_goal(
        s,
        &GoalDraft {
            patient_id: p.id.clone(),
            text: "Dance at my granddaughter's quinceañera".into(),
            due: "2027-06-01".into(),
            expressed_by: "family".into(),
            ..GoalDraft::default()
        },
    )
    .unwrap();
    let sooner = care_plans::add_goal(
        s,
        &GoalDraft {
            patient_id: p.id.clone(),
            text: "Caminar a la iglesia sin pararme".into(),
            due: "2027-01-15".into(),
            ..GoalDraft::default()
        },
    )
    .unwrap();
    assert_eq!(
        sooner.expressed_by.as_str(),
        "patient",
        "the patient by default"
    );
    assert_eq!(
        sooner.lifecycle.as_str(),
        "active",
        "a goal agreed in the room starts active"
    );
    assert_eq!(sooner.achievement.map(|a| a.as_str()), Some("in-progress"));
    assert_eq!(later.expressed_by.label, "Family");
    action(s, &sooner.id, "patient", "");
    care_plans::add_barrier(
        s,
        &BarrierDraft {
            patient_id: p.id.clone(),
            goal_id: sooner.id.clone(),
            text: "Knee pain on the stairs".into(),
        },
    )
    .unwrap();
    care_plans::add_member(
        s,
        &MemberDraft {
            patient_id: p.id.clone(),
            name: "Dr. Ana Ruiz".into(),
            role: "pcp".into(),
            phone: "555-0101".into(),
            organisation: "Eastside Clinic".into(),
        },
    )
    .unwrap();
    care_plans::add_note(
        s,
        &NoteDraft {
            patient_id: p.id.clone(),
            text: "Walked to the corner and back twice.".into(),
            ..NoteDraft::default()
        },
    )
    .unwrap();

    let plan = s.read(|r| care_plans::plan(r, &p.id)).unwrap();
    assert_eq!(plan.version, 7, "one version per change");
    assert_eq!(plan.concerns[0].text, "Type 2 diabetes");
    let words: Vec<&str> = plan.goals.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(
        words,
        [
            "Caminar a la iglesia sin pararme",
            "Dance at my granddaughter's quinceañera"
        ],
        "soonest due first, the patient's words untouched"
    );
    assert_eq!(plan.goals[0].actions.len(), 1);
    assert_eq!(plan.goals[0].actions[0].owner.label, "Patient");
    assert_eq!(
        plan.barriers[0].goal_id.as_deref(),
        Some(sooner.id.as_str())
    );
    assert_eq!(plan.team[0].phone.as_deref(), Some("555-0101"));
    assert_eq!(plan.notes[0].written_on, today());
    assert_eq!(plan.notes[0].author, "coordinator");
}

#[test]
fn every_form_names_its_wrong_fields() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "C-1", "Rosa", "Delgado", "1961-04-12");
    let s = &mut t.store;
    let audit = count(s, "audit_log");

    let concern = |kind: &str, sdoh: &str, text: &str| ConcernDraft {
        patient_id: p.id.clone(),
        kind: kind.into(),
        text: text.into(),
        sdoh: sdoh.into(),
        ..ConcernDraft::default()
    };
    let e = err(care_plans::add_concern(s, &concern("", "", "")));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["kind", "text"]);
    let e = err(care_plans::add_concern(s, &concern("social", "", "Rent")));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["sdoh"]);
    let e = err(care_plans::add_concern(
        s,
        &concern("medical", "food-insecurity", "Diet"),
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["sdoh"]);
    let e = err(care_plans::add_concern(s, &concern("", "hunger", "Food")));
    assert!(
        e.to_string().contains("food-insecurity"),
        "lists the Gravity codes: {e}"
    );

    let goal = |measure: &str, target: &str, label: &str| GoalDraft {
        patient_id: p.id.clone(),
        text: "Sleep through the night".into(),
        measure: measure.into(),
        target: target.into(),
        target_label: label.into(),
        ..GoalDraft::default()
    };
    for (measure, target, label, field) in [
        ("phq9", "", "", "target"),
        ("phq9", "5", "", "target"),
        ("phq9", "< 40", "", "target"),
        ("mood", "<5", "", "measure"),
        ("", ">= 30", "", "target_label"),
    ] {
        let e = err(care_plans::add_goal(s, &goal(measure, target, label)));
        assert_eq!(
            fields_of(&e, ErrorCode::InvalidInput),
            [field],
            "{measure} {target}: {e}"
        );
    }
    let e = err(care_plans::add_goal(
        s,
        &GoalDraft {
            patient_id: p.id.clone(),
            due: "next spring".into(),
            expressed_by: "neighbour".into(),
            lifecycle: "done".into(),
            ..GoalDraft::default()
        },
    ));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        ["lifecycle", "text", "due", "expressed_by"]
    );
    let own_number = care_plans::add_goal(s, &goal("", ">= 30", "minutes walked a day")).unwrap();
    assert_eq!(
        own_number.target.as_ref().unwrap().text,
        "minutes walked a day ≥ 30"
    );
    assert!(
        own_number.standing.is_none(),
        "a number the patient keeps is not in the registry"
    );

    let e = err(care_plans::add_action(
        s,
        &ActionDraft {
            goal_id: own_number.id.clone(),
            owner: "other".into(),
            due: "2026-13-01".into(),
            ..ActionDraft::default()
        },
    ));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        ["text", "owner", "due"]
    );
    let e = err(care_plans::add_action(
        s,
        &ActionDraft {
            goal_id: "no-such-goal".into(),
            owner: "pcp".into(),
            text: "Order labs".into(),
            ..ActionDraft::default()
        },
    ));
    assert_eq!(e.code(), ErrorCode::NotFound);

    let e = err(care_plans::add_note(
        s,
        &NoteDraft {
            patient_id: p.id.clone(),
            written_on: tomorrow(),
            text: "Not yet".into(),
            ..NoteDraft::default()
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["written_on"]);
    let e = err(care_plans::add_member(
        s,
        &MemberDraft {
            patient_id: p.id.clone(),
            role: "astronaut".into(),
            ..MemberDraft::default()
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["name", "role"]);

    // Only the one good goal reached the store and the trail.
    assert_eq!(count(s, "care_plan_goals"), 1);
    assert_eq!(
        count(s, "care_plan_concerns") + count(s, "care_plan_actions"),
        0
    );
    assert_eq!(count(s, "care_plan_versions"), 1);
    assert!(count(s, "audit_log") > audit);
}

#[test]
fn a_social_concern_is_tied_to_the_patients_social_need() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "C-1", "Rosa", "Delgado", "1961-04-12");
    let s = &mut t.store;
    let social = |sdoh: &str| ConcernDraft {
        patient_id: p.id.clone(),
        text: "Runs out of food before payday".into(),
        sdoh: sdoh.into(),
        ..ConcernDraft::default()
    };
    // No need of that category yet: one is recorded with the concern.
    let food = care_plans::add_concern(s, &social("food-insecurity")).unwrap();
    assert_eq!(
        food.kind.as_str(),
        "social",
        "a category alone makes it social"
    );
    assert_eq!(food.sdoh.unwrap().label, "Food insecurity");
    let needs = s.read(|r| social_needs::for_patient(r, &p.id)).unwrap();
    assert_eq!(needs.len(), 1);
    assert_eq!(food.need_id.as_deref(), Some(needs[0].id.as_str()));

    // An open need of the category is reused, not doubled.
    let housing = social_needs::add(
        s,
        &social_needs::NeedDraft {
            patient_id: p.id.clone(),
            category: "housing-instability".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let rent = care_plans::add_concern(s, &social("housing-instability")).unwrap();
    assert_eq!(rent.need_id.as_deref(), Some(housing.id.as_str()));
    assert_eq!(
        s.read(|r| social_needs::for_patient(r, &p.id))
            .unwrap()
            .len(),
        2
    );

    let resolved = care_plans::resolve_concern(s, &rent.id).unwrap();
    assert_eq!(resolved.status.as_str(), "resolved");
    let plan = s.read(|r| care_plans::plan(r, &p.id)).unwrap();
    assert_eq!(
        plan.concerns.last().unwrap().id,
        rent.id,
        "resolved concerns last"
    );
}

#[test]
fn removing_keeps_the_rows_and_a_removed_goal_takes_its_actions_along() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "C-1", "Rosa", "Delgado", "1961-04-12");
    let s = &mut t.store;
    let g = goal(s, &p.id, "Cook at home three nights a week");
    let a = action(s, &g.id, "social-worker", "");
    let e = err(care_plans::remove(s, Item::Goal, &g.id, "  "));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["reason"]);
    care_plans::remove(s, Item::Goal, &g.id, "Typed on the wrong patient").unwrap();
    let plan = s.read(|r| care_plans::plan(r, &p.id)).unwrap();
    assert!(plan.goals.is_empty());
    assert_eq!(
        err(s.read(|r| care_plans::action(r, &a.id))).code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        count(s, "care_plan_goals"),
        1,
        "soft-deleted, still on record"
    );
    assert_eq!(count(s, "care_plan_actions"), 1);
    let e = err(care_plans::remove(s, Item::Goal, &g.id, "again"));
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert!(e.to_string().contains("No goal has the id"), "{e}");
}

#[test]
fn every_change_keeps_the_plan_as_it_stood() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "C-1", "Rosa", "Delgado", "1961-04-12");
    let s = &mut t.store;
    let g = goal(s, &p.id, "Walk to church without stopping");
    care_plans::update_goal(
        s,
        &g.id,
        &GoalDraft {
            patient_id: p.id.clone(),
            text: "Walk to church and back without stopping".into(),
            ..GoalDraft::default()
        },
    )
    .unwrap();
    let e = err(care_plans::update_goal(
        s,
        &g.id,
        &GoalDraft {
            patient_id: p.id.clone(),
            text: "Walk to church and back without stopping".into(),
            ..GoalDraft::default()
        },
    ));
    assert!(e.to_string().contains("Nothing was changed"), "{e}");

    let versions = s.read(|r| care_plans::versions(r, &p.id)).unwrap();
    let listed: Vec<(i64, &str)> = versions
        .iter()
        .map(|v| (v.version, v.change.as_str()))
        .collect();
    assert_eq!(listed, [(2, "Goal changed"), (1, "Goal added")]);
    let first = s.read(|r| care_plans::version(r, &p.id, 1)).unwrap();
    let plan = first.plan.unwrap();
    assert_eq!(plan["goals"][0]["text"], "Walk to church without stopping");
    assert_eq!(plan["version"], 1);
    let now = s.read(|r| care_plans::plan(r, &p.id)).unwrap();
    assert_eq!(
        now.goals[0].text,
        "Walk to church and back without stopping"
    );
    let e = err(s.read(|r| care_plans::version(r, &p.id, 3)));
    assert_eq!(e.code(), ErrorCode::NotFound);

    // The audit trail says which field changed, from what to what.
    let history = s.read(|r| caseload::patients::history(r, &p.id)).unwrap();
    let change = history
        .iter()
        .find(|h| h.entity == "care_plan_goal" && h.action == "update")
        .unwrap();
    assert_eq!(change.changes[0].field, "text");
    assert_eq!(
        change.changes[0].from.as_deref(),
        Some("Walk to church without stopping")
    );
}

#[test]
fn saving_a_progress_note_discards_its_draft_in_the_same_change() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "C-1", "Rosa", "Delgado", "1961-04-12");
    let key = care_plans::note_draft_key(&p.id);
    t.store
        .save_draft(&key, Some(&p.id), r#"{"text":"Walked twi"}"#)
        .unwrap();
    // A refused note keeps the draft.
    let e = err(care_plans::add_note(
        &mut t.store,
        &NoteDraft {
            patient_id: p.id.clone(),
            written_on: "yesterday-ish".into(),
            text: "Walked twice".into(),
            ..NoteDraft::default()
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["written_on"]);
    assert!(
        t.store
            .read(|r| caseload::store::drafts::get(r, &key))
            .unwrap()
            .is_some()
    );
    care_plans::add_note(
        &mut t.store,
        &NoteDraft {
            patient_id: p.id.clone(),
            text: "Walked twice".into(),
            ..NoteDraft::default()
        },
    )
    .unwrap();
    assert!(
        t.store
            .read(|r| caseload::store::drafts::get(r, &key))
            .unwrap()
            .is_none()
    );
}
