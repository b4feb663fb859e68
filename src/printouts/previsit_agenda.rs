//! Previsit agendas: a page (more if needed) per patient coming in, the one-page
//! visit-prep checklist of previsit planning (research.md: AMA STEPS Forward), with
//! the care plan's open goals and actions.

use jiff::civil::Date;

use super::Frame;
use super::sections;
use super::shared::{covered_by_prep, full_name, long_date, prep_list, program_text};
use crate::error::Result;
use crate::pages::brief::PatientBrief;
use crate::pdf::{Document, Ink, Pdf, Style};

const SIZE: f32 = 9.5;

pub fn previsit_agendas(day: Date, briefs: &[PatientBrief], frame: &Frame) -> Result<Pdf> {
    let title = match briefs {
        [one] => format!(
            "Previsit agenda — {} — {}",
            full_name(&one.patient.first_name, &one.patient.last_name),
            long_date(day)
        ),
        _ => format!("Previsit agendas — {}", long_date(day)),
    };
    let mut doc = Document::new(frame.setup(title, false))?;
    if briefs.is_empty() {
        doc.gap(20.0);
        doc.paragraph(
            &format!(
                "No appointments on {} for patients in this caseload.",
                long_date(day)
            ),
            Style::bold(14.0),
            0.0,
        );
        return doc.finish();
    }
    for (i, b) in briefs.iter().enumerate() {
        if i > 0 {
            doc.new_page();
        }
        agenda(&mut doc, b);
    }
    doc.finish()
}

fn agenda(doc: &mut Document, b: &PatientBrief) {
    let p = &b.patient;
    let time = b
        .visit
        .appointments
        .first()
        .and_then(|a| a.time.clone())
        .map(|t| format!("{t} · "))
        .unwrap_or_default();
    doc.heading(
        &format!(
            "{time}{} ({} y) · MRN {}",
            full_name(&p.first_name, &p.last_name),
            p.age,
            p.mrn
        ),
        14.0,
        60.0,
    );
    let appointment = b
        .visit
        .appointments
        .iter()
        .map(|a| {
            [
                a.time.clone(),
                a.provider.clone(),
                a.visit_type.clone(),
                a.department.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut fields = vec![
        (
            "Appointment",
            if appointment.is_empty() {
                "None booked today".into()
            } else {
                appointment
            },
        ),
        ("Program", program_text(&b.visit)),
        (
            "Phone",
            p.phone.clone().unwrap_or_else(|| "not recorded".into()),
        ),
        (
            "Language",
            p.preferred_language
                .clone()
                .unwrap_or_else(|| "not recorded".into()),
        ),
        (
            "PCP",
            p.pcp_name.clone().unwrap_or_else(|| "not recorded".into()),
        ),
    ];
    // Flags the prep list does not already stand for (above target, discuss, good news).
    let other: Vec<&str> = b
        .visit
        .flags
        .iter()
        .filter(|f| !covered_by_prep(f.kind))
        .map(|f| f.label)
        .collect();
    if !other.is_empty() {
        fields.push(("Also flagged", other.join(", ")));
    }
    doc.fields(&fields, SIZE, 90.0);
    doc.gap(6.0);
    doc.heading("Prepare", 11.0, 30.0);
    prep_list(doc, &b.visit, SIZE);
    doc.paragraph(
        &format!("Talking points: {}", b.visit.talking_points),
        Style::body(SIZE).ink(Ink::Accent),
        0.0,
    );
    doc.gap(6.0);
    sections::latest_values(doc, b);
    sections::care_plan(doc, b);
    sections::trends(doc, b);
    sections::nothing_on_record(doc, b);
    sections::contacts(doc, b);
    sections::transitions(doc, b);
    sections::referrals(doc, b);
    sections::recommendations(doc, b);
    doc.writing_lines("Notes from the visit", 4, 18.0);
}
