//! The clinical registry: recording and correcting measures, safety flags.

use caseload::measures::{self, Measure, MeasureDraft, SafetyFlag};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub async fn measure_record(
    state: State<'_, AppState>,
    draft: MeasureDraft,
) -> CommandResult<Measure> {
    state.with_store(|s| measures::record(s, &draft))
}

#[tauri::command]
pub async fn measure_correct(
    state: State<'_, AppState>,
    id: String,
    draft: MeasureDraft,
) -> CommandResult<Measure> {
    state.with_store(|s| measures::correct(s, &id, &draft))
}

#[tauri::command]
pub async fn measure_remove(
    state: State<'_, AppState>,
    id: String,
    reason: String,
) -> CommandResult<()> {
    state.with_store(|s| measures::remove(s, &id, &reason))
}

#[tauri::command]
pub async fn safety_acknowledge(
    state: State<'_, AppState>,
    flag_id: String,
    action_taken: String,
) -> CommandResult<SafetyFlag> {
    state.with_store(|s| measures::safety::acknowledge(s, &flag_id, &action_taken))
}
