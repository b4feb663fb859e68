//! The words of the contact log: channels, directions, with whom, outcomes and topics.
//! Each is a fixed list (stored by its short name, checked by the store too) with the
//! label a coordinator reads; `describe()` serves them to the UI so it keeps no copy.

use serde::Serialize;

use crate::terms::{Term, terms};

terms!(
    /// How the contact happened.
    Channel, "channel" {
        Phone = "phone", "Phone";
        Text = "text", "Text message";
        Letter = "letter", "Letter";
        InPerson = "in-person", "In person";
        HomeVisit = "home-visit", "Home visit";
        Video = "video", "Video";
        HospitalVisit = "hospital-visit", "Hospital visit";
        Portal = "portal", "Portal message";
    }
);

terms!(
    /// Who started it.
    Direction, "direction" {
        Outbound = "outbound", "Outbound";
        Inbound = "inbound", "Inbound";
    }
);

terms!(
    /// Who the coordinator spoke to (or tried to).
    WithWhom, "contact person" {
        Patient = "patient", "Patient";
        Family = "family", "Family or caregiver";
        Pcp = "pcp", "PCP";
        Clinician = "clinician", "Other clinician";
        Agency = "agency", "Agency";
    }
);

terms!(
    /// What came of it.
    Outcome, "outcome" {
        Reached = "reached", "Reached";
        Voicemail = "voicemail", "Left voicemail";
        NoAnswer = "no-answer", "No answer";
        WrongNumber = "wrong-number", "Wrong number";
        Declined = "declined", "Declined";
        LetterSent = "letter-sent", "Letter sent";
    }
);

terms!(
    /// What was talked about.
    Topic, "topic" {
        Symptoms = "symptoms", "Symptoms";
        Medication = "medication", "Medication";
        BehavioralActivation = "behavioral-activation", "Behavioural activation";
        Goals = "goals", "Goals";
        SocialNeeds = "social-needs", "Social needs";
        SafetyPlan = "safety-plan", "Safety plan";
    }
);

impl WithWhom {
    /// Contacts with the patient or their family are outreach to the patient: they
    /// drive the cadence, the letter steps and "no contact". A call to the PCP or an
    /// agency is logged but does not say whether the patient was reached.
    pub fn is_patient_side(self) -> bool {
        matches!(self, WithWhom::Patient | WithWhom::Family)
    }
}

/// The stored names of [`WithWhom::is_patient_side`], for SQL.
pub(crate) const PATIENT_SIDE_SQL: &str = "('patient', 'family')";
/// The stored names of [`Outcome::reached`], for SQL.
pub(crate) const REACHED_SQL: &str = "('reached', 'declined')";

impl Outcome {
    /// The person was spoken to. "Declined" counts: they were reached and said no.
    pub fn reached(self) -> bool {
        matches!(self, Outcome::Reached | Outcome::Declined)
    }

    /// An attempt that did not reach anyone (the letter steps count these).
    pub fn unreached(self) -> bool {
        matches!(
            self,
            Outcome::Voicemail | Outcome::NoAnswer | Outcome::WrongNumber
        )
    }
}

/// Every list of the contact form, for the UI.
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    pub channels: Vec<Term>,
    pub directions: Vec<Term>,
    pub with_whom: Vec<Term>,
    pub outcomes: Vec<Term>,
    pub topics: Vec<Term>,
    pub transition_kinds: Vec<Term>,
    pub heard_from: Vec<Term>,
}

pub fn describe() -> Vocabulary {
    Vocabulary {
        channels: Channel::described(),
        directions: Direction::described(),
        with_whom: WithWhom::described(),
        outcomes: Outcome::described(),
        topics: Topic::described(),
        transition_kinds: crate::transitions::TransitionKind::described(),
        heard_from: crate::transitions::HeardFrom::described(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_labels() {
        assert_eq!(Outcome::parse("no-answer"), Some(Outcome::NoAnswer));
        assert_eq!(Outcome::parse("No answer"), Some(Outcome::NoAnswer));
        assert_eq!(Outcome::parse("LEFT VOICEMAIL"), Some(Outcome::Voicemail));
        assert_eq!(Channel::parse("text message"), Some(Channel::Text));
        assert_eq!(Channel::parse("pigeon"), None);
        assert!(Channel::unknown("pigeon").contains("phone, text"));
    }

    #[test]
    fn reached_and_unreached_do_not_overlap() {
        for o in Outcome::ALL {
            assert!(!(o.reached() && o.unreached()), "{o:?}");
        }
        assert!(!Outcome::LetterSent.reached() && !Outcome::LetterSent.unreached());
    }
}
