//! Editing a program's thresholds, targets and follow-up, and copying a program: every
//! value checked on its own field, the criteria's shape kept, every change audited.

use caseload::programs::{self, Comparison, Criterion, ProgramEdit};
use caseload::{ErrorCode, Store};

use crate::harness::{TestStore, count, err, fields_of};

pub fn compass_edit(store: &Store) -> ProgramEdit {
    ProgramEdit::of(
        &store
            .read(|r| programs::find(r, "compass"))
            .unwrap()
            .unwrap(),
    )
}

/// The criterion at `path` (child indexes from the root) of an edit.
pub fn leaf<'a>(criteria: &'a mut Criterion, path: &[usize]) -> &'a mut Criterion {
    path.iter().fold(criteria, |c, i| match c {
        Criterion::All { of } | Criterion::Any { of } => &mut of[*i],
        other => other,
    })
}

pub fn set_threshold(criteria: &mut Criterion, path: &[usize], to: f64) {
    match leaf(criteria, path) {
        Criterion::Measure { value, .. } | Criterion::Age { value, .. } => *value = to,
        other => panic!("not a leaf: {other:?}"),
    }
}

pub fn set_window(criteria: &mut Criterion, path: &[usize], days: u32) {
    match leaf(criteria, path) {
        Criterion::Measure { within_days, .. } => *within_days = days,
        other => panic!("not a measure: {other:?}"),
    }
}

#[test]
fn editing_thresholds_saves_them_and_audits_before_and_after() {
    let mut t = TestStore::new();
    let mut edit = compass_edit(&t.store);
    set_threshold(&mut edit.criteria, &[1], 12.0);
    if let Criterion::Measure { op, .. } = leaf(&mut edit.criteria, &[2, 0]) {
        *op = Comparison::Above;
    }
    edit.targets.a1c_below = 7.5;
    edit.follow_up.phq9_overdue_days = 28;
    edit.description = "Edited for our clinic.".into();

    let saved = programs::update_thresholds(&mut t.store, "compass", &edit).unwrap();
    assert!(saved.builtin, "a built-in program stays built in");
    assert!(
        saved
            .criteria_text
            .contains(&"  PHQ-9 ≥ 12 (latest within 90 days)".to_owned())
    );
    assert!(
        saved
            .criteria_text
            .contains(&"    HbA1c > 8 % (latest within 180 days)".to_owned())
    );
    assert_eq!(saved.targets.a1c_below, 7.5);
    assert_eq!(saved.follow_up.phq9_overdue_days, 28);
    assert_eq!(saved.description, "Edited for our clinic.");
    let reread = t
        .store
        .read(|r| programs::find(r, "compass"))
        .unwrap()
        .unwrap();
    assert_eq!(ProgramEdit::of(&reread), edit);

    let (changes,): (String,) = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT changes FROM audit_log WHERE entity = 'program' AND action = 'update'",
            [],
            |r| Ok((r.get(0)?,)),
        )
        .unwrap();
    let changes: Vec<caseload::audit::FieldChange> = serde_json::from_str(&changes).unwrap();
    let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["description", "criteria", "targets", "follow_up"]);
    let criteria = &changes[1];
    let before: Criterion = serde_json::from_str(criteria.from.as_deref().unwrap()).unwrap();
    let after: Criterion = serde_json::from_str(criteria.to.as_deref().unwrap()).unwrap();
    assert_eq!(before.describe()[2], "  PHQ-9 ≥ 10 (latest within 90 days)");
    assert_eq!(after.describe()[2], "  PHQ-9 ≥ 12 (latest within 90 days)");
    assert!(
        changes[2]
            .from
            .as_deref()
            .unwrap()
            .contains("\"a1c_below\":8")
    );
    assert!(
        changes[2]
            .to
            .as_deref()
            .unwrap()
            .contains("\"a1c_below\":7.5")
    );
}

#[test]
fn saving_an_unchanged_program_writes_nothing() {
    let mut t = TestStore::new();
    let audit = count(&t.store, "audit_log");
    let edit = compass_edit(&t.store);
    programs::update_thresholds(&mut t.store, "compass", &edit).unwrap();
    assert_eq!(count(&t.store, "audit_log"), audit);
}

#[test]
fn implausible_values_are_refused_field_by_field_and_nothing_changes() {
    let mut t = TestStore::new();
    let audit = count(&t.store, "audit_log");
    let before = compass_edit(&t.store);
    let mut edit = before.clone();
    edit.name = "  ".into();
    set_threshold(&mut edit.criteria, &[0], 131.0);
    set_threshold(&mut edit.criteria, &[1], 28.0);
    set_window(&mut edit.criteria, &[1], 731);
    set_threshold(&mut edit.criteria, &[2, 0], 2.5);
    set_window(&mut edit.criteria, &[2, 2], 0);
    set_threshold(&mut edit.criteria, &[2, 1], 261.0);
    edit.targets.a1c_below = 25.0;
    edit.targets.phq9_below = -1.0;
    edit.follow_up.phq9_overdue_days = 0;
    edit.follow_up.a1c_overdue_days = 366;
    edit.follow_up.not_improving_weeks = 53;

    let e = err(programs::update_thresholds(&mut t.store, "compass", &edit));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        [
            "name",
            "criteria.0.value",
            "criteria.1.value",
            "criteria.1.within_days",
            "criteria.2.0.value",
            "criteria.2.1.value",
            "criteria.2.2.within_days",
            "targets.phq9_below",
            "targets.a1c_below",
            "follow_up.phq9_overdue_days",
            "follow_up.a1c_overdue_days",
            "follow_up.not_improving_weeks",
        ]
    );
    let message = |field: &str| {
        e.fields()
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.message.clone())
            .unwrap()
    };
    assert_eq!(
        message("criteria.1.value"),
        "The PHQ-9 threshold must be between 0 and 27; 28 is not plausible."
    );
    assert_eq!(
        message("criteria.2.0.value"),
        "The HbA1c threshold must be between 3 and 20 %; 2.5 is not plausible."
    );
    assert!(message("criteria.2.2.within_days").contains("1 and 730 days"));
    assert!(message("targets.a1c_below").contains("HbA1c target"));
    assert!(message("follow_up.not_improving_weeks").contains("1 and 52 weeks"));
    assert_eq!(compass_edit(&t.store), before);
    assert_eq!(count(&t.store, "audit_log"), audit);

    // The edges themselves are plausible.
    let mut edit = before.clone();
    set_threshold(&mut edit.criteria, &[1], 27.0);
    set_window(&mut edit.criteria, &[1], 730);
    set_window(&mut edit.criteria, &[2, 0], 1);
    edit.follow_up.not_improving_weeks = 52;
    edit.follow_up.bp_overdue_days = 365;
    programs::update_thresholds(&mut t.store, "compass", &edit).unwrap();
}

#[test]
fn changing_the_structure_of_the_criteria_is_refused_with_a_reason() {
    let mut t = TestStore::new();
    let before = compass_edit(&t.store);

    let mut swapped = before.clone();
    if let Criterion::Measure { measure, .. } = leaf(&mut swapped.criteria, &[2, 2]) {
        *measure = caseload::programs::Quantity::Ldl;
    }
    let mut shorter = before.clone();
    if let Criterion::Any { of } = leaf(&mut shorter.criteria, &[2]) {
        of.pop();
    }
    let mut regrouped = before.clone();
    if let Criterion::All { of } = before.criteria.clone() {
        regrouped.criteria = Criterion::Any { of };
    }
    for edit in [swapped, shorter, regrouped] {
        let e = err(programs::update_thresholds(&mut t.store, "compass", &edit));
        assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["criteria"]);
        let message = &e.fields()[0].message;
        assert!(message.contains("structure"), "{message}");
        assert!(
            message.contains("threshold"),
            "says what can change: {message}"
        );
    }
    assert_eq!(compass_edit(&t.store), before);
}

#[test]
fn editing_an_unknown_program_is_not_found() {
    let mut t = TestStore::new();
    let edit = compass_edit(&t.store);
    let e = err(programs::update_thresholds(&mut t.store, "nope", &edit));
    assert_eq!(e.code(), ErrorCode::NotFound);
}

#[test]
fn copying_a_program_makes_an_editable_non_builtin_twin() {
    let mut t = TestStore::new();
    let copy = programs::copy(&mut t.store, "compass", "compass-peds", "COMPASS (teens)").unwrap();
    let original = t
        .store
        .read(|r| programs::find(r, "compass"))
        .unwrap()
        .unwrap();
    assert_eq!(copy.code, "compass-peds");
    assert_eq!(copy.name, "COMPASS (teens)");
    assert!(!copy.builtin);
    assert_ne!(copy.id, original.id);
    assert_eq!(copy.criteria, original.criteria);
    assert_eq!(copy.targets, original.targets);
    assert_eq!(copy.follow_up, original.follow_up);
    assert_eq!(copy.description, original.description);
    assert_eq!(t.store.read(programs::list).unwrap().len(), 3);

    // The copy is edited on its own; the original keeps its thresholds.
    let mut edit = ProgramEdit::of(&copy);
    set_threshold(&mut edit.criteria, &[0], 12.0);
    programs::update_thresholds(&mut t.store, "compass-peds", &edit).unwrap();
    assert_eq!(compass_edit(&t.store).criteria, original.criteria);

    let (action, changes): (String, String) = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT action, changes FROM audit_log WHERE entity = 'program' AND entity_id = ?1
             ORDER BY rowid LIMIT 1",
            [&copy.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(action, "create");
    assert!(
        changes.contains("copied_from") && changes.contains("\"compass\""),
        "{changes}"
    );
}

#[test]
fn a_copy_needs_a_free_well_formed_code_and_a_name() {
    let mut t = TestStore::new();
    let programs_before = count(&t.store, "programs");
    for (code, name, fields) in [
        ("Compass-2", "Ours", vec!["code"]),
        ("c", "Ours", vec!["code"]),
        (&"x".repeat(33) as &str, "Ours", vec!["code"]),
        ("our program", "Ours", vec!["code"]),
        ("teamcare", "Ours", vec!["code"]),
        ("ours", "", vec!["name"]),
        ("ours", "compass", vec!["name"]),
        ("", "", vec!["code", "name"]),
    ] {
        let e = err(programs::copy(&mut t.store, "compass", code, name));
        assert_eq!(
            fields_of(&e, ErrorCode::InvalidInput),
            fields,
            "{code:?} {name:?}"
        );
    }
    let e = err(programs::copy(&mut t.store, "compass", "teamcare", "Ours"));
    assert!(e.to_string().contains("already exists"), "{e}");
    let e = err(programs::copy(&mut t.store, "compass", "bad code", "Ours"));
    assert!(
        e.to_string()
            .contains("lowercase letters, digits or hyphens"),
        "{e}"
    );
    let e = err(programs::copy(&mut t.store, "nope", "ours", "Ours"));
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert_eq!(count(&t.store, "programs"), programs_before);

    programs::copy(&mut t.store, "teamcare", "ours-2", "Ours").unwrap();
}
