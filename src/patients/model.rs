//! What a patient record holds, as entered and as stored.

use serde::{Deserialize, Serialize};

/// A patient form as typed: every field is text so that bad input becomes a message on
/// that field rather than a failure to read the form. [`super::validate`] turns it into
/// a [`ValidPatient`].
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PatientDraft {
    pub mrn: String,
    pub first_name: String,
    pub last_name: String,
    /// `YYYY-MM-DD` or `MM/DD/YYYY`.
    pub birth_date: String,
    /// `female`, `male`, `other`, `unknown` (FHIR administrative gender); empty = unknown.
    pub sex: String,
    pub phone: String,
    pub address_line: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    pub preferred_language: String,
    pub pcp_name: String,
    pub payer: String,
    pub emergency_contact_name: String,
    pub emergency_contact_relation: String,
    pub emergency_contact_phone: String,
    pub note: String,
}

/// A draft that passed validation: trimmed, empty optional fields as `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPatient {
    pub mrn: String,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: jiff::civil::Date,
    pub sex: Sex,
    pub phone: Option<String>,
    pub address_line: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    pub preferred_language: Option<String>,
    pub pcp_name: Option<String>,
    pub payer: Option<String>,
    pub emergency_contact_name: Option<String>,
    pub emergency_contact_relation: Option<String>,
    pub emergency_contact_phone: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Female,
    Male,
    Other,
    Unknown,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
            Sex::Other => "other",
            Sex::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<Sex> {
        match text.trim().to_lowercase().as_str() {
            "" | "unknown" | "u" => Some(Sex::Unknown),
            "female" | "f" => Some(Sex::Female),
            "male" | "m" => Some(Sex::Male),
            "other" | "o" => Some(Sex::Other),
            _ => None,
        }
    }
}

/// A stored patient.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Patient {
    pub id: String,
    pub mrn: String,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: String,
    /// Age in whole years today.
    pub age: i16,
    pub sex: String,
    pub phone: Option<String>,
    pub address_line: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    pub preferred_language: Option<String>,
    pub pcp_name: Option<String>,
    pub payer: Option<String>,
    pub emergency_contact_name: Option<String>,
    pub emergency_contact_relation: Option<String>,
    pub emergency_contact_phone: Option<String>,
    pub note: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub last_activity_at: String,
}

impl Patient {
    /// The stored record as a form, for editing.
    pub fn to_draft(&self) -> PatientDraft {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        PatientDraft {
            mrn: self.mrn.clone(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            birth_date: self.birth_date.clone(),
            sex: self.sex.clone(),
            phone: text(&self.phone),
            address_line: text(&self.address_line),
            city: text(&self.city),
            state: text(&self.state),
            postal_code: text(&self.postal_code),
            preferred_language: text(&self.preferred_language),
            pcp_name: text(&self.pcp_name),
            payer: text(&self.payer),
            emergency_contact_name: text(&self.emergency_contact_name),
            emergency_contact_relation: text(&self.emergency_contact_relation),
            emergency_contact_phone: text(&self.emergency_contact_phone),
            note: text(&self.note),
        }
    }
}
