//! Settings → Backups: where backups stand, "Back up now", the backups in the folder,
//! a backup's date and counts before it is restored, restoring one, and choosing the
//! folder (the native folder dialog); plus [`backup_if_due`], the automatic backup.
//!
//! The window names backups by file name only: inspecting and restoring read files of
//! the backup folder, never a path the window makes up.

use std::path::{Path, PathBuf};

use caseload::Store;
use caseload::backup::{self, BackupFile, BackupMade, BackupOverview, BackupSummary, Restored};
use caseload::settings::backups::{self as settings, BackupSettings};
use jiff::Timestamp;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::chosen_path;
use crate::error::{CommandResult, UiError};
use crate::state::AppState;

/// The last good backup, its age, whether one is due or overdue, and the folder.
#[tauri::command]
pub async fn backup_status(state: State<'_, AppState>) -> CommandResult<BackupOverview> {
    state.with_store(|s| backup::overview(s, Timestamp::now()))
}

/// Backs up now into the backup folder; a refusal says which folder and why.
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> CommandResult<BackupMade> {
    state
        .with_store(|s| Ok(backup::make(s, None)))?
        .map_err(UiError::spelled_out)
}

/// The backups in the backup folder, newest first.
#[tauri::command]
pub async fn backups_list(state: State<'_, AppState>) -> CommandResult<Vec<BackupFile>> {
    state
        .with_store(|s| Ok(backup::folder(s).and_then(|(folder, _)| backup::list(&folder))))?
        .map_err(UiError::spelled_out)
}

/// What the backup `name` in the backup folder holds: date, size, counts, integrity.
#[tauri::command]
pub async fn backup_inspect(
    state: State<'_, AppState>,
    name: String,
) -> CommandResult<BackupSummary> {
    state
        .with_store(|s| Ok(in_backup_folder(s, &name).and_then(|file| backup::inspect(s, &file))))?
        .map_err(UiError::spelled_out)
}

/// Restores the backup `name` with the passphrase the coordinator typed again to
/// confirm. The passphrase must open the backup before anything happens; then the
/// open store is dropped (closed, its key gone), the backup is restored in its place
/// (the store that was there is kept aside), and whichever store is in place is opened
/// again. If it cannot be opened with that passphrase the app is left locked, and the
/// unlock screen asks for the right one.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    name: String,
    passphrase: String,
) -> CommandResult<Restored> {
    let file = state
        .with_store(|s| Ok(in_backup_folder(s, &name)))?
        .map_err(UiError::spelled_out)?;
    backup::inspect_with_passphrase(&passphrase, &file)?;
    state.set(None);
    let restored = backup::restore(&state.data_dir, &passphrase, &file);
    if let Ok(store) = Store::open(&state.data_dir, &passphrase) {
        state.set(Some(store));
    }
    Ok(restored?)
}

/// The native folder dialog; the chosen folder becomes the backup folder. `None` when
/// the coordinator cancels.
#[tauri::command]
pub async fn choose_backup_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<BackupOverview>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Choose a folder for Caseload's backups")
        .blocking_pick_folder();
    let Some(folder) = chosen_path(picked)? else {
        return Ok(None);
    };
    state
        .with_store(|s| {
            Ok(settings::set(
                s,
                BackupSettings {
                    folder: Some(folder.display().to_string()),
                },
            )
            .and_then(|_| backup::overview(s, Timestamp::now())))
        })?
        .map(Some)
        .map_err(UiError::spelled_out)
}

/// The automatic backup: makes one when it is due (none yet, or the last good one is
/// more than a day old), into the backup folder, verified and rotated like "Back up
/// now". Meant to be called after unlocking and then every hour while unlocked, off
/// the UI's command path (it holds the store while it copies and checks: under 0.2 s
/// for 500 patients, about 4 s for 10,000, docs/benchmarks.md).
///
/// Returns the backup made, `Ok(None)` when none was due or the store is locked. A
/// failure (the folder missing, a full disk) is already in the audit trail as
/// `backup_failed`, and Settings and Today keep showing the backup as overdue, so a
/// caller need not report it; it must not log the error's text anywhere outside the
/// store beyond what it says (it names folders, never patients).
pub fn backup_if_due(state: &AppState) -> CommandResult<Option<BackupMade>> {
    if !state.is_unlocked() {
        return Ok(None);
    }
    state.with_store(|s| {
        let status = s.read(|r| backup::status(r, Timestamp::now()))?;
        if !status.due {
            return Ok(None);
        }
        backup::make(s, None).map(Some)
    })
}

/// The file `name` in the backup folder, if `name` is a backup's name.
fn in_backup_folder(store: &Store, name: &str) -> caseload::Result<PathBuf> {
    if backup::name::parse(name).is_none() || Path::new(name).file_name() != Some(name.as_ref()) {
        return Err(caseload::Error::invalid(
            "file",
            format!("\"{name}\" is not the name of a Caseload backup."),
        ));
    }
    let (folder, _) = backup::folder(store)?;
    Ok(folder.join(name))
}
