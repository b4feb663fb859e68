//! The referral slip the patient takes home: where to go, how to call, when it is
//! open and what to bring, in large print and plain words.

use super::Frame;
use super::shared::{full_name, long_date};
use crate::error::{Error, Result};
use crate::pdf::{Document, Ink, Pdf, Style};
use crate::referrals::Referral;
use crate::resources::ServiceDetail;
use crate::store::Reader;

/// A referral and the directory's record of its service.
#[derive(Debug, Clone)]
pub struct Slip {
    pub referral: Referral,
    pub service: ServiceDetail,
}

/// The referral `referral_id`, or the patient's most recent open referral.
pub fn gather(r: &Reader<'_>, referral_id: Option<&str>, patient_id: Option<&str>) -> Result<Slip> {
    let referral = match (referral_id, patient_id) {
        (Some(id), _) => crate::referrals::get(r, id)?,
        (None, Some(pid)) => crate::referrals::for_patient(r, pid)?
            .into_iter()
            .filter(|x| x.open)
            .max_by_key(|x| x.referred_on)
            .ok_or_else(|| {
                Error::NotFound("This patient has no open referral to print a slip for.".into())
            })?,
        (None, None) => {
            return Err(Error::invalid(
                "referral",
                "Choose the referral (or the patient) to print a slip for.",
            ));
        }
    };
    let service = crate::resources::detail(r, &referral.service_id)?;
    Ok(Slip { referral, service })
}

const BODY: f32 = 14.0;

pub fn referral_slip(slip: &Slip, frame: &Frame) -> Result<Pdf> {
    let (x, s) = (&slip.referral, &slip.service);
    let name = full_name(&x.patient.first_name, &x.patient.last_name);
    let mut doc = Document::new(frame.setup("Your referral".into(), false))?;
    doc.paragraph(&format!("For {name}"), Style::body(BODY), 0.0);
    doc.paragraph(
        &format!("Referred on {}", long_date(x.referred_on)),
        Style::body(BODY - 2.0).ink(Ink::Grey(0.3)),
        0.0,
    );
    doc.gap(10.0);
    doc.paragraph(&s.name, Style::bold(24.0), 0.0);
    if s.organization.name != s.name {
        doc.paragraph(&s.organization.name, Style::body(16.0), 0.0);
    }
    doc.gap(8.0);
    let phones: Vec<String> = s
        .phones
        .iter()
        .map(|p| match &p.extension {
            Some(ext) => format!("{} ext. {ext}", p.number),
            None => p.number.clone(),
        })
        .chain(s.locations.iter().flat_map(|l| l.phones.clone()))
        .collect();
    section(
        &mut doc,
        "Call",
        if phones.is_empty() {
            "No phone number on record".into()
        } else {
            dedup(phones).join("\n")
        },
    );
    for l in s.locations.iter().take(2) {
        // The address lines already end with the city, state and ZIP.
        let mut lines = l.address_lines.clone();
        if let Some(t) = &l.transportation {
            lines.push(format!("Getting there: {t}"));
        }
        if !lines.is_empty() {
            section(&mut doc, "Go to", lines.join("\n"));
        }
    }
    if let Some(h) = &s.hours {
        let days: Vec<String> = h
            .days
            .iter()
            .map(|d| match (&d.opens_at, &d.closes_at) {
                (Some(o), Some(c)) => format!("{}: {o}–{c}", d.day_label),
                _ => d.day_label.clone(),
            })
            .collect();
        section(
            &mut doc,
            "Open",
            if days.is_empty() {
                h.text.clone()
            } else {
                days.join("\n")
            },
        );
    }
    let mut bring: Vec<String> = s.required_documents.clone();
    if let Some(a) = &s.application_process {
        bring.push(a.clone());
    }
    section(
        &mut doc,
        "What to bring",
        if bring.is_empty() {
            "Your ID and this slip.".into()
        } else {
            bring.join("\n")
        },
    );
    if !s.languages.is_empty() {
        section(&mut doc, "Languages", s.languages.join(", "));
    }
    section(
        &mut doc,
        "Cost",
        s.fees_description
            .clone()
            .unwrap_or_else(|| s.cost_label.to_owned()),
    );
    doc.gap(16.0);
    doc.paragraph(
        "Questions, or could not get through? Call your care coordinator.",
        Style::body(BODY - 1.0),
        0.0,
    );
    doc.finish()
}

fn section(doc: &mut Document, label: &str, text: String) {
    doc.paragraph(label, Style::bold(BODY).ink(Ink::Accent), 0.0);
    doc.paragraph(&text, Style::body(BODY), 12.0);
    doc.gap(6.0);
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(x.clone()));
    v
}
