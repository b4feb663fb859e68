//! Conditions: the plan's health concerns, in the coordinator's words. Every one is a
//! "health-concern"; a social one also carries US Core's "sdoh" category and its HL7
//! Gravity domain (food-insecurity, housing-instability, ...), as the SDOH Clinical
//! Care guide codes a social need.

use serde::Serialize;

use super::codes;
use super::datatypes::{CodeableConcept, Coding, Links, Reference};
use crate::care_plans::{Concern, ConcernStatus};

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    pub id: String,
    pub clinical_status: CodeableConcept,
    pub category: Vec<CodeableConcept>,
    pub code: CodeableConcept,
    pub subject: Reference,
    pub recorded_date: String,
}

pub fn condition(c: &Concern, links: Links) -> Condition {
    let (status, display) = match c.status.value {
        ConcernStatus::Active => ("active", "Active"),
        ConcernStatus::Resolved => ("resolved", "Resolved"),
    };
    let mut category = vec![codes::health_concern()];
    if let Some(sdoh) = c.sdoh {
        category.push(codes::sdoh());
        // Our label, not Gravity's display, so it is text only.
        category.push(CodeableConcept {
            coding: vec![Coding {
                system: codes::GRAVITY,
                code: sdoh.as_str(),
                display: None,
            }],
            text: Some(sdoh.label.to_owned()),
        });
    }
    Condition {
        id: c.id.clone(),
        clinical_status: CodeableConcept::coded(
            codes::coded(codes::CONDITION_CLINICAL, status, display),
            c.status.label,
        ),
        category,
        code: CodeableConcept::text(&c.text),
        subject: links.to("Patient", &c.patient_id),
        recorded_date: c.noted_on.to_string(),
    }
}
