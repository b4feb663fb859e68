//! Enrollment: episodes of care in a program, with a lifecycle that only allows the
//! moves a collaborative-care program makes (see [`status`]).

mod episodes;
mod status;

pub use episodes::{
    Enrollment, EnrollmentEvent, StartEnrollment, Transition, for_patient, get, open_in_program,
    start, transition,
};
pub use status::{DisenrollReason, EnrollmentStatus};
