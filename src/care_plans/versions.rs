//! The plan's history: after every change the whole plan, as it then read, is kept as
//! the patient's next numbered version, in the same transaction as the change. The
//! audit trail says which field changed; a version shows the plan a coordinator (or the
//! patient, on paper) saw on a given day.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::{Reader, Writer};

/// One kept version of a patient's plan.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    pub version: i64,
    pub saved_at: String,
    pub actor: String,
    /// What the change was: "Goal added", "Action completed".
    pub change: String,
    /// The plan as it stood (`CarePlan` as JSON); `None` in a list of versions.
    pub plan: Option<serde_json::Value>,
}

/// Keeps the plan as it stands inside the change `w` as the next version.
pub(super) fn keep(w: &mut Writer<'_>, patient_id: &str, change: &str) -> Result<()> {
    let mut plan = super::read::plan(&w.reader(), patient_id)?;
    let version: i64 = w.tx().query_row(
        "SELECT coalesce(max(version), 0) + 1 FROM care_plan_versions WHERE patient_id = ?1",
        [patient_id],
        |row| row.get(0),
    )?;
    plan.version = version;
    plan.updated_at = Some(w.now_text());
    let json = serde_json::to_string(&plan)
        .map_err(|e| Error::Internal(format!("care plan as JSON: {e}")))?;
    w.tx().execute(
        "INSERT INTO care_plan_versions (patient_id, version, saved_at, actor, change, plan)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![patient_id, version, w.now_text(), w.actor(), change, json],
    )?;
    Ok(())
}

/// Every version of the patient's plan, newest first, without the plans themselves.
pub fn versions(r: &Reader<'_>, patient_id: &str) -> Result<Vec<Version>> {
    crate::patients::get(r, patient_id)?;
    let mut stmt = r.conn().prepare(
        "SELECT version, saved_at, actor, change FROM care_plan_versions WHERE patient_id = ?1
         ORDER BY version DESC",
    )?;
    let rows = stmt.query_map([patient_id], |row| {
        Ok(Version {
            version: row.get(0)?,
            saved_at: row.get(1)?,
            actor: row.get(2)?,
            change: row.get(3)?,
            plan: None,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// One earlier version of the plan, whole.
pub fn version(r: &Reader<'_>, patient_id: &str, version: i64) -> Result<Version> {
    crate::patients::get(r, patient_id)?;
    let found = r
        .conn()
        .query_row(
            "SELECT version, saved_at, actor, change, plan FROM care_plan_versions
             WHERE patient_id = ?1 AND version = ?2",
            params![patient_id, version],
            |row| {
                Ok((
                    Version {
                        version: row.get(0)?,
                        saved_at: row.get(1)?,
                        actor: row.get(2)?,
                        change: row.get(3)?,
                        plan: None,
                    },
                    row.get::<_, String>(4)?,
                ))
            },
        )
        .optional()?;
    let (mut v, json) = found.ok_or_else(|| {
        Error::NotFound(format!(
            "This patient's care plan has no version {version}."
        ))
    })?;
    v.plan = Some(
        serde_json::from_str(&json)
            .map_err(|e| Error::Internal(format!("a kept care plan version: {e}")))?,
    );
    Ok(v)
}
