//! The audit trail as a hash chain: each entry carries the SHA-256 of the entry before
//! it together with its own fields, and the chain's last link is kept apart
//! (`audit_head`). Editing an entry, deleting one (even the newest), or slipping one in
//! with raw SQL breaks a link that [`verify`] finds.
//!
//! This is tamper-*evident*, not tamper-proof: someone holding the passphrase and
//! SQLite could rewrite the whole chain. It catches the edit that a careless or
//! dishonest hand makes to one row, which is what a privacy officer asks about.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of one entry that its hash covers, in the order they are hashed.
pub(super) struct Link<'a> {
    pub seq: i64,
    pub id: &'a str,
    pub at: &'a str,
    pub actor: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub patient_id: Option<&'a str>,
    pub action: &'a str,
    pub changes: &'a str,
}

impl Link<'_> {
    /// SHA-256, as lowercase hex, of the previous hash and this entry's fields, laid
    /// out as a JSON array (unambiguous: no field can run into the next).
    pub fn hash(&self, prev_hash: &str) -> String {
        let fields = serde_json::json!([
            self.seq,
            prev_hash,
            self.id,
            self.at,
            self.actor,
            self.entity,
            self.entity_id,
            self.patient_id,
            self.action,
            self.changes,
        ]);
        let digest = Sha256::digest(fields.to_string().as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The chain's last link: its number and hash (`0` and the genesis hash when empty).
pub(super) fn head(conn: &Connection) -> rusqlite::Result<(i64, String)> {
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM audit_head WHERE only = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .unwrap_or_else(|| (0, GENESIS.to_owned())))
}

pub(super) fn set_head(conn: &Connection, seq: i64, hash: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO audit_head (only, seq, hash) VALUES (1, ?1, ?2)
         ON CONFLICT (only) DO UPDATE SET seq = ?1, hash = ?2",
        params![seq, hash],
    )?;
    Ok(())
}

/// Chains the entries a store held before the trail was a chain, in the order they
/// were written. Runs once, inside the migration that added the columns.
pub(crate) fn chain_existing(conn: &Connection) -> rusqlite::Result<()> {
    let mut rows = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT rowid, id, at, actor, entity, entity_id, patient_id, action, changes
             FROM audit_log WHERE seq IS NULL ORDER BY rowid",
        )?;
        let mut query = stmt.query([])?;
        while let Some(row) = query.next()? {
            rows.push((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, String>(5)?,
                row.get::<_, Option<String>>(6)?,
                row.get::<_, String>(7)?,
                row.get::<_, String>(8)?,
            ));
        }
    }
    let (mut seq, mut prev) = head(conn)?;
    let mut update =
        conn.prepare("UPDATE audit_log SET seq = ?1, prev_hash = ?2, hash = ?3 WHERE rowid = ?4")?;
    for (rowid, id, at, actor, entity, entity_id, patient_id, action, changes) in &rows {
        seq += 1;
        let hash = Link {
            seq,
            id,
            at,
            actor,
            entity,
            entity_id,
            patient_id: patient_id.as_deref(),
            action,
            changes,
        }
        .hash(&prev);
        update.execute(params![seq, prev, hash, rowid])?;
        prev = hash;
    }
    if !rows.is_empty() {
        set_head(conn, seq, &prev)?;
    }
    Ok(())
}

/// What verifying the trail found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// How many entries were checked.
    pub entries: i64,
    /// The first broken link, if any; `None` means the chain is whole.
    pub broken: Option<BrokenLink>,
}

impl Verification {
    pub fn is_intact(&self) -> bool {
        self.broken.is_none()
    }
}

/// Where the chain breaks first, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenLink {
    /// The entry number where it breaks.
    pub seq: i64,
    /// When that entry says it was written, if it is still there.
    pub at: Option<String>,
    /// In words, for the privacy officer.
    pub why: String,
}

/// Walks the whole trail in order, recomputing every hash, and reports the first link
/// that does not hold: an entry changed after it was written, one missing from the
/// middle or the end, one added outside Caseload.
pub fn verify(conn: &Connection) -> crate::Result<Verification> {
    let outside: i64 = conn.query_row(
        "SELECT count(*) FROM audit_log WHERE seq IS NULL",
        [],
        |row| row.get(0),
    )?;
    let mut stmt = conn.prepare(
        "SELECT seq, id, at, actor, entity, entity_id, patient_id, action, changes,
                prev_hash, hash
         FROM audit_log WHERE seq IS NOT NULL ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected_seq = 1;
    let mut prev = GENESIS.to_owned();
    let mut checked = 0;
    let broken = |seq: i64, at: Option<String>, why: String| Verification {
        entries: 0,
        broken: Some(BrokenLink { seq, at, why }),
    };
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let at: String = row.get(2)?;
        let prev_hash: Option<String> = row.get(9)?;
        let hash: Option<String> = row.get(10)?;
        checked += 1;
        let found = |mut v: Verification| {
            v.entries = checked;
            Ok(v)
        };
        if seq != expected_seq {
            return found(broken(
                expected_seq,
                None,
                format!(
                    "Entry {expected_seq} is missing: the trail goes from entry {} to entry {seq}. \
                     It was deleted after it was written.",
                    expected_seq - 1
                ),
            ));
        }
        let (id, actor, entity, entity_id, action, changes): (
            String,
            String,
            String,
            String,
            String,
            String,
        ) = (
            row.get(1)?,
            row.get(3)?,
            row.get(4)?,
            row.get(5)?,
            row.get(7)?,
            row.get(8)?,
        );
        let patient_id: Option<String> = row.get(6)?;
        let link = Link {
            seq,
            id: &id,
            at: &at,
            actor: &actor,
            entity: &entity,
            entity_id: &entity_id,
            patient_id: patient_id.as_deref(),
            action: &action,
            changes: &changes,
        };
        if prev_hash.as_deref() != Some(prev.as_str()) {
            return found(broken(
                seq,
                Some(at),
                format!(
                    "Entry {seq} does not follow entry {}: an entry before it was changed, \
                     replaced or removed.",
                    seq - 1
                ),
            ));
        }
        let recomputed = link.hash(&prev);
        if hash.as_deref() != Some(recomputed.as_str()) {
            return found(broken(
                seq,
                Some(at),
                format!("Entry {seq} was changed after it was written."),
            ));
        }
        prev = recomputed;
        expected_seq += 1;
    }
    let last = expected_seq - 1;
    let (head_seq, head_hash) = head(conn)?;
    let result = if head_seq > last {
        broken(
            last + 1,
            None,
            format!(
                "Entries {} to {head_seq} are missing: the trail was written up to entry \
                 {head_seq} but ends at entry {last}. They were deleted after they were written.",
                last + 1
            ),
        )
    } else if head_seq < last || (last > 0 && head_hash != prev) {
        broken(
            last,
            None,
            format!(
                "The newest entries do not match the trail's last recorded link (entry {head_seq}): \
                 entries were added or replaced outside Caseload."
            ),
        )
    } else if outside > 0 {
        broken(
            last + 1,
            None,
            format!(
                "{outside} entr{} added outside Caseload, with no place in the trail.",
                if outside == 1 { "y was" } else { "ies were" }
            ),
        )
    } else {
        Verification {
            entries: checked,
            broken: None,
        }
    };
    Ok(Verification {
        entries: checked,
        ..result
    })
}
