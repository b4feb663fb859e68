//! The full-text index of services (`service_search`, FTS5): what search-as-you-type
//! reads. The code that writes services keeps it: one service after a form, the whole
//! index after an import (rebuilding 50,000 services is faster than tracking which rows
//! an import touched through organizations, locations and categories).

use rusqlite::Connection;

use crate::error::Result;

/// One row of search text per live service. Categories, places and the organization
/// come from their own tables, so a renamed category or a moved location is found
/// under its new words once the service is reindexed.
const CONTENT: &str = "
SELECT s.rowid,
       coalesce(s.name, '') || ' ' || coalesce(s.alternate_name, ''),
       coalesce(o.name, '') || ' ' || coalesce(o.alternate_name, ''),
       coalesce((SELECT group_concat(t.name, ' ') FROM hsds_attribute a
                 JOIN hsds_taxonomy_term t ON t.id = a.taxonomy_term_id
                 WHERE a.link_id = s.id AND a._deleted_at IS NULL AND t._deleted_at IS NULL), ''),
       coalesce(s.description, ''),
       coalesce(s.eligibility_description, ''),
       coalesce((SELECT group_concat(coalesce(l.name, '') || ' ' || coalesce(ad.address_1, '') || ' '
                     || coalesce(ad.city, '') || ' ' || coalesce(ad.postal_code, ''), ' ')
                 FROM hsds_service_at_location sal
                 JOIN hsds_location l ON l.id = sal.location_id AND l._deleted_at IS NULL
                 LEFT JOIN hsds_address ad ON ad.location_id = l.id AND ad._deleted_at IS NULL
                 WHERE sal.service_id = s.id AND sal._deleted_at IS NULL), '')
FROM hsds_service s LEFT JOIN hsds_organization o ON o.id = s.organization_id
WHERE s._deleted_at IS NULL";

const INSERT: &str = "INSERT INTO service_search (rowid, name, organization, categories, description, eligibility, places)";

/// Rebuilds the whole index.
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM service_search", [])?;
    conn.execute(&format!("{INSERT} {CONTENT}"), [])?;
    Ok(())
}

/// Reindexes the services with these ids (a removed one leaves the index).
pub fn reindex(conn: &Connection, service_ids: &[&str]) -> Result<()> {
    for id in service_ids {
        conn.execute(
            "DELETE FROM service_search WHERE rowid = (SELECT rowid FROM hsds_service WHERE id = ?1)",
            [id],
        )?;
        conn.execute(&format!("{INSERT} {CONTENT} AND s.id = ?1"), [id])?;
    }
    Ok(())
}

/// Reindexes every service offered by an organization or at a location (after the
/// organization or location changed).
pub fn reindex_linked(
    conn: &Connection,
    organization_id: Option<&str>,
    location_id: Option<&str>,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id FROM hsds_service WHERE organization_id = ?1
         UNION SELECT service_id FROM hsds_service_at_location WHERE location_id = ?2",
    )?;
    let ids: Vec<String> = stmt
        .query_map(rusqlite::params![organization_id, location_id], |r| {
            r.get(0)
        })?
        .collect::<std::result::Result<_, _>>()?;
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    reindex(conn, &refs)
}
