//! Health concerns: medical, behavioural or social. A social concern carries its HL7
//! Gravity SDOH category and is tied to the patient's social need of that category —
//! the open one if there is one, otherwise one recorded with it — so a referral to the
//! directory addresses the same need the plan speaks of.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::items::{self, Item};
use super::read::{self, Concern};
use super::vocabulary::{ConcernKind, ConcernStatus};
use crate::error::{Error, FieldError, Result};
use crate::social_needs::NeedCategory;
use crate::store::{Store, Writer};

/// The concern form as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ConcernDraft {
    pub patient_id: String,
    /// medical, behavioural or social; a Gravity category alone implies social.
    pub kind: String,
    pub text: String,
    /// A Gravity SDOH category (`food-insecurity`) for a social concern.
    pub sdoh: String,
    /// active (default) or resolved.
    pub status: String,
}

struct Valid {
    kind: ConcernKind,
    text: String,
    sdoh: Option<NeedCategory>,
    status: ConcernStatus,
}

fn validate(d: &ConcernDraft) -> Result<Valid> {
    let mut errors = Vec::new();
    let sdoh = match d.sdoh.trim() {
        "" => None,
        t => NeedCategory::parse(t).or_else(|| {
            errors.push(FieldError::new("sdoh", NeedCategory::unknown(t)));
            None
        }),
    };
    let implied = if d.sdoh.trim().is_empty() {
        None
    } else {
        Some(ConcernKind::Social)
    };
    let kind = items::term(
        &mut errors,
        "kind",
        &d.kind,
        implied,
        ConcernKind::parse,
        ConcernKind::unknown,
        "Say whether the concern is medical, behavioural or social.",
    );
    if kind == Some(ConcernKind::Social) && sdoh.is_none() && d.sdoh.trim().is_empty() {
        errors.push(FieldError::new(
            "sdoh",
            "A social concern needs its category (food insecurity, housing instability, ...).",
        ));
    }
    if kind.is_some_and(|k| k != ConcernKind::Social) && !d.sdoh.trim().is_empty() {
        errors.push(FieldError::new(
            "sdoh",
            "Only a social concern has an SDOH category; make it social or leave the category out.",
        ));
    }
    let text = items::required_text(&mut errors, "text", "Describe the concern.", &d.text, 500);
    let status = items::term(
        &mut errors,
        "status",
        &d.status,
        Some(ConcernStatus::Active),
        ConcernStatus::parse,
        ConcernStatus::unknown,
        "",
    );
    match (kind, text, status) {
        (Some(kind), Some(text), Some(status)) if errors.is_empty() => Ok(Valid {
            kind,
            text,
            sdoh: if kind == ConcernKind::Social {
                sdoh
            } else {
                None
            },
            status,
        }),
        _ => Err(Error::Invalid(errors)),
    }
}

fn changes(before: Option<&Concern>, after: &Valid) -> Vec<crate::audit::FieldChange> {
    crate::audit::diff(&[
        (
            "kind",
            before.map(|b| b.kind.as_str()),
            Some(after.kind.as_str()),
        ),
        (
            "text",
            before.map(|b| b.text.as_str()),
            Some(after.text.as_str()),
        ),
        (
            "sdoh",
            before.and_then(|b| b.sdoh.map(|c| c.as_str())),
            after.sdoh.map(NeedCategory::as_str),
        ),
        (
            "status",
            before.map(|b| b.status.as_str()),
            Some(after.status.as_str()),
        ),
    ])
}

/// The patient's open social need of `category`, or a new one recorded now.
fn need_for(w: &mut Writer<'_>, patient_id: &str, category: NeedCategory) -> Result<String> {
    let open: Option<String> = w
        .tx()
        .query_row(
            "SELECT id FROM social_needs WHERE patient_id = ?1 AND category = ?2
               AND deleted_at IS NULL AND status IN ('identified', 'being-addressed')
             ORDER BY identified_on DESC LIMIT 1",
            params![patient_id, category.as_str()],
            |row| row.get(0),
        )
        .optional()?;
    match open {
        Some(id) => Ok(id),
        None => crate::social_needs::insert(
            w,
            patient_id,
            category,
            Some("Recorded with the care plan"),
        ),
    }
}

pub fn add_concern(store: &mut Store, draft: &ConcernDraft) -> Result<Concern> {
    let valid = validate(draft)?;
    let id = store.write(|w| {
        crate::patients::get(&w.reader(), &draft.patient_id)?;
        let need_id = match valid.sdoh {
            Some(category) => Some(need_for(w, &draft.patient_id, category)?),
            None => None,
        };
        let id = crate::ids::new_id();
        w.tx().execute(
            "INSERT INTO care_plan_concerns
               (id, patient_id, kind, text, sdoh, need_id, status, noted_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                id,
                draft.patient_id,
                valid.kind.as_str(),
                valid.text,
                valid.sdoh.map(NeedCategory::as_str),
                need_id,
                valid.status.as_str(),
                w.today().to_string(),
                w.now_text()
            ],
        )?;
        items::record(
            w,
            &draft.patient_id,
            Item::Concern,
            &id,
            "create",
            changes(None, &valid),
            "Concern added",
        )?;
        Ok(id)
    })?;
    store.read(|r| read::concern(r, &id))
}

pub fn update_concern(store: &mut Store, id: &str, draft: &ConcernDraft) -> Result<Concern> {
    let valid = validate(draft)?;
    store.write(|w| {
        let before = read::concern(&w.reader(), id)?;
        let changes = changes(Some(&before), &valid);
        if changes.is_empty() {
            return Err(Error::invalid("text", "Nothing was changed."));
        }
        let need_id = match valid.sdoh {
            Some(c) if before.sdoh.map(|s| s.value) == Some(c) => before.need_id.clone(),
            Some(c) => Some(need_for(w, &before.patient_id, c)?),
            None => None,
        };
        w.tx().execute(
            "UPDATE care_plan_concerns SET kind = ?2, text = ?3, sdoh = ?4, need_id = ?5, status = ?6,
               updated_at = ?7 WHERE id = ?1",
            params![
                id,
                valid.kind.as_str(),
                valid.text,
                valid.sdoh.map(NeedCategory::as_str),
                need_id,
                valid.status.as_str(),
                w.now_text()
            ],
        )?;
        let summary = if before.status != valid.status && valid.status == ConcernStatus::Resolved {
            "Concern resolved"
        } else {
            "Concern changed"
        };
        items::record(w, &before.patient_id, Item::Concern, id, "update", changes, summary)
    })?;
    store.read(|r| read::concern(r, id))
}

/// Marks a concern resolved (the rest of it unchanged).
pub fn resolve_concern(store: &mut Store, id: &str) -> Result<Concern> {
    let before = store.read(|r| read::concern(r, id))?;
    let draft = ConcernDraft {
        patient_id: before.patient_id.clone(),
        kind: before.kind.as_str().to_owned(),
        text: before.text.clone(),
        sdoh: before
            .sdoh
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
        status: ConcernStatus::Resolved.as_str().to_owned(),
    };
    update_concern(store, id, &draft)
}
