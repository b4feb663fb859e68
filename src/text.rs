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

/// The first character of `text` that changes how the text around it is laid out
/// without being seen: the bidirectional embeddings, overrides and isolates (U+202A–
/// U+202E, U+2066–U+2069), the direction marks (U+200E, U+200F, U+061C) and the line and
/// paragraph separators (U+2028, U+2029). Why: "Smith\u{202E}txt.exe" shows reversed on
/// every list, printout and export, and a name or MRN that reads differently from what
/// is stored cannot be checked against a wristband or the EHR. Letters, accents and
/// combining marks of every script are not among them, nor the joiners (U+200C, U+200D)
/// that Persian and Indic names need.
pub(crate) fn forbidden_format_char(text: &str) -> Option<char> {
    text.chars().find(|c| {
        matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{2028}'
                | '\u{2029}'
        )
    })
}

/// The field message for `c` (found by [`forbidden_format_char`]) in the field `label`.
pub(crate) fn forbidden_format_message(label: &str, c: char) -> String {
    format!(
        "{label} contains an invisible text-direction or line-separator character (U+{:04X}); retype it.",
        u32::from(c)
    )
}

/// Adds the message for `field` when `value` holds a character
/// [`forbidden_format_char`] refuses; says whether it did.
pub(crate) fn refuse_format_chars(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    value: &str,
) -> bool {
    match forbidden_format_char(value) {
        Some(c) => {
            errors.push(FieldError::new(field, forbidden_format_message(label, c)));
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_controls_and_separators_are_found() {
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{2028}', '\u{2029}',
        ] {
            assert_eq!(forbidden_format_char(&format!("Smith{c}txt")), Some(c));
        }
    }

    #[test]
    fn letters_of_every_script_pass() {
        for name in [
            "José Nuñez",
            "Nguyễn Thị Minh Khai",
            "محمد عبد الله",
            "שרה לוי",
            "王小明",
            "Zoë O'Brien-Smith",
            "Jose\u{0301}",
            "میرزا\u{200C}ای",
            "Ωμέγα Σμιρνόβα",
        ] {
            assert_eq!(forbidden_format_char(name), None, "{name}");
        }
    }

    #[test]
    fn the_message_names_the_code_point() {
        assert_eq!(
            forbidden_format_message("First name", '\u{202E}'),
            "First name contains an invisible text-direction or line-separator character (U+202E); retype it."
        );
    }
}
