//! The service form: a service's fields, its languages, documents, phones, places,
//! categories and weekly hours, saved in one transaction with the search index.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Fields, NAME_MAX, NOT_EMAIL, NOT_PHONE, NOT_WEB, TEXT_MAX, live};
use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, FieldError, Result};
use crate::resources::hsds::{is_email, is_phone, is_uri, parse_time};
use crate::resources::{Cost, ServiceStatus, Weekday, index};
use crate::store::{Store, Writer};

/// The service form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ServiceDraft {
    pub organization_id: String,
    pub name: String,
    pub alternate_name: String,
    pub description: String,
    pub url: String,
    pub email: String,
    pub status: String,
    pub application_process: String,
    pub eligibility_description: String,
    pub fees_description: String,
    pub cost: String,
    pub wait_time: String,
    pub interpretation_services: String,
    pub minimum_age: String,
    pub maximum_age: String,
    /// Comma-separated ("English, Spanish").
    pub languages: String,
    /// One per line.
    pub required_documents: String,
    pub category_ids: Vec<String>,
    pub location_ids: Vec<String>,
    pub phone: String,
    pub hours: Vec<HoursDraft>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct HoursDraft {
    pub days: Vec<String>,
    pub opens_at: String,
    pub closes_at: String,
}

/// Adds (`id` = None) or changes a service; returns its id.
pub fn save_service(store: &mut Store, id: Option<&str>, draft: &ServiceDraft) -> Result<String> {
    let mut f = Fields { errors: Vec::new() };
    let name = f.required("name", "The service's name", &draft.name, NAME_MAX);
    let alternate_name = f.text(
        "alternate_name",
        "The other name",
        &draft.alternate_name,
        NAME_MAX,
    );
    let description = f.text(
        "description",
        "The description",
        &draft.description,
        TEXT_MAX,
    );
    let url = f.checked("url", &draft.url, is_uri, NOT_WEB);
    let email = f.checked("email", &draft.email, is_email, NOT_EMAIL);
    let status = match draft.status.trim() {
        "" => ServiceStatus::Active,
        t => ServiceStatus::parse(t).unwrap_or_else(|| {
            f.errors
                .push(FieldError::new("status", ServiceStatus::unknown(t)));
            ServiceStatus::Active
        }),
    };
    let application_process = f.text(
        "application_process",
        "How to apply",
        &draft.application_process,
        TEXT_MAX,
    );
    let eligibility = f.text(
        "eligibility_description",
        "Eligibility",
        &draft.eligibility_description,
        TEXT_MAX,
    );
    let mut fees_description = f.text(
        "fees_description",
        "Fees",
        &draft.fees_description,
        TEXT_MAX,
    );
    let cost = match draft.cost.trim() {
        "" => None,
        t => Cost::parse(t).or_else(|| {
            f.errors.push(FieldError::new("cost", Cost::unknown(t)));
            None
        }),
    };
    // The cost travels in HSDS as fee text: say it there when nothing else is said.
    if fees_description.is_none() {
        fees_description = match cost {
            Some(Cost::Free) => Some("Free".to_owned()),
            Some(Cost::Sliding) => Some("Sliding scale".to_owned()),
            _ => None,
        };
    }
    let wait_time = f.text("wait_time", "The wait", &draft.wait_time, NAME_MAX);
    let interpretation = f.text(
        "interpretation_services",
        "Interpretation",
        &draft.interpretation_services,
        TEXT_MAX,
    );
    let min_age = f.age("minimum_age", &draft.minimum_age);
    let max_age = f.age("maximum_age", &draft.maximum_age);
    if let (Some(a), Some(b)) = (min_age, max_age)
        && a > b
    {
        f.errors.push(FieldError::new(
            "maximum_age",
            format!("The maximum age {b} is below the minimum age {a}."),
        ));
    }
    // Several numbers may be given, separated by ";" or new lines.
    let phones: Vec<String> = draft
        .phone
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    for p in &phones {
        if !is_phone(p) {
            f.errors
                .push(FieldError::new("phone", format!("\"{p}\": {NOT_PHONE}")));
        }
    }
    let languages: Vec<String> = draft
        .languages
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let documents: Vec<String> = draft
        .required_documents
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let mut hours = Vec::new();
    for (i, h) in draft.hours.iter().enumerate() {
        let field = format!("hours.{i}");
        let days: Vec<Weekday> = h.days.iter().filter_map(|d| Weekday::parse(d)).collect();
        let (opens, closes) = (parse_time(&h.opens_at), parse_time(&h.closes_at));
        match (days.is_empty(), opens, closes) {
            (true, _, _) => f.errors.push(FieldError::new(
                &field,
                "Choose the days these hours apply to.",
            )),
            (_, Some(o), Some(c)) if o < c => hours.push((days, o, c)),
            (_, Some(_), Some(_)) => f.errors.push(FieldError::new(
                &field,
                "The closing time is not after the opening time.",
            )),
            _ => f.errors.push(FieldError::new(
                &field,
                "Give opening and closing times as HH:MM.",
            )),
        }
    }
    let organization_id = draft.organization_id.trim().to_owned();
    if organization_id.is_empty() {
        f.errors.push(FieldError::new(
            "organization_id",
            "Choose the organization that offers the service.",
        ));
    }
    f.done()?;
    let saved = store.write(|w| {
        if !live(w.tx(), "hsds_organization", &organization_id)? {
            return Err(Error::invalid("organization_id", "That organization is not in the directory."));
        }
        for l in &draft.location_ids {
            if !live(w.tx(), "hsds_location", l)? {
                return Err(Error::invalid("location_ids", format!("The location {l} is not in the directory.")));
            }
        }
        for c in &draft.category_ids {
            if !live(w.tx(), "hsds_taxonomy_term", c)? {
                return Err(Error::invalid("category_ids", format!("The category {c} is not in the directory.")));
            }
        }
        let now = crate::resources::hsds::modified_now(w);
        let (id, action, before) = match id {
            Some(id) => {
                let before = service_fields(w.tx(), id)?
                    .ok_or_else(|| Error::NotFound(format!("No service has the id {id}.")))?;
                (id.to_owned(), "update", before)
            }
            None => (crate::ids::new_id(), "create", Vec::new()),
        };
        let age = |a: Option<u8>| a.map(|n| n.to_string());
        w.tx().execute(
            "INSERT INTO hsds_service (id, organization_id, name, alternate_name, description, url, email,
                 status, application_process, eligibility_description, fees_description, wait_time,
                 interpretation_services, minimum_age, maximum_age, last_modified, assured_date, _edited_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?16)
             ON CONFLICT (id) DO UPDATE SET organization_id = ?2, name = ?3, alternate_name = ?4,
                 description = ?5, url = ?6, email = ?7, status = ?8, application_process = ?9,
                 eligibility_description = ?10, fees_description = ?11, wait_time = ?12,
                 interpretation_services = ?13, minimum_age = ?14, maximum_age = ?15,
                 last_modified = ?16, _edited_at = ?16",
            params![
                id, organization_id, name, alternate_name, description, url, email, status.as_str(),
                application_process, eligibility, fees_description, wait_time, interpretation,
                age(min_age), age(max_age), now, w.today().to_string()
            ],
        )?;
        match cost {
            Some(c) => w.tx().execute("UPDATE hsds_service SET _cost = ?2 WHERE id = ?1", params![id, c.as_str()])?,
            None => w.tx().execute(
                &format!("UPDATE hsds_service SET _cost = {} WHERE id = ?1", crate::resources::COST_FROM_TEXT),
                [&id],
            )?,
        };
        let children = Children { w: &*w, service_id: &id };
        children.sync("hsds_language", "name", &languages)?;
        children.sync("hsds_required_document", "document", &documents)?;
        children.sync("hsds_service_at_location", "location_id", &draft.location_ids)?;
        children.sync_categories(&draft.category_ids)?;
        children.sync("hsds_phone", "number", &phones)?;
        let rules: Vec<String> = hours
            .iter()
            .map(|(days, o, c)| {
                let byday = days.iter().map(|d| d.as_str().to_uppercase()).collect::<Vec<_>>().join(",");
                format!("{byday}|{o}|{c}")
            })
            .collect();
        children.sync_schedules(&rules)?;
        let after = service_fields(w.tx(), &id)?.unwrap_or_default();
        let changes: Vec<FieldChange> = after
            .iter()
            .enumerate()
            .filter(|(i, (_, v))| before.get(*i).map(|(_, b)| b) != Some(v))
            .map(|(i, (field, v))| FieldChange {
                field: (*field).to_owned(),
                from: before.get(i).and_then(|(_, b)| b.clone()),
                to: v.clone(),
            })
            .collect();
        index::reindex(w.tx(), &[&id])?;
        w.audit(AuditEntry {
            entity: "resource_service",
            entity_id: id.clone(),
            patient_id: None,
            action: action.into(),
            changes,
        })?;
        Ok(id)
    })?;
    Ok(saved)
}

type FieldValues = Vec<(&'static str, Option<String>)>;

fn service_fields(conn: &Connection, id: &str) -> Result<Option<FieldValues>> {
    const FIELDS: [&str; 14] = [
        "organization_id",
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "application_process",
        "eligibility_description",
        "fees_description",
        "wait_time",
        "interpretation_services",
        "minimum_age",
        "maximum_age",
    ];
    let sql = format!(
        "SELECT {} FROM hsds_service WHERE id = ?1 AND _deleted_at IS NULL",
        FIELDS.map(|f| format!("\"{f}\"")).join(", ")
    );
    Ok(conn
        .query_row(&sql, [id], |row| {
            FIELDS
                .iter()
                .enumerate()
                .map(|(i, f)| Ok((*f, row.get::<_, Option<String>>(i)?)))
                .collect::<rusqlite::Result<FieldValues>>()
        })
        .optional()?)
}

/// A service's rows in the detail tables, brought in line with the form: rows whose
/// value stays are kept (their ids too, so exports stay stable), the rest are removed
/// (soft) and new values added.
struct Children<'a, 'w> {
    w: &'a Writer<'w>,
    service_id: &'a str,
}

impl Children<'_, '_> {
    fn existing(&self, sql: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self.w.tx().prepare(sql)?;
        let rows = stmt.query_map([self.service_id], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    fn drop_rows(&self, table: &str, ids: &[String]) -> Result<()> {
        for id in ids {
            self.w.tx().execute(
                &format!("UPDATE {table} SET _deleted_at = ?2, _delete_reason = 'changed on the service form', _edited_at = ?2 WHERE id = ?1"),
                params![id, self.w.now_text()],
            )?;
        }
        Ok(())
    }

    fn sync(&self, table: &str, field: &str, wanted: &[String]) -> Result<()> {
        let have = self.existing(&format!(
            "SELECT id, \"{field}\" FROM {table} WHERE service_id = ?1 AND _deleted_at IS NULL"
        ))?;
        let gone: Vec<String> = have
            .iter()
            .filter(|(_, v)| !wanted.contains(v))
            .map(|(id, _)| id.clone())
            .collect();
        self.drop_rows(table, &gone)?;
        let extra = if table == "hsds_phone" { ", type" } else { "" };
        let extra_value = if table == "hsds_phone" {
            ", 'voice'"
        } else {
            ""
        };
        for value in wanted.iter().filter(|v| !have.iter().any(|(_, h)| h == *v)) {
            self.w.tx().execute(
                &format!("INSERT INTO {table} (id, service_id, \"{field}\"{extra}, _edited_at) VALUES (?1, ?2, ?3{extra_value}, ?4)"),
                params![crate::ids::new_id(), self.service_id, value, self.w.now_text()],
            )?;
        }
        Ok(())
    }

    fn sync_categories(&self, wanted: &[String]) -> Result<()> {
        let have = self.existing(
            "SELECT id, taxonomy_term_id FROM hsds_attribute WHERE link_id = ?1 AND _deleted_at IS NULL",
        )?;
        let gone: Vec<String> = have
            .iter()
            .filter(|(_, v)| !wanted.contains(v))
            .map(|(id, _)| id.clone())
            .collect();
        self.drop_rows("hsds_attribute", &gone)?;
        for term in wanted.iter().filter(|v| !have.iter().any(|(_, h)| h == *v)) {
            self.w.tx().execute(
                "INSERT INTO hsds_attribute (id, link_id, taxonomy_term_id, link_type, link_entity, _edited_at)
                 VALUES (?1, ?2, ?3, 'category', 'service', ?4)",
                params![crate::ids::new_id(), self.service_id, term, self.w.now_text()],
            )?;
        }
        Ok(())
    }

    /// Rules as "MO,TU|09:00:00|17:00:00".
    fn sync_schedules(&self, wanted: &[String]) -> Result<()> {
        let have = self.existing(
            "SELECT id, coalesce(byday, '') || '|' || coalesce(opens_at, '') || '|' || coalesce(closes_at, '')
             FROM hsds_schedule WHERE service_id = ?1 AND _deleted_at IS NULL",
        )?;
        let gone: Vec<String> = have
            .iter()
            .filter(|(_, v)| !wanted.contains(v))
            .map(|(id, _)| id.clone())
            .collect();
        self.drop_rows("hsds_schedule", &gone)?;
        for rule in wanted.iter().filter(|v| !have.iter().any(|(_, h)| h == *v)) {
            let mut parts = rule.split('|');
            let (byday, opens, closes) = (parts.next(), parts.next(), parts.next());
            self.w.tx().execute(
                "INSERT INTO hsds_schedule (id, service_id, freq, byday, opens_at, closes_at, _edited_at)
                 VALUES (?1, ?2, 'WEEKLY', ?3, ?4, ?5, ?6)",
                params![crate::ids::new_id(), self.service_id, byday, opens, closes, self.w.now_text()],
            )?;
        }
        Ok(())
    }
}
