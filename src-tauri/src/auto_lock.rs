//! Locking by itself: after the idle period with no keyboard or mouse input, after the
//! laptop slept, and so also after the window sat minimised longer than the idle period
//! (no input reaches a minimised window).
//!
//! A thread in Rust watches, not a timer in the window: a minimised or hidden webview
//! may pause its timers, and the key must go regardless. The wall clock is compared,
//! not `Instant`: on Linux the monotonic clock stops while the laptop is suspended, so
//! only the wall clock sees a sleep. A tick that comes much later than it was due means
//! the machine slept (or the clock jumped): either way the store locks.
//!
//! Locking drops the store (the connection and the key with it), removes printouts
//! waiting for the PDF viewer, and tells the window, which reloads itself so nothing
//! it showed stays in its memory; it remembers only which screen was open.

use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime};

use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;

/// Ten minutes, until the store's setting is read at unlock.
pub const DEFAULT_IDLE_SECS: u64 = 600;
/// How often the watcher looks.
const TICK: Duration = Duration::from_secs(1);
/// A tick this late means the laptop was asleep.
const SLEPT: Duration = Duration::from_secs(20);
/// For end-to-end tests and demonstrations: the idle period in seconds, overriding the
/// setting (whose shortest is a minute).
pub const IDLE_SECONDS_ENV: &str = "CASELOAD_AUTO_LOCK_SECONDS";
/// The event the window listens for.
pub const LOCKED_EVENT: &str = "caseload://locked";

/// The idle period for `store`: the environment override, else the setting.
pub fn idle_secs(store: &caseload::Store) -> u64 {
    if let Some(secs) = std::env::var(IDLE_SECONDS_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
    {
        return secs;
    }
    store
        .read(caseload::settings::auto_lock)
        .map(|s| u64::from(s.idle_minutes) * 60)
        .unwrap_or(DEFAULT_IDLE_SECS)
}

/// Why the watcher locks, if it should: `idle` for the period without input,
/// `asleep` when the tick came `SLEPT` or more late.
pub fn reason(
    now: SystemTime,
    last_tick: SystemTime,
    last_input: SystemTime,
    idle: Duration,
) -> Option<&'static str> {
    let since = |then: SystemTime| now.duration_since(then).unwrap_or_default();
    if since(last_tick) >= TICK + SLEPT {
        Some("asleep")
    } else if since(last_input) >= idle {
        Some("idle")
    } else {
        None
    }
}

/// Starts the watcher for the app's lifetime.
pub fn watch(app: AppHandle) {
    std::thread::spawn(move || {
        let mut last_tick = SystemTime::now();
        loop {
            std::thread::sleep(TICK);
            let now = SystemTime::now();
            let state = app.state::<AppState>();
            if state.is_unlocked() {
                let idle = Duration::from_secs(state.idle_secs.load(Ordering::SeqCst));
                if let Some(why) = reason(now, last_tick, state.last_input(), idle) {
                    lock(&app, &state, why);
                }
            }
            last_tick = now;
        }
    });
}

/// Locks now, for `why` (`idle`, `asleep`), and tells the window.
pub fn lock(app: &AppHandle, state: &AppState, why: &str) {
    drop_key(state);
    // If the window cannot be told, it finds out on its next command (`locked`).
    let _ = app.emit(LOCKED_EVENT, why);
}

/// What every lock does — by itself or asked (Ctrl L, the Lock button): the store
/// goes, and with it the connection and the key; printouts still waiting for the PDF
/// viewer (patient data on disk) are removed.
pub fn drop_key(state: &AppState) {
    state.set(None);
    crate::printing::sweep();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000 + secs)
    }

    #[test]
    fn locks_when_idle_for_the_period_and_not_a_second_before() {
        let idle = Duration::from_secs(600);
        assert_eq!(reason(at(599), at(598), at(0), idle), None);
        assert_eq!(reason(at(600), at(599), at(0), idle), Some("idle"));
    }

    #[test]
    fn a_late_tick_means_the_laptop_slept_and_locks_even_with_recent_input() {
        let idle = Duration::from_secs(600);
        // Input 30 s ago, but the previous tick was 25 s ago: the laptop was asleep.
        assert_eq!(reason(at(100), at(75), at(70), idle), Some("asleep"));
        // A tick on time with recent input: nothing.
        assert_eq!(reason(at(100), at(99), at(70), idle), None);
    }

    #[test]
    fn a_clock_set_back_does_not_lock() {
        let idle = Duration::from_secs(600);
        assert_eq!(reason(at(10), at(50), at(40), idle), None);
    }
}
