//! Recording, changing and removing transitions, and reading them with what is
//! computed from them: readmissions and the discharge follow-up.

use std::collections::HashMap;

use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::entry::{TransitionDraft, ValidTransition, validate};
use super::{HeardFrom, READMISSION_DAYS, TransitionKind, due_on, is_readmission};
use crate::audit::{self, AuditEntry, FieldChange};
use crate::error::{Error, Result};
use crate::outreach::PatientOutreach;
use crate::store::{Reader, Store};

/// One transition as the patient page, the caseload badge and the CLI show it.
#[derive(Debug, Clone, Serialize)]
pub struct Transition {
    pub id: String,
    pub patient_id: String,
    pub kind: TransitionKind,
    pub kind_label: &'static str,
    pub facility: String,
    pub admitted_on: Date,
    pub discharged_on: Option<Date>,
    pub reason: Option<String>,
    pub heard_from: Option<HeardFrom>,
    /// A hospital stay that began within 30 days of an earlier one's discharge.
    pub readmission: bool,
    /// Still in (a stay without a discharge date).
    pub still_in: bool,
    pub recorded_at: String,
}

/// A discharge whose follow-up contact has not happened yet.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUpDue {
    pub transition: Transition,
    pub discharged_on: Date,
    /// The business days the patient's program allows.
    pub business_days: u32,
    pub due_on: Date,
}

pub fn add(store: &mut Store, draft: &TransitionDraft) -> Result<Transition> {
    let id = store.write(|w| {
        crate::patients::get(&w.reader(), &draft.patient_id)?;
        let valid = validate(draft, w.today()).map_err(Error::Invalid)?;
        let id = crate::ids::new_id();
        w.tx().execute(
            "INSERT INTO transitions (id, patient_id, kind, facility, admitted_on, discharged_on,
                 reason, heard_from, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                id,
                draft.patient_id,
                valid.kind.as_str(),
                valid.facility,
                valid.admitted_on.to_string(),
                valid.discharged_on.map(|d| d.to_string()),
                valid.reason,
                valid.heard_from.map(HeardFrom::as_str),
                w.now_text()
            ],
        )?;
        let changes = audit::diff(&fields(None, Some(&valid)).each());
        w.audit(AuditEntry {
            entity: "transition",
            entity_id: id.clone(),
            patient_id: Some(draft.patient_id.clone()),
            action: "create".into(),
            changes,
        })?;
        crate::patients::touch(w, &draft.patient_id)?;
        Ok(id)
    })?;
    store.read(|r| get(r, &id))
}

/// Changes a transition (typically: the discharge date, once known). The audit entry
/// keeps every changed field before and after.
pub fn update(store: &mut Store, id: &str, draft: &TransitionDraft) -> Result<Transition> {
    store.write(|w| {
        let old = get(&w.reader(), id)?;
        let valid = validate(draft, w.today()).map_err(Error::Invalid)?;
        let before = ValidTransition {
            kind: old.kind,
            facility: old.facility.clone(),
            admitted_on: old.admitted_on,
            discharged_on: old.discharged_on,
            reason: old.reason.clone(),
            heard_from: old.heard_from,
        };
        let changes = audit::diff(&fields(Some(&before), Some(&valid)).each());
        if changes.is_empty() {
            return Err(Error::invalid("kind", "Nothing was changed."));
        }
        w.tx().execute(
            "UPDATE transitions SET kind = ?2, facility = ?3, admitted_on = ?4, discharged_on = ?5,
                 reason = ?6, heard_from = ?7, updated_at = ?8
             WHERE id = ?1 AND deleted_at IS NULL",
            params![
                id,
                valid.kind.as_str(),
                valid.facility,
                valid.admitted_on.to_string(),
                valid.discharged_on.map(|d| d.to_string()),
                valid.reason,
                valid.heard_from.map(HeardFrom::as_str),
                w.now_text()
            ],
        )?;
        w.audit(AuditEntry {
            entity: "transition",
            entity_id: id.to_owned(),
            patient_id: Some(old.patient_id.clone()),
            action: "update".into(),
            changes,
        })?;
        crate::patients::touch(w, &old.patient_id)
    })?;
    store.read(|r| get(r, id))
}

/// Soft-deletes a transition recorded in error; the reason is required.
pub fn remove(store: &mut Store, id: &str, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            "Say why this transition is being removed.",
        ));
    }
    store.write(|w| {
        let old = get(&w.reader(), id)?;
        w.tx().execute(
            "UPDATE transitions SET deleted_at = ?2, updated_at = ?2, delete_reason = ?3
             WHERE id = ?1 AND deleted_at IS NULL",
            params![id, w.now_text(), reason],
        )?;
        w.audit(AuditEntry {
            entity: "transition",
            entity_id: id.to_owned(),
            patient_id: Some(old.patient_id.clone()),
            action: "delete".into(),
            changes: vec![
                FieldChange {
                    field: "facility".into(),
                    from: Some(old.facility.clone()),
                    to: None,
                },
                FieldChange {
                    field: "reason".into(),
                    from: None,
                    to: Some(reason.to_owned()),
                },
            ],
        })?;
        crate::patients::touch(w, &old.patient_id)
    })
}

/// One current transition (readmission worked out against the patient's others).
pub fn get(r: &Reader<'_>, id: &str) -> Result<Transition> {
    let patient: Option<String> = r
        .conn()
        .query_row(
            "SELECT patient_id FROM transitions WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |row| row.get(0),
        )
        .optional()?;
    let not_found = || Error::NotFound("That transition no longer exists.".into());
    let patient = patient.ok_or_else(not_found)?;
    load(r, Some(&[patient]), None)?
        .into_values()
        .flatten()
        .find(|t| t.id == id)
        .ok_or_else(not_found)
}

/// A patient's transitions up to the reader's day, newest first.
pub fn for_patient(r: &Reader<'_>, patient_id: &str) -> Result<Vec<Transition>> {
    crate::patients::get(r, patient_id)?;
    let mut list = load(r, Some(&[patient_id.to_owned()]), Some(r.today()))?
        .remove(patient_id)
        .unwrap_or_default();
    list.reverse();
    Ok(list)
}

/// Days a transition stays "recent" (the caseload badge, the patient page's panel).
pub const RECENT_DAYS: i64 = 30;

/// Per patient, the most recent transition if it is recent: still in, or admitted or
/// discharged within the last 30 days.
pub fn recent(r: &Reader<'_>, patients: Option<&[String]>) -> Result<HashMap<String, Transition>> {
    let as_of = r.today();
    let cutoff = as_of
        .checked_sub(jiff::Span::new().days(RECENT_DAYS))
        .unwrap_or(as_of);
    Ok(load(r, patients, Some(as_of))?
        .into_iter()
        .filter_map(|(id, list)| {
            let last = list.into_iter().next_back()?;
            let ended = last.discharged_on.unwrap_or(as_of);
            (ended >= cutoff).then_some((id, last))
        })
        .collect())
}

/// Discharges on or before the reader's day whose follow-up contact has not happened:
/// per patient, the latest discharge (unless they are back in), with no contact that
/// reached them or their family on or after the discharge day. A patient whose episode
/// has closed is followed only for the 30 days after discharge. Oldest due first.
pub fn follow_ups(r: &Reader<'_>, patients: Option<&[String]>) -> Result<Vec<FollowUpDue>> {
    let candidates = discharged(r, patients)?;
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = candidates.iter().map(|t| t.patient_id.clone()).collect();
    let outreach = crate::outreach::load(r, Some(&ids))?;
    pending(r, candidates, &outreach)
}

/// [`follow_ups`] given the patients' outreach state already worked out (the worklist
/// has everyone's for its other lines, the patient page has the patient's).
pub fn follow_ups_with(
    r: &Reader<'_>,
    patients: Option<&[String]>,
    outreach: &HashMap<String, PatientOutreach>,
) -> Result<Vec<FollowUpDue>> {
    pending(r, discharged(r, patients)?, outreach)
}

/// Per patient, the latest transition if it ended with a discharge (not back in).
fn discharged(r: &Reader<'_>, patients: Option<&[String]>) -> Result<Vec<Transition>> {
    Ok(load(r, patients, Some(r.today()))?
        .into_values()
        .filter_map(|list| {
            let last = list.into_iter().next_back()?;
            (!last.still_in).then_some(last)
        })
        .collect())
}

/// The discharges among `candidates` whose follow-up has not happened.
fn pending(
    r: &Reader<'_>,
    mut candidates: Vec<Transition>,
    outreach: &HashMap<String, PatientOutreach>,
) -> Result<Vec<FollowUpDue>> {
    let as_of = r.today();
    let holidays = crate::settings::holidays(r)?;
    let default_days = crate::programs::FollowUp::default().discharge_follow_up_business_days;
    let mut out = Vec::new();
    for t in candidates.drain(..) {
        let Some(discharged_on) = t.discharged_on else {
            continue;
        };
        let state = outreach.get(&t.patient_id);
        // A patient no longer followed (their episode closed) is no longer on the
        // worklist once the 30-day transitional-care period is over.
        let followed = state.is_some_and(|s| s.followed.is_some());
        let within_period = crate::dates::days_from(discharged_on, as_of) <= READMISSION_DAYS;
        if !followed && !within_period {
            continue;
        }
        if state
            .and_then(|s| s.outreach.last_reached_on)
            .is_some_and(|reached| reached >= discharged_on)
        {
            continue;
        }
        let business_days = state
            .and_then(|s| s.followed.as_ref())
            .map_or(default_days, |f| {
                f.follow_up.discharge_follow_up_business_days
            });
        out.push(FollowUpDue {
            due_on: due_on(discharged_on, business_days, &holidays),
            discharged_on,
            business_days,
            transition: t,
        });
    }
    out.sort_by_key(|f| f.due_on);
    Ok(out)
}

/// Current transitions per patient (of living patients), oldest admission first, with
/// readmissions marked. `until` leaves out those admitted after it.
fn load(
    r: &Reader<'_>,
    patients: Option<&[String]>,
    until: Option<Date>,
) -> Result<HashMap<String, Vec<Transition>>> {
    let until = until
        .map(|d| d.to_string())
        .unwrap_or_else(|| "9999-12-31".into());
    let subset = crate::patients::Subset::of(patients);
    let (only, ids) = subset.sql("t.patient_id", 2);
    let mut stmt = r.conn().prepare_cached(&format!(
        "SELECT t.id, t.patient_id, t.kind, t.facility, t.admitted_on, t.discharged_on, t.reason,
                t.heard_from, t.created_at
         FROM transitions t JOIN patients p ON p.id = t.patient_id AND p.deleted_at IS NULL
         WHERE t.deleted_at IS NULL AND t.admitted_on <= ?1{only}
         ORDER BY t.patient_id, t.admitted_on, t.created_at"
    ))?;
    let mut args: Vec<&str> = vec![until.as_str()];
    args.extend(ids);
    let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
    let mut out: HashMap<String, Vec<Transition>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let patient: String = row.get(1)?;
        if !subset.has(&patient) {
            continue;
        }
        let kind_text: String = row.get(2)?;
        let admitted: String = row.get(4)?;
        let (Some(kind), Some(admitted_on)) = (
            TransitionKind::parse(&kind_text),
            crate::dates::parse(&admitted),
        ) else {
            continue;
        };
        let discharged_on = row
            .get::<_, Option<String>>(5)?
            .as_deref()
            .and_then(crate::dates::parse)
            .filter(|d| d.to_string() <= until);
        let heard: Option<String> = row.get(7)?;
        let list = out.entry(patient.clone()).or_default();
        let readmission = list.iter().any(|earlier| {
            earlier
                .discharged_on
                .is_some_and(|d| is_readmission(kind, admitted_on, earlier.kind, d))
        });
        list.push(Transition {
            id: row.get(0)?,
            patient_id: patient,
            kind,
            kind_label: kind.label(),
            facility: row.get(3)?,
            admitted_on,
            still_in: discharged_on.is_none(),
            discharged_on,
            reason: row.get(6)?,
            heard_from: heard.as_deref().and_then(HeardFrom::parse),
            readmission,
            recorded_at: row.get(8)?,
        });
    }
    Ok(out)
}

/// A transition's fields as text, before and after, for the audit trail.
struct Fields([(&'static str, Option<String>, Option<String>); 6]);

impl Fields {
    fn each(&self) -> Vec<(&str, Option<&str>, Option<&str>)> {
        self.0
            .iter()
            .map(|(f, a, b)| (*f, a.as_deref(), b.as_deref()))
            .collect()
    }
}

fn fields(before: Option<&ValidTransition>, after: Option<&ValidTransition>) -> Fields {
    let text = |v: Option<&ValidTransition>, pick: fn(&ValidTransition) -> Option<String>| {
        v.and_then(pick)
    };
    let row = |name: &'static str, pick: fn(&ValidTransition) -> Option<String>| {
        (name, text(before, pick), text(after, pick))
    };
    Fields([
        row("kind", |v| Some(v.kind.as_str().into())),
        row("facility", |v| Some(v.facility.clone())),
        row("admitted_on", |v| Some(v.admitted_on.to_string())),
        row("discharged_on", |v| v.discharged_on.map(|d| d.to_string())),
        row("reason", |v| v.reason.clone()),
        row("heard_from", |v| v.heard_from.map(|h| h.as_str().into())),
    ])
}
