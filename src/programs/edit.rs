//! Editing a program in Settings, and starting a new program as a copy of one.
//!
//! Thresholds are program data: a coordinator can move COMPASS's PHQ-9 cut-off or an
//! HbA1c target without a new release, built-in programs included. What a criterion
//! *looks at* (which measures, how groups combine) is not edited here: an edit must
//! keep the stored tree's structure and may change only each leaf's comparison,
//! threshold and look-back window. Every value is checked against a plausible range
//! and reported on its own field (`criteria.1.value`, `targets.a1c_below`, ...), so the
//! form can show the message next to the input.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Criterion, FollowUp, Program, Quantity, Targets};
use crate::audit::{self, AuditEntry, FieldChange};
use crate::error::{Error, FieldError, Result};
use crate::store::{Reader, Store};

/// What the "Edit thresholds" form sends: the whole program as it should be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgramEdit {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The stored criteria tree with new comparisons, thresholds and windows.
    pub criteria: Criterion,
    pub targets: Targets,
    #[serde(default)]
    pub follow_up: FollowUp,
}

impl ProgramEdit {
    /// The program as it is now, as a starting point for the form.
    pub fn of(program: &Program) -> ProgramEdit {
        ProgramEdit {
            name: program.name.clone(),
            description: program.description.clone(),
            criteria: program.criteria.clone(),
            targets: program.targets.clone(),
            follow_up: program.follow_up.clone(),
        }
    }
}

const NAME_MAX: usize = 80;
const DESCRIPTION_MAX: usize = 1000;
const WINDOW_DAYS: (f64, f64) = (1.0, 730.0);
const FOLLOW_UP_DAYS: (u32, u32) = (1, 365);
const FOLLOW_UP_WEEKS: (u32, u32) = (1, 52);

/// Saves new thresholds, targets and follow-up settings for the program `code`. The
/// audit entry keeps the criteria, targets and follow-up before and after, as JSON.
/// Saving an unchanged program writes nothing.
pub fn update_thresholds(store: &mut Store, code: &str, edit: &ProgramEdit) -> Result<Program> {
    let (current, mut errors) = store.read(|r| {
        let current = existing(r, code)?;
        let mut errors = Vec::new();
        check_name(r, &edit.name, Some(&current.id), &mut errors);
        Ok((current, errors))
    })?;
    if edit.description.trim().chars().count() > DESCRIPTION_MAX {
        errors.push(FieldError::new(
            "description",
            format!("The description is longer than {DESCRIPTION_MAX} characters."),
        ));
    }
    check_criteria(&current.criteria, &edit.criteria, &mut errors);
    check_targets(&edit.targets, &mut errors);
    check_follow_up(&edit.follow_up, &mut errors);
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }

    let (name, description) = (edit.name.trim(), edit.description.trim());
    let before = [
        to_json(&current.criteria)?,
        to_json(&current.targets)?,
        to_json(&current.follow_up)?,
    ];
    let after = [
        to_json(&edit.criteria)?,
        to_json(&edit.targets)?,
        to_json(&edit.follow_up)?,
    ];
    let changes = audit::diff(&[
        ("name", Some(&current.name), Some(name)),
        ("description", Some(&current.description), Some(description)),
        ("criteria", Some(&before[0]), Some(&after[0])),
        ("targets", Some(&before[1]), Some(&after[1])),
        ("follow_up", Some(&before[2]), Some(&after[2])),
    ]);
    if changes.is_empty() {
        return Ok(current);
    }
    store.write(|w| {
        let changed = w.tx().execute(
            "UPDATE programs SET name = ?2, description = ?3, criteria = ?4, targets = ?5,
                 follow_up = ?6, updated_at = ?7
             WHERE id = ?1 AND deleted_at IS NULL",
            params![
                current.id,
                name,
                description,
                after[0],
                after[1],
                after[2],
                w.now_text()
            ],
        )?;
        if changed != 1 {
            return Err(Error::NotFound(format!(
                "The program \"{}\" no longer exists.",
                current.code
            )));
        }
        w.audit(AuditEntry {
            entity: "program",
            entity_id: current.id.clone(),
            patient_id: None,
            action: "update".into(),
            changes,
        })
    })?;
    store.read(|r| existing(r, &current.code))
}

/// Starts a new program as a copy of `from_code`: same criteria, targets and follow-up
/// settings, a new code and name, and never built in (so it could later be removed).
pub fn copy(store: &mut Store, from_code: &str, new_code: &str, new_name: &str) -> Result<Program> {
    let code = new_code.trim();
    let (source, errors) = store.read(|r| {
        let source = existing(r, from_code)?;
        let mut errors = Vec::new();
        if let Some(problem) = code_problem(code) {
            errors.push(FieldError::new("code", problem));
        } else if code_taken(r, code)? {
            errors.push(FieldError::new(
                "code",
                format!("A program with the code \"{code}\" already exists; choose another code."),
            ));
        }
        check_name(r, new_name, None, &mut errors);
        Ok((source, errors))
    })?;
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let criteria = to_json(&source.criteria)?;
    let targets = to_json(&source.targets)?;
    let follow_up = to_json(&source.follow_up)?;
    let name = new_name.trim();
    store.write(|w| {
        let id = crate::ids::new_id();
        w.tx().execute(
            "INSERT INTO programs (id, code, name, description, criteria, targets, follow_up,
                 builtin, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?8)",
            params![
                id,
                code,
                name,
                source.description,
                criteria,
                targets,
                follow_up,
                w.now_text()
            ],
        )?;
        let set = |field: &str, to: &str| FieldChange {
            field: field.into(),
            from: None,
            to: Some(to.to_owned()),
        };
        w.audit(AuditEntry {
            entity: "program",
            entity_id: id,
            patient_id: None,
            action: "create".into(),
            changes: vec![
                set("code", code),
                set("name", name),
                set("copied_from", &source.code),
            ],
        })
    })?;
    store.read(|r| existing(r, code))
}

fn existing(r: &Reader<'_>, code: &str) -> Result<Program> {
    super::find(r, code)?
        .ok_or_else(|| Error::NotFound(format!("There is no program \"{}\".", code.trim())))
}

/// Why `code` cannot name a program, if it cannot.
fn code_problem(code: &str) -> Option<String> {
    if code.is_empty() {
        return Some("A code is required, e.g. compass-peds.".into());
    }
    let allowed = code
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let length = code.chars().count();
    if !allowed || !(2..=32).contains(&length) {
        return Some(format!(
            "\"{code}\" cannot be a program code: use 2–32 lowercase letters, digits or hyphens, e.g. compass-peds."
        ));
    }
    None
}

/// Codes stay unique even after a program is removed (the store enforces it).
fn code_taken(r: &Reader<'_>, code: &str) -> Result<bool> {
    Ok(r.conn()
        .query_row(
            "SELECT 1 FROM programs WHERE lower(code) = lower(?1)",
            [code],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

fn check_name(r: &Reader<'_>, name: &str, except_id: Option<&str>, errors: &mut Vec<FieldError>) {
    let name = name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("name", "A program name is required."));
        return;
    }
    if name.chars().count() > NAME_MAX {
        errors.push(FieldError::new(
            "name",
            format!("The name is longer than {NAME_MAX} characters."),
        ));
        return;
    }
    // Two programs with one name could not be told apart in a list; a failed lookup
    // only skips this check, the store has no rule to break.
    let clash = r
        .conn()
        .query_row(
            "SELECT 1 FROM programs WHERE lower(name) = lower(?1) AND deleted_at IS NULL
               AND id IS NOT ?2",
            params![name, except_id],
            |_| Ok(()),
        )
        .optional()
        .ok()
        .flatten()
        .is_some();
    if clash {
        errors.push(FieldError::new(
            "name",
            format!("Another program is already called \"{name}\"."),
        ));
    }
}

/// The criteria keep the stored structure; each leaf's numbers are plausible.
fn check_criteria(stored: &Criterion, edited: &Criterion, errors: &mut Vec<FieldError>) {
    if !same_structure(stored, edited) {
        errors.push(FieldError::new(
            "criteria",
            "The structure of the criteria cannot change here (which measures are screened and \
             how they are grouped); only each criterion's comparison, threshold and look-back \
             window can be edited.",
        ));
        return;
    }
    let before = errors.len();
    check_leaves(edited, "criteria", errors);
    if errors.len() == before
        && let Err(problem) = edited.check()
    {
        errors.push(FieldError::new("criteria", problem));
    }
}

fn same_structure(a: &Criterion, b: &Criterion) -> bool {
    match (a, b) {
        (Criterion::All { of: x }, Criterion::All { of: y })
        | (Criterion::Any { of: x }, Criterion::Any { of: y }) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_structure(a, b))
        }
        (Criterion::Age { .. }, Criterion::Age { .. }) => true,
        (Criterion::Measure { measure: m, .. }, Criterion::Measure { measure: n, .. }) => m == n,
        _ => false,
    }
}

fn check_leaves(criterion: &Criterion, path: &str, errors: &mut Vec<FieldError>) {
    match criterion {
        Criterion::All { of } | Criterion::Any { of } => {
            for (i, child) in of.iter().enumerate() {
                check_leaves(child, &format!("{path}.{i}"), errors);
            }
        }
        Criterion::Age { value, .. } => {
            in_range(
                errors,
                &format!("{path}.value"),
                "The age threshold",
                *value,
                (0.0, 130.0),
                " years",
            );
        }
        Criterion::Measure {
            measure,
            value,
            within_days,
            ..
        } => {
            in_range(
                errors,
                &format!("{path}.value"),
                &format!("The {} threshold", measure.label()),
                *value,
                measure.range(),
                &super::criteria::spaced_unit(*measure),
            );
            in_range(
                errors,
                &format!("{path}.within_days"),
                &format!("The look-back window for {}", measure.label()),
                f64::from(*within_days),
                WINDOW_DAYS,
                " days",
            );
        }
    }
}

fn check_targets(targets: &Targets, errors: &mut Vec<FieldError>) {
    for (field, measure, value) in [
        ("targets.phq9_below", Quantity::Phq9, targets.phq9_below),
        ("targets.a1c_below", Quantity::A1c, targets.a1c_below),
        ("targets.sbp_below", Quantity::Sbp, targets.sbp_below),
        ("targets.dbp_below", Quantity::Dbp, targets.dbp_below),
    ] {
        in_range(
            errors,
            field,
            &format!("The {} target", measure.label()),
            value,
            measure.range(),
            &super::criteria::spaced_unit(measure),
        );
    }
    if targets.dbp_below >= targets.sbp_below
        && !errors.iter().any(|e| e.field.ends_with("bp_below"))
    {
        errors.push(FieldError::new(
            "targets.dbp_below",
            "The diastolic BP target must be below the systolic BP target.",
        ));
    }
}

fn check_follow_up(follow_up: &FollowUp, errors: &mut Vec<FieldError>) {
    for (field, label, value) in [
        (
            "follow_up.baseline_window_days",
            "The baseline window",
            follow_up.baseline_window_days,
        ),
        (
            "follow_up.phq9_overdue_days",
            "PHQ-9 overdue after",
            follow_up.phq9_overdue_days,
        ),
        (
            "follow_up.a1c_overdue_days",
            "HbA1c overdue after",
            follow_up.a1c_overdue_days,
        ),
        (
            "follow_up.bp_overdue_days",
            "Blood pressure overdue after",
            follow_up.bp_overdue_days,
        ),
    ] {
        let (low, high) = FOLLOW_UP_DAYS;
        in_range(
            errors,
            field,
            label,
            f64::from(value),
            (f64::from(low), f64::from(high)),
            " days",
        );
    }
    for (field, label, value, (low, high), unit) in [
        (
            "follow_up.contact_active_days",
            "Contact every (active)",
            follow_up.contact_active_days,
            FOLLOW_UP_DAYS,
            " days",
        ),
        (
            "follow_up.contact_screening_days",
            "Contact every (screening)",
            follow_up.contact_screening_days,
            FOLLOW_UP_DAYS,
            " days",
        ),
        (
            "follow_up.contact_relapse_watch_days",
            "Contact every (relapse watch)",
            follow_up.contact_relapse_watch_days,
            FOLLOW_UP_DAYS,
            " days",
        ),
        (
            "follow_up.letter_after_attempts",
            "Letter after",
            follow_up.letter_after_attempts,
            (1, 10),
            " unreached attempts",
        ),
        (
            "follow_up.unreachable_after_letter_days",
            "Consider unreachable after",
            follow_up.unreachable_after_letter_days,
            FOLLOW_UP_DAYS,
            " days",
        ),
        (
            "follow_up.no_contact_days",
            "No contact after",
            follow_up.no_contact_days,
            FOLLOW_UP_DAYS,
            " days",
        ),
        (
            "follow_up.discharge_follow_up_business_days",
            "Discharge follow-up within",
            follow_up.discharge_follow_up_business_days,
            (1, 10),
            " business days",
        ),
    ] {
        in_range(
            errors,
            field,
            label,
            f64::from(value),
            (f64::from(low), f64::from(high)),
            unit,
        );
    }
    let (low, high) = FOLLOW_UP_WEEKS;
    in_range(
        errors,
        "follow_up.not_improving_weeks",
        "Not improving after",
        f64::from(follow_up.not_improving_weeks),
        (f64::from(low), f64::from(high)),
        " weeks",
    );
}

fn in_range(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    value: f64,
    (low, high): (f64, f64),
    unit: &str,
) {
    if !value.is_finite() {
        errors.push(FieldError::new(field, format!("{label} must be a number.")));
    } else if !(low..=high).contains(&value) {
        errors.push(FieldError::new(
            field,
            format!(
                "{label} must be between {} and {}{unit}; {} is not plausible.",
                number(low),
                number(high),
                number(value)
            ),
        ));
    }
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

/// A program part as the JSON stored in its column.
fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programs::Comparison;

    fn compass() -> Criterion {
        serde_json::from_str::<serde_json::Value>(include_str!(
            "../../assets/programs/compass.json"
        ))
        .ok()
        .and_then(|v| serde_json::from_value(v["criteria"].clone()).ok())
        .unwrap_or(Criterion::All { of: vec![] })
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn leaf_numbers_may_change_but_not_the_measures_or_groups() {
        let stored = compass();
        let mut edited = stored.clone();
        if let Criterion::All { of } = &mut edited
            && let Criterion::Measure {
                op,
                value,
                within_days,
                ..
            } = &mut of[1]
        {
            *op = Comparison::Above;
            *value = 12.0;
            *within_days = 60;
        }
        assert!(same_structure(&stored, &edited));

        let mut swapped = stored.clone();
        if let Criterion::All { of } = &mut swapped
            && let Criterion::Measure { measure, .. } = &mut of[1]
        {
            *measure = Quantity::Gad7;
        }
        assert!(!same_structure(&stored, &swapped));

        let mut regrouped = stored.clone();
        if let Criterion::All { of } = &mut regrouped {
            of.pop();
        }
        assert!(!same_structure(&stored, &regrouped));
        let any = Criterion::Any {
            of: match stored.clone() {
                Criterion::All { of } => of,
                other => vec![other],
            },
        };
        assert!(!same_structure(&stored, &any));
    }

    #[test]
    fn thresholds_and_windows_are_checked_per_leaf_with_a_path() {
        let mut edited = compass();
        if let Criterion::All { of } = &mut edited {
            if let Criterion::Measure { value, .. } = &mut of[1] {
                *value = 28.0;
            }
            if let Criterion::Any { of } = &mut of[2]
                && let Criterion::Measure {
                    within_days, value, ..
                } = &mut of[0]
            {
                *within_days = 731;
                *value = 2.9;
            }
            if let Criterion::Age { value, .. } = &mut of[0] {
                *value = 131.0;
            }
        }
        let mut errors = Vec::new();
        check_criteria(&compass(), &edited, &mut errors);
        assert_eq!(
            fields(&errors),
            [
                "criteria.0.value",
                "criteria.1.value",
                "criteria.2.0.value",
                "criteria.2.0.within_days"
            ]
        );
        assert!(errors[1].message.contains("PHQ-9"), "{}", errors[1].message);
        assert!(
            errors[1].message.contains("0 and 27"),
            "{}",
            errors[1].message
        );
        assert!(
            errors[3].message.contains("1 and 730 days"),
            "{}",
            errors[3].message
        );
    }

    #[test]
    fn range_edges_are_inclusive() {
        for (value, ok) in [(0.0, true), (27.0, true), (-0.5, false), (27.5, false)] {
            let mut errors = Vec::new();
            in_range(&mut errors, "f", "PHQ-9", value, (0.0, 27.0), "");
            assert_eq!(errors.is_empty(), ok, "{value}");
        }
    }

    #[test]
    fn codes_are_short_lowercase_words() {
        assert_eq!(code_problem("compass-peds"), None);
        assert_eq!(code_problem("c2"), None);
        assert_eq!(code_problem(&"a".repeat(32)), None);
        assert!(code_problem("c").is_some());
        assert!(code_problem(&"a".repeat(33)).is_some());
        assert!(code_problem("Compass").is_some());
        assert!(code_problem("compass peds").is_some());
        assert!(code_problem("compass_peds").is_some());
        assert!(code_problem("").is_some());
    }

    #[test]
    fn diastolic_target_must_be_below_systolic() {
        let mut errors = Vec::new();
        check_targets(
            &Targets {
                phq9_below: 5.0,
                a1c_below: 8.0,
                sbp_below: 130.0,
                dbp_below: 130.0,
            },
            &mut errors,
        );
        assert_eq!(fields(&errors), ["targets.dbp_below"]);
    }
}
