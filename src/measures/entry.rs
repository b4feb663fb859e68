//! The "record a measure" form: text in, a checked measure out, with one message per
//! field that is wrong.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Kind;
use crate::catalogue::Quantity;
use crate::error::FieldError;

/// What a form or CLI sends. Everything is text so bad input becomes a field message.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct MeasureDraft {
    pub patient_id: String,
    /// `phq9`, `gad7`, `a1c`, `bp`, `ldl` or `weight`.
    pub kind: String,
    pub taken_on: String,
    /// Questionnaire item scores in order, each `0`–`3`, or empty when unanswered.
    pub items: Vec<String>,
    /// HbA1c %, LDL mg/dL or weight kg.
    pub value: String,
    pub systolic: String,
    pub diastolic: String,
    pub note: String,
    /// `entered` (default) or `imported`.
    pub source: String,
}

/// A measure that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidMeasure {
    pub kind: Kind,
    pub taken_on: Date,
    /// Total (complete questionnaires only), HbA1c, systolic, LDL or weight.
    pub value: Option<f64>,
    /// Diastolic, for blood pressure.
    pub value2: Option<f64>,
    pub items: Option<Vec<Option<u8>>>,
    pub complete: bool,
    pub note: Option<String>,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Entered,
    Imported,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Entered => "entered",
            Source::Imported => "imported",
        }
    }
}

const NOTE_MAX: usize = 2000;

/// Checks a draft against today's date and the patient's date of birth.
pub fn validate(
    draft: &MeasureDraft,
    today: Date,
    born: Option<Date>,
) -> Result<ValidMeasure, Vec<FieldError>> {
    let mut errors = Vec::new();
    let kind = Kind::parse(&draft.kind);
    if kind.is_none() {
        errors.push(FieldError::new(
            "kind",
            format!(
                "\"{}\" is not a measure; use PHQ-9, GAD-7, HbA1c, blood pressure, LDL or weight.",
                draft.kind.trim()
            ),
        ));
    }
    let taken_on = match crate::dates::required("taken_on", "Date taken", &draft.taken_on) {
        Ok(d) if d > today => {
            errors.push(FieldError::new(
                "taken_on",
                "Date taken cannot be in the future.",
            ));
            None
        }
        Ok(d) if born.is_some_and(|b| d < b) => {
            errors.push(FieldError::new(
                "taken_on",
                "Date taken is before the patient's date of birth.",
            ));
            None
        }
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let source = match draft.source.trim() {
        "" | "entered" => Source::Entered,
        "imported" => Source::Imported,
        other => {
            errors.push(FieldError::new(
                "source",
                format!("\"{other}\" is not a source; use entered or imported."),
            ));
            Source::Entered
        }
    };
    let note = crate::text::optional(&mut errors, "note", "The note", &draft.note, NOTE_MAX);

    let mut value = None;
    let mut value2 = None;
    let mut items = None;
    let mut complete = true;
    match kind {
        Some(k @ (Kind::Phq9 | Kind::Gad7)) => {
            if let Some(scores) = questionnaire(k, &draft.items, &mut errors) {
                let total = super::scores::total(&scores);
                complete = total.is_some();
                value = total.map(f64::from);
                items = Some(scores);
            }
        }
        Some(Kind::Bp) => {
            let sbp = number(
                &mut errors,
                "systolic",
                Quantity::Sbp.label(),
                &draft.systolic,
                Quantity::Sbp.range(),
                Quantity::Sbp.unit(),
            );
            let dbp = number(
                &mut errors,
                "diastolic",
                Quantity::Dbp.label(),
                &draft.diastolic,
                Quantity::Dbp.range(),
                Quantity::Dbp.unit(),
            );
            if let (Some(s), Some(d)) = (sbp, dbp)
                && d >= s
            {
                errors.push(FieldError::new(
                    "diastolic",
                    "Diastolic BP must be below the systolic.",
                ));
            }
            value = sbp;
            value2 = dbp;
        }
        Some(k) => {
            if let Some(range) = k.range() {
                value = number(
                    &mut errors,
                    "value",
                    k.label(),
                    &draft.value,
                    range,
                    k.unit(),
                );
            }
        }
        None => {}
    }
    match (kind, taken_on, errors.is_empty()) {
        (Some(kind), Some(taken_on), true) => Ok(ValidMeasure {
            kind,
            taken_on,
            value,
            value2,
            items,
            complete,
            note,
            source,
        }),
        _ => Err(errors),
    }
}

/// Item scores 0–3; empty means unanswered. At least one item must be answered.
fn questionnaire(
    kind: Kind,
    texts: &[String],
    errors: &mut Vec<FieldError>,
) -> Option<Vec<Option<u8>>> {
    let count = kind.item_count()?;
    if texts.len() > count {
        errors.push(FieldError::new(
            "items",
            format!(
                "{} has {count} items; {} scores were given.",
                kind.label(),
                texts.len()
            ),
        ));
        return None;
    }
    let mut scores = Vec::with_capacity(count);
    let mut ok = true;
    for i in 0..count {
        let text = texts.get(i).map(|t| t.trim()).unwrap_or("");
        let field = format!("item{}", i + 1);
        match text {
            "" => scores.push(None),
            t => match t.parse::<u8>() {
                Ok(v) if v <= 3 => scores.push(Some(v)),
                _ => {
                    ok = false;
                    errors.push(FieldError::new(
                        &field,
                        format!("Item {} must be 0, 1, 2 or 3, not \"{t}\".", i + 1),
                    ));
                }
            },
        }
    }
    if ok && scores.iter().all(Option::is_none) {
        errors.push(FieldError::new(
            "items",
            format!("Enter at least one {} item score.", kind.label()),
        ));
        return None;
    }
    ok.then_some(scores)
}

fn number(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    text: &str,
    (low, high): (f64, f64),
    unit: &str,
) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        errors.push(FieldError::new(field, format!("{label} is required.")));
        return None;
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && (low..=high).contains(&v) => Some(v),
        Ok(v) if v.is_finite() => {
            errors.push(FieldError::new(
                field,
                format!("{label} {text} is outside {low}–{high} {unit}; check the value."),
            ));
            None
        }
        _ => {
            errors.push(FieldError::new(
                field,
                format!("{label} \"{text}\" is not a number."),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 22);

    fn draft(kind: &str) -> MeasureDraft {
        MeasureDraft {
            kind: kind.into(),
            taken_on: "2026-11-01".into(),
            ..MeasureDraft::default()
        }
    }

    fn fields(result: Result<ValidMeasure, Vec<FieldError>>) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn complete_phq9_is_totalled() {
        let mut d = draft("phq9");
        d.items = "1,2,3,0,1,2,3,0,1".split(',').map(String::from).collect();
        let m = validate(&d, TODAY, None).unwrap();
        assert_eq!(m.value, Some(13.0));
        assert!(m.complete);
    }

    #[test]
    fn phq9_with_a_missing_item_is_incomplete_and_unscored() {
        let mut d = draft("phq9");
        d.items = "1,2,,0,1,2,3,0,1".split(',').map(String::from).collect();
        let m = validate(&d, TODAY, None).unwrap();
        assert_eq!(m.value, None);
        assert!(!m.complete);
        d.items.truncate(8);
        assert!(!validate(&d, TODAY, None).unwrap().complete);
    }

    #[test]
    fn item_scores_must_be_0_to_3() {
        let mut d = draft("gad7");
        d.items = ["0", "4", "1", "x", "0", "0", "0"]
            .map(String::from)
            .to_vec();
        assert_eq!(fields(validate(&d, TODAY, None)), ["item2", "item4"]);
        d.items = vec![String::new(); 7];
        assert_eq!(fields(validate(&d, TODAY, None)), ["items"]);
        d.items = vec!["0".into(); 8];
        assert_eq!(fields(validate(&d, TODAY, None)), ["items"]);
    }

    #[test]
    fn a1c_range_edges() {
        let mut d = draft("a1c");
        for (text, ok) in [("3", true), ("20", true), ("2.9", false), ("20.1", false)] {
            d.value = text.into();
            assert_eq!(validate(&d, TODAY, None).is_ok(), ok, "HbA1c {text}");
        }
        d.value = "eight".into();
        assert_eq!(fields(validate(&d, TODAY, None)), ["value"]);
    }

    #[test]
    fn blood_pressure_ranges_and_order() {
        let mut d = draft("bp");
        d.systolic = "150".into();
        d.diastolic = "95".into();
        let m = validate(&d, TODAY, None).unwrap();
        assert_eq!((m.value, m.value2), (Some(150.0), Some(95.0)));
        d.systolic = "261".into();
        d.diastolic = "29".into();
        assert_eq!(fields(validate(&d, TODAY, None)), ["systolic", "diastolic"]);
        d.systolic = "120".into();
        d.diastolic = "120".into();
        assert_eq!(fields(validate(&d, TODAY, None)), ["diastolic"]);
        d.systolic = "60".into();
        d.diastolic = "30".into();
        assert!(validate(&d, TODAY, None).is_ok());
    }

    #[test]
    fn dates_not_in_future_nor_before_birth() {
        let mut d = draft("ldl");
        d.value = "100".into();
        d.taken_on = "2026-11-23".into();
        assert_eq!(fields(validate(&d, TODAY, None)), ["taken_on"]);
        d.taken_on = "2026-11-22".into();
        assert!(validate(&d, TODAY, None).is_ok());
        d.taken_on = "1950-01-01".into();
        assert_eq!(
            fields(validate(&d, TODAY, Some(date(1960, 1, 1)))),
            ["taken_on"]
        );
        d.taken_on = String::new();
        assert_eq!(fields(validate(&d, TODAY, None)), ["taken_on"]);
    }

    #[test]
    fn unknown_kind_is_named() {
        let d = draft("glucose");
        let errors = validate(&d, TODAY, None).err().unwrap_or_default();
        assert_eq!(errors[0].field, "kind");
        assert!(errors[0].message.contains("glucose"));
    }
}
