//! When the desktop app locks itself: after this many minutes with no keyboard or
//! mouse input (default 10, 1–60). Kept in the store like every setting, so it is
//! read at unlock and applies from then on.

use serde::{Deserialize, Serialize};

use super::{load, put};
use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, FieldError, Result};
use crate::store::{Reader, Store};

const KEY: &str = "auto_lock";

/// The shortest and longest idle periods a coordinator may choose, in minutes.
pub const MINUTES: std::ops::RangeInclusive<u32> = 1..=60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AutoLock {
    /// Minutes with no input before the app locks.
    pub idle_minutes: u32,
}

impl Default for AutoLock {
    fn default() -> Self {
        AutoLock { idle_minutes: 10 }
    }
}

/// The auto-lock setting (the default when none was saved; a saved value outside the
/// range, which only raw SQL could write, reads as the default).
pub fn auto_lock(r: &Reader<'_>) -> Result<AutoLock> {
    let saved: Option<AutoLock> = load(r, KEY, "the automatic lock setting")?;
    Ok(saved
        .filter(|s| MINUTES.contains(&s.idle_minutes))
        .unwrap_or_default())
}

/// Saves the idle period (1–60 minutes).
pub fn set_auto_lock(store: &mut Store, wanted: AutoLock) -> Result<AutoLock> {
    if !MINUTES.contains(&wanted.idle_minutes) {
        return Err(Error::Invalid(vec![FieldError::new(
            "idle_minutes",
            format!(
                "Lock after 1 to 60 minutes without input (not {}).",
                wanted.idle_minutes
            ),
        )]));
    }
    let before = store.read(auto_lock)?;
    if before == wanted {
        return Ok(before);
    }
    store.write(|w| {
        put(w, KEY, &wanted)?;
        w.audit(AuditEntry {
            entity: "settings",
            entity_id: KEY.into(),
            patient_id: None,
            action: "update".into(),
            changes: vec![FieldChange {
                field: "idle_minutes".into(),
                from: Some(before.idle_minutes.to_string()),
                to: Some(wanted.idle_minutes.to_string()),
            }],
        })
    })?;
    store.read(auto_lock)
}
