//! Every resource the export writes, as one type: serialised with its `resourceType`
//! first, as FHIR JSON reads.

use serde::Serialize;

use super::care_plan::CarePlan;
use super::care_team::{CareTeam, Practitioner, RelatedPerson};
use super::condition::Condition;
use super::goal::Goal;
use super::observation::Observation;
use super::patient::Patient;

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "resourceType")]
pub enum Resource {
    Patient(Patient),
    CarePlan(CarePlan),
    CareTeam(CareTeam),
    Practitioner(Practitioner),
    RelatedPerson(RelatedPerson),
    Condition(Condition),
    Goal(Goal),
    Observation(Observation),
}

impl Resource {
    /// The resource types in the order a bundle lists them and bulk files are written.
    pub const TYPES: [&'static str; 8] = [
        "Patient",
        "CarePlan",
        "CareTeam",
        "Practitioner",
        "RelatedPerson",
        "Condition",
        "Goal",
        "Observation",
    ];

    pub fn resource_type(&self) -> &'static str {
        match self {
            Resource::Patient(_) => "Patient",
            Resource::CarePlan(_) => "CarePlan",
            Resource::CareTeam(_) => "CareTeam",
            Resource::Practitioner(_) => "Practitioner",
            Resource::RelatedPerson(_) => "RelatedPerson",
            Resource::Condition(_) => "Condition",
            Resource::Goal(_) => "Goal",
            Resource::Observation(_) => "Observation",
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Resource::Patient(r) => &r.id,
            Resource::CarePlan(r) => &r.id,
            Resource::CareTeam(r) => &r.id,
            Resource::Practitioner(r) => &r.id,
            Resource::RelatedPerson(r) => &r.id,
            Resource::Condition(r) => &r.id,
            Resource::Goal(r) => &r.id,
            Resource::Observation(r) => &r.id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_is_listed_once() {
        let mut types = Resource::TYPES.to_vec();
        types.sort_unstable();
        types.dedup();
        assert_eq!(types.len(), Resource::TYPES.len());
    }
}
