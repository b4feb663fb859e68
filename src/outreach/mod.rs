//! The outreach log and its cadence rules: every contact attempt with a patient (or
//! about them), when the next one falls due, and the escalation after unreached
//! attempts. `vocabulary` holds the form's fixed lists, `entry` checks the form,
//! `records` writes and reads contacts, `cadence` holds the rules as pure functions,
//! `state` applies them to many patients at once.

mod cadence;
mod entry;
mod records;
mod state;
mod vocabulary;

pub use cadence::{Attempt, Cadence, DueBasis, History, Outreach, Step, evaluate};
pub use entry::{ContactDraft, ValidContact, format_at, parse_at};
pub use records::{Contact, add, correct, draft_key, for_patient, get, remove};
pub use state::{Followed, PatientOutreach, last_reached, load};
pub use vocabulary::{Channel, Direction, Outcome, Topic, Vocabulary, WithWhom, describe};
