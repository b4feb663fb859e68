//! The cadence rules, as pure functions of a patient's recent contacts, their program's
//! settings and the day: when the next contact falls due, and the escalation steps
//! after unreached attempts ("send a letter", then "consider unreachable").
//!
//! Defaults and why (research.md, "Contact cadence"): collaborative-care programs
//! contact active patients about every two weeks, screening ones weekly, and those in
//! maintenance about monthly. No collaborative-care source gives a number of failed
//! attempts; health-plan outreach uses three calls on separate days, then an "unable
//! to reach" letter, and early-intervention programs close 30 days after the letter.
//! So: 3 unreached attempts on 3 different days → a letter → 30 days → a person
//! decides whether the patient is unreachable. Nothing here ever disenrolls anyone.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use super::vocabulary::Outcome;
use crate::enrollment::EnrollmentStatus;
use crate::programs::FollowUp;

/// One contact with the patient or their family, as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attempt {
    pub on: Date,
    pub outcome: Outcome,
    pub next_on: Option<Date>,
}

/// What the rules need of a patient's contact history: the latest contact that reached
/// them, and every contact after it (oldest first).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub last_reached: Option<Attempt>,
    pub since_reached: Vec<Attempt>,
}

impl History {
    /// Builds the history from all of a patient's contacts, oldest first.
    pub fn from_all(contacts: &[Attempt]) -> History {
        let split = contacts.iter().rposition(|c| c.outcome.reached());
        match split {
            Some(i) => History {
                last_reached: Some(contacts[i]),
                since_reached: contacts[i + 1..].to_vec(),
            },
            None => History {
                last_reached: None,
                since_reached: contacts.to_vec(),
            },
        }
    }

    fn latest(&self) -> Option<&Attempt> {
        self.since_reached.last().or(self.last_reached.as_ref())
    }
}

/// A program's cadence for one episode status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cadence {
    pub every_days: u32,
    pub letter_after_attempts: u32,
    pub unreachable_after_letter_days: u32,
}

impl Cadence {
    /// The cadence for a patient whose followed episode has `status`; `None` for a
    /// status that is not followed up by contacts (referred, or closed).
    pub fn for_status(follow_up: &FollowUp, status: EnrollmentStatus) -> Option<Cadence> {
        let every_days = match status {
            EnrollmentStatus::Active => follow_up.contact_active_days,
            EnrollmentStatus::Screening => follow_up.contact_screening_days,
            EnrollmentStatus::RelapseWatch => follow_up.contact_relapse_watch_days,
            _ => return None,
        };
        Some(Cadence {
            every_days,
            letter_after_attempts: follow_up.letter_after_attempts,
            unreachable_after_letter_days: follow_up.unreachable_after_letter_days,
        })
    }
}

/// Why the next contact falls due when it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "basis")]
pub enum DueBasis {
    /// The date the coordinator chose on the last contact.
    Chosen,
    /// The program's interval after the last reached contact.
    Cadence { every_days: u32 },
    /// The day after an unreached attempt: try again on another day.
    Retry,
    /// The program's interval after the episode started, nobody reached yet.
    Start { every_days: u32 },
    /// Waiting for an answer to the letter.
    Letter,
}

/// An escalation step the coordinator should take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "step")]
pub enum Step {
    /// `attempts` unreached attempts on different days since anyone was reached; due
    /// since the day the last of the required attempts was made.
    SendLetter { since: Date, attempts: u32 },
    /// A letter went out on `letter_on` and nobody was reached in the days allowed
    /// after it; due since `since`.
    ConsiderUnreachable { letter_on: Date, since: Date },
}

impl Step {
    pub fn since(self) -> Date {
        match self {
            Step::SendLetter { since, .. } | Step::ConsiderUnreachable { since, .. } => since,
        }
    }
}

/// Where a patient's outreach stands on a day.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Outreach {
    pub last_reached_on: Option<Date>,
    pub last_contact_on: Option<Date>,
    /// When the next contact is due (`None` when the patient is not followed up).
    pub next_due: Option<Date>,
    pub due_basis: Option<DueBasis>,
    /// Unreached attempts since anyone was reached, counted one per day.
    pub unreached_days: u32,
    pub letter_on: Option<Date>,
    pub step: Option<Step>,
}

/// Applies the cadence to a history on `as_of`. `started_on` is when the followed
/// episode entered its status (the clock for a patient nobody has reached yet). A due
/// date the rules work out that falls on a weekend or one of the clinic's `holidays`
/// moves to the next business day; a date the coordinator chose stays as chosen.
pub fn evaluate(
    history: &History,
    cadence: &Cadence,
    started_on: Date,
    as_of: Date,
    holidays: &[Date],
) -> Outreach {
    let mut out = describe(history);
    let letter_on = out.letter_on;

    out.step = match letter_on {
        Some(letter_on) => {
            let since = add_days(
                letter_on,
                i64::from(cadence.unreachable_after_letter_days) + 1,
            );
            (as_of >= since).then_some(Step::ConsiderUnreachable { letter_on, since })
        }
        None => {
            let mut days: Vec<Date> = history
                .since_reached
                .iter()
                .filter(|a| a.outcome.unreached())
                .map(|a| a.on)
                .collect();
            days.dedup();
            let needed = cadence.letter_after_attempts.max(1) as usize;
            (days.len() >= needed).then(|| Step::SendLetter {
                since: days[needed - 1],
                attempts: days.len() as u32,
            })
        }
    };

    let (next_due, basis) = match history.latest() {
        Some(Attempt {
            next_on: Some(next),
            ..
        }) => (*next, DueBasis::Chosen),
        Some(latest) if latest.outcome.reached() => (
            add_days(latest.on, i64::from(cadence.every_days)),
            DueBasis::Cadence {
                every_days: cadence.every_days,
            },
        ),
        Some(latest) if latest.outcome == Outcome::LetterSent => (
            add_days(
                latest.on,
                i64::from(cadence.unreachable_after_letter_days) + 1,
            ),
            DueBasis::Letter,
        ),
        Some(latest) => (add_days(latest.on, 1), DueBasis::Retry),
        None => (
            add_days(started_on, i64::from(cadence.every_days)),
            DueBasis::Start {
                every_days: cadence.every_days,
            },
        ),
    };
    out.next_due = Some(match basis {
        DueBasis::Chosen => next_due,
        _ => crate::dates::next_business_day(next_due, holidays),
    });
    out.due_basis = Some(basis);
    out
}

/// The facts of a history without a cadence (a patient who is not followed up).
pub fn describe(history: &History) -> Outreach {
    let mut unreached: Vec<Date> = history
        .since_reached
        .iter()
        .filter(|a| a.outcome.unreached())
        .map(|a| a.on)
        .collect();
    unreached.dedup();
    Outreach {
        last_reached_on: history.last_reached.map(|a| a.on),
        last_contact_on: history.latest().map(|a| a.on),
        unreached_days: unreached.len() as u32,
        letter_on: history
            .since_reached
            .iter()
            .rev()
            .find(|a| a.outcome == Outcome::LetterSent)
            .map(|a| a.on),
        ..Outreach::default()
    }
}

fn add_days(day: Date, days: i64) -> Date {
    day.checked_add(days.days()).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const CADENCE: Cadence = Cadence {
        every_days: 14,
        letter_after_attempts: 3,
        unreachable_after_letter_days: 30,
    };
    const START: Date = date(2026, 9, 1);

    fn at(on: Date, outcome: Outcome) -> Attempt {
        Attempt {
            on,
            outcome,
            next_on: None,
        }
    }

    fn run(contacts: &[Attempt], as_of: Date) -> Outreach {
        evaluate(&History::from_all(contacts), &CADENCE, START, as_of, &[])
    }

    #[test]
    fn three_unreached_attempts_on_three_days_ask_for_a_letter() {
        let calls = [
            at(date(2026, 11, 2), Outcome::NoAnswer),
            at(date(2026, 11, 3), Outcome::Voicemail),
            at(date(2026, 11, 5), Outcome::WrongNumber),
        ];
        let o = run(&calls, date(2026, 11, 6));
        assert_eq!(
            o.step,
            Some(Step::SendLetter {
                since: date(2026, 11, 5),
                attempts: 3
            })
        );
        assert_eq!(run(&calls[..2], date(2026, 11, 6)).step, None);
    }

    #[test]
    fn three_unreached_attempts_on_one_day_are_one_day() {
        let day = date(2026, 11, 2);
        let calls = [
            at(day, Outcome::NoAnswer),
            at(day, Outcome::Voicemail),
            at(day, Outcome::NoAnswer),
        ];
        let o = run(&calls, date(2026, 11, 6));
        assert_eq!(o.step, None);
        assert_eq!(o.unreached_days, 1);
        // ...and the next try is due the next day.
        assert_eq!(o.next_due, Some(date(2026, 11, 3)));
        assert_eq!(o.due_basis, Some(DueBasis::Retry));
    }

    #[test]
    fn a_reached_contact_resets_the_count() {
        let calls = [
            at(date(2026, 11, 2), Outcome::NoAnswer),
            at(date(2026, 11, 3), Outcome::NoAnswer),
            at(date(2026, 11, 4), Outcome::Reached),
            at(date(2026, 11, 5), Outcome::NoAnswer),
        ];
        let o = run(&calls, date(2026, 11, 6));
        assert_eq!((o.step, o.unreached_days), (None, 1));
        assert_eq!(o.last_reached_on, Some(date(2026, 11, 4)));
    }

    #[test]
    fn a_letter_waits_thirty_days_then_asks_to_consider_unreachable() {
        let calls = [
            at(date(2026, 10, 1), Outcome::NoAnswer),
            at(date(2026, 10, 2), Outcome::NoAnswer),
            at(date(2026, 10, 3), Outcome::NoAnswer),
            at(date(2026, 10, 5), Outcome::LetterSent),
        ];
        // Day 30 after the letter: still within the 30 days.
        let o = run(&calls, date(2026, 11, 4));
        assert_eq!(o.step, None);
        assert_eq!(o.letter_on, Some(date(2026, 10, 5)));
        assert_eq!(o.next_due, Some(date(2026, 11, 5)));
        // Day 31: nobody reached within 30 days.
        let o = run(&calls, date(2026, 11, 5));
        assert_eq!(
            o.step,
            Some(Step::ConsiderUnreachable {
                letter_on: date(2026, 10, 5),
                since: date(2026, 11, 5)
            })
        );
        // Reaching the patient after the letter ends it all.
        let mut reached = calls.to_vec();
        reached.push(at(date(2026, 10, 20), Outcome::Reached));
        let o = run(&reached, date(2026, 11, 5));
        assert_eq!((o.step, o.letter_on), (None, None));
        assert_eq!(o.next_due, Some(date(2026, 11, 3)));
    }

    #[test]
    fn next_due_comes_from_the_chosen_date_else_the_cadence_else_the_start() {
        let mut call = at(date(2026, 11, 2), Outcome::Reached);
        assert_eq!(
            run(&[call], date(2026, 11, 2)).next_due,
            Some(date(2026, 11, 16))
        );
        call.next_on = Some(date(2026, 11, 9));
        let o = run(&[call], date(2026, 11, 2));
        assert_eq!(
            (o.next_due, o.due_basis),
            (Some(date(2026, 11, 9)), Some(DueBasis::Chosen))
        );
        let o = run(&[], date(2026, 11, 2));
        assert_eq!(o.next_due, Some(date(2026, 9, 15)));
        assert_eq!(o.due_basis, Some(DueBasis::Start { every_days: 14 }));
    }

    #[test]
    fn a_due_date_on_a_weekend_or_holiday_moves_to_the_next_business_day() {
        // Reached Friday 2026-11-06: 14 days later is Friday 11-20, a business day...
        let friday = at(date(2026, 11, 6), Outcome::Reached);
        assert_eq!(
            run(&[friday], date(2026, 11, 6)).next_due,
            Some(date(2026, 11, 20))
        );
        // ...and a no-answer on Friday is retried on Monday, or Tuesday after a holiday.
        let no_answer = at(date(2026, 11, 20), Outcome::NoAnswer);
        assert_eq!(
            run(&[no_answer], date(2026, 11, 20)).next_due,
            Some(date(2026, 11, 23))
        );
        let history = History::from_all(&[no_answer]);
        let holiday = [date(2026, 11, 23)];
        let o = evaluate(&history, &CADENCE, START, date(2026, 11, 20), &holiday);
        assert_eq!(o.next_due, Some(date(2026, 11, 24)));
        // A Saturday the coordinator chose stays a Saturday.
        let mut chosen = friday;
        chosen.next_on = Some(date(2026, 11, 14));
        assert_eq!(
            run(&[chosen], date(2026, 11, 6)).next_due,
            Some(date(2026, 11, 14))
        );
    }

    #[test]
    fn cadence_follows_the_episode_status() {
        let f = FollowUp::default();
        let every = |s| Cadence::for_status(&f, s).map(|c| c.every_days);
        assert_eq!(every(EnrollmentStatus::Active), Some(14));
        assert_eq!(every(EnrollmentStatus::Screening), Some(7));
        assert_eq!(every(EnrollmentStatus::RelapseWatch), Some(30));
        assert_eq!(every(EnrollmentStatus::Referred), None);
        assert_eq!(every(EnrollmentStatus::Graduated), None);
    }
}
