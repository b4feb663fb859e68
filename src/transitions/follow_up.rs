//! When a discharge follow-up is due: a number of business days after the discharge,
//! skipping weekends and the clinic's holidays, and whether a stay is a readmission.
//!
//! Why (research.md, "Transitions of care"): Medicare's transitional care management
//! asks for an interactive contact within 2 business days of discharge, Monday to
//! Friday excluding holidays, the discharge day itself not counted. A voicemail is not
//! an interactive contact, so only a contact that reached the patient or their family
//! closes the follow-up.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::dates::is_business_day;

use super::TransitionKind;

/// The day `n` business days after `discharged` (the discharge day is day 0).
pub fn due_on(discharged: Date, n: u32, holidays: &[Date]) -> Date {
    let mut day = discharged;
    let mut counted = 0;
    // 366 steps bound the loop even if every day were a holiday.
    for _ in 0..366 {
        if counted >= n {
            break;
        }
        day = day.checked_add(1.day()).unwrap_or(day);
        if is_business_day(day, holidays) {
            counted += 1;
        }
    }
    day
}

/// Days within which a new stay counts as a readmission (CMS's 30-day window).
pub const READMISSION_DAYS: i64 = 30;

/// Whether a stay of `kind` admitted on `admitted` is a readmission after an earlier
/// stay of `earlier_kind` discharged on `earlier_discharged`: both hospital stays
/// (inpatient or observation; ED visits and nursing-home stays are neither), the new
/// admission on or after that discharge and at most 30 days later.
pub fn is_readmission(
    kind: TransitionKind,
    admitted: Date,
    earlier_kind: TransitionKind,
    earlier_discharged: Date,
) -> bool {
    if !kind.is_hospital_stay() || !earlier_kind.is_hospital_stay() {
        return false;
    }
    let gap = earlier_discharged
        .until(admitted)
        .map(|s| i64::from(s.get_days()))
        .unwrap_or(-1);
    (0..=READMISSION_DAYS).contains(&gap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{Weekday, date};

    #[test]
    fn a_friday_discharge_is_due_tuesday() {
        let friday = date(2026, 11, 20);
        assert_eq!(friday.weekday(), Weekday::Friday);
        assert_eq!(due_on(friday, 2, &[]), date(2026, 11, 24));
    }

    #[test]
    fn a_holiday_monday_pushes_it_to_wednesday() {
        let friday = date(2026, 11, 20);
        assert_eq!(due_on(friday, 2, &[date(2026, 11, 23)]), date(2026, 11, 25));
    }

    #[test]
    fn a_tuesday_discharge_is_due_thursday_and_a_saturday_one_tuesday() {
        assert_eq!(due_on(date(2026, 11, 17), 2, &[]), date(2026, 11, 19));
        assert_eq!(due_on(date(2026, 11, 21), 2, &[]), date(2026, 11, 24));
    }

    #[test]
    fn readmission_at_thirty_days_but_not_thirty_one() {
        let out = date(2026, 10, 1);
        let (ip, obs, ed) = (
            TransitionKind::Inpatient,
            TransitionKind::Observation,
            TransitionKind::Ed,
        );
        assert!(is_readmission(ip, date(2026, 10, 31), ip, out));
        assert!(!is_readmission(ip, date(2026, 11, 1), ip, out));
        assert!(is_readmission(obs, out, ip, out));
        assert!(!is_readmission(ed, date(2026, 10, 5), ip, out));
        assert!(!is_readmission(ip, date(2026, 10, 5), ed, out));
        assert!(!is_readmission(ip, date(2026, 9, 30), ip, out));
    }
}
