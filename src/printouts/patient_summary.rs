//! The patient summary: one patient's record on a page or two, for a PCP or a hospital,
//! the care plan's open goals and actions included.

use super::Frame;
use super::sections;
use super::shared::{full_name, long_date};
use crate::error::Result;
use crate::pages::brief::PatientBrief;
use crate::pdf::{Cell, Column, Document, Pdf, Style, Table};

const SIZE: f32 = 9.5;

pub fn patient_summary(b: &PatientBrief, frame: &Frame) -> Result<Pdf> {
    let p = &b.patient;
    let name = full_name(&p.first_name, &p.last_name);
    let mut doc = Document::new(frame.setup(format!("Patient summary — {name}"), false))?;
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "not recorded".into());
    let address = [
        p.address_line.clone(),
        p.city.clone(),
        p.state.clone(),
        p.postal_code.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let emergency = [
        p.emergency_contact_name.clone(),
        p.emergency_contact_relation.clone(),
        p.emergency_contact_phone.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let next = b
        .next_appointment
        .as_ref()
        .map(|a| {
            [
                Some(long_date(a.day)),
                a.time.clone(),
                a.provider.clone(),
                a.visit_type.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ")
        })
        .unwrap_or_else(|| "none booked".into());
    doc.heading(&format!("{name} · MRN {}", p.mrn), 14.0, 80.0);
    doc.fields(
        &[
            ("Born", format!("{} ({} y)", p.birth_date, p.age)),
            ("Sex", p.sex.clone()),
            ("Phone", or_none(&p.phone)),
            (
                "Address",
                if address.is_empty() {
                    "not recorded".into()
                } else {
                    address
                },
            ),
            ("Language", or_none(&p.preferred_language)),
            ("PCP", or_none(&p.pcp_name)),
            ("Payer", or_none(&p.payer)),
            (
                "Emergency contact",
                if emergency.is_empty() {
                    "not recorded".into()
                } else {
                    emergency
                },
            ),
            ("Next appointment", next),
        ],
        SIZE,
        125.0,
    );
    doc.gap(6.0);
    doc.heading("Programs", 11.0, 30.0);
    if b.episodes.is_empty() {
        doc.paragraph("Not enrolled in a program.", Style::body(SIZE), 0.0);
    } else {
        let mut t = Table::new(vec![
            Column::new("Program", 1.6),
            Column::new("Status", 1.0),
            Column::new("Referred", 0.8),
            Column::new("Active from", 0.8),
            Column::new("Ended", 0.8),
        ]);
        for e in &b.episodes {
            let ended = match (&e.ended_on, &e.disenroll_reason) {
                (Some(d), Some(r)) => format!("{d} ({r})"),
                (Some(d), None) => d.clone(),
                _ => String::new(),
            };
            t.rows.push(vec![
                Cell::text(e.program_name.clone(), SIZE),
                Cell::text(e.status_label, SIZE),
                Cell::text(e.referred_on.clone().unwrap_or_default(), SIZE),
                Cell::text(e.active_on.clone().unwrap_or_default(), SIZE),
                Cell::text(ended, SIZE),
            ]);
        }
        doc.table(&t);
        doc.gap(6.0);
    }
    sections::latest_values(&mut doc, b);
    sections::flags(&mut doc, b);
    sections::care_plan(&mut doc, b);
    sections::trends(&mut doc, b);
    sections::referrals(&mut doc, b);
    sections::recommendations(&mut doc, b);
    sections::transitions(&mut doc, b);
    sections::contacts(&mut doc, b);
    sections::nothing_on_record(&mut doc, b);
    doc.finish()
}
