//! Backup file names: `caseload-backup-YYYY-MM-DD-HHMMSS.db`, the moment it was taken in
//! UTC. A name says when, never whose: no patient data, no clinic, no user. Rotation
//! and the list read the time back from the name, and only ever touch files whose name
//! is exactly of this form.

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

pub const PREFIX: &str = "caseload-backup-";
pub const SUFFIX: &str = ".db";
/// `YYYY-MM-DD-HHMMSS`
const STAMP: &str = "%Y-%m-%d-%H%M%S";

/// The file name of a backup taken at `at`.
pub fn for_time(at: Timestamp) -> String {
    format!("{PREFIX}{}{SUFFIX}", stamp(at))
}

/// `at` as `YYYY-MM-DD-HHMMSS` in UTC (also the kept-aside store's suffix on restore).
pub fn stamp(at: Timestamp) -> String {
    at.strftime(STAMP).to_string()
}

/// When the backup named `name` was taken, if `name` is a backup's name exactly.
pub fn parse(name: &str) -> Option<Timestamp> {
    let middle = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let shape_ok = middle.len() == 17
        && middle.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 | 10 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    let at = DateTime::strptime(STAMP, middle)
        .ok()?
        .to_zoned(TimeZone::UTC)
        .ok()?
        .timestamp();
    // Only a name this module would write: no 2026-02-30 read as March.
    (for_time(at) == name).then_some(at)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn names_round_trip_in_utc() {
        let at: Timestamp = "2026-11-20T14:03:09Z".parse().unwrap();
        assert_eq!(for_time(at), "caseload-backup-2026-11-20-140309.db");
        assert_eq!(parse("caseload-backup-2026-11-20-140309.db"), Some(at));
    }

    #[test]
    fn only_exact_names_are_backups() {
        for other in [
            "caseload-backup-2026-11-20-140309.db.partial",
            ".caseload-backup-2026-11-20-140309.db",
            "caseload-backup-2026-11-20-1403.db",
            "caseload-backup-2026-13-20-140309.db",
            "caseload-backup-2026-02-30-140309.db",
            "caseload-backup-2026-11-20-250000.db",
            "caseload-backup-+026-11-20-140309.db",
            "caseload-backup-2026-11-20-140309 (copy).db",
            "caseload.db",
            "notes.txt",
        ] {
            assert_eq!(parse(other), None, "{other}");
        }
    }
}
