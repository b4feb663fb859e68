//! Optional free-text form fields (notes, sources, names of people), checked the same
//! way everywhere: trimmed, empty means absent, too long is a message on the field.

use crate::error::FieldError;

/// `value` trimmed, `None` when empty; longer than `max` characters adds a message for
/// `field` ("{label} is longer than {max} characters.") and gives `None`.
pub(crate) fn optional(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    value: &str,
    max: usize,
) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.chars().count() > max {
        errors.push(FieldError::new(
            field,
            format!("{label} is longer than {max} characters."),
        ));
        return None;
    }
    Some(value.to_owned())
}
