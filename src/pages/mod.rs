//! Pages: what one screen (or one printout) shows, composed from several capabilities
//! in one read. A page may import any capability; no capability imports a page
//! (tests/dependency_tree.rs checks this), so the patient page and the caseload row can
//! gain contacts, referrals and care plans without the capabilities knowing each other.
//!
//! Every page is a function of a [`Reader`](crate::store::Reader): one snapshot, one day.

pub mod audit;
pub mod brief;
pub mod caseload;
pub mod coming_in;
pub mod outreach;
pub mod patient;
pub mod resource;
pub mod timeline;
pub mod today;

pub use caseload::{CaseloadPage, CaseloadQuery, CaseloadRow, CaseloadSort, EpisodeBadge};
pub use outreach::OutreachPanel;
pub use patient::Overview;
pub use resource::{DirectoryVocabulary, ServicePage};
pub use timeline::{Timeline, TimelineEntry, TimelineKind};
pub use today::{WorkItem, Worklist};
