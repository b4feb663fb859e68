//! Programs and enrollment episodes.

use caseload::enrollment::{self, Enrollment, StartEnrollment, Transition};
use caseload::programs::{self, Program};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn programs_list(state: State<'_, AppState>) -> CommandResult<Vec<Program>> {
    state.read(programs::list)
}

#[tauri::command]
pub async fn enrollments_for_patient(
    state: State<'_, AppState>,
    patient_id: String,
) -> CommandResult<Vec<Enrollment>> {
    state.read(|r| enrollment::for_patient(r, &patient_id))
}

#[tauri::command]
pub async fn enrollment_start(
    state: State<'_, AppState>,
    request: StartEnrollment,
) -> CommandResult<Enrollment> {
    state.with_store(|s| enrollment::start(s, &request))
}

#[tauri::command]
pub async fn enrollment_transition(
    state: State<'_, AppState>,
    request: Transition,
) -> CommandResult<Enrollment> {
    state.with_store(|s| enrollment::transition(s, &request))
}
