//! Which patients a loader reads: everyone, or a given set of ids. Loaders that scan a
//! whole table (one row per patient) and keep the rows of a few patients ask
//! [`Subset::has`], a hash lookup, rather than searching the list of ids per row.

use std::collections::HashSet;

pub struct Subset<'a> {
    set: Option<HashSet<&'a str>>,
    ids: Option<&'a [String]>,
}

/// Up to this many ids are also given to SQL (`IN (...)`), so a page of 50 patients
/// reads their rows through an index instead of scanning a table of 10,000.
const IN_SQL: usize = 900;

impl<'a> Subset<'a> {
    /// All patients for `None`, else the ids given.
    pub fn of(ids: Option<&'a [String]>) -> Subset<'a> {
        Subset {
            set: ids.map(|ids| ids.iter().map(String::as_str).collect()),
            ids,
        }
    }

    pub fn has(&self, id: &str) -> bool {
        self.set.as_ref().is_none_or(|set| set.contains(id))
    }

    /// No patient at all (an empty list of ids was given).
    pub fn is_empty(&self) -> bool {
        self.set.as_ref().is_some_and(HashSet::is_empty)
    }

    /// ` AND <column> IN (?<first>, ...)` and its values for a small subset; nothing
    /// for everyone or a large one (the rows are then kept by [`Subset::has`]).
    pub fn sql(&self, column: &str, first: usize) -> (String, Vec<&'a str>) {
        match self.ids {
            Some(ids) if !ids.is_empty() && ids.len() <= IN_SQL => {
                let slots = (first..first + ids.len())
                    .map(|i| format!("?{i}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                (
                    format!(" AND {column} IN ({slots})"),
                    ids.iter().map(String::as_str).collect(),
                )
            }
            _ => (String::new(), Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_means_everyone_and_an_empty_list_no_one() {
        assert!(Subset::of(None).has("x"));
        assert!(!Subset::of(None).is_empty());
        let ids = vec!["a".to_owned()];
        let some = Subset::of(Some(&ids));
        assert!(some.has("a") && !some.has("b"));
        assert!(Subset::of(Some(&[])).is_empty());
    }

    #[test]
    fn small_subsets_are_given_to_sql_numbered_from_first() {
        let ids = vec!["a".to_owned(), "b".to_owned()];
        let (clause, values) = Subset::of(Some(&ids)).sql("p.id", 2);
        assert_eq!(clause, " AND p.id IN (?2, ?3)");
        assert_eq!(values, ["a", "b"]);
        assert_eq!(Subset::of(None).sql("p.id", 1).0, "");
        let many: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
        assert_eq!(Subset::of(Some(&many)).sql("p.id", 1).0, "");
    }
}
