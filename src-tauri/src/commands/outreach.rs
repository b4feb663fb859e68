//! The outreach log, its drafts, and transitions of care.

use caseload::outreach::{self, Contact, ContactDraft};
use caseload::store::Draft;
use caseload::transitions::{self, Transition, TransitionDraft};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn contact_add(
    state: State<'_, AppState>,
    draft: ContactDraft,
) -> CommandResult<Contact> {
    state.with_store(|s| outreach::add(s, &draft))
}

#[tauri::command]
pub async fn contact_correct(
    state: State<'_, AppState>,
    id: String,
    draft: ContactDraft,
) -> CommandResult<Contact> {
    state.with_store(|s| outreach::correct(s, &id, &draft))
}

#[tauri::command]
pub async fn contact_remove(
    state: State<'_, AppState>,
    id: String,
    reason: String,
) -> CommandResult<()> {
    state.with_store(|s| outreach::remove(s, &id, &reason))
}

/// Keeps the text of an unsaved form as it is typed (debounced by the UI).
#[tauri::command]
pub async fn draft_save(
    state: State<'_, AppState>,
    key: String,
    patient_id: Option<String>,
    body: String,
) -> CommandResult<Draft> {
    state.with_store(|s| s.save_draft(&key, patient_id.as_deref(), &body))
}

#[tauri::command]
pub async fn draft_discard(state: State<'_, AppState>, key: String) -> CommandResult<()> {
    state.with_store(|s| s.discard_draft(&key))
}

#[tauri::command]
pub async fn transition_add(
    state: State<'_, AppState>,
    draft: TransitionDraft,
) -> CommandResult<Transition> {
    state.with_store(|s| transitions::add(s, &draft))
}

#[tauri::command]
pub async fn transition_update(
    state: State<'_, AppState>,
    id: String,
    draft: TransitionDraft,
) -> CommandResult<Transition> {
    state.with_store(|s| transitions::update(s, &id, &draft))
}

#[tauri::command]
pub async fn transition_remove(
    state: State<'_, AppState>,
    id: String,
    reason: String,
) -> CommandResult<()> {
    state.with_store(|s| transitions::remove(s, &id, &reason))
}

#[tauri::command]
pub async fn clinic_settings(
    state: State<'_, AppState>,
) -> CommandResult<caseload::settings::ClinicSettings> {
    state.read(caseload::settings::get)
}

#[tauri::command]
pub async fn clinic_holidays_set(
    state: State<'_, AppState>,
    days: Vec<String>,
) -> CommandResult<caseload::settings::ClinicSettings> {
    state.with_store(|s| caseload::settings::set_holidays(s, &days))
}
