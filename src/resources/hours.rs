//! Opening hours from HSDS schedules (weekly rules: `byday`, `opens_at`, `closes_at`),
//! worked out for a moment: "Open now · until 17:00", "Opens Tue 9:00", and grouped
//! for display ("Mon–Fri 09:00–17:00").

use jiff::civil::{Date, DateTime, Time};
use serde::Serialize;

use super::{Weekday, weekday_of};

/// One weekly rule as stored.
#[derive(Debug, Clone)]
pub struct ScheduleRule {
    /// Empty = every day.
    pub days: Vec<Weekday>,
    pub opens_at: Option<Time>,
    pub closes_at: Option<Time>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hours {
    pub open_now: bool,
    pub text: String,
    pub days: Vec<DayLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DayLine {
    pub day_label: String,
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
    pub note: Option<String>,
}

/// Parses HSDS's `byday` ("MO,TU", "TH,FR", also "1MO" monthly forms: the day is kept).
pub fn parse_byday(text: &str) -> Vec<Weekday> {
    let mut out: Vec<Weekday> = text
        .split([',', ' ', ';'])
        .filter_map(|part| {
            let part = part
                .trim()
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
            Weekday::parse(part)
        })
        .collect();
    out.sort_by_key(|d| Weekday::ALL.iter().position(|w| w == d));
    out.dedup();
    out
}

fn short(day: Weekday) -> &'static str {
    &day.label()[..3]
}

fn hm(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// "9:00" for the sentence forms.
fn spoken(t: Time) -> String {
    format!("{}:{:02}", t.hour(), t.minute())
}

fn applies(rule: &ScheduleRule, day: Date) -> bool {
    rule.valid_from.is_none_or(|f| f <= day)
        && rule.valid_to.is_none_or(|t| day <= t)
        && (rule.days.is_empty() || rule.days.contains(&weekday_of(day)))
}

/// The hours for `now`; `None` when the service has no schedule.
pub fn hours(rules: &[ScheduleRule], now: DateTime) -> Option<Hours> {
    if rules.is_empty() {
        return None;
    }
    let today = now.date();
    let open_now_until = rules
        .iter()
        .filter(|r| applies(r, today))
        .filter_map(|r| match (r.opens_at, r.closes_at) {
            (Some(o), Some(c)) if o <= now.time() && now.time() < c => Some(c),
            _ => None,
        })
        .max();
    let text = match open_now_until {
        Some(until) => format!("Open now · until {}", hm(until)),
        None => next_opening(rules, now).map_or_else(
            || "Closed".to_owned(),
            |(day, at)| {
                if day == today {
                    format!("Opens today {}", spoken(at))
                } else if Some(day) == today.tomorrow().ok() {
                    format!("Opens tomorrow {}", spoken(at))
                } else {
                    format!("Opens {} {}", short(weekday_of(day)), spoken(at))
                }
            },
        ),
    };
    Some(Hours {
        open_now: open_now_until.is_some(),
        text,
        days: day_lines(rules),
    })
}

fn next_opening(rules: &[ScheduleRule], now: DateTime) -> Option<(Date, Time)> {
    let mut day = now.date();
    for offset in 0..8 {
        let mut opens: Vec<Time> = rules
            .iter()
            .filter(|r| applies(r, day))
            .filter_map(|r| r.opens_at)
            .filter(|o| offset > 0 || *o > now.time())
            .collect();
        opens.sort();
        if let Some(first) = opens.first() {
            return Some((day, *first));
        }
        day = day.tomorrow().ok()?;
    }
    None
}

/// Rules with the same hours on consecutive days read as one line ("Mon–Fri").
fn day_lines(rules: &[ScheduleRule]) -> Vec<DayLine> {
    rules
        .iter()
        .map(|r| DayLine {
            day_label: days_label(&r.days),
            opens_at: r.opens_at.map(hm),
            closes_at: r.closes_at.map(hm),
            note: r.note.clone(),
        })
        .collect()
}

pub fn days_label(days: &[Weekday]) -> String {
    if days.is_empty() || days.len() == 7 {
        return "Every day".to_owned();
    }
    let index = |d: &Weekday| Weekday::ALL.iter().position(|w| w == d).unwrap_or(0);
    let mut runs: Vec<(Weekday, Weekday)> = Vec::new();
    for day in days {
        match runs.last_mut() {
            Some((_, end)) if index(end) + 1 == index(day) => *end = *day,
            _ => runs.push((*day, *day)),
        }
    }
    runs.iter()
        .map(|(a, b)| match index(b) - index(a) {
            0 => a.label().to_owned(),
            1 => format!("{}, {}", short(*a), short(*b)),
            _ => format!("{}–{}", short(*a), short(*b)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    fn weekdays_9_to_5() -> Vec<ScheduleRule> {
        vec![ScheduleRule {
            days: parse_byday("MO,TU,WE,TH,FR"),
            opens_at: Some(time(9, 0, 0, 0)),
            closes_at: Some(time(17, 0, 0, 0)),
            valid_from: None,
            valid_to: None,
            note: None,
        }]
    }

    #[test]
    fn open_now_and_the_next_opening() {
        // 2026-12-02 is a Wednesday.
        let rules = weekdays_9_to_5();
        let at = |d: Date, h: i8| hours(&rules, d.at(h, 0, 0, 0)).map(|h| h.text);
        assert_eq!(
            at(date(2026, 12, 2), 10).as_deref(),
            Some("Open now · until 17:00")
        );
        assert_eq!(
            at(date(2026, 12, 2), 18).as_deref(),
            Some("Opens tomorrow 9:00")
        );
        assert_eq!(
            at(date(2026, 12, 2), 7).as_deref(),
            Some("Opens today 9:00")
        );
        assert_eq!(at(date(2026, 12, 5), 12).as_deref(), Some("Opens Mon 9:00"));
        assert!(hours(&[], date(2026, 12, 2).at(10, 0, 0, 0)).is_none());
    }

    #[test]
    fn days_read_as_ranges() {
        assert_eq!(days_label(&parse_byday("MO,TU,WE,TH,FR")), "Mon–Fri");
        assert_eq!(days_label(&parse_byday("TH,FR")), "Thu, Fri");
        assert_eq!(days_label(&parse_byday("TU")), "Tuesday");
        assert_eq!(
            days_label(&parse_byday("MO,WE,FR")),
            "Monday, Wednesday, Friday"
        );
    }
}
