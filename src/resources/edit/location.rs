//! The location form: where services are offered, its address and phone.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Fields, NAME_MAX, NOT_PHONE, TEXT_MAX, live, sync_phone};
use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, FieldError, Result};
use crate::resources::hsds::is_phone;
use crate::resources::index;
use crate::store::Store;

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
