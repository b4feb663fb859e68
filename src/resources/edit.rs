//! Adding and changing organizations, services and locations by hand, and removing
//! them (soft delete, with a reason). Every change marks the record as edited here, so
//! a later import of the same record asks before overwriting it.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::hsds::{is_email, is_phone, is_uri, parse_time};
use super::{Cost, ServiceStatus, Weekday, index};
use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, FieldError, Result};
use crate::store::{Reader, Store, Writer};

const NAME_MAX: usize = 200;
const TEXT_MAX: usize = 4000;

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

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct OrganizationDraft {
    pub name: String,
    pub alternate_name: String,
    pub description: String,
    pub email: String,
    pub website: String,
    pub phone: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct LocationDraft {
    pub organization_id: String,
    pub name: String,
    pub description: String,
    pub address_1: String,
    pub address_2: String,
    pub city: String,
    pub state_province: String,
    pub postal_code: String,
    pub country: String,
    pub transportation: String,
    pub phone: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganizationListItem {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub services: Vec<OrganizationService>,
    pub locations: Vec<OrganizationLocation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganizationService {
    pub id: String,
    pub name: String,
    pub stale: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganizationLocation {
    pub id: String,
    pub name: Option<String>,
    pub city: Option<String>,
}

/// Checks the form's free text: trimmed, length-limited, messages per field.
struct Fields {
    errors: Vec<FieldError>,
}

impl Fields {
    fn text(&mut self, field: &str, label: &str, value: &str, max: usize) -> Option<String> {
        crate::text::optional(&mut self.errors, field, label, value, max)
    }

    fn required(&mut self, field: &str, label: &str, value: &str, max: usize) -> String {
        if value.trim().is_empty() {
            self.errors
                .push(FieldError::new(field, format!("{label} is required.")));
        }
        self.text(field, label, value, max).unwrap_or_default()
    }

    fn checked(
        &mut self,
        field: &str,
        value: &str,
        ok: fn(&str) -> bool,
        message: &str,
    ) -> Option<String> {
        let value = self.text(field, field, value, 500)?;
        if ok(&value) {
            Some(value)
        } else {
            self.errors
                .push(FieldError::new(field, format!("\"{value}\" {message}")));
            None
        }
    }

    fn age(&mut self, field: &str, value: &str) -> Option<u8> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        match value.parse::<u8>() {
            Ok(n) if n <= 120 => Some(n),
            _ => {
                self.errors.push(FieldError::new(
                    field,
                    format!("\"{value}\" is not an age in years (0–120)."),
                ));
                None
            }
        }
    }

    fn done(self) -> Result<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.errors))
        }
    }
}

const NOT_WEB: &str = "is not a full web address; start it with https:// or http://.";
const NOT_EMAIL: &str = "is not an e-mail address.";
const NOT_PHONE: &str = "is not a phone number (digits, spaces, + - ( ) . and an extension).";

fn live(conn: &Connection, table: &str, id: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            &format!("SELECT 1 FROM {table} WHERE id = ?1 AND _deleted_at IS NULL"),
            [id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
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
        let now = super::hsds::modified_now(w);
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
                &format!("UPDATE hsds_service SET _cost = {} WHERE id = ?1", super::COST_FROM_TEXT),
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

/// Adds (`id` = None) or changes an organization; returns its id.
pub fn save_organization(
    store: &mut Store,
    id: Option<&str>,
    draft: &OrganizationDraft,
) -> Result<String> {
    let mut f = Fields { errors: Vec::new() };
    let name = f.required("name", "The organization's name", &draft.name, NAME_MAX);
    let alternate_name = f.text(
        "alternate_name",
        "The other name",
        &draft.alternate_name,
        NAME_MAX,
    );
    // HSDS requires a description; the name stands in when none is written.
    let description = f
        .text(
            "description",
            "The description",
            &draft.description,
            TEXT_MAX,
        )
        .unwrap_or_else(|| name.clone());
    let email = f.checked("email", &draft.email, is_email, NOT_EMAIL);
    let website = f.checked("website", &draft.website, is_uri, NOT_WEB);
    let phone = f.checked("phone", &draft.phone, is_phone, NOT_PHONE);
    f.done()?;
    store.write(|w| {
        let (id, action) = match id {
            Some(id) if live(w.tx(), "hsds_organization", id)? => (id.to_owned(), "update"),
            Some(id) => return Err(Error::NotFound(format!("No organization has the id {id}."))),
            None => (crate::ids::new_id(), "create"),
        };
        let before: Option<String> = w.tx().query_row("SELECT name FROM hsds_organization WHERE id = ?1", [&id], |r| r.get(0)).optional()?.flatten();
        w.tx().execute(
            "INSERT INTO hsds_organization (id, name, alternate_name, description, email, website, _edited_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (id) DO UPDATE SET name = ?2, alternate_name = ?3, description = ?4, email = ?5,
                 website = ?6, _edited_at = ?7",
            params![id, name, alternate_name, description, email, website, w.now_text()],
        )?;
        sync_phone(w, "organization_id", &id, phone.as_deref())?;
        index::reindex_linked(w.tx(), Some(&id), None)?;
        w.audit(AuditEntry {
            entity: "resource_organization",
            entity_id: id.clone(),
            patient_id: None,
            action: action.into(),
            changes: vec![FieldChange { field: "name".into(), from: before, to: Some(name.clone()) }],
        })?;
        Ok(id)
    })
}

/// The one phone number a form keeps for an organization or a location.
fn sync_phone(w: &Writer<'_>, owner_field: &str, owner: &str, number: Option<&str>) -> Result<()> {
    let have: Option<(String, Option<String>)> = w
        .tx()
        .query_row(
            &format!("SELECT id, number FROM hsds_phone WHERE {owner_field} = ?1 AND service_id IS NULL AND _deleted_at IS NULL ORDER BY rowid LIMIT 1"),
            [owner],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match (have, number) {
        (Some((_, Some(old))), Some(new)) if old == new => {}
        (Some((pid, _)), Some(new)) => {
            w.tx().execute(
                "UPDATE hsds_phone SET number = ?2, _edited_at = ?3 WHERE id = ?1",
                params![pid, new, w.now_text()],
            )?;
        }
        (Some((pid, _)), None) => {
            w.tx().execute(
                "UPDATE hsds_phone SET _deleted_at = ?2, _delete_reason = 'removed on the form' WHERE id = ?1",
                params![pid, w.now_text()],
            )?;
        }
        (None, Some(new)) => {
            w.tx().execute(
                &format!("INSERT INTO hsds_phone (id, {owner_field}, number, type, _edited_at) VALUES (?1, ?2, ?3, 'voice', ?4)"),
                params![crate::ids::new_id(), owner, new, w.now_text()],
            )?;
        }
        (None, None) => {}
    }
    Ok(())
}

/// Adds (`id` = None) or changes a location and its address; returns its id.
pub fn save_location(store: &mut Store, id: Option<&str>, draft: &LocationDraft) -> Result<String> {
    let mut f = Fields { errors: Vec::new() };
    let name = f.text("name", "The location's name", &draft.name, NAME_MAX);
    let description = f.text(
        "description",
        "The description",
        &draft.description,
        TEXT_MAX,
    );
    let transportation = f.text(
        "transportation",
        "How to get there",
        &draft.transportation,
        TEXT_MAX,
    );
    let phone = f.checked("phone", &draft.phone, is_phone, NOT_PHONE);
    let has_address = [
        &draft.address_1,
        &draft.city,
        &draft.postal_code,
        &draft.state_province,
    ]
    .iter()
    .any(|v| !v.trim().is_empty());
    let address = if has_address {
        Some((
            f.required(
                "address_1",
                "The street address",
                &draft.address_1,
                NAME_MAX,
            ),
            f.text(
                "address_2",
                "The second address line",
                &draft.address_2,
                NAME_MAX,
            ),
            f.required("city", "The city", &draft.city, NAME_MAX),
            f.required(
                "state_province",
                "The state",
                &draft.state_province,
                NAME_MAX,
            ),
            f.required("postal_code", "The ZIP code", &draft.postal_code, 20),
            f.text("country", "The country", &draft.country, 2)
                .unwrap_or_else(|| "US".to_owned()),
        ))
    } else {
        None
    };
    if name.is_none() && address.is_none() {
        f.errors.push(FieldError::new(
            "name",
            "Give the location a name or an address.",
        ));
    }
    let organization_id = draft.organization_id.trim();
    f.done()?;
    store.write(|w| {
        if !organization_id.is_empty() && !live(w.tx(), "hsds_organization", organization_id)? {
            return Err(Error::invalid("organization_id", "That organization is not in the directory."));
        }
        let (id, action) = match id {
            Some(id) if live(w.tx(), "hsds_location", id)? => (id.to_owned(), "update"),
            Some(id) => return Err(Error::NotFound(format!("No location has the id {id}."))),
            None => (crate::ids::new_id(), "create"),
        };
        let org = (!organization_id.is_empty()).then_some(organization_id);
        w.tx().execute(
            "INSERT INTO hsds_location (id, location_type, organization_id, name, description, transportation, _edited_at)
             VALUES (?1, 'physical', ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET organization_id = ?2, name = ?3, description = ?4,
                 transportation = ?5, _edited_at = ?6",
            params![id, org, name, description, transportation, w.now_text()],
        )?;
        if let Some((a1, a2, city, state, zip, country)) = &address {
            let existing: Option<String> = w
                .tx()
                .query_row("SELECT id FROM hsds_address WHERE location_id = ?1 AND _deleted_at IS NULL ORDER BY rowid LIMIT 1", [&id], |r| r.get(0))
                .optional()?;
            w.tx().execute(
                "INSERT INTO hsds_address (id, location_id, address_1, address_2, city, state_province, postal_code, country, address_type, _edited_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'physical', ?9)
                 ON CONFLICT (id) DO UPDATE SET address_1 = ?3, address_2 = ?4, city = ?5, state_province = ?6,
                     postal_code = ?7, country = ?8, _edited_at = ?9",
                params![existing.unwrap_or_else(crate::ids::new_id), id, a1, a2, city, state, zip, country, w.now_text()],
            )?;
        }
        sync_phone(w, "location_id", &id, phone.as_deref())?;
        index::reindex_linked(w.tx(), None, Some(&id))?;
        w.audit(AuditEntry {
            entity: "resource_location",
            entity_id: id.clone(),
            patient_id: None,
            action: action.into(),
            changes: vec![FieldChange {
                field: "location".into(),
                from: None,
                to: Some(name.clone().or_else(|| address.as_ref().map(|a| a.0.clone())).unwrap_or_default()),
            }],
        })?;
        Ok(id)
    })
}

/// Removes an organization (only once its services are removed), a service or a
/// location (its links to services go with it). Soft: the rows stay, marked.
pub fn remove(store: &mut Store, kind: &str, id: &str, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("reason", "Say why this is being removed."));
    }
    let table = match kind {
        "organization" => "hsds_organization",
        "service" => "hsds_service",
        "location" => "hsds_location",
        other => {
            return Err(Error::invalid(
                "kind",
                format!("\"{other}\" is not organization, service or location."),
            ));
        }
    };
    store.write(|w| {
        if !live(w.tx(), table, id)? {
            return Err(Error::NotFound(format!("No {kind} has the id {id}.")));
        }
        if kind == "organization" {
            let services: i64 = w.tx().query_row(
                "SELECT count(*) FROM hsds_service WHERE organization_id = ?1 AND _deleted_at IS NULL",
                [id],
                |r| r.get(0),
            )?;
            if services > 0 {
                return Err(Error::Conflict(format!(
                    "This organization still offers {services} service{} in the directory; remove them first.",
                    if services == 1 { "" } else { "s" }
                )));
            }
        }
        let now = w.now_text();
        w.tx().execute(
            &format!("UPDATE {table} SET _deleted_at = ?2, _delete_reason = ?3, _edited_at = ?2 WHERE id = ?1"),
            params![id, now, reason],
        )?;
        match kind {
            "service" => {
                w.tx().execute(
                    "DELETE FROM service_search WHERE rowid = (SELECT rowid FROM hsds_service WHERE id = ?1)",
                    [id],
                )?;
            }
            "location" => {
                w.tx().execute(
                    "UPDATE hsds_service_at_location SET _deleted_at = ?2, _delete_reason = 'the location was removed'
                     WHERE location_id = ?1 AND _deleted_at IS NULL",
                    params![id, now],
                )?;
                index::reindex_linked(w.tx(), None, Some(id))?;
            }
            _ => {}
        }
        w.audit(AuditEntry {
            entity: match kind {
                "organization" => "resource_organization",
                "service" => "resource_service",
                _ => "resource_location",
            },
            entity_id: id.to_owned(),
            patient_id: None,
            action: "remove".into(),
            changes: vec![FieldChange { field: "reason".into(), from: None, to: Some(reason.to_owned()) }],
        })
    })
}

/// Organizations whose name contains `text`, first 50 by name (the service form's picker).
pub fn organizations(r: &Reader<'_>, text: &str) -> Result<Vec<OrganizationListItem>> {
    let mut stmt = r.conn().prepare(
        "SELECT id, coalesce(name, '') FROM hsds_organization
         WHERE _deleted_at IS NULL AND (?1 = '' OR name LIKE '%' || ?1 || '%')
         ORDER BY name COLLATE NOCASE LIMIT 50",
    )?;
    let rows = stmt.query_map([text.trim()], |r| {
        Ok(OrganizationListItem {
            id: r.get(0)?,
            name: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// One organization with its services and locations.
pub fn organization(r: &Reader<'_>, id: &str) -> Result<Organization> {
    let mut org = r
        .conn()
        .query_row(
            "SELECT id, coalesce(name, ''), alternate_name, description, email, website,
                    (SELECT number FROM hsds_phone p WHERE p.organization_id = o.id AND p.service_id IS NULL AND p._deleted_at IS NULL LIMIT 1)
             FROM hsds_organization o WHERE id = ?1 AND _deleted_at IS NULL",
            [id],
            |row| {
                Ok(Organization {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    alternate_name: row.get(2)?,
                    description: row.get(3)?,
                    email: row.get(4)?,
                    website: row.get(5)?,
                    phone: row.get(6)?,
                    services: Vec::new(),
                    locations: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No organization has the id {id}.")))?;
    let ids: Vec<String> = {
        let mut stmt = r.conn().prepare(
            "SELECT id FROM hsds_service WHERE organization_id = ?1 AND _deleted_at IS NULL ORDER BY name COLLATE NOCASE",
        )?;
        stmt.query_map([id], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?
    };
    let stale_after = super::stale_after_days(r)?;
    org.services = super::search::hits(r, &ids, stale_after)?
        .into_iter()
        .map(|h| OrganizationService {
            id: h.id,
            name: h.name,
            stale: h.verification.stale,
        })
        .collect();
    let mut stmt = r.conn().prepare(
        "SELECT l.id, l.name, (SELECT city FROM hsds_address WHERE location_id = l.id AND _deleted_at IS NULL LIMIT 1)
         FROM hsds_location l WHERE l.organization_id = ?1 AND l._deleted_at IS NULL ORDER BY l.name",
    )?;
    org.locations = stmt
        .query_map([id], |r| {
            Ok(OrganizationLocation {
                id: r.get(0)?,
                name: r.get(1)?,
                city: r.get(2)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(org)
}
