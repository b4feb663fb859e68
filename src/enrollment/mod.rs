//! Enrollment: episodes of care in a program, with a lifecycle that only allows the
//! moves a collaborative-care program makes (see [`status`]).

mod episodes;
mod status;

pub use episodes::{for_patient, get, open_in_program, start, transition, Enrollment, EnrollmentEvent, StartEnrollment, Transition};
pub use status::{DisenrollReason, EnrollmentStatus};
