//! Goals in the patient's own words, each with an optional measurable target, a due
//! date, who expressed it, and where it stands (FHIR Goal lifecycle and achievement).
//! Editing a goal's words or target and moving it through its lifecycle are separate
//! changes, as on the form: a move is checked against the lifecycle's machine.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::items::{self, Item};
use super::read::{self, Goal};
use super::target::{self, Target};
use super::vocabulary::{Achievement, ActionStatus, ExpressedBy, GoalLifecycle};
use crate::audit::AuditEntry;
use crate::catalogue::Quantity;
use crate::error::{Error, FieldError, Result};
use crate::store::{Store, Writer};

/// The goal form as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct GoalDraft {
    pub patient_id: String,
    /// The concern the goal answers (optional).
    pub concern_id: String,
    /// In the patient's words: "walk to church without stopping".
    pub text: String,
    /// A registry measure (`phq9`, `a1c`, `sbp`, `dbp`, `gad7`, `ldl`, `weight`), or
    /// empty for a number the patient chose (then `target_label` says what is counted).
    pub measure: String,
    /// "<5", "< 7.5", ">= 30"; empty for a goal without a number.
    pub target: String,
    pub target_label: String,
    pub target_unit: String,
    pub due: String,
    /// patient (default), family or clinician.
    pub expressed_by: String,
    /// Only when adding: where the goal starts (default active).
    pub lifecycle: String,
    /// Only when adding: in-progress by default for an active goal.
    pub achievement: String,
}

/// A move through the lifecycle and/or a new achievement status ("" = unchanged).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct GoalMove {
    pub lifecycle: String,
    pub achievement: String,
}

pub(super) struct Valid {
    pub concern_id: Option<String>,
    pub text: String,
    pub target: Option<Target>,
    pub due_on: Option<jiff::civil::Date>,
    pub expressed_by: ExpressedBy,
}

fn measure(text: &str) -> Option<Quantity> {
    let wanted = text.trim().to_lowercase().replace([' ', '_'], "-");
    Quantity::ALL.iter().copied().find(|q| {
        q.as_str() == wanted
            || q.label().to_lowercase().replace(' ', "-") == wanted
            || q.kind().as_str() == wanted && q.kind().quantities().len() == 1
    })
}

fn validate(d: &GoalDraft) -> std::result::Result<Valid, Vec<FieldError>> {
    let mut errors = Vec::new();
    let text = items::required_text(
        &mut errors,
        "text",
        "Write the goal as the patient says it.",
        &d.text,
        500,
    );
    let quantity = match d.measure.trim() {
        "" => None,
        t => measure(t).or_else(|| {
            let names: Vec<&str> = Quantity::ALL.iter().map(|q| q.as_str()).collect();
            errors.push(FieldError::new(
                "measure",
                format!(
                    "\"{t}\" is not a registry measure; use one of: {} (or leave it empty for a number the patient chooses).",
                    names.join(", ")
                ),
            ));
            None
        }),
    };
    let target = match d.target.trim() {
        "" => {
            if quantity.is_some() {
                errors.push(FieldError::new(
                    "target",
                    "Give the target for this measure, like \"<5\".",
                ));
            }
            None
        }
        t => match target::parse_target("target", t) {
            Err(e) => {
                errors.push(e);
                None
            }
            Ok((comparator, value)) => match quantity {
                Some(q) => {
                    let (low, high) = q.range();
                    if value < low || value > high {
                        errors.push(FieldError::new(
                            "target",
                            format!(
                                "A {} target must be between {} and {}.",
                                q.label(),
                                crate::measures::number(low),
                                crate::measures::number(high)
                            ),
                        ));
                        None
                    } else {
                        Some(Target::new(
                            Some(q),
                            q.label().to_owned(),
                            comparator,
                            value,
                            q.unit().to_owned(),
                        ))
                    }
                }
                // A measure that was named but not understood already has its message.
                None if !d.measure.trim().is_empty() => None,
                None => {
                    let label = items::required_text(
                        &mut errors,
                        "target_label",
                        "Say what the number counts (\"minutes walked a day\"), or choose a registry measure.",
                        &d.target_label,
                        80,
                    );
                    let unit = crate::text::optional(
                        &mut errors,
                        "target_unit",
                        "The unit",
                        &d.target_unit,
                        20,
                    );
                    label.map(|l| Target::new(None, l, comparator, value, unit.unwrap_or_default()))
                }
            },
        },
    };
    let due_on = items::optional_date(&mut errors, "due", "The due date", &d.due);
    let expressed_by = items::term(
        &mut errors,
        "expressed_by",
        &d.expressed_by,
        Some(ExpressedBy::Patient),
        ExpressedBy::parse,
        ExpressedBy::unknown,
        "",
    );
    let concern_id = Some(d.concern_id.trim().to_owned()).filter(|c| !c.is_empty());
    match (text, expressed_by) {
        (Some(text), Some(expressed_by)) if errors.is_empty() => Ok(Valid {
            concern_id,
            text,
            target,
            due_on,
            expressed_by,
        }),
        _ => Err(errors),
    }
}

fn target_text(t: Option<&Target>) -> Option<String> {
    t.map(|t| t.text.clone())
}

fn changes(before: Option<&Goal>, after: &Valid) -> Vec<crate::audit::FieldChange> {
    let due_before = before.and_then(|b| b.due_on.map(|d| d.to_string()));
    let due_after = after.due_on.map(|d| d.to_string());
    let target_before = before.and_then(|b| target_text(b.target.as_ref()));
    let target_after = target_text(after.target.as_ref());
    crate::audit::diff(&[
        (
            "text",
            before.map(|b| b.text.as_str()),
            Some(after.text.as_str()),
        ),
        (
            "concern",
            before.and_then(|b| b.concern_id.as_deref()),
            after.concern_id.as_deref(),
        ),
        ("target", target_before.as_deref(), target_after.as_deref()),
        ("due", due_before.as_deref(), due_after.as_deref()),
        (
            "expressed_by",
            before.map(|b| b.expressed_by.as_str()),
            Some(after.expressed_by.as_str()),
        ),
    ])
}

/// Checks that the concern a goal answers is this patient's.
fn check_concern(
    r: &crate::store::Reader<'_>,
    patient_id: &str,
    concern_id: Option<&str>,
) -> Result<()> {
    if let Some(c) = concern_id
        && items::patient_of(r, Item::Concern, c).ok().as_deref() != Some(patient_id)
    {
        return Err(Error::invalid(
            "concern_id",
            "That concern is not on this patient's plan.",
        ));
    }
    Ok(())
}

pub fn add_goal(store: &mut Store, draft: &GoalDraft) -> Result<Goal> {
    let mut errors = Vec::new();
    let lifecycle = items::term(
        &mut errors,
        "lifecycle",
        &draft.lifecycle,
        Some(GoalLifecycle::Active),
        GoalLifecycle::parse,
        GoalLifecycle::unknown,
        "",
    );
    let achievement = match draft.achievement.trim() {
        "" => None,
        t => Achievement::parse(t).or_else(|| {
            errors.push(FieldError::new("achievement", Achievement::unknown(t)));
            None
        }),
    };
    let valid = match validate(draft) {
        Ok(v) if errors.is_empty() => v,
        Ok(_) => return Err(Error::Invalid(errors)),
        Err(mut more) => {
            errors.append(&mut more);
            return Err(Error::Invalid(errors));
        }
    };
    let lifecycle = lifecycle.unwrap_or(GoalLifecycle::Active);
    if lifecycle == GoalLifecycle::Completed && !achievement.is_some_and(Achievement::closes) {
        return Err(Error::invalid(
            "achievement",
            "A goal recorded as completed says whether it was achieved (achieved or not-achieved).",
        ));
    }
    let achievement =
        achievement.or((lifecycle == GoalLifecycle::Active).then_some(Achievement::InProgress));
    let id = store.write(|w| {
        crate::patients::get(&w.reader(), &draft.patient_id)?;
        check_concern(&w.reader(), &draft.patient_id, valid.concern_id.as_deref())?;
        let id = crate::ids::new_id();
        w.tx().execute(
            "INSERT INTO care_plan_goals (id, patient_id, text, expressed_by, lifecycle, achievement,
               start_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                id,
                draft.patient_id,
                valid.text,
                valid.expressed_by.as_str(),
                lifecycle.as_str(),
                achievement.map(Achievement::as_str),
                w.today().to_string(),
                w.now_text()
            ],
        )?;
        write_form(w, &id, &valid)?;
        let mut changes = changes(None, &valid);
        changes.extend(crate::audit::diff(&[
            ("lifecycle", None, Some(lifecycle.as_str())),
            ("achievement", None, achievement.map(Achievement::as_str)),
        ]));
        items::record(w, &draft.patient_id, Item::Goal, &id, "create", changes, "Goal added")?;
        Ok(id)
    })?;
    store.read(|r| read::goal(r, &id))
}

/// Writes what the goal form edits (words, concern, target, due date, who expressed it)
/// onto the goal's row: the one place adding and changing a goal store them.
fn write_form(w: &Writer<'_>, id: &str, valid: &Valid) -> Result<()> {
    let t = valid.target.as_ref();
    // A registry target is kept by its measure; the patient's own number by its words.
    let own = t.filter(|t| t.measure.is_none());
    w.tx().execute(
        "UPDATE care_plan_goals SET concern_id = ?2, text = ?3, measure = ?4, target_label = ?5,
           comparator = ?6, target_value = ?7, target_unit = ?8, due_on = ?9, expressed_by = ?10,
           updated_at = ?11 WHERE id = ?1",
        params![
            id,
            valid.concern_id,
            valid.text,
            t.and_then(|t| t.measure.map(Quantity::as_str)),
            own.map(|t| t.label.as_str()),
            t.map(|t| t.comparator.as_str()),
            t.map(|t| t.value),
            own.map(|t| t.unit.as_str()),
            valid.due_on.map(|d| d.to_string()),
            valid.expressed_by.as_str(),
            w.now_text()
        ],
    )?;
    Ok(())
}

/// Changes a goal's words, target, due date, concern or who expressed it.
pub fn update_goal(store: &mut Store, id: &str, draft: &GoalDraft) -> Result<Goal> {
    let valid = validate(draft).map_err(Error::Invalid)?;
    store.write(|w| {
        let before = read::goal(&w.reader(), id)?;
        check_concern(&w.reader(), &before.patient_id, valid.concern_id.as_deref())?;
        let changes = changes(Some(&before), &valid);
        if changes.is_empty() {
            return Err(Error::invalid("text", "Nothing was changed."));
        }
        write_form(w, id, &valid)?;
        items::record(
            w,
            &before.patient_id,
            Item::Goal,
            id,
            "update",
            changes,
            "Goal changed",
        )
    })?;
    store.read(|r| read::goal(r, id))
}

/// Moves a goal through its lifecycle and/or records how it is going. Completing a goal
/// says whether it was achieved; cancelling it cancels its open actions in the same
/// change (nobody should go on doing them).
pub fn move_goal(store: &mut Store, id: &str, to: &GoalMove) -> Result<Goal> {
    let mut errors = Vec::new();
    let lifecycle = match to.lifecycle.trim() {
        "" => None,
        t => GoalLifecycle::parse(t).or_else(|| {
            errors.push(FieldError::new("lifecycle", GoalLifecycle::unknown(t)));
            None
        }),
    };
    let achievement = match to.achievement.trim() {
        "" => None,
        t => Achievement::parse(t).or_else(|| {
            errors.push(FieldError::new("achievement", Achievement::unknown(t)));
            None
        }),
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    store.write(|w| {
        let before = read::goal(&w.reader(), id)?;
        let (was, was_achieving) = (before.lifecycle.value, before.achievement.map(|a| a.value));
        let new_lifecycle = lifecycle.unwrap_or(was);
        if let Some(l) = lifecycle
            && l != was
            && !was.allowed(l)
        {
            return Err(Error::InvalidTransition(format!(
                "A goal that is {} cannot become {}; it can become: {}.",
                was.label().to_lowercase(),
                l.label().to_lowercase(),
                moves(&was.next())
            )));
        }
        let new_achievement = achievement.or(was_achieving);
        if new_lifecycle == GoalLifecycle::Completed
            && before.lifecycle != GoalLifecycle::Completed
            && !new_achievement.is_some_and(Achievement::closes)
        {
            return Err(Error::invalid(
                "achievement",
                "Say whether the goal was achieved: achieved or not-achieved.",
            ));
        }
        let changes = crate::audit::diff(&[
            ("lifecycle", Some(before.lifecycle.as_str()), Some(new_lifecycle.as_str())),
            (
                "achievement",
                was_achieving.map(Achievement::as_str),
                new_achievement.map(Achievement::as_str),
            ),
        ]);
        if changes.is_empty() {
            return Err(Error::invalid("lifecycle", "Nothing was changed."));
        }
        w.tx().execute(
            "UPDATE care_plan_goals SET lifecycle = ?2, achievement = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, new_lifecycle.as_str(), new_achievement.map(Achievement::as_str), w.now_text()],
        )?;
        if new_lifecycle == GoalLifecycle::Cancelled && before.lifecycle != GoalLifecycle::Cancelled {
            for action in before.actions.iter().filter(|a| a.status.is_open()) {
                w.tx().execute(
                    "UPDATE care_plan_actions SET status = 'cancelled', updated_at = ?2 WHERE id = ?1",
                    params![action.id, w.now_text()],
                )?;
                w.audit(AuditEntry {
                    entity: Item::Action.entity(),
                    entity_id: action.id.clone(),
                    patient_id: Some(before.patient_id.clone()),
                    action: "status".into(),
                    changes: crate::audit::diff(&[(
                        "status",
                        Some(action.status.as_str()),
                        Some(ActionStatus::Cancelled.as_str()),
                    )]),
                })?;
            }
        }
        let summary = match lifecycle {
            Some(l) if l != was => format!("Goal {}", l.label().to_lowercase()),
            _ => "Goal progress recorded".to_owned(),
        };
        items::record(w, &before.patient_id, Item::Goal, id, "status", changes, &summary)
    })?;
    store.read(|r| read::goal(r, id))
}

/// The moves a refusal offers instead, or what to do when there are none.
fn moves(next: &[GoalLifecycle]) -> String {
    if next.is_empty() {
        return "nothing else (add a new goal instead)".to_owned();
    }
    next.iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
