//! The weekly review list: who should be brought to the case review, and why.
//!
//! Built for a review date from what the registry says on that day — safety flags,
//! "not improving" and "discuss" (computed by `crate::flags` as of the date) — plus the
//! patients activated since the previous review and those with a recommendation still
//! waiting for the PCP. Every row carries its reasons, so the list explains itself.
//!
//! Things that close a reason (acknowledging a safety flag, clearing a mark, recording
//! follow-through) count as they stand now, as in the flag engine: a list for a past
//! date never brings back something that has since been dealt with.

use std::collections::HashMap;

use jiff::ToSpan;
use jiff::civil::Date;
use rusqlite::{Connection, ToSql};
use serde::Serialize;

use super::recommendations::{self, Recommendation};
use crate::error::{Error, Result};
use crate::flags::{Dated, FlagKind, Standing};
use crate::patients::PatientRef;
use crate::store::Reader;

/// Why a patient is on the list, in the order the list shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonKind {
    Safety,
    NotImproving,
    NoContact,
    Discuss,
    NewEnrollee,
    OpenRecommendation,
}

impl ReasonKind {
    /// The chip text.
    pub fn label(self) -> &'static str {
        match self {
            ReasonKind::Safety => "Safety flag",
            ReasonKind::NotImproving => "Not improving",
            ReasonKind::NoContact => "No contact",
            ReasonKind::Discuss => "Marked to discuss",
            ReasonKind::NewEnrollee => "New enrollee",
            ReasonKind::OpenRecommendation => "Open recommendation",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub kind: ReasonKind,
    pub label: &'static str,
    /// The numbers behind it: the flag's own detail, the activation date, or the
    /// recommendation.
    pub detail: String,
    /// One line for the session record: "Not improving: PHQ-9 18 → 15 ...".
    pub text: String,
}

impl Reason {
    pub fn new(kind: ReasonKind, detail: String) -> Reason {
        let text = match kind {
            // Already sentences that name themselves ("Marked to discuss on ...",
            // "Open recommendation from ...").
            ReasonKind::Discuss | ReasonKind::OpenRecommendation => detail.clone(),
            _ => format!("{}: {detail}", kind.label()),
        };
        Reason {
            kind,
            label: kind.label(),
            detail,
            text,
        }
    }
}

/// One patient on the list.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewRow {
    /// Who, with their age on the review date.
    #[serde(flatten)]
    pub patient: PatientRef,
    /// The program the patient is treated in (its targets and rules apply).
    pub program_code: Option<String>,
    pub program_name: Option<String>,
    pub weeks_in_treatment: Option<i64>,
    pub baseline_phq9: Option<Dated>,
    pub latest_phq9: Option<Dated>,
    /// Latest follow-up PHQ-9 against the baseline, in percent (negative = better).
    pub change_pct: Option<f64>,
    pub reasons: Vec<Reason>,
    /// Every recommendation still pending for the patient, including any from a session
    /// held on the review date itself.
    pub open_recommendations: Vec<Recommendation>,
}

impl ReviewRow {
    pub fn has(&self, kind: ReasonKind) -> bool {
        self.reasons.iter().any(|r| r.kind == kind)
    }
}

/// The previous review, from which new enrollees are counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreviousSession {
    pub id: String,
    pub held_on: Date,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewList {
    /// The review date; flags are computed as of this day.
    pub week_of: Date,
    /// New enrollees are those activated from this day through `week_of`: the day after
    /// the previous review, or the 7 days ending on `week_of` when there was none.
    pub new_since: Date,
    pub previous_session: Option<PreviousSession>,
    /// Safety first, then not improving, then the rest; by name within each.
    pub rows: Vec<ReviewRow>,
}

/// The review list for the review held on the reader's day (any day; with no earlier
/// session, the week is the 7 days ending on it). For another week, read with
/// `Reader::on(week_of)`.
pub fn list(r: &Reader<'_>) -> Result<ReviewList> {
    build(r, None)
}

/// The review date as typed: `YYYY-MM-DD` or `MM/DD/YYYY`; empty means `today`.
pub fn parse_week_of(text: &str, today: Date) -> Result<Date> {
    if text.trim().is_empty() {
        return Ok(today);
    }
    crate::dates::required("week_of", "The review date", text).map_err(|e| Error::Invalid(vec![e]))
}

/// The reasons one patient is on the list for the reader's day, as recorded with a
/// discussion.
pub(crate) fn reasons_on(r: &Reader<'_>, patient_id: &str) -> Result<Vec<String>> {
    Ok(build(r, Some(patient_id))?
        .rows
        .into_iter()
        .flat_map(|row| row.reasons)
        .map(|r| r.text)
        .collect())
}

/// The list for everyone, or for one patient (`only`), in a handful of queries.
fn build(r: &Reader<'_>, only: Option<&str>) -> Result<ReviewList> {
    let (conn, week_of) = (r.conn(), r.today());
    let previous = super::sessions::previous(conn, week_of)?;
    let after = match &previous {
        Some((_, held_on)) => *held_on,
        None => week_of
            .checked_sub(7.days())
            .map_err(|e| Error::Internal(format!("review date out of range: {e}")))?,
    };
    let new_since = after
        .tomorrow()
        .map_err(|e| Error::Internal(format!("review date out of range: {e}")))?;
    let scope: Option<Vec<String>> = only.map(|id| vec![id.to_owned()]);
    let standings = crate::flags::standings(r, scope.as_deref())?;

    let mut reasons: HashMap<String, Vec<Reason>> = HashMap::new();
    for (patient_id, standing) in &standings {
        for flag in &standing.flags {
            let kind = match flag.kind {
                FlagKind::Safety => ReasonKind::Safety,
                FlagKind::NotImproving => ReasonKind::NotImproving,
                FlagKind::NoContact => ReasonKind::NoContact,
                FlagKind::Discuss => ReasonKind::Discuss,
                _ => continue,
            };
            reasons
                .entry(patient_id.clone())
                .or_default()
                .push(Reason::new(kind, flag.detail.clone()));
        }
    }
    for (patient_id, detail) in new_enrollees(conn, after, week_of, only)? {
        reasons
            .entry(patient_id)
            .or_default()
            .push(Reason::new(ReasonKind::NewEnrollee, detail));
    }
    let mut open: HashMap<String, Vec<Recommendation>> = HashMap::new();
    for rec in recommendations::open_on(conn, week_of)? {
        if only.is_some_and(|id| id != rec.patient.id) {
            continue;
        }
        // A recommendation made on the review date itself belongs to this review, not
        // to an earlier one: it is shown with the row but does not put the patient on it.
        if rec.session_held_on < week_of.to_string() {
            reasons
                .entry(rec.patient.id.clone())
                .or_default()
                .push(Reason::new(ReasonKind::OpenRecommendation, rec.as_reason()));
        }
        open.entry(rec.patient.id.clone()).or_default().push(rec);
    }

    let ids: Vec<String> = reasons.keys().cloned().collect();
    let patients = living_patients(conn, &ids, week_of)?;
    let programs: HashMap<String, String> = crate::programs::list(r)?
        .into_iter()
        .map(|p| (p.code, p.name))
        .collect();
    let mut rows: Vec<(u8, String, ReviewRow)> = Vec::with_capacity(patients.len());
    for (patient_id, mut row_reasons) in reasons {
        // Soft-deleted patients (entered in error) are not brought to a review.
        let Some(p) = patients.get(&patient_id) else {
            continue;
        };
        row_reasons.sort_by_key(|r| r.kind);
        let standing = standings.get(&patient_id).cloned().unwrap_or_default();
        let row = make_row(&p.patient, standing, row_reasons, &programs, &mut open);
        let rank = if row.has(ReasonKind::Safety) {
            0
        } else if row.has(ReasonKind::NotImproving) {
            1
        } else {
            2
        };
        rows.push((rank, p.sort_key.clone(), row));
    }
    rows.sort_by(|a, b| (a.0, &a.1, &a.2.patient.id).cmp(&(b.0, &b.1, &b.2.patient.id)));
    Ok(ReviewList {
        week_of,
        new_since,
        previous_session: previous.map(|(id, held_on)| PreviousSession { id, held_on }),
        rows: rows.into_iter().map(|(_, _, row)| row).collect(),
    })
}

fn make_row(
    patient: &PatientRef,
    standing: Standing,
    reasons: Vec<Reason>,
    programs: &HashMap<String, String>,
    open: &mut HashMap<String, Vec<Recommendation>>,
) -> ReviewRow {
    let program_name = standing
        .treatment_program
        .as_ref()
        .and_then(|code| programs.get(code).cloned());
    ReviewRow {
        patient: patient.clone(),
        program_code: standing.treatment_program,
        program_name,
        weeks_in_treatment: standing.progress.weeks_in_treatment,
        baseline_phq9: standing.progress.baseline,
        latest_phq9: standing.latest_phq9,
        change_pct: standing.progress.change_pct,
        reasons,
        open_recommendations: open.remove(&patient.id).unwrap_or_default(),
    }
}

/// Episodes activated after `after` and on or before `week_of`, as (patient, detail).
/// An episode already closed by the review date is left out: there is no one to review.
fn new_enrollees(
    conn: &Connection,
    after: Date,
    week_of: Date,
    only: Option<&str>,
) -> Result<Vec<(String, String)>> {
    let (after, week_of) = (after.to_string(), week_of.to_string());
    let mut args: Vec<&dyn ToSql> = vec![&after, &week_of];
    let scope = match &only {
        Some(id) => {
            args.push(id);
            " AND e.patient_id = ?3"
        }
        None => "",
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT e.patient_id, g.name, e.active_on FROM enrollments e
         JOIN programs g ON g.id = e.program_id
         WHERE e.deleted_at IS NULL AND e.active_on > ?1 AND e.active_on <= ?2
           AND NOT (e.status IN ('graduated', 'disenrolled') AND e.ended_on <= ?2){scope}
         ORDER BY e.active_on, e.rowid"
    ))?;
    let rows = stmt.query_map(args.as_slice(), |row| {
        let program: String = row.get(1)?;
        let active_on: String = row.get(2)?;
        Ok((
            row.get(0)?,
            format!("active in {program} since {active_on}"),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What a row shows about the patient, and the key it is sorted by within its group.
struct PatientLine {
    patient: PatientRef,
    sort_key: String,
}

/// The patients among `ids` who are still in the caseload (not soft-deleted), with
/// their age on `on`.
fn living_patients(
    conn: &Connection,
    ids: &[String],
    on: Date,
) -> Result<HashMap<String, PatientLine>> {
    let mut out = HashMap::with_capacity(ids.len());
    // Chunks keep each query well under SQLite's limit on bound parameters.
    for chunk in ids.chunks(500) {
        let slots = (1..=chunk.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let args: Vec<&dyn ToSql> = chunk.iter().map(|id| id as &dyn ToSql).collect();
        let mut stmt = conn.prepare(&format!(
            "SELECT {}, p.sort_key FROM patients p
             WHERE p.deleted_at IS NULL AND p.id IN ({slots})",
            PatientRef::columns("p")
        ))?;
        let mut rows = stmt.query(args.as_slice())?;
        while let Some(row) = rows.next()? {
            let patient = PatientRef::from_row(row, 0, on)?;
            out.insert(
                patient.id.clone(),
                PatientLine {
                    patient,
                    sort_key: row.get(PatientRef::COLUMNS)?,
                },
            );
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_text_names_the_reason_once() {
        let flag = Reason::new(ReasonKind::NotImproving, "PHQ-9 18 → 15".into());
        assert_eq!(flag.text, "Not improving: PHQ-9 18 → 15");
        let rec = Reason::new(
            ReasonKind::OpenRecommendation,
            "Open recommendation from 2026-11-12: dose change — 100 mg".into(),
        );
        assert_eq!(rec.text, rec.detail);
    }

    #[test]
    fn reason_kinds_sort_in_list_order() {
        let mut kinds = [
            ReasonKind::OpenRecommendation,
            ReasonKind::NewEnrollee,
            ReasonKind::Discuss,
            ReasonKind::NotImproving,
            ReasonKind::Safety,
        ];
        kinds.sort();
        assert_eq!(kinds[0], ReasonKind::Safety);
        assert_eq!(kinds[4], ReasonKind::OpenRecommendation);
    }

    #[test]
    fn week_of_defaults_to_today_and_names_the_field() {
        let today = jiff::civil::date(2026, 11, 20);
        assert_eq!(parse_week_of("", today).unwrap(), today);
        assert_eq!(
            parse_week_of("11/12/2026", today).unwrap(),
            jiff::civil::date(2026, 11, 12)
        );
        let e = parse_week_of("next week", today).unwrap_err();
        assert_eq!(e.fields()[0].field, "week_of");
    }
}
