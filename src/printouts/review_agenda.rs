//! The weekly case-review agenda: who attends, and each patient on the review list
//! with the reasons, their measures and open recommendations, and a line to write the
//! psychiatrist's recommendation on (research.md: the care manager sends an agenda
//! before the weekly call; new patients and those not improving come first).

use jiff::civil::Date;

use super::Frame;
use super::shared::{full_name, long_date, phq9_cell, value_cell};
use crate::error::Result;
use crate::pages::coming_in::{Visit, visits};
use crate::pdf::{Column, Document, Ink, Pdf, Style, Table};
use crate::review::{Attendee, ReviewList, ReviewRow};
use crate::store::Reader;

/// What the agenda prints.
#[derive(Debug, Clone)]
pub struct ReviewAgenda {
    pub list: ReviewList,
    /// Each row's measures, in the list's order.
    pub visits: Vec<Visit>,
    /// The attendees of a session already recorded for the date, if any.
    pub attendees: Vec<Attendee>,
}

/// The review list for the reader's day with each patient's measures.
pub fn gather(r: &Reader<'_>) -> Result<ReviewAgenda> {
    let list = crate::review::list(r)?;
    let ids: Vec<String> = list.rows.iter().map(|row| row.patient.id.clone()).collect();
    let visits = visits(r, &ids)?;
    let held = crate::review::sessions(r)?
        .into_iter()
        .find(|s| s.held_on == r.today().to_string());
    let attendees = match held {
        Some(s) => crate::review::get_session(r, &s.id)?.attendees,
        None => Vec::new(),
    };
    Ok(ReviewAgenda {
        list,
        visits,
        attendees,
    })
}

const SIZE: f32 = 9.0;

pub fn review_agenda(agenda: &ReviewAgenda, frame: &Frame) -> Result<Pdf> {
    let day: Date = agenda.list.week_of;
    let mut doc =
        Document::new(frame.setup(format!("Case review agenda — {}", long_date(day)), false))?;
    doc.heading("Attendees", 11.0, 40.0);
    if agenda.attendees.is_empty() {
        for role in [
            "Consulting psychiatrist",
            "Primary care physician",
            "Care coordinator",
        ] {
            doc.writing_lines(role, 1, 14.0);
        }
    } else {
        let names: Vec<String> = agenda
            .attendees
            .iter()
            .map(|a| format!("{} ({})", a.name, a.role_label))
            .collect();
        doc.paragraph(&names.join(", "), Style::body(10.0), 0.0);
    }
    doc.paragraph(
        &format!(
            "{} patient{} to discuss; new enrollees since {}. Safety first, then not improving.",
            agenda.list.rows.len(),
            if agenda.list.rows.len() == 1 { "" } else { "s" },
            agenda.list.new_since
        ),
        Style::body(9.0).ink(Ink::Grey(0.25)),
        0.0,
    );
    doc.gap(6.0);
    if agenda.list.rows.is_empty() {
        doc.paragraph(
            "Nobody is on the review list for this week.",
            Style::bold(13.0),
            0.0,
        );
        return doc.finish();
    }
    for (i, row) in agenda.list.rows.iter().enumerate() {
        let visit = agenda
            .visits
            .iter()
            .find(|v| v.patient.id == row.patient.id);
        patient(&mut doc, i + 1, row, visit);
    }
    doc.finish()
}

fn patient(doc: &mut Document, n: usize, row: &ReviewRow, visit: Option<&Visit>) {
    let p = &row.patient;
    let program = match (&row.program_name, row.weeks_in_treatment) {
        (Some(name), Some(w)) => format!(" · {name}, week {w}"),
        (Some(name), None) => format!(" · {name}"),
        _ => String::new(),
    };
    // Keep the heading with the reasons and the measures table.
    doc.heading(
        &format!(
            "{n}. {} ({} y) · MRN {}{program}",
            full_name(&p.first_name, &p.last_name),
            p.age,
            p.mrn
        ),
        11.0,
        140.0,
    );
    for reason in &row.reasons {
        doc.paragraph(
            &format!("• {}: {}", reason.label, reason.detail),
            Style::body(SIZE),
            6.0,
        );
    }
    if let Some(v) = visit {
        let mut t = Table::new(vec![
            Column::new("PHQ-9", 1.0),
            Column::new("HbA1c", 1.0),
            Column::new("Blood pressure", 1.0),
        ]);
        t.zebra = false;
        t.rows.push(vec![
            phq9_cell(v, SIZE),
            value_cell(v.a1c.as_ref(), SIZE),
            value_cell(v.bp.as_ref(), SIZE),
        ]);
        doc.gap(3.0);
        doc.table(&t);
    }
    if !row.open_recommendations.is_empty() {
        doc.gap(3.0);
        doc.paragraph("Open recommendations", Style::bold(SIZE), 0.0);
        for r in &row.open_recommendations {
            let text = format!("{} ({}): {}", r.category_label, r.session_held_on, r.text);
            doc.paragraph(&text, Style::body(SIZE), 6.0);
        }
    }
    doc.gap(2.0);
    doc.writing_lines("Psychiatrist's recommendation", 2, 16.0);
    doc.gap(4.0);
}
