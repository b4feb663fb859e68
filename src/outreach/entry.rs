//! The contact form: text in, a checked contact out, one message per field.

use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

use super::vocabulary::{Channel, Direction, Outcome, Topic, WithWhom};
use crate::error::FieldError;

/// What the form or the CLI sends. Everything is text so bad input becomes a field
/// message; empty fields take the defaults a coordinator expects (now, outbound, the
/// patient).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ContactDraft {
    pub patient_id: String,
    /// `YYYY-MM-DD HH:MM` (or `YYYY-MM-DDTHH:MM`, what a date-time input sends);
    /// empty = now.
    pub at: String,
    pub channel: String,
    pub direction: String,
    pub with_whom: String,
    pub outcome: String,
    pub minutes: String,
    pub topics: Vec<String>,
    pub note: String,
    /// The next contact date, `YYYY-MM-DD`; empty = from the program's cadence.
    pub next_on: String,
}

/// A contact that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidContact {
    pub at: DateTime,
    pub channel: Channel,
    pub direction: Direction,
    pub with_whom: WithWhom,
    pub outcome: Outcome,
    pub minutes: Option<u16>,
    pub topics: Vec<Topic>,
    pub note: Option<String>,
    pub next_on: Option<Date>,
}

const NOTE_MAX: usize = 4000;
const MINUTES_MAX: u16 = 600;

/// `at` as stored and shown: `2026-11-20 14:30`.
pub fn format_at(at: DateTime) -> String {
    at.strftime("%Y-%m-%d %H:%M").to_string()
}

/// Parses `YYYY-MM-DD HH:MM`, `YYYY-MM-DDTHH:MM` (seconds allowed) or a bare date
/// (taken as noon, when a coordinator only knows the day).
pub fn parse_at(text: &str) -> Option<DateTime> {
    let text = text.trim();
    if let Ok(dt) = text.replacen(' ', "T", 1).parse::<DateTime>() {
        return dt.with().second(0).subsec_nanosecond(0).build().ok();
    }
    crate::dates::parse(text).map(|d| d.at(12, 0, 0, 0))
}

/// Checks a draft against `now` (the local date and time of the change).
pub fn validate(draft: &ContactDraft, now: DateTime) -> Result<ValidContact, Vec<FieldError>> {
    let mut errors = Vec::new();
    let at = if draft.at.trim().is_empty() {
        Some(
            now.with()
                .second(0)
                .subsec_nanosecond(0)
                .build()
                .unwrap_or(now),
        )
    } else {
        match parse_at(&draft.at) {
            None => {
                errors.push(FieldError::new(
                    "at",
                    format!(
                        "\"{}\" is not a date and time; use YYYY-MM-DD HH:MM.",
                        draft.at.trim()
                    ),
                ));
                None
            }
            Some(at) if at > now => {
                errors.push(FieldError::new(
                    "at",
                    "A contact cannot be in the future; log it once it has happened.",
                ));
                None
            }
            Some(at) => Some(at),
        }
    };
    let channel = term(
        &mut errors,
        "channel",
        "The channel",
        &draft.channel,
        Channel::parse,
        Channel::unknown,
    );
    let outcome = if draft.outcome.trim().is_empty() && channel == Some(Channel::Letter) {
        Some(Outcome::LetterSent)
    } else {
        term(
            &mut errors,
            "outcome",
            "The outcome",
            &draft.outcome,
            Outcome::parse,
            Outcome::unknown,
        )
    };
    let direction = if draft.direction.trim().is_empty() {
        Some(Direction::Outbound)
    } else {
        term(
            &mut errors,
            "direction",
            "The direction",
            &draft.direction,
            Direction::parse,
            Direction::unknown,
        )
    };
    let with_whom = if draft.with_whom.trim().is_empty() {
        Some(WithWhom::Patient)
    } else {
        term(
            &mut errors,
            "with_whom",
            "With whom",
            &draft.with_whom,
            WithWhom::parse,
            WithWhom::unknown,
        )
    };
    if outcome == Some(Outcome::LetterSent)
        && (channel.is_some_and(|c| c != Channel::Letter) || direction == Some(Direction::Inbound))
    {
        errors.push(FieldError::new(
            "outcome",
            "\"Letter sent\" is the outcome of an outbound letter; choose the letter channel.",
        ));
    }
    let minutes = match draft.minutes.trim() {
        "" => None,
        text => {
            match text.parse::<u16>() {
                Ok(m) if m <= MINUTES_MAX => Some(m),
                _ => {
                    errors.push(FieldError::new(
                    "minutes",
                    format!("Minutes must be a whole number from 0 to {MINUTES_MAX}; \"{text}\" is not."),
                ));
                    None
                }
            }
        }
    };
    let mut topics = Vec::new();
    for (i, text) in draft.topics.iter().enumerate() {
        if text.trim().is_empty() {
            continue;
        }
        match Topic::parse(text) {
            Some(t) if !topics.contains(&t) => topics.push(t),
            Some(_) => {}
            None => errors.push(FieldError::new(
                &format!("topics.{i}"),
                Topic::unknown(text),
            )),
        }
    }
    let note = crate::text::optional(&mut errors, "note", "The note", &draft.note, NOTE_MAX);
    let next_on = match draft.next_on.trim() {
        "" => None,
        text => match crate::dates::required("next_on", "The next contact date", text) {
            Err(e) => {
                errors.push(e);
                None
            }
            Ok(d) if d < now.date() => {
                errors.push(FieldError::new(
                    "next_on",
                    format!("The next contact date {d} is in the past; pick today or later, or leave it empty."),
                ));
                None
            }
            Ok(d) => Some(d),
        },
    };
    match (at, channel, direction, with_whom, outcome) {
        (Some(at), Some(channel), Some(direction), Some(with_whom), Some(outcome))
            if errors.is_empty() =>
        {
            Ok(ValidContact {
                at,
                channel,
                direction,
                with_whom,
                outcome,
                minutes,
                topics,
                note,
                next_on,
            })
        }
        _ => Err(errors),
    }
}

/// A required term: empty or unknown text is a message on `field`.
fn term<T>(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    text: &str,
    parse: fn(&str) -> Option<T>,
    unknown: fn(&str) -> String,
) -> Option<T> {
    if text.trim().is_empty() {
        errors.push(FieldError::new(field, format!("{label} is required.")));
        return None;
    }
    let parsed = parse(text);
    if parsed.is_none() {
        errors.push(FieldError::new(field, unknown(text)));
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn now() -> DateTime {
        date(2026, 11, 20).at(15, 0, 0, 0)
    }

    fn draft() -> ContactDraft {
        ContactDraft {
            patient_id: "p".into(),
            channel: "phone".into(),
            outcome: "reached".into(),
            ..ContactDraft::default()
        }
    }

    fn fields(result: Result<ValidContact, Vec<FieldError>>) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn empty_fields_take_the_defaults() {
        let c = validate(&draft(), now()).expect("valid");
        assert_eq!(c.at, now());
        assert_eq!(
            (c.direction, c.with_whom),
            (Direction::Outbound, WithWhom::Patient)
        );
        assert_eq!(c.next_on, None);
    }

    #[test]
    fn a_contact_in_the_future_is_refused_on_its_field() {
        let mut d = draft();
        d.at = "2026-11-20 15:01".into();
        assert_eq!(fields(validate(&d, now())), ["at"]);
        d.at = "2026-11-20T15:00".into();
        assert!(validate(&d, now()).is_ok());
    }

    #[test]
    fn next_date_in_the_past_and_unknown_terms_each_get_a_message() {
        let mut d = draft();
        d.next_on = "2026-11-19".into();
        d.channel = "pigeon".into();
        d.topics = vec!["goals".into(), "weather".into()];
        d.minutes = "-3".into();
        assert_eq!(
            fields(validate(&d, now())),
            ["channel", "minutes", "topics.1", "next_on"]
        );
        d = draft();
        d.next_on = "2026-11-20".into();
        assert_eq!(
            validate(&d, now()).map(|c| c.next_on),
            Ok(Some(date(2026, 11, 20)))
        );
    }

    #[test]
    fn a_letter_needs_no_outcome_and_letter_sent_needs_a_letter() {
        let mut d = draft();
        d.channel = "letter".into();
        d.outcome = String::new();
        assert_eq!(
            validate(&d, now()).map(|c| c.outcome),
            Ok(Outcome::LetterSent)
        );
        d.channel = "phone".into();
        d.outcome = "letter sent".into();
        assert_eq!(fields(validate(&d, now())), ["outcome"]);
    }
}
