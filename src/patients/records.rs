//! Registering, editing and reading patients.

use rusqlite::{Connection, OptionalExtension, Row, ToSql, params};

use super::fold;
use super::model::{Patient, PatientDraft, ValidPatient};
use super::validate::validate;
use crate::audit::{self, AuditEntry, AuditRecord, FieldChange};
use crate::error::{Error, FieldError, Result};
use crate::store::{Reader, Store, Writer};

const COLUMNS: &str = "id, mrn, first_name, last_name, birth_date, sex, phone, address_line, city, state,
    postal_code, preferred_language, pcp_name, payer, emergency_contact_name,
    emergency_contact_relation, emergency_contact_phone, note, created_at, updated_at, last_activity_at";

/// Registers a new patient. Nothing is saved unless every field is valid and the MRN is free.
pub fn add(store: &mut Store, draft: &PatientDraft) -> Result<Patient> {
    let valid = store.read(|r| validate_with_mrn(r, draft, None))?;
    let id = store.write(|w| insert(w, &valid))?;
    store.read(|r| get(r, &id))
}

/// Inserts a validated patient inside an open change; used by `add`, imports and demo data.
pub(crate) fn insert(w: &mut Writer<'_>, valid: &ValidPatient) -> Result<String> {
    ensure_mrn_free(w.tx(), &valid.mrn, None)?;
    let id = crate::ids::new_id();
    let now = w.now_text();
    let values = field_values(valid);
    let names = FIELDS.join(", ");
    let slots = (0..FIELDS.len())
        .map(|i| format!("?{}", i + 5))
        .collect::<Vec<_>>()
        .join(", ");
    let mut args: Vec<&dyn ToSql> = vec![&id, &now, &values.sort_key, &values.search_key];
    args.extend(values.fields.iter().map(|v| v as &dyn ToSql));
    w.tx().execute(
        &format!(
            "INSERT INTO patients (id, created_at, updated_at, last_activity_at, sort_key, search_key, {names})
             VALUES (?1, ?2, ?2, ?2, ?3, ?4, {slots})"
        ),
        args.as_slice(),
    )?;
    let changes = FIELDS
        .iter()
        .zip(values.fields)
        .filter(|(_, v)| v.is_some())
        .map(|(field, to)| FieldChange {
            field: (*field).to_owned(),
            from: None,
            to,
        })
        .collect();
    w.audit(AuditEntry {
        entity: "patient",
        entity_id: id.clone(),
        patient_id: Some(id.clone()),
        action: "create".into(),
        changes,
    })?;
    Ok(id)
}

/// Saves an edited patient; the audit entry lists exactly the fields that changed.
pub fn update(store: &mut Store, id: &str, draft: &PatientDraft) -> Result<Patient> {
    let valid = store.read(|r| validate_with_mrn(r, draft, Some(id)))?;
    store.write(|w| {
        let before = stored_fields(w.tx(), id)?;
        ensure_mrn_free(w.tx(), &valid.mrn, Some(id))?;
        let after = field_values(&valid);
        let pairs: Vec<(&str, Option<&str>, Option<&str>)> = FIELDS
            .iter()
            .zip(before.iter().zip(after.fields.iter()))
            .map(|(field, (from, to))| (*field, from.as_deref(), to.as_deref()))
            .collect();
        let changes = audit::diff(&pairs);
        if changes.is_empty() {
            // Saving an unchanged form is not an error; it is recorded as such so the
            // write stays audited and the history shows the record was reviewed.
            return w.audit(AuditEntry {
                entity: "patient",
                entity_id: id.to_owned(),
                patient_id: Some(id.to_owned()),
                action: "save-unchanged".into(),
                changes: Vec::new(),
            });
        }
        let now = w.now_text();
        let sets = FIELDS
            .iter()
            .enumerate()
            .map(|(i, f)| format!("{f} = ?{}", i + 5))
            .collect::<Vec<_>>()
            .join(", ");
        let mut args: Vec<&dyn ToSql> = vec![&id, &now, &after.sort_key, &after.search_key];
        args.extend(after.fields.iter().map(|v| v as &dyn ToSql));
        w.tx().execute(
            &format!(
                "UPDATE patients SET updated_at = ?2, last_activity_at = ?2, sort_key = ?3,
                     search_key = ?4, {sets}
                 WHERE id = ?1 AND deleted_at IS NULL"
            ),
            args.as_slice(),
        )?;
        w.audit(AuditEntry {
            entity: "patient",
            entity_id: id.to_owned(),
            patient_id: Some(id.to_owned()),
            action: "update".into(),
            changes,
        })
    })?;
    store.read(|r| get(r, id))
}

/// Soft-deletes a patient (entered in error, or a duplicate): the record stays in the
/// store and in the audit trail, but leaves the caseload and frees its MRN.
pub fn remove(store: &mut Store, id: &str, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            "Say why this record is being removed.",
        ));
    }
    store.write(|w| {
        get(&w.reader(), id)?;
        let now = w.now_text();
        w.tx().execute(
            "UPDATE patients SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        w.audit(AuditEntry {
            entity: "patient",
            entity_id: id.to_owned(),
            patient_id: Some(id.to_owned()),
            action: "delete".into(),
            changes: vec![FieldChange {
                field: "reason".into(),
                from: None,
                to: Some(reason.to_owned()),
            }],
        })
    })
}

pub fn get(r: &Reader<'_>, id: &str) -> Result<Patient> {
    r.conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM patients WHERE id = ?1 AND deleted_at IS NULL"),
            [id],
            |row| from_row(row, r.today()),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("That patient is not in this caseload.".into()))
}

pub fn find_by_mrn(r: &Reader<'_>, mrn: &str) -> Result<Option<Patient>> {
    Ok(r.conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM patients WHERE mrn = ?1 AND deleted_at IS NULL"),
            [mrn.trim()],
            |row| from_row(row, r.today()),
        )
        .optional()?)
}

/// Like [`find_by_mrn`], but a missing MRN is an error naming it.
pub fn require_by_mrn(r: &Reader<'_>, mrn: &str) -> Result<Patient> {
    find_by_mrn(r, mrn)?.ok_or_else(|| {
        Error::NotFound(format!(
            "No patient with MRN {} is in this caseload.",
            mrn.trim()
        ))
    })
}

/// The patient's change history from the audit trail, newest first.
pub fn history(r: &Reader<'_>, id: &str) -> Result<Vec<AuditRecord>> {
    get(r, id)?;
    audit::history_for_patient(r, id)
}

/// Marks that something happened to this patient, for the "last activity" sort.
pub(crate) fn touch(w: &Writer<'_>, id: &str) -> Result<()> {
    w.tx().execute(
        "UPDATE patients SET last_activity_at = ?2 WHERE id = ?1",
        params![id, w.now_text()],
    )?;
    Ok(())
}

/// Field rules plus the one rule that needs the store (a free MRN), reported together so
/// the coordinator fixes everything in one pass.
fn validate_with_mrn(
    r: &Reader<'_>,
    draft: &PatientDraft,
    except_id: Option<&str>,
) -> Result<ValidPatient> {
    let checked = validate(draft, r.today());
    let mrn_problem = match ensure_mrn_free(r.conn(), draft.mrn.trim(), except_id) {
        Err(Error::Invalid(fields)) => fields,
        Err(other) => return Err(other),
        Ok(()) => Vec::new(),
    };
    match checked {
        Ok(valid) if mrn_problem.is_empty() => Ok(valid),
        Ok(_) => Err(Error::Invalid(mrn_problem)),
        Err(mut fields) => {
            if !fields.iter().any(|f| f.field == "mrn") {
                fields.splice(0..0, mrn_problem);
            }
            Err(Error::Invalid(fields))
        }
    }
}

fn ensure_mrn_free(conn: &Connection, mrn: &str, except_id: Option<&str>) -> Result<()> {
    let taken: Option<String> = conn
        .query_row(
            "SELECT id FROM patients WHERE mrn = ?1 AND deleted_at IS NULL",
            [mrn],
            |row| row.get(0),
        )
        .optional()?;
    match taken {
        Some(other) if Some(other.as_str()) != except_id => {
            Err(Error::Invalid(vec![FieldError::new(
                "mrn",
                format!("MRN {mrn} already belongs to another patient in this caseload."),
            )]))
        }
        _ => Ok(()),
    }
}

/// The editable columns, in one fixed order shared by insert, update and the audit diff.
const FIELDS: [&str; 17] = [
    "mrn",
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "phone",
    "address_line",
    "city",
    "state",
    "postal_code",
    "preferred_language",
    "pcp_name",
    "payer",
    "emergency_contact_name",
    "emergency_contact_relation",
    "emergency_contact_phone",
    "note",
];

struct FieldValues {
    fields: [Option<String>; 17],
    sort_key: String,
    search_key: String,
}

fn field_values(v: &ValidPatient) -> FieldValues {
    let birth_date = v.birth_date.to_string();
    FieldValues {
        sort_key: fold::sort_key(&v.last_name, &v.first_name),
        search_key: fold::search_key(&v.last_name, &v.first_name, &v.mrn, &birth_date),
        fields: [
            Some(v.mrn.clone()),
            Some(v.first_name.clone()),
            Some(v.last_name.clone()),
            Some(birth_date),
            Some(v.sex.as_str().to_owned()),
            v.phone.clone(),
            v.address_line.clone(),
            v.city.clone(),
            v.state.clone(),
            v.postal_code.clone(),
            v.preferred_language.clone(),
            v.pcp_name.clone(),
            v.payer.clone(),
            v.emergency_contact_name.clone(),
            v.emergency_contact_relation.clone(),
            v.emergency_contact_phone.clone(),
            v.note.clone(),
        ],
    }
}

/// The editable columns of a stored patient, as `FIELDS` orders them.
fn stored_fields(conn: &Connection, id: &str) -> Result<[Option<String>; 17]> {
    conn.query_row(
        &format!(
            "SELECT {} FROM patients WHERE id = ?1 AND deleted_at IS NULL",
            FIELDS.join(", ")
        ),
        [id],
        |row| {
            let mut out: [Option<String>; 17] = Default::default();
            for (i, slot) in out.iter_mut().enumerate() {
                *slot = row.get(i)?;
            }
            Ok(out)
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("That patient is not in this caseload.".into()))
}

fn from_row(row: &Row<'_>, today: jiff::civil::Date) -> rusqlite::Result<Patient> {
    let birth_date: String = row.get(4)?;
    let age = crate::dates::age_from_text(&birth_date, today);
    Ok(Patient {
        id: row.get(0)?,
        mrn: row.get(1)?,
        first_name: row.get(2)?,
        last_name: row.get(3)?,
        birth_date,
        age,
        sex: row.get(5)?,
        phone: row.get(6)?,
        address_line: row.get(7)?,
        city: row.get(8)?,
        state: row.get(9)?,
        postal_code: row.get(10)?,
        preferred_language: row.get(11)?,
        pcp_name: row.get(12)?,
        payer: row.get(13)?,
        emergency_contact_name: row.get(14)?,
        emergency_contact_relation: row.get(15)?,
        emergency_contact_phone: row.get(16)?,
        note: row.get(17)?,
        created_at: row.get(18)?,
        updated_at: row.get(19)?,
        last_activity_at: row.get(20)?,
    })
}
