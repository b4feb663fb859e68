//! Tauri commands: each deserialises its arguments, calls the core, and returns the
//! core's plain data. No SQL and no rules live here. Every name must also be listed
//! in `build.rs` (which generates its permission) and granted in `capabilities/`.

pub mod enrollment;
pub mod measures;
pub mod outreach;
pub mod pages;
pub mod patients;
pub mod referrals;
pub mod resources;
pub mod review;
pub mod screening;
pub mod session;
