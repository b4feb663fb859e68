//! Search as you type: the full-text index (prefix matching, accent- and case-blind,
//! ranked by where the words are found: the name counts most), narrowed by category,
//! language, city or ZIP, a day it is open and what it costs. Only the page shown is
//! ranked and filled in; `total` says how many match.

use std::time::Instant;

use rusqlite::ToSql;
use serde::{Deserialize, Serialize};

use super::hours::{self, Hours, ScheduleRule};
use super::verification::Verification;
use super::{Cost, ServiceStatus, Weekday};
use crate::error::{Error, Result};
use crate::store::Reader;

/// What the search box and its filters send. Empty strings mean "any".
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SearchQuery {
    pub text: String,
    /// A category's id, code or name.
    pub category: String,
    /// A language's name or code ("Spanish", "es").
    pub language: String,
    /// A city, or the start of a ZIP code.
    pub place: String,
    /// A weekday ("tu" or "Tuesday").
    pub open_on: String,
    /// "free", "sliding" or "free-or-sliding".
    pub cost: String,
    pub stale_only: bool,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchPage {
    pub total: usize,
    pub services: Vec<ServiceHit>,
    pub took_ms: f64,
}

/// A service as a result list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceHit {
    pub id: String,
    pub name: String,
    pub organization_id: String,
    pub organization_name: String,
    pub summary: String,
    pub categories: Vec<String>,
    pub city: Option<String>,
    pub postal_code: Option<String>,
    pub phone: Option<String>,
    pub status: String,
    pub status_label: String,
    pub cost: Cost,
    pub cost_label: &'static str,
    pub verification: Verification,
    pub hours: Option<Hours>,
}

const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 500;

/// The FTS5 query for what was typed: every word must match as a prefix.
pub(crate) fn match_expression(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

pub fn search(r: &Reader<'_>, query: &SearchQuery) -> Result<SearchPage> {
    let started = Instant::now();
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let stale_after = super::stale_after_days(r)?;
    let mut conditions = vec!["s._deleted_at IS NULL".to_owned()];
    let mut params: Vec<Box<dyn ToSql>> = Vec::new();
    filters(r, query, stale_after, &mut conditions, &mut params)?;
    let matched = match_expression(&query.text);
    let (from, order) = match &matched {
        Some(expr) => {
            params.insert(0, Box::new(expr.clone()));
            conditions.insert(0, "service_search MATCH ?1".to_owned());
            (
                "service_search f JOIN hsds_service s ON s.rowid = f.rowid",
                "bm25(service_search, 10.0, 4.0, 4.0, 1.0, 1.0, 2.0), s.name COLLATE NOCASE",
            )
        }
        None => ("hsds_service s", "s.name COLLATE NOCASE"),
    };
    // Placeholders are numbered in the order the parameters were pushed.
    let where_sql = number_placeholders(&conditions.join(" AND "));
    let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
    let total: i64 = r.conn().query_row(
        &format!("SELECT count(*) FROM {from} WHERE {where_sql}"),
        refs.as_slice(),
        |row| row.get(0),
    )?;
    let mut stmt = r.conn().prepare(&format!(
        "SELECT s.id FROM {from} WHERE {where_sql} ORDER BY {order} LIMIT {limit}"
    ))?;
    let ids: Vec<String> = stmt
        .query_map(refs.as_slice(), |row| row.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    let services = hits(r, &ids, stale_after)?;
    Ok(SearchPage {
        total: usize::try_from(total).unwrap_or(0),
        services,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

/// Stale services, the longest unverified first (never verified before all).
pub fn verify_queue(r: &Reader<'_>, limit: usize) -> Result<Vec<ServiceHit>> {
    let stale_after = super::stale_after_days(r)?;
    let cutoff = cutoff(r, stale_after)?;
    let mut stmt = r.conn().prepare(
        "SELECT id FROM hsds_service
         WHERE _deleted_at IS NULL
           AND (coalesce(assured_date, substr(last_modified, 1, 10)) IS NULL
                OR coalesce(assured_date, substr(last_modified, 1, 10)) < ?1)
         ORDER BY coalesce(assured_date, substr(last_modified, 1, 10)) IS NOT NULL,
                  coalesce(assured_date, substr(last_modified, 1, 10)), name COLLATE NOCASE
         LIMIT ?2",
    )?;
    let ids: Vec<String> = stmt
        .query_map(
            rusqlite::params![cutoff, limit.clamp(1, 5000) as i64],
            |row| row.get(0),
        )?
        .collect::<std::result::Result<_, _>>()?;
    hits(r, &ids, stale_after)
}

/// The first day that is not stale: verified before it = stale.
fn cutoff(r: &Reader<'_>, stale_after: u32) -> Result<String> {
    Ok(r.today()
        .checked_sub(jiff::Span::new().days(i64::from(stale_after)))
        .map_err(|e| Error::Internal(e.to_string()))?
        .to_string())
}

/// Conditions use `?` placeholders; they become `?2`, `?3`, ... after the match text.
fn number_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = if sql.contains("MATCH ?1") { 1 } else { 0 };
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '?' {
            if chars.peek().is_some_and(char::is_ascii_digit) {
                continue;
            }
            n += 1;
            out.push_str(&n.to_string());
        }
    }
    out
}

fn filters(
    r: &Reader<'_>,
    q: &SearchQuery,
    stale_after: u32,
    conditions: &mut Vec<String>,
    params: &mut Vec<Box<dyn ToSql>>,
) -> Result<()> {
    if !q.category.trim().is_empty() {
        let term = super::categories::find(r.conn(), &q.category)?;
        conditions.push(
            "EXISTS (SELECT 1 FROM hsds_attribute a WHERE a.link_id = s.id
                     AND a.taxonomy_term_id = ? AND a._deleted_at IS NULL)"
                .into(),
        );
        params.push(Box::new(term));
    }
    let language = q.language.trim().to_lowercase();
    if !language.is_empty() {
        conditions.push(
            "EXISTS (SELECT 1 FROM hsds_language g WHERE g.service_id = s.id AND g._deleted_at IS NULL
                     AND (lower(g.name) = ? OR lower(g.code) = ?))"
                .into(),
        );
        params.push(Box::new(language.clone()));
        params.push(Box::new(language));
    }
    let place = q.place.trim().to_lowercase();
    if !place.is_empty() {
        conditions.push(
            "EXISTS (SELECT 1 FROM hsds_service_at_location sal
                     JOIN hsds_address ad ON ad.location_id = sal.location_id AND ad._deleted_at IS NULL
                     WHERE sal.service_id = s.id AND sal._deleted_at IS NULL
                       AND (lower(ad.city) = ? OR ad.postal_code LIKE ? || '%'))"
                .into(),
        );
        params.push(Box::new(place.clone()));
        params.push(Box::new(place));
    }
    if !q.open_on.trim().is_empty() {
        let day = Weekday::parse(&q.open_on)
            .ok_or_else(|| Error::invalid("open_on", Weekday::unknown(&q.open_on)))?;
        conditions.push(
            "EXISTS (SELECT 1 FROM hsds_schedule sc WHERE sc._deleted_at IS NULL
                     AND (sc.service_id = s.id OR sc.service_at_location_id IN
                          (SELECT id FROM hsds_service_at_location WHERE service_id = s.id))
                     AND (coalesce(sc.byday, '') = '' OR instr(upper(sc.byday), ?) > 0))"
                .into(),
        );
        params.push(Box::new(day.as_str().to_uppercase()));
    }
    match q.cost.trim() {
        "" => {}
        "free" => conditions.push("s._cost = 'free'".into()),
        "sliding" => conditions.push("s._cost = 'sliding'".into()),
        "free-or-sliding" => conditions.push("s._cost IN ('free', 'sliding')".into()),
        other => {
            return Err(Error::invalid(
                "cost",
                format!("\"{other}\" is not a cost filter; use free, sliding or free-or-sliding."),
            ));
        }
    }
    if q.stale_only {
        conditions.push(
            "(coalesce(s.assured_date, substr(s.last_modified, 1, 10)) IS NULL
              OR coalesce(s.assured_date, substr(s.last_modified, 1, 10)) < ?)"
                .into(),
        );
        params.push(Box::new(cutoff(r, stale_after)?));
    }
    Ok(())
}

/// Fills in the result lines for `ids`, in that order.
pub(crate) fn hits(r: &Reader<'_>, ids: &[String], stale_after: u32) -> Result<Vec<ServiceHit>> {
    let mut stmt = r.conn().prepare_cached(
        "SELECT s.id, coalesce(s.name, ''), s.organization_id, coalesce(o.name, ''),
                coalesce(s.description, ''), coalesce(s.status, ''), s._cost, s.assured_date,
                s.last_modified, s._verified_by, s._verified_how,
                (SELECT group_concat(t.name, '|') FROM hsds_attribute a
                   JOIN hsds_taxonomy_term t ON t.id = a.taxonomy_term_id AND t._deleted_at IS NULL
                   WHERE a.link_id = s.id AND a._deleted_at IS NULL),
                (SELECT ad.city || char(31) || coalesce(ad.postal_code, '')
                   FROM hsds_service_at_location sal
                   JOIN hsds_address ad ON ad.location_id = sal.location_id AND ad._deleted_at IS NULL
                   WHERE sal.service_id = s.id AND sal._deleted_at IS NULL LIMIT 1),
                (SELECT p.number FROM hsds_phone p WHERE p._deleted_at IS NULL
                   AND (p.service_id = s.id OR p.organization_id = s.organization_id
                        OR p.location_id IN (SELECT location_id FROM hsds_service_at_location
                                             WHERE service_id = s.id AND _deleted_at IS NULL))
                   ORDER BY p.service_id = s.id DESC LIMIT 1)
         FROM hsds_service s LEFT JOIN hsds_organization o ON o.id = s.organization_id
         WHERE s.id = ?1",
    )?;
    let today = r.today();
    let now = r.local_now();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let hit = stmt.query_row([id], |row| {
            let description: String = row.get(4)?;
            let status: String = row.get(5)?;
            let cost = Cost::parse(&row.get::<_, String>(6)?).unwrap_or(Cost::Unknown);
            let place: Option<String> = row.get(12)?;
            let (city, postal_code) = match place.as_deref().and_then(|p| p.split_once('\u{1f}')) {
                Some((c, z)) => (Some(c.to_owned()), (!z.is_empty()).then(|| z.to_owned())),
                None => (None, None),
            };
            Ok(ServiceHit {
                id: row.get(0)?,
                name: row.get(1)?,
                organization_id: row.get::<_, Option<String>>(2)?.unwrap_or_default(),
                organization_name: row.get(3)?,
                summary: summary(&description),
                categories: row
                    .get::<_, Option<String>>(11)?
                    .map(|c| c.split('|').map(str::to_owned).collect())
                    .unwrap_or_default(),
                city,
                postal_code,
                phone: row
                    .get::<_, Option<String>>(13)?
                    .map(|p| p.trim_matches('"').to_owned()),
                status_label: ServiceStatus::parse(&status)
                    .map_or(status.clone(), |s| s.label().to_owned()),
                status,
                cost,
                cost_label: cost.label(),
                verification: Verification::of(
                    row.get::<_, Option<String>>(7)?.as_deref(),
                    row.get::<_, Option<String>>(8)?.as_deref(),
                    row.get(9)?,
                    row.get::<_, Option<String>>(10)?.as_deref(),
                    today,
                    stale_after,
                ),
                hours: None,
            })
        })?;
        let mut hit = hit;
        hit.hours = hours::hours(&schedule_rules(r, id)?, now);
        out.push(hit);
    }
    Ok(out)
}

/// A service's weekly schedule rules (its own and those of its locations).
pub(crate) fn schedule_rules(r: &Reader<'_>, service_id: &str) -> Result<Vec<ScheduleRule>> {
    let mut stmt = r.conn().prepare_cached(
        "SELECT byday, opens_at, closes_at, valid_from, valid_to, coalesce(description, notes)
         FROM hsds_schedule sc WHERE sc._deleted_at IS NULL
           AND (sc.service_id = ?1 OR sc.service_at_location_id IN
                (SELECT id FROM hsds_service_at_location WHERE service_id = ?1 AND _deleted_at IS NULL))
         ORDER BY rowid",
    )?;
    let rows = stmt.query_map([service_id], |row| {
        let text = |i: usize| row.get::<_, Option<String>>(i);
        Ok(ScheduleRule {
            days: text(0)?
                .as_deref()
                .map(hours::parse_byday)
                .unwrap_or_default(),
            opens_at: text(1)?.as_deref().and_then(super::hsds::parse_time),
            closes_at: text(2)?.as_deref().and_then(super::hsds::parse_time),
            valid_from: text(3)?.and_then(|d| d.parse().ok()),
            valid_to: text(4)?.and_then(|d| d.parse().ok()),
            note: text(5)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

fn summary(description: &str) -> String {
    let flat: String = description.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 160 {
        return flat;
    }
    let mut out: String = flat.chars().take(157).collect();
    if let Some(space) = out.rfind(' ') {
        out.truncate(space);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_a_prefix_and_punctuation_is_dropped() {
        assert_eq!(
            match_expression("food  pan").as_deref(),
            Some("\"food\"* \"pan\"*")
        );
        assert_eq!(
            match_expression("\"x\" OR y*").as_deref(),
            Some("\"x\"* \"OR\"* \"y\"*")
        );
        assert_eq!(match_expression(" - "), None);
    }

    #[test]
    fn placeholders_follow_the_match_text() {
        assert_eq!(
            number_placeholders("service_search MATCH ?1 AND a = ? AND b = ?"),
            "service_search MATCH ?1 AND a = ?2 AND b = ?3"
        );
        assert_eq!(number_placeholders("a = ? AND b = ?"), "a = ?1 AND b = ?2");
    }
}
