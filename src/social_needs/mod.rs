//! A patient's social needs, each an HL7 Gravity SDOH category with a status
//! (identified, being addressed, resolved, declined) and a note. Referrals to the
//! directory's services address them.

use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::audit::{self, AuditEntry};
use crate::error::{Error, FieldError, Result};
use crate::store::{Reader, Store};
use crate::terms::terms;

terms!(
    /// The HL7 Gravity Project's SDOH categories (the value set's codes).
    NeedCategory, "social need (Gravity SDOH category)" {
        FoodInsecurity = "food-insecurity", "Food insecurity";
        HousingInstability = "housing-instability", "Housing instability";
        Homelessness = "homelessness", "Homelessness";
        InadequateHousing = "inadequate-housing", "Inadequate housing";
        TransportationInsecurity = "transportation-insecurity", "Transportation insecurity";
        FinancialInsecurity = "financial-insecurity", "Financial insecurity";
        UtilityInsecurity = "utility-insecurity", "Utility insecurity";
        MedicalCostBurden = "medical-cost-burden", "Medical cost burden";
        HealthInsuranceCoverageStatus = "health-insurance-coverage-status", "Health insurance coverage";
        EmploymentStatus = "employment-status", "Employment";
        SocialConnection = "social-connection", "Social connection";
        IntimatePartnerViolence = "intimate-partner-violence", "Intimate partner violence";
        ElderAbuse = "elder-abuse", "Elder abuse";
        Stress = "stress", "Stress";
        LanguageAccess = "language-access", "Language access";
        DigitalAccess = "digital-access", "Digital access";
        PersonalHealthLiteracy = "personal-health-literacy", "Personal health literacy";
        VeteranStatus = "veteran-status", "Veteran status";
        IncarcerationStatus = "incarceration-status", "Incarceration status";
        EducationalAttainment = "educational-attainment", "Educational attainment";
        MaterialHardship = "material-hardship", "Material hardship";
        DigitalLiteracy = "digital-literacy", "Digital literacy";
    }
);

terms!(
    /// Where a need stands.
    NeedStatus, "need status" {
        Identified = "identified", "Identified";
        BeingAddressed = "being-addressed", "Being addressed";
        Resolved = "resolved", "Resolved";
        Declined = "declined", "Declined";
    }
);

impl NeedStatus {
    pub fn is_open(self) -> bool {
        matches!(self, NeedStatus::Identified | NeedStatus::BeingAddressed)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SocialNeed {
    pub id: String,
    pub patient_id: String,
    pub category: NeedCategory,
    pub category_label: &'static str,
    pub status: NeedStatus,
    pub status_label: &'static str,
    pub note: Option<String>,
    pub identified_on: Date,
    pub updated_on: String,
    /// Referrals for this need still open.
    pub open_referrals: i64,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct NeedDraft {
    pub patient_id: String,
    pub category: String,
    pub status: String,
    pub note: String,
}

struct ValidNeed {
    category: NeedCategory,
    status: NeedStatus,
    note: Option<String>,
}

fn validate(draft: &NeedDraft) -> Result<ValidNeed> {
    let mut errors = Vec::new();
    let category = match draft.category.trim() {
        "" => {
            errors.push(FieldError::new(
                "category",
                "Choose the need (food insecurity, housing instability, ...).",
            ));
            None
        }
        t => NeedCategory::parse(t).or_else(|| {
            errors.push(FieldError::new("category", NeedCategory::unknown(t)));
            None
        }),
    };
    let status = match draft.status.trim() {
        "" => Some(NeedStatus::Identified),
        t => NeedStatus::parse(t).or_else(|| {
            errors.push(FieldError::new("status", NeedStatus::unknown(t)));
            None
        }),
    };
    let note = crate::text::optional(&mut errors, "note", "The note", &draft.note, 2000);
    match (category, status) {
        (Some(category), Some(status)) if errors.is_empty() => Ok(ValidNeed {
            category,
            status,
            note,
        }),
        _ => Err(Error::Invalid(errors)),
    }
}

fn changes(before: Option<&SocialNeed>, after: &ValidNeed) -> Vec<audit::FieldChange> {
    audit::diff(&[
        (
            "category",
            before.map(|b| b.category.as_str()),
            Some(after.category.as_str()),
        ),
        (
            "status",
            before.map(|b| b.status.as_str()),
            Some(after.status.as_str()),
        ),
        (
            "note",
            before.and_then(|b| b.note.as_deref()),
            after.note.as_deref(),
        ),
    ])
}

pub fn add(store: &mut Store, draft: &NeedDraft) -> Result<SocialNeed> {
    let valid = validate(draft)?;
    let id = store.write(|w| {
        crate::patients::get(&w.reader(), &draft.patient_id)?;
        let id = crate::ids::new_id();
        w.tx().execute(
            "INSERT INTO social_needs (id, patient_id, category, status, note, identified_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![id, draft.patient_id, valid.category.as_str(), valid.status.as_str(), valid.note,
                    w.today().to_string(), w.now_text()],
        )?;
        w.audit(AuditEntry {
            entity: "social_need",
            entity_id: id.clone(),
            patient_id: Some(draft.patient_id.clone()),
            action: "create".into(),
            changes: changes(None, &valid),
        })?;
        Ok(id)
    })?;
    store.read(|r| get(r, &id))
}

pub fn update(store: &mut Store, id: &str, draft: &NeedDraft) -> Result<SocialNeed> {
    let valid = validate(draft)?;
    store.write(|w| {
        let before = get(&w.reader(), id)?;
        let changes = changes(Some(&before), &valid);
        if changes.is_empty() {
            return Err(Error::invalid("status", "Nothing was changed."));
        }
        w.tx().execute(
            "UPDATE social_needs SET category = ?2, status = ?3, note = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, valid.category.as_str(), valid.status.as_str(), valid.note, w.now_text()],
        )?;
        w.audit(AuditEntry {
            entity: "social_need",
            entity_id: id.to_owned(),
            patient_id: Some(before.patient_id.clone()),
            action: "update".into(),
            changes,
        })
    })?;
    store.read(|r| get(r, id))
}

/// Records an identified need inside a change that is under way (a care plan's social
/// concern records the need it speaks of when the patient has none open).
pub(crate) fn insert(
    w: &mut crate::store::Writer<'_>,
    patient_id: &str,
    category: NeedCategory,
    note: Option<&str>,
) -> Result<String> {
    let id = crate::ids::new_id();
    w.tx().execute(
        "INSERT INTO social_needs (id, patient_id, category, status, note, identified_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'identified', ?4, ?5, ?6, ?6)",
        params![id, patient_id, category.as_str(), note, w.today().to_string(), w.now_text()],
    )?;
    w.audit(AuditEntry {
        entity: "social_need",
        entity_id: id.clone(),
        patient_id: Some(patient_id.to_owned()),
        action: "create".into(),
        changes: audit::diff(&[
            ("category", None, Some(category.as_str())),
            ("status", None, Some("identified")),
            ("note", None, note),
        ]),
    })?;
    Ok(id)
}

/// Moves an identified need to "being addressed" (a referral was made for it).
pub(crate) fn mark_addressed(w: &mut crate::store::Writer<'_>, id: &str) -> Result<()> {
    let before = get(&w.reader(), id)?;
    if before.status != NeedStatus::Identified {
        return Ok(());
    }
    w.tx().execute(
        "UPDATE social_needs SET status = 'being-addressed', updated_at = ?2 WHERE id = ?1",
        params![id, w.now_text()],
    )?;
    w.audit(AuditEntry {
        entity: "social_need",
        entity_id: id.to_owned(),
        patient_id: Some(before.patient_id),
        action: "update".into(),
        changes: audit::diff(&[("status", Some("identified"), Some("being-addressed"))]),
    })
}

pub fn remove(store: &mut Store, id: &str, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            "Say why this need is being removed.",
        ));
    }
    store.write(|w| {
        let before = get(&w.reader(), id)?;
        w.tx().execute(
            "UPDATE social_needs SET deleted_at = ?2, delete_reason = ?3, updated_at = ?2 WHERE id = ?1",
            params![id, w.now_text(), reason],
        )?;
        w.audit(AuditEntry {
            entity: "social_need",
            entity_id: id.to_owned(),
            patient_id: Some(before.patient_id),
            action: "remove".into(),
            changes: audit::diff(&[("reason", None, Some(reason))]),
        })
    })
}

const SELECT: &str =
    "SELECT n.id, n.patient_id, n.category, n.status, n.note, n.identified_on, n.updated_at,
        (SELECT count(*) FROM referrals f WHERE f.need_id = n.id AND f.deleted_at IS NULL
           AND f.status IN ('suggested', 'referred', 'contacted'))
     FROM social_needs n";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<SocialNeed> {
    let category =
        NeedCategory::parse(&row.get::<_, String>(2)?).unwrap_or(NeedCategory::MaterialHardship);
    let status = NeedStatus::parse(&row.get::<_, String>(3)?).unwrap_or(NeedStatus::Identified);
    Ok(SocialNeed {
        id: row.get(0)?,
        patient_id: row.get(1)?,
        category,
        category_label: category.label(),
        status,
        status_label: status.label(),
        note: row.get(4)?,
        identified_on: crate::dates::parse(&row.get::<_, String>(5)?).unwrap_or_default(),
        updated_on: row.get::<_, String>(6)?.chars().take(10).collect(),
        open_referrals: row.get(7)?,
    })
}

pub fn get(r: &Reader<'_>, id: &str) -> Result<SocialNeed> {
    r.conn()
        .query_row(
            &format!("{SELECT} WHERE n.id = ?1 AND n.deleted_at IS NULL"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No social need has the id {id}.")))
}

/// The patient's needs: open ones first, then by when they were identified.
pub fn for_patient(r: &Reader<'_>, patient_id: &str) -> Result<Vec<SocialNeed>> {
    crate::patients::get(r, patient_id)?;
    let mut stmt = r.conn().prepare(&format!(
        "{SELECT} WHERE n.patient_id = ?1 AND n.deleted_at IS NULL
         ORDER BY n.status IN ('resolved', 'declined'), n.identified_on DESC, n.created_at DESC"
    ))?;
    let rows = stmt.query_map([patient_id], from_row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
