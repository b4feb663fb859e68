//! Caseload's core: the encrypted caseload store and every rule a care coordinator's
//! work depends on. Front ends (the `caseload` CLI and the desktop shell) call these
//! functions with plain data and get plain data back; none of them holds SQL or rules.
//!
//! This crate never depends on the desktop stack (tests/dependency_tree.rs).

pub mod audit;
pub mod backup;
pub mod care_plans;
pub mod catalogue;
pub mod dates;
pub mod demo;
pub mod enrollment;
pub mod error;
pub mod export;
pub mod fhir;
pub mod flags;
mod ids;
pub mod measures;
pub mod outreach;
pub mod pages;
pub mod patients;
pub mod pdf;
pub mod printouts;
pub mod programs;
pub mod referrals;
pub mod resources;
pub mod review;
pub mod schedule;
pub mod screening;
pub mod settings;
pub mod social_needs;
pub mod store;
mod tabular;
mod terms;
mod text;
pub mod transitions;

pub use error::{Error, ErrorCode, FieldError, Result};
pub use store::Store;
