//! The caseload list: every patient, filtered as the coordinator types, one page at a
//! time, each row with its episodes (enrollment) and standing (flags).
//!
//! Paging happens in SQL (LIMIT/OFFSET over an indexed sort key), so the list costs
//! the same whether the caseload holds 300 patients or 10,000; see docs/benchmarks.md.

use std::collections::HashMap;

use jiff::civil::Date;
use rusqlite::{Connection, ToSql};
use serde::{Deserialize, Serialize};

use crate::enrollment::EnrollmentStatus;
use crate::error::{Error, Result};
use crate::flags::{FlagKind, Standing};
use crate::outreach::PatientOutreach;
use crate::patients::PatientRef;
use crate::patients::fold;
use crate::store::Reader;
use crate::transitions::Transition;

pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 500;

/// The page size asked for: 0 (not given) is the default; above [`MAX_PAGE`] is refused
/// rather than cut down, so whoever asked never takes a shortened page for the whole.
fn page_size(asked: u32) -> Result<u32> {
    match asked {
        0 => Ok(DEFAULT_PAGE),
        n if n <= MAX_PAGE => Ok(n),
        n => Err(Error::invalid(
            "limit",
            format!("A page lists 1 to {MAX_PAGE} patients (asked for {n})."),
        )),
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaseloadSort {
    /// Last name, then first name.
    #[default]
    Name,
    /// Most recent change first.
    LastActivity,
    /// Safety flags first, then not improving, then overdue measures, then the other
    /// flags; by name within each group.
    NeedsAttention,
    /// The next contact due first (overdue ones at the top); patients with no contact
    /// due (not followed up) last.
    NextDue,
}

/// What the caseload screen asks for. Empty strings mean "no filter".
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CaseloadQuery {
    /// Name, MRN or date of birth (`YYYY-MM-DD`, part of it, or `MM/DD/YYYY`); every
    /// word must match.
    pub text: String,
    /// An episode status (`active`, `referred`, ...), `not-enrolled`, or empty for all.
    pub status: String,
    /// A program code (`compass`), or empty for all programs.
    pub program: String,
    /// `attention` (any flag that needs attention), a flag kind (`safety`,
    /// `not-improving`, ...), or empty for all.
    pub flag: String,
    pub sort: CaseloadSort,
    pub offset: u32,
    /// Page size, at most [`MAX_PAGE`] (more is refused); 0 means the default.
    pub limit: u32,
}

/// The latest episode of one program, as a badge in the list.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EpisodeBadge {
    pub program_code: String,
    pub program_name: String,
    pub status: EnrollmentStatus,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseloadRow {
    /// The patient's id, as `patient.id`: kept under this name because the caseload's
    /// JSON (desktop and `caseload patients list --format json`) has always carried it.
    pub id: String,
    #[serde(flatten)]
    pub patient: PatientRef,
    pub phone: Option<String>,
    pub last_activity_at: String,
    pub episodes: Vec<EpisodeBadge>,
    /// Weeks in treatment, baseline and latest values, and flags, computed today.
    pub standing: Standing,
    /// The last contact that reached the patient and when the next one is due.
    pub outreach: RowOutreach,
    /// The latest ED visit or stay if it is recent (still in, or within 30 days).
    pub recent_transition: Option<Transition>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseloadPage {
    /// Patients matching the filters, across all pages.
    pub total: u64,
    pub offset: u32,
    pub limit: u32,
    pub rows: Vec<CaseloadRow>,
}

/// The caseload's outreach columns.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RowOutreach {
    pub last_reached_on: Option<Date>,
    /// Days since then, on the day the list is read for.
    pub last_reached_days: Option<i64>,
    pub next_due: Option<Date>,
    /// Days past due (negative: due in that many days).
    pub overdue_days: Option<i64>,
}

/// Lists one page of the caseload.
pub fn list(r: &Reader<'_>, query: &CaseloadQuery) -> Result<CaseloadPage> {
    let conn = r.conn();
    let filter = Filter::build(r, query)?;
    let flag = FlagFilter::parse(&query.flag)?;
    let limit = page_size(query.limit)?;
    let today = r.today();
    if matches!(
        query.sort,
        CaseloadSort::NeedsAttention | CaseloadSort::NextDue
    ) || flag.is_some()
    {
        return list_by_standing(r, query, &filter, flag, limit);
    }
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM patients p WHERE {}", filter.sql),
        filter.args().as_slice(),
        |row| row.get(0),
    )?;
    let order = match query.sort {
        CaseloadSort::LastActivity => "p.last_activity_at DESC, p.sort_key",
        CaseloadSort::Name | CaseloadSort::NeedsAttention | CaseloadSort::NextDue => {
            "p.sort_key, p.rowid"
        }
    };
    let mut rows = fetch_rows(
        conn,
        &format!(
            "{} ORDER BY {order} LIMIT {limit} OFFSET {}",
            filter.sql, query.offset
        ),
        &filter.args(),
        today,
    )?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut standings = crate::flags::standings(r, Some(&ids))?;
    for row in &mut rows {
        row.standing = standings.remove(&row.id).unwrap_or_default();
    }
    attach_episodes(conn, &mut rows)?;
    attach_outreach(r, &mut rows, None)?;
    Ok(CaseloadPage {
        total: total.max(0) as u64,
        offset: query.offset,
        limit,
        rows,
    })
}

/// Above this many matching patients, flags are computed from one scan of the whole
/// registry rather than a list of ids (SQLite caps the number of parameters).
const SUBSET_LIMIT: usize = 900;

/// The "needs attention" sort and the flag filter: every matching patient's standing
/// is computed (flags are never stored), then sorted and paged here.
fn list_by_standing(
    r: &Reader<'_>,
    query: &CaseloadQuery,
    filter: &Filter,
    flag: Option<FlagFilter>,
    limit: u32,
) -> Result<CaseloadPage> {
    let (conn, today) = (r.conn(), r.today());
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id, p.sort_key, p.last_activity_at FROM patients p WHERE {}",
        filter.sql
    ))?;
    let matching = stmt
        .query_map(filter.args().as_slice(), |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let ids: Vec<String> = matching.iter().map(|m| m.0.clone()).collect();
    let subset = (ids.len() <= SUBSET_LIMIT).then_some(ids.as_slice());
    // Everyone's flags only when the order or the filter needs them; sorted by the next
    // contact alone, only the page's rows get theirs (below).
    let everyone_flagged = query.sort != CaseloadSort::NextDue || flag.is_some();
    let mut standings = if everyone_flagged {
        crate::flags::standings(r, subset)?
    } else {
        HashMap::new()
    };
    let mut outreach = if query.sort == CaseloadSort::NextDue {
        Some(crate::outreach::load(r, subset)?)
    } else {
        None
    };
    let next_due = |id: &str| {
        outreach
            .as_ref()
            .and_then(|o| o.get(id))
            .and_then(|o| o.outreach.next_due)
            .unwrap_or(Date::MAX)
    };
    let mut keyed: Vec<(u8, &str, &str, &str, Date)> = matching
        .iter()
        .map(|(id, sort_key, activity)| {
            let tier = standings.get(id).map_or(u8::MAX, Standing::tier);
            (
                tier,
                sort_key.as_str(),
                activity.as_str(),
                id.as_str(),
                next_due(id),
            )
        })
        .filter(|(_, _, _, id, _)| match flag {
            None => true,
            Some(f) => standings.get(*id).is_some_and(|s| f.matches(s)),
        })
        .collect();
    match query.sort {
        CaseloadSort::NeedsAttention => keyed.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1))),
        CaseloadSort::Name => keyed.sort_by(|a, b| a.1.cmp(b.1)),
        CaseloadSort::LastActivity => keyed.sort_by(|a, b| b.2.cmp(a.2).then(a.1.cmp(b.1))),
        CaseloadSort::NextDue => keyed.sort_by(|a, b| (a.4, a.1).cmp(&(b.4, b.1))),
    }
    let page: Vec<String> = keyed
        .iter()
        .skip(query.offset as usize)
        .take(limit as usize)
        .map(|k| k.3.to_owned())
        .collect();
    let slots = (1..=page.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let args: Vec<&dyn ToSql> = page.iter().map(|id| id as &dyn ToSql).collect();
    let mut rows = if page.is_empty() {
        Vec::new()
    } else {
        fetch_rows(conn, &format!("p.id IN ({slots})"), &args, today)?
    };
    rows.sort_by_key(|r| page.iter().position(|id| *id == r.id));
    if !everyone_flagged {
        standings = crate::flags::standings(r, Some(&page))?;
    }
    for row in &mut rows {
        row.standing = standings.remove(&row.id).unwrap_or_default();
    }
    attach_episodes(conn, &mut rows)?;
    attach_outreach(r, &mut rows, outreach.as_mut())?;
    Ok(CaseloadPage {
        total: keyed.len() as u64,
        offset: query.offset,
        limit,
        rows,
    })
}

/// Fills each row's outreach columns and recent transition, from `loaded` when the
/// sort already worked out everyone's outreach.
fn attach_outreach(
    r: &Reader<'_>,
    rows: &mut [CaseloadRow],
    loaded: Option<&mut HashMap<String, PatientOutreach>>,
) -> Result<()> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut fresh;
    let outreach = match loaded {
        Some(o) => o,
        None => {
            fresh = crate::outreach::load(r, Some(&ids))?;
            &mut fresh
        }
    };
    let mut recent = crate::transitions::recent(r, Some(&ids))?;
    let today = r.today();
    for row in rows {
        if let Some(o) = outreach.remove(&row.id) {
            let o = o.outreach;
            row.outreach = RowOutreach {
                last_reached_on: o.last_reached_on,
                last_reached_days: o
                    .last_reached_on
                    .map(|d| crate::flags::days_between(d, today)),
                next_due: o.next_due,
                overdue_days: o.next_due.map(|d| crate::flags::days_between(d, today)),
            };
        }
        row.recent_transition = recent.remove(&row.id);
    }
    Ok(())
}

/// Caseload rows for `SELECT ... FROM patients p WHERE {tail}`.
fn fetch_rows(
    conn: &Connection,
    tail: &str,
    args: &[&dyn ToSql],
    today: jiff::civil::Date,
) -> Result<Vec<CaseloadRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {}, p.phone, p.last_activity_at FROM patients p WHERE {tail}",
        PatientRef::columns("p")
    ))?;
    let rows = stmt
        .query_map(args, |row| {
            let patient = PatientRef::from_row(row, 0, today)?;
            Ok(CaseloadRow {
                id: patient.id.clone(),
                patient,
                phone: row.get(PatientRef::COLUMNS)?,
                last_activity_at: row.get(PatientRef::COLUMNS + 1)?,
                episodes: Vec::new(),
                standing: Standing::default(),
                outreach: RowOutreach::default(),
                recent_transition: None,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Which flagged patients to keep.
#[derive(Debug, Clone, Copy)]
enum FlagFilter {
    /// Any flag that needs attention.
    Attention,
    /// Any overdue measure.
    Overdue,
    Kind(FlagKind),
}

impl FlagFilter {
    fn parse(text: &str) -> Result<Option<FlagFilter>> {
        let text = text.trim();
        if text.is_empty() || text == "any" {
            return Ok(None);
        }
        if text == "attention" {
            return Ok(Some(FlagFilter::Attention));
        }
        if text == "overdue" {
            return Ok(Some(FlagFilter::Overdue));
        }
        FlagKind::ALL
            .into_iter()
            .find(|k| k.as_str() == text)
            .map(|k| Some(FlagFilter::Kind(k)))
            .ok_or_else(|| Error::invalid("flag", format!("\"{text}\" is not a kind of flag.")))
    }

    fn matches(self, standing: &Standing) -> bool {
        match self {
            FlagFilter::Attention => standing.flags.iter().any(|f| f.needs_attention),
            FlagFilter::Overdue => standing.flags.iter().any(|f| f.kind.is_overdue()),
            FlagFilter::Kind(kind) => standing.has(kind),
        }
    }
}

/// A WHERE clause over `patients p` and its arguments.
struct Filter {
    sql: String,
    args: Vec<String>,
}

impl Filter {
    fn build(r: &Reader<'_>, query: &CaseloadQuery) -> Result<Filter> {
        let mut clauses = vec!["p.deleted_at IS NULL".to_owned()];
        let mut args = Vec::new();
        for term in fold::query_terms(&query.text) {
            args.push(format!("%{}%", escape_like(&term)));
            clauses.push(format!("p.search_key LIKE ?{} ESCAPE '\\'", args.len()));
        }

        let program_id = match query.program.trim() {
            "" => None,
            code => Some(program_id(r, code)?),
        };
        let in_program = match &program_id {
            Some(id) => {
                args.push(id.clone());
                format!(" AND e.program_id = ?{}", args.len())
            }
            None => String::new(),
        };
        // Episode filters are uncorrelated `p.id IN (...)` subqueries: SQLite builds each
        // set once per query. A correlated EXISTS per patient took over a minute on
        // 10,000 patients (docs/benchmarks.md).
        match query.status.trim() {
            "" | "any" => {
                if program_id.is_some() {
                    clauses.push(format!(
                        "p.id IN (SELECT e.patient_id FROM enrollments e
                                  WHERE e.deleted_at IS NULL{in_program})"
                    ));
                }
            }
            "not-enrolled" => clauses.push(format!(
                "p.id NOT IN (SELECT e.patient_id FROM enrollments e WHERE e.deleted_at IS NULL
                              AND e.status NOT IN ('graduated', 'disenrolled'){in_program})"
            )),
            status => {
                let status = EnrollmentStatus::parse(status).ok_or_else(|| {
                    Error::invalid(
                        "status",
                        format!("\"{status}\" is not an enrollment status."),
                    )
                })?;
                args.push(status.as_str().to_owned());
                // The newest episode of each (patient, program) decides its current status.
                clauses.push(format!(
                    "p.id IN (SELECT e.patient_id FROM enrollments e
                              WHERE e.deleted_at IS NULL AND e.status = ?{}{in_program}
                                AND e.rowid = (SELECT max(n.rowid) FROM enrollments n
                                               WHERE n.patient_id = e.patient_id
                                                 AND n.program_id = e.program_id
                                                 AND n.deleted_at IS NULL))",
                    args.len()
                ));
            }
        }
        Ok(Filter {
            sql: clauses.join(" AND "),
            args,
        })
    }

    fn args(&self) -> Vec<&dyn ToSql> {
        self.args.iter().map(|a| a as &dyn ToSql).collect()
    }
}

fn program_id(r: &Reader<'_>, code: &str) -> Result<String> {
    crate::programs::find(r, code)?
        .map(|p| p.id)
        .ok_or_else(|| Error::invalid("program", format!("There is no program \"{code}\".")))
}

fn escape_like(term: &str) -> String {
    term.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Adds each row's latest episode per program, in one query for the whole page.
fn attach_episodes(conn: &Connection, rows: &mut [CaseloadRow]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let slots = (1..=rows.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let ids: Vec<&dyn ToSql> = rows.iter().map(|r| &r.id as &dyn ToSql).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT e.patient_id, g.code, g.name, e.status FROM enrollments e
         JOIN programs g ON g.id = e.program_id
         WHERE e.deleted_at IS NULL AND e.patient_id IN ({slots})
         ORDER BY g.code, e.rowid DESC"
    ))?;
    let mut by_patient: HashMap<String, Vec<EpisodeBadge>> = HashMap::new();
    let mut found = stmt.query(ids.as_slice())?;
    while let Some(row) = found.next()? {
        let patient: String = row.get(0)?;
        let status: String = row.get(3)?;
        let Some(status) = EnrollmentStatus::parse(&status) else {
            continue;
        };
        let badges = by_patient.entry(patient).or_default();
        let code: String = row.get(1)?;
        // Rows come newest first per program: keep only the first one seen.
        if badges.iter().all(|b| b.program_code != code) {
            badges.push(EpisodeBadge {
                program_code: code,
                program_name: row.get(2)?,
                status,
            });
        }
    }
    for row in rows {
        row.episodes = by_patient.remove(&row.id).unwrap_or_default();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_in_search_are_literal() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
