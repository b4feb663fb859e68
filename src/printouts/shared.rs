//! What several printouts say the same way: dates in words, a value against its
//! target, the line that names a patient, the prep list.

use jiff::civil::Date;

use crate::flags::FlagKind;
use crate::pages::coming_in::{Value, Visit};
use crate::pdf::{Cell, Document, Ink, Style};

/// A check box to tick by hand in front of each prep item.
pub const BOX: &str = "☐";

/// "Thursday 3 December 2026".
pub fn long_date(day: Date) -> String {
    day.strftime("%A %-d %B %Y").to_string()
}

/// "José Nuñez" (first name first, as a person is greeted).
pub fn full_name(first: &str, last: &str) -> String {
    format!("{first} {last}")
}

/// A value, its date and where it stands against the target, for a table cell.
pub fn value_cell(value: Option<&Value>, size: f32) -> Cell {
    let Some(v) = value else {
        return Cell::new().then(
            "none on record",
            Style::body(size - 1.0).ink(Ink::Grey(0.35)),
        );
    };
    let ink = match v.at_target {
        Some(false) => Ink::Alert,
        _ => Ink::Black,
    };
    // Said in words as well as in red: most clinic printers are black and white.
    let judged = match (v.at_target, &v.target) {
        (Some(true), Some(t)) => format!("✓ at target {t}"),
        (Some(false), Some(t)) => format!("✗ target {t}"),
        _ => String::new(),
    };
    Cell::new()
        .then(v.display.clone(), Style::bold(size).ink(ink))
        .then(v.taken_on.to_string(), Style::body(size - 1.5))
        .then(judged, Style::body(size - 1.5))
}

/// The PHQ-9 cell: latest, date, and change from baseline.
pub fn phq9_cell(visit: &Visit, size: f32) -> Cell {
    let mut cell = value_cell(visit.phq9.as_ref(), size);
    if let (Some(base), Some(change)) = (&visit.phq9_baseline, visit.phq9_change_pct) {
        cell = cell.then(
            format!(
                "{:+.0} % from {} ({})",
                change,
                crate::measures::number(base.value),
                base.taken_on
            ),
            Style::body(size - 1.5),
        );
    }
    cell
}

/// "Program, week 8".
pub fn program_text(visit: &Visit) -> String {
    match (&visit.program, visit.weeks_in_treatment) {
        (Some(p), Some(w)) => format!("{p}, week {w}"),
        (Some(p), None) => p.clone(),
        (None, _) => "Not in treatment".into(),
    }
}

/// Flags a prep item already stands for ("PHQ-9 overdue" is "PHQ-9 at check-in").
pub fn covered_by_prep(kind: FlagKind) -> bool {
    kind.is_overdue()
        || matches!(
            kind,
            FlagKind::Safety | FlagKind::NotImproving | FlagKind::NoContact
        )
}

/// The flags the prep list does not already say, as one line.
pub fn other_flags(visit: &Visit) -> String {
    visit
        .flags
        .iter()
        .filter(|f| !covered_by_prep(f.kind))
        .map(|f| f.label)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The prep items as tick boxes, with why under each.
pub fn prep_list(doc: &mut Document, visit: &Visit, size: f32) {
    if visit.prep.is_empty() {
        doc.paragraph(
            "Nothing to prepare beyond the usual check-in.",
            Style::body(size),
            0.0,
        );
        return;
    }
    for p in &visit.prep {
        doc.paragraph(&format!("{BOX} {}", p.label), Style::bold(size), 0.0);
        doc.paragraph(
            &p.detail,
            Style::body(size - 1.0).ink(Ink::Grey(0.25)),
            14.0,
        );
    }
}
