//! Recording, correcting and removing measures, and reading a patient's values back.
//!
//! A correction never overwrites: the corrected row is kept (marked superseded) and the
//! new row points back at it, so the table of values can show what was changed, and
//! the audit trail says who changed it and when.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::entry::{MeasureDraft, ValidMeasure, validate};
use super::scores::{self, Band};
use super::{Kind, safety};
use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, Result};
use crate::store::{Reader, Store, Writer};

/// One measure as screens show it.
#[derive(Debug, Clone, Serialize)]
pub struct Measure {
    pub id: String,
    pub patient_id: String,
    pub kind: Kind,
    pub kind_label: &'static str,
    pub taken_on: String,
    /// Total, HbA1c, systolic, LDL or weight; `None` for an incomplete questionnaire.
    pub value: Option<f64>,
    /// Diastolic, for blood pressure.
    pub value2: Option<f64>,
    pub items: Option<Vec<Option<u8>>>,
    pub complete: bool,
    pub band: Option<Band>,
    /// The value as a coordinator reads it: "16 (moderately severe)", "152/94 mmHg".
    pub display: String,
    pub source: String,
    pub note: Option<String>,
    /// The value this one corrected.
    pub corrects: Option<String>,
    /// Replaced by a correction; kept for the record.
    pub superseded: bool,
    pub deleted: bool,
    pub recorded_at: String,
    /// What the coordinator is told as the value is saved (a PHQ-9 whose item 9 was
    /// left blank); empty when read back later.
    pub warnings: Vec<String>,
}

impl Measure {
    /// This measure as just saved, with the warnings its entry calls for.
    pub(crate) fn with_entry_warnings(mut self) -> Measure {
        self.warnings = self
            .items
            .as_deref()
            .and_then(|items| crate::catalogue::questionnaire::unanswered_warning(self.kind, items))
            .map(str::to_owned)
            .into_iter()
            .collect();
        self
    }
}

/// Records a new measure for a patient; a PHQ-9 with item 9 above 0 raises a safety
/// flag in the same transaction.
pub fn record(store: &mut Store, draft: &MeasureDraft) -> Result<Measure> {
    let valid = store.read(|r| check(r, &draft.patient_id, draft))?;
    let id = store.write(|w| insert(w, &draft.patient_id, &valid, None))?;
    store
        .read(|r| get(r, &id))
        .map(Measure::with_entry_warnings)
}

/// Records `valid` inside an open change (used by `record`, corrections and imports).
pub(crate) fn insert(
    w: &mut Writer<'_>,
    patient_id: &str,
    valid: &ValidMeasure,
    corrects: Option<&str>,
) -> Result<String> {
    let id = crate::ids::new_id();
    let items = valid
        .items
        .as_ref()
        .map(|i| serde_json::to_string(i).map_err(|e| Error::Internal(e.to_string())))
        .transpose()?;
    w.tx().execute(
        "INSERT INTO measures (id, patient_id, kind, taken_on, value, value2, items, complete,
             source, note, corrects, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            id,
            patient_id,
            valid.kind.as_str(),
            valid.taken_on.to_string(),
            valid.value,
            valid.value2,
            items,
            valid.complete,
            valid.source.as_str(),
            valid.note,
            corrects,
            w.now_text(),
        ],
    )?;
    w.audit(AuditEntry {
        entity: "measure",
        entity_id: id.clone(),
        patient_id: Some(patient_id.to_owned()),
        action: if corrects.is_some() {
            "correct"
        } else {
            "create"
        }
        .into(),
        changes: describe(valid),
    })?;
    if let Some(items) = &valid.items
        && valid.kind == Kind::Phq9
        && let Some(item9) = scores::item9(items).filter(|v| *v > 0)
    {
        safety::raise(w, patient_id, &id, valid.taken_on, item9)?;
    }
    crate::patients::touch(w, patient_id)?;
    Ok(id)
}

/// Replaces a measure with corrected values. The old row is kept, marked superseded.
pub fn correct(store: &mut Store, measure_id: &str, draft: &MeasureDraft) -> Result<Measure> {
    let old = store.read(|r| get(r, measure_id))?;
    if old.superseded || old.deleted {
        return Err(Error::Conflict(
            "This value was already corrected or removed; correct the current value instead."
                .into(),
        ));
    }
    let mut draft = draft.clone();
    draft.patient_id.clone_from(&old.patient_id);
    if draft.kind.trim().is_empty() {
        draft.kind = old.kind.as_str().to_owned();
    }
    let valid = store.read(|r| check(r, &old.patient_id, &draft))?;
    if valid.kind != old.kind {
        return Err(Error::invalid(
            "kind",
            format!(
                "A correction keeps the measure's kind ({}); record a new measure instead.",
                old.kind.label()
            ),
        ));
    }
    let id = store.write(|w| {
        let changed = w.tx().execute(
            "UPDATE measures SET superseded_at = ?2, updated_at = ?2
             WHERE id = ?1 AND superseded_at IS NULL AND deleted_at IS NULL",
            params![old.id, w.now_text()],
        )?;
        if changed != 1 {
            return Err(Error::Conflict(
                "This value changed while you were correcting it; reload and try again.".into(),
            ));
        }
        w.audit(AuditEntry {
            entity: "measure",
            entity_id: old.id.clone(),
            patient_id: Some(old.patient_id.clone()),
            action: "superseded".into(),
            changes: vec![FieldChange {
                field: "value".into(),
                from: Some(old.display.clone()),
                to: None,
            }],
        })?;
        insert(w, &old.patient_id, &valid, Some(&old.id))
    })?;
    store
        .read(|r| get(r, &id))
        .map(Measure::with_entry_warnings)
}

/// Soft-deletes a measure entered in error; `reason` is required and kept in the audit.
pub fn remove(store: &mut Store, measure_id: &str, reason: &str) -> Result<()> {
    let old = store.read(|r| get(r, measure_id))?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            "Say why this value is being removed.",
        ));
    }
    store.write(|w| {
        let changed = w.tx().execute(
            "UPDATE measures SET deleted_at = ?2, updated_at = ?2
             WHERE id = ?1 AND deleted_at IS NULL AND superseded_at IS NULL",
            params![old.id, w.now_text()],
        )?;
        if changed != 1 {
            return Err(Error::Conflict(
                "This value was already corrected or removed.".into(),
            ));
        }
        w.audit(AuditEntry {
            entity: "measure",
            entity_id: old.id.clone(),
            patient_id: Some(old.patient_id.clone()),
            action: "delete".into(),
            changes: vec![
                FieldChange {
                    field: "value".into(),
                    from: Some(old.display.clone()),
                    to: None,
                },
                FieldChange {
                    field: "reason".into(),
                    from: None,
                    to: Some(reason.to_owned()),
                },
            ],
        })?;
        crate::patients::touch(w, &old.patient_id)
    })
}

pub fn get(r: &Reader<'_>, id: &str) -> Result<Measure> {
    r.conn()
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("That measure no longer exists.".into()))
}

/// A patient's measures, newest first. Corrected and removed values are included only
/// when `with_replaced` is set (the values table shows them struck through).
pub fn for_patient(r: &Reader<'_>, patient_id: &str, with_replaced: bool) -> Result<Vec<Measure>> {
    crate::patients::get(r, patient_id)?;
    let current = if with_replaced {
        ""
    } else {
        " AND deleted_at IS NULL AND superseded_at IS NULL"
    };
    let mut stmt = r.conn().prepare_cached(&format!(
        "{SELECT} WHERE patient_id = ?1{current} ORDER BY taken_on DESC, created_at DESC"
    ))?;
    let rows = stmt.query_map([patient_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn check(r: &Reader<'_>, patient_id: &str, draft: &MeasureDraft) -> Result<ValidMeasure> {
    let patient = crate::patients::get(r, patient_id)?;
    let born = crate::dates::parse(&patient.birth_date);
    validate(draft, r.today(), born).map_err(Error::Invalid)
}

fn describe(valid: &ValidMeasure) -> Vec<FieldChange> {
    let set = |field: &str, to: Option<String>| FieldChange {
        field: field.into(),
        from: None,
        to,
    };
    let mut changes = vec![
        set("kind", Some(valid.kind.as_str().into())),
        set("taken_on", Some(valid.taken_on.to_string())),
        set(
            "value",
            Some(display(
                valid.kind,
                valid.value,
                valid.value2,
                valid.complete,
            )),
        ),
    ];
    if let Some(items) = &valid.items {
        changes.push(set("items", serde_json::to_string(items).ok()));
    }
    changes
}

const SELECT: &str =
    "SELECT id, patient_id, kind, taken_on, value, value2, items, complete, source,
    note, corrects, superseded_at, deleted_at, created_at FROM measures";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Measure> {
    let kind_text: String = row.get(2)?;
    let kind = Kind::from_stored(&kind_text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            2,
            rusqlite::types::Type::Text,
            format!("unknown measure kind {kind_text}").into(),
        )
    })?;
    let items: Option<String> = row.get(6)?;
    let items = items.and_then(|t| serde_json::from_str::<Vec<Option<u8>>>(&t).ok());
    let value: Option<f64> = row.get(4)?;
    let value2: Option<f64> = row.get(5)?;
    let complete: bool = row.get(7)?;
    let band = match (complete, value) {
        (true, Some(v)) => scores::band(kind, v as u8),
        _ => None,
    };
    Ok(Measure {
        id: row.get(0)?,
        patient_id: row.get(1)?,
        kind,
        kind_label: kind.label(),
        taken_on: row.get(3)?,
        display: display(kind, value, value2, complete),
        value,
        value2,
        items,
        complete,
        band,
        source: row.get(8)?,
        note: row.get(9)?,
        corrects: row.get(10)?,
        superseded: row.get::<_, Option<String>>(11)?.is_some(),
        deleted: row.get::<_, Option<String>>(12)?.is_some(),
        recorded_at: row.get(13)?,
        warnings: Vec::new(),
    })
}

/// A value as printed: "16 (moderately severe)", "152/94 mmHg", "8.4 %".
pub fn display(kind: Kind, value: Option<f64>, value2: Option<f64>, complete: bool) -> String {
    match (kind, value, value2) {
        (Kind::Phq9 | Kind::Gad7, _, _) if !complete => "incomplete".into(),
        (Kind::Phq9 | Kind::Gad7, Some(v), _) => match scores::band(kind, v as u8) {
            Some(b) => format!("{v:.0} ({})", b.label()),
            None => format!("{v:.0}"),
        },
        (Kind::Bp, Some(s), Some(d)) => format!("{s:.0}/{d:.0} mmHg"),
        (_, Some(v), _) => format!("{} {}", number(v), kind.unit()),
        _ => "—".into(),
    }
}

/// A number without trailing zeros: 8, 8.4, 82.5.
pub fn number(v: f64) -> String {
    let text = format!("{v:.1}");
    text.strip_suffix(".0").map(str::to_owned).unwrap_or(text)
}
