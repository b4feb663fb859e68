//! The huddle sheet: one landscape row per patient coming in, for the 10-minute
//! stand-up before clinic (research.md: huddles; clinicians write on the printed
//! schedule, so every row keeps room to write).

use super::Frame;
use super::shared::{BOX, full_name, long_date, other_flags, phq9_cell, program_text, value_cell};
use crate::error::Result;
use crate::pages::coming_in::ComingIn;
use crate::pdf::{Cell, Column, Document, Ink, Pdf, Style, Table};

const SIZE: f32 = 8.0;

pub fn huddle_sheet(day: &ComingIn, frame: &Frame) -> Result<Pdf> {
    let title = format!("Huddle sheet — {}", long_date(day.date));
    let mut doc = Document::new(frame.setup(title, true))?;
    if day.visits.is_empty() {
        doc.gap(20.0);
        doc.paragraph(
            &format!(
                "No appointments on {} for patients in this caseload.",
                long_date(day.date)
            ),
            Style::bold(14.0),
            0.0,
        );
        doc.paragraph(
            "Either the schedule for this day has not been imported, or none of the patients booked is followed here.",
            Style::body(10.0),
            0.0,
        );
        return doc.finish();
    }
    doc.paragraph(
        &format!(
            "{} patient{} coming in. Values are the latest on record; targets are the program's unless marked (own), the patient's own from their care plan.",
            day.visits.len(),
            if day.visits.len() == 1 { "" } else { "s" }
        ),
        Style::body(9.0).ink(Ink::Grey(0.25)),
        0.0,
    );
    doc.gap(4.0);
    let mut table = Table::new(vec![
        Column::new("Time", 0.55),
        Column::new("Patient", 1.45),
        Column::new("Provider / visit", 1.15),
        Column::new("Program", 0.95),
        Column::new("PHQ-9", 1.0),
        Column::new("HbA1c", 0.8),
        Column::new("BP", 0.8),
        Column::new("Flags", 0.95),
        Column::new("Prep", 2.0),
        Column::new("Notes", 1.35),
    ]);
    table.min_row_height = 56.0;
    for v in &day.visits {
        let first = v.appointments.first();
        let mut time = Cell::new();
        let mut visit = Cell::new();
        for a in &v.appointments {
            time = time.then(
                a.time.clone().unwrap_or_else(|| "—".into()),
                Style::bold(SIZE + 1.0),
            );
            visit = visit
                .then(a.provider.clone().unwrap_or_default(), Style::bold(SIZE))
                .then(
                    [a.visit_type.clone(), a.department.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · "),
                    Style::body(SIZE - 0.5),
                );
        }
        if first.is_none() {
            time = Cell::text("—", SIZE);
        }
        let name = full_name(&v.patient.first_name, &v.patient.last_name);
        let patient = Cell::new().then(name, Style::bold(SIZE + 1.0)).then(
            format!("{} y · MRN {}", v.patient.age, v.patient.mrn),
            Style::body(SIZE - 0.5),
        );
        let prep = v.prep.iter().fold(Cell::new(), |c, p| {
            c.then(format!("{BOX} {}", p.label), Style::body(SIZE))
        });
        let flags = Cell::new().then(other_flags(v), Style::body(SIZE).ink(Ink::Alert));
        table.rows.push(vec![
            time,
            patient,
            visit,
            Cell::text(program_text(v), SIZE),
            phq9_cell(v, SIZE),
            value_cell(v.a1c.as_ref(), SIZE),
            value_cell(v.bp.as_ref(), SIZE),
            flags,
            prep,
            Cell::new(),
        ]);
    }
    doc.table(&table);
    doc.finish()
}
