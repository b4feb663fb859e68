//! One function per flag kind. Each looks at the patient's facts and progress and
//! says whether its flag is up and why; none knows about the others. A new kind of flag
//! is a new function here plus its line in [`RULES`] (and, if it needs new facts, a
//! query in `facts.rs`).

use jiff::civil::Date;

use super::facts::{PatientFacts, Reading, Treatment};
use super::progress::{Progress, days_between};
use super::{Flag, FlagKind};
use crate::measures::{number, scores};

/// What every rule is given.
pub struct Context<'a> {
    pub facts: &'a PatientFacts,
    pub progress: &'a Progress,
    pub as_of: Date,
}

pub type Rule = fn(&Context<'_>) -> Option<Flag>;

pub const RULES: &[Rule] = &[
    safety,
    not_improving,
    overdue_phq9,
    overdue_a1c,
    overdue_bp,
    no_contact,
    a1c_above_target,
    bp_above_target,
    discuss,
    response,
    remission,
];

fn safety(cx: &Context<'_>) -> Option<Flag> {
    let (raised_on, item9) = cx.facts.open_safety.last()?;
    let more = match cx.facts.open_safety.len() {
        1 => String::new(),
        n => format!(" ({n} open)"),
    };
    Some(Flag::new(
        FlagKind::Safety,
        format!("PHQ-9 item 9 = {item9} on {raised_on}, not yet acknowledged{more}"),
    ))
}

fn not_improving(cx: &Context<'_>) -> Option<Flag> {
    let treatment = cx.facts.treatment.as_ref()?;
    let weeks = treatment.follow_up.not_improving_weeks;
    let days = cx.progress.days_in_treatment?;
    let (baseline, latest) = (cx.progress.baseline?, cx.progress.follow_up?);
    if days < i64::from(weeks) * 7
        || scores::is_response(baseline.value, latest.value)
        || scores::is_remission(latest.value)
    {
        return None;
    }
    Some(Flag::new(
        FlagKind::NotImproving,
        format!(
            "PHQ-9 {} → {}{} after {} weeks in treatment (needs a 50 % drop)",
            number(baseline.value),
            number(latest.value),
            change(cx.progress),
            days / 7
        ),
    ))
}

fn response(cx: &Context<'_>) -> Option<Flag> {
    let (baseline, latest) = (cx.progress.baseline?, cx.progress.follow_up?);
    scores::is_response(baseline.value, latest.value).then(|| {
        Flag::new(
            FlagKind::Response,
            format!(
                "PHQ-9 {} → {}{}",
                number(baseline.value),
                number(latest.value),
                change(cx.progress)
            ),
        )
    })
}

fn remission(cx: &Context<'_>) -> Option<Flag> {
    let latest = cx.progress.follow_up?;
    scores::is_remission(latest.value).then(|| {
        Flag::new(
            FlagKind::Remission,
            format!("PHQ-9 {} on {}", number(latest.value), latest.taken_on),
        )
    })
}

fn overdue_phq9(cx: &Context<'_>) -> Option<Flag> {
    let t = cx.facts.treatment.as_ref()?;
    overdue(
        cx,
        t,
        FlagKind::OverduePhq9,
        "PHQ-9",
        cx.facts.phq9.last(),
        t.follow_up.phq9_overdue_days,
    )
}

/// HbA1c is followed only for patients who have one on record (those with diabetes);
/// PHQ-9 and blood pressure are followed for everyone in treatment.
fn overdue_a1c(cx: &Context<'_>) -> Option<Flag> {
    let t = cx.facts.treatment.as_ref()?;
    let latest = cx.facts.latest_a1c.as_ref()?;
    overdue(
        cx,
        t,
        FlagKind::OverdueA1c,
        "HbA1c",
        Some(latest),
        t.follow_up.a1c_overdue_days,
    )
}

fn overdue_bp(cx: &Context<'_>) -> Option<Flag> {
    let t = cx.facts.treatment.as_ref()?;
    overdue(
        cx,
        t,
        FlagKind::OverdueBp,
        "BP",
        cx.facts.latest_bp.as_ref(),
        t.follow_up.bp_overdue_days,
    )
}

/// Overdue when the latest value is more than `limit` days old; with no value at all,
/// when the episode has been active for more than `limit` days.
fn overdue(
    cx: &Context<'_>,
    treatment: &Treatment,
    kind: FlagKind,
    label: &str,
    latest: Option<&Reading>,
    limit: u32,
) -> Option<Flag> {
    let limit = i64::from(limit);
    match latest {
        Some(r) => {
            let age = days_between(r.taken_on, cx.as_of);
            (age > limit).then(|| {
                Flag::new(
                    kind,
                    format!(
                        "{label} last taken {age} days ago ({}); due every {limit} days",
                        r.taken_on
                    ),
                )
            })
        }
        None => {
            let days = days_between(treatment.active_on, cx.as_of);
            (days > limit).then(|| {
                Flag::new(
                    kind,
                    format!(
                        "No {label} on record in {days} days of treatment; due every {limit} days"
                    ),
                )
            })
        }
    }
}

/// Nobody (the patient or their family) reached in more than the program's N days;
/// with nobody reached yet, counted from activation.
fn no_contact(cx: &Context<'_>) -> Option<Flag> {
    let t = cx.facts.treatment.as_ref()?;
    let limit = i64::from(t.follow_up.no_contact_days);
    let detail = match cx.facts.last_reached {
        Some(on) => {
            let days = days_between(on, cx.as_of);
            (days > limit).then(|| format!("Nobody reached in {days} days (last on {on}); contact every {limit} days at least"))
        }
        None => {
            let days = days_between(t.active_on, cx.as_of);
            (days > limit).then(|| format!("Nobody reached in {days} days of treatment; contact every {limit} days at least"))
        }
    }?;
    Some(Flag::new(FlagKind::NoContact, detail))
}

/// Says whose target a value was judged against: the program's or the patient's own,
/// agreed in their care plan.
fn whose(own: Option<f64>) -> &'static str {
    if own.is_some() {
        "own target"
    } else {
        "target"
    }
}

fn a1c_above_target(cx: &Context<'_>) -> Option<Flag> {
    let t = cx.facts.treatment.as_ref()?;
    let a1c = cx.facts.latest_a1c?;
    (a1c.value >= t.targets.a1c_below).then(|| {
        Flag::new(
            FlagKind::A1cAboveTarget,
            format!(
                "HbA1c {} % on {} ({} below {} %)",
                number(a1c.value),
                a1c.taken_on,
                whose(t.own.a1c_below),
                number(t.targets.a1c_below)
            ),
        )
    })
}

fn bp_above_target(cx: &Context<'_>) -> Option<Flag> {
    let t = cx.facts.treatment.as_ref()?;
    let bp = cx.facts.latest_bp?;
    let dbp = bp.value2?;
    (bp.value >= t.targets.sbp_below || dbp >= t.targets.dbp_below).then(|| {
        Flag::new(
            FlagKind::BpAboveTarget,
            format!(
                "BP {}/{} on {} ({} below {}/{})",
                number(bp.value),
                number(dbp),
                bp.taken_on,
                whose(t.own.sbp_below.or(t.own.dbp_below)),
                number(t.targets.sbp_below),
                number(t.targets.dbp_below)
            ),
        )
    })
}

fn discuss(cx: &Context<'_>) -> Option<Flag> {
    let (marked_on, reason) = cx.facts.discuss.as_ref()?;
    Some(Flag::new(
        FlagKind::Discuss,
        match reason {
            Some(r) => format!("Marked to discuss on {marked_on}: {r}"),
            None => format!("Marked to discuss on {marked_on}"),
        },
    ))
}

fn change(progress: &Progress) -> String {
    match progress.change_pct {
        Some(pct) => {
            format!(" ({}{:.0} %)", if pct > 0.0 { "+" } else { "" }, pct).replace('-', "−")
        }
        None => String::new(),
    }
}
