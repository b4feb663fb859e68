//! Observations: the registry's latest value of each measure the patient has, coded
//! with the catalogue's LOINC codes. Blood pressure is the panel 85354-9 with its
//! systolic (8480-6) and diastolic (8462-4) components, as it is taken.

use serde::Serialize;

use super::codes;
use super::datatypes::{CodeableConcept, Coding, Links, Quantity, Reference};
use crate::catalogue::{Kind, Quantity as Number};
use crate::measures::Measure;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    pub id: String,
    pub status: &'static str,
    pub category: Vec<CodeableConcept>,
    pub code: CodeableConcept,
    pub subject: Reference,
    pub effective_date_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_quantity: Option<Quantity>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub component: Vec<Component>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Component {
    pub code: CodeableConcept,
    pub value_quantity: Quantity,
}

/// The latest value of each kind among a patient's current measures (newest first, as
/// `measures::for_patient` lists them): an incomplete questionnaire has no total to
/// send, so the latest complete one stands for its kind. In catalogue order.
pub fn latest(measures: &[Measure]) -> Vec<&Measure> {
    Kind::ALL
        .iter()
        .filter_map(|kind| {
            measures.iter().find(|m| {
                m.kind == *kind
                    && !m.deleted
                    && !m.superseded
                    && m.complete
                    && m.value.is_some()
                    && (*kind != Kind::Bp || m.value2.is_some())
            })
        })
        .collect()
}

fn loinc(code: &'static str, text: &str) -> CodeableConcept {
    CodeableConcept {
        coding: vec![Coding {
            system: codes::LOINC,
            code,
            display: None,
        }],
        text: Some(text.to_owned()),
    }
}

fn quantity(kind: Kind, value: f64) -> Quantity {
    let (unit, code) = codes::ucum(kind);
    Quantity {
        value,
        comparator: None,
        unit: Some(unit.to_owned()),
        system: Some(codes::UCUM),
        code: Some(code),
    }
}

pub fn observation(m: &Measure, links: Links) -> Observation {
    let kind = m.kind;
    let (value_quantity, component) = match (kind, m.value, m.value2) {
        (Kind::Bp, Some(systolic), Some(diastolic)) => (
            None,
            [(Number::Sbp, systolic), (Number::Dbp, diastolic)]
                .into_iter()
                .map(|(q, v)| Component {
                    code: loinc(q.loinc(), q.label()),
                    value_quantity: quantity(kind, v),
                })
                .collect(),
        ),
        (_, Some(v), _) => (Some(quantity(kind, v)), Vec::new()),
        _ => (None, Vec::new()),
    };
    Observation {
        id: m.id.clone(),
        status: "final",
        category: vec![codes::observation_category(kind)],
        code: loinc(kind.loinc(), kind.label()),
        subject: links.to("Patient", &m.patient_id),
        effective_date_time: m.taken_on.clone(),
        value_quantity,
        component,
    }
}
