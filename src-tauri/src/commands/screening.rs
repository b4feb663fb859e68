//! Eligibility screening, and editing or copying a program in Settings.

use caseload::programs::{self, Program, ProgramEdit};
use caseload::screening::{self, Eligible, Screening};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// One patient against one program, today: every criterion with its outcome.
#[tauri::command]
pub async fn screening_patient(
    state: State<'_, AppState>,
    patient_id: String,
    program: String,
) -> CommandResult<Screening> {
    state.read(|r| screening::screen_patient(r, &patient_id, &program))
}

/// Patients not enrolled in the program who meet its criteria today.
#[tauri::command]
pub async fn screening_all(
    state: State<'_, AppState>,
    program: String,
) -> CommandResult<Vec<Eligible>> {
    state.read(|r| screening::screen_all(r, &program))
}

#[tauri::command]
pub async fn program_update(
    state: State<'_, AppState>,
    code: String,
    edit: ProgramEdit,
) -> CommandResult<Program> {
    state.with_store(|s| programs::update_thresholds(s, &code, &edit))
}

#[tauri::command]
pub async fn program_copy(
    state: State<'_, AppState>,
    from: String,
    code: String,
    name: String,
) -> CommandResult<Program> {
    state.with_store(|s| programs::copy(s, &from, &code, &name))
}
