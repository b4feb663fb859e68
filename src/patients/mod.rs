//! Patients: registering and editing them, and their change history. The caseload
//! list, which shows each patient with their episodes and flags, is a page
//! (the caseload page, `pages::caseload`).

pub(crate) mod fold;
mod model;
mod records;
mod reference;
mod subset;
mod validate;

pub use model::{Patient, PatientDraft, Sex, ValidPatient};
pub use records::{add, find_by_mrn, get, history, remove, require_by_mrn, update};
pub(crate) use records::{insert, touch};
pub use reference::{PatientRef, refs};
pub use subset::Subset;
pub use validate::validate;
