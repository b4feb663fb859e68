//! Barriers (what stands in the way) and dated progress notes, on the whole plan or on
//! one goal. A progress note is typed into a form whose draft is kept as it is typed,
//! like a contact's note, and deleted in the same transaction as the note it becomes.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::items::{self, Item};
use super::read::{self, Barrier, ProgressNote};
use crate::error::{Error, Result};
use crate::store::{Reader, Store};

/// The draft key of a patient's "progress note" form.
pub fn note_draft_key(patient_id: &str) -> String {
    format!("careplan-note:{patient_id}")
}

/// The goal a barrier or note is about, when one is named: it must be this patient's.
fn goal_of(r: &Reader<'_>, patient_id: &str, goal_id: &str) -> Result<Option<String>> {
    let goal_id = goal_id.trim();
    if goal_id.is_empty() {
        return Ok(None);
    }
    if items::patient_of(r, Item::Goal, goal_id).ok().as_deref() != Some(patient_id) {
        return Err(Error::invalid(
            "goal_id",
            "That goal is not on this patient's plan.",
        ));
    }
    Ok(Some(goal_id.to_owned()))
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct BarrierDraft {
    pub patient_id: String,
    pub goal_id: String,
    pub text: String,
}

pub fn add_barrier(store: &mut Store, draft: &BarrierDraft) -> Result<Barrier> {
    let mut errors = Vec::new();
    let text = items::required_text(
        &mut errors,
        "text",
        "Say what stands in the way.",
        &draft.text,
        500,
    );
    let Some(text) = text else {
        return Err(Error::Invalid(errors));
    };
    let id = store.write(|w| {
        crate::patients::get(&w.reader(), &draft.patient_id)?;
        let goal_id = goal_of(&w.reader(), &draft.patient_id, &draft.goal_id)?;
        let id = crate::ids::new_id();
        w.tx().execute(
            "INSERT INTO care_plan_barriers (id, patient_id, goal_id, text, noted_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![id, draft.patient_id, goal_id, text, w.today().to_string(), w.now_text()],
        )?;
        let changes = crate::audit::diff(&[("text", None, Some(&text)), ("goal", None, goal_id.as_deref())]);
        items::record(w, &draft.patient_id, Item::Barrier, &id, "create", changes, "Barrier added")?;
        Ok(id)
    })?;
    store.read(|r| read::barrier(r, &id))
}

/// Marks a barrier as no longer in the way (today).
pub fn resolve_barrier(store: &mut Store, id: &str) -> Result<Barrier> {
    store.write(|w| {
        let before = read::barrier(&w.reader(), id)?;
        if before.resolved_on.is_some() {
            return Err(Error::invalid(
                "resolved_on",
                "This barrier is already resolved.",
            ));
        }
        let today = w.today().to_string();
        w.tx().execute(
            "UPDATE care_plan_barriers SET resolved_on = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, today, w.now_text()],
        )?;
        let changes = crate::audit::diff(&[("resolved_on", None, Some(&today))]);
        items::record(
            w,
            &before.patient_id,
            Item::Barrier,
            id,
            "update",
            changes,
            "Barrier resolved",
        )
    })?;
    store.read(|r| read::barrier(r, id))
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct NoteDraft {
    pub patient_id: String,
    pub goal_id: String,
    /// The day the note is about; today when empty, never in the future.
    pub written_on: String,
    pub text: String,
}

pub fn add_note(store: &mut Store, draft: &NoteDraft) -> Result<ProgressNote> {
    let id = store.write(|w| {
        crate::patients::get(&w.reader(), &draft.patient_id)?;
        let mut errors = Vec::new();
        let text = items::required_text(&mut errors, "text", "Write the note.", &draft.text, 4000);
        let written_on =
            match crate::dates::optional_not_future("written_on", "The note's date", Some(&draft.written_on), w.today()) {
                Ok(d) => d.unwrap_or(w.today()),
                Err(e) => {
                    errors.push(e);
                    w.today()
                }
            };
        let Some(text) = text.filter(|_| errors.is_empty()) else {
            return Err(Error::Invalid(errors));
        };
        let goal_id = goal_of(&w.reader(), &draft.patient_id, &draft.goal_id)?;
        let id = crate::ids::new_id();
        let author = w.actor().to_owned();
        w.tx().execute(
            "INSERT INTO care_plan_notes (id, patient_id, goal_id, written_on, text, author, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, draft.patient_id, goal_id, written_on.to_string(), text, author, w.now_text()],
        )?;
        crate::store::drafts::discard_in(w.tx(), &note_draft_key(&draft.patient_id))?;
        let on = written_on.to_string();
        let changes = crate::audit::diff(&[
            ("written_on", None, Some(&on)),
            ("text", None, Some(&text)),
            ("goal", None, goal_id.as_deref()),
        ]);
        items::record(w, &draft.patient_id, Item::Note, &id, "create", changes, "Progress note added")?;
        Ok(id)
    })?;
    store.read(|r| read::note(r, &id))
}
