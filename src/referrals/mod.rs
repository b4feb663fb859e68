//! Closed-loop referrals: a patient referred to a directory service for a need, and
//! what became of it — suggested → referred → contacted → connected | could not
//! connect (with why). Every move is dated, kept (`referral_events`) and audited. While
//! a referral is open it carries a follow-up date that puts it on Today.
//!
//! `status` holds the machine as a pure function (tested edge by edge), `records`
//! writes and reads referrals.

mod records;
mod status;

pub use records::{
    Move, Referral, ReferralDraft, ReferralEvent, add, counts_for_service, due, for_patient, get,
    move_to,
};
pub use status::{CouldNotConnect, ReferralStatus, Urgency, allowed, next_statuses};
