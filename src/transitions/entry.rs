//! The transition form: text in, a checked transition out, one message per field.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{HeardFrom, TransitionKind};
use crate::error::FieldError;

/// What the form or the CLI sends.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct TransitionDraft {
    pub patient_id: String,
    /// `ed`, `inpatient`, `observation` or `snf`.
    pub kind: String,
    pub facility: String,
    pub admitted_on: String,
    /// Empty while the patient is still in; for an ED visit, empty means the same day.
    pub discharged_on: String,
    pub reason: String,
    pub heard_from: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidTransition {
    pub kind: TransitionKind,
    pub facility: String,
    pub admitted_on: Date,
    pub discharged_on: Option<Date>,
    pub reason: Option<String>,
    pub heard_from: Option<HeardFrom>,
}

const FACILITY_MAX: usize = 200;
const REASON_MAX: usize = 500;

pub fn validate(draft: &TransitionDraft, today: Date) -> Result<ValidTransition, Vec<FieldError>> {
    let mut errors = Vec::new();
    let kind = match draft.kind.trim() {
        "" => {
            errors.push(FieldError::new(
                "kind",
                "Choose the kind: ED visit, inpatient, observation or skilled nursing.",
            ));
            None
        }
        text => {
            let kind = TransitionKind::parse(text);
            if kind.is_none() {
                errors.push(FieldError::new("kind", TransitionKind::unknown(text)));
            }
            kind
        }
    };
    let facility = crate::text::optional(
        &mut errors,
        "facility",
        "The facility",
        &draft.facility,
        FACILITY_MAX,
    );
    if facility.is_none() && draft.facility.trim().is_empty() {
        errors.push(FieldError::new("facility", "The facility is required."));
    }
    let admitted_on = date(
        &mut errors,
        "admitted_on",
        "The admission date",
        &draft.admitted_on,
        today,
        true,
    );
    let mut discharged_on = date(
        &mut errors,
        "discharged_on",
        "The discharge date",
        &draft.discharged_on,
        today,
        false,
    );
    if let (Some(a), Some(d)) = (admitted_on, discharged_on)
        && d < a
    {
        errors.push(FieldError::new(
            "discharged_on",
            format!("The discharge date {d} is before the admission date {a}."),
        ));
        discharged_on = None;
    }
    if discharged_on.is_none()
        && draft.discharged_on.trim().is_empty()
        && kind == Some(TransitionKind::Ed)
    {
        // An ED visit with no discharge date is a same-day visit.
        discharged_on = admitted_on;
    }
    let reason = crate::text::optional(
        &mut errors,
        "reason",
        "The reason",
        &draft.reason,
        REASON_MAX,
    );
    let heard_from = match draft.heard_from.trim() {
        "" => None,
        text => {
            let h = HeardFrom::parse(text);
            if h.is_none() {
                errors.push(FieldError::new("heard_from", HeardFrom::unknown(text)));
            }
            h
        }
    };
    match (kind, facility, admitted_on) {
        (Some(kind), Some(facility), Some(admitted_on)) if errors.is_empty() => {
            Ok(ValidTransition {
                kind,
                facility,
                admitted_on,
                discharged_on,
                reason,
                heard_from,
            })
        }
        _ => Err(errors),
    }
}

/// A date field that must not be in the future; `required` or empty = none.
fn date(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    text: &str,
    today: Date,
    required: bool,
) -> Option<Date> {
    if text.trim().is_empty() && !required {
        return None;
    }
    match crate::dates::required(field, label, text) {
        Err(e) => {
            errors.push(e);
            None
        }
        Ok(d) if d > today => {
            errors.push(FieldError::new(
                field,
                format!("{label} {d} is in the future."),
            ));
            None
        }
        Ok(d) => Some(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn draft() -> TransitionDraft {
        TransitionDraft {
            patient_id: "p".into(),
            kind: "inpatient".into(),
            facility: "St. Mary's".into(),
            admitted_on: "2026-11-10".into(),
            discharged_on: "2026-11-14".into(),
            ..TransitionDraft::default()
        }
    }

    fn fields(d: &TransitionDraft) -> Vec<String> {
        validate(d, date(2026, 11, 20))
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_discharge_before_its_admission_is_refused() {
        let mut d = draft();
        d.discharged_on = "2026-11-09".into();
        assert_eq!(fields(&d), ["discharged_on"]);
    }

    #[test]
    fn every_field_gets_its_own_message() {
        let d = TransitionDraft {
            kind: "spa".into(),
            admitted_on: "2026-11-21".into(),
            heard_from: "rumour".into(),
            ..TransitionDraft::default()
        };
        assert_eq!(
            fields(&d),
            ["kind", "facility", "admitted_on", "heard_from"]
        );
    }

    #[test]
    fn an_ed_visit_without_a_discharge_is_same_day_and_a_stay_is_still_in() {
        let mut d = draft();
        d.kind = "ED".into();
        d.discharged_on = String::new();
        let v = validate(&d, date(2026, 11, 20)).expect("valid");
        assert_eq!(v.discharged_on, Some(date(2026, 11, 10)));
        d.kind = "inpatient".into();
        let v = validate(&d, date(2026, 11, 20)).expect("valid");
        assert_eq!(v.discharged_on, None);
    }
}
