//! The enrollment lifecycle and the only moves it allows.
//!
//! ```text
//! referred ─► screening ─► active ─┬─► graduated            (closed)
//!    │            │          ▲     ├─► relapse-watch ─┬─► graduated
//!    │            │          └─────┼──────────────────┘   (relapse: back to active)
//!    └────────────┴────────────────┴─► disenrolled (reason)  (closed)
//! ```
//! relapse-watch may also end in disenrolled. Graduated and disenrolled episodes are
//! closed for good: a patient who comes back gets a new episode.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EnrollmentStatus {
    Referred,
    Screening,
    Active,
    Graduated,
    RelapseWatch,
    Disenrolled,
}

use EnrollmentStatus::*;

impl EnrollmentStatus {
    pub const ALL: [EnrollmentStatus; 6] = [
        Referred,
        Screening,
        Active,
        Graduated,
        RelapseWatch,
        Disenrolled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Referred => "referred",
            Screening => "screening",
            Active => "active",
            Graduated => "graduated",
            RelapseWatch => "relapse-watch",
            Disenrolled => "disenrolled",
        }
    }

    /// How the coordinator reads it.
    pub fn label(self) -> &'static str {
        match self {
            Referred => "Referred",
            Screening => "Screening",
            Active => "Active",
            Graduated => "Graduated",
            RelapseWatch => "Relapse watch",
            Disenrolled => "Disenrolled",
        }
    }

    pub fn parse(text: &str) -> Option<EnrollmentStatus> {
        let text = text.trim().to_lowercase().replace(['_', ' '], "-");
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether an episode in this status is still being followed.
    pub fn is_open(self) -> bool {
        !matches!(self, Graduated | Disenrolled)
    }

    /// Statuses a new episode may begin in: referred by someone, screening on the
    /// coordinator's own initiative, or active when screening happened elsewhere.
    pub fn can_start(self) -> bool {
        matches!(self, Referred | Screening | Active)
    }

    /// The moves the lifecycle allows from here, in the order the UI offers them.
    pub fn next(self) -> &'static [EnrollmentStatus] {
        match self {
            Referred => &[Screening, Disenrolled],
            Screening => &[Active, Disenrolled],
            Active => &[Graduated, RelapseWatch, Disenrolled],
            RelapseWatch => &[Active, Graduated, Disenrolled],
            Graduated | Disenrolled => &[],
        }
    }

    pub fn can_move_to(self, to: EnrollmentStatus) -> bool {
        self.next().contains(&to)
    }
}

/// Why an episode ended without graduating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DisenrollReason {
    Declined,
    Unreachable,
    Moved,
    Deceased,
    Other,
}

impl DisenrollReason {
    pub const ALL: [DisenrollReason; 5] = [
        DisenrollReason::Declined,
        DisenrollReason::Unreachable,
        DisenrollReason::Moved,
        DisenrollReason::Deceased,
        DisenrollReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DisenrollReason::Declined => "declined",
            DisenrollReason::Unreachable => "unreachable",
            DisenrollReason::Moved => "moved",
            DisenrollReason::Deceased => "deceased",
            DisenrollReason::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<DisenrollReason> {
        let text = text.trim().to_lowercase();
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_statuses_allow_no_move() {
        for status in EnrollmentStatus::ALL {
            assert_eq!(status.is_open(), !status.next().is_empty(), "{status:?}");
        }
    }

    #[test]
    fn lifecycle_moves_match_the_program_model() {
        assert!(Referred.can_move_to(Screening));
        assert!(
            !Referred.can_move_to(Active),
            "activation happens after screening"
        );
        assert!(Screening.can_move_to(Active));
        assert!(Active.can_move_to(RelapseWatch));
        assert!(
            RelapseWatch.can_move_to(Active),
            "a relapse returns to active treatment"
        );
        assert!(!Graduated.can_move_to(Active));
        assert!(!Active.can_move_to(Referred));
        for status in [Referred, Screening, Active, RelapseWatch] {
            assert!(
                status.can_move_to(Disenrolled),
                "{status:?} can always disenroll"
            );
        }
    }

    #[test]
    fn parse_accepts_spellings_coordinators_type() {
        assert_eq!(EnrollmentStatus::parse("Relapse watch"), Some(RelapseWatch));
        assert_eq!(EnrollmentStatus::parse("relapse_watch"), Some(RelapseWatch));
        assert_eq!(EnrollmentStatus::parse("enrolled"), None);
        assert!(!Graduated.can_start());
    }
}
