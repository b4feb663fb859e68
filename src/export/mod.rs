//! Exports that leave the encrypted store. Every CSV cell goes through
//! [`spreadsheet_safe`] so a name or note cannot become a formula in Excel, and every
//! file a coordinator saves (a printout, a FHIR export) is written by
//! [`file::save_private`]: owner-only from its first byte, whole or not at all.

pub mod file;

use std::borrow::Cow;

/// Prefixes a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
/// carriage return: OWASP's CSV-injection list) with an apostrophe, which spreadsheets
/// show as plain text.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_plain_text_is_untouched() {
        assert_eq!(
            spreadsheet_safe("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("-2+3"), "'-2+3");
        assert_eq!(spreadsheet_safe("Nuñez"), "Nuñez");
        assert_eq!(spreadsheet_safe(""), "");
    }
}
