//! The code systems the export speaks and how Caseload's closed lists map onto them:
//! LOINC for what the registry measures (the catalogue's codes), UCUM for its units,
//! SNOMED CT for care-team roles, HL7 Gravity for social concerns, and FHIR's own
//! terminology for statuses and categories. Where no well-known code exists, the
//! export says it in text only rather than invent one.

use crate::care_plans::Role;
use crate::catalogue::Kind;

use super::datatypes::{CodeableConcept, Coding};

pub const LOINC: &str = "http://loinc.org";
pub const SNOMED: &str = "http://snomed.info/sct";
pub const UCUM: &str = "http://unitsofmeasure.org";
pub const BCP47: &str = "urn:ietf:bcp:47";
/// HL7 Gravity's SDOH categories (the SDOH Clinical Care guide's temporary codes).
pub const GRAVITY: &str =
    "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";
pub const CONDITION_CATEGORY: &str = "http://hl7.org/fhir/us/core/CodeSystem/condition-category";
pub const US_CORE_CATEGORY: &str = "http://hl7.org/fhir/us/core/CodeSystem/us-core-category";
pub const CAREPLAN_CATEGORY: &str = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category";
pub const CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
pub const GOAL_ACHIEVEMENT: &str = "http://terminology.hl7.org/CodeSystem/goal-achievement";
pub const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
pub const IDENTIFIER_TYPE: &str = "http://terminology.hl7.org/CodeSystem/v2-0203";
pub const CONTACT_ROLE: &str = "http://terminology.hl7.org/CodeSystem/v2-0131";
pub const ROLE_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

/// The kind of resource a care-plan action is (R4 CarePlanActivityKind, a required
/// binding to resource types: Appointment, CommunicationRequest, DeviceRequest,
/// MedicationRequest, NutritionOrder, Task, ServiceRequest, VisionPrescription).
/// An action is a thing someone on the team will do: a Task.
pub const ACTION_KIND: &str = "Task";

pub fn coded(system: &'static str, code: &'static str, display: &'static str) -> Coding {
    Coding {
        system,
        code,
        display: Some(display),
    }
}

/// The MRN's identifier type (v2-0203 "MR").
pub fn medical_record_number() -> CodeableConcept {
    CodeableConcept::coded(coded(IDENTIFIER_TYPE, "MR", "Medical record number"), "MRN")
}

/// A patient's emergency contact (v2-0131 "C"), with the relation as typed.
pub fn emergency_contact(relation: Option<&str>) -> CodeableConcept {
    CodeableConcept::coded(
        coded(CONTACT_ROLE, "C", "Emergency Contact"),
        relation.unwrap_or("Emergency contact"),
    )
}

/// Condition.category "health-concern": every concern on a care plan is one.
pub fn health_concern() -> CodeableConcept {
    CodeableConcept::coded(
        coded(CONDITION_CATEGORY, "health-concern", "Health Concern"),
        "Health concern",
    )
}

/// Condition.category "sdoh" (US Core), which Gravity's condition profile expects
/// beside the domain's own code.
pub fn sdoh() -> CodeableConcept {
    CodeableConcept::coded(
        coded(US_CORE_CATEGORY, "sdoh", "SDOH"),
        "Social determinants of health",
    )
}

/// CarePlan.category "assess-plan" (US Core's "Assessment and Plan of Treatment").
pub fn assess_plan() -> CodeableConcept {
    CodeableConcept::coded(
        coded(
            CAREPLAN_CATEGORY,
            "assess-plan",
            "Assessment and Plan of Treatment",
        ),
        "Care plan",
    )
}

/// Observation.category: questionnaires are surveys, HbA1c and LDL laboratory results,
/// blood pressure and weight vital signs.
pub fn observation_category(kind: Kind) -> CodeableConcept {
    let (code, display) = match kind {
        Kind::Phq9 | Kind::Gad7 => ("survey", "Survey"),
        Kind::A1c | Kind::Ldl => ("laboratory", "Laboratory"),
        Kind::Bp | Kind::Weight => ("vital-signs", "Vital Signs"),
    };
    CodeableConcept::coded(coded(OBSERVATION_CATEGORY, code, display), display)
}

/// The UCUM unit of a measure kind: (unit as shown, UCUM code). A questionnaire total
/// is a score, which UCUM writes as the annotation `{score}`.
pub fn ucum(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Phq9 | Kind::Gad7 => ("{score}", "{score}"),
        Kind::A1c => ("%", "%"),
        Kind::Bp => ("mmHg", "mm[Hg]"),
        Kind::Ldl => ("mg/dL", "mg/dL"),
        Kind::Weight => ("kg", "kg"),
    }
}

/// A care-team role as FHIR codes it: SNOMED CT where a well-known code exists (the
/// codes of the US Core "Care Team Member Function" value set; a care coordinator is
/// its "Case manager"), and the role's label as text always. "Other" is text only.
pub fn role(role: Role) -> CodeableConcept {
    let code = match role {
        Role::Coordinator => Some(("768832004", "Case manager (occupation)")),
        Role::Pcp => Some(("446050000", "Primary care physician (occupation)")),
        Role::Psychiatrist => Some(("80584001", "Psychiatrist (occupation)")),
        Role::SocialWorker => Some(("106328005", "Social worker (occupation)")),
        Role::Pharmacist => Some(("46255001", "Pharmacist (occupation)")),
        Role::Patient => Some(("116154003", "Patient (person)")),
        Role::Family => Some(("303071001", "Person in the family (person)")),
        Role::Other => None,
    };
    match code {
        Some((code, display)) => CodeableConcept::coded(coded(SNOMED, code, display), role.label()),
        None => CodeableConcept::text(role.label()),
    }
}

/// RelatedPerson.relationship for a family member (v3 RoleCode "FAMMEMB").
pub fn family_member() -> CodeableConcept {
    CodeableConcept::coded(coded(ROLE_CODE, "FAMMEMB", "family member"), "Family")
}

/// Languages by the names coordinators type, with their BCP 47 codes. A language not
/// listed travels as text only.
const LANGUAGES: &[(&str, &str)] = &[
    ("english", "en"),
    ("spanish", "es"),
    ("español", "es"),
    ("vietnamese", "vi"),
    ("russian", "ru"),
    ("chinese", "zh"),
    ("mandarin", "zh"),
    ("cantonese", "yue"),
    ("arabic", "ar"),
    ("somali", "so"),
    ("polish", "pl"),
    ("portuguese", "pt"),
    ("french", "fr"),
    ("haitian creole", "ht"),
    ("korean", "ko"),
    ("tagalog", "tl"),
    ("ukrainian", "uk"),
    ("amharic", "am"),
    ("hmong", "hmn"),
    ("japanese", "ja"),
    ("german", "de"),
    ("hindi", "hi"),
    ("farsi", "fa"),
    ("persian", "fa"),
    ("navajo", "nv"),
];

/// A preferred language as typed ("Spanish", "es") as Patient.communication.language.
pub fn language(text: &str) -> CodeableConcept {
    let folded = text.trim().to_lowercase();
    let code = LANGUAGES
        .iter()
        .find(|(name, code)| *name == folded || *code == folded)
        .map(|(_, code)| *code);
    match code {
        Some(code) => CodeableConcept {
            coding: vec![Coding {
                system: BCP47,
                code,
                display: None,
            }],
            text: Some(text.trim().to_owned()),
        },
        None => CodeableConcept::text(text.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_says_its_label_and_known_roles_carry_snomed() {
        for r in Role::ALL {
            let c = role(*r);
            assert_eq!(c.text.as_deref(), Some(r.label()));
            assert_eq!(c.coding.is_empty(), *r == Role::Other, "{r:?}");
            assert!(c.coding.iter().all(|c| c.system == SNOMED));
        }
    }

    #[test]
    fn languages_are_coded_when_known_and_kept_as_text_otherwise() {
        let es = language(" Spanish ");
        assert_eq!(es.coding[0].code, "es");
        assert_eq!(es.text.as_deref(), Some("Spanish"));
        assert_eq!(language("es").coding[0].code, "es");
        let k = language("K'iche'");
        assert!(k.coding.is_empty());
        assert_eq!(k.text.as_deref(), Some("K'iche'"));
    }

    #[test]
    fn every_measure_kind_has_a_ucum_unit_and_a_category() {
        for kind in Kind::ALL {
            let (unit, code) = ucum(kind);
            assert!(!unit.is_empty() && !code.is_empty());
            assert_eq!(observation_category(kind).coding.len(), 1);
        }
        assert_eq!(ucum(Kind::Bp).1, "mm[Hg]");
    }
}
