//! Search as you type: the full-text index (prefix matching, accent- and case-blind,
//! ranked by where the words are found: the name counts most), narrowed by category,
//! language, city or ZIP, a day it is open and what it costs. Only the page shown is
//! ranked and filled in; `total` says how many match.

use std::collections::HashSet;
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
    /// How many services to list, 1 to [`SearchQuery::MAX_LIMIT`]; `None` = 50.
    pub limit: Option<usize>,
}

impl SearchQuery {
    /// The most services one search (or the verification queue) lists.
    pub const MAX_LIMIT: usize = MAX_LIMIT;
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

/// `asked` when it is 1 to [`MAX_LIMIT`]; anything else is refused rather than changed,
/// so a shortened list is never taken for the whole.
fn checked_limit(asked: usize) -> Result<usize> {
    if (1..=MAX_LIMIT).contains(&asked) {
        Ok(asked)
    } else {
        Err(Error::invalid(
            "limit",
            format!("A list of services holds 1 to {MAX_LIMIT} (asked for {asked})."),
        ))
    }
}

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

/// Words this short match too much to rank: "f" is in nearly every service. They list
/// by name, and ranking starts at a word of three letters.
const RANKED_FROM: usize = 3;

/// The FTS5 bm25 weights of the index's columns: name, organization, categories,
/// description, eligibility, places. The name counts most.
const RANK: &str = "bm25(service_search, 10.0, 4.0, 4.0, 1.0, 1.0, 2.0)";

/// Search is set arithmetic read from covering indexes, not from the services' rows:
/// the full-text index gives the services matching the words (it holds live services
/// only; `rowid`s), each filter gives a set of service ids (`filters`), intersected on
/// the index of live services' ids. Only the page shown is read in full. A page is
/// ranked by bm25 when a word has three letters or more, else listed by name: by
/// walking the name index until the page is full, or, for a few hundred services, by
/// sorting them.
pub fn search(r: &Reader<'_>, query: &SearchQuery) -> Result<SearchPage> {
    let started = Instant::now();
    let limit = checked_limit(query.limit.unwrap_or(DEFAULT_LIMIT))?;
    let stale_after = super::stale_after_days(r)?;
    let matched = match_expression(&query.text);
    let ranked = matched.is_some()
        && query
            .text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.chars().count() >= RANKED_FROM);
    let mut params: Vec<Box<dyn ToSql>> = Vec::new();
    // A short text is one more set; a ranked one is ranked by the full-text index.
    let short_text = matched.as_ref().filter(|_| !ranked);
    if let Some(expr) = short_text {
        params.push(Box::new(expr.clone()));
    }
    let sets = filters(r, query, stale_after, &mut params)?;
    let mut conditions = String::new();
    if short_text.is_some() {
        conditions.push_str(
            " AND s.rowid IN (SELECT rowid FROM service_search WHERE service_search MATCH ?1)",
        );
    }
    for set in &sets {
        conditions.push_str(&format!(" AND s.id IN ({})", set.sql));
    }
    let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
    let (total, rowids) = match (&matched, ranked, sets.is_empty()) {
        (None, _, true) => (count_live(r)?, walk(r, "", &[], limit)?),
        (Some(expr), true, true) => (count_matching(r, expr)?, rank(r, expr, None, limit)?.1),
        (Some(expr), false, true) => (
            count_matching(r, expr)?,
            walk(r, &conditions, &refs, limit)?,
        ),
        (Some(expr), true, false) => {
            let within: HashSet<i64> = live(r, &conditions, &refs)?.into_iter().collect();
            rank(r, expr, Some(&within), limit)?
        }
        _ => {
            let total = match (short_text, sets.first()) {
                // Counted in its own index, probing the other sets.
                (None, Some(first)) if first.live => {
                    let others: String = sets[1..]
                        .iter()
                        .map(|set| format!(" AND id IN ({})", set.sql))
                        .collect();
                    number(
                        r,
                        &format!("SELECT count(*) FROM ({}) WHERE 1{others}", first.sql),
                        &refs,
                    )?
                }
                _ => count(r, &conditions, &refs)?,
            };
            let page = if total <= SORTED_UP_TO {
                sorted(r, &conditions, &refs, limit)?
            } else {
                walk(r, &conditions, &refs, limit)?
            };
            (total, page)
        }
    };
    let mut by_rowid = r
        .conn()
        .prepare_cached("SELECT id FROM hsds_service WHERE rowid = ?1")?;
    let ids = rowids
        .iter()
        .map(|rowid| by_rowid.query_row([rowid], |row| row.get::<_, String>(0)))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let services = hits(r, &ids, stale_after)?;
    Ok(SearchPage {
        total,
        services,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

/// A filter's services: a `SELECT` of one column of service ids. `live` sets read the
/// services' own index and hold live services only; the others (read from the
/// tables that point at services) may name removed ones.
struct Set {
    sql: String,
    live: bool,
}

/// Up to this many services are sorted by name; more are listed by walking the name
/// index (which stops once the page is full, but may walk far for a sparse set).
const SORTED_UP_TO: usize = 2000;

/// The live services meeting `conditions` (on `s`), driven by their sets.
const LIVE_IN: &str =
    "FROM hsds_service s INDEXED BY hsds_service_live WHERE s._deleted_at IS NULL";

/// Runs `sql` (placeholders numbered in order) for one number or a column of rowids.
fn number(r: &Reader<'_>, sql: &str, params: &[&dyn ToSql]) -> Result<usize> {
    let n: i64 = r
        .conn()
        .prepare_cached(&number_placeholders(sql))?
        .query_row(params, |row| row.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

fn rowids(r: &Reader<'_>, sql: &str, params: &[&dyn ToSql]) -> Result<Vec<i64>> {
    let rows = r
        .conn()
        .prepare(&number_placeholders(sql))?
        .query_map(params, |row| row.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(rows)
}

fn count(r: &Reader<'_>, conditions: &str, params: &[&dyn ToSql]) -> Result<usize> {
    number(r, &format!("SELECT count(*) {LIVE_IN}{conditions}"), params)
}

fn live(r: &Reader<'_>, conditions: &str, params: &[&dyn ToSql]) -> Result<Vec<i64>> {
    rowids(r, &format!("SELECT s.rowid {LIVE_IN}{conditions}"), params)
}

fn sorted(
    r: &Reader<'_>,
    conditions: &str,
    params: &[&dyn ToSql],
    limit: usize,
) -> Result<Vec<i64>> {
    let sql = format!(
        "SELECT s.rowid {LIVE_IN}{conditions} ORDER BY s.name COLLATE NOCASE, s.rowid LIMIT {limit}"
    );
    rowids(r, &sql, params)
}

fn count_live(r: &Reader<'_>) -> Result<usize> {
    number(
        r,
        "SELECT count(*) FROM hsds_service INDEXED BY hsds_service_name WHERE _deleted_at IS NULL",
        &[],
    )
}

fn count_matching(r: &Reader<'_>, expr: &str) -> Result<usize> {
    number(
        r,
        "SELECT count(*) FROM service_search WHERE service_search MATCH ?1",
        &[&expr],
    )
}

/// Live services in name order, the first `limit` (placeholders numbered in
/// `conditions`' order).
fn walk(r: &Reader<'_>, conditions: &str, params: &[&dyn ToSql], limit: usize) -> Result<Vec<i64>> {
    let sql = format!(
        "SELECT s.rowid FROM hsds_service s INDEXED BY hsds_service_name
         WHERE s._deleted_at IS NULL{conditions} ORDER BY s.name COLLATE NOCASE LIMIT {limit}"
    );
    rowids(r, &sql, params)
}

/// The services matching `expr` (only those `within`, when given), best first: how
/// many, and the first `limit`.
fn rank(
    r: &Reader<'_>,
    expr: &str,
    within: Option<&HashSet<i64>>,
    limit: usize,
) -> Result<(usize, Vec<i64>)> {
    let Some(within) = within else {
        let page = r
            .conn()
            .prepare_cached(&format!(
                "SELECT rowid FROM service_search WHERE service_search MATCH ?1 ORDER BY {RANK}, rowid LIMIT ?2"
            ))?
            .query_map(rusqlite::params![expr, limit as i64], |row| row.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        return Ok((0, page));
    };
    let mut scored: Vec<(f64, i64)> = Vec::new();
    let mut stmt = r.conn().prepare_cached(&format!(
        "SELECT rowid, {RANK} FROM service_search WHERE service_search MATCH ?1"
    ))?;
    for row in stmt.query_map([expr], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, f64>(1)?))
    })? {
        let (rowid, score) = row?;
        if within.contains(&rowid) {
            scored.push((score, rowid));
        }
    }
    scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    Ok((
        scored.len(),
        scored
            .into_iter()
            .take(limit)
            .map(|(_, rowid)| rowid)
            .collect(),
    ))
}

/// Stale services, the longest unverified first (never verified before all); `limit`
/// is 1 to [`SearchQuery::MAX_LIMIT`].
pub fn verify_queue(r: &Reader<'_>, limit: usize) -> Result<Vec<ServiceHit>> {
    let limit = checked_limit(limit)?;
    let stale_after = super::stale_after_days(r)?;
    let cutoff = cutoff(r, stale_after)?;
    // Two walks of the verification index (never verified, then oldest first) rather
    // than one sort of every service.
    let mut ids: Vec<String> = r
        .conn()
        .prepare_cached(
            "SELECT id FROM hsds_service
             WHERE _deleted_at IS NULL AND coalesce(assured_date, substr(last_modified, 1, 10)) IS NULL
             ORDER BY name COLLATE NOCASE LIMIT ?1",
        )?
        .query_map([limit as i64], |row| row.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    if ids.len() < limit {
        let more: Vec<String> = r
            .conn()
            .prepare_cached(
                "SELECT id FROM hsds_service
                 WHERE _deleted_at IS NULL AND coalesce(assured_date, substr(last_modified, 1, 10)) < ?1
                 ORDER BY coalesce(assured_date, substr(last_modified, 1, 10)), name COLLATE NOCASE LIMIT ?2",
            )?
            .query_map(rusqlite::params![cutoff, (limit - ids.len()) as i64], |row| row.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        ids.extend(more);
    }
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

/// The query's filters as sets of service ids (each a `SELECT` of one column, read
/// from covering indexes), their parameters pushed in order. A set may name removed
/// services: the walk over live services drops them.
fn filters(
    r: &Reader<'_>,
    q: &SearchQuery,
    stale_after: u32,
    params: &mut Vec<Box<dyn ToSql>>,
) -> Result<Vec<Set>> {
    let mut sets: Vec<Set> = Vec::new();
    let child = |sql: String| Set { sql, live: false };
    if !q.category.trim().is_empty() {
        let term = super::categories::find(r.conn(), &q.category)?;
        sets.push(child(
            "SELECT link_id FROM hsds_attribute INDEXED BY hsds_attribute_term_link
             WHERE taxonomy_term_id = ? AND _deleted_at IS NULL"
                .to_owned(),
        ));
        params.push(Box::new(term));
    }
    let language = q.language.trim().to_lowercase();
    if !language.is_empty() {
        sets.push(child(
            "SELECT service_id FROM hsds_language WHERE lower(name) = ? AND _deleted_at IS NULL
             UNION ALL SELECT service_id FROM hsds_language WHERE lower(code) = ? AND _deleted_at IS NULL"
                .to_owned(),
        ));
        params.push(Box::new(language.clone()));
        params.push(Box::new(language));
    }
    let place = q.place.trim().to_lowercase();
    if !place.is_empty() {
        let offered = "JOIN hsds_service_at_location sal INDEXED BY hsds_service_at_location_live
                       ON sal.location_id = ad.location_id AND sal._deleted_at IS NULL";
        // A city by its name, or a ZIP code by its start (a range of the index).
        sets.push(child(format!(
            "SELECT sal.service_id FROM hsds_address ad {offered} WHERE lower(ad.city) = ? AND ad._deleted_at IS NULL
             UNION ALL SELECT sal.service_id FROM hsds_address ad {offered}
             WHERE ad.postal_code >= ? AND ad.postal_code < ? AND ad._deleted_at IS NULL"
        )));
        params.push(Box::new(place.clone()));
        params.push(Box::new(place.clone()));
        params.push(Box::new(format!("{place}\u{10FFFF}")));
    }
    if !q.open_on.trim().is_empty() {
        let day = Weekday::parse(&q.open_on)
            .ok_or_else(|| Error::invalid("open_on", Weekday::unknown(&q.open_on)))?;
        // The service's own hours, or the hours at one of the places it is offered: the
        // few distinct day lists ("MO,TU,WE,TH,FR") that hold the day, then their rules.
        // A rule without days holds every day.
        let days =
            "(sc.byday IN (SELECT DISTINCT byday FROM hsds_schedule INDEXED BY hsds_schedule_byday
                      WHERE _deleted_at IS NULL AND (byday = '' OR instr(upper(byday), ?) > 0))
                     OR sc.byday IS NULL) AND sc._deleted_at IS NULL";
        sets.push(child(format!(
            "SELECT sc.service_id FROM hsds_schedule sc WHERE {days}
             UNION ALL SELECT sal.service_id FROM hsds_schedule sc
             JOIN hsds_service_at_location sal ON sal.id = sc.service_at_location_id AND sal._deleted_at IS NULL
             WHERE {days}"
        )));
        params.push(Box::new(day.as_str().to_uppercase()));
        params.push(Box::new(day.as_str().to_uppercase()));
    }
    let costs: &[&str] = match q.cost.trim() {
        "" => &[],
        "free" => &["free"],
        "sliding" => &["sliding"],
        "free-or-sliding" => &["free", "sliding"],
        other => {
            return Err(Error::invalid(
                "cost",
                format!("\"{other}\" is not a cost filter; use free, sliding or free-or-sliding."),
            ));
        }
    };
    if !costs.is_empty() {
        let marks = vec!["?"; costs.len()].join(", ");
        sets.push(Set {
            sql: format!(
                "SELECT id FROM hsds_service INDEXED BY hsds_service_cost WHERE _deleted_at IS NULL AND _cost IN ({marks})"
            ),
            live: true,
        });
        for cost in costs {
            params.push(Box::new((*cost).to_owned()));
        }
    }
    if q.stale_only {
        sets.push(Set {
            sql: "SELECT id FROM hsds_service INDEXED BY hsds_service_verified WHERE _deleted_at IS NULL
               AND (coalesce(assured_date, substr(last_modified, 1, 10)) IS NULL
                    OR coalesce(assured_date, substr(last_modified, 1, 10)) < ?)"
                .to_owned(),
            live: true,
        });
        params.push(Box::new(cutoff(r, stale_after)?));
    }
    Ok(sets)
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
