//! Adding and changing organizations, services and locations by hand, and removing
//! them (soft delete, with a reason). Every change marks the record as edited here, so
//! a later import of the same record asks before overwriting it.

mod location;
mod organization;
mod service;

use rusqlite::{Connection, OptionalExtension, params};

use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, FieldError, Result};
use crate::resources::index;
use crate::store::{Store, Writer};

pub use location::{LocationDraft, save_location};
pub use organization::{
    Organization, OrganizationDraft, OrganizationListItem, organization, organizations,
    save_organization,
};
pub use service::{HoursDraft, ServiceDraft, save_service};

const NAME_MAX: usize = 200;
const TEXT_MAX: usize = 4000;
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
