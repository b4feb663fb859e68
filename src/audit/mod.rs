//! The audit trail: who changed what, when, and which fields — and who unlocked the
//! store, opened a patient's record, printed, exported, imported, backed up or
//! restored ([`AuditEntry::event`]).
//!
//! Entries live only inside the encrypted store. Old and new values are kept there so
//! a patient's change history can be read back; they are never written to a log file
//! or printed by the CLI's diagnostics. Every entry is a link of a hash chain
//! (`chain.rs`), so an entry edited or deleted with raw SQL is found by [`verify`].

mod chain;

pub(crate) use chain::chain_existing;
pub use chain::{BrokenLink, Verification};

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

/// The entity of entries that change no record: an unlock, a view, a print, an export.
pub const EVENT: &str = "event";

impl AuditEntry {
    /// An event that changes no record: `unlock`, `unlock_failed`, `view`, `print`,
    /// `export`, `import`, `backup`, `restore`. What it concerns goes in
    /// [`AuditEntry::detail`]s (kept as fields with only a new value).
    pub fn event(action: &'static str) -> AuditEntry {
        AuditEntry {
            entity: EVENT,
            entity_id: String::new(),
            patient_id: None,
            action: action.to_owned(),
            changes: Vec::new(),
        }
    }

    /// The patient the event concerns (a view, one patient's printout or export).
    pub fn patient(mut self, patient_id: &str) -> AuditEntry {
        self.patient_id = Some(patient_id.to_owned());
        self
    }

    /// One fact about the event: `document`, `patients`, `where`, `file` …
    pub fn detail(mut self, field: &str, value: impl ToString) -> AuditEntry {
        self.changes.push(FieldChange {
            field: field.to_owned(),
            from: None,
            to: Some(value.to_string()),
        });
        self
    }
}

/// Whom an export names: the patients themselves, or only how many (a bulk export).
#[derive(Debug, Clone, Copy)]
pub enum Whom<'a> {
    Patients(&'a [String]),
    Count(usize),
}

/// Records that patient data left the store (`action` is `print` or `export`): what
/// (`what`: "previsit-agenda", "fhir-bundle"), where to, and whom it names — the patient
/// when it is about one, otherwise how many patients.
pub fn record_export(
    store: &mut crate::store::Store,
    action: &'static str,
    what: &str,
    whom: Whom<'_>,
    destination: &str,
) -> crate::Result<()> {
    let count = match whom {
        Whom::Patients(ids) => ids.len(),
        Whom::Count(n) => n,
    };
    let mut entry = AuditEntry::event(action)
        .detail("what", what)
        .detail("patients", count)
        .detail("where", destination);
    if let Whom::Patients([only]) = whom {
        entry = entry.patient(only);
    }
    store.write(|w| w.audit(entry))
}

/// Records that the coordinator opened `patient_id`'s record. Front ends call it once
/// per patient per unlock (the desktop remembers whom it recorded until the next lock;
/// each CLI command is an unlock of its own), not per click.
pub fn record_view(store: &mut crate::store::Store, patient_id: &str) -> crate::Result<()> {
    store.write(|w| w.audit(AuditEntry::event("view").patient(patient_id)))
}

/// Keeps SQLite's own words about a failure (`error.detail()`) in the audit trail,
/// where whoever looks after the laptop can read them; the coordinator was told what
/// it means instead. Best effort: a store that cannot take the entry (full, damaged,
/// read-only) is the failure itself, and the message already says so.
pub fn record_problem(store: &mut crate::store::Store, error: &crate::Error) {
    if let Some(detail) = error.detail() {
        let _ = store.write(|w| {
            w.audit(
                AuditEntry::event("storage_problem")
                    .detail("code", format!("{:?}", error.code()))
                    .detail("detail", &detail),
            )
        });
    }
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
    let (last, prev_hash) = chain::head(conn)?;
    let seq = last + 1;
    let id = crate::ids::new_id();
    let at = at.to_string();
    let hash = chain::Link {
        seq,
        id: &id,
        at: &at,
        actor,
        entity: entry.entity,
        entity_id: &entry.entity_id,
        patient_id: entry.patient_id.as_deref(),
        action: &entry.action,
        changes: &changes,
    }
    .hash(&prev_hash);
    conn.execute(
        "INSERT INTO audit_log
             (id, at, actor, entity, entity_id, patient_id, action, changes, seq, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            id,
            at,
            actor,
            entry.entity,
            entry.entity_id,
            entry.patient_id,
            entry.action,
            changes,
            seq,
            prev_hash,
            hash
        ],
    )?;
    chain::set_head(conn, seq, &hash)?;
    Ok(())
}

/// Walks the whole trail and reports the first broken link (see `chain.rs`).
pub fn verify(r: &crate::store::Reader<'_>) -> crate::Result<Verification> {
    chain::verify(r.conn())
}

/// Everything changed about one patient (their record and their episodes), newest
/// first. Events (views, prints) are not changes: the Audit view lists them.
pub fn history_for_patient(
    r: &crate::store::Reader<'_>,
    patient_id: &str,
) -> crate::Result<Vec<AuditRecord>> {
    let mut stmt = r.conn().prepare_cached(
        "SELECT at, actor, entity, entity_id, action, changes FROM audit_log
         WHERE patient_id = ?1 AND entity <> ?2 ORDER BY at DESC, rowid DESC",
    )?;
    let rows = stmt.query_map([patient_id, EVENT], |row| {
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
