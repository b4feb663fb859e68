//! The audit trail: who changed what, when, and which fields.
//!
//! Entries live only inside the encrypted store. Old and new values are kept there so
//! a patient's change history can be read back; they are never written to a log file
//! or printed by the CLI's diagnostics.

use jiff::Timestamp;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

/// One field's value before and after a change (`None` = empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// What a change did, as the domain code reports it to [`crate::store::Writer::audit`].
#[derive(Debug, Clone)]
pub struct AuditEntry {
    /// `patient`, `enrollment`, `program`, ...
    pub entity: &'static str,
    pub entity_id: String,
    /// The patient the change concerns, so their history can be listed in one query.
    pub patient_id: Option<String>,
    /// `create`, `update`, `status`, `delete`, ...
    pub action: String,
    pub changes: Vec<FieldChange>,
}

/// A stored audit entry, as a patient's history shows it.
#[derive(Debug, Clone, Serialize)]
pub struct AuditRecord {
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub changes: Vec<FieldChange>,
}

/// The fields whose values differ between `before` and `after`, as `(field, before, after)`.
pub fn diff(pairs: &[(&str, Option<&str>, Option<&str>)]) -> Vec<FieldChange> {
    pairs
        .iter()
        .filter(|(_, from, to)| from != to)
        .map(|(field, from, to)| FieldChange {
            field: (*field).to_owned(),
            from: from.map(str::to_owned),
            to: to.map(str::to_owned),
        })
        .collect()
}

pub(crate) fn record(
    conn: &Connection,
    at: Timestamp,
    actor: &str,
    entry: &AuditEntry,
) -> crate::Result<()> {
    let changes = serde_json::to_string(&entry.changes)
        .map_err(|e| crate::Error::Internal(format!("audit entry not serialisable: {e}")))?;
    conn.execute(
        "INSERT INTO audit_log (id, at, actor, entity, entity_id, patient_id, action, changes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            crate::ids::new_id(),
            at.to_string(),
            actor,
            entry.entity,
            entry.entity_id,
            entry.patient_id,
            entry.action,
            changes
        ],
    )?;
    Ok(())
}

/// Everything recorded about one patient (their record and their episodes), newest first.
pub fn history_for_patient(
    r: &crate::store::Reader<'_>,
    patient_id: &str,
) -> crate::Result<Vec<AuditRecord>> {
    let mut stmt = r.conn().prepare_cached(
        "SELECT at, actor, entity, entity_id, action, changes FROM audit_log
         WHERE patient_id = ?1 ORDER BY at DESC, rowid DESC",
    )?;
    let rows = stmt.query_map([patient_id], |row| {
        let changes: String = row.get(5)?;
        Ok(AuditRecord {
            at: row.get(0)?,
            actor: row.get(1)?,
            entity: row.get(2)?,
            entity_id: row.get(3)?,
            action: row.get(4)?,
            // Entries are written by `record` above; an unreadable one shows as "no details".
            changes: serde_json::from_str(&changes).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_keeps_only_changed_fields() {
        let changes = diff(&[
            ("phone", Some("555-0101"), Some("555-0199")),
            ("first_name", Some("Ana"), Some("Ana")),
            ("note", None, Some("prefers mornings")),
        ]);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].field, "phone");
        assert_eq!(changes[1].from, None);
        assert_eq!(changes[1].to.as_deref(), Some("prefers mornings"));
    }
}
