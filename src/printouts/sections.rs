//! The parts of a patient's record the previsit agenda and the patient summary both
//! print: latest values against targets, the care plan's open goals and actions, trend
//! charts, recent contacts, transitions, open referrals, social needs and open
//! recommendations.

use super::shared::{BOX, phq9_cell, value_cell};
use crate::care_plans::{ActionStatus, GoalLifecycle, PlanAction};
use crate::pages::brief::PatientBrief;
use crate::pdf::{Cell, Chart, Column, Document, Ink, Style, Table};

const SIZE: f32 = 9.0;

fn empty(doc: &mut Document, text: &str) {
    doc.paragraph(text, Style::body(SIZE).ink(Ink::Grey(0.35)), 0.0);
}

/// PHQ-9, HbA1c and BP: latest, date and target, with the change from baseline.
pub fn latest_values(doc: &mut Document, b: &PatientBrief) {
    doc.heading("Latest values", 11.0, 40.0);
    let mut t = Table::new(vec![
        Column::new("PHQ-9", 1.0),
        Column::new("HbA1c", 1.0),
        Column::new("Blood pressure", 1.0),
    ]);
    t.zebra = false;
    t.rows.push(vec![
        phq9_cell(&b.visit, SIZE),
        value_cell(b.visit.a1c.as_ref(), SIZE),
        value_cell(b.visit.bp.as_ref(), SIZE),
    ]);
    doc.table(&t);
    doc.gap(6.0);
}

/// Every raised flag with the numbers behind it (the summary, which has no prep list).
pub fn flags(doc: &mut Document, b: &PatientBrief) {
    if b.visit.flags.is_empty() {
        return;
    }
    doc.heading("Flags", 11.0, 30.0);
    for f in &b.visit.flags {
        doc.paragraph(
            &format!("• {}: {}", f.label, f.detail),
            Style::body(SIZE),
            6.0,
        );
    }
    doc.gap(6.0);
}

/// One line naming the sections that have nothing on record, instead of a heading
/// each: a previsit agenda should fit one page.
pub fn nothing_on_record(doc: &mut Document, b: &PatientBrief) {
    let mut none = Vec::new();
    if b.recent_contacts.is_empty() {
        none.push("contacts");
    }
    if b.transitions.is_empty() {
        none.push("ED visits or hospital stays");
    }
    if b.open_referrals.is_empty() && b.social_needs.is_empty() {
        none.push("open referrals or social needs");
    }
    if b.open_recommendations.is_empty() {
        none.push("open case-review recommendations");
    }
    if b.care_plan.open_goals().next().is_none() {
        none.push("open care-plan goals");
    }
    if !none.is_empty() {
        empty(doc, &format!("Nothing on record: {}.", none.join("; ")));
        doc.gap(4.0);
    }
}

/// The last year of PHQ-9, HbA1c and systolic BP as small vector charts.
pub fn trends(doc: &mut Document, b: &PatientBrief) {
    doc.heading("Trend over the last 12 months", 11.0, 96.0);
    // A target the patient agreed in their care plan is labelled as theirs.
    let target = |v: Option<f64>, own: Option<f64>, unit: &str| {
        let whose = if own.is_some() {
            "own target"
        } else {
            "target"
        };
        v.map(|t| (t, format!("{whose} < {}{unit}", crate::measures::number(t))))
    };
    let t = b.targets.as_ref();
    let own = b.visit.own_targets;
    doc.charts(&[
        Chart {
            title: "PHQ-9".into(),
            points: b.trends.phq9.clone(),
            target: target(t.map(|t| t.phq9_below), own.phq9_below, ""),
            floor: (0.0, 27.0),
            unit: String::new(),
        },
        Chart {
            title: "HbA1c (%)".into(),
            points: b.trends.a1c.clone(),
            target: target(t.map(|t| t.a1c_below), own.a1c_below, " %"),
            floor: (5.0, 10.0),
            unit: " %".into(),
        },
        Chart {
            title: "Systolic BP (mmHg)".into(),
            points: b.trends.systolic.clone(),
            target: target(t.map(|t| t.sbp_below), own.sbp_below, ""),
            floor: (110.0, 160.0),
            unit: String::new(),
        },
    ]);
    doc.gap(6.0);
}

pub fn contacts(doc: &mut Document, b: &PatientBrief) {
    if b.recent_contacts.is_empty() {
        return; // said by `nothing_on_record`
    }
    doc.heading("Recent contacts", 11.0, 30.0);
    let mut t = Table::new(vec![
        Column::new("When", 0.9),
        Column::new("How", 0.9),
        Column::new("Outcome", 0.8),
        Column::new("Note", 3.0),
    ]);
    for c in &b.recent_contacts {
        t.rows.push(vec![
            Cell::text(c.at.clone(), SIZE - 0.5),
            Cell::text(
                format!("{} · {}", c.channel_label, c.with_label),
                SIZE - 0.5,
            ),
            Cell::text(c.outcome_label, SIZE - 0.5),
            Cell::text(c.note.clone().unwrap_or_default(), SIZE - 0.5),
        ]);
    }
    doc.table(&t);
    doc.gap(6.0);
}

pub fn transitions(doc: &mut Document, b: &PatientBrief) {
    if b.transitions.is_empty() {
        return; // said by `nothing_on_record`
    }
    doc.heading("Hospital and ED", 11.0, 30.0);
    for t in &b.transitions {
        let discharged = match (t.discharged_on, t.still_in) {
            (_, true) => "still in".to_owned(),
            (Some(d), _) => format!("discharged {d}"),
            (None, false) => String::new(),
        };
        let readmission = if t.readmission { " · readmission" } else { "" };
        doc.paragraph(
            &format!(
                "{} at {}: admitted {}, {discharged}{readmission}{}",
                t.kind_label,
                t.facility,
                t.admitted_on,
                t.reason
                    .as_ref()
                    .map(|r| format!(" — {r}"))
                    .unwrap_or_default()
            ),
            Style::body(SIZE),
            0.0,
        );
    }
    doc.gap(6.0);
}

pub fn referrals(doc: &mut Document, b: &PatientBrief) {
    if b.open_referrals.is_empty() && b.social_needs.is_empty() {
        return; // said by `nothing_on_record`
    }
    doc.heading("Open referrals and social needs", 11.0, 30.0);
    for n in &b.social_needs {
        doc.paragraph(
            &format!(
                "Need: {} ({}){}",
                n.category_label,
                n.status_label.to_lowercase(),
                n.note
                    .as_ref()
                    .map(|x| format!(" — {x}"))
                    .unwrap_or_default()
            ),
            Style::body(SIZE),
            0.0,
        );
    }
    for x in &b.open_referrals {
        let due = x
            .follow_up_on
            .map(|d| format!(", follow up {d}"))
            .unwrap_or_default();
        doc.paragraph(
            &format!(
                "Referral: {} ({}) — {} since {}{due}",
                x.service_name,
                x.organization_name,
                x.status_label.to_lowercase(),
                x.referred_on
            ),
            Style::body(SIZE),
            0.0,
        );
    }
    doc.gap(6.0);
}

pub fn recommendations(doc: &mut Document, b: &PatientBrief) {
    if b.open_recommendations.is_empty() {
        return; // said by `nothing_on_record`
    }
    doc.heading("Open recommendations from case review", 11.0, 30.0);
    for r in &b.open_recommendations {
        doc.paragraph(
            &format!(
                "{} ({}, review of {}): {}",
                r.category_label,
                r.follow_through_label.to_lowercase(),
                r.session_held_on,
                r.text
            ),
            Style::body(SIZE),
            0.0,
        );
    }
    doc.gap(6.0);
}

/// The care plan's open goals, each in the patient's words with its target, where the
/// registry says it stands and its due date, and under it the goal's open actions
/// (who, due, overdue). Closed goals and finished actions are left off.
pub fn care_plan(doc: &mut Document, b: &PatientBrief) {
    let mut goals = b.care_plan.open_goals().peekable();
    if goals.peek().is_none() {
        return; // said by `nothing_on_record`
    }
    doc.heading("Care plan", 11.0, 30.0);
    for g in goals {
        doc.ensure(2.0 * Style::body(SIZE).leading());
        doc.paragraph(&format!("• “{}”", g.text.trim()), Style::bold(SIZE), 0.0);
        let mut about = Vec::new();
        if let Some(t) = &g.target {
            about.push(match (&g.standing, t.measure) {
                (Some(now), _) => format!(
                    "{} · latest {} {}",
                    t.text,
                    now.text,
                    if now.met { "✓ met" } else { "✗ not met" }
                ),
                (None, Some(_)) => format!("{} · no value on record", t.text),
                (None, None) => t.text.clone(),
            });
        }
        if let Some(due) = g.due_on {
            about.push(format!("due {due}"));
        }
        if g.lifecycle.value != GoalLifecycle::Active {
            about.push(g.lifecycle.label.to_lowercase());
        }
        if !about.is_empty() {
            doc.paragraph(&about.join(" · "), Style::body(SIZE), 10.0);
        }
        let open: Vec<&PlanAction> = g.actions.iter().filter(|a| a.status.is_open()).collect();
        if open.is_empty() {
            doc.paragraph(
                "No open actions.",
                Style::body(SIZE).ink(Ink::Grey(0.35)),
                10.0,
            );
        }
        for a in open {
            let mut line = format!("{BOX} {}: {}", a.owner.label, a.text.trim());
            if let Some(due) = a.due_on {
                line.push_str(&format!(" · due {due}"));
            }
            let overdue = a.overdue_days.filter(|d| *d > 0);
            if let Some(days) = overdue {
                line.push_str(&format!(
                    " · overdue {days} day{}",
                    if days == 1 { "" } else { "s" }
                ));
            }
            if a.status.value != ActionStatus::NotStarted {
                line.push_str(&format!(" · {}", a.status.label.to_lowercase()));
            }
            // Said in words as well as in red: most clinic printers are black and white.
            let ink = if overdue.is_some() {
                Ink::Alert
            } else {
                Ink::Black
            };
            doc.paragraph(&line, Style::body(SIZE).ink(ink), 10.0);
        }
        doc.gap(3.0);
    }
    doc.gap(3.0);
}
