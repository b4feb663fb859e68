//! Making referrals, moving them along, and reading them.

use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::status::{CouldNotConnect, ReferralStatus, Urgency, allowed, next_statuses};
use crate::audit::{self, AuditEntry};
use crate::error::{Error, FieldError, Result};
use crate::patients::PatientRef;
use crate::resources::ReferralCounts;
use crate::social_needs::NeedCategory;
use crate::store::{Reader, Store};
use crate::terms::Term;

/// The referral form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ReferralDraft {
    pub patient_id: String,
    pub service_id: String,
    /// One of the patient's needs, or empty.
    pub need_id: String,
    /// A Gravity category when no need is named (filled from the need otherwise).
    pub need_category: String,
    pub urgency: String,
    pub note: String,
    pub consent_to_share: bool,
    /// "suggested" or "referred" (the default).
    pub status: String,
    /// Why the patient is referred to a stale service without verifying it first.
    pub stale_reason: String,
    /// Empty = the setting's number of days after today.
    pub follow_up_on: String,
}

/// A move of the status.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Move {
    pub status: String,
    /// Empty = today.
    pub on: String,
    /// Why it could not connect (required for could-not-connect).
    pub reason: String,
    pub note: String,
    /// Empty = the setting's number of days after the move (while still open).
    pub follow_up_on: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReferralEvent {
    pub status: ReferralStatus,
    pub status_label: &'static str,
    pub on: String,
    pub note: Option<String>,
    pub reason_label: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Referral {
    pub id: String,
    #[serde(flatten)]
    pub patient: PatientRef,
    pub service_id: String,
    pub service_name: String,
    pub organization_name: String,
    pub service_stale: bool,
    pub need_id: Option<String>,
    pub need_category: Option<String>,
    pub need_label: Option<&'static str>,
    pub urgency: Urgency,
    pub urgency_label: &'static str,
    pub note: Option<String>,
    pub consent_to_share: bool,
    pub consent_on: Option<String>,
    pub status: ReferralStatus,
    pub status_label: &'static str,
    pub outcome: Option<CouldNotConnect>,
    pub outcome_label: Option<&'static str>,
    pub referred_on: Date,
    pub follow_up_on: Option<Date>,
    /// Days past the follow-up date (0 = today); `None` when not yet due or closed.
    pub follow_up_overdue_days: Option<i64>,
    pub open: bool,
    pub stale_reason: Option<String>,
    pub next_statuses: Vec<Term>,
    pub history: Vec<ReferralEvent>,
}

fn follow_up_days(r: &Reader<'_>) -> Result<i64> {
    Ok(i64::from(
        crate::settings::directory(r)?.referral_follow_up_days,
    ))
}

fn plus_days(day: Date, n: i64) -> Result<Date> {
    day.checked_add(jiff::Span::new().days(n))
        .map_err(|e| Error::Internal(e.to_string()))
}

/// An optional date field, not before `earliest`.
fn date_from(
    errors: &mut Vec<FieldError>,
    field: &str,
    text: &str,
    earliest: Date,
    what: &str,
) -> Option<Date> {
    if text.trim().is_empty() {
        return None;
    }
    match crate::dates::parse(text) {
        None => {
            errors.push(FieldError::new(
                field,
                format!("\"{}\" is not a date; use YYYY-MM-DD.", text.trim()),
            ));
            None
        }
        Some(d) if d < earliest => {
            errors.push(FieldError::new(
                field,
                format!("{what} {d} is before {earliest}."),
            ));
            None
        }
        Some(d) => Some(d),
    }
}

pub fn add(store: &mut Store, draft: &ReferralDraft) -> Result<Referral> {
    let id = store.write(|w| {
        let r = w.reader();
        let today = w.today();
        crate::patients::get(&r, &draft.patient_id)?;
        let service = crate::resources::detail(&r, draft.service_id.trim())?;
        if service.deleted {
            return Err(Error::Conflict(format!("{} was removed from the directory.", service.name)));
        }
        if matches!(service.status.as_str(), "defunct" | "inactive") {
            return Err(Error::Conflict(format!(
                "{} is marked {} in the directory; choose another service.",
                service.name,
                service.status_label.to_lowercase()
            )));
        }
        let mut errors = Vec::new();
        let need = match draft.need_id.trim() {
            "" => None,
            need_id => {
                let need = crate::social_needs::get(&r, need_id)?;
                if need.patient_id != draft.patient_id {
                    errors.push(FieldError::new("need_id", "That need belongs to another patient."));
                }
                Some(need)
            }
        };
        let need_category = match (&need, draft.need_category.trim()) {
            (Some(n), _) => Some(n.category),
            (None, "") => None,
            (None, t) => NeedCategory::parse(t).or_else(|| {
                errors.push(FieldError::new("need_category", NeedCategory::unknown(t)));
                None
            }),
        };
        let urgency = match draft.urgency.trim() {
            "" => Urgency::Routine,
            t => Urgency::parse(t).unwrap_or_else(|| {
                errors.push(FieldError::new("urgency", Urgency::unknown(t)));
                Urgency::Routine
            }),
        };
        let status = match draft.status.trim() {
            "" => ReferralStatus::Referred,
            t => match ReferralStatus::parse(t) {
                Some(s @ (ReferralStatus::Suggested | ReferralStatus::Referred)) => s,
                _ => {
                    errors.push(FieldError::new("status", "A new referral is suggested or referred."));
                    ReferralStatus::Referred
                }
            },
        };
        let note = crate::text::optional(&mut errors, "note", "The note", &draft.note, 2000);
        let stale_reason = crate::text::optional(&mut errors, "stale_reason", "The reason", &draft.stale_reason, 500);
        if service.verification.stale && stale_reason.is_none() {
            let age = match service.verification.days_ago {
                Some(n) => format!("was last verified {n} days ago"),
                None => "has never been verified".to_owned(),
            };
            errors.push(FieldError::new(
                "stale_reason",
                format!(
                    "{} {age} (stale after {} days). Verify it first, or say why you refer anyway.",
                    service.name, service.verification.stale_after_days
                ),
            ));
        }
        let follow_up = date_from(&mut errors, "follow_up_on", &draft.follow_up_on, today, "The follow-up date");
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let follow_up = match follow_up {
            Some(d) => d,
            None => plus_days(today, follow_up_days(&r)?)?,
        };
        let id = crate::ids::new_id();
        let now = w.now_text();
        w.tx().execute(
            "INSERT INTO referrals (id, patient_id, service_id, need_id, need_category, urgency, note,
                 consent_to_share, consent_on, status, referred_on, follow_up_on, stale_reason, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
            params![
                id,
                draft.patient_id,
                service.id,
                need.as_ref().map(|n| n.id.clone()),
                need_category.map(NeedCategory::as_str),
                urgency.as_str(),
                note,
                draft.consent_to_share,
                draft.consent_to_share.then(|| today.to_string()),
                status.as_str(),
                today.to_string(),
                follow_up.to_string(),
                stale_reason,
                now
            ],
        )?;
        event(w, &id, status, today, None, note.as_deref())?;
        let changes = audit::diff(&[
            ("service", None, Some(&format!("{} ({})", service.name, service.organization.name))),
            ("status", None, Some(status.as_str())),
            ("need", None, need_category.map(NeedCategory::as_str)),
            ("urgency", None, Some(urgency.as_str())),
            ("consent to share", None, Some(if draft.consent_to_share { "yes" } else { "no" })),
            ("follow-up", None, Some(&follow_up.to_string())),
            ("referred although stale", None, stale_reason.as_deref()),
        ]);
        w.audit(AuditEntry {
            entity: "referral",
            entity_id: id.clone(),
            patient_id: Some(draft.patient_id.clone()),
            action: "create".into(),
            changes,
        })?;
        if let Some(need) = &need {
            crate::social_needs::mark_addressed(w, &need.id)?;
        }
        crate::patients::touch(w, &draft.patient_id)?;
        Ok(id)
    })?;
    store.read(|r| get(r, &id))
}

fn event(
    w: &crate::store::Writer<'_>,
    referral_id: &str,
    status: ReferralStatus,
    on: Date,
    outcome: Option<CouldNotConnect>,
    note: Option<&str>,
) -> Result<()> {
    w.tx().execute(
        "INSERT INTO referral_events (id, referral_id, status, on_date, outcome, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            crate::ids::new_id(),
            referral_id,
            status.as_str(),
            on.to_string(),
            outcome.map(CouldNotConnect::as_str),
            note,
            w.now_text()
        ],
    )?;
    Ok(())
}

/// Moves a referral to another status (only the machine's moves).
pub fn move_to(store: &mut Store, id: &str, mv: &Move) -> Result<Referral> {
    store.write(|w| {
        let r = w.reader();
        let before = get(&r, id)?;
        let today = w.today();
        let mut errors = Vec::new();
        let to = match mv.status.trim() {
            "" => {
                errors.push(FieldError::new("status", "Choose the new status."));
                None
            }
            t => ReferralStatus::parse(t).or_else(|| {
                errors.push(FieldError::new("status", ReferralStatus::unknown(t)));
                None
            }),
        };
        if let Some(to) = to
            && !allowed(before.status, to)
        {
            return Err(Error::InvalidTransition(format!(
                "A referral that is {} cannot become {}.{}",
                before.status_label.to_lowercase(),
                to.label().to_lowercase(),
                if before.open { "" } else { " The loop is closed; make a new referral for another try." }
            )));
        }
        let last = before
            .history
            .last()
            .and_then(|e| crate::dates::parse(&e.on))
            .unwrap_or(before.referred_on);
        let on = match mv.on.trim() {
            "" => Some(today),
            t => match crate::dates::parse(t) {
                None => {
                    errors.push(FieldError::new("on", format!("\"{t}\" is not a date; use YYYY-MM-DD.")));
                    None
                }
                Some(d) if d > today => {
                    errors.push(FieldError::new("on", format!("The date {d} is in the future.")));
                    None
                }
                Some(d) if d < last => {
                    errors.push(FieldError::new("on", format!("The date {d} is before the last move ({last}).")));
                    None
                }
                Some(d) => Some(d),
            },
        };
        let outcome = match (to, mv.reason.trim()) {
            (Some(ReferralStatus::CouldNotConnect), "") => {
                errors.push(FieldError::new(
                    "reason",
                    "Say why it could not connect: no capacity, not eligible, patient declined, no response or other.",
                ));
                None
            }
            (Some(ReferralStatus::CouldNotConnect), t) => CouldNotConnect::parse(t).or_else(|| {
                errors.push(FieldError::new("reason", CouldNotConnect::unknown(t)));
                None
            }),
            _ => None,
        };
        let note = crate::text::optional(&mut errors, "note", "The note", &mv.note, 2000);
        let follow_up = date_from(&mut errors, "follow_up_on", &mv.follow_up_on, on.unwrap_or(today), "The follow-up date");
        let (Some(to), Some(on), true) = (to, on, errors.is_empty()) else {
            return Err(Error::Invalid(errors));
        };
        let follow_up = if to.is_open() {
            Some(match follow_up {
                Some(d) => d,
                None => plus_days(on, follow_up_days(&r)?)?,
            })
        } else {
            None
        };
        w.tx().execute(
            "UPDATE referrals SET status = ?2, outcome = ?3, follow_up_on = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, to.as_str(), outcome.map(CouldNotConnect::as_str), follow_up.map(|d| d.to_string()), w.now_text()],
        )?;
        event(w, id, to, on, outcome, note.as_deref())?;
        let follow = follow_up.map(|d| d.to_string());
        let before_follow = before.follow_up_on.map(|d| d.to_string());
        w.audit(AuditEntry {
            entity: "referral",
            entity_id: id.to_owned(),
            patient_id: Some(before.patient.id.clone()),
            action: "move".into(),
            changes: audit::diff(&[
                ("status", Some(before.status.as_str()), Some(to.as_str())),
                ("on", None, Some(&on.to_string())),
                ("reason", None, outcome.map(CouldNotConnect::as_str)),
                ("follow-up", before_follow.as_deref(), follow.as_deref()),
            ]),
        })?;
        crate::patients::touch(w, &before.patient.id)
    })?;
    store.read(|r| get(r, id))
}

const SELECT: &str =
    "SELECT f.id, f.service_id, coalesce(s.name, ''), coalesce(o.name, ''), f.need_id,
        f.need_category, f.urgency, f.note, f.consent_to_share, f.consent_on, f.status, f.outcome,
        f.referred_on, f.follow_up_on, f.stale_reason, s.assured_date, s.last_modified, ";

fn read_rows(r: &Reader<'_>, filter: &str, param: &dyn rusqlite::ToSql) -> Result<Vec<Referral>> {
    let stale_after = crate::resources::stale_after_days(r)?;
    let today = r.today();
    let sql = format!(
        "{SELECT}{} FROM referrals f JOIN patients p ON p.id = f.patient_id
         JOIN hsds_service s ON s.id = f.service_id LEFT JOIN hsds_organization o ON o.id = s.organization_id
         WHERE f.deleted_at IS NULL AND p.deleted_at IS NULL AND {filter}",
        PatientRef::columns("p")
    );
    let mut stmt = r.conn().prepare(&sql)?;
    let rows = stmt.query_map([param], |row| {
        let text = |i: usize| row.get::<_, Option<String>>(i);
        let status =
            ReferralStatus::parse(&row.get::<_, String>(10)?).unwrap_or(ReferralStatus::Referred);
        let urgency = Urgency::parse(&row.get::<_, String>(6)?).unwrap_or(Urgency::Routine);
        let outcome = text(11)?.as_deref().and_then(CouldNotConnect::parse);
        let need = text(5)?.as_deref().and_then(NeedCategory::parse);
        let follow_up_on = text(13)?.as_deref().and_then(crate::dates::parse);
        let verification = crate::resources::Verification::of(
            text(15)?.as_deref(),
            text(16)?.as_deref(),
            None,
            None,
            today,
            stale_after,
        );
        Ok(Referral {
            id: row.get(0)?,
            patient: PatientRef::from_row(row, 17, today)?,
            service_id: row.get(1)?,
            service_name: row.get(2)?,
            organization_name: row.get(3)?,
            service_stale: verification.stale,
            need_id: text(4)?,
            need_category: need.map(|n| n.as_str().to_owned()),
            need_label: need.map(NeedCategory::label),
            urgency,
            urgency_label: urgency.label(),
            note: text(7)?,
            consent_to_share: row.get(8)?,
            consent_on: text(9)?,
            status,
            status_label: status.label(),
            outcome,
            outcome_label: outcome.map(CouldNotConnect::label),
            referred_on: text(12)?
                .as_deref()
                .and_then(crate::dates::parse)
                .unwrap_or(today),
            follow_up_overdue_days: follow_up_on
                .filter(|d| status.is_open() && *d <= today)
                .map(|d| crate::dates::days_from(d, today)),
            follow_up_on,
            open: status.is_open(),
            stale_reason: text(14)?,
            next_statuses: next_statuses(status)
                .into_iter()
                .map(|s| Term {
                    value: s.as_str(),
                    label: s.label(),
                })
                .collect(),
            history: Vec::new(),
        })
    })?;
    let mut out: Vec<Referral> = rows.collect::<std::result::Result<_, _>>()?;
    let mut stmt = r.conn().prepare_cached(
        "SELECT status, on_date, note, outcome FROM referral_events WHERE referral_id = ?1 ORDER BY on_date, created_at",
    )?;
    for referral in &mut out {
        referral.history = stmt
            .query_map([&referral.id], |row| {
                let status = ReferralStatus::parse(&row.get::<_, String>(0)?)
                    .unwrap_or(ReferralStatus::Referred);
                Ok(ReferralEvent {
                    status,
                    status_label: status.label(),
                    on: row.get(1)?,
                    note: row.get(2)?,
                    reason_label: row
                        .get::<_, Option<String>>(3)?
                        .as_deref()
                        .and_then(CouldNotConnect::parse)
                        .map(CouldNotConnect::label),
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
    }
    Ok(out)
}

pub fn get(r: &Reader<'_>, id: &str) -> Result<Referral> {
    read_rows(r, "f.id = ?1", &id)?
        .pop()
        .ok_or_else(|| Error::NotFound(format!("No referral has the id {id}.")))
}

/// The patient's referrals: open ones first, newest first.
pub fn for_patient(r: &Reader<'_>, patient_id: &str) -> Result<Vec<Referral>> {
    crate::patients::get(r, patient_id)?;
    let mut out = read_rows(r, "f.patient_id = ?1", &patient_id)?;
    out.sort_by(|a, b| b.open.cmp(&a.open).then(b.referred_on.cmp(&a.referred_on)));
    Ok(out)
}

/// Open referrals whose follow-up date has come (on the reader's day), most overdue first.
pub fn due(r: &Reader<'_>) -> Result<Vec<Referral>> {
    let day = r.today().to_string();
    let mut out = read_rows(
        r,
        "f.status IN ('suggested', 'referred', 'contacted') AND f.follow_up_on <= ?1",
        &day,
    )?;
    out.sort_by(|a, b| {
        a.follow_up_on
            .cmp(&b.follow_up_on)
            .then(a.patient.last_name.cmp(&b.patient.last_name))
    });
    Ok(out)
}

/// How many patients were referred to a service and how it went.
pub fn counts_for_service(r: &Reader<'_>, service_id: &str) -> Result<ReferralCounts> {
    Ok(r.conn()
        .query_row(
            "SELECT count(*),
                    coalesce(sum(status IN ('suggested', 'referred', 'contacted')), 0),
                    coalesce(sum(status = 'connected'), 0),
                    coalesce(sum(status = 'could-not-connect'), 0)
             FROM referrals f JOIN patients p ON p.id = f.patient_id
             WHERE f.service_id = ?1 AND f.deleted_at IS NULL AND p.deleted_at IS NULL",
            [service_id],
            |row| {
                Ok(ReferralCounts {
                    total: row.get(0)?,
                    open: row.get(1)?,
                    connected: row.get(2)?,
                    could_not_connect: row.get(3)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}
