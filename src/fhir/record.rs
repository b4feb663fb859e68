//! One patient's record as the export reads it (the patient, their care plan, their
//! current measures) and the resources it becomes.

use super::care_plan;
use super::care_team::{self, StandsAs, Team};
use super::condition::condition;
use super::datatypes::{Annotation, Links};
use super::goal::goal;
use super::observation;
use super::patient::patient;
use super::resource::Resource;
use crate::care_plans::{self, Barrier, CarePlan, ProgressNote};
use crate::error::{Error, Result};
use crate::measures::{self, Measure};
use crate::patients::{self, Patient};
use crate::store::Reader;

pub struct Record {
    pub patient: Patient,
    /// `None` when the patient has no care plan (or it was not asked for).
    pub plan: Option<CarePlan>,
    pub measures: Vec<Measure>,
}

impl Record {
    /// Reads a live patient's record; with `with_plan`, their care plan too.
    pub fn read(r: &Reader<'_>, patient_id: &str, with_plan: bool) -> Result<Record> {
        let patient = patients::get(r, patient_id)?;
        let plan = if with_plan {
            Some(care_plans::plan(r, patient_id)?).filter(|p| !p.is_empty())
        } else {
            None
        };
        Ok(Record {
            patient,
            plan,
            measures: measures::for_patient(r, patient_id, false)?,
        })
    }

    /// The record's resources: the patient, then the care plan, its team (the team
    /// and each member), its concerns and its goals, then the latest observations.
    /// Every id is checked to be a UUID, as a bundle's `urn:uuid:` full URLs need.
    pub fn resources(&self, links: Links) -> Result<Vec<Resource>> {
        let mut out = vec![Resource::Patient(patient(&self.patient))];
        if let Some(plan) = &self.plan {
            plan_resources(plan, links, &mut out);
        }
        out.extend(
            observation::latest(&self.measures)
                .into_iter()
                .map(|m| Resource::Observation(observation::observation(m, links))),
        );
        for resource in &out {
            if uuid::Uuid::parse_str(resource.id()).is_err() {
                return Err(Error::Internal(format!(
                    "a {} record's id is not a UUID",
                    resource.resource_type()
                )));
            }
        }
        Ok(out)
    }
}

fn plan_resources(plan: &CarePlan, links: Links, out: &mut Vec<Resource>) {
    let team = Team {
        patient_id: &plan.patient_id,
        members: &plan.team,
        links,
    };
    let team_id = (!plan.team.is_empty()).then(|| care_plan::team_id_for(&plan.patient_id));
    let on_goal = |goal_id: &Option<String>| {
        goal_id
            .as_deref()
            .filter(|id| plan.goals.iter().any(|g| g.id == *id))
            .map(str::to_owned)
    };
    // Notes and barriers go with their goal; the rest with the plan.
    let mut plan_notes = Vec::new();
    let mut goal_notes: Vec<(String, Annotation)> = Vec::new();
    let annotations = plan
        .notes
        .iter()
        .map(|n| (on_goal(&n.goal_id), note(n)))
        .chain(
            plan.barriers
                .iter()
                .map(|b| (on_goal(&b.goal_id), barrier(b))),
        );
    for (goal_id, annotation) in annotations {
        match goal_id {
            Some(id) => goal_notes.push((id, annotation)),
            None => plan_notes.push(annotation),
        }
    }

    out.push(Resource::CarePlan(care_plan::care_plan(
        plan,
        &team,
        team_id.as_deref(),
        plan_notes,
        links,
    )));
    if let Some(id) = &team_id {
        out.push(Resource::CareTeam(care_team::care_team(id, &team)));
    }
    for m in &plan.team {
        match care_team::stands_as(m.role.value) {
            StandsAs::Practitioner => out.push(Resource::Practitioner(care_team::practitioner(m))),
            StandsAs::RelatedPerson => {
                out.push(Resource::RelatedPerson(care_team::related_person(m, links)));
            }
            StandsAs::Patient => {}
        }
    }
    out.extend(
        plan.concerns
            .iter()
            .map(|c| Resource::Condition(condition(c, links))),
    );
    for g in &plan.goals {
        let concern = g
            .concern_id
            .as_deref()
            .filter(|id| plan.concerns.iter().any(|c| c.id == *id));
        let notes = goal_notes
            .iter()
            .filter(|(id, _)| *id == g.id)
            .map(|(_, a)| a.clone())
            .collect();
        out.push(Resource::Goal(goal(g, concern, &team, notes, links)));
    }
}

fn note(n: &ProgressNote) -> Annotation {
    Annotation {
        author_string: Some(n.author.clone()).filter(|a| !a.trim().is_empty()),
        time: Some(n.written_on.to_string()),
        text: n.text.clone(),
    }
}

fn barrier(b: &Barrier) -> Annotation {
    let resolved = b
        .resolved_on
        .map(|d| format!(" (resolved {d})"))
        .unwrap_or_default();
    Annotation {
        author_string: None,
        time: Some(b.noted_on.to_string()),
        text: format!("Barrier{resolved}: {}", b.text),
    }
}
