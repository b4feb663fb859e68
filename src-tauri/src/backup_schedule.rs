//! The automatic backups: one when the store is unlocked and its last good backup is
//! more than a day old (or there is none), and while it stays unlocked a look every
//! hour, so a laptop left open for days still gets its daily backup. Whether one is due
//! is the core's answer (`backup::status`); a failure is already in the audit trail as
//! `backup_failed` and shown on Today and in Settings, and the next look is an hour
//! later (an unplugged drive costs one entry an hour, not one a minute).

use std::time::{Duration, Instant};

use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// How often the thread wakes to see whether the store was unlocked since.
const POLL: Duration = Duration::from_secs(2);
/// How often an unlocked store is looked at again.
const HOURLY: Duration = Duration::from_secs(60 * 60);

/// Starts the schedule for the app's lifetime.
pub fn run(app: AppHandle) {
    std::thread::spawn(move || {
        let mut looked_in: Option<u64> = None;
        let mut last_look = Instant::now();
        loop {
            std::thread::sleep(POLL);
            let state = app.state::<AppState>();
            if !state.is_unlocked() {
                continue;
            }
            let session = state.session();
            if looked_in == Some(session) && last_look.elapsed() < HOURLY {
                continue;
            }
            looked_in = Some(session);
            last_look = Instant::now();
            // The outcome is in the audit trail and the backup status either way.
            let _ = crate::commands::backup::backup_if_due(&state);
        }
    });
}
