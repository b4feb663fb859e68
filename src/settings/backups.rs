//! The backups' settings: which folder backups go into (`BackupSettings`; none chosen
//! means `backups` beside the store), and the last good backup, which `crate::backup`
//! records in the same change as the backup's audit entry and reads for Settings and
//! Today's warning.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{load, put};
use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, Result};
use crate::store::{Reader, Store, Writer};

const FOLDER: &str = "backups";
const LAST_GOOD: &str = "backup_last_good";

/// Where backups go.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupSettings {
    /// The folder backups go into, as a full path; `None`: `backups` beside the store.
    pub folder: Option<String>,
}

/// The backup settings (no folder chosen when none were saved).
pub fn get(r: &Reader<'_>) -> Result<BackupSettings> {
    Ok(load(r, FOLDER, "the backup settings")?.unwrap_or_default())
}

/// Chooses the folder backups go into (blank: back to `backups` beside the store). The
/// folder must be a full path to a folder that exists and that Caseload may write
/// into; otherwise a message on `folder` says which of these it is not.
pub fn set(store: &mut Store, wanted: BackupSettings) -> Result<BackupSettings> {
    let folder = wanted
        .folder
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_owned);
    if let Some(problem) = folder.as_deref().and_then(|f| folder_problem(Path::new(f))) {
        return Err(Error::invalid("folder", problem));
    }
    let wanted = BackupSettings { folder };
    let before = store.read(get)?;
    if before == wanted {
        return Ok(before);
    }
    store.write(|w| {
        put(w, FOLDER, &wanted)?;
        w.audit(AuditEntry {
            entity: "settings",
            entity_id: FOLDER.into(),
            patient_id: None,
            action: "update".into(),
            changes: vec![FieldChange {
                field: "folder".into(),
                from: before.folder.clone(),
                to: wanted.folder.clone(),
            }],
        })
    })?;
    store.read(get)
}

/// Why backups cannot go into `folder`, in a coordinator's words (`None`: they can).
/// Writing is tried for real (a file created and removed at once): permission bits
/// do not tell a read-only drive or a folder shared with other rules.
pub fn folder_problem(folder: &Path) -> Option<String> {
    let shown = folder.display();
    if !folder.is_absolute() {
        return Some(format!(
            "Give the backup folder as a full path (starting with /), not \"{shown}\"."
        ));
    }
    match std::fs::metadata(folder) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some(format!(
                "The folder {shown} does not exist. Create it (or plug in the drive it is \
                 on) and try again."
            ));
        }
        Err(e) => return Some(format!("Caseload cannot reach the folder {shown}: {e}.")),
        Ok(m) if !m.is_dir() => return Some(format!("{shown} is a file, not a folder.")),
        Ok(_) => {}
    }
    let probe = folder.join(format!(".caseload-write-test-{}", crate::ids::new_id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(file) => {
            drop(file);
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(e) if crate::store::problem::is_denied(e.kind()) => Some(format!(
            "Caseload may not write into the folder {shown} (it is read-only for you). \
             Choose a folder of yours."
        )),
        Err(e) if e.kind() == std::io::ErrorKind::StorageFull => Some(format!(
            "The disk holding {shown} is full. Free some space or choose another folder."
        )),
        Err(e) => Some(format!(
            "Caseload could not write into the folder {shown}: {e}."
        )),
    }
}

/// The last good backup as `crate::backup` recorded it, if there was one.
pub(crate) fn last_good<T: DeserializeOwned>(r: &Reader<'_>) -> Result<Option<T>> {
    load(r, LAST_GOOD, "the last backup's record")
}

/// Records the last good backup inside a change (the caller writes the audit entry).
pub(crate) fn put_last_good<T: Serialize>(w: &Writer<'_>, value: &T) -> Result<()> {
    put(w, LAST_GOOD, value)
}
