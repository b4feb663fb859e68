//! Whether a backup is due: what Settings shows, Today's warning, and the test the
//! automatic backup runs. A pure function of the last good backup and the moment asked.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::Counts;

/// A backup is due (the automatic one runs) when the last good one is older than this.
pub const DUE_AFTER_HOURS: i64 = 24;
/// Today warns when the last good backup is older than this.
pub const OVERDUE_AFTER_HOURS: i64 = 72;

/// The last backup that was written and verified, as recorded with its audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastGoodBackup {
    pub at: Timestamp,
    /// The file name.
    pub file: String,
    pub folder: String,
    /// Bytes on disk.
    pub size: u64,
    pub counts: Counts,
}

/// Where backups stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupStatus {
    /// `None`: no backup was ever made of this store.
    pub last: Option<LastGoodBackup>,
    /// Whole hours and whole days since the last good backup.
    pub age_hours: Option<i64>,
    pub age_days: Option<i64>,
    /// "3 hours ago", "2 days ago", "never".
    pub age_words: String,
    /// None ever, or the last is more than 1 day old: the automatic backup runs.
    pub due: bool,
    /// None ever, or the last is more than 3 days old: Today and Settings warn.
    pub overdue: bool,
}

/// Where backups stand at `now`, given the last good backup.
pub fn of(last: Option<LastGoodBackup>, now: Timestamp) -> BackupStatus {
    let Some(last) = last else {
        return BackupStatus {
            last: None,
            age_hours: None,
            age_days: None,
            age_words: "never".to_owned(),
            due: true,
            overdue: true,
        };
    };
    // A clock set back makes the last backup look newer than now: call it just made.
    let seconds = now.duration_since(last.at).as_secs().max(0);
    let hours = seconds / 3600;
    let days = seconds / 86_400;
    BackupStatus {
        last: Some(last),
        age_hours: Some(hours),
        age_days: Some(days),
        age_words: age_words(hours),
        due: seconds > DUE_AFTER_HOURS * 3600,
        overdue: seconds > OVERDUE_AFTER_HOURS * 3600,
    }
}

fn age_words(hours: i64) -> String {
    match hours {
        0 => "less than an hour ago".to_owned(),
        1 => "1 hour ago".to_owned(),
        2..=47 => format!("{hours} hours ago"),
        _ => format!("{} days ago", hours / 24),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn last_at(text: &str) -> LastGoodBackup {
        LastGoodBackup {
            at: text.parse().unwrap(),
            file: "caseload-backup-2026-11-20-090000.db".into(),
            folder: "/backups".into(),
            size: 4096,
            counts: Counts::default(),
        }
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn never_backed_up_is_due_and_overdue() {
        let s = of(None, at("2026-11-20T09:00:00Z"));
        assert!(s.due && s.overdue);
        assert_eq!(s.age_words, "never");
    }

    #[test]
    fn due_after_a_day_overdue_after_three() {
        let last = last_at("2026-11-20T09:00:00Z");
        let s = of(Some(last.clone()), at("2026-11-20T09:30:00Z"));
        assert!(!s.due && !s.overdue);
        assert_eq!(s.age_words, "less than an hour ago");
        let s = of(Some(last.clone()), at("2026-11-21T09:00:00Z"));
        assert!(!s.due, "exactly one day is not more than one day");
        let s = of(Some(last.clone()), at("2026-11-21T09:00:01Z"));
        assert!(s.due && !s.overdue);
        assert_eq!((s.age_hours, s.age_days), (Some(24), Some(1)));
        assert_eq!(s.age_words, "24 hours ago");
        let s = of(Some(last.clone()), at("2026-11-23T09:00:00Z"));
        assert!(s.due && !s.overdue);
        assert_eq!(s.age_words, "3 days ago");
        let s = of(Some(last.clone()), at("2026-11-23T09:00:01Z"));
        assert!(s.overdue);
        // A clock set back.
        let s = of(Some(last), at("2026-11-19T09:00:00Z"));
        assert!(!s.due && !s.overdue);
        assert_eq!(s.age_hours, Some(0));
    }
}
