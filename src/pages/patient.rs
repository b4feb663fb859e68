//! The patient page's registry panel in one read: values (with the corrected and
//! removed ones, for the record), safety flags, a PHQ-9 item 9 left unanswered, the
//! "discuss" mark, the patient's standing (flags, baseline, change) and the targets
//! charts are drawn against.

use serde::Serialize;

use crate::care_plans::OwnTargets;
use crate::error::Result;
use crate::flags::Standing;
use crate::measures::safety::Item9Unanswered;
use crate::measures::{Measure, SafetyFlag};
use crate::programs::Targets;
use crate::review::DiscussMark;
use crate::store::Reader;

#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    /// Newest first, including superseded and removed values (flagged as such).
    pub measures: Vec<Measure>,
    pub safety_flags: Vec<SafetyFlag>,
    /// Set while the latest PHQ-9 left item 9 (thoughts of self-harm) blank: "PHQ-9
    /// item 9 not answered" until a PHQ-9 with item 9 is recorded.
    pub item9_unanswered: Option<Item9Unanswered>,
    pub discuss: Option<DiscussMark>,
    pub standing: Standing,
    /// The treatment program's targets, or the first built-in program's when the
    /// patient is not in treatment.
    pub targets: Option<Targets>,
    pub targets_from: Option<String>,
    /// Which targets are the patient's own, agreed in their care plan: charts label
    /// them "own target".
    pub own_targets: OwnTargets,
}

pub fn overview(r: &Reader<'_>, patient_id: &str) -> Result<Overview> {
    let measures = crate::measures::for_patient(r, patient_id, true)?;
    let standing = crate::flags::for_patient(r, patient_id)?;
    let programs = crate::programs::list(r)?;
    let program = standing
        .treatment_program
        .as_deref()
        .and_then(|code| programs.iter().find(|p| p.code == code))
        .or_else(|| programs.first());
    // In treatment, the flag engine has already put the patient's own targets in;
    // otherwise they go on the first program's, which the charts are drawn against.
    let (targets, own_targets) = match &standing.targets {
        Some(t) => (Some(t.clone()), standing.own_targets),
        None => {
            let own = crate::care_plans::own_targets(r, Some(&[patient_id.to_owned()]))?
                .remove(patient_id)
                .unwrap_or_default();
            (program.map(|p| own.apply(&p.targets)), own)
        }
    };
    Ok(Overview {
        measures,
        safety_flags: crate::measures::safety::for_patient(r, patient_id)?,
        item9_unanswered: crate::measures::safety::item9_unanswered(r, Some(patient_id))?.pop(),
        discuss: crate::review::discuss::open_mark(r, patient_id)?,
        targets,
        targets_from: program.map(|p| p.name.clone()),
        own_targets,
        standing,
    })
}
