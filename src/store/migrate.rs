//! Schema migrations: SQL files embedded at compile time, applied in order, each in
//! its own transaction together with the `user_version` bump that records it. A
//! migration may have a finishing step in Rust for what SQL cannot compute (hashing
//! the audit trail's existing entries into a chain), run in the same transaction.

use rusqlite::Connection;

use super::StoreError;

type Finish = fn(&Connection) -> rusqlite::Result<()>;

/// Migration `i` (0-based) moves the store from version `i` to `i + 1`.
const MIGRATIONS: &[(&str, Option<Finish>)] = &[
    (include_str!("migrations/0001_foundation.sql"), None),
    (include_str!("migrations/0002_registry.sql"), None),
    (include_str!("migrations/0003_outreach.sql"), None),
    (include_str!("migrations/0004_resources.sql"), None),
    (include_str!("migrations/0005_schedule.sql"), None),
    (include_str!("migrations/0006_care_plans.sql"), None),
    (
        include_str!("migrations/0007_data_safety.sql"),
        Some(crate::audit::chain_existing),
    ),
];

/// The store version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn apply(conn: &mut Connection) -> Result<(), StoreError> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (index, (sql, finish)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
        tx.execute_batch(sql)?;
        if let Some(finish) = finish {
            finish(&tx)?;
        }
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
