//! Folding text for search and sorting: "José Nuñez" is found by typing "jose nun".

/// Lower-case ASCII transliteration (via `deunicode`), whitespace collapsed.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key the caseload list sorts by: last name, then first name.
pub fn sort_key(last: &str, first: &str) -> String {
    format!("{}\u{1f}{}", fold(last), fold(first))
}

/// Everything a coordinator may type to find a patient: names, MRN, date of birth.
pub fn search_key(last: &str, first: &str, mrn: &str, birth_date: &str) -> String {
    format!(
        "{} {} {} {}",
        fold(last),
        fold(first),
        fold(mrn),
        birth_date
    )
}

/// Splits what was typed into terms that must all match; a US-style date becomes ISO
/// so "03/14/1956" finds a birth date stored as 1956-03-14.
pub fn query_terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .map(|t| match crate::dates::parse(t) {
            Some(date) if t.contains('/') => date.to_string(),
            _ => fold(t),
        })
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_spaces() {
        assert_eq!(fold("  José   NUÑEZ "), "jose nunez");
        assert_eq!(fold("Łódź"), "lodz");
    }

    #[test]
    fn query_terms_convert_us_dates_and_split_on_commas() {
        assert_eq!(query_terms("Nuñez, José"), vec!["nunez", "jose"]);
        assert_eq!(query_terms("03/14/1956"), vec!["1956-03-14"]);
        assert_eq!(query_terms("1956-03"), vec!["1956-03"]);
        assert!(query_terms("  , ").is_empty());
    }
}
