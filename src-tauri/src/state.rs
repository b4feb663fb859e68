//! The one piece of state the shell keeps: where the store lives and, once unlocked,
//! the open store. Locking drops the connection, and with it the key.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use caseload::Store;
use caseload::store::StoreError;

use crate::error::{CommandResult, UiError};

pub struct AppState {
    pub data_dir: PathBuf,
    store: Mutex<Option<Store>>,
    /// Raised to stop the running directory import or export (which holds the store).
    pub cancel: Arc<AtomicBool>,
}

impl AppState {
    pub fn new(data_dir: PathBuf) -> Self {
        AppState {
            data_dir,
            store: Mutex::new(None),
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    pub fn is_unlocked(&self) -> bool {
        self.store.lock().map(|s| s.is_some()).unwrap_or(false)
    }

    pub fn set(&self, store: Option<Store>) {
        // A poisoned lock only means an earlier command panicked; the slot is still usable.
        let mut slot = self.store.lock().unwrap_or_else(|e| e.into_inner());
        *slot = store;
    }

    /// Runs `f` with the unlocked store, or fails with `locked`.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> caseload::Result<T>,
    ) -> CommandResult<T> {
        let mut slot = self.store.lock().unwrap_or_else(|e| e.into_inner());
        let store = slot
            .as_mut()
            .ok_or_else(|| UiError::from(StoreError::Locked))?;
        f(store).map_err(UiError::from)
    }

    /// Runs `f` as one read of the unlocked store, evaluated for today.
    pub fn read<T>(
        &self,
        f: impl FnOnce(&caseload::store::Reader<'_>) -> caseload::Result<T>,
    ) -> CommandResult<T> {
        self.with_store(|s| s.read(f))
    }
}
