//! Creating, unlocking and locking the store.

use caseload::Store;
use caseload::store::{PassphraseStrength, SCHEMA_VERSION, check_strength};
use serde::Serialize;
use tauri::State;

use crate::error::{CommandResult, UiError};
use crate::state::AppState;

#[derive(Serialize)]
pub struct AppStatus {
    /// False on the very first start: the UI asks for a new passphrase.
    store_exists: bool,
    unlocked: bool,
    /// Seconds before the next unlock may be tried, after five or more wrong
    /// passphrases in a row (0: now); the unlock screen counts them down.
    unlock_wait_secs: u64,
    data_dir: String,
    schema_version: i64,
    app_version: &'static str,
}

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    Ok(AppStatus {
        store_exists: Store::exists(&state.data_dir),
        unlocked: state.is_unlocked(),
        unlock_wait_secs: Store::unlock_wait(&state.data_dir).map_or(0, |wait| {
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        }),
        data_dir: state.data_dir.display().to_string(),
        schema_version: SCHEMA_VERSION,
        app_version: env!("CARGO_PKG_VERSION"),
    })
}

#[tauri::command]
pub async fn passphrase_strength(passphrase: String) -> CommandResult<PassphraseStrength> {
    Ok(check_strength(&passphrase))
}

#[tauri::command]
pub async fn create_store(
    state: State<'_, AppState>,
    passphrase: String,
    confirm: String,
) -> CommandResult<()> {
    if passphrase != confirm {
        return Err(UiError::invalid(
            "confirm",
            "The two passphrases are not the same.",
        ));
    }
    let store = Store::create(
        &state.data_dir,
        &passphrase,
        caseload::programs::seed_builtin,
    )?;
    state.set(Some(store));
    Ok(())
}

/// Unlocks the store. Refused with `unlock_delayed` while the delay after five or more
/// wrong passphrases in a row runs (the unlock screen reads how long from
/// `app_status`); the store itself is only created by `create_store`, on first run,
/// when nothing is at its place.
#[tauri::command]
pub async fn unlock_store(state: State<'_, AppState>, passphrase: String) -> CommandResult<()> {
    let store = Store::unlock(&state.data_dir, &passphrase)?;
    state.set(Some(store));
    Ok(())
}

#[tauri::command]
pub async fn lock_store(state: State<'_, AppState>) -> CommandResult<()> {
    crate::auto_lock::drop_key(&state);
    Ok(())
}
