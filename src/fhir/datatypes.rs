//! FHIR R4 data types as the export writes them (JSON names in camelCase, empty
//! elements left out, since FHIR forbids empty arrays, objects and strings), and
//! [`Links`], which decides how one resource points at another.

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coding {
    pub system: &'static str,
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeableConcept {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl CodeableConcept {
    pub fn coded(coding: Coding, text: &str) -> CodeableConcept {
        CodeableConcept {
            coding: vec![coding],
            text: Some(text.to_owned()),
        }
    }

    pub fn text(text: &str) -> CodeableConcept {
        CodeableConcept {
            coding: Vec::new(),
            text: Some(text.to_owned()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

impl Reference {
    /// A reference by name only, to someone who has no resource of their own.
    pub fn display(text: &str) -> Reference {
        Reference {
            reference: None,
            display: Some(text.to_owned()),
        }
    }

    pub fn with_display(mut self, text: &str) -> Reference {
        self.display = Some(text.to_owned());
        self
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    #[serde(serialize_with = "decimal")]
    pub value: f64,
    /// `<`, `<=`, `>=`, `>` (a target's comparison).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparator: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
}

/// A FHIR decimal: a whole number is written without a fraction (`5`, not `5.0`), so
/// a target or a score reads as it was typed.
fn decimal<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Annotation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_string: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Identifier {
    #[serde(rename = "type")]
    pub kind: CodeableConcept,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HumanName {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<String>,
}

impl HumanName {
    /// A name kept as one line ("Dr. Helen Ortiz").
    pub fn text(text: &str) -> HumanName {
        HumanName {
            text: Some(text.to_owned()),
            family: None,
            given: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactPoint {
    pub system: &'static str,
    pub value: String,
}

impl ContactPoint {
    /// A phone number, or nothing for none.
    pub fn phones(phone: Option<&str>) -> Vec<ContactPoint> {
        phone
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| ContactPoint {
                system: "phone",
                value: p.to_owned(),
            })
            .into_iter()
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub line: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
}

/// How a resource points at another: inside a Bundle by the other's `urn:uuid:` full
/// URL (resolved within the bundle), in bulk NDJSON relatively (`Patient/<id>`), as a
/// server that loads the files resolves them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    Bundle,
    Relative,
}

impl Links {
    pub fn to(self, resource_type: &str, id: &str) -> Reference {
        Reference {
            reference: Some(match self {
                Links::Bundle => full_url(id),
                Links::Relative => format!("{resource_type}/{id}"),
            }),
            display: None,
        }
    }
}

/// A bundle entry's full URL: the resource's id, a UUID, as a URN.
pub fn full_url(id: &str) -> String {
    format!("urn:uuid:{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_as_typed_and_empty_elements_are_left_out() {
        let q = Quantity {
            value: 5.0,
            comparator: Some("<"),
            unit: None,
            system: None,
            code: None,
        };
        assert_eq!(
            serde_json::to_string(&q).unwrap(),
            r#"{"value":5,"comparator":"<"}"#
        );
        let q = Quantity { value: 7.5, ..q };
        assert!(serde_json::to_string(&q).unwrap().contains("7.5"));
        assert_eq!(
            serde_json::to_string(&CodeableConcept::text("x")).unwrap(),
            r#"{"text":"x"}"#
        );
        assert!(ContactPoint::phones(Some("  ")).is_empty());
    }

    #[test]
    fn links_resolve_in_a_bundle_or_relatively() {
        assert_eq!(
            Links::Bundle.to("Patient", "abc").reference.as_deref(),
            Some("urn:uuid:abc")
        );
        assert_eq!(
            Links::Relative.to("Patient", "abc").reference.as_deref(),
            Some("Patient/abc")
        );
    }
}
