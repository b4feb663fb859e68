//! The only way to read the store: one deferred transaction, so every query of a read
//! sees the same data, evaluated for one day.
//!
//! It mirrors [`Writer`](super::Writer): domain code gets a `&Reader` and runs its SQL
//! through [`Reader::conn`]; rules that depend on the day (flags, screening, review
//! lists, ages) ask [`Reader::today`] instead of the clock, so a huddle sheet for
//! tomorrow or a review list for last week is the same code with another day.

use jiff::civil::Date;
use rusqlite::Connection;

/// A consistent view of the store for one day.
#[derive(Clone, Copy)]
pub struct Reader<'c> {
    conn: &'c Connection,
    today: Date,
}

impl<'c> Reader<'c> {
    /// A view over `conn`, which must already be inside a transaction (a read's
    /// deferred one, or a write's immediate one).
    pub(crate) fn new(conn: &'c Connection, today: Date) -> Reader<'c> {
        Reader { conn, today }
    }

    /// The day this read is evaluated for: "today" for every rule that asks.
    pub fn today(&self) -> Date {
        self.today
    }

    /// The time of day on the laptop's clock, on the day of this read: what "open now"
    /// means for a service's hours. (Read when asked: a read lasts milliseconds.)
    pub fn local_now(&self) -> jiff::civil::DateTime {
        self.today.to_datetime(jiff::Zoned::now().time())
    }

    /// The same snapshot evaluated for another day (a past week's review list).
    pub fn on(&self, day: Date) -> Reader<'c> {
        Reader {
            conn: self.conn,
            today: day,
        }
    }

    pub(crate) fn conn(&self) -> &'c Connection {
        self.conn
    }
}

impl std::fmt::Debug for Reader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("today", &self.today)
            .finish_non_exhaustive()
    }
}
