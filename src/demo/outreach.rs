//! Synthetic outreach for a demo patient: a dozen or so contacts over their latest episode
//! (mostly reached, some voicemails and unanswered calls followed by a retry), the odd
//! run of unreached attempts that calls for a letter, and some ED visits and hospital
//! stays, a few of them discharged in the last days — so the demo's Today looks like a
//! real morning.

use jiff::ToSpan;
use jiff::civil::Date;
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use rusqlite::params;

use crate::enrollment::EnrollmentStatus;
use crate::error::Result;
use crate::store::Writer;

/// A patient's latest episode: when it started, its status, and its last date.
#[derive(Debug, Clone, Copy)]
pub(super) struct Episode {
    pub started: Date,
    pub status: EnrollmentStatus,
    pub latest: Date,
}

const FACILITIES: &[&str] = &[
    "Riverside General Hospital",
    "St. Luke's Medical Center",
    "Mercy Hospital",
    "Valley Community Hospital",
];
const REASONS: &[&str] = &[
    "Chest pain",
    "Hyperglycemia",
    "Fall",
    "Shortness of breath",
    "Suicidal ideation",
    "Pneumonia",
    "Hypertensive urgency",
];
const NOTES: &[&str] = &[
    "Mood a little better; sleeping more regularly.",
    "Reviewed medication; taking it most days.",
    "Walked twice this week as planned.",
    "Worried about rent; gave food pantry number.",
    "Side effects settling; no change for now.",
    "Reviewed safety plan together.",
];

/// Writes contacts and transitions for one patient; returns (contacts, transitions).
pub(super) fn fill_patient(
    w: &Writer<'_>,
    rng: &mut ChaCha8Rng,
    patient_id: &str,
    episode: Option<Episode>,
    today: Date,
) -> Result<(usize, usize)> {
    let Some(episode) = episode else {
        return Ok((0, 0));
    };
    let open = matches!(
        episode.status,
        EnrollmentStatus::Screening | EnrollmentStatus::Active | EnrollmentStatus::RelapseWatch
    );
    // Referred patients are called too (to screen them); closed episodes stop at their end.
    let end = if open || episode.status == EnrollmentStatus::Referred {
        today
    } else {
        episode.latest.min(today)
    };
    let mut contacts = Vec::new();
    let mut on = episode.started + rng.random_range(1..6).days();
    while on <= end {
        let outcome = match rng.random_range(0..100) {
            0..72 => "reached",
            72..84 => "voicemail",
            84..95 => "no-answer",
            95..97 => "wrong-number",
            _ => "declined",
        };
        contacts.push((on, outcome));
        on += if matches!(outcome, "reached" | "declined") {
            rng.random_range(5..17)
        } else {
            rng.random_range(1..4)
        }
        .days();
    }
    // Keep twelve to eighteen: the most recent ones.
    let keep = rng.random_range(12..19);
    if contacts.len() > keep {
        contacts.drain(..contacts.len() - keep);
    }
    if open {
        match rng.random_range(0..100) {
            // Three unreached calls on three days in the last fortnight: "send a letter".
            0..4 => {
                contacts.retain(|(d, _)| *d < today - 14.days());
                for back in [12, 8, 3] {
                    contacts.push((today - back.days(), "no-answer"));
                }
            }
            // ...and a letter that went unanswered: "consider unreachable".
            4..6 => {
                contacts.retain(|(d, _)| *d < today - 50.days());
                for back in [48, 46, 44] {
                    contacts.push((today - back.days(), "no-answer"));
                }
                contacts.push((today - 40.days(), "letter-sent"));
            }
            _ => {}
        }
    }
    let now = w.now_text();
    let mut transitions = 0;
    if rng.random_range(0..100) < 26 {
        let mut stmt = w.tx().prepare_cached(
            "INSERT INTO transitions (id, patient_id, kind, facility, admitted_on, discharged_on,
                 reason, heard_from, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        )?;
        let stays = if rng.random_range(0..100) < 15 { 2 } else { 1 };
        let span = (end - episode.started).get_days().max(2);
        // One open patient in five with a transition was discharged in the last days.
        let mut admitted = if open && rng.random_range(0..5) == 0 {
            today - rng.random_range(2..8).days()
        } else {
            episode.started + rng.random_range(0..span).days()
        };
        for _ in 0..stays {
            let kind = ["ed", "ed", "inpatient", "observation", "inpatient"]
                .choose(rng)
                .copied()
                .unwrap_or("ed");
            let length = if kind == "ed" {
                0
            } else {
                rng.random_range(1..6)
            };
            let discharged = (admitted + length.days()).min(today);
            if admitted > today {
                break;
            }
            stmt.execute(params![
                crate::ids::new_id(),
                patient_id,
                kind,
                FACILITIES.choose(rng).copied(),
                admitted.to_string(),
                discharged.to_string(),
                REASONS.choose(rng).copied(),
                ["hospital-notice", "hie-alert", "patient", "family"]
                    .choose(rng)
                    .copied(),
                now
            ])?;
            transitions += 1;
            // Followed up a day or two later, as a coordinator would — except the
            // discharges of the last days, which are today's work.
            let follow_up = discharged + rng.random_range(1..3).days();
            if follow_up < today - 1.day() {
                contacts.push((follow_up, "reached"));
            }
            // A second stay within a month: a readmission.
            admitted = discharged + rng.random_range(5..40).days();
        }
    }
    contacts.sort_by_key(|(on, _)| *on);
    let mut stmt = w.tx().prepare_cached(
        "INSERT INTO contacts (id, patient_id, at, on_date, channel, direction, with_whom, outcome,
             minutes, topics, note, next_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'outbound', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?;
    let last = contacts.len().saturating_sub(1);
    for (i, (on, outcome)) in contacts.iter().enumerate() {
        let reached = matches!(*outcome, "reached" | "declined");
        let channel = match (*outcome, rng.random_range(0..10)) {
            ("letter-sent", _) => "letter",
            (_, 0) if reached => "in-person",
            (_, 1) if reached => "video",
            _ => "phone",
        };
        let with_whom = if reached && rng.random_range(0..10) == 0 {
            "family"
        } else {
            "patient"
        };
        let minutes = reached.then(|| rng.random_range(5..40));
        let topics = if reached {
            let all = [
                "symptoms",
                "medication",
                "behavioral-activation",
                "goals",
                "social-needs",
            ];
            let how_many = rng.random_range(1..3);
            let picked: Vec<&str> = all.choose_multiple(rng, how_many).copied().collect();
            serde_json::to_string(&picked).unwrap_or_else(|_| "[]".into())
        } else {
            "[]".into()
        };
        let note = reached.then(|| NOTES.choose(rng).copied()).flatten();
        // The last reached contact sometimes sets the next date itself.
        let next_on = (i == last && reached && rng.random_bool(0.3))
            .then(|| (*on + rng.random_range(5..15).days()).to_string());
        let at = format!(
            "{on} {:02}:{:02}",
            rng.random_range(8..17),
            5 * rng.random_range(0..12)
        );
        stmt.execute(params![
            crate::ids::new_id(),
            patient_id,
            at,
            on.to_string(),
            channel,
            with_whom,
            outcome,
            minutes,
            topics,
            note,
            next_on,
            now
        ])?;
    }

    Ok((contacts.len(), transitions))
}
