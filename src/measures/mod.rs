//! The clinical registry: PHQ-9, GAD-7, HbA1c, blood pressure, LDL and weight, each
//! with the date it was taken and where it came from; questionnaire scoring; PHQ-9
//! item 9 safety flags. What each measure is (label, unit, range, LOINC) is the
//! catalogue's (`crate::catalogue`); what the values *mean* for treatment (baseline,
//! response, overdue, ...) is computed by the flag engine (`flags`).

mod batch;
mod entry;
mod records;
pub mod safety;
pub mod scores;

pub use crate::catalogue::Kind;
pub use batch::record_many;
pub use entry::{MeasureDraft, Source, ValidMeasure, validate};
pub(crate) use records::insert;
pub use records::{Measure, correct, display, for_patient, get, number, record, remove};
pub use safety::SafetyFlag;
