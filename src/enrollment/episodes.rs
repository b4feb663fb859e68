//! Enrollment episodes: starting one, moving it through its lifecycle, reading them back.

use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::status::{DisenrollReason, EnrollmentStatus};
use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, FieldError, Result};
use crate::store::{Reader, Store, Writer};

/// The "enroll" form. Text fields, so bad input becomes a message on the field.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct StartEnrollment {
    pub patient_id: String,
    /// Program code, e.g. `compass`.
    pub program: String,
    /// `referred` (default), `screening` or `active`.
    pub status: String,
    /// The date of that status; empty = today.
    pub on: String,
    pub consent_on: String,
    /// Where the referral came from (PCP, ED, self, ...).
    pub referral_source: String,
    /// Who referred the patient.
    pub referred_by: String,
    pub note: String,
}

/// A request to move an episode to another status.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Transition {
    pub enrollment_id: String,
    pub to: String,
    /// The clinical date of the move; empty = today.
    pub on: String,
    /// Required when disenrolling: declined, unreachable, moved, deceased, other.
    pub reason: String,
    /// Free text; required when the reason is "other".
    pub note: String,
    /// Consent, when it is recorded with this move (typically on activation).
    pub consent_on: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnrollmentEvent {
    pub from_status: Option<EnrollmentStatus>,
    pub to_status: EnrollmentStatus,
    pub on_date: String,
    pub reason: Option<String>,
    pub note: Option<String>,
}

/// One episode of care in one program.
#[derive(Debug, Clone, Serialize)]
pub struct Enrollment {
    pub id: String,
    pub patient_id: String,
    pub program_code: String,
    pub program_name: String,
    pub status: EnrollmentStatus,
    pub status_label: &'static str,
    pub is_open: bool,
    /// The moves the lifecycle allows now; the UI offers exactly these.
    pub allowed_next: Vec<EnrollmentStatus>,
    pub referred_on: Option<String>,
    pub screening_on: Option<String>,
    pub active_on: Option<String>,
    pub ended_on: Option<String>,
    pub consent_on: Option<String>,
    pub referral_source: Option<String>,
    pub referred_by: Option<String>,
    pub disenroll_reason: Option<String>,
    /// The episode's timeline, oldest first.
    pub events: Vec<EnrollmentEvent>,
}

/// Starts a new episode. Refused if the patient already has an open one in the program.
pub fn start(store: &mut Store, request: &StartEnrollment) -> Result<Enrollment> {
    let (today, program, patient) = store.read(|r| {
        Ok((
            r.today(),
            crate::programs::find(r, request.program.trim())?,
            crate::patients::get(r, &request.patient_id)?,
        ))
    })?;
    let mut errors = Vec::new();
    let status = match request.status.trim() {
        "" => Some(EnrollmentStatus::Referred),
        text => match EnrollmentStatus::parse(text) {
            Some(s) if s.can_start() => Some(s),
            _ => {
                errors.push(FieldError::new(
                    "status",
                    format!(
                        "A new episode starts as referred, screening or active, not \"{text}\"."
                    ),
                ));
                None
            }
        },
    };
    let on = date_or_today(&mut errors, "on", "Date", &request.on, today);
    let consent_on = optional_date(
        &mut errors,
        "consent_on",
        "Consent date",
        &request.consent_on,
        today,
    );
    let referral_source = limited(
        &mut errors,
        "referral_source",
        "Referral source",
        &request.referral_source,
    );
    let referred_by = limited(
        &mut errors,
        "referred_by",
        "Referred by",
        &request.referred_by,
    );
    let note = non_empty(&request.note);
    if program.is_none() {
        errors.push(FieldError::new(
            "program",
            format!("There is no program \"{}\".", request.program.trim()),
        ));
    }
    if let (Some(on), Some(born)) = (on, crate::dates::parse(&patient.birth_date))
        && on < born
    {
        errors.push(FieldError::new(
            "on",
            "The date is before the patient's date of birth.",
        ));
    }
    let (Some(status), Some(on), Some(program), true) = (status, on, program, errors.is_empty())
    else {
        return Err(Error::Invalid(errors));
    };

    let id = store.write(|w| {
        if let Some(open) = open_episode(w.tx(), &patient.id, &program.id)? {
            return Err(Error::Conflict(format!(
                "This patient already has an open {} episode ({} since {}). Close it before starting another.",
                program.name,
                open.0.label().to_lowercase(),
                open.1
            )));
        }
        let id = crate::ids::new_id();
        let now = w.now_text();
        let on_text = on.to_string();
        let dated = |s: EnrollmentStatus| (s == status).then(|| on_text.clone());
        w.tx().execute(
            "INSERT INTO enrollments (id, patient_id, program_id, status, referred_on, screening_on,
                 active_on, consent_on, referral_source, referred_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            params![
                id,
                patient.id,
                program.id,
                status.as_str(),
                dated(EnrollmentStatus::Referred),
                dated(EnrollmentStatus::Screening),
                dated(EnrollmentStatus::Active),
                consent_on.map(|d| d.to_string()),
                referral_source,
                referred_by,
                now
            ],
        )?;
        add_event(w, &id, None, status, &on_text, None, note.as_deref())?;
        crate::patients::touch(w, &patient.id)?;
        let mut changes = vec![
            change("program", None, Some(program.code.clone())),
            change("status", None, Some(status.as_str().to_owned())),
            change("on", None, Some(on_text.clone())),
        ];
        let extra = [
            ("consent_on", consent_on.map(|d| d.to_string())),
            ("referral_source", referral_source.clone()),
            ("referred_by", referred_by.clone()),
        ];
        changes.extend(extra.into_iter().filter(|(_, v)| v.is_some()).map(|(f, v)| change(f, None, v)));
        w.audit(AuditEntry {
            entity: "enrollment",
            entity_id: id.clone(),
            patient_id: Some(patient.id.clone()),
            action: "enroll".into(),
            changes,
        })?;
        Ok(id)
    })?;
    store.read(|r| get(r, &id))
}

/// Moves an episode to another status, if the lifecycle allows that move.
pub fn transition(store: &mut Store, request: &Transition) -> Result<Enrollment> {
    let (today, current) = store.read(|r| Ok((r.today(), get(r, &request.enrollment_id)?)))?;
    let to = EnrollmentStatus::parse(&request.to).ok_or_else(|| {
        Error::invalid(
            "to",
            format!("\"{}\" is not an enrollment status.", request.to.trim()),
        )
    })?;
    if !current.status.can_move_to(to) {
        let allowed = current.status.next();
        let options = if allowed.is_empty() {
            "none: the episode is closed; start a new episode instead".to_owned()
        } else {
            allowed
                .iter()
                .map(|s| s.label().to_lowercase())
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(Error::InvalidTransition(format!(
            "A {} episode that is {} cannot move to {}. It can move to: {options}.",
            current.program_name,
            current.status.label().to_lowercase(),
            to.label().to_lowercase()
        )));
    }

    let mut errors = Vec::new();
    let on = date_or_today(&mut errors, "on", "Date", &request.on, today);
    let last_date = current
        .events
        .last()
        .map(|e| e.on_date.clone())
        .unwrap_or_default();
    if let Some(on) = on
        && on.to_string() < last_date
    {
        errors.push(FieldError::new(
            "on",
            format!("The date is before the episode's previous step ({last_date})."),
        ));
    }
    let consent_on = optional_date(
        &mut errors,
        "consent_on",
        "Consent date",
        &request.consent_on,
        today,
    );
    let note = non_empty(&request.note);
    let reason = match (to, request.reason.trim()) {
        (EnrollmentStatus::Disenrolled, "") => {
            errors.push(FieldError::new(
                "reason",
                "Choose why the patient is disenrolled: declined, unreachable, moved, deceased or other.",
            ));
            None
        }
        (EnrollmentStatus::Disenrolled, text) => match DisenrollReason::parse(text) {
            Some(DisenrollReason::Other) if note.is_none() => {
                errors.push(FieldError::new(
                    "note",
                    "Describe the reason when it is \"other\".",
                ));
                None
            }
            Some(r) => Some(r),
            None => {
                errors.push(FieldError::new(
                    "reason",
                    format!("\"{text}\" is not a disenrollment reason (declined, unreachable, moved, deceased, other)."),
                ));
                None
            }
        },
        (_, "") => None,
        (_, _) => {
            errors.push(FieldError::new(
                "reason",
                "A reason is recorded only when disenrolling.",
            ));
            None
        }
    };
    let Some(on) = on.filter(|_| errors.is_empty()) else {
        return Err(Error::Invalid(errors));
    };

    store.write(|w| {
        let on_text = on.to_string();
        let column = match to {
            EnrollmentStatus::Screening => Some("screening_on"),
            // The first activation dates the episode; a relapse keeps that date.
            EnrollmentStatus::Active if current.active_on.is_none() => Some("active_on"),
            EnrollmentStatus::Graduated | EnrollmentStatus::Disenrolled => Some("ended_on"),
            _ => None,
        };
        let now = w.now_text();
        let updated = w.tx().execute(
            "UPDATE enrollments SET status = ?2, updated_at = ?3,
                 disenroll_reason = COALESCE(?4, disenroll_reason),
                 consent_on = COALESCE(?5, consent_on)
             WHERE id = ?1 AND status = ?6 AND deleted_at IS NULL",
            params![
                current.id,
                to.as_str(),
                now,
                reason.map(|r| r.as_str()),
                consent_on.map(|d| d.to_string()),
                current.status.as_str()
            ],
        )?;
        if updated != 1 {
            return Err(Error::Conflict(
                "This episode was changed elsewhere; reopen the patient and try again.".into(),
            ));
        }
        if let Some(column) = column {
            w.tx().execute(
                &format!("UPDATE enrollments SET {column} = ?2 WHERE id = ?1"),
                params![current.id, on_text],
            )?;
        }
        add_event(
            w,
            &current.id,
            Some(current.status),
            to,
            &on_text,
            reason.map(|r| r.as_str()),
            note.as_deref(),
        )?;
        crate::patients::touch(w, &current.patient_id)?;
        let mut changes = vec![
            change(
                "status",
                Some(current.status.as_str().to_owned()),
                Some(to.as_str().to_owned()),
            ),
            change("on", None, Some(on_text)),
        ];
        if let Some(reason) = reason {
            changes.push(change("reason", None, Some(reason.as_str().to_owned())));
        }
        if let Some(consent) = consent_on {
            changes.push(change(
                "consent_on",
                current.consent_on.clone(),
                Some(consent.to_string()),
            ));
        }
        w.audit(AuditEntry {
            entity: "enrollment",
            entity_id: current.id.clone(),
            patient_id: Some(current.patient_id.clone()),
            action: "status".into(),
            changes,
        })
    })?;
    store.read(|r| get(r, &current.id))
}

/// One episode with its timeline.
pub fn get(r: &Reader<'_>, id: &str) -> Result<Enrollment> {
    let conn = r.conn();
    let mut episode = conn
        .query_row(
            &format!("{SELECT} WHERE e.id = ?1 AND e.deleted_at IS NULL"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("That enrollment episode does not exist.".into()))?;
    episode.events = events(conn, &episode.id)?;
    Ok(episode)
}

/// Every episode of a patient, open ones first, then newest first.
pub fn for_patient(r: &Reader<'_>, patient_id: &str) -> Result<Vec<Enrollment>> {
    let conn = r.conn();
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE e.patient_id = ?1 AND e.deleted_at IS NULL
         ORDER BY e.status IN ('graduated', 'disenrolled'), e.rowid DESC"
    ))?;
    let mut episodes = stmt
        .query_map([patient_id], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    for episode in &mut episodes {
        episode.events = events(conn, &episode.id)?;
    }
    Ok(episodes)
}

/// The open episode of a patient in a program, by program code.
pub fn open_in_program(
    r: &Reader<'_>,
    patient_id: &str,
    program_code: &str,
) -> Result<Option<Enrollment>> {
    let id: Option<String> = r
        .conn()
        .query_row(
            "SELECT e.id FROM enrollments e JOIN programs g ON g.id = e.program_id
             WHERE e.patient_id = ?1 AND g.code = ?2 AND e.deleted_at IS NULL
               AND e.status NOT IN ('graduated', 'disenrolled')",
            params![patient_id, program_code],
            |row| row.get(0),
        )
        .optional()?;
    id.map(|id| get(r, &id)).transpose()
}

const SELECT: &str =
    "SELECT e.id, e.patient_id, g.code, g.name, e.status, e.referred_on, e.screening_on,
        e.active_on, e.ended_on, e.consent_on, e.referral_source, e.referred_by, e.disenroll_reason
    FROM enrollments e JOIN programs g ON g.id = e.program_id";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Enrollment> {
    let status_text: String = row.get(4)?;
    let status = EnrollmentStatus::parse(&status_text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            4,
            rusqlite::types::Type::Text,
            "unknown status".into(),
        )
    })?;
    Ok(Enrollment {
        id: row.get(0)?,
        patient_id: row.get(1)?,
        program_code: row.get(2)?,
        program_name: row.get(3)?,
        status,
        status_label: status.label(),
        is_open: status.is_open(),
        allowed_next: status.next().to_vec(),
        referred_on: row.get(5)?,
        screening_on: row.get(6)?,
        active_on: row.get(7)?,
        ended_on: row.get(8)?,
        consent_on: row.get(9)?,
        referral_source: row.get(10)?,
        referred_by: row.get(11)?,
        disenroll_reason: row.get(12)?,
        events: Vec::new(),
    })
}

fn events(conn: &Connection, enrollment_id: &str) -> Result<Vec<EnrollmentEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_status, to_status, on_date, reason, note FROM enrollment_events
         WHERE enrollment_id = ?1 ORDER BY on_date, rowid",
    )?;
    let rows = stmt.query_map([enrollment_id], |row| {
        let from: Option<String> = row.get(0)?;
        let to: String = row.get(1)?;
        Ok(EnrollmentEvent {
            from_status: from.as_deref().and_then(EnrollmentStatus::parse),
            to_status: EnrollmentStatus::parse(&to).unwrap_or(EnrollmentStatus::Referred),
            on_date: row.get(2)?,
            reason: row.get(3)?,
            note: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The open episode of a patient in a program: its status and the date of that status.
fn open_episode(
    conn: &Connection,
    patient_id: &str,
    program_id: &str,
) -> Result<Option<(EnrollmentStatus, String)>> {
    let found: Option<(String, String)> = conn
        .query_row(
            "SELECT e.status, COALESCE(
                 (SELECT on_date FROM enrollment_events v WHERE v.enrollment_id = e.id ORDER BY v.rowid DESC LIMIT 1), '')
             FROM enrollments e
             WHERE e.patient_id = ?1 AND e.program_id = ?2 AND e.deleted_at IS NULL
               AND e.status NOT IN ('graduated', 'disenrolled')",
            params![patient_id, program_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    Ok(found.and_then(|(s, d)| EnrollmentStatus::parse(&s).map(|s| (s, d))))
}

fn add_event(
    w: &Writer<'_>,
    enrollment_id: &str,
    from: Option<EnrollmentStatus>,
    to: EnrollmentStatus,
    on: &str,
    reason: Option<&str>,
    note: Option<&str>,
) -> Result<()> {
    w.tx().execute(
        "INSERT INTO enrollment_events (id, enrollment_id, from_status, to_status, on_date, reason, note, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            crate::ids::new_id(),
            enrollment_id,
            from.map(|s| s.as_str()),
            to.as_str(),
            on,
            reason,
            note,
            w.now_text()
        ],
    )?;
    Ok(())
}

fn change(field: &str, from: Option<String>, to: Option<String>) -> FieldChange {
    FieldChange {
        field: field.to_owned(),
        from,
        to,
    }
}

fn non_empty(text: &str) -> Option<String> {
    Some(text.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

fn limited(errors: &mut Vec<FieldError>, field: &str, label: &str, text: &str) -> Option<String> {
    crate::text::optional(errors, field, label, text, 200)
}

fn date_or_today(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    text: &str,
    today: Date,
) -> Option<Date> {
    if text.trim().is_empty() {
        return Some(today);
    }
    optional_date(errors, field, label, text, today)
}

fn optional_date(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    text: &str,
    today: Date,
) -> Option<Date> {
    match crate::dates::optional_not_future(field, label, Some(text), today) {
        Ok(date) => date,
        Err(e) => {
            errors.push(e);
            None
        }
    }
}
