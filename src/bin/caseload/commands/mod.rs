//! One file per command group: its clap arguments and the function that runs it.

pub mod audit;
pub mod backup;
pub mod careplan;
pub mod contacts;
pub mod demo;
pub mod enrollment;
pub mod export;
pub mod init;
pub mod measures;
pub mod patients;
pub mod print;
pub mod programs;
pub mod referrals;
pub mod resources;
pub mod schedule;
pub mod screen;
pub mod today;
pub mod transitions;
pub mod worklist;
