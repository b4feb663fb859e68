//! Integration tests of the caseload core and CLI, in one test binary so the
//! SQLCipher-heavy crate is linked once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;

mod audit_trail;
mod backups;
mod care_plans;
mod caseload_list;
mod cli;
mod cli_backup;
mod cli_careplan;
mod cli_exit_codes;
mod cli_outreach;
mod cli_registry;
mod cli_resources;
mod cli_run;
mod cli_schedule;
mod cli_store_damage;
mod enrollment;
mod fhir;
mod input_checks;
mod item9;
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
mod store_damage;
mod visits;
