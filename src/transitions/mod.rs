//! Transitions of care: ED visits and stays in hospital, observation or a skilled
//! nursing facility, the follow-up contact each discharge calls for, and readmissions.
//! `entry` checks the form, `records` writes and reads transitions, `follow_up` holds
//! the business-day and readmission rules as pure functions.

mod entry;
mod follow_up;
mod records;

use crate::terms::terms;

pub use entry::{TransitionDraft, ValidTransition};
pub use follow_up::{READMISSION_DAYS, due_on, is_readmission};
pub use records::{
    FollowUpDue, Transition, add, follow_ups, follow_ups_with, for_patient, get, recent, remove,
    update,
};

terms!(
    /// What kind of transition.
    TransitionKind, "kind of transition" {
        Ed = "ed", "ED visit";
        Inpatient = "inpatient", "Inpatient stay";
        Observation = "observation", "Observation stay";
        Snf = "snf", "Skilled nursing";
    }
);

terms!(
    /// How the coordinator heard of it.
    HeardFrom, "source" {
        Patient = "patient", "Patient";
        Family = "family", "Family";
        HospitalNotice = "hospital-notice", "Hospital notice";
        HieAlert = "hie-alert", "HIE alert";
        Other = "other", "Other";
    }
);

impl TransitionKind {
    /// A stay in a hospital bed: what readmissions are counted between.
    pub fn is_hospital_stay(self) -> bool {
        matches!(
            self,
            TransitionKind::Inpatient | TransitionKind::Observation
        )
    }
}
