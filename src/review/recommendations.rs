//! The consultant's recommendations and whether the PCP acted on them.
//!
//! A recommendation stays open ("pending") until the coordinator records that the PCP
//! acted on it (done) or decided against it (declined), with the date. Open ones carry
//! the patient onto every following review list, so nothing recommended is forgotten.

use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::audit::AuditEntry;
use crate::error::{Error, FieldError, Result};
use crate::patients::PatientRef;
use crate::store::{Reader, Store};

/// What kind of change the consultant recommends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    MedicationChange,
    DoseChange,
    TherapyReferral,
    Other,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::MedicationChange,
        Category::DoseChange,
        Category::TherapyReferral,
        Category::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::MedicationChange => "medication-change",
            Category::DoseChange => "dose-change",
            Category::TherapyReferral => "therapy-referral",
            Category::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::MedicationChange => "Medication change",
            Category::DoseChange => "Dose change",
            Category::TherapyReferral => "Therapy referral",
            Category::Other => "Other",
        }
    }

    pub fn parse(text: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == text.trim())
    }
}

/// Whether the PCP acted on a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FollowThrough {
    Pending,
    Done,
    Declined,
}

impl FollowThrough {
    pub const ALL: [FollowThrough; 3] = [
        FollowThrough::Pending,
        FollowThrough::Done,
        FollowThrough::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FollowThrough::Pending => "pending",
            FollowThrough::Done => "done",
            FollowThrough::Declined => "declined",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FollowThrough::Pending => "Pending",
            FollowThrough::Done => "Done",
            FollowThrough::Declined => "Declined",
        }
    }

    pub fn parse(text: &str) -> Option<FollowThrough> {
        FollowThrough::ALL
            .into_iter()
            .find(|f| f.as_str() == text.trim())
    }
}

/// One recommendation, with the session it came from and the patient it concerns.
#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    pub id: String,
    pub session_id: String,
    /// The date of the review session where it was made.
    pub session_held_on: String,
    /// Who it concerns, with their age on the day it is read for.
    #[serde(flatten)]
    pub patient: PatientRef,
    /// The patient's record was removed (entered in error) after the session; the
    /// session still shows what was recommended.
    pub patient_removed: bool,
    pub category: Category,
    pub category_label: &'static str,
    pub text: String,
    pub follow_through: FollowThrough,
    pub follow_through_label: &'static str,
    /// When the PCP acted on it or declined; `None` while pending.
    pub follow_through_on: Option<String>,
    /// Still pending: it carries the patient onto the next review list.
    pub is_open: bool,
    pub created_at: String,
}

impl Recommendation {
    /// How the review list gives it as a reason:
    /// "Open recommendation from 2026-11-12: dose change — sertraline 100 mg".
    pub fn as_reason(&self) -> String {
        format!(
            "Open recommendation from {}: {} — {}",
            self.session_held_on,
            self.category_label.to_lowercase(),
            self.text
        )
    }
}

pub(crate) const TEXT_MAX: usize = 2000;

/// Records whether the PCP acted on a recommendation. `done` and `declined` need the
/// date it happened (empty = today), which cannot be in the future nor before the
/// session that made the recommendation; going back to `pending` clears the date.
pub fn set_follow_through(
    store: &mut Store,
    recommendation_id: &str,
    status: &str,
    on_date: &str,
) -> Result<Recommendation> {
    let (today, current) = store.read(|r| Ok((r.today(), get(r, recommendation_id)?)))?;
    let status_value = FollowThrough::parse(status).ok_or_else(|| {
        Error::invalid(
            "status",
            format!(
                "\"{}\" is not a follow-through; use pending, done or declined.",
                status.trim()
            ),
        )
    })?;
    let on = match status_value {
        FollowThrough::Pending => None,
        _ => Some(follow_through_date(
            on_date,
            &current.session_held_on,
            today,
        )?),
    };
    let on_text = on.map(|d| d.to_string());
    if status_value == current.follow_through && on_text == current.follow_through_on {
        return Ok(current);
    }
    store.write(|w| {
        let updated = w.tx().execute(
            "UPDATE review_recommendations SET follow_through = ?2, follow_through_on = ?3,
                 updated_at = ?4
             WHERE id = ?1 AND deleted_at IS NULL",
            params![current.id, status_value.as_str(), on_text, w.now_text()],
        )?;
        if updated != 1 {
            return Err(Error::NotFound(
                "That recommendation no longer exists.".into(),
            ));
        }
        w.audit(AuditEntry {
            entity: "review_recommendation",
            entity_id: current.id.clone(),
            patient_id: Some(current.patient.id.clone()),
            action: "follow-through".into(),
            changes: crate::audit::diff(&[
                (
                    "follow_through",
                    Some(current.follow_through.as_str()),
                    Some(status_value.as_str()),
                ),
                (
                    "follow_through_on",
                    current.follow_through_on.as_deref(),
                    on_text.as_deref(),
                ),
            ]),
        })?;
        crate::patients::touch(w, &current.patient.id)
    })?;
    store.read(|r| get(r, recommendation_id))
}

/// The date a recommendation was acted on or declined: empty means today; never in the
/// future, never before the session that made it.
fn follow_through_date(text: &str, session_held_on: &str, today: Date) -> Result<Date> {
    if text.trim().is_empty() {
        return Ok(today);
    }
    let date = crate::dates::required("on", "The follow-through date", text)
        .map_err(|e| Error::Invalid(vec![e]))?;
    if date > today {
        return Err(Error::invalid(
            "on",
            "The follow-through date cannot be in the future.",
        ));
    }
    if date.to_string().as_str() < session_held_on {
        return Err(Error::invalid(
            "on",
            format!(
                "The follow-through date is before the review session ({session_held_on}) that made this recommendation."
            ),
        ));
    }
    Ok(date)
}

/// One recommendation, if neither it nor its session was removed.
pub fn get(r: &Reader<'_>, id: &str) -> Result<Recommendation> {
    r.conn()
        .query_row(&format!("{} WHERE r.id = ?1", select()), [id], |row| {
            from_row(row, r.today())
        })
        .optional()?
        .ok_or_else(|| Error::NotFound("That recommendation no longer exists.".into()))
}

/// The recommendations made in one session, in the order they were recorded.
pub fn for_session(r: &Reader<'_>, session_id: &str) -> Result<Vec<Recommendation>> {
    let mut stmt = r.conn().prepare_cached(&format!(
        "{} WHERE r.session_id = ?1 ORDER BY r.rowid",
        select()
    ))?;
    let rows = stmt.query_map([session_id], |row| from_row(row, r.today()))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every recommendation made for a patient, newest session first.
pub fn for_patient(r: &Reader<'_>, patient_id: &str) -> Result<Vec<Recommendation>> {
    crate::patients::get(r, patient_id)?;
    let mut stmt = r.conn().prepare_cached(&format!(
        "{} WHERE r.patient_id = ?1 ORDER BY s.held_on DESC, r.rowid DESC",
        select()
    ))?;
    let rows = stmt.query_map([patient_id], |row| from_row(row, r.today()))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Recommendations still pending that were made in sessions held on or before `on`,
/// for patients still in the caseload; oldest session first.
pub(crate) fn open_on(conn: &Connection, on: Date) -> Result<Vec<Recommendation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{} WHERE r.follow_through = 'pending' AND s.held_on <= ?1
             AND p.deleted_at IS NULL
         ORDER BY s.held_on, r.rowid",
        select()
    ))?;
    let rows = stmt.query_map([on.to_string()], |row| from_row(row, on))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The recommendation part of a discussion form. Both fields blank = no recommendation.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RecommendationDraft {
    /// `medication-change`, `dose-change`, `therapy-referral` or `other`.
    pub category: String,
    pub text: String,
}

impl RecommendationDraft {
    pub(crate) fn is_blank(&self) -> bool {
        self.category.trim().is_empty() && self.text.trim().is_empty()
    }

    /// The category and text, or one message per field that is wrong.
    pub(crate) fn check(&self) -> std::result::Result<(Category, String), Vec<FieldError>> {
        let mut errors = Vec::new();
        let category = match self.category.trim() {
            "" => {
                errors.push(FieldError::new(
                    "recommendation.category",
                    "Choose the kind of recommendation: medication change, dose change, therapy referral or other.",
                ));
                None
            }
            text => {
                let found = Category::parse(text);
                if found.is_none() {
                    errors.push(FieldError::new(
                        "recommendation.category",
                        format!(
                            "\"{text}\" is not a kind of recommendation; use medication change, dose change, therapy referral or other."
                        ),
                    ));
                }
                found
            }
        };
        let text = self.text.trim();
        if text.is_empty() {
            errors.push(FieldError::new(
                "recommendation.text",
                "Write down the recommendation (for example: increase sertraline to 100 mg).",
            ));
        } else if text.chars().count() > TEXT_MAX {
            errors.push(FieldError::new(
                "recommendation.text",
                format!("The recommendation is longer than {TEXT_MAX} characters."),
            ));
        }
        match category {
            Some(c) if errors.is_empty() => Ok((c, text.to_owned())),
            _ => Err(errors),
        }
    }
}

/// The query every read starts from; [`from_row`] reads its columns.
fn select() -> String {
    format!(
        "SELECT r.id, r.session_id, s.held_on, {}, p.deleted_at IS NOT NULL, r.category, r.text,
            r.follow_through, r.follow_through_on, r.created_at
        FROM review_recommendations r
        JOIN review_sessions s ON s.id = r.session_id AND s.deleted_at IS NULL
        JOIN patients p ON p.id = r.patient_id",
        PatientRef::columns("p")
    )
}

/// A row of [`select`]; the patient's age is counted on `on`.
fn from_row(row: &rusqlite::Row<'_>, on: Date) -> rusqlite::Result<Recommendation> {
    // The columns after the patient's.
    let after = 3 + PatientRef::COLUMNS;
    let unknown = |column: usize, text: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("unknown value {text}").into(),
        )
    };
    let category: String = row.get(after + 1)?;
    let category = Category::parse(&category).ok_or_else(|| unknown(after + 1, &category))?;
    let follow_through: String = row.get(after + 3)?;
    let follow_through =
        FollowThrough::parse(&follow_through).ok_or_else(|| unknown(after + 3, &follow_through))?;
    Ok(Recommendation {
        id: row.get(0)?,
        session_id: row.get(1)?,
        session_held_on: row.get(2)?,
        patient: PatientRef::from_row(row, 3, on)?,
        patient_removed: row.get(after)?,
        category,
        category_label: category.label(),
        text: row.get(after + 2)?,
        follow_through,
        follow_through_label: follow_through.label(),
        follow_through_on: row.get(after + 4)?,
        is_open: follow_through == FollowThrough::Pending,
        created_at: row.get(after + 5)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn categories_and_follow_through_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
        }
        for f in FollowThrough::ALL {
            assert_eq!(FollowThrough::parse(f.as_str()), Some(f));
        }
        assert_eq!(Category::parse("Dose change"), None);
        assert_eq!(FollowThrough::parse("closed"), None);
    }

    #[test]
    fn follow_through_date_defaults_to_today_and_stays_between_session_and_today() {
        let today = date(2026, 11, 20);
        assert_eq!(
            follow_through_date(" ", "2026-11-12", today).unwrap(),
            today
        );
        assert_eq!(
            follow_through_date("2026-11-12", "2026-11-12", today).unwrap(),
            date(2026, 11, 12)
        );
        assert_eq!(
            follow_through_date("11/20/2026", "2026-11-12", today).unwrap(),
            today
        );
        for bad in ["2026-11-11", "2026-11-21", "soon"] {
            let e = follow_through_date(bad, "2026-11-12", today).unwrap_err();
            assert_eq!(e.fields()[0].field, "on", "{bad}");
        }
    }

    #[test]
    fn a_blank_recommendation_is_none_and_a_half_filled_one_names_the_missing_field() {
        assert!(RecommendationDraft::default().is_blank());
        let only_text = RecommendationDraft {
            category: String::new(),
            text: "Start sertraline".into(),
        };
        assert!(!only_text.is_blank());
        let fields: Vec<_> = only_text
            .check()
            .unwrap_err()
            .into_iter()
            .map(|f| f.field)
            .collect();
        assert_eq!(fields, ["recommendation.category"]);
        let ok = RecommendationDraft {
            category: "dose-change".into(),
            text: "  Sertraline 100 mg ".into(),
        };
        assert_eq!(
            ok.check().unwrap(),
            (Category::DoseChange, "Sertraline 100 mg".to_owned())
        );
    }
}
