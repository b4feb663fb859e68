//! What every kind of plan item shares: its table, the patient it belongs to, removal
//! (soft, with a reason), and the one way a change is recorded — an audit entry and,
//! in the same transaction, a new version of the whole plan.

use rusqlite::OptionalExtension;
use serde::Deserialize;

use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, Result};
use crate::store::{Reader, Store, Writer};

/// The kinds of item a plan is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Item {
    Concern,
    Goal,
    Action,
    Barrier,
    Note,
    Member,
}

impl Item {
    pub(super) fn table(self) -> &'static str {
        match self {
            Item::Concern => "care_plan_concerns",
            Item::Goal => "care_plan_goals",
            Item::Action => "care_plan_actions",
            Item::Barrier => "care_plan_barriers",
            Item::Note => "care_plan_notes",
            Item::Member => "care_team_members",
        }
    }

    /// The audit trail's entity name.
    pub(super) fn entity(self) -> &'static str {
        match self {
            Item::Concern => "care_plan_concern",
            Item::Goal => "care_plan_goal",
            Item::Action => "care_plan_action",
            Item::Barrier => "care_plan_barrier",
            Item::Note => "care_plan_note",
            Item::Member => "care_team_member",
        }
    }

    /// As a coordinator names it in a message.
    pub fn noun(self) -> &'static str {
        match self {
            Item::Concern => "concern",
            Item::Goal => "goal",
            Item::Action => "action",
            Item::Barrier => "barrier",
            Item::Note => "progress note",
            Item::Member => "care team member",
        }
    }
}

/// The patient a live item belongs to, or "not found" naming the item.
pub(super) fn patient_of(r: &Reader<'_>, item: Item, id: &str) -> Result<String> {
    r.conn()
        .query_row(
            &format!(
                "SELECT patient_id FROM {} WHERE id = ?1 AND deleted_at IS NULL",
                item.table()
            ),
            [id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No {} has the id {id}.", item.noun())))
}

/// Records a change to a patient's plan: the audit entry, then the plan as it now
/// stands as its next version. `summary` is the version's one line ("Goal added").
pub(super) fn record(
    w: &mut Writer<'_>,
    patient_id: &str,
    item: Item,
    id: &str,
    action: &str,
    changes: Vec<FieldChange>,
    summary: &str,
) -> Result<()> {
    w.audit(AuditEntry {
        entity: item.entity(),
        entity_id: id.to_owned(),
        patient_id: Some(patient_id.to_owned()),
        action: action.to_owned(),
        changes,
    })?;
    crate::patients::touch(w, patient_id)?;
    super::versions::keep(w, patient_id, summary)
}

/// Removes an item (soft: the row stays with the reason). Removing a goal removes its
/// actions with it, in the same change.
pub fn remove(store: &mut Store, item: Item, id: &str, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            format!("Say why this {} is being removed.", item.noun()),
        ));
    }
    store.write(|w| {
        let patient_id = patient_of(&w.reader(), item, id)?;
        let now = w.now_text();
        w.tx().execute(
            &format!(
                "UPDATE {} SET deleted_at = ?2, delete_reason = ?3 WHERE id = ?1",
                item.table()
            ),
            rusqlite::params![id, now, reason],
        )?;
        if item == Item::Goal {
            w.tx().execute(
                "UPDATE care_plan_actions SET deleted_at = ?2, delete_reason = ?3
                 WHERE goal_id = ?1 AND deleted_at IS NULL",
                rusqlite::params![id, now, format!("Its goal was removed: {reason}")],
            )?;
        }
        let summary = format!("{} removed", capitalised(item.noun()));
        record(
            w,
            &patient_id,
            item,
            id,
            "remove",
            crate::audit::diff(&[("reason", None, Some(reason))]),
            &summary,
        )
    })
}

pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A required text in the patient's or coordinator's words: trimmed, not empty, at
/// most `max` characters.
pub(super) fn required_text(
    errors: &mut Vec<crate::error::FieldError>,
    field: &str,
    empty: &str,
    text: &str,
    max: usize,
) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        errors.push(crate::error::FieldError::new(field, empty));
        return None;
    }
    if text.chars().count() > max {
        errors.push(crate::error::FieldError::new(
            field,
            format!("Keep this to {max} characters."),
        ));
        return None;
    }
    Some(text.to_owned())
}

/// An optional date field ("" = none).
pub(super) fn optional_date(
    errors: &mut Vec<crate::error::FieldError>,
    field: &str,
    label: &str,
    text: &str,
) -> Option<jiff::civil::Date> {
    if text.trim().is_empty() {
        return None;
    }
    crate::dates::required(field, label, text)
        .map_err(|e| errors.push(e))
        .ok()
}

/// A closed-list field parsed with its terms; empty takes `default` when there is one.
pub(super) fn term<T: Copy>(
    errors: &mut Vec<crate::error::FieldError>,
    field: &str,
    text: &str,
    default: Option<T>,
    parse: fn(&str) -> Option<T>,
    unknown: fn(&str) -> String,
    missing: &str,
) -> Option<T> {
    if text.trim().is_empty() {
        if default.is_none() {
            errors.push(crate::error::FieldError::new(field, missing));
        }
        return default;
    }
    parse(text).or_else(|| {
        errors.push(crate::error::FieldError::new(field, unknown(text)));
        None
    })
}
