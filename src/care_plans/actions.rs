//! Actions under a goal: what will be done, by which role on the care team, by when,
//! and where it stands. The coordinator's own actions that fall due are Today's lines;
//! any action past due is a prep item for the patient's next visit.

use jiff::civil::Date;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::items::{self, Item};
use super::read::{self, PlanAction};
use super::vocabulary::{ActionStatus, Role};
use crate::error::{Error, FieldError, Result};
use crate::store::{Reader, Store};

/// The action form as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ActionDraft {
    /// The goal it works towards (only when adding).
    pub goal_id: String,
    pub text: String,
    /// coordinator, pcp, psychiatrist, social-worker, pharmacist, patient or family.
    pub owner: String,
    pub due: String,
    /// Only when adding: not-started by default.
    pub status: String,
}

struct Valid {
    text: String,
    owner: Role,
    due_on: Option<Date>,
}

fn validate(d: &ActionDraft, errors: &mut Vec<FieldError>) -> Option<Valid> {
    let text = items::required_text(errors, "text", "Say what will be done.", &d.text, 500);
    let owner = items::term(
        errors,
        "owner",
        &d.owner,
        None,
        Role::parse,
        Role::unknown,
        "Say who will do it: coordinator, pcp, psychiatrist, social-worker, pharmacist, patient or family.",
    );
    if owner == Some(Role::Other) {
        errors.push(FieldError::new(
            "owner",
            "An action belongs to one of the care team's roles: coordinator, pcp, psychiatrist, social-worker, pharmacist, patient or family.",
        ));
    }
    let due_on = items::optional_date(errors, "due", "The due date", &d.due);
    match (text, owner) {
        (Some(text), Some(owner)) if errors.is_empty() => Some(Valid {
            text,
            owner,
            due_on,
        }),
        _ => None,
    }
}

fn changes(before: Option<&PlanAction>, after: &Valid) -> Vec<crate::audit::FieldChange> {
    let due_before = before.and_then(|b| b.due_on.map(|d| d.to_string()));
    let due_after = after.due_on.map(|d| d.to_string());
    crate::audit::diff(&[
        (
            "text",
            before.map(|b| b.text.as_str()),
            Some(after.text.as_str()),
        ),
        (
            "owner",
            before.map(|b| b.owner.as_str()),
            Some(after.owner.as_str()),
        ),
        ("due", due_before.as_deref(), due_after.as_deref()),
    ])
}

pub fn add_action(store: &mut Store, draft: &ActionDraft) -> Result<PlanAction> {
    let mut errors = Vec::new();
    let status = items::term(
        &mut errors,
        "status",
        &draft.status,
        Some(ActionStatus::NotStarted),
        ActionStatus::parse,
        ActionStatus::unknown,
        "",
    );
    if draft.goal_id.trim().is_empty() {
        errors.push(FieldError::new(
            "goal_id",
            "Choose the goal this action works towards.",
        ));
    }
    let valid = validate(draft, &mut errors);
    let (Some(valid), Some(status)) = (valid, status) else {
        return Err(Error::Invalid(errors));
    };
    let goal_id = draft.goal_id.trim();
    let id = store.write(|w| {
        let goal = read::goal(&w.reader(), goal_id)?;
        if !goal.lifecycle.is_open() {
            return Err(Error::invalid(
                "goal_id",
                format!(
                    "That goal is {}; take it up again before adding actions to it.",
                    goal.lifecycle.label().to_lowercase()
                ),
            ));
        }
        let id = crate::ids::new_id();
        let completed_on = (status == ActionStatus::Completed).then(|| w.today().to_string());
        w.tx().execute(
            "INSERT INTO care_plan_actions (id, patient_id, goal_id, text, owner, due_on, status, completed_on,
               created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                id,
                goal.patient_id,
                goal_id,
                valid.text,
                valid.owner.as_str(),
                valid.due_on.map(|d| d.to_string()),
                status.as_str(),
                completed_on,
                w.now_text()
            ],
        )?;
        let mut changes = changes(None, &valid);
        changes.extend(crate::audit::diff(&[("status", None, Some(status.as_str()))]));
        items::record(w, &goal.patient_id, Item::Action, &id, "create", changes, "Action added")?;
        Ok(id)
    })?;
    store.read(|r| read::action(r, &id))
}

/// Changes what an action says, who owns it or when it is due.
pub fn update_action(store: &mut Store, id: &str, draft: &ActionDraft) -> Result<PlanAction> {
    let mut errors = Vec::new();
    let Some(valid) = validate(draft, &mut errors) else {
        return Err(Error::Invalid(errors));
    };
    store.write(|w| {
        let before = read::action(&w.reader(), id)?;
        let changes = changes(Some(&before), &valid);
        if changes.is_empty() {
            return Err(Error::invalid("text", "Nothing was changed."));
        }
        w.tx().execute(
            "UPDATE care_plan_actions SET text = ?2, owner = ?3, due_on = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, valid.text, valid.owner.as_str(), valid.due_on.map(|d| d.to_string()), w.now_text()],
        )?;
        items::record(w, &before.patient_id, Item::Action, id, "update", changes, "Action changed")
    })?;
    store.read(|r| read::action(r, id))
}

/// Moves an action to another status, checked against the machine
/// ([`ActionStatus::allowed`]). Completing it records the day.
pub fn set_action_status(store: &mut Store, id: &str, status: &str) -> Result<PlanAction> {
    let to = ActionStatus::parse(status)
        .ok_or_else(|| Error::invalid("status", ActionStatus::unknown(status)))?;
    store.write(|w| {
        let before = read::action(&w.reader(), id)?;
        if !before.status.allowed(to) {
            let next: Vec<&str> = before.status.next().iter().map(|s| s.as_str()).collect();
            return Err(Error::InvalidTransition(format!(
                "An action that is {} cannot become {}; it can become: {}.",
                before.status.label().to_lowercase(),
                to.label().to_lowercase(),
                if next.is_empty() { "nothing else (add a new action instead)".to_owned() } else { next.join(", ") }
            )));
        }
        let completed_on = (to == ActionStatus::Completed).then(|| w.today().to_string());
        w.tx().execute(
            "UPDATE care_plan_actions SET status = ?2, completed_on = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, to.as_str(), completed_on, w.now_text()],
        )?;
        let summary = format!("Action {}", to.label().to_lowercase());
        items::record(
            w,
            &before.patient_id,
            Item::Action,
            id,
            "status",
            crate::audit::diff(&[("status", Some(before.status.as_str()), Some(to.as_str()))]),
            &summary,
        )
    })?;
    store.read(|r| read::action(r, id))
}

/// An action still to be done whose due date has come.
#[derive(Debug, Clone, Serialize)]
pub struct ActionDue {
    pub id: String,
    pub patient_id: String,
    pub goal_id: String,
    /// The goal in the patient's words.
    pub goal_text: String,
    pub text: String,
    pub owner: Role,
    pub owner_label: &'static str,
    pub due_on: Date,
    pub status: ActionStatus,
    /// Days past due on the reader's day; 0 = due that day.
    pub overdue_days: i64,
}

/// Pending actions (not started, scheduled, in progress) due on or before the reader's
/// day, of the given owner (everyone's when `None`) and patients (all when `None`),
/// oldest due first. Actions of a goal that is closed or removed are not listed.
pub fn due_actions(
    r: &Reader<'_>,
    owner: Option<Role>,
    patients: Option<&[String]>,
) -> Result<Vec<ActionDue>> {
    if patients.is_some_and(|p| p.is_empty()) {
        return Ok(Vec::new());
    }
    let today = r.today();
    let today_text = today.to_string();
    let owner_text = owner.map(Role::as_str);
    let mut args: Vec<&dyn rusqlite::ToSql> = vec![&today_text, &owner_text];
    if let Some(p) = patients {
        args.extend(p.iter().map(|i| i as &dyn rusqlite::ToSql));
    }
    let subset = patients.map_or(String::new(), |p| {
        format!(" AND a.patient_id IN ({})", vec!["?"; p.len()].join(", "))
    });
    let mut stmt = r.conn().prepare(&format!(
        "SELECT a.id, a.patient_id, a.goal_id, g.text, a.text, a.owner, a.due_on, a.status
         FROM care_plan_actions a JOIN care_plan_goals g ON g.id = a.goal_id
         JOIN patients p ON p.id = a.patient_id
         WHERE a.deleted_at IS NULL AND g.deleted_at IS NULL AND p.deleted_at IS NULL
           AND a.status IN ('not-started', 'scheduled', 'in-progress')
           AND g.lifecycle NOT IN ('completed', 'cancelled')
           AND a.due_on IS NOT NULL AND a.due_on <= ?1
           AND (?2 IS NULL OR a.owner = ?2){subset}
         ORDER BY a.due_on, a.created_at"
    ))?;
    let rows = stmt.query_map(args.as_slice(), |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, String>(5)?,
            row.get::<_, String>(6)?,
            row.get::<_, String>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, patient_id, goal_id, goal_text, text, owner, due_on, status) = row?;
        let (Some(owner), Some(due_on), Some(status)) = (
            Role::parse(&owner),
            crate::dates::parse(&due_on),
            ActionStatus::parse(&status),
        ) else {
            continue;
        };
        out.push(ActionDue {
            id,
            patient_id,
            goal_id,
            goal_text,
            text,
            owner,
            owner_label: owner.label(),
            due_on,
            status,
            overdue_days: crate::dates::days_from(due_on, today),
        });
    }
    Ok(out)
}
