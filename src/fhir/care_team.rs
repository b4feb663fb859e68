//! The CareTeam and the people on it. Each member is a resource of their own beside
//! the team, so their phone travels with them and an action or a goal can point at
//! them: a clinician (coordinator, PCP, psychiatrist, social worker, pharmacist) is a
//! Practitioner, family and anyone else who helps is a RelatedPerson of the patient,
//! and a member whose role is "patient" is the Patient. The role is the participant's
//! (SNOMED CT where one is well known, its label as text always); a clinician's
//! organisation is named in `onBehalfOf`.

use serde::Serialize;

use super::codes;
use super::datatypes::{CodeableConcept, ContactPoint, HumanName, Links, Reference};
use crate::care_plans::{Role, TeamMember};

#[derive(Debug, Clone, Serialize)]
pub struct CareTeam {
    pub id: String,
    pub status: &'static str,
    pub subject: Reference,
    pub participant: Vec<Participant>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    pub role: Vec<CodeableConcept>,
    pub member: Reference,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<Reference>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Practitioner {
    pub id: String,
    pub name: Vec<HumanName>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub telecom: Vec<ContactPoint>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelatedPerson {
    pub id: String,
    pub patient: Reference,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relationship: Vec<CodeableConcept>,
    pub name: Vec<HumanName>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub telecom: Vec<ContactPoint>,
}

/// Which resource stands for a team member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StandsAs {
    Practitioner,
    RelatedPerson,
    Patient,
}

pub fn stands_as(role: Role) -> StandsAs {
    match role {
        Role::Coordinator
        | Role::Pcp
        | Role::Psychiatrist
        | Role::SocialWorker
        | Role::Pharmacist => StandsAs::Practitioner,
        Role::Family | Role::Other => StandsAs::RelatedPerson,
        Role::Patient => StandsAs::Patient,
    }
}

/// One patient's care team as the plan's other resources point at it.
pub struct Team<'a> {
    pub patient_id: &'a str,
    pub members: &'a [TeamMember],
    pub links: Links,
}

impl Team<'_> {
    /// A member as a reference, with their name and role as its display.
    pub fn member(&self, m: &TeamMember) -> Reference {
        let display = format!("{} ({})", m.name, m.role.label);
        match stands_as(m.role.value) {
            StandsAs::Practitioner => self.links.to("Practitioner", &m.id),
            StandsAs::RelatedPerson => self.links.to("RelatedPerson", &m.id),
            StandsAs::Patient => self.links.to("Patient", self.patient_id),
        }
        .with_display(&display)
    }

    /// Who does an action owned by `role`: the first team member with that role, the
    /// patient themself, or else the role by name.
    pub fn performer(&self, role: Role) -> Reference {
        if role == Role::Patient {
            return self
                .links
                .to("Patient", self.patient_id)
                .with_display(role.label());
        }
        match self.members.iter().find(|m| m.role.value == role) {
            Some(m) => self.member(m),
            None => Reference::display(role.label()),
        }
    }
}

pub fn care_team(id: &str, team: &Team<'_>) -> CareTeam {
    CareTeam {
        id: id.to_owned(),
        status: "active",
        subject: team.links.to("Patient", team.patient_id),
        participant: team
            .members
            .iter()
            .map(|m| Participant {
                role: vec![codes::role(m.role.value)],
                member: team.member(m),
                on_behalf_of: m
                    .organisation
                    .as_deref()
                    .filter(|_| stands_as(m.role.value) == StandsAs::Practitioner)
                    .map(Reference::display),
            })
            .collect(),
    }
}

pub fn practitioner(m: &TeamMember) -> Practitioner {
    Practitioner {
        id: m.id.clone(),
        name: vec![HumanName::text(&m.name)],
        telecom: ContactPoint::phones(m.phone.as_deref()),
    }
}

pub fn related_person(m: &TeamMember, links: Links) -> RelatedPerson {
    RelatedPerson {
        id: m.id.clone(),
        patient: links.to("Patient", &m.patient_id),
        relationship: match m.role.value {
            Role::Family => vec![codes::family_member()],
            _ => vec![CodeableConcept::text(m.role.label)],
        },
        name: vec![HumanName::text(&m.name)],
        telecom: ContactPoint::phones(m.phone.as_deref()),
    }
}
