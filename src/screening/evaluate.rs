//! Evaluating a program's criteria against one patient's facts: a pure function, so
//! every rule below is unit-tested without a store.
//!
//! - A measure criterion is decided on the latest complete value of that measure. If
//!   it was taken within the look-back window (`as_of − taken_on ≤ within_days`) the
//!   comparison decides met / not met; if it is older, or there is none, the outcome
//!   is "no recent data" — an old value says nothing about today, but it is still
//!   shown so the coordinator knows what to re-check.
//! - Age is computed from the date of birth on the day of screening.
//! - `all`: not met if any part is not met (nothing can rescue it), else no recent
//!   data if any part lacks data, else met.
//! - `any`: met if any part is met, else no recent data if any part lacks data (a new
//!   value could still qualify the patient), else not met.

use jiff::civil::Date;

use super::latest::{Facts, kind_of};
use super::{Evidence, Node, NodeKind, Outcome};
use crate::flags::days_between;
use crate::measures::{Kind, number};
use crate::programs::Criterion;

/// Evaluates `criterion` for one patient on `as_of`. `facts` hold only values taken on
/// or before `as_of`.
pub fn evaluate(criterion: &Criterion, facts: &Facts, as_of: Date) -> Node {
    match criterion {
        Criterion::All { of } | Criterion::Any { of } => {
            let all = matches!(criterion, Criterion::All { .. });
            let children: Vec<Node> = of.iter().map(|c| evaluate(c, facts, as_of)).collect();
            let has = |o: Outcome| children.iter().any(|c| c.outcome == o);
            let outcome = if all {
                if has(Outcome::NotMet) {
                    Outcome::NotMet
                } else if has(Outcome::NoRecentData) {
                    Outcome::NoRecentData
                } else {
                    Outcome::Met
                }
            } else if has(Outcome::Met) {
                Outcome::Met
            } else if has(Outcome::NoRecentData) {
                Outcome::NoRecentData
            } else {
                Outcome::NotMet
            };
            Node {
                kind: if all { NodeKind::All } else { NodeKind::Any },
                text: text(criterion),
                outcome,
                measure: None,
                detail: None,
                evidence: None,
                children,
            }
        }
        Criterion::Age { op, value } => {
            let (outcome, detail, evidence) = match facts.birth_date {
                None => (
                    Outcome::NoRecentData,
                    "No date of birth on record".to_owned(),
                    None,
                ),
                Some(born) => {
                    let age = f64::from(crate::dates::age_on(born, as_of));
                    let outcome = if op.holds(age, *value) {
                        Outcome::Met
                    } else {
                        Outcome::NotMet
                    };
                    let evidence = Evidence {
                        value: age,
                        taken_on: None,
                        age_days: None,
                        within_window: true,
                    };
                    (outcome, format!("Age {}", number(age)), Some(evidence))
                }
            };
            Node {
                kind: NodeKind::Age,
                text: text(criterion),
                outcome,
                measure: None,
                detail: Some(detail),
                evidence,
                children: Vec::new(),
            }
        }
        Criterion::Measure {
            measure,
            op,
            value: threshold,
            within_days,
        } => {
            let (outcome, detail, evidence) = match facts.latest.value_for(*measure) {
                None => (
                    Outcome::NoRecentData,
                    format!("No {} on record", recorded_name(kind_of(*measure))),
                    None,
                ),
                Some((taken_on, value)) => {
                    let age_days = days_between(taken_on, as_of);
                    let within = (0..=i64::from(*within_days)).contains(&age_days);
                    let outcome = match (within, op.holds(value, *threshold)) {
                        (false, _) => Outcome::NoRecentData,
                        (true, true) => Outcome::Met,
                        (true, false) => Outcome::NotMet,
                    };
                    let mut detail = format!(
                        "{}{} on {taken_on}, {}",
                        number(value),
                        crate::programs::spaced_unit(*measure),
                        ago(age_days)
                    );
                    if !within {
                        detail.push_str(&format!(": older than {within_days} days"));
                    }
                    let evidence = Evidence {
                        value,
                        taken_on: Some(taken_on),
                        age_days: Some(age_days),
                        within_window: within,
                    };
                    (outcome, detail, Some(evidence))
                }
            };
            Node {
                kind: NodeKind::Measure,
                text: text(criterion),
                outcome,
                measure: Some(*measure),
                detail: Some(detail),
                evidence,
                children: Vec::new(),
            }
        }
    }
}

/// The node's own line of `Criterion::describe`, without indentation (for a group,
/// its heading only).
fn text(criterion: &Criterion) -> String {
    let lines = match criterion {
        Criterion::All { .. } => Criterion::All { of: Vec::new() }.describe(),
        Criterion::Any { .. } => Criterion::Any { of: Vec::new() }.describe(),
        leaf => leaf.describe(),
    };
    lines
        .into_iter()
        .next()
        .map(|l| l.trim().to_owned())
        .unwrap_or_default()
}

fn recorded_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Bp => "blood pressure",
        Kind::Weight => "weight",
        other => other.label(),
    }
}

fn ago(days: i64) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "1 day ago".to_owned(),
        n => format!("{n} days ago"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flags::Reading;
    use crate::programs::{Comparison, Quantity};
    use jiff::ToSpan;
    use jiff::civil::date;

    const AS_OF: Date = date(2026, 3, 1);

    fn measure(measure: Quantity, op: Comparison, value: f64, within_days: u32) -> Criterion {
        Criterion::Measure {
            measure,
            op,
            value,
            within_days,
        }
    }

    fn reading(days_old: i64, value: f64, value2: Option<f64>) -> Reading {
        Reading {
            taken_on: AS_OF - days_old.days(),
            value,
            value2,
        }
    }

    fn with(kind: Kind, reading: Reading) -> Facts {
        let mut facts = Facts {
            birth_date: Some(date(1970, 5, 1)),
            ..Facts::default()
        };
        facts.latest.set(kind, reading);
        facts
    }

    fn outcome(criterion: &Criterion, facts: &Facts) -> Outcome {
        evaluate(criterion, facts, AS_OF).outcome
    }

    /// COMPASS as published: age ≥ 18, PHQ-9 ≥ 10, and HbA1c ≥ 8 or SBP ≥ 140 or DBP ≥ 90.
    fn compass() -> Criterion {
        Criterion::All {
            of: vec![
                Criterion::Age {
                    op: Comparison::AtLeast,
                    value: 18.0,
                },
                measure(Quantity::Phq9, Comparison::AtLeast, 10.0, 90),
                Criterion::Any {
                    of: vec![
                        measure(Quantity::A1c, Comparison::AtLeast, 8.0, 180),
                        measure(Quantity::Sbp, Comparison::AtLeast, 140.0, 90),
                        measure(Quantity::Dbp, Comparison::AtLeast, 90.0, 90),
                    ],
                },
            ],
        }
    }

    #[test]
    fn each_comparison_at_exactly_its_threshold() {
        let facts = with(Kind::Phq9, reading(3, 10.0, None));
        for (op, expected) in [
            (Comparison::AtLeast, Outcome::Met),
            (Comparison::Above, Outcome::NotMet),
            (Comparison::AtMost, Outcome::Met),
            (Comparison::Below, Outcome::NotMet),
        ] {
            let c = measure(Quantity::Phq9, op, 10.0, 90);
            assert_eq!(outcome(&c, &facts), expected, "{op:?} at 10");
        }
        // And just either side, so the edges are the only places these differ.
        for (value, ge, gt, le, lt) in [
            (
                9.0,
                Outcome::NotMet,
                Outcome::NotMet,
                Outcome::Met,
                Outcome::Met,
            ),
            (
                11.0,
                Outcome::Met,
                Outcome::Met,
                Outcome::NotMet,
                Outcome::NotMet,
            ),
        ] {
            let facts = with(Kind::Phq9, reading(3, value, None));
            let got: Vec<Outcome> = [
                Comparison::AtLeast,
                Comparison::Above,
                Comparison::AtMost,
                Comparison::Below,
            ]
            .into_iter()
            .map(|op| outcome(&measure(Quantity::Phq9, op, 10.0, 90), &facts))
            .collect();
            assert_eq!(got, [ge, gt, le, lt], "value {value}");
        }
    }

    #[test]
    fn a_value_exactly_within_days_old_counts_and_one_day_older_does_not() {
        let c = measure(Quantity::A1c, Comparison::AtLeast, 8.0, 180);
        let node = evaluate(&c, &with(Kind::A1c, reading(180, 9.1, None)), AS_OF);
        assert_eq!(node.outcome, Outcome::Met);
        let evidence = node.evidence.unwrap();
        assert!(evidence.within_window);
        assert_eq!(evidence.age_days, Some(180));

        let node = evaluate(&c, &with(Kind::A1c, reading(181, 9.1, None)), AS_OF);
        assert_eq!(node.outcome, Outcome::NoRecentData);
        let evidence = node.evidence.unwrap();
        assert!(
            !evidence.within_window,
            "stale value is shown, marked stale"
        );
        assert_eq!(evidence.value, 9.1);
        assert_eq!(evidence.taken_on, Some(AS_OF - 181.days()));
        let detail = node.detail.unwrap();
        assert!(detail.contains("9.1 %"), "{detail}");
        assert!(detail.contains("older than 180 days"), "{detail}");
    }

    #[test]
    fn a_stale_value_that_would_not_qualify_is_still_no_recent_data() {
        let c = measure(Quantity::Phq9, Comparison::AtLeast, 10.0, 90);
        let facts = with(Kind::Phq9, reading(400, 4.0, None));
        assert_eq!(outcome(&c, &facts), Outcome::NoRecentData);
    }

    #[test]
    fn a_value_taken_today_is_recent() {
        let c = measure(Quantity::Phq9, Comparison::AtLeast, 10.0, 1);
        let node = evaluate(&c, &with(Kind::Phq9, reading(0, 12.0, None)), AS_OF);
        assert_eq!(node.outcome, Outcome::Met);
        assert_eq!(node.detail.as_deref(), Some("12 on 2026-03-01, today"));
    }

    #[test]
    fn missing_measure_is_no_recent_data_without_evidence() {
        let c = measure(Quantity::Sbp, Comparison::AtLeast, 140.0, 90);
        let node = evaluate(&c, &with(Kind::Phq9, reading(1, 12.0, None)), AS_OF);
        assert_eq!(node.outcome, Outcome::NoRecentData);
        assert_eq!(node.evidence, None);
        assert_eq!(node.detail.as_deref(), Some("No blood pressure on record"));
        assert_eq!(node.text, "Systolic BP ≥ 140 mmHg (latest within 90 days)");
    }

    #[test]
    fn diastolic_criteria_read_the_second_blood_pressure_number() {
        let facts = with(Kind::Bp, reading(10, 132.0, Some(92.0)));
        let dbp = measure(Quantity::Dbp, Comparison::AtLeast, 90.0, 90);
        let sbp = measure(Quantity::Sbp, Comparison::AtLeast, 140.0, 90);
        assert_eq!(outcome(&dbp, &facts), Outcome::Met);
        assert_eq!(outcome(&sbp, &facts), Outcome::NotMet);
        let node = evaluate(&dbp, &facts, AS_OF);
        assert_eq!(node.evidence.unwrap().value, 92.0);
    }

    #[test]
    fn age_is_counted_on_the_day_of_screening() {
        let c = Criterion::Age {
            op: Comparison::AtLeast,
            value: 18.0,
        };
        let turns_18_today = Facts {
            birth_date: Some(date(2008, 3, 1)),
            ..Facts::default()
        };
        let turns_18_tomorrow = Facts {
            birth_date: Some(date(2008, 3, 2)),
            ..Facts::default()
        };
        let node = evaluate(&c, &turns_18_today, AS_OF);
        assert_eq!(node.outcome, Outcome::Met);
        assert_eq!(node.detail.as_deref(), Some("Age 18"));
        assert_eq!(outcome(&c, &turns_18_tomorrow), Outcome::NotMet);
        assert_eq!(outcome(&c, &Facts::default()), Outcome::NoRecentData);
    }

    #[test]
    fn all_group_not_met_beats_no_recent_data_which_beats_met() {
        let group = Criterion::All {
            of: vec![
                measure(Quantity::Phq9, Comparison::AtLeast, 10.0, 90),
                measure(Quantity::A1c, Comparison::AtLeast, 8.0, 90),
            ],
        };
        let mut facts = with(Kind::Phq9, reading(5, 12.0, None));
        assert_eq!(outcome(&group, &facts), Outcome::NoRecentData, "no HbA1c");
        facts.latest.set(Kind::A1c, reading(5, 9.0, None));
        assert_eq!(outcome(&group, &facts), Outcome::Met);
        facts.latest.set(Kind::Phq9, reading(5, 6.0, None));
        facts.latest.set(Kind::A1c, reading(500, 9.0, None));
        assert_eq!(
            outcome(&group, &facts),
            Outcome::NotMet,
            "a PHQ-9 of 6 rules it out whatever a new HbA1c says"
        );
    }

    #[test]
    fn any_group_met_beats_no_recent_data_which_beats_not_met() {
        let group = Criterion::Any {
            of: vec![
                measure(Quantity::A1c, Comparison::AtLeast, 8.0, 180),
                measure(Quantity::Sbp, Comparison::AtLeast, 140.0, 90),
            ],
        };
        let mut facts = with(Kind::A1c, reading(5, 7.0, None));
        assert_eq!(
            outcome(&group, &facts),
            Outcome::NoRecentData,
            "HbA1c fails but a blood pressure could still qualify"
        );
        facts.latest.set(Kind::Bp, reading(5, 120.0, Some(80.0)));
        assert_eq!(outcome(&group, &facts), Outcome::NotMet);
        facts.latest.set(Kind::Bp, reading(100, 150.0, Some(80.0)));
        assert_eq!(outcome(&group, &facts), Outcome::NoRecentData, "stale BP");
        facts.latest.set(Kind::A1c, reading(5, 8.0, None));
        assert_eq!(outcome(&group, &facts), Outcome::Met);
    }

    #[test]
    fn nested_compass_tree_reports_every_node() {
        let mut facts = with(Kind::Phq9, reading(20, 15.0, None));
        facts.latest.set(Kind::A1c, reading(200, 9.5, None));
        facts.latest.set(Kind::Bp, reading(30, 128.0, Some(91.0)));
        let root = evaluate(&compass(), &facts, AS_OF);
        assert_eq!(root.outcome, Outcome::Met);
        assert_eq!(root.kind, NodeKind::All);
        assert_eq!(root.text, "All of:");
        let any = &root.children[2];
        assert_eq!(any.text, "At least one of:");
        let outcomes: Vec<Outcome> = any.children.iter().map(|c| c.outcome).collect();
        assert_eq!(
            outcomes,
            [Outcome::NoRecentData, Outcome::NotMet, Outcome::Met],
            "stale HbA1c, SBP 128, DBP 91"
        );
        assert_eq!(any.outcome, Outcome::Met);

        // Without the diastolic reading the patient is undecided, not ineligible.
        facts.latest.set(Kind::Bp, reading(30, 128.0, Some(80.0)));
        let root = evaluate(&compass(), &facts, AS_OF);
        assert_eq!(root.children[2].outcome, Outcome::NoRecentData);
        assert_eq!(root.outcome, Outcome::NoRecentData);

        // A minor is never eligible, whatever the data.
        facts.birth_date = Some(date(2010, 1, 1));
        assert_eq!(outcome(&compass(), &facts), Outcome::NotMet);
    }

    #[test]
    fn node_text_is_the_programs_own_wording() {
        let root = evaluate(&compass(), &Facts::default(), AS_OF);
        let mut lines = Vec::new();
        fn walk(node: &Node, depth: usize, lines: &mut Vec<String>) {
            lines.push(format!("{}{}", "  ".repeat(depth), node.text));
            node.children.iter().for_each(|c| walk(c, depth + 1, lines));
        }
        walk(&root, 0, &mut lines);
        assert_eq!(lines, compass().describe());
    }
}
