//! The weekly systematic case review: who should be discussed and why, the sessions
//! held with the consulting psychiatrist and PCP, and their recommendations.
//!
//! `list` builds the review list for a date, `sessions` records the meetings,
//! `discussion` records who was discussed (and clears their "discuss" mark), and
//! `recommendations` follows each recommendation until the PCP acts on it or declines.

pub mod discuss;
mod discussion;
mod list;
mod recommendations;
mod sessions;

pub use discuss::DiscussMark;
pub use discussion::{DiscussionDraft, record_discussion};
pub use list::{PreviousSession, Reason, ReasonKind, ReviewList, ReviewRow, list, parse_week_of};
pub use recommendations::{
    Category, FollowThrough, Recommendation, RecommendationDraft,
    for_patient as recommendations_for_patient, get as recommendation, set_follow_through,
};
pub use sessions::{
    Attendee, AttendeeDraft, AttendeeRole, DiscussedPatient, ReviewSession, SessionDraft,
    SessionSummary, create_session, get_session, sessions, update_session,
};
