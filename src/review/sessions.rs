//! Review sessions: the weekly meeting with the consulting psychiatrist and the PCP —
//! when it was held, who attended, which patients were discussed and why, and what was
//! recommended. Past sessions stay readable as they were recorded.

use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::recommendations::{self, Recommendation};
use crate::audit::AuditEntry;
use crate::error::{Error, FieldError, Result};
use crate::patients::PatientRef;
use crate::store::{Reader, Store, Writer};

/// The team members who take part in a review. They are people with roles, not users
/// of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttendeeRole {
    Psychiatrist,
    Pcp,
    Coordinator,
    Other,
}

impl AttendeeRole {
    pub const ALL: [AttendeeRole; 4] = [
        AttendeeRole::Psychiatrist,
        AttendeeRole::Pcp,
        AttendeeRole::Coordinator,
        AttendeeRole::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AttendeeRole::Psychiatrist => "psychiatrist",
            AttendeeRole::Pcp => "pcp",
            AttendeeRole::Coordinator => "coordinator",
            AttendeeRole::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AttendeeRole::Psychiatrist => "Psychiatrist",
            AttendeeRole::Pcp => "PCP",
            AttendeeRole::Coordinator => "Care coordinator",
            AttendeeRole::Other => "Other",
        }
    }

    pub fn parse(text: &str) -> Option<AttendeeRole> {
        AttendeeRole::ALL
            .into_iter()
            .find(|r| r.as_str() == text.trim())
    }
}

/// One row of the attendees part of the session form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AttendeeDraft {
    pub name: String,
    /// `psychiatrist`, `pcp`, `coordinator` or `other`.
    pub role: String,
}

/// The "review session" form. Text fields, so bad input becomes a message on the field.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SessionDraft {
    /// The date the review was held: today or earlier (a review may be recorded later).
    pub held_on: String,
    pub note: String,
    pub attendees: Vec<AttendeeDraft>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendee {
    pub name: String,
    pub role: AttendeeRole,
    pub role_label: &'static str,
}

/// A patient discussed in a session, with the reasons they were on the list then.
#[derive(Debug, Clone, Serialize)]
pub struct DiscussedPatient {
    /// Who, with their age on the day the session is read for.
    #[serde(flatten)]
    pub patient: PatientRef,
    /// The record was removed (entered in error) after the session.
    pub patient_removed: bool,
    pub reasons: Vec<String>,
}

/// A session as recorded, for the session screen and for reading past sessions.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewSession {
    pub id: String,
    pub held_on: String,
    pub note: Option<String>,
    pub attendees: Vec<Attendee>,
    /// In name order.
    pub discussed: Vec<DiscussedPatient>,
    /// In the order they were recorded.
    pub recommendations: Vec<Recommendation>,
    pub created_at: String,
    pub updated_at: String,
}

/// A line of the "past sessions" list.
#[derive(Debug, Clone, Serialize)]
pub struct SessionSummary {
    pub id: String,
    pub held_on: String,
    pub note: Option<String>,
    pub attendee_count: u32,
    pub patients_discussed: u32,
    pub recommendations_open: u32,
    pub recommendations_closed: u32,
}

const NOTE_MAX: usize = 2000;
const NAME_MAX: usize = 200;
const ATTENDEES_MAX: usize = 30;

/// A draft that passed every check.
struct ValidSession {
    held_on: Date,
    note: Option<String>,
    attendees: Vec<(String, AttendeeRole)>,
}

/// Records a review session with its attendees.
pub fn create_session(store: &mut Store, draft: &SessionDraft) -> Result<ReviewSession> {
    // Checked inside the change, so a session entered at the same moment elsewhere (the
    // CLI) cannot slip in between the "date is free" check and the insert.
    let id = store.write(|w| {
        let valid = validate(&w.reader(), draft, None)?;
        let id = crate::ids::new_id();
        let now = w.now_text();
        w.tx().execute(
            "INSERT INTO review_sessions (id, held_on, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![id, valid.held_on.to_string(), valid.note, now],
        )?;
        insert_attendees(w, &id, &valid.attendees)?;
        let changes = crate::audit::diff(&[
            ("held_on", None, Some(valid.held_on.to_string().as_str())),
            ("note", None, valid.note.as_deref()),
            ("attendees", None, Some(describe(&valid.attendees).as_str())),
        ]);
        w.audit(AuditEntry {
            entity: "review_session",
            entity_id: id.clone(),
            patient_id: None,
            action: "create".into(),
            changes,
        })?;
        Ok(id)
    })?;
    store.read(|r| get_session(r, &id))
}

/// Changes a session's date, note and attendees (the attendee list is replaced).
pub fn update_session(store: &mut Store, id: &str, draft: &SessionDraft) -> Result<ReviewSession> {
    let (before, valid) =
        store.read(|r| Ok((get_session(r, id)?, validate(r, draft, Some(id))?)))?;
    let before_attendees: Vec<(String, AttendeeRole)> = before
        .attendees
        .iter()
        .map(|a| (a.name.clone(), a.role))
        .collect();
    let held_on = valid.held_on.to_string();
    let changes = crate::audit::diff(&[
        (
            "held_on",
            Some(before.held_on.as_str()),
            Some(held_on.as_str()),
        ),
        ("note", before.note.as_deref(), valid.note.as_deref()),
        (
            "attendees",
            Some(describe(&before_attendees).as_str()),
            Some(describe(&valid.attendees).as_str()),
        ),
    ]);
    if changes.is_empty() {
        return Ok(before);
    }
    store.write(|w| {
        let mut clash = Vec::new();
        check_date_free(w.tx(), valid.held_on, Some(id), &mut clash)?;
        if !clash.is_empty() {
            return Err(Error::Invalid(clash));
        }
        w.tx().execute(
            "UPDATE review_sessions SET held_on = ?2, note = ?3, updated_at = ?4
             WHERE id = ?1 AND deleted_at IS NULL",
            params![id, held_on, valid.note, w.now_text()],
        )?;
        w.tx()
            .execute("DELETE FROM review_attendees WHERE session_id = ?1", [id])?;
        insert_attendees(w, id, &valid.attendees)?;
        w.audit(AuditEntry {
            entity: "review_session",
            entity_id: id.to_owned(),
            patient_id: None,
            action: "update".into(),
            changes,
        })
    })?;
    store.read(|r| get_session(r, id))
}

/// One session with its attendees, discussed patients and recommendations.
pub fn get_session(r: &Reader<'_>, id: &str) -> Result<ReviewSession> {
    let conn = r.conn();
    let mut session = conn
        .query_row(
            "SELECT id, held_on, note, created_at, updated_at FROM review_sessions
             WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |row| {
                Ok(ReviewSession {
                    id: row.get(0)?,
                    held_on: row.get(1)?,
                    note: row.get(2)?,
                    created_at: row.get(3)?,
                    updated_at: row.get(4)?,
                    attendees: Vec::new(),
                    discussed: Vec::new(),
                    recommendations: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("That review session does not exist.".into()))?;
    session.attendees = attendees(conn, id)?;
    session.discussed = discussed(r, id)?;
    session.recommendations = recommendations::for_session(r, id)?;
    Ok(session)
}

/// Every session, newest first.
pub fn sessions(r: &Reader<'_>) -> Result<Vec<SessionSummary>> {
    let mut stmt = r.conn().prepare_cached(
        "SELECT s.id, s.held_on, s.note,
             (SELECT count(*) FROM review_attendees a WHERE a.session_id = s.id),
             (SELECT count(*) FROM review_discussed d WHERE d.session_id = s.id),
             (SELECT count(*) FROM review_recommendations r
              WHERE r.session_id = s.id AND r.deleted_at IS NULL AND r.follow_through = 'pending'),
             (SELECT count(*) FROM review_recommendations r
              WHERE r.session_id = s.id AND r.deleted_at IS NULL AND r.follow_through <> 'pending')
         FROM review_sessions s WHERE s.deleted_at IS NULL
         ORDER BY s.held_on DESC, s.created_at DESC",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(SessionSummary {
            id: row.get(0)?,
            held_on: row.get(1)?,
            note: row.get(2)?,
            attendee_count: row.get(3)?,
            patients_discussed: row.get(4)?,
            recommendations_open: row.get(5)?,
            recommendations_closed: row.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The latest session held before `day`: the review list counts new enrollees from it.
pub(crate) fn previous(conn: &Connection, day: Date) -> Result<Option<(String, Date)>> {
    let found: Option<(String, String)> = conn
        .query_row(
            "SELECT id, held_on FROM review_sessions
             WHERE deleted_at IS NULL AND held_on < ?1
             ORDER BY held_on DESC, created_at DESC LIMIT 1",
            [day.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    Ok(found.and_then(|(id, held_on)| crate::dates::parse(&held_on).map(|d| (id, d))))
}

/// Checks a draft. `except` is the session being edited, so it does not clash with
/// its own date.
fn validate(r: &Reader<'_>, draft: &SessionDraft, except: Option<&str>) -> Result<ValidSession> {
    let (conn, today) = (r.conn(), r.today());
    let mut errors = Vec::new();
    let held_on = match crate::dates::required("held_on", "The review date", &draft.held_on) {
        Ok(d) if d > today => {
            errors.push(FieldError::new(
                "held_on",
                "The review date cannot be in the future; record a session on the day it is held or later.",
            ));
            None
        }
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    if let Some(day) = held_on {
        check_date_free(conn, day, except, &mut errors)?;
        if let Some(id) = except {
            check_follow_through_dates(conn, id, day, &mut errors)?;
        }
    }
    let note = crate::text::optional(&mut errors, "note", "The note", &draft.note, NOTE_MAX);
    let attendees = check_attendees(&draft.attendees, &mut errors);
    match held_on {
        Some(held_on) if errors.is_empty() => Ok(ValidSession {
            held_on,
            note,
            attendees,
        }),
        _ => Err(Error::Invalid(errors)),
    }
}

/// Attendees need a name and a role; at least one must be listed. Messages name the row
/// (`attendees.0.name`) so the form can show them beside the right input.
fn check_attendees(
    drafts: &[AttendeeDraft],
    errors: &mut Vec<FieldError>,
) -> Vec<(String, AttendeeRole)> {
    if drafts.is_empty() {
        errors.push(FieldError::new(
            "attendees",
            "Add at least one attendee (for example the consulting psychiatrist).",
        ));
        return Vec::new();
    }
    if drafts.len() > ATTENDEES_MAX {
        errors.push(FieldError::new(
            "attendees",
            format!("A session can list at most {ATTENDEES_MAX} attendees."),
        ));
        return Vec::new();
    }
    let mut out = Vec::with_capacity(drafts.len());
    for (i, draft) in drafts.iter().enumerate() {
        let name = draft.name.trim();
        let row = i + 1;
        if name.is_empty() {
            errors.push(FieldError::new(
                &format!("attendees.{i}.name"),
                format!("Attendee {row}: the name is required."),
            ));
        } else if name.chars().count() > NAME_MAX {
            errors.push(FieldError::new(
                &format!("attendees.{i}.name"),
                format!("Attendee {row}: the name is longer than {NAME_MAX} characters."),
            ));
        }
        let role = match draft.role.trim() {
            "" => {
                errors.push(FieldError::new(
                    &format!("attendees.{i}.role"),
                    format!(
                        "Attendee {row}: choose a role (psychiatrist, PCP, coordinator or other)."
                    ),
                ));
                None
            }
            text => {
                let role = AttendeeRole::parse(text);
                if role.is_none() {
                    errors.push(FieldError::new(
                        &format!("attendees.{i}.role"),
                        format!("Attendee {row}: \"{text}\" is not a role; use psychiatrist, PCP, coordinator or other."),
                    ));
                }
                role
            }
        };
        if let Some(role) = role {
            out.push((name.to_owned(), role));
        }
    }
    out
}

/// One session per day: the review list counts "since the last review" by date, and a
/// second session on the same day is nearly always the same meeting entered twice.
fn check_date_free(
    conn: &Connection,
    day: Date,
    except: Option<&str>,
    errors: &mut Vec<FieldError>,
) -> Result<()> {
    let clash: Option<String> = conn
        .query_row(
            "SELECT id FROM review_sessions
             WHERE deleted_at IS NULL AND held_on = ?1 AND id IS NOT ?2",
            params![day.to_string(), except],
            |row| row.get(0),
        )
        .optional()?;
    if clash.is_some() {
        errors.push(FieldError::new(
            "held_on",
            format!("A review session on {day} is already recorded; open it from the past sessions instead."),
        ));
    }
    Ok(())
}

/// Moving a session later must not leave a recommendation acted on before it was made.
fn check_follow_through_dates(
    conn: &Connection,
    session_id: &str,
    day: Date,
    errors: &mut Vec<FieldError>,
) -> Result<()> {
    let earliest: Option<String> = conn.query_row(
        "SELECT min(follow_through_on) FROM review_recommendations
         WHERE session_id = ?1 AND deleted_at IS NULL AND follow_through_on IS NOT NULL",
        [session_id],
        |row| row.get(0),
    )?;
    if let Some(earliest) = earliest.filter(|e| e.as_str() < day.to_string().as_str()) {
        errors.push(FieldError::new(
            "held_on",
            format!("A recommendation from this session was followed through on {earliest}; the review date cannot be after that."),
        ));
    }
    Ok(())
}

fn insert_attendees(
    w: &Writer<'_>,
    session_id: &str,
    attendees: &[(String, AttendeeRole)],
) -> Result<()> {
    for (position, (name, role)) in attendees.iter().enumerate() {
        w.tx().execute(
            "INSERT INTO review_attendees (id, session_id, name, role, position)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                crate::ids::new_id(),
                session_id,
                name,
                role.as_str(),
                position as i64
            ],
        )?;
    }
    Ok(())
}

/// The attendee list as the audit trail keeps it: "Dr. Chen (Psychiatrist); Ana Ruiz (PCP)".
fn describe(attendees: &[(String, AttendeeRole)]) -> String {
    attendees
        .iter()
        .map(|(name, role)| format!("{name} ({})", role.label()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn attendees(conn: &Connection, session_id: &str) -> Result<Vec<Attendee>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, role FROM review_attendees WHERE session_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([session_id], |row| {
        let role: String = row.get(1)?;
        let role = AttendeeRole::parse(&role).unwrap_or(AttendeeRole::Other);
        Ok(Attendee {
            name: row.get(0)?,
            role,
            role_label: role.label(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn discussed(r: &Reader<'_>, session_id: &str) -> Result<Vec<DiscussedPatient>> {
    let mut stmt = r.conn().prepare_cached(&format!(
        "SELECT {}, p.deleted_at IS NOT NULL, d.reasons
         FROM review_discussed d JOIN patients p ON p.id = d.patient_id
         WHERE d.session_id = ?1 ORDER BY p.sort_key, p.id",
        PatientRef::columns("p")
    ))?;
    let after = PatientRef::COLUMNS;
    let rows = stmt.query_map([session_id], |row| {
        let reasons: String = row.get(after + 1)?;
        Ok(DiscussedPatient {
            patient: PatientRef::from_row(row, 0, r.today())?,
            patient_removed: row.get(after)?,
            // Written by `record_discussion` as a JSON list; an unreadable one shows as none.
            reasons: serde_json::from_str(&reasons).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_describe_reads_as_a_list() {
        for role in AttendeeRole::ALL {
            assert_eq!(AttendeeRole::parse(role.as_str()), Some(role));
        }
        assert_eq!(AttendeeRole::parse("PCP"), None);
        assert_eq!(
            describe(&[
                ("Dr. Chen".into(), AttendeeRole::Psychiatrist),
                ("Dr. Okafor".into(), AttendeeRole::Pcp)
            ]),
            "Dr. Chen (Psychiatrist); Dr. Okafor (PCP)"
        );
    }

    #[test]
    fn attendee_rows_are_checked_one_by_one() {
        let mut errors = Vec::new();
        let rows = check_attendees(
            &[
                AttendeeDraft {
                    name: " Dr. Chen ".into(),
                    role: "psychiatrist".into(),
                },
                AttendeeDraft {
                    name: String::new(),
                    role: "pcp".into(),
                },
                AttendeeDraft {
                    name: "Sam".into(),
                    role: "nurse".into(),
                },
            ],
            &mut errors,
        );
        assert_eq!(rows[0], ("Dr. Chen".to_owned(), AttendeeRole::Psychiatrist));
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["attendees.1.name", "attendees.2.role"]);
        assert!(errors[0].message.starts_with("Attendee 2"));
    }
}
