//! Patient records.

use caseload::audit::AuditRecord;
use caseload::patients::{self, Patient, PatientDraft};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn patient_get(state: State<'_, AppState>, id: String) -> CommandResult<Patient> {
    let patient = state.read(|r| patients::get(r, &id))?;
    // Opening a record is what the audit trail's "view" means (once per unlock).
    state.note_view(&patient.id)?;
    Ok(patient)
}

#[tauri::command]
pub async fn patient_add(
    state: State<'_, AppState>,
    draft: PatientDraft,
) -> CommandResult<Patient> {
    state.with_store(|s| patients::add(s, &draft))
}

#[tauri::command]
pub async fn patient_update(
    state: State<'_, AppState>,
    id: String,
    draft: PatientDraft,
) -> CommandResult<Patient> {
    state.with_store(|s| patients::update(s, &id, &draft))
}

#[tauri::command]
pub async fn patient_history(
    state: State<'_, AppState>,
    id: String,
) -> CommandResult<Vec<AuditRecord>> {
    state.read(|r| patients::history(r, &id))
}
