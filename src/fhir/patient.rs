//! The Patient resource: who the plan is for, identified by the clinic's MRN.

use serde::Serialize;

use super::codes;
use super::datatypes::{Address, CodeableConcept, ContactPoint, HumanName, Identifier, Reference};
use crate::patients::{self, Sex};

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Patient {
    pub id: String,
    pub identifier: Vec<Identifier>,
    pub name: Vec<HumanName>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub telecom: Vec<ContactPoint>,
    pub gender: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub address: Vec<Address>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contact: Vec<Contact>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub communication: Vec<Communication>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub general_practitioner: Vec<Reference>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub relationship: Vec<CodeableConcept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<HumanName>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub telecom: Vec<ContactPoint>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Communication {
    pub language: CodeableConcept,
    pub preferred: bool,
}

/// An optional field's text, trimmed; `None` when empty.
fn some(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// The patient as FHIR has them. The sex a patient record keeps is already FHIR's
/// administrative gender; the PCP is named only (Caseload keeps no record of them).
pub fn patient(p: &patients::Patient) -> Patient {
    let address = Address {
        line: some(&p.address_line)
            .map(str::to_owned)
            .into_iter()
            .collect(),
        city: some(&p.city).map(str::to_owned),
        state: some(&p.state).map(str::to_owned),
        postal_code: some(&p.postal_code).map(str::to_owned),
    };
    let has_address = !address.line.is_empty()
        || address.city.is_some()
        || address.state.is_some()
        || address.postal_code.is_some();
    let contact_name = some(&p.emergency_contact_name);
    let contact_phone = ContactPoint::phones(some(&p.emergency_contact_phone));
    let contact = (contact_name.is_some() || !contact_phone.is_empty()).then(|| Contact {
        relationship: vec![codes::emergency_contact(some(
            &p.emergency_contact_relation,
        ))],
        name: contact_name.map(HumanName::text),
        telecom: contact_phone,
    });
    Patient {
        id: p.id.clone(),
        identifier: vec![Identifier {
            kind: codes::medical_record_number(),
            value: p.mrn.clone(),
        }],
        name: vec![HumanName {
            text: None,
            family: Some(p.last_name.clone()),
            given: vec![p.first_name.clone()],
        }],
        telecom: ContactPoint::phones(some(&p.phone)),
        gender: Sex::parse(&p.sex).unwrap_or(Sex::Unknown).as_str(),
        birth_date: crate::dates::parse(&p.birth_date).map(|d| d.to_string()),
        address: if has_address {
            vec![address]
        } else {
            Vec::new()
        },
        contact: contact.into_iter().collect(),
        communication: some(&p.preferred_language)
            .map(|l| Communication {
                language: codes::language(l),
                preferred: true,
            })
            .into_iter()
            .collect(),
        general_practitioner: some(&p.pcp_name)
            .map(Reference::display)
            .into_iter()
            .collect(),
    }
}
