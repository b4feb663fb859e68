//! "Coming in": the coordinator's patients with an appointment on the reader's day,
//! each with what to prepare before the visit. Today shows it; the huddle sheet
//! prints it. Prep items are computed from what Caseload already knows — flags,
//! discharges, referrals, the case review's recommendations — never typed.

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::care_plans::{ActionDue, OwnTargets};
use crate::error::Result;
use crate::flags::{Dated, Flag, FlagKind, Standing};
use crate::patients::PatientRef;
use crate::programs::Targets;
use crate::referrals::Referral;
use crate::review::Recommendation;
use crate::schedule::Appointment;
use crate::store::Reader;
use crate::transitions::FollowUpDue;

/// What to get ready for a visit, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrepKind {
    SafetyFlag,
    DischargeFollowUp,
    Phq9AtCheckIn,
    A1cDue,
    BpDue,
    NotImproving,
    Recommendation,
    Referral,
    CarePlanAction,
    NoContact,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prep {
    pub kind: PrepKind,
    /// Short, for the sheet: "PHQ-9 at check-in".
    pub label: String,
    /// Why, with the dates behind it.
    pub detail: String,
}

/// A latest value against its target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Value {
    /// As printed: "12", "8.4 %", "148/92".
    pub display: String,
    pub taken_on: Date,
    /// "< 5", "< 8 %", "< 140/90"; `None` when no program's targets apply.
    pub target: Option<String>,
    pub at_target: Option<bool>,
}

/// One patient coming in.
#[derive(Debug, Clone, Serialize)]
pub struct Visit {
    #[serde(flatten)]
    pub patient: PatientRef,
    /// The day's appointments, by time (usually one).
    pub appointments: Vec<Appointment>,
    pub program: Option<String>,
    pub weeks_in_treatment: Option<i64>,
    pub phq9: Option<Value>,
    pub phq9_baseline: Option<Dated>,
    /// Latest PHQ-9 against the baseline, in percent (negative = better).
    pub phq9_change_pct: Option<f64>,
    pub a1c: Option<Value>,
    pub bp: Option<Value>,
    /// The targets the values are judged against: the treatment program's, with the
    /// patient's own from their care plan in their place.
    pub targets: Option<Targets>,
    /// Which of `targets` are the patient's own (printed "own target").
    pub own_targets: OwnTargets,
    pub flags: Vec<Flag>,
    pub prep: Vec<Prep>,
    pub talking_points: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComingIn {
    pub date: Date,
    pub visits: Vec<Visit>,
}

/// Everyone with an appointment on the reader's day, by their first appointment's time.
pub fn coming_in(r: &Reader<'_>) -> Result<ComingIn> {
    let appointments = crate::schedule::for_day(r, r.today())?;
    let mut by_patient: HashMap<String, Vec<Appointment>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for a in appointments {
        if !by_patient.contains_key(&a.patient_id) {
            order.push(a.patient_id.clone());
        }
        by_patient.entry(a.patient_id.clone()).or_default().push(a);
    }
    let mut visits = visits(r, &order)?;
    for v in &mut visits {
        v.appointments = by_patient.remove(&v.patient.id).unwrap_or_default();
    }
    Ok(ComingIn {
        date: r.today(),
        visits,
    })
}

/// The visit lines of `ids` (in that order) without appointments: the huddle sheet
/// adds the day's, the patient summary the next one.
pub fn visits(r: &Reader<'_>, ids: &[String]) -> Result<Vec<Visit>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let patients = crate::patients::refs(r, ids)?;
    let standings = crate::flags::standings(r, Some(ids))?;
    let outreach = crate::outreach::load(r, Some(ids))?;
    let mut discharges: HashMap<String, FollowUpDue> = HashMap::new();
    for f in crate::transitions::follow_ups_with(r, Some(ids), &outreach)? {
        discharges.insert(f.transition.patient_id.clone(), f);
    }
    let programs = crate::programs::list(r)?;
    let mut actions: HashMap<String, Vec<ActionDue>> = HashMap::new();
    for a in crate::care_plans::due_actions(r, None, Some(ids))? {
        actions.entry(a.patient_id.clone()).or_default().push(a);
    }
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(patient) = patients.get(id).cloned() else {
            continue;
        };
        let standing = standings.get(id).cloned().unwrap_or_default();
        let program = standing
            .treatment_program
            .as_deref()
            .and_then(|code| programs.iter().find(|p| p.code == code));
        let targets = standing.targets.as_ref();
        let own = standing.own_targets;
        let referrals: Vec<Referral> = crate::referrals::for_patient(r, id)?
            .into_iter()
            .filter(|x| x.open)
            .collect();
        let recommendations: Vec<Recommendation> =
            crate::review::recommendations_for_patient(r, id)?
                .into_iter()
                .filter(|x| x.is_open)
                .collect();
        let last_reached = outreach.get(id).and_then(|o| o.outreach.last_reached_on);
        let due = actions.get(id).map_or(&[][..], Vec::as_slice);
        let prep = prep(
            &standing,
            discharges.get(id),
            &referrals,
            &recommendations,
            due,
        );
        let phq9 = standing.latest_phq9.as_ref().map(|d| Value {
            display: crate::measures::number(d.value),
            taken_on: d.taken_on,
            target: targets.map(|t| {
                format!(
                    "< {}{}",
                    crate::measures::number(t.phq9_below),
                    whose(own.phq9_below)
                )
            }),
            at_target: targets.map(|t| d.value < t.phq9_below),
        });
        let a1c = standing.latest_a1c.as_ref().map(|d| Value {
            display: format!("{} %", crate::measures::number(d.value)),
            taken_on: d.taken_on,
            target: targets.map(|t| {
                format!(
                    "< {} %{}",
                    crate::measures::number(t.a1c_below),
                    whose(own.a1c_below)
                )
            }),
            at_target: targets.map(|t| d.value < t.a1c_below),
        });
        let bp = standing
            .latest_bp
            .as_ref()
            .map(|d| bp_value(d, targets, own.sbp_below.or(own.dbp_below)));
        let talking_points = talking_points(&standing, last_reached, r.today(), &referrals);
        out.push(Visit {
            patient,
            appointments: Vec::new(),
            program: program.map(|p| p.name.clone()),
            weeks_in_treatment: standing.progress.weeks_in_treatment,
            phq9_baseline: standing.progress.baseline,
            phq9_change_pct: standing.progress.change_pct,
            phq9,
            a1c,
            bp,
            targets: targets.cloned(),
            own_targets: own,
            flags: standing.flags.clone(),
            prep,
            talking_points,
        });
    }
    Ok(out)
}

/// " (own)" after a target the patient agreed in their care plan.
fn whose(own: Option<f64>) -> &'static str {
    if own.is_some() { " (own)" } else { "" }
}

fn bp_value(d: &Dated, targets: Option<&Targets>, own: Option<f64>) -> Value {
    let dia = d.value2.unwrap_or(0.0);
    Value {
        display: format!(
            "{}/{}",
            crate::measures::number(d.value),
            crate::measures::number(dia)
        ),
        taken_on: d.taken_on,
        target: targets.map(|t| {
            format!(
                "< {}/{}{}",
                crate::measures::number(t.sbp_below),
                crate::measures::number(t.dbp_below),
                whose(own)
            )
        }),
        at_target: targets.map(|t| d.value < t.sbp_below && dia < t.dbp_below),
    }
}

/// The prep items for one patient, most urgent first.
fn prep(
    standing: &Standing,
    discharge: Option<&FollowUpDue>,
    referrals: &[Referral],
    recommendations: &[Recommendation],
    actions: &[ActionDue],
) -> Vec<Prep> {
    let mut out = Vec::new();
    for flag in &standing.flags {
        let (kind, label) = match flag.kind {
            FlagKind::Safety => (
                PrepKind::SafetyFlag,
                "Open safety flag: ask about safety first",
            ),
            FlagKind::OverduePhq9 => (PrepKind::Phq9AtCheckIn, "PHQ-9 at check-in"),
            FlagKind::OverdueA1c => (PrepKind::A1cDue, "HbA1c due"),
            FlagKind::OverdueBp => (PrepKind::BpDue, "BP at check-in"),
            FlagKind::NotImproving => (
                PrepKind::NotImproving,
                "Not improving: discuss a treatment change",
            ),
            FlagKind::NoContact => (PrepKind::NoContact, "Catch up: no contact for a while"),
            _ => continue,
        };
        out.push(Prep {
            kind,
            label: label.into(),
            detail: flag.detail.clone(),
        });
    }
    if let Some(f) = discharge {
        let t = &f.transition;
        out.push(Prep {
            kind: PrepKind::DischargeFollowUp,
            label: "Discharge follow-up pending".into(),
            detail: format!(
                "{} at {}, discharged {}; follow-up was due {}",
                t.kind_label, t.facility, f.discharged_on, f.due_on
            ),
        });
    }
    for rec in recommendations {
        out.push(Prep {
            kind: PrepKind::Recommendation,
            label: "PCP has not acted on a recommendation".into(),
            detail: format!(
                "{} ({}, case review {})",
                rec.text, rec.category_label, rec.session_held_on
            ),
        });
    }
    for x in referrals
        .iter()
        .filter(|x| x.status != crate::referrals::ReferralStatus::Suggested)
    {
        out.push(Prep {
            kind: PrepKind::Referral,
            label: "Ask about a referral".into(),
            detail: format!(
                "{} ({}), {} {}",
                x.service_name,
                x.organization_name,
                x.status_label.to_lowercase(),
                x.referred_on
            ),
        });
    }
    for a in actions {
        let when = if a.overdue_days > 0 {
            format!("was due {}", a.due_on)
        } else {
            "due today".to_owned()
        };
        out.push(Prep {
            kind: PrepKind::CarePlanAction,
            label: if a.overdue_days > 0 {
                "Care-plan action overdue".into()
            } else {
                "Care-plan action due".into()
            },
            detail: format!(
                "{} ({}, {when}; goal: “{}”)",
                a.text, a.owner_label, a.goal_text
            ),
        });
    }
    out.sort_by_key(|p| p.kind);
    out
}

/// One short line to open the conversation with: how the depression score is
/// moving, and when the patient was last reached.
fn talking_points(
    standing: &Standing,
    last_reached: Option<Date>,
    today: Date,
    referrals: &[Referral],
) -> String {
    let mut parts = Vec::new();
    let p = &standing.progress;
    match (&standing.latest_phq9, &p.baseline, p.change_pct) {
        (Some(latest), Some(base), Some(change)) if latest.taken_on != base.taken_on => {
            let way = if change <= -50.0 {
                "responding"
            } else if change < 0.0 {
                "improving"
            } else {
                "not better"
            };
            parts.push(format!(
                "PHQ-9 {} from {} at baseline ({:+.0} %, {way})",
                crate::measures::number(latest.value),
                crate::measures::number(base.value),
                change
            ));
        }
        (Some(latest), _, _) => parts.push(format!(
            "PHQ-9 {} on {}",
            crate::measures::number(latest.value),
            latest.taken_on
        )),
        _ => parts.push("No PHQ-9 on record".into()),
    }
    if let Some(w) = p.weeks_in_treatment {
        parts.push(format!("week {w} of treatment"));
    }
    match last_reached {
        Some(d) => parts.push(format!(
            "last reached {} days ago",
            crate::flags::days_between(d, today)
        )),
        None => parts.push("not reached yet".into()),
    }
    if let Some(x) = referrals.first() {
        parts.push(format!("referral to {} open", x.service_name));
    }
    parts.join("; ")
}
