//! The flag rules against the published definitions, edges included. Facts are built
//! by hand so every date is exact.

use jiff::civil::{Date, date};

use super::*;
use crate::programs::{FollowUp, Targets};

const ACTIVE_ON: Date = date(2026, 6, 1);

fn treatment() -> Treatment {
    Treatment {
        program_code: "compass".into(),
        program_name: "COMPASS".into(),
        status: "active".into(),
        active_on: ACTIVE_ON,
        own: crate::care_plans::OwnTargets::default(),
        targets: Targets {
            phq9_below: 5.0,
            a1c_below: 8.0,
            sbp_below: 140.0,
            dbp_below: 90.0,
        },
        follow_up: FollowUp::default(),
    }
}

fn reading(on: Date, value: f64) -> Reading {
    Reading {
        taken_on: on,
        value,
        value2: None,
    }
}

fn bp(on: Date, sbp: f64, dbp: f64) -> Reading {
    Reading {
        taken_on: on,
        value: sbp,
        value2: Some(dbp),
    }
}

/// In treatment since ACTIVE_ON with a baseline PHQ-9 of `baseline` that day, and
/// fresh BP/HbA1c so only the flag under test shows.
fn treated(baseline: f64) -> PatientFacts {
    PatientFacts {
        treatment: Some(treatment()),
        phq9: vec![reading(ACTIVE_ON, baseline)],
        ..PatientFacts::default()
    }
}

fn days_after(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days)).unwrap()
}

fn kinds(facts: &PatientFacts, as_of: Date) -> Vec<FlagKind> {
    evaluate(facts, as_of)
        .flags
        .iter()
        .map(|f| f.kind)
        .collect()
}

/// Keeps only the PHQ-9 response flags, ignoring overdue ones.
fn phq9_kinds(facts: &PatientFacts, as_of: Date) -> Vec<FlagKind> {
    kinds(facts, as_of)
        .into_iter()
        .filter(|k| {
            matches!(
                k,
                FlagKind::NotImproving | FlagKind::Response | FlagKind::Remission
            )
        })
        .collect()
}

#[test]
fn baseline_is_at_or_nearest_before_enrollment_within_the_window() {
    let phq9 = [
        reading(date(2026, 2, 1), 20.0),
        reading(date(2026, 5, 1), 18.0),
        reading(date(2026, 6, 15), 12.0),
    ];
    assert_eq!(baseline(&phq9, ACTIVE_ON, 90).map(|r| r.value), Some(18.0));
    // On the enrollment day itself counts.
    let same_day = [reading(ACTIVE_ON, 15.0), reading(date(2026, 6, 2), 14.0)];
    assert_eq!(
        baseline(&same_day, ACTIVE_ON, 90).map(|r| r.value),
        Some(15.0)
    );
    // 31 days before with a 30-day window: no baseline; exactly 30 days: baseline.
    assert_eq!(baseline(&phq9, ACTIVE_ON, 30), None);
    assert_eq!(baseline(&phq9, ACTIVE_ON, 31).map(|r| r.value), Some(18.0));
    // Only values after enrollment: none of them is a baseline.
    assert_eq!(baseline(&phq9[2..], ACTIVE_ON, 90), None);
}

#[test]
fn not_improving_starts_at_exactly_ten_weeks() {
    let mut facts = treated(16.0);
    facts.phq9.push(reading(days_after(ACTIVE_ON, 60), 14.0));
    let at_70 = days_after(ACTIVE_ON, 70);
    let at_69 = days_after(ACTIVE_ON, 69);
    assert_eq!(phq9_kinds(&facts, at_70), [FlagKind::NotImproving]);
    assert_eq!(phq9_kinds(&facts, at_69), []);
    let standing = evaluate(&facts, at_70);
    assert_eq!(standing.progress.weeks_in_treatment, Some(10));
    assert_eq!(standing.progress.change_pct, Some(-12.5));
    let detail = &standing.flags[0].detail;
    assert!(detail.contains("16 → 14"), "{detail}");
}

#[test]
fn not_improving_follows_the_programs_setting() {
    let mut facts = treated(16.0);
    facts.phq9.push(reading(days_after(ACTIVE_ON, 40), 15.0));
    if let Some(t) = facts.treatment.as_mut() {
        t.follow_up.not_improving_weeks = 6;
    }
    assert_eq!(
        phq9_kinds(&facts, days_after(ACTIVE_ON, 42)),
        [FlagKind::NotImproving]
    );
    assert_eq!(phq9_kinds(&facts, days_after(ACTIVE_ON, 41)), []);
}

#[test]
fn a_fifty_percent_drop_is_response_not_not_improving() {
    let mut facts = treated(16.0);
    facts.phq9.push(reading(days_after(ACTIVE_ON, 77), 8.0));
    assert_eq!(
        phq9_kinds(&facts, days_after(ACTIVE_ON, 80)),
        [FlagKind::Response]
    );
    facts.phq9.push(reading(days_after(ACTIVE_ON, 78), 9.0));
    assert_eq!(
        phq9_kinds(&facts, days_after(ACTIVE_ON, 80)),
        [FlagKind::NotImproving],
        "44 % is not enough"
    );
}

#[test]
fn remission_is_below_five_and_is_also_a_response() {
    let mut facts = treated(12.0);
    facts.phq9.push(reading(days_after(ACTIVE_ON, 84), 4.0));
    assert_eq!(
        phq9_kinds(&facts, days_after(ACTIVE_ON, 84)),
        [FlagKind::Response, FlagKind::Remission]
    );
    facts.phq9.push(reading(days_after(ACTIVE_ON, 85), 5.0));
    assert_eq!(
        phq9_kinds(&facts, days_after(ACTIVE_ON, 85)),
        [FlagKind::Response],
        "5 is not remission"
    );
}

#[test]
fn remission_without_a_half_drop_is_not_not_improving() {
    // Baseline 9 (below the usual entry score) to 4 is remission but only a 55 % drop;
    // baseline 8 to 4 is exactly 50 %. Neither may be called "not improving".
    let mut facts = treated(8.0);
    facts.phq9.push(reading(days_after(ACTIVE_ON, 80), 4.0));
    assert!(!kinds(&facts, days_after(ACTIVE_ON, 80)).contains(&FlagKind::NotImproving));
}

#[test]
fn no_baseline_no_response_flags() {
    let mut facts = treated(16.0);
    facts.phq9 = vec![
        reading(days_after(ACTIVE_ON, 20), 16.0),
        reading(days_after(ACTIVE_ON, 80), 15.0),
    ];
    let standing = evaluate(&facts, days_after(ACTIVE_ON, 80));
    assert_eq!(standing.progress.baseline, None);
    assert_eq!(phq9_kinds(&facts, days_after(ACTIVE_ON, 80)), []);
    assert_eq!(standing.latest_phq9.map(|d| d.value), Some(15.0));
}

#[test]
fn overdue_boundaries_follow_the_program() {
    let mut facts = treated(16.0);
    let as_of = days_after(ACTIVE_ON, 200);
    facts.phq9 = vec![reading(days_after(as_of, -30), 12.0)];
    facts.latest_bp = Some(bp(days_after(as_of, -30), 120.0, 70.0));
    facts.latest_a1c = Some(reading(days_after(as_of, -90), 7.0));
    facts.last_reached = Some(as_of);
    assert_eq!(
        kinds(&facts, as_of),
        [],
        "exactly at the limit is not overdue"
    );
    let day_later = days_after(as_of, 1);
    assert_eq!(
        kinds(&facts, day_later),
        [
            FlagKind::OverduePhq9,
            FlagKind::OverdueA1c,
            FlagKind::OverdueBp
        ]
    );
    if let Some(t) = facts.treatment.as_mut() {
        t.follow_up.phq9_overdue_days = 45;
    }
    assert_eq!(
        kinds(&facts, day_later),
        [FlagKind::OverdueA1c, FlagKind::OverdueBp]
    );
}

#[test]
fn never_measured_counts_from_enrollment_except_hba1c() {
    let facts = PatientFacts {
        treatment: Some(treatment()),
        ..PatientFacts::default()
    };
    assert_eq!(kinds(&facts, days_after(ACTIVE_ON, 30)), []);
    let late = evaluate(&facts, days_after(ACTIVE_ON, 31));
    let flagged: Vec<FlagKind> = late.flags.iter().map(|f| f.kind).collect();
    // Nobody reached in the 31 days since activation either.
    assert_eq!(
        flagged,
        [
            FlagKind::OverduePhq9,
            FlagKind::OverdueBp,
            FlagKind::NoContact
        ]
    );
    assert!(
        late.flags[0].detail.contains("No PHQ-9"),
        "{}",
        late.flags[0].detail
    );
}

#[test]
fn targets_are_strictly_below() {
    let mut facts = treated(6.0);
    let as_of = days_after(ACTIVE_ON, 1);
    facts.latest_a1c = Some(reading(ACTIVE_ON, 8.0));
    facts.latest_bp = Some(bp(ACTIVE_ON, 139.0, 89.0));
    assert_eq!(kinds(&facts, as_of), [FlagKind::A1cAboveTarget]);
    facts.latest_a1c = Some(reading(ACTIVE_ON, 7.9));
    facts.latest_bp = Some(bp(ACTIVE_ON, 140.0, 80.0));
    assert_eq!(kinds(&facts, as_of), [FlagKind::BpAboveTarget]);
    facts.latest_bp = Some(bp(ACTIVE_ON, 130.0, 90.0));
    assert_eq!(kinds(&facts, as_of), [FlagKind::BpAboveTarget]);
}

#[test]
fn outside_treatment_only_safety_and_discuss_apply() {
    let facts = PatientFacts {
        phq9: vec![reading(date(2025, 1, 1), 20.0)],
        latest_a1c: Some(reading(date(2025, 1, 1), 11.0)),
        open_safety: vec![(date(2025, 1, 1), 2)],
        discuss: Some((date(2026, 1, 2), Some("housing".into()))),
        ..PatientFacts::default()
    };
    let standing = evaluate(&facts, date(2026, 1, 5));
    let flagged: Vec<FlagKind> = standing.flags.iter().map(|f| f.kind).collect();
    assert_eq!(flagged, [FlagKind::Safety, FlagKind::Discuss]);
    assert_eq!(standing.tier(), 0);
    assert!(standing.flags[1].detail.contains("housing"));
    assert_eq!(standing.progress.weeks_in_treatment, None);
}

#[test]
fn attention_tiers_put_safety_then_not_improving_then_overdue() {
    assert!(FlagKind::Safety.tier() < FlagKind::NotImproving.tier());
    assert!(FlagKind::NotImproving.tier() < FlagKind::OverduePhq9.tier());
    assert_eq!(FlagKind::OverdueBp.tier(), FlagKind::OverduePhq9.tier());
    assert_eq!(FlagKind::Response.tier(), None);
    assert_eq!(FlagKind::Remission.tier(), None);
    assert_eq!(Standing::default().tier(), u8::MAX);
}

#[test]
fn flag_kinds_serialise_as_their_names() {
    for kind in FlagKind::ALL {
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{}\"", kind.as_str()));
    }
}

#[test]
fn no_contact_at_exactly_n_days_is_not_raised_but_n_plus_one_is() {
    let reached = days_after(ACTIVE_ON, 100);
    let facts = PatientFacts {
        treatment: Some(treatment()),
        last_reached: Some(reached),
        ..PatientFacts::default()
    };
    let has = |on| evaluate(&facts, on).has(FlagKind::NoContact);
    assert!(!has(days_after(reached, 30)));
    assert!(has(days_after(reached, 31)));
    let detail = evaluate(&facts, days_after(reached, 31))
        .flags
        .into_iter()
        .find(|f| f.kind == FlagKind::NoContact)
        .map(|f| f.detail)
        .unwrap_or_default();
    assert!(detail.contains("31 days"), "{detail}");

    // The program's own N applies.
    let mut longer = facts.clone();
    if let Some(t) = longer.treatment.as_mut() {
        t.follow_up.no_contact_days = 45;
    }
    assert!(!evaluate(&longer, days_after(reached, 31)).has(FlagKind::NoContact));
}

#[test]
fn no_contact_needs_a_patient_in_treatment() {
    let facts = PatientFacts {
        last_reached: Some(ACTIVE_ON),
        ..PatientFacts::default()
    };
    assert!(!evaluate(&facts, days_after(ACTIVE_ON, 400)).has(FlagKind::NoContact));
}
