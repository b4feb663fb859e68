//! Integration tests of the caseload core and CLI, in one test binary so the
//! SQLCipher-heavy crate is linked once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;

mod care_plans;
mod caseload_list;
mod cli;
mod cli_careplan;
mod cli_exit_codes;
mod cli_outreach;
mod cli_registry;
mod cli_resources;
mod cli_run;
mod cli_schedule;
mod enrollment;
mod fhir;
mod measures;
mod outreach;
mod patients;
mod printouts;
mod programs;
mod resources;
mod review;
mod review_sessions;
mod schedule;
mod screening;
mod store;
mod visits;
