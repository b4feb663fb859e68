//! The only way to change the store: one immediate transaction that must carry at
//! least one audit entry, or it is rolled back.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::Reader;
use crate::audit::{self, AuditEntry};
use crate::error::Error;

/// A change in progress. Domain code runs its SQL through [`Writer::tx`] and reports
/// what it did with [`Writer::audit`].
pub struct Writer<'c> {
    tx: Transaction<'c>,
    actor: &'c str,
    now: Timestamp,
    today: Date,
    audited: usize,
}

impl Writer<'_> {
    pub fn tx(&self) -> &Transaction<'_> {
        &self.tx
    }

    /// The moment of this change, shared by every row and audit entry it writes.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// `now` as stored: RFC 3339 in UTC.
    pub fn now_text(&self) -> String {
        self.now.to_string()
    }

    /// The day of this change on the laptop's calendar: what "not in the future" and
    /// "defaults to today" mean for everything it checks.
    pub fn today(&self) -> Date {
        self.today
    }

    /// The moment of this change as a date and time on the laptop's clock: what "not
    /// in the future" means for a contact's time.
    pub fn local_now(&self) -> jiff::civil::DateTime {
        self.now.to_zoned(TimeZone::system()).datetime()
    }

    /// Reads inside this change's transaction (what it checks before it writes sees
    /// exactly what it is about to change), evaluated for [`Writer::today`].
    pub fn reader(&self) -> Reader<'_> {
        Reader::new(&self.tx, self.today)
    }

    pub fn actor(&self) -> &str {
        self.actor
    }

    /// Records what this change did, in the same transaction as the change itself.
    pub fn audit(&mut self, entry: AuditEntry) -> crate::Result<()> {
        audit::record(&self.tx, self.now, self.actor, &entry)?;
        self.audited += 1;
        Ok(())
    }
}

pub(crate) fn run<T>(
    conn: &mut Connection,
    actor: &str,
    change: impl FnOnce(&mut Writer<'_>) -> crate::Result<T>,
) -> crate::Result<T> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now = Timestamp::now();
    let mut writer = Writer {
        tx,
        actor,
        now,
        today: now.to_zoned(TimeZone::system()).date(),
        audited: 0,
    };
    // On any error `writer` is dropped here and its transaction rolls back.
    let out = change(&mut writer)?;
    if writer.audited == 0 {
        return Err(Error::Internal(
            "a change reached the store without an audit entry".into(),
        ));
    }
    writer.tx.commit()?;
    Ok(out)
}
