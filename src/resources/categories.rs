//! Categories are HSDS taxonomy terms, linked to services by `attribute` rows. Every
//! directory starts with the starter taxonomy (food, housing, ... — seeded by the
//! migration with fixed ids); coordinators add their own terms to "Our own".

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::audit::{AuditEntry, FieldChange};
use crate::error::{Error, Result};
use crate::store::{Reader, Store};

/// The taxonomy coordinators' own categories go in (created on first use).
const OWN_TAXONOMY: &str = "Our own";

#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub id: String,
    pub name: String,
    pub code: Option<String>,
    pub taxonomy: String,
    /// Live services in it.
    pub services: i64,
}

/// Every live category by name, with how many services are in it.
pub fn list(r: &Reader<'_>) -> Result<Vec<Category>> {
    let mut stmt = r.conn().prepare(
        "SELECT t.id, t.name, t.code, coalesce(x.name, t.taxonomy, ''),
                (SELECT count(*) FROM hsds_attribute a JOIN hsds_service s ON s.id = a.link_id
                 WHERE a.taxonomy_term_id = t.id AND a._deleted_at IS NULL AND s._deleted_at IS NULL)
         FROM hsds_taxonomy_term t LEFT JOIN hsds_taxonomy x ON x.id = t.taxonomy_id
         WHERE t._deleted_at IS NULL
         ORDER BY t.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(Category {
            id: row.get(0)?,
            name: row.get::<_, Option<String>>(1)?.unwrap_or_default(),
            code: row.get(2)?,
            taxonomy: row.get(3)?,
            services: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The category a coordinator names: its id, code or name (any case).
pub fn find(conn: &Connection, text: &str) -> Result<String> {
    let text = text.trim();
    conn.query_row(
        "SELECT id FROM hsds_taxonomy_term WHERE _deleted_at IS NULL
           AND (id = ?1 OR lower(code) = lower(?1) OR lower(name) = lower(?1))
         ORDER BY id = ?1 DESC LIMIT 1",
        [text],
        |row| row.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("No category is called \"{text}\".")))
}

/// Adds a coordinator's own category.
pub fn add_category(store: &mut Store, name: &str) -> Result<Category> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", "Name the category."));
    }
    if name.chars().count() > 80 {
        return Err(Error::invalid(
            "name",
            "A category name is at most 80 characters.",
        ));
    }
    let id = store.write(|w| {
        if find(w.tx(), name).is_ok() {
            return Err(Error::invalid("name", format!("There is already a category \"{name}\".")));
        }
        let taxonomy: Option<String> = w
            .tx()
            .query_row("SELECT id FROM hsds_taxonomy WHERE name = ?1", [OWN_TAXONOMY], |r| r.get(0))
            .optional()?;
        let taxonomy = match taxonomy {
            Some(t) => t,
            None => {
                let t = crate::ids::new_id();
                w.tx().execute(
                    "INSERT INTO hsds_taxonomy (id, name, description, _edited_at)
                     VALUES (?1, ?2, 'Categories added by this clinic', ?3)",
                    params![t, OWN_TAXONOMY, w.now_text()],
                )?;
                t
            }
        };
        let id = crate::ids::new_id();
        w.tx().execute(
            "INSERT INTO hsds_taxonomy_term (id, name, description, taxonomy, taxonomy_id, _edited_at)
             VALUES (?1, ?2, ?2, ?3, ?4, ?5)",
            params![id, name, OWN_TAXONOMY, taxonomy, w.now_text()],
        )?;
        w.audit(AuditEntry {
            entity: "resource_category",
            entity_id: id.clone(),
            patient_id: None,
            action: "create".into(),
            changes: vec![FieldChange { field: "name".into(), from: None, to: Some(name.to_owned()) }],
        })?;
        Ok(id)
    })?;
    store
        .read(list)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Error::Internal("the new category was not found".into()))
}
