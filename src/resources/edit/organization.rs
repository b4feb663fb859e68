//! The organization form, and organizations as the service form picks them.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Fields, NAME_MAX, NOT_EMAIL, NOT_PHONE, NOT_WEB, TEXT_MAX, live, sync_phone};
use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, Result};
use crate::resources::hsds::{is_email, is_phone, is_uri};
use crate::resources::{index, search, stale_after_days};
use crate::store::{Reader, Store};

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
    let stale_after = stale_after_days(r)?;
    org.services = search::hits(r, &ids, stale_after)?
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
