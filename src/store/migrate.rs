//! Schema migrations: SQL files embedded at compile time, applied in order, each in
//! its own transaction together with the `user_version` bump that records it.

use rusqlite::Connection;

use super::StoreError;

/// Migration `i` (0-based) moves the store from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_foundation.sql"),
    include_str!("migrations/0002_registry.sql"),
    include_str!("migrations/0003_outreach.sql"),
    include_str!("migrations/0004_resources.sql"),
    include_str!("migrations/0005_schedule.sql"),
    include_str!("migrations/0006_care_plans.sql"),
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
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
