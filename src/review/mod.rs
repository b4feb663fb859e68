//! The weekly systematic case review: who should be discussed and why, the sessions
//! held with the consulting psychiatrist and PCP, and their recommendations.

pub mod discuss;

pub use discuss::DiscussMark;
