//! The clinic's appointment schedule: choosing an EHR export, mapping its columns
//! (presets built in and saved), the dry run and the import.
//!
//! Like the directory's import, the dry run and the import hold the store while they
//! run, so nothing changes between the comparison and the write.

use std::path::PathBuf;

use caseload::schedule::{self, ImportOptions, ImportReport, Mapping, Peek, Preset};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::chosen_path;
use crate::error::CommandResult;
use crate::state::AppState;

/// How many of the file's first rows the mapping step shows.
const PEEK_ROWS: usize = 8;

/// The native "open" dialog for a schedule export; `None` when the coordinator
/// cancels. (The dialog runs in Rust, so the window needs no dialog grant.)
#[tauri::command]
pub async fn schedule_pick_file(app: AppHandle) -> CommandResult<Option<String>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Choose the schedule export (CSV)")
        // GTK matches patterns case-sensitively; EHRs write both.
        .add_filter("CSV file", &["csv", "CSV"])
        .blocking_pick_file();
    Ok(chosen_path(picked)?.map(|p| p.display().to_string()))
}

/// The file's header and first rows, and the built-in preset that fits it. Only with
/// the store unlocked: the rows are patients' appointments.
#[tauri::command]
pub async fn schedule_peek(state: State<'_, AppState>, path: String) -> CommandResult<Peek> {
    state.with_store(|_| schedule::peek(&PathBuf::from(&path), PEEK_ROWS))
}

/// The column mappings: the built-in ones first, then the saved ones by name.
#[tauri::command]
pub async fn schedule_presets(state: State<'_, AppState>) -> CommandResult<Vec<Preset>> {
    state.read(schedule::presets)
}

/// Saves `mapping` under `name` (saving again under a name updates it).
#[tauri::command]
pub async fn schedule_save_preset(
    state: State<'_, AppState>,
    name: String,
    mapping: Mapping,
) -> CommandResult<Preset> {
    state.with_store(|s| schedule::save_preset(s, &name, &mapping))
}

/// The dry run: per day what would be added, removed and left, the rows that match
/// nobody on the caseload, and the bad rows. Nothing is written.
#[tauri::command]
pub async fn schedule_preview(
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> CommandResult<ImportReport> {
    state.with_store(|s| schedule::preview(s, &PathBuf::from(&path), &options))
}

/// The import, in one transaction, as the coordinator chose after the dry run.
#[tauri::command]
pub async fn schedule_apply(
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> CommandResult<ImportReport> {
    state.with_store(|s| schedule::apply(s, &PathBuf::from(&path), &options))
}
