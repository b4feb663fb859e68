//! The Audit view in Settings: the trail with filters, its verification, and its CSV
//! saved where the coordinator chooses (itself recorded as an export).

use caseload::audit::{self, Verification, Whom};
use caseload::pages::audit::{self as trail, AuditPage, AuditQuery};
use caseload::store::StoreError;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::chosen_path;
use crate::error::{CommandResult, UiError};
use crate::state::AppState;

/// The filters as the form holds them: the patient by MRN, days as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    mrn: String,
    action: String,
    from: String,
    to: String,
    offset: u32,
}

impl AuditFilter {
    /// The core's query, with a field message for an unknown MRN or a bad date.
    fn query(&self, state: &AppState, limit: Option<u32>) -> CommandResult<AuditQuery> {
        let day = |field: &str, text: &str| -> CommandResult<Option<jiff::civil::Date>> {
            match text.trim() {
                "" => Ok(None),
                t => caseload::dates::parse(t)
                    .map(Some)
                    .ok_or_else(|| UiError::invalid(field, "Use a date like 2026-12-03.")),
            }
        };
        let patient_id = match self.mrn.trim() {
            "" => None,
            mrn => Some(
                state
                    .read(|r| caseload::patients::find_by_mrn(r, mrn))?
                    .ok_or_else(|| UiError::invalid("mrn", "No patient has this MRN."))?
                    .id,
            ),
        };
        Ok(AuditQuery {
            patient_id,
            action: Some(self.action.trim().to_owned()).filter(|a| !a.is_empty()),
            from: day("from", &self.from)?,
            to: day("to", &self.to)?,
            limit,
            offset: self.offset,
        })
    }
}

#[tauri::command]
pub async fn audit_page(
    state: State<'_, AppState>,
    filter: AuditFilter,
) -> CommandResult<AuditPage> {
    let query = filter.query(&state, Some(100))?;
    state.read(|r| trail::list(r, &query))
}

#[tauri::command]
pub async fn audit_verify(state: State<'_, AppState>) -> CommandResult<Verification> {
    state.read(audit::verify)
}

/// Where the CSV went.
#[derive(Serialize)]
pub struct SavedTrail {
    path: String,
    entries: usize,
}

/// Saves the entries matching the filters as CSV through the native save dialog
/// (owner-only, whole or not at all). `None` when the coordinator cancels.
#[tauri::command]
pub async fn audit_export_save(
    app: AppHandle,
    state: State<'_, AppState>,
    filter: AuditFilter,
) -> CommandResult<Option<SavedTrail>> {
    let query = filter.query(&state, None)?;
    let session = state.session();
    let lines = state.read(|r| trail::all(r, &query))?;
    let bytes = trail::csv(&lines).map_err(UiError::from)?;
    let picked = app
        .dialog()
        .file()
        .set_title("Save the audit trail")
        .set_file_name("audit-trail.csv")
        .add_filter("CSV", &["csv"])
        .blocking_save_file();
    let Some(path) = chosen_path(picked)? else {
        return Ok(None);
    };
    let mut whom: Vec<String> = lines
        .iter()
        .filter_map(|l| l.patient.as_ref().map(|p| p.id.clone()))
        .collect();
    whom.sort();
    whom.dedup();
    let written = state.with_store(|s| {
        if state.session() != session {
            return Err(StoreError::Locked.into());
        }
        caseload::export::file::save_private(&path, &bytes, "the audit trail", "audit.csv")?;
        audit::record_export(
            s,
            "export",
            "audit-trail-csv",
            Whom::Patients(&whom),
            &path.display().to_string(),
        )
    });
    written?;
    Ok(Some(SavedTrail {
        path: path.display().to_string(),
        entries: lines.len(),
    }))
}
