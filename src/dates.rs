//! Calendar dates as the coordinator types them, and "today" in their time zone.

use jiff::civil::Date;

use crate::error::FieldError;

/// Today's date on this laptop's clock and time zone.
pub fn today() -> Date {
    jiff::Zoned::now().date()
}

/// Parses `YYYY-MM-DD` (what a date input sends) or `MM/DD/YYYY` (what US clinics type).
pub fn parse(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    let mut parts = text.split('/');
    let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// A required date field: `field` names it in the message.
pub fn required(field: &str, label: &str, text: &str) -> Result<Date, FieldError> {
    if text.trim().is_empty() {
        return Err(FieldError::new(field, format!("{label} is required.")));
    }
    parse(text).ok_or_else(|| {
        FieldError::new(
            field,
            format!("{label} \"{}\" is not a date; use YYYY-MM-DD.", text.trim()),
        )
    })
}

/// An optional date field that, when given, must not be after `today`.
pub fn optional_not_future(
    field: &str,
    label: &str,
    text: Option<&str>,
    today: Date,
) -> Result<Option<Date>, FieldError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => {
            let date = required(field, label, t)?;
            if date > today {
                return Err(FieldError::new(
                    field,
                    format!("{label} cannot be in the future."),
                ));
            }
            Ok(Some(date))
        }
    }
}

/// Monday to Friday, and not one of the clinic's `holidays`.
pub fn is_business_day(day: Date, holidays: &[Date]) -> bool {
    use jiff::civil::Weekday;
    !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) && !holidays.contains(&day)
}

/// `day` if it is a business day, else the next one (a contact due on a Sunday is due
/// on Monday). Gives up after a year of holidays and returns `day`.
pub fn next_business_day(day: Date, holidays: &[Date]) -> Date {
    let mut next = day;
    for _ in 0..366 {
        if is_business_day(next, holidays) {
            return next;
        }
        match next.tomorrow() {
            Ok(d) => next = d,
            Err(_) => break,
        }
    }
    day
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days_from(from: Date, to: Date) -> i64 {
    from.until(to).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

/// Whole years between `birth` and `on`.
pub fn age_on(birth: Date, on: Date) -> i16 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

/// Age in whole years on `on` from a stored `YYYY-MM-DD` birth date; 0 if unreadable
/// (stored dates are validated on the way in, so that does not happen in practice).
pub fn age_from_text(birth_date: &str, on: Date) -> i16 {
    parse(birth_date).map(|b| age_on(b, on)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn parses_iso_and_us_dates() {
        assert_eq!(parse("1956-03-14"), Some(date(1956, 3, 14)));
        assert_eq!(parse(" 03/14/1956 "), Some(date(1956, 3, 14)));
        assert_eq!(parse("02/30/1956"), None);
        assert_eq!(parse("14.03.1956"), None);
        assert_eq!(parse("3/14/56"), None);
    }

    #[test]
    fn age_counts_completed_years() {
        assert_eq!(age_on(date(2000, 6, 15), date(2018, 6, 14)), 17);
        assert_eq!(age_on(date(2000, 6, 15), date(2018, 6, 15)), 18);
        assert_eq!(age_on(date(2000, 2, 29), date(2019, 2, 28)), 18);
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        // 2026-11-21 is a Saturday, 2026-11-26 a Thursday (Thanksgiving).
        assert_eq!(
            next_business_day(date(2026, 11, 21), &[]),
            date(2026, 11, 23)
        );
        assert_eq!(
            next_business_day(date(2026, 11, 23), &[]),
            date(2026, 11, 23)
        );
        let thanksgiving = [date(2026, 11, 26), date(2026, 11, 27)];
        assert_eq!(
            next_business_day(date(2026, 11, 26), &thanksgiving),
            date(2026, 11, 30)
        );
    }

    #[test]
    fn future_optional_date_is_refused() {
        let today = date(2026, 1, 10);
        assert!(
            optional_not_future("consent_on", "Consent date", Some("2026-01-11"), today).is_err()
        );
        assert_eq!(
            optional_not_future("consent_on", "Consent date", Some(""), today),
            Ok(None)
        );
    }
}
