//! The patient page's outreach panel in one read: the contact log (with corrected and
//! removed contacts, for the record), where the cadence stands, transitions with the
//! pending discharge follow-up, and the unsaved draft of the contact form, if any.

use serde::Serialize;

use crate::error::Result;
use crate::outreach::{Contact, PatientOutreach};
use crate::store::{Draft, Reader};
use crate::transitions::{FollowUpDue, Transition};

#[derive(Debug, Clone, Serialize)]
pub struct OutreachPanel {
    /// Newest first, including superseded and removed contacts (flagged as such).
    pub contacts: Vec<Contact>,
    pub outreach: PatientOutreach,
    /// Newest first.
    pub transitions: Vec<Transition>,
    pub follow_up: Option<FollowUpDue>,
    /// The "log a contact" form's unsaved draft.
    pub draft: Option<Draft>,
    pub draft_key: String,
}

pub fn panel(r: &Reader<'_>, patient_id: &str) -> Result<OutreachPanel> {
    let contacts = crate::outreach::for_patient(r, patient_id, true)?;
    let ids = [patient_id.to_owned()];
    let mut loaded = crate::outreach::load(r, Some(&ids))?;
    // The follow-up asks the same outreach state (was the patient reached since?).
    let follow_up = crate::transitions::follow_ups_with(r, Some(&ids), &loaded)?
        .into_iter()
        .next();
    let draft_key = crate::outreach::draft_key(patient_id);
    Ok(OutreachPanel {
        contacts,
        outreach: loaded.remove(patient_id).unwrap_or_default(),
        transitions: crate::transitions::for_patient(r, patient_id)?,
        follow_up,
        draft: crate::store::drafts::get(r, &draft_key)?,
        draft_key,
    })
}
