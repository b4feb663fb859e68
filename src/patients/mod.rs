//! Patients: registering and editing them, their change history, and the caseload list.

mod caseload;
mod fold;
mod model;
mod records;
mod validate;

pub use caseload::{
    CaseloadPage, CaseloadQuery, CaseloadRow, CaseloadSort, DEFAULT_PAGE, EpisodeBadge, list,
};
pub use model::{Patient, PatientDraft, Sex, ValidPatient};
pub use records::{add, find_by_mrn, get, history, remove, require_by_mrn, update};
pub(crate) use records::{insert, touch};
pub use validate::validate;
