//! Goals in the patient's own words. The lifecycle and achievement Caseload keeps are
//! FHIR's codes already. A target on a registry measure is LOINC-coded with its UCUM
//! unit; a number the patient chose is named in their words, without a code.

use serde::Serialize;

use super::care_team::Team;
use super::codes;
use super::datatypes::{Annotation, CodeableConcept, Coding, Links, Quantity, Reference};
use crate::care_plans::{ExpressedBy, Goal as PlanGoal, Role, Target};

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Goal {
    pub id: String,
    pub lifecycle_status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achievement_status: Option<CodeableConcept>,
    pub description: CodeableConcept,
    pub subject: Reference,
    pub start_date: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub target: Vec<GoalTarget>,
    pub expressed_by: Reference,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Reference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GoalTarget {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<CodeableConcept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail_quantity: Option<Quantity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
}

/// What a goal's target measures and the quantity it aims for. FHIR requires the
/// measure whenever there is a detail (invariant gol-1), so a patient's own number
/// is named by its label.
fn target(t: &Target) -> (CodeableConcept, Quantity) {
    match t.measure {
        Some(q) => {
            let (unit, code) = codes::ucum(q.kind());
            (
                CodeableConcept {
                    coding: vec![Coding {
                        system: codes::LOINC,
                        code: q.loinc(),
                        display: None,
                    }],
                    text: Some(q.label().to_owned()),
                },
                Quantity {
                    value: t.value,
                    comparator: Some(t.comparator.as_str()),
                    unit: Some(unit.to_owned()),
                    system: Some(codes::UCUM),
                    code: Some(code),
                },
            )
        }
        None => {
            let label = t.label.trim();
            let unit = t.unit.trim();
            (
                CodeableConcept::text(if label.is_empty() {
                    "The patient's own measure"
                } else {
                    label
                }),
                Quantity {
                    value: t.value,
                    comparator: Some(t.comparator.as_str()),
                    unit: (!unit.is_empty()).then(|| unit.to_owned()),
                    system: None,
                    code: None,
                },
            )
        }
    }
}

/// A goal, with the Condition it answers when that concern is on the plan (`concern`
/// gives its id) and its own notes (progress notes and barriers tied to it).
pub fn goal(
    g: &PlanGoal,
    concern: Option<&str>,
    team: &Team<'_>,
    note: Vec<Annotation>,
    links: Links,
) -> Goal {
    let due_date = g.due_on.map(|d| d.to_string());
    let target = match &g.target {
        Some(t) => {
            let (measure, quantity) = target(t);
            vec![GoalTarget {
                measure: Some(measure),
                detail_quantity: Some(quantity),
                due_date,
            }]
        }
        None if due_date.is_some() => vec![GoalTarget {
            measure: None,
            detail_quantity: None,
            due_date,
        }],
        None => Vec::new(),
    };
    let expressed_by = match g.expressed_by.value {
        ExpressedBy::Patient => links.to("Patient", &g.patient_id),
        ExpressedBy::Family => match team.members.iter().find(|m| m.role.value == Role::Family) {
            Some(m) => team.member(m),
            None => Reference::display("Family"),
        },
        ExpressedBy::Clinician => Reference::display("Clinician"),
    };
    Goal {
        id: g.id.clone(),
        lifecycle_status: g.lifecycle.as_str(),
        achievement_status: g.achievement.map(|a| CodeableConcept {
            coding: vec![Coding {
                system: codes::GOAL_ACHIEVEMENT,
                code: a.as_str(),
                display: None,
            }],
            text: Some(a.label.to_owned()),
        }),
        description: CodeableConcept::text(&g.text),
        subject: links.to("Patient", &g.patient_id),
        start_date: g.start_on.to_string(),
        target,
        expressed_by,
        addresses: concern
            .map(|id| links.to("Condition", id))
            .into_iter()
            .collect(),
        note,
    }
}
