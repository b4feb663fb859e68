//! Staying current: every service carries when it was last verified, by whom and how.
//! The date is HSDS's `assured_date` (or, for a package that only has it, the date of
//! `last_modified`), so it travels with exports. Older than the clinic's setting
//! (180 days by default) is stale.

use jiff::civil::Date;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::VerifyHow;
use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, FieldError, Result};
use crate::store::{Reader, Store};

/// How current a service is.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub verified_on: Option<Date>,
    pub by: Option<String>,
    pub how: Option<VerifyHow>,
    pub how_label: Option<&'static str>,
    pub days_ago: Option<i64>,
    pub stale: bool,
    pub stale_after_days: u32,
    /// "Verified 12 days ago by M. Lopez (phone call)", "Never verified", ...
    pub text: String,
}

impl Verification {
    /// `verified_on` as stored (`assured_date`, else `last_modified`'s date).
    pub fn of(
        assured_date: Option<&str>,
        last_modified: Option<&str>,
        by: Option<String>,
        how: Option<&str>,
        today: Date,
        stale_after_days: u32,
    ) -> Verification {
        let verified_on = assured_date
            .and_then(|d| d.get(..10))
            .or_else(|| last_modified.and_then(|d| d.get(..10)))
            .and_then(|d| d.parse::<Date>().ok());
        let how = how.and_then(VerifyHow::parse);
        let days_ago = verified_on.map(|d| crate::dates::days_from(d, today));
        // Exactly `stale_after_days` old is still current; a day more is stale.
        let stale = days_ago.is_none_or(|n| n > i64::from(stale_after_days));
        let text = match days_ago {
            None => "Never verified".to_owned(),
            Some(n) => {
                let when = match n {
                    0 => "today".to_owned(),
                    1 => "yesterday".to_owned(),
                    n if n < 0 => format!(
                        "on {}",
                        verified_on.map(|d| d.to_string()).unwrap_or_default()
                    ),
                    n => format!("{n} days ago"),
                };
                let by = by
                    .as_deref()
                    .map(|b| format!(" by {b}"))
                    .unwrap_or_default();
                let how = how
                    .map(|h| format!(" ({})", h.label().to_lowercase()))
                    .unwrap_or_default();
                let stale = if stale { " — stale" } else { "" };
                format!("Verified {when}{by}{how}{stale}")
            }
        };
        Verification {
            verified_on,
            by,
            how,
            how_label: how.map(VerifyHow::label),
            days_ago,
            stale,
            stale_after_days,
            text,
        }
    }
}

/// The clinic's staleness setting.
pub fn stale_after_days(r: &Reader<'_>) -> Result<u32> {
    Ok(crate::settings::directory(r)?.stale_after_days)
}

/// "Verified today": who, how, and what changed (free text).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct VerifyDraft {
    pub how: String,
    pub by: String,
    pub note: String,
    pub changes: String,
}

/// Marks a service verified today.
pub fn verify(store: &mut Store, service_id: &str, draft: &VerifyDraft) -> Result<()> {
    let mut errors = Vec::new();
    let how = match draft.how.trim() {
        "" => VerifyHow::Phone,
        text => VerifyHow::parse(text).unwrap_or_else(|| {
            errors.push(FieldError::new("how", VerifyHow::unknown(text)));
            VerifyHow::Phone
        }),
    };
    let by = crate::text::optional(&mut errors, "by", "Who verified", &draft.by, 120);
    let note = [draft.changes.trim(), draft.note.trim()]
        .iter()
        .filter(|t| !t.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" — ");
    if note.chars().count() > 2000 {
        errors.push(FieldError::new(
            "changes",
            "What changed is longer than 2000 characters.",
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    store.write(|w| {
        let (name, before): (String, Option<String>) = w
            .tx()
            .query_row(
                "SELECT name, assured_date FROM hsds_service WHERE id = ?1 AND _deleted_at IS NULL",
                [service_id],
                |r| Ok((r.get::<_, Option<String>>(0)?.unwrap_or_default(), r.get(1)?)),
            )
            .map_err(|_| Error::NotFound(format!("No service has the id {service_id}.")))?;
        let today = w.today().to_string();
        let email = by.as_deref().filter(|b| super::hsds::is_email(b));
        w.tx().execute(
            "UPDATE hsds_service SET assured_date = ?2, _verified_by = ?3, _verified_how = ?4,
                 assurer_email = coalesce(?5, assurer_email), last_modified = ?6, _edited_at = ?6
             WHERE id = ?1",
            params![service_id, today, by, how.as_str(), email, super::hsds::modified_now(w)],
        )?;
        w.tx().execute(
            "INSERT INTO resource_verifications (id, service_id, on_date, by_whom, how, changes, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                crate::ids::new_id(),
                service_id,
                today,
                by,
                how.as_str(),
                (!note.is_empty()).then_some(note.as_str()),
                w.now_text()
            ],
        )?;
        w.audit(AuditEntry {
            entity: "resource_service",
            entity_id: service_id.to_owned(),
            patient_id: None,
            action: "verify".into(),
            changes: vec![FieldChange {
                field: "last verified".into(),
                from: before,
                to: Some(format!("{today} ({name}, {})", how.label().to_lowercase())),
            }],
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn stale_only_after_the_limit() {
        let today = date(2026, 12, 2);
        let on = |d: Date| Verification::of(Some(&d.to_string()), None, None, None, today, 180);
        assert!(!on(today.checked_sub(jiff::Span::new().days(180)).unwrap()).stale);
        assert!(on(today.checked_sub(jiff::Span::new().days(181)).unwrap()).stale);
        assert!(Verification::of(None, None, None, None, today, 180).stale);
    }

    #[test]
    fn last_modified_stands_in_for_a_missing_assured_date() {
        let v = Verification::of(
            None,
            Some("2026-11-30T10:00:00Z"),
            None,
            Some("import"),
            date(2026, 12, 2),
            180,
        );
        assert_eq!(v.days_ago, Some(2));
        assert_eq!(v.text, "Verified 2 days ago (from an import)");
    }
}
