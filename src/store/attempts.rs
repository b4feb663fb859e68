//! Wrong passphrases in a row, kept beside the store so that a restart does not forget
//! them: after the fifth, each next try must wait (2 s, then doubling, at most 5
//! minutes).
//!
//! The record is a small plaintext file, `caseload.db.unlock`, owner-only from its first
//! byte and replaced whole (a temporary file renamed over it). It holds no patient data:
//! only how many passphrases in a row failed and when (UTC). The store cannot hold it:
//! a wrong passphrase is exactly when the store cannot be written.
//!
//! Every function takes `now`, so the schedule is tested without waiting.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The sidecar's name inside the data directory.
pub const FILE_NAME: &str = "caseload.db.unlock";

/// Wrong passphrases in a row that cost nothing; the next one starts the delays.
pub const FREE_FAILURES: u32 = 4;
/// The delay after the first failure past the free ones (the fifth in a row).
pub const FIRST_DELAY: Duration = Duration::from_secs(2);
/// The longest delay, however many failures.
pub const MAX_DELAY: Duration = Duration::from_secs(5 * 60);
/// How many failures' times are kept (for the audit trail); the count goes on past it.
pub const KEPT_TIMES: usize = 100;

/// How long to wait after `failures` consecutive wrong passphrases before the next
/// try: nothing up to four, 2 s after the fifth, doubling with each further one
/// (4, 8, 16 … s), never more than five minutes.
pub fn delay_after(failures: u32) -> Duration {
    if failures <= FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = failures - FREE_FAILURES - 1;
    // 2 s × 2^8 is already past the cap; checked shifts keep huge counts from overflowing.
    let factor = 1u64.checked_shl(doublings.min(32)).unwrap_or(u64::MAX);
    FIRST_DELAY
        .checked_mul(u32::try_from(factor).unwrap_or(u32::MAX))
        .unwrap_or(MAX_DELAY)
        .min(MAX_DELAY)
}

/// The consecutive wrong passphrases recorded for one store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempts {
    /// Wrong passphrases in a row since the last successful unlock.
    pub failures: u32,
    /// When they happened (UTC), oldest first; the latest [`KEPT_TIMES`] only.
    pub at: Vec<Timestamp>,
}

impl Attempts {
    /// The record for the store in `dir`; none (or one that cannot be read back) is
    /// a clean slate.
    pub fn load(dir: &Path) -> Attempts {
        std::fs::read(path(dir))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// How much longer the next try must wait at `now`; `None` when it may go ahead.
    pub fn wait(&self, now: Timestamp) -> Option<Duration> {
        let last = *self.at.last()?;
        let allowed = last.checked_add(delay_after(self.failures)).ok()?;
        let left = now.duration_until(allowed);
        if left.is_positive() {
            Duration::try_from(left).ok()
        } else {
            None
        }
    }

    /// This record with one more failure at `now`.
    pub fn failed(mut self, now: Timestamp) -> Attempts {
        self.failures = self.failures.saturating_add(1);
        self.at.push(now);
        let over = self.at.len().saturating_sub(KEPT_TIMES);
        self.at.drain(..over);
        self
    }

    /// Records one more wrong passphrase at `now` for the store in `dir` and returns
    /// the record as saved.
    pub fn record_failure(dir: &Path, now: Timestamp) -> std::io::Result<Attempts> {
        let attempts = Attempts::load(dir).failed(now);
        attempts.save(dir)?;
        Ok(attempts)
    }

    /// Forgets the failures (after a successful unlock).
    pub fn clear(dir: &Path) -> std::io::Result<()> {
        match std::fs::remove_file(path(dir)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Replaces the record whole: written to a temporary file, owner-only from its
    /// first byte, then renamed over the old one.
    fn save(&self, dir: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        let temporary = dir.join(format!("{FILE_NAME}.{}", crate::ids::new_id()));
        let written = (|| {
            let mut file = super::location::create_private_file(&temporary)?;
            file.write_all(&json)?;
            file.sync_all()?;
            std::fs::rename(&temporary, path(dir))
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written
    }
}

/// The sidecar of the store in `dir`.
pub fn path(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + seconds).unwrap()
    }

    #[test]
    fn four_failures_cost_nothing_and_the_fifth_starts_the_delays() {
        for failures in 0..=4 {
            assert_eq!(delay_after(failures), Duration::ZERO, "{failures}");
        }
        assert_eq!(delay_after(5), Duration::from_secs(2));
        assert_eq!(delay_after(6), Duration::from_secs(4));
        assert_eq!(delay_after(7), Duration::from_secs(8));
        assert_eq!(delay_after(8), Duration::from_secs(16));
        assert_eq!(delay_after(12), Duration::from_secs(256));
    }

    #[test]
    fn the_delay_stops_growing_at_five_minutes() {
        assert_eq!(delay_after(13), MAX_DELAY);
        assert_eq!(delay_after(14), MAX_DELAY);
        assert_eq!(delay_after(40), MAX_DELAY);
        assert_eq!(delay_after(u32::MAX), MAX_DELAY);
    }

    #[test]
    fn the_wait_counts_from_the_last_failure() {
        let mut attempts = Attempts::default();
        for second in 0..4 {
            attempts = attempts.failed(at(second));
        }
        assert_eq!(attempts.wait(at(3)), None, "four failures: no wait");
        let attempts = attempts.failed(at(10));
        assert_eq!(attempts.wait(at(10)), Some(Duration::from_secs(2)));
        assert_eq!(attempts.wait(at(11)), Some(Duration::from_secs(1)));
        assert_eq!(attempts.wait(at(12)), None, "the delay is over");
        let attempts = attempts.failed(at(12));
        assert_eq!(attempts.wait(at(13)), Some(Duration::from_secs(3)));
        assert_eq!(attempts.wait(at(16)), None);
        assert_eq!(Attempts::default().wait(at(0)), None);
    }

    #[test]
    fn only_the_latest_times_are_kept_but_the_count_goes_on() {
        let mut attempts = Attempts::default();
        for second in 0..(KEPT_TIMES as i64 + 7) {
            attempts = attempts.failed(at(second));
        }
        assert_eq!(attempts.failures, KEPT_TIMES as u32 + 7);
        assert_eq!(attempts.at.len(), KEPT_TIMES);
        assert_eq!(attempts.at.first(), Some(&at(7)));
        assert_eq!(attempts.wait(at(KEPT_TIMES as i64 + 6)), Some(MAX_DELAY));
    }

    #[test]
    fn the_record_survives_on_disk_and_is_private() {
        use std::os::unix::fs::PermissionsExt;

        let tmp = tempfile::TempDir::new().unwrap();
        let dir = tmp.path();
        assert_eq!(Attempts::load(dir), Attempts::default());
        for second in 0..5 {
            Attempts::record_failure(dir, at(second)).unwrap();
        }
        let read_back = Attempts::load(dir);
        assert_eq!(read_back.failures, 5);
        assert_eq!(read_back.at.len(), 5);
        assert_eq!(read_back.wait(at(4)), Some(Duration::from_secs(2)));
        let mode = std::fs::metadata(path(dir)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // Nothing but the record is left (no temporary files).
        assert_eq!(std::fs::read_dir(dir).unwrap().count(), 1);

        Attempts::clear(dir).unwrap();
        assert!(!path(dir).exists());
        Attempts::clear(dir).unwrap();
        // A record that cannot be read back is a clean slate.
        std::fs::write(path(dir), b"{not json").unwrap();
        assert_eq!(Attempts::load(dir), Attempts::default());
    }
}
