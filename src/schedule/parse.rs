//! Dates, times and statuses as EHR exports write them, as pure functions. Each
//! failure is a sentence a coordinator can act on (it quotes the value and says which
//! formats are read).

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

const DATE_FORMATS: &str = "use YYYY-MM-DD or MM/DD/YYYY";
const TIME_FORMATS: &str = "use HH:MM (24-hour) or h:mm AM/PM";

/// A date, optionally followed by a time: ISO `YYYY-MM-DD` (then `T` or a space and a
/// time, possibly with `Z` or an offset) or US `M/D/YYYY` (then a space and a time).
///
/// A datetime with `Z` or an offset is a moment, not a clinic time: it is converted to
/// `tz`, the laptop's time zone, because the coordinator's day is the clinic's local
/// day. That may move it to another day (Synthea's `2021-08-23T03:26:50Z` is the
/// evening of August 22 in California), and the appointment belongs to that day.
pub(super) fn date_time(text: &str, tz: &TimeZone) -> Result<(Date, Option<Time>), String> {
    let text = text.trim();
    let not_a_date = || format!("\"{text}\" is not a date; {DATE_FORMATS}");
    let (date_part, rest) = match text.find(['T', 't', ' ']) {
        Some(i) => (&text[..i], Some(text[i + 1..].trim())),
        None => (text, None),
    };
    let (iso, parts): (bool, Vec<&str>) = if date_part.contains('-') {
        (true, date_part.split('-').collect())
    } else if date_part.contains('/') {
        (false, date_part.split('/').collect())
    } else {
        return Err(not_a_date());
    };
    let [a, b, c] = parts.as_slice() else {
        return Err(not_a_date());
    };
    let (y, m, d) = if iso { (a, b, c) } else { (c, a, b) };
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(y, 4, 4) || !digits(m, 1, 2) || !digits(d, 1, 2) {
        return Err(not_a_date());
    }
    let (y, m, d): (i16, i8, i8) = match (y.parse(), m.parse(), d.parse()) {
        (Ok(y), Ok(m), Ok(d)) => (y, m, d),
        _ => return Err(not_a_date()),
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(not_a_date());
    }
    let date = Date::new(y, m, d).map_err(|_| impossible(date_part, y, m))?;
    let Some(rest) = rest.filter(|r| !r.is_empty()) else {
        return Ok((date, None));
    };
    let bad_time = || format!("\"{text}\" has a time that cannot be read; {TIME_FORMATS}");
    if iso && has_offset(rest) {
        let moment: Timestamp = format!("{date}T{rest}").parse().map_err(|_| bad_time())?;
        let local = moment.to_zoned(tz.clone());
        return Ok((local.date(), Some(local.time())));
    }
    let time = time(rest).map_err(|_| bad_time())?;
    Ok((date, Some(time)))
}

/// `Z`, `+HH:MM` or `-HH:MM` after the time: the date's own `-` are not in `rest`.
fn has_offset(rest: &str) -> bool {
    rest.ends_with(['Z', 'z']) || rest.contains(['+', '-'])
}

fn impossible(text: &str, year: i16, month: i8) -> String {
    let days = Date::new(year, month, 1)
        .map(|d| d.days_in_month().to_string())
        .unwrap_or_else(|_| "fewer".into());
    let month_name = Date::new(year, month, 1)
        .map(|d| d.strftime("%B").to_string())
        .unwrap_or_default();
    format!("\"{text}\" is not a day on the calendar ({month_name} {year} has {days} days)")
}

/// A time of day: `HH:MM`, `H:MM`, `HH:MM:SS` (seconds are dropped), or 12-hour
/// `h:mm AM` / `h:mm pm` / `h:mmam` (with or without seconds).
pub(super) fn time(text: &str) -> Result<Time, String> {
    let shown = text.trim();
    let bad = || format!("\"{shown}\" is not a time; {TIME_FORMATS}");
    let lower = shown.to_ascii_lowercase();
    let (clock, meridiem) = if let Some(c) = lower.strip_suffix("am") {
        (c.trim_end(), Some(false))
    } else if let Some(c) = lower.strip_suffix("pm") {
        (c.trim_end(), Some(true))
    } else {
        (lower.as_str(), None)
    };
    let mut parts = clock.split(':');
    let (Some(h), Some(m)) = (parts.next(), parts.next()) else {
        return Err(bad());
    };
    let seconds = parts.next();
    if parts.next().is_some() {
        return Err(bad());
    }
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 1, 2) || !digits(m, 2, 2) {
        return Err(bad());
    }
    if let Some(s) = seconds {
        // Seconds, with an optional fraction (`50.123`), must still be a second.
        let whole = s
            .split_once('.')
            .map_or(s, |(w, f)| if digits(f, 1, 9) { w } else { "x" });
        if !digits(whole, 2, 2) || whole > "59" {
            return Err(bad());
        }
    }
    let (h, m): (i8, i8) = match (h.parse(), m.parse()) {
        (Ok(h), Ok(m)) => (h, m),
        _ => return Err(bad()),
    };
    let hour = match meridiem {
        None if h <= 23 => h,
        Some(pm) if (1..=12).contains(&h) => (h % 12) + if pm { 12 } else { 0 },
        _ => return Err(bad()),
    };
    if m > 59 {
        return Err(bad());
    }
    Time::new(hour, m, 0, 0).map_err(|_| bad())
}

/// A time as stored and shown: `HH:MM`, 24-hour.
pub(super) fn hhmm(time: Time) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// Whether a status says the visit will not happen. Such rows are kept (the day's
/// replacement stays honest: the slot was in the export) but nobody is coming in.
/// EHRs write "Canceled", "Cancelled by patient", "No Show", "NoShow", "Bumped".
pub(super) fn is_cancelled(status: &str) -> bool {
    let s: String = status
        .trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    s.starts_with("cancel") || matches!(s.as_str(), "no show" | "no-show" | "noshow" | "bumped")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time as t};

    fn utc() -> TimeZone {
        TimeZone::UTC
    }

    fn ok(text: &str) -> (Date, Option<String>) {
        match date_time(text, &utc()) {
            Ok((d, tm)) => (d, tm.map(hhmm)),
            Err(e) => panic!("{text}: {e}"),
        }
    }

    fn why(text: &str) -> String {
        match date_time(text, &utc()) {
            Ok(v) => panic!("{text} read as {v:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn iso_dates_with_and_without_a_time() {
        assert_eq!(ok("2026-03-02"), (date(2026, 3, 2), None));
        assert_eq!(ok(" 2026-3-2 "), (date(2026, 3, 2), None));
        assert_eq!(
            ok("2026-03-02T09:30"),
            (date(2026, 3, 2), Some("09:30".into()))
        );
        assert_eq!(
            ok("2026-03-02 14:05:59"),
            (date(2026, 3, 2), Some("14:05".into()))
        );
        assert_eq!(
            ok("2026-03-02 2:05 PM"),
            (date(2026, 3, 2), Some("14:05".into()))
        );
    }

    #[test]
    fn us_dates_with_and_without_a_time() {
        assert_eq!(ok("3/2/2026"), (date(2026, 3, 2), None));
        assert_eq!(ok("03/02/2026"), (date(2026, 3, 2), None));
        assert_eq!(
            ok("03/02/2026 9:15"),
            (date(2026, 3, 2), Some("09:15".into()))
        );
        assert_eq!(
            ok("3/2/2026 9:15 am"),
            (date(2026, 3, 2), Some("09:15".into()))
        );
        assert_eq!(
            ok("3/2/2026 12:10AM"),
            (date(2026, 3, 2), Some("00:10".into()))
        );
    }

    #[test]
    fn a_moment_in_utc_or_with_an_offset_becomes_local_time_and_may_change_day() {
        let pacific = TimeZone::fixed(jiff::tz::offset(-7));
        let got = date_time("2021-08-23T03:26:50Z", &pacific);
        assert_eq!(got, Ok((date(2021, 8, 22), Some(t(20, 26, 50, 0)))));
        assert_eq!(
            ok("2021-08-23T03:26:50Z"),
            (date(2021, 8, 23), Some("03:26".into()))
        );
        assert_eq!(
            ok("2026-03-02T23:30:00-02:00"),
            (date(2026, 3, 3), Some("01:30".into()))
        );
        assert_eq!(
            ok("2026-03-02 10:00+01:00"),
            (date(2026, 3, 2), Some("09:00".into()))
        );
        assert_eq!(
            ok("2026-03-02T10:00:00.250Z"),
            (date(2026, 3, 2), Some("10:00".into()))
        );
    }

    #[test]
    fn what_is_not_a_date_says_which_formats_are_read() {
        assert_eq!(
            why("13/45/2026"),
            "\"13/45/2026\" is not a date; use YYYY-MM-DD or MM/DD/YYYY"
        );
        for text in [
            "2026/03/02",
            "02.03.2026",
            "3/2/26",
            "March 2",
            "2026-03",
            "20260302",
            "2026-00-10",
        ] {
            assert!(why(text).contains("is not a date"), "{text}");
        }
    }

    #[test]
    fn an_impossible_day_names_the_month_length() {
        assert_eq!(
            why("2026-02-30"),
            "\"2026-02-30\" is not a day on the calendar (February 2026 has 28 days)"
        );
        assert!(why("2/29/2026").contains("is not a day on the calendar"));
        assert_eq!(ok("2/29/2028").0, date(2028, 2, 29));
        assert!(why("04/31/2026").contains("April 2026 has 30 days"));
    }

    #[test]
    fn a_bad_time_after_a_date_is_a_time_problem() {
        assert!(why("2026-03-02T25:00").contains("has a time that cannot be read"));
        assert!(why("2026-03-02 9h30").contains("has a time that cannot be read"));
        assert!(why("2026-03-02T10:00+99:00").contains("has a time that cannot be read"));
    }

    #[test]
    fn times_in_every_form_are_stored_as_24_hour_hh_mm() {
        let read = |s: &str| time(s).map(hhmm);
        assert_eq!(read("09:30"), Ok("09:30".into()));
        assert_eq!(read("9:30"), Ok("09:30".into()));
        assert_eq!(read("16:45:10"), Ok("16:45".into()));
        assert_eq!(read("0:05"), Ok("00:05".into()));
        assert_eq!(read("1:15 PM"), Ok("13:15".into()));
        assert_eq!(read("1:15pm"), Ok("13:15".into()));
        assert_eq!(read("12:00 pm"), Ok("12:00".into()));
        assert_eq!(read("12:30 AM"), Ok("00:30".into()));
        assert_eq!(read("11:59:59 am"), Ok("11:59".into()));
    }

    #[test]
    fn impossible_times_are_refused_with_the_formats() {
        for text in [
            "24:00",
            "9:60",
            "9",
            "930",
            "09:3",
            "13:00 PM",
            "0:30 AM",
            "9:30:61",
            "9:30:5",
            "9.30",
            "noon",
            "",
            "10:00:00:00",
        ] {
            let e = time(text).err().unwrap_or_default();
            assert!(
                e.contains("is not a time; use HH:MM (24-hour) or h:mm AM/PM"),
                "{text}: {e}"
            );
        }
    }

    #[test]
    fn cancelled_statuses() {
        for s in [
            "Cancelled",
            "canceled",
            "No Show",
            "no-show",
            "NOSHOW",
            "bumped",
            " Canceled by patient ",
            "no_show",
        ] {
            assert!(is_cancelled(s), "{s}");
        }
        for s in ["Scheduled", "Arrived", "Checked in", "", "Confirmed"] {
            assert!(!is_cancelled(s), "{s}");
        }
    }
}
