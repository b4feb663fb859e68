//! One patient's timeline: contacts, transitions, enrollment moves, measures, safety
//! flags and review recommendations in one list, newest first, each with its kind so
//! the page can filter.

use serde::Serialize;

use crate::error::Result;
use crate::store::Reader;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimelineKind {
    Contact,
    Transition,
    Enrollment,
    Measure,
    Safety,
    Recommendation,
}

impl TimelineKind {
    pub const ALL: [TimelineKind; 6] = [
        TimelineKind::Contact,
        TimelineKind::Transition,
        TimelineKind::Enrollment,
        TimelineKind::Measure,
        TimelineKind::Safety,
        TimelineKind::Recommendation,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TimelineKind::Contact => "Contacts",
            TimelineKind::Transition => "Hospital and ED",
            TimelineKind::Enrollment => "Enrollment",
            TimelineKind::Measure => "Measures",
            TimelineKind::Safety => "Safety flags",
            TimelineKind::Recommendation => "Recommendations",
        }
    }
}

/// The timeline and the words of its filter.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// Every kind of entry, in filter order, with its label.
    pub kinds: Vec<KindLabel>,
    pub entries: Vec<TimelineEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindLabel {
    pub kind: TimelineKind,
    pub label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    /// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`: sorts as text.
    pub at: String,
    pub kind: TimelineKind,
    pub title: String,
    pub detail: Option<String>,
    /// The record it shows.
    pub id: String,
}

/// Everything on a patient's record up to the reader's day, newest first.
pub fn timeline(r: &Reader<'_>, patient_id: &str) -> Result<Timeline> {
    Ok(Timeline {
        kinds: TimelineKind::ALL
            .iter()
            .map(|&kind| KindLabel {
                kind,
                label: kind.label(),
            })
            .collect(),
        entries: entries(r, patient_id)?,
    })
}

fn entries(r: &Reader<'_>, patient_id: &str) -> Result<Vec<TimelineEntry>> {
    let today = r.today().to_string();
    let mut out = Vec::new();
    let mut push = |at: String, kind, title: String, detail: Option<String>, id: &str| {
        if at.get(..10).is_some_and(|d| d <= today.as_str()) {
            out.push(TimelineEntry {
                at,
                kind,
                title,
                detail,
                id: id.to_owned(),
            });
        }
    };
    for c in crate::outreach::for_patient(r, patient_id, false)? {
        let minutes = c.minutes.map(|m| format!(", {m} min")).unwrap_or_default();
        push(
            c.at.clone(),
            TimelineKind::Contact,
            format!(
                "{} with {}: {}{minutes}",
                c.channel_label,
                c.with_label.to_lowercase(),
                c.outcome_label.to_lowercase()
            ),
            c.note.clone(),
            &c.id,
        );
    }
    for t in crate::transitions::for_patient(r, patient_id)? {
        let readmission = if t.readmission { " (readmission)" } else { "" };
        push(
            t.admitted_on.to_string(),
            TimelineKind::Transition,
            format!("{}{readmission} at {}", t.kind_label, t.facility),
            Some(match t.discharged_on {
                Some(d) if d == t.admitted_on => {
                    t.reason.clone().unwrap_or_else(|| "Same day".into())
                }
                Some(d) => format!(
                    "Discharged {d}{}",
                    t.reason
                        .as_ref()
                        .map(|r| format!(" · {r}"))
                        .unwrap_or_default()
                ),
                None => format!(
                    "Still in{}",
                    t.reason
                        .as_ref()
                        .map(|r| format!(" · {r}"))
                        .unwrap_or_default()
                ),
            }),
            &t.id,
        );
    }
    for e in crate::enrollment::for_patient(r, patient_id)? {
        for ev in &e.events {
            push(
                ev.on_date.clone(),
                TimelineKind::Enrollment,
                format!("{}: {}", e.program_name, ev.to_status.label()),
                ev.reason.clone().or_else(|| ev.note.clone()),
                &e.id,
            );
        }
    }
    for m in crate::measures::for_patient(r, patient_id, false)? {
        push(
            m.taken_on.clone(),
            TimelineKind::Measure,
            format!("{} {}", m.kind_label, m.display),
            m.note.clone(),
            &m.id,
        );
    }
    for f in crate::measures::safety::for_patient(r, patient_id)? {
        push(
            f.raised_on.clone(),
            TimelineKind::Safety,
            format!("Safety flag: PHQ-9 item 9 = {}", f.item9),
            Some(match (&f.acknowledged_at, &f.action_taken) {
                (Some(at), Some(action)) => {
                    format!("Acknowledged {}: {action}", at.get(..10).unwrap_or(at))
                }
                _ => "Open".into(),
            }),
            &f.id,
        );
    }
    for rec in crate::review::recommendations_for_patient(r, patient_id)? {
        push(
            rec.session_held_on.clone(),
            TimelineKind::Recommendation,
            format!("Recommendation: {}", rec.category_label),
            Some(format!("{} · {}", rec.text, rec.follow_through_label)),
            &rec.id,
        );
    }
    out.sort_by(|a, b| b.at.cmp(&a.at).then(a.kind.cmp(&b.kind)));
    Ok(out)
}
