//! The one piece of state the shell keeps: where the store lives and, once unlocked,
//! the open store. Locking drops the connection, and with it the key.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use caseload::Store;
use caseload::store::StoreError;

use crate::error::{CommandResult, UiError};

pub struct AppState {
    pub data_dir: PathBuf,
    store: Mutex<Option<Store>>,
    /// Raised to stop the running directory import or export (which holds the store).
    pub cancel: Arc<AtomicBool>,
    /// Counts unlocks and locks. A command that lets go of the store while a native
    /// dialog is open (saving a printout) checks it afterwards: a lock in between must
    /// drop what it was about to write, even if the store was unlocked again since.
    session: AtomicU64,
    /// The patients whose record was opened in this unlock: the audit trail gets one
    /// "view" per patient per unlock, not one per click. Emptied on every lock.
    viewed: Mutex<HashSet<String>>,
    /// Seconds with no input before the app locks itself (the setting, read at unlock).
    pub idle_secs: AtomicU64,
    /// The last keyboard or mouse input the window reported (wall clock: see auto_lock.rs).
    last_input: Mutex<SystemTime>,
}

impl AppState {
    pub fn new(data_dir: PathBuf) -> Self {
        AppState {
            data_dir,
            store: Mutex::new(None),
            cancel: Arc::new(AtomicBool::new(false)),
            session: AtomicU64::new(0),
            viewed: Mutex::new(HashSet::new()),
            idle_secs: AtomicU64::new(crate::auto_lock::DEFAULT_IDLE_SECS),
            last_input: Mutex::new(SystemTime::now()),
        }
    }

    pub fn is_unlocked(&self) -> bool {
        self.store.lock().map(|s| s.is_some()).unwrap_or(false)
    }

    pub fn set(&self, store: Option<Store>) {
        // A poisoned lock only means an earlier command panicked; the slot is still usable.
        let mut slot = self.store.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(store) = &store {
            self.idle_secs
                .store(crate::auto_lock::idle_secs(store), Ordering::SeqCst);
        }
        *slot = store;
        self.session.fetch_add(1, Ordering::SeqCst);
        self.viewed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.touch();
    }

    /// Notes keyboard or mouse input now.
    pub fn touch(&self) {
        *self.last_input.lock().unwrap_or_else(|e| e.into_inner()) = SystemTime::now();
    }

    /// When the window last reported input.
    pub fn last_input(&self) -> SystemTime {
        *self.last_input.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records that the coordinator opened `patient_id`'s record, the first time in
    /// this unlock only.
    pub fn note_view(&self, patient_id: &str) -> CommandResult<()> {
        let first = self
            .viewed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(patient_id.to_owned());
        if first {
            let recorded = self.with_store(|s| caseload::audit::record_view(s, patient_id));
            if recorded.is_err() {
                // Not recorded: try again on the next opening.
                self.viewed
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .remove(patient_id);
            }
            recorded?;
        }
        Ok(())
    }

    /// Which unlock the store is in now (see `session`); changes on every lock.
    pub fn session(&self) -> u64 {
        self.session.load(Ordering::SeqCst)
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
        f(store).map_err(|error| {
            caseload::audit::record_problem(store, &error);
            UiError::from(error)
        })
    }

    /// Runs `f` as one read of the unlocked store, evaluated for today.
    pub fn read<T>(
        &self,
        f: impl FnOnce(&caseload::store::Reader<'_>) -> caseload::Result<T>,
    ) -> CommandResult<T> {
        self.with_store(|s| s.read(f))
    }

    /// Like [`AppState::read`], evaluated for `day` (today when `None`): Coming in for
    /// tomorrow is the same read on another day.
    pub fn read_on<T>(
        &self,
        day: Option<jiff::civil::Date>,
        f: impl FnOnce(&caseload::store::Reader<'_>) -> caseload::Result<T>,
    ) -> CommandResult<T> {
        self.with_store(|s| s.read_on(day.unwrap_or_else(|| s.today()), f))
    }
}
