//! The automatic lock's setting, and the window's reports of input.

use caseload::settings::{self, AutoLock};
use std::sync::atomic::Ordering;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// The setting, and the idle period in force (seconds; differs only under the
/// environment override end-to-end tests use).
#[derive(serde::Serialize)]
pub struct AutoLockState {
    #[serde(flatten)]
    setting: AutoLock,
    idle_seconds: u64,
}

#[tauri::command]
pub async fn auto_lock_get(state: State<'_, AppState>) -> CommandResult<AutoLockState> {
    let setting = state.read(settings::auto_lock)?;
    Ok(AutoLockState {
        setting,
        idle_seconds: state.idle_secs.load(Ordering::SeqCst),
    })
}

#[tauri::command]
pub async fn auto_lock_save(
    state: State<'_, AppState>,
    setting: AutoLock,
) -> CommandResult<AutoLockState> {
    let saved = state.with_store(|s| {
        let saved = settings::set_auto_lock(s, setting)?;
        state
            .idle_secs
            .store(crate::auto_lock::idle_secs(s), Ordering::SeqCst);
        Ok(saved)
    })?;
    Ok(AutoLockState {
        setting: saved,
        idle_seconds: state.idle_secs.load(Ordering::SeqCst),
    })
}

/// The window saw keyboard or mouse input (it reports at most every few seconds).
#[tauri::command]
pub async fn session_touch(state: State<'_, AppState>) -> CommandResult<()> {
    state.touch();
    Ok(())
}
