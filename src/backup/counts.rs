//! The row counts a backup is checked by and described with: the caseload's main
//! tables, removed records included (removal is soft, so counts only ever grow, which
//! is what lets a copy made while writes go on be checked against the store).

use serde::{Deserialize, Serialize};

use crate::store::RowCounts;

/// The tables counted, in the order of [`Counts`]' fields.
pub const TABLES: [&str; 8] = [
    "patients",
    "enrollments",
    "measures",
    "contacts",
    "care_plan_goals",
    "referrals",
    "hsds_service",
    "audit_log",
];

/// Rows in the caseload's main tables (removed records included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Counts {
    pub patients: i64,
    pub enrollments: i64,
    pub measures: i64,
    pub contacts: i64,
    pub care_plan_goals: i64,
    pub referrals: i64,
    /// Services in the resource directory.
    pub services: i64,
    pub audit_entries: i64,
}

impl Counts {
    /// The counts of [`TABLES`] as the store read them.
    pub fn from_rows(rows: &RowCounts) -> Counts {
        let of = |table: &str| rows.iter().find(|(t, _)| t == table).map_or(0, |(_, n)| *n);
        Counts {
            patients: of("patients"),
            enrollments: of("enrollments"),
            measures: of("measures"),
            contacts: of("contacts"),
            care_plan_goals: of("care_plan_goals"),
            referrals: of("referrals"),
            services: of("hsds_service"),
            audit_entries: of("audit_log"),
        }
    }

    /// "12 patients, 30 enrollments, …" for a line of text.
    pub fn summary(&self) -> String {
        [
            (self.patients, "patient", "patients"),
            (self.enrollments, "enrollment", "enrollments"),
            (self.measures, "measure", "measures"),
            (self.contacts, "contact", "contacts"),
            (self.care_plan_goals, "care-plan goal", "care-plan goals"),
            (self.referrals, "referral", "referrals"),
            (self.services, "directory service", "directory services"),
            (self.audit_entries, "audit entry", "audit entries"),
        ]
        .iter()
        .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect::<Vec<_>>()
        .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_read_by_table_and_said_in_words() {
        let rows: RowCounts = TABLES
            .iter()
            .enumerate()
            .map(|(i, t)| ((*t).to_owned(), i as i64))
            .collect();
        let counts = Counts::from_rows(&rows);
        assert_eq!(counts.patients, 0);
        assert_eq!(counts.enrollments, 1);
        assert_eq!(counts.services, 6);
        assert_eq!(counts.audit_entries, 7);
        assert_eq!(
            counts.summary(),
            "0 patients, 1 enrollment, 2 measures, 3 contacts, 4 care-plan goals, \
             5 referrals, 6 directory services, 7 audit entries"
        );
    }
}
