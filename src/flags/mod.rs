//! Treat-to-target flags, computed from the registry whenever they are read — never
//! stored, so they cannot go stale. `facts` loads what the rules need for many
//! patients at once, `progress` works out baseline and change, `rules` holds one
//! function per flag kind.

mod facts;
mod progress;
mod rules;

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

pub use facts::{PatientFacts, Reading, Treatment, load};
pub use progress::{Dated, Progress, baseline, days_between, progress};

use crate::error::Result;
use crate::store::Reader;

/// The kinds of flag, in the order a coordinator should look at them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagKind {
    Safety,
    NotImproving,
    OverduePhq9,
    OverdueA1c,
    OverdueBp,
    NoContact,
    A1cAboveTarget,
    BpAboveTarget,
    Discuss,
    Response,
    Remission,
}

impl FlagKind {
    pub const ALL: [FlagKind; 11] = [
        FlagKind::Safety,
        FlagKind::NotImproving,
        FlagKind::OverduePhq9,
        FlagKind::OverdueA1c,
        FlagKind::OverdueBp,
        FlagKind::NoContact,
        FlagKind::A1cAboveTarget,
        FlagKind::BpAboveTarget,
        FlagKind::Discuss,
        FlagKind::Response,
        FlagKind::Remission,
    ];

    /// The name used in queries and by the UI (`not-improving`), as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            FlagKind::Safety => "safety",
            FlagKind::NotImproving => "not-improving",
            FlagKind::OverduePhq9 => "overdue-phq9",
            FlagKind::OverdueA1c => "overdue-a1c",
            FlagKind::OverdueBp => "overdue-bp",
            FlagKind::NoContact => "no-contact",
            FlagKind::A1cAboveTarget => "a1c-above-target",
            FlagKind::BpAboveTarget => "bp-above-target",
            FlagKind::Discuss => "discuss",
            FlagKind::Response => "response",
            FlagKind::Remission => "remission",
        }
    }

    pub fn is_overdue(self) -> bool {
        matches!(
            self,
            FlagKind::OverduePhq9 | FlagKind::OverdueA1c | FlagKind::OverdueBp
        )
    }

    /// The badge text.
    pub fn label(self) -> &'static str {
        match self {
            FlagKind::Safety => "Safety",
            FlagKind::NotImproving => "Not improving",
            FlagKind::OverduePhq9 => "PHQ-9 overdue",
            FlagKind::OverdueA1c => "HbA1c overdue",
            FlagKind::OverdueBp => "BP overdue",
            FlagKind::NoContact => "No contact",
            FlagKind::A1cAboveTarget => "HbA1c above target",
            FlagKind::BpAboveTarget => "BP above target",
            FlagKind::Discuss => "Discuss",
            FlagKind::Response => "Response",
            FlagKind::Remission => "Remission",
        }
    }

    /// Where a patient with this flag goes in the "needs attention" sort: safety first,
    /// then not improving, then overdue measures, then the rest. Good news (response,
    /// remission) needs no attention.
    pub fn tier(self) -> Option<u8> {
        match self {
            FlagKind::Safety => Some(0),
            FlagKind::NotImproving => Some(1),
            FlagKind::OverduePhq9
            | FlagKind::OverdueA1c
            | FlagKind::OverdueBp
            | FlagKind::NoContact => Some(2),
            FlagKind::Discuss => Some(3),
            FlagKind::A1cAboveTarget | FlagKind::BpAboveTarget => Some(4),
            FlagKind::Response | FlagKind::Remission => None,
        }
    }
}

/// One raised flag and the reason, in words with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    pub label: &'static str,
    pub detail: String,
    pub needs_attention: bool,
}

impl Flag {
    pub fn new(kind: FlagKind, detail: String) -> Flag {
        Flag {
            kind,
            label: kind.label(),
            detail,
            needs_attention: kind.tier().is_some(),
        }
    }
}

/// A patient's standing on one day: progress, latest values and raised flags.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Standing {
    /// The program whose targets and follow-up rules apply.
    pub treatment_program: Option<String>,
    #[serde(flatten)]
    pub progress: Progress,
    pub latest_phq9: Option<Dated>,
    pub latest_a1c: Option<Dated>,
    pub latest_bp: Option<Dated>,
    pub flags: Vec<Flag>,
    /// The targets values are judged against: the treatment program's, with the
    /// patient's own from their care plan in their place (`own_targets` says which).
    pub targets: Option<crate::programs::Targets>,
    pub own_targets: crate::care_plans::OwnTargets,
}

impl Standing {
    /// The "needs attention" tier: the most urgent flag's tier, 255 for none.
    pub fn tier(&self) -> u8 {
        self.flags
            .iter()
            .filter_map(|f| f.kind.tier())
            .min()
            .unwrap_or(u8::MAX)
    }

    pub fn has(&self, kind: FlagKind) -> bool {
        self.flags.iter().any(|f| f.kind == kind)
    }
}

/// Runs every rule over one patient's facts.
pub fn evaluate(facts: &PatientFacts, as_of: Date) -> Standing {
    let progress = progress::progress(facts, as_of);
    let cx = rules::Context {
        facts,
        progress: &progress,
        as_of,
    };
    let mut flags: Vec<Flag> = rules::RULES.iter().filter_map(|rule| rule(&cx)).collect();
    flags.sort_by_key(|f| f.kind);
    Standing {
        treatment_program: facts.treatment.as_ref().map(|t| t.program_code.clone()),
        targets: facts.treatment.as_ref().map(|t| t.targets.clone()),
        own_targets: facts.treatment.as_ref().map(|t| t.own).unwrap_or_default(),
        latest_phq9: facts.phq9.last().map(|r| Dated::of(r, as_of)),
        latest_a1c: facts.latest_a1c.map(|r| Dated::of(&r, as_of)),
        latest_bp: facts.latest_bp.map(|r| Dated::of(&r, as_of)),
        progress,
        flags,
    }
}

/// Standings for the given patients (all patients when `None`) on the reader's day.
/// Patients with nothing on record get an empty standing.
pub fn standings(r: &Reader<'_>, patients: Option<&[String]>) -> Result<HashMap<String, Standing>> {
    let as_of = r.today();
    let facts = facts::load(r, patients)?;
    let mut out: HashMap<String, Standing> = facts
        .iter()
        .map(|(id, f)| (id.clone(), evaluate(f, as_of)))
        .collect();
    for id in patients.unwrap_or_default() {
        out.entry(id.clone()).or_default();
    }
    Ok(out)
}

/// One patient's standing on the reader's day.
pub fn for_patient(r: &Reader<'_>, patient_id: &str) -> Result<Standing> {
    crate::patients::get(r, patient_id)?;
    let ids = [patient_id.to_owned()];
    Ok(standings(r, Some(&ids))?
        .remove(patient_id)
        .unwrap_or_default())
}

#[cfg(test)]
mod tests;
