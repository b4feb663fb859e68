//! Discussing a patient in a review session: the reasons they were brought, and the
//! consultant's recommendation if there was one. Discussing a patient answers their
//! "discuss" mark, so the mark is cleared in the same change.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::recommendations::RecommendationDraft;
use super::sessions::{ReviewSession, get_session};
use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, FieldError, Result};
use crate::store::{Reader, Store};

/// The "record discussion" form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct DiscussionDraft {
    pub session_id: String,
    pub patient_id: String,
    /// Why the patient was on the list, as the list showed it. Left empty, the first
    /// recording takes the reasons from the review list on the session's date, and a
    /// repeat keeps the reasons already recorded.
    pub reasons: Vec<String>,
    /// `None` (or both fields blank) when the patient was discussed without a
    /// recommendation.
    pub recommendation: Option<RecommendationDraft>,
}

const REASON_MAX: usize = 500;
const REASONS_MAX: usize = 20;

/// Records that a patient was discussed in a session (once per session and patient; a
/// repeat updates the reasons) and, if given, adds a recommendation. Clears the
/// patient's "discuss" mark if it was ticked on or before the session's date; a mark
/// ticked after the session (the session entered late) is meant for the next review.
pub fn record_discussion(store: &mut Store, draft: &DiscussionDraft) -> Result<ReviewSession> {
    let (session, patient) = store.read(|r| {
        Ok((
            get_session(r, &draft.session_id)?,
            crate::patients::get(r, &draft.patient_id)?,
        ))
    })?;
    let held_on = crate::dates::parse(&session.held_on)
        .ok_or_else(|| Error::Internal("a review session has an unreadable date".into()))?;

    let mut errors = Vec::new();
    let given = check_reasons(&draft.reasons, &mut errors);
    let recommendation = match &draft.recommendation {
        Some(r) if !r.is_blank() => match r.check() {
            Ok(checked) => Some(checked),
            Err(fields) => {
                errors.extend(fields);
                None
            }
        },
        _ => None,
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }

    let mark_due = |r: &Reader<'_>| -> Result<bool> {
        Ok(super::discuss::open_mark(r, &patient.id)?
            .is_some_and(|m| m.marked_on.as_str() <= session.held_on.as_str()))
    };
    let (recorded, reasons, due) = store.read(|r| {
        let recorded = stored_reasons(r.conn(), &session.id, &patient.id)?;
        let reasons = match (given.is_empty(), &recorded) {
            (false, _) => given,
            (true, Some(recorded)) => recorded.clone(),
            (true, None) => super::list::reasons_on(&r.on(held_on), &patient.id)?,
        };
        Ok((recorded, reasons, mark_due(r)?))
    })?;
    if recorded.as_ref() == Some(&reasons) && recommendation.is_none() && !due {
        return Ok(session);
    }

    let reasons_json =
        serde_json::to_string(&reasons).map_err(|e| Error::Internal(e.to_string()))?;
    store.write(|w| {
        if recorded.as_ref() != Some(&reasons) {
            w.tx().execute(
                "INSERT INTO review_discussed (session_id, patient_id, reasons) VALUES (?1, ?2, ?3)
                 ON CONFLICT (session_id, patient_id) DO UPDATE SET reasons = excluded.reasons",
                params![session.id, patient.id, reasons_json],
            )?;
            w.audit(AuditEntry {
                entity: "review_discussion",
                entity_id: session.id.clone(),
                patient_id: Some(patient.id.clone()),
                action: if recorded.is_some() {
                    "update"
                } else {
                    "create"
                }
                .into(),
                changes: vec![
                    FieldChange {
                        field: "held_on".into(),
                        from: None,
                        to: Some(session.held_on.clone()),
                    },
                    FieldChange {
                        field: "reasons".into(),
                        from: recorded.as_ref().map(|r| r.join("; ")),
                        to: Some(reasons.join("; ")),
                    },
                ],
            })?;
        }
        if let Some((category, text)) = &recommendation {
            let id = crate::ids::new_id();
            w.tx().execute(
                "INSERT INTO review_recommendations (id, session_id, patient_id, category, text,
                     created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![
                    id,
                    session.id,
                    patient.id,
                    category.as_str(),
                    text,
                    w.now_text()
                ],
            )?;
            w.audit(AuditEntry {
                entity: "review_recommendation",
                entity_id: id,
                patient_id: Some(patient.id.clone()),
                action: "create".into(),
                changes: crate::audit::diff(&[
                    ("held_on", None, Some(session.held_on.as_str())),
                    ("category", None, Some(category.as_str())),
                    ("text", None, Some(text.as_str())),
                ]),
            })?;
        }
        if mark_due(&w.reader())? {
            super::discuss::clear_in(w, &patient.id, "discussed")?;
        }
        crate::patients::touch(w, &patient.id)
    })?;
    store.read(|r| get_session(r, &session.id))
}

/// Reasons as given, trimmed, blanks dropped.
fn check_reasons(reasons: &[String], errors: &mut Vec<FieldError>) -> Vec<String> {
    let kept: Vec<String> = reasons
        .iter()
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect();
    if kept.len() > REASONS_MAX {
        errors.push(FieldError::new(
            "reasons",
            format!("At most {REASONS_MAX} reasons can be recorded for one patient."),
        ));
    }
    if kept.iter().any(|r| r.chars().count() > REASON_MAX) {
        errors.push(FieldError::new(
            "reasons",
            format!("A reason is longer than {REASON_MAX} characters."),
        ));
    }
    kept
}

/// The reasons already recorded for this patient in this session, if discussed.
fn stored_reasons(
    conn: &Connection,
    session_id: &str,
    patient_id: &str,
) -> Result<Option<Vec<String>>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT reasons FROM review_discussed WHERE session_id = ?1 AND patient_id = ?2",
            params![session_id, patient_id],
            |row| row.get(0),
        )
        .optional()?;
    // Written by this module as a JSON list; an unreadable one counts as none.
    Ok(text.map(|t| serde_json::from_str(&t).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_trimmed_and_blanks_dropped() {
        let mut errors = Vec::new();
        let kept = check_reasons(
            &[
                " Safety: item 9 ".into(),
                "  ".into(),
                "New enrollee".into(),
            ],
            &mut errors,
        );
        assert_eq!(kept, ["Safety: item 9", "New enrollee"]);
        assert!(errors.is_empty());
        check_reasons(&["x".repeat(REASON_MAX + 1)], &mut errors);
        assert_eq!(errors[0].field, "reasons");
    }
}
