//! Tauri commands: each deserialises its arguments, calls the core, and returns the
//! core's plain data. No SQL and no rules live here. Every name must also be listed
//! in `build.rs` (which generates its permission) and granted in `capabilities/`.

pub mod audit;
pub mod auto_lock;
pub mod backup;
pub mod care_plan;
pub mod enrollment;
pub mod measures;
pub mod outreach;
pub mod pages;
pub mod patients;
pub mod printing;
pub mod referrals;
pub mod resources;
pub mod review;
pub mod schedule;
pub mod screening;
pub mod session;

use std::path::PathBuf;

use crate::error::{CommandResult, UiError};

/// What a native file dialog chose, as a path on this computer; `None` when the
/// coordinator cancelled.
pub(crate) fn chosen_path(
    picked: Option<tauri_plugin_dialog::FilePath>,
) -> CommandResult<Option<PathBuf>> {
    match picked {
        None => Ok(None),
        Some(path) => path
            .into_path()
            .map(Some)
            .map_err(|_| UiError::invalid("path", "That location is not a file on this computer.")),
    }
}
