//! Who a line in a list is about: the identity every list of patients shows (the
//! caseload, screen-all, the review list, discussions, recommendations, and the
//! worklists to come), read by one mapper from the same five columns.

use jiff::civil::Date;
use rusqlite::Row;
use serde::Serialize;

/// A patient as a list shows them. Serialised flat into the list's row, with the id
/// as `patient_id` (the row itself may have an id of its own, as a recommendation does).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PatientRef {
    #[serde(rename = "patient_id")]
    pub id: String,
    pub mrn: String,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: String,
    /// Whole years on the day the list is read for.
    pub age: i16,
}

impl PatientRef {
    /// Number of columns [`PatientRef::columns`] names.
    pub const COLUMNS: usize = 5;

    /// The columns [`PatientRef::from_row`] reads, for `patients` aliased as `alias`:
    /// `p.id, p.mrn, p.first_name, p.last_name, p.birth_date`.
    pub fn columns(alias: &str) -> String {
        ["id", "mrn", "first_name", "last_name", "birth_date"]
            .map(|c| format!("{alias}.{c}"))
            .join(", ")
    }

    /// Reads the [`PatientRef::COLUMNS`] columns of [`PatientRef::columns`] starting at `first`;
    /// the age is counted on `on`.
    pub fn from_row(row: &Row<'_>, first: usize, on: Date) -> rusqlite::Result<PatientRef> {
        let birth_date: String = row.get(first + 4)?;
        Ok(PatientRef {
            id: row.get(first)?,
            mrn: row.get(first + 1)?,
            first_name: row.get(first + 2)?,
            last_name: row.get(first + 3)?,
            age: crate::dates::age_from_text(&birth_date, on),
            birth_date,
        })
    }
}

/// The living patients among `ids`, by id, with ages on the reader's day (a list that
/// gathered ids from several sources names them all in one query).
pub fn refs(
    r: &crate::store::Reader<'_>,
    ids: &[String],
) -> crate::Result<std::collections::HashMap<String, PatientRef>> {
    let mut out = std::collections::HashMap::with_capacity(ids.len());
    // Bound parameters in chunks well under SQLite's limit.
    for chunk in ids.chunks(500) {
        let slots = vec!["?"; chunk.len()].join(", ");
        let mut stmt = r.conn().prepare(&format!(
            "SELECT {} FROM patients p WHERE p.deleted_at IS NULL AND p.id IN ({slots})",
            PatientRef::columns("p")
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(chunk), |row| {
            PatientRef::from_row(row, 0, r.today())
        })?;
        for p in rows {
            let p = p?;
            out.insert(p.id.clone(), p);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_for_the_alias_in_the_order_the_mapper_reads() {
        assert_eq!(
            PatientRef::columns("p"),
            "p.id, p.mrn, p.first_name, p.last_name, p.birth_date"
        );
        assert_eq!(
            PatientRef::columns("p").split(", ").count(),
            PatientRef::COLUMNS
        );
    }

    #[test]
    fn serialises_flat_with_the_id_as_patient_id() {
        let p = PatientRef {
            id: "x".into(),
            mrn: "M1".into(),
            first_name: "Ana".into(),
            last_name: "Ruiz".into(),
            birth_date: "1970-01-01".into(),
            age: 56,
        };
        let json = serde_json::to_value(&p).unwrap_or_default();
        assert_eq!(json["patient_id"], "x");
        assert_eq!(json["age"], 56);
        assert!(json.get("id").is_none());
    }
}
