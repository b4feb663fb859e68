//! Which backups rotation removes, as a pure function of their names and times.
//!
//! Kept: the newest backup of each of the [`DAYS`] most recent days that have one, the
//! newest of each of the [`WEEKS`] most recent ISO weeks that have one, and always the
//! backup just made. Days and weeks are UTC, like the names. Everything else in the
//! folder that is named like a backup goes; nothing else is ever touched (the caller
//! lists only files named exactly like ours).

use std::collections::HashSet;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// Days that keep their newest backup.
pub const DAYS: usize = 14;
/// ISO weeks that keep their newest backup.
pub const WEEKS: usize = 8;

/// The names among `backups` (name, taken at; in any order) that rotation removes,
/// newest first. `just_made` is never among them.
pub fn to_remove(backups: &[(String, Timestamp)], just_made: &str) -> Vec<String> {
    let mut newest_first: Vec<&(String, Timestamp)> = backups.iter().collect();
    newest_first.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    let mut kept: HashSet<&str> = HashSet::from([just_made]);
    keep_newest_per(&newest_first, DAYS, day, &mut kept);
    keep_newest_per(&newest_first, WEEKS, iso_week, &mut kept);
    newest_first
        .iter()
        .filter(|(name, _)| !kept.contains(name.as_str()))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Keeps the first (newest) backup of each of the `periods` most recent periods.
fn keep_newest_per<'a, P: PartialEq>(
    newest_first: &[&'a (String, Timestamp)],
    periods: usize,
    period: impl Fn(Timestamp) -> P,
    kept: &mut HashSet<&'a str>,
) {
    let mut seen: Vec<P> = Vec::new();
    for (name, at) in newest_first {
        let p = period(*at);
        if !seen.contains(&p) {
            seen.push(p);
            if seen.len() > periods {
                return;
            }
            kept.insert(name.as_str());
        }
    }
}

fn day(at: Timestamp) -> Date {
    at.to_zoned(TimeZone::UTC).date()
}

fn iso_week(at: Timestamp) -> (i16, i8) {
    let week = day(at).iso_week_date();
    (week.year(), week.week())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::backup::name;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn backup(text: &str) -> (String, Timestamp) {
        let t = at(text);
        (name::for_time(t), t)
    }

    /// One backup a day at 09:00 UTC for `days` days ending on 2026-11-30.
    fn daily(days: i32) -> Vec<(String, Timestamp)> {
        let last = at("2026-11-30T09:00:00Z");
        (0..days)
            .map(|i| {
                let t = last
                    .checked_sub(jiff::SignedDuration::from_hours(24 * i64::from(i)))
                    .unwrap();
                (name::for_time(t), t)
            })
            .collect()
    }

    #[test]
    fn fourteen_days_are_all_kept() {
        let all = daily(14);
        assert!(to_remove(&all, &all[0].0).is_empty());
    }

    #[test]
    fn fifteen_days_drop_the_oldest_day_unless_it_is_its_weeks_newest() {
        // Tuesday 2026-12-01 and the 14 days before it.
        let last = at("2026-12-01T09:00:00Z");
        let all: Vec<_> = (0..15)
            .map(|i| {
                let t = last
                    .checked_sub(jiff::SignedDuration::from_hours(24 * i64::from(i)))
                    .unwrap();
                (name::for_time(t), t)
            })
            .collect();
        // The oldest, Tuesday 2026-11-17, is not the newest of its ISO week either
        // (Wednesday 11-18 … Sunday 11-22 are, and they are kept as days).
        assert_eq!(to_remove(&all, &all[0].0), vec![all[14].0.clone()]);
    }

    #[test]
    fn two_on_one_day_keep_the_newer() {
        let older = backup("2026-11-30T08:00:00Z");
        let newer = backup("2026-11-30T17:30:00Z");
        let all = vec![older.clone(), newer.clone()];
        assert_eq!(to_remove(&all, &newer.0), vec![older.0.clone()]);
        // Given in any order.
        let all = vec![newer.clone(), older.clone()];
        assert_eq!(to_remove(&all, &newer.0), vec![older.0]);
    }

    #[test]
    fn beyond_the_days_one_per_week_is_kept_up_to_eight_weeks() {
        // A backup every day for 120 days: 14 days, then the newest of each older week
        // until 8 ISO weeks have one (the 14 days already cover 2 or 3 of them).
        let all = daily(120);
        let removed = to_remove(&all, &all[0].0);
        let kept: Vec<&(String, Timestamp)> =
            all.iter().filter(|(n, _)| !removed.contains(n)).collect();
        let weeks: Vec<(i16, i8)> = {
            let mut w: Vec<_> = kept.iter().map(|(_, t)| iso_week(*t)).collect();
            w.dedup();
            w
        };
        assert_eq!(weeks.len(), WEEKS, "{kept:?}");
        // The 14 newest days, plus one (the Sunday) for each older week.
        let beyond: Vec<_> = kept.iter().skip(DAYS).collect();
        assert!(!beyond.is_empty());
        for (_, t) in &beyond {
            assert_eq!(
                t.to_zoned(TimeZone::UTC).weekday(),
                jiff::civil::Weekday::Sunday
            );
        }
        assert_eq!(kept.len(), DAYS + beyond.len());
        assert_eq!(kept.len() + removed.len(), all.len());
    }

    #[test]
    fn sparse_weeks_count_only_weeks_that_have_a_backup() {
        // One backup a month for a year: the 14 "days" are the 12 months, all kept.
        let all: Vec<_> = (1..=12)
            .map(|m| backup(&format!("2026-{m:02}-15T09:00:00Z")))
            .collect();
        assert!(to_remove(&all, &all[11].0).is_empty());
        // 20 weekly backups: 14 kept as days … and no more than that, as the 8 weeks are
        // among them.
        let weekly: Vec<_> = (0..20)
            .map(|i| {
                let t = at("2026-11-30T09:00:00Z")
                    .checked_sub(jiff::SignedDuration::from_hours(24 * 7 * i64::from(i)))
                    .unwrap();
                (name::for_time(t), t)
            })
            .collect();
        assert_eq!(to_remove(&weekly, &weekly[0].0).len(), 6);
    }

    #[test]
    fn the_backup_just_made_is_never_removed() {
        // A clock set back: the new backup's name is older than everything else.
        let mut all = daily(30);
        let odd = backup("2020-01-01T00:00:00Z");
        all.push(odd.clone());
        assert!(!to_remove(&all, &odd.0).contains(&odd.0));
    }
}
