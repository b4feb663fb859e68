//! The rules a patient form must meet before anything is saved. Every problem is
//! reported at once, each on its own field.

use jiff::civil::{Date, date};

use super::model::{PatientDraft, Sex, ValidPatient};
use crate::error::FieldError;

const MAX_NAME: usize = 100;
const MAX_MRN: usize = 64;
const MAX_SHORT: usize = 200;
const MAX_NOTE: usize = 20_000;
/// Nobody alive was born before this; an earlier date is a typing slip.
const EARLIEST_BIRTH: Date = date(1900, 1, 1);

pub fn validate(draft: &PatientDraft, today: Date) -> Result<ValidPatient, Vec<FieldError>> {
    let mut errors = Vec::new();

    let mrn = draft.mrn.trim().to_owned();
    if mrn.is_empty() {
        errors.push(FieldError::new("mrn", "MRN is required."));
    } else if let Some(c) = crate::text::forbidden_format_char(&mrn) {
        // Said before "cannot contain spaces": a line separator is whitespace too, and
        // the code point tells the coordinator what to look for.
        errors.push(FieldError::new(
            "mrn",
            crate::text::forbidden_format_message("MRN", c),
        ));
    } else if mrn.chars().count() > MAX_MRN {
        errors.push(FieldError::new(
            "mrn",
            format!("MRN is longer than {MAX_MRN} characters."),
        ));
    } else if mrn.chars().any(|c| c.is_whitespace() || c.is_control()) {
        errors.push(FieldError::new("mrn", "MRN cannot contain spaces."));
    }

    let first_name = name(&mut errors, "first_name", "First name", &draft.first_name);
    let last_name = name(&mut errors, "last_name", "Last name", &draft.last_name);

    let birth_date = match crate::dates::required("birth_date", "Date of birth", &draft.birth_date)
    {
        Err(e) => {
            errors.push(e);
            None
        }
        Ok(d) if d > today => {
            errors.push(FieldError::new(
                "birth_date",
                "Date of birth is in the future.",
            ));
            None
        }
        Ok(d) if d < EARLIEST_BIRTH => {
            errors.push(FieldError::new(
                "birth_date",
                "Date of birth is before 1900; check the year.",
            ));
            None
        }
        Ok(d) => Some(d),
    };

    let sex = Sex::parse(&draft.sex).unwrap_or_else(|| {
        errors.push(FieldError::new(
            "sex",
            "Sex must be female, male, other or unknown.",
        ));
        Sex::Unknown
    });

    let phone = parse_phone(&mut errors, "phone", "Phone", &draft.phone);
    let emergency_contact_phone = parse_phone(
        &mut errors,
        "emergency_contact_phone",
        "Emergency contact phone",
        &draft.emergency_contact_phone,
    );

    let mut short = |field: &str, label: &str, value: &str| {
        crate::text::optional(&mut errors, field, label, value, MAX_SHORT)
    };
    let address_line = short("address_line", "Address", &draft.address_line);
    let city = short("city", "City", &draft.city);
    let state = short("state", "State", &draft.state);
    let postal_code = short("postal_code", "Postal code", &draft.postal_code);
    let preferred_language = short(
        "preferred_language",
        "Preferred language",
        &draft.preferred_language,
    );
    let pcp_name = short("pcp_name", "PCP", &draft.pcp_name);
    let payer = short("payer", "Payer", &draft.payer);
    let emergency_contact_name = short(
        "emergency_contact_name",
        "Emergency contact",
        &draft.emergency_contact_name,
    );
    let emergency_contact_relation = short(
        "emergency_contact_relation",
        "Relationship",
        &draft.emergency_contact_relation,
    );
    let note = crate::text::optional(&mut errors, "note", "Note", &draft.note, MAX_NOTE);
    // The PCP and the emergency contact are people's names like the patient's own, and
    // print on the same sheets.
    let pcp_name =
        pcp_name.filter(|v| !crate::text::refuse_format_chars(&mut errors, "pcp_name", "PCP", v));
    let emergency_contact_name = emergency_contact_name.filter(|v| {
        !crate::text::refuse_format_chars(
            &mut errors,
            "emergency_contact_name",
            "Emergency contact",
            v,
        )
    });

    match (errors.is_empty(), first_name, last_name, birth_date) {
        (true, Some(first_name), Some(last_name), Some(birth_date)) => Ok(ValidPatient {
            mrn,
            first_name,
            last_name,
            birth_date,
            sex,
            phone,
            address_line,
            city,
            state,
            postal_code,
            preferred_language,
            pcp_name,
            payer,
            emergency_contact_name,
            emergency_contact_relation,
            emergency_contact_phone,
            note,
        }),
        _ => Err(errors),
    }
}

fn name(errors: &mut Vec<FieldError>, field: &str, label: &str, value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        errors.push(FieldError::new(field, format!("{label} is required.")));
        None
    } else if value.chars().count() > MAX_NAME {
        errors.push(FieldError::new(
            field,
            format!("{label} is longer than {MAX_NAME} characters."),
        ));
        None
    } else if crate::text::refuse_format_chars(errors, field, label, value) {
        None
    } else if value.chars().any(char::is_control) {
        errors.push(FieldError::new(
            field,
            format!("{label} contains a control character."),
        ));
        None
    } else {
        Some(value.to_owned())
    }
}

/// A phone number: digits with the usual punctuation, 7 to 15 digits (E.164's maximum).
fn parse_phone(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    value: &str,
) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let allowed = |c: char| c.is_ascii_digit() || " +-().x".contains(c);
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if !value.chars().all(allowed) || !(7..=15).contains(&digits) {
        errors.push(FieldError::new(
            field,
            format!("{label} \"{value}\" is not a phone number (7–15 digits)."),
        ));
        return None;
    }
    Some(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> PatientDraft {
        PatientDraft {
            mrn: "MRN-1001".into(),
            first_name: " José ".into(),
            last_name: "Nuñez".into(),
            birth_date: "1956-03-14".into(),
            phone: "(555) 010-2233".into(),
            ..PatientDraft::default()
        }
    }

    const TODAY: Date = date(2026, 11, 22);

    fn fields(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn valid_draft_is_trimmed_and_defaults_sex_to_unknown() {
        let valid = validate(&draft(), TODAY).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(valid.first_name, "José");
        assert_eq!(valid.sex, Sex::Unknown);
        assert_eq!(valid.address_line, None);
    }

    #[test]
    fn birth_date_in_future_is_refused() {
        let d = PatientDraft {
            birth_date: "2026-11-23".into(),
            ..draft()
        };
        assert_eq!(fields(validate(&d, TODAY).unwrap_err()), ["birth_date"]);
    }

    #[test]
    fn birth_date_today_is_accepted() {
        let d = PatientDraft {
            birth_date: "2026-11-22".into(),
            ..draft()
        };
        assert!(validate(&d, TODAY).is_ok());
    }

    #[test]
    fn birth_date_before_1900_is_refused_but_1900_is_fine() {
        let d = PatientDraft {
            birth_date: "1899-12-31".into(),
            ..draft()
        };
        let errors = validate(&d, TODAY).unwrap_err();
        assert!(errors[0].message.contains("before 1900"));
        let d = PatientDraft {
            birth_date: "1900-01-01".into(),
            ..draft()
        };
        assert!(validate(&d, TODAY).is_ok());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let d = PatientDraft {
            mrn: "".into(),
            first_name: "   ".into(),
            last_name: "".into(),
            birth_date: "someday".into(),
            sex: "x".into(),
            phone: "call me".into(),
            ..PatientDraft::default()
        };
        assert_eq!(
            fields(validate(&d, TODAY).unwrap_err()),
            [
                "mrn",
                "first_name",
                "last_name",
                "birth_date",
                "sex",
                "phone"
            ]
        );
    }

    #[test]
    fn mrn_with_spaces_is_refused() {
        let d = PatientDraft {
            mrn: "12 34".into(),
            ..draft()
        };
        assert_eq!(fields(validate(&d, TODAY).unwrap_err()), ["mrn"]);
    }

    #[test]
    fn us_date_of_birth_is_understood() {
        let d = PatientDraft {
            birth_date: "03/14/1956".into(),
            ..draft()
        };
        assert_eq!(
            validate(&d, TODAY).map(|v| v.birth_date),
            Ok(date(1956, 3, 14))
        );
    }
}
