//! Recording several measures taken at one visit (a PHQ-9, an HbA1c and a blood
//! pressure, say) as one change: every value is checked first, and either all of them
//! are saved or none is, so a typo in one never leaves the visit half recorded.

use super::{Kind, Measure, MeasureDraft, get, insert, validate};
use crate::error::{Error, FieldError, Result};
use crate::store::Store;

/// Records `drafts` for one patient in one transaction. Each draft's `patient_id` is
/// ignored in favour of `patient_id`. Problems are reported for every draft at once,
/// each field named after its measure (`bp.diastolic`, `phq9.item3`, `a1c.taken_on`);
/// a measure that appears twice is numbered instead (`measure2.value`).
pub fn record_many(
    store: &mut Store,
    patient_id: &str,
    drafts: &[MeasureDraft],
) -> Result<Vec<Measure>> {
    let (today, patient) = store.read(|r| Ok((r.today(), crate::patients::get(r, patient_id)?)))?;
    if drafts.is_empty() {
        return Err(Error::invalid(
            "measures",
            "Give at least one measure to record.",
        ));
    }
    let born = crate::dates::parse(&patient.birth_date);
    let kinds: Vec<Option<Kind>> = drafts.iter().map(|d| Kind::parse(&d.kind)).collect();
    let mut valid = Vec::with_capacity(drafts.len());
    let mut errors = Vec::new();
    for (i, draft) in drafts.iter().enumerate() {
        match validate(draft, today, born) {
            Ok(v) => valid.push(v),
            Err(problems) => {
                let prefix = match kinds[i] {
                    Some(kind) if kinds.iter().filter(|k| **k == Some(kind)).count() == 1 => {
                        kind.as_str().to_owned()
                    }
                    _ => format!("measure{}", i + 1),
                };
                let label = kinds[i].map(Kind::label);
                errors.extend(problems.into_iter().map(|p| named(&prefix, label, p)));
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let ids = store.write(|w| {
        valid
            .iter()
            .map(|v| insert(w, &patient.id, v, None))
            .collect::<Result<Vec<_>>>()
    })?;
    store.read(|r| {
        ids.iter()
            .map(|id| get(r, id).map(Measure::with_entry_warnings))
            .collect()
    })
}

/// `problem` with its field under `prefix`, and its message saying which measure it is
/// about when it does not already.
fn named(prefix: &str, label: Option<&str>, problem: FieldError) -> FieldError {
    let message = match label {
        Some(label) if !problem.message.contains(label) => {
            format!("{label}: {}", problem.message)
        }
        _ => problem.message,
    };
    FieldError::new(&format!("{prefix}.{}", problem.field), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_prefixed_and_messages_name_the_measure() {
        let e = named(
            "bp",
            Some("Blood pressure"),
            FieldError::new("taken_on", "Date taken is required."),
        );
        assert_eq!(e.field, "bp.taken_on");
        assert_eq!(e.message, "Blood pressure: Date taken is required.");
        let e = named(
            "a1c",
            Some("HbA1c"),
            FieldError::new("value", "HbA1c \"x\" is not a number."),
        );
        assert_eq!(e.message, "HbA1c \"x\" is not a number.", "not said twice");
    }
}
