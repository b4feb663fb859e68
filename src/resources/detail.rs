//! One service read whole, for its page: the organization, where it is offered and
//! how to reach it, hours, languages, costs, what to bring, categories, and how
//! current it is with its verification history.

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::edit::{HoursDraft, LocationDraft, ServiceDraft};
use super::search::schedule_rules;
use super::verification::Verification;
use super::{Cost, ServiceStatus, hours, hours::Hours};
use crate::error::{Error, Result};
use crate::store::Reader;

#[derive(Debug, Clone, Serialize)]
pub struct ServiceDetail {
    pub id: String,
    pub name: String,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub email: Option<String>,
    pub status: String,
    pub status_label: String,
    pub application_process: Option<String>,
    pub eligibility_description: Option<String>,
    pub fees_description: Option<String>,
    pub cost: Cost,
    pub cost_label: &'static str,
    pub wait_time: Option<String>,
    pub interpretation_services: Option<String>,
    pub minimum_age: Option<String>,
    pub maximum_age: Option<String>,
    pub alert: Option<String>,
    pub organization: OrganizationSummary,
    pub locations: Vec<Location>,
    pub phones: Vec<PhoneLine>,
    pub hours: Option<Hours>,
    pub languages: Vec<String>,
    pub cost_options: Vec<CostOption>,
    pub required_documents: Vec<String>,
    pub service_areas: Vec<String>,
    pub categories: Vec<CategoryRef>,
    pub verification: Verification,
    pub verifications: Vec<VerificationLine>,
    /// Changed here since it was last imported (a re-import will ask first).
    pub edited_here: bool,
    pub deleted: bool,
    pub location_ids: Vec<String>,
    pub category_ids: Vec<String>,
    /// The service form's values, as saving them unchanged would keep the service:
    /// its own hours (not its locations'), every phone number, the cost as chosen.
    pub edit: ServiceDraft,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganizationSummary {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Location {
    pub id: String,
    pub name: Option<String>,
    pub address_lines: Vec<String>,
    pub city: Option<String>,
    pub postal_code: Option<String>,
    pub phones: Vec<String>,
    pub transportation: Option<String>,
    /// The location form's values (the address in its parts, the organization).
    pub edit: LocationDraft,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhoneLine {
    pub number: String,
    pub extension: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CostOption {
    pub option: Option<String>,
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub amount_description: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerificationLine {
    pub on: String,
    pub by: Option<String>,
    pub how_label: &'static str,
    pub note: Option<String>,
}

/// How many patients were referred to a service and how it went.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReferralCounts {
    pub total: i64,
    pub open: i64,
    pub connected: i64,
    pub could_not_connect: i64,
}

fn strings(r: &Reader<'_>, sql: &str, id: &str) -> Result<Vec<String>> {
    let mut stmt = r.conn().prepare_cached(sql)?;
    let rows = stmt.query_map([id], |row| row.get::<_, Option<String>>(0))?;
    let mut out = Vec::new();
    for row in rows {
        if let Some(s) = row? {
            out.push(s);
        }
    }
    Ok(out)
}

fn clean_phone(number: String) -> String {
    number.trim_matches('"').to_owned()
}

/// The service `id`, removed or not (a referral may point at a removed service).
pub fn detail(r: &Reader<'_>, id: &str) -> Result<ServiceDetail> {
    let stale_after = super::stale_after_days(r)?;
    let today = r.today();
    let detail = r
        .conn()
        .query_row(
            "SELECT s.id, coalesce(s.name, ''), s.alternate_name, s.description, s.url, s.email,
                    coalesce(s.status, ''), s.application_process, s.eligibility_description,
                    s.fees_description, s._cost, s.wait_time, s.interpretation_services,
                    s.minimum_age, s.maximum_age, s.alert, s.assured_date, s.last_modified,
                    s._verified_by, s._verified_how, s._edited_at IS NOT NULL, s._deleted_at IS NOT NULL,
                    coalesce(o.id, ''), coalesce(o.name, ''), o.description, o.website, o.email,
                    (SELECT number FROM hsds_phone p WHERE p.organization_id = o.id AND p._deleted_at IS NULL LIMIT 1)
             FROM hsds_service s LEFT JOIN hsds_organization o ON o.id = s.organization_id
             WHERE s.id = ?1",
            [id],
            |row| {
                let status: String = row.get(6)?;
                let cost = Cost::parse(&row.get::<_, String>(10)?).unwrap_or(Cost::Unknown);
                Ok(ServiceDetail {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    alternate_name: row.get(2)?,
                    description: row.get(3)?,
                    url: row.get(4)?,
                    email: row.get(5)?,
                    status_label: ServiceStatus::parse(&status).map_or(status.clone(), |s| s.label().to_owned()),
                    status,
                    application_process: row.get(7)?,
                    eligibility_description: row.get(8)?,
                    fees_description: row.get(9)?,
                    cost,
                    cost_label: cost.label(),
                    wait_time: row.get(11)?,
                    interpretation_services: row.get(12)?,
                    minimum_age: row.get(13)?,
                    maximum_age: row.get(14)?,
                    alert: row.get(15)?,
                    verification: Verification::of(
                        row.get::<_, Option<String>>(16)?.as_deref(),
                        row.get::<_, Option<String>>(17)?.as_deref(),
                        row.get(18)?,
                        row.get::<_, Option<String>>(19)?.as_deref(),
                        today,
                        stale_after,
                    ),
                    edited_here: row.get(20)?,
                    deleted: row.get(21)?,
                    organization: OrganizationSummary {
                        id: row.get(22)?,
                        name: row.get(23)?,
                        description: row.get(24)?,
                        website: row.get(25)?,
                        email: row.get(26)?,
                        phone: row.get::<_, Option<String>>(27)?.map(clean_phone),
                    },
                    locations: Vec::new(),
                    phones: Vec::new(),
                    hours: None,
                    languages: Vec::new(),
                    cost_options: Vec::new(),
                    required_documents: Vec::new(),
                    service_areas: Vec::new(),
                    categories: Vec::new(),
                    verifications: Vec::new(),
                    location_ids: Vec::new(),
                    category_ids: Vec::new(),
                    edit: ServiceDraft::default(),
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No service has the id {id}.")))?;
    let mut d = detail;
    d.locations = locations(r, id)?;
    d.location_ids = d.locations.iter().map(|l| l.id.clone()).collect();
    let mut stmt = r.conn().prepare_cached(
        "SELECT number, extension, type, description FROM hsds_phone
         WHERE service_id = ?1 AND _deleted_at IS NULL ORDER BY rowid",
    )?;
    d.phones = stmt
        .query_map([id], |row| {
            Ok(PhoneLine {
                number: clean_phone(row.get(0)?),
                extension: row.get(1)?,
                kind: row.get(2)?,
                description: row.get(3)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    d.hours = hours::hours(&schedule_rules(r, id)?, r.local_now());
    d.languages = strings(
        r,
        "SELECT coalesce(name, code) FROM hsds_language WHERE service_id = ?1 AND _deleted_at IS NULL ORDER BY rowid",
        id,
    )?;
    let mut stmt = r.conn().prepare_cached(
        "SELECT option, amount, currency, amount_description FROM hsds_cost_option
         WHERE service_id = ?1 AND _deleted_at IS NULL ORDER BY rowid",
    )?;
    d.cost_options = stmt
        .query_map([id], |row| {
            Ok(CostOption {
                option: row.get(0)?,
                amount: row.get(1)?,
                currency: row.get(2)?,
                amount_description: row.get(3)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    d.required_documents = strings(
        r,
        "SELECT document FROM hsds_required_document WHERE service_id = ?1 AND _deleted_at IS NULL ORDER BY rowid",
        id,
    )?;
    d.service_areas = strings(
        r,
        "SELECT coalesce(name, description) FROM hsds_service_area WHERE service_id = ?1 AND _deleted_at IS NULL ORDER BY rowid",
        id,
    )?;
    let mut stmt = r.conn().prepare_cached(
        "SELECT t.id, coalesce(t.name, '') FROM hsds_attribute a
         JOIN hsds_taxonomy_term t ON t.id = a.taxonomy_term_id AND t._deleted_at IS NULL
         WHERE a.link_id = ?1 AND a._deleted_at IS NULL ORDER BY t.name",
    )?;
    d.categories = stmt
        .query_map([id], |row| {
            Ok(CategoryRef {
                id: row.get(0)?,
                name: row.get(1)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    d.category_ids = d.categories.iter().map(|c| c.id.clone()).collect();
    let mut stmt = r.conn().prepare_cached(
        "SELECT on_date, by_whom, how, changes FROM resource_verifications
         WHERE service_id = ?1 ORDER BY on_date DESC, created_at DESC LIMIT 20",
    )?;
    d.verifications = stmt
        .query_map([id], |row| {
            let how: String = row.get(2)?;
            Ok(VerificationLine {
                on: row.get(0)?,
                by: row.get(1)?,
                how_label: super::VerifyHow::parse(&how).map_or("", super::VerifyHow::label),
                note: row.get(3)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    d.edit = form_values(r, &d)?;
    Ok(d)
}

/// What the service form starts from when the service is edited.
fn form_values(r: &Reader<'_>, d: &ServiceDetail) -> Result<ServiceDraft> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut stmt = r.conn().prepare_cached(
        "SELECT coalesce(byday, ''), coalesce(opens_at, ''), coalesce(closes_at, '') FROM hsds_schedule
         WHERE service_id = ?1 AND _deleted_at IS NULL AND opens_at IS NOT NULL ORDER BY rowid",
    )?;
    let hours = stmt
        .query_map([&d.id], |row| {
            let byday: String = row.get(0)?;
            let short = |t: String| t.get(..5).map(str::to_owned).unwrap_or(t);
            Ok(HoursDraft {
                days: hours::parse_byday(&byday)
                    .into_iter()
                    .map(|w| w.as_str().to_owned())
                    .collect(),
                opens_at: short(row.get(1)?),
                closes_at: short(row.get(2)?),
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(ServiceDraft {
        organization_id: d.organization.id.clone(),
        name: d.name.clone(),
        alternate_name: text(&d.alternate_name),
        description: text(&d.description),
        url: text(&d.url),
        email: text(&d.email),
        status: d.status.clone(),
        application_process: text(&d.application_process),
        eligibility_description: text(&d.eligibility_description),
        fees_description: text(&d.fees_description),
        cost: if d.cost == Cost::Unknown {
            String::new()
        } else {
            d.cost.as_str().to_owned()
        },
        wait_time: text(&d.wait_time),
        interpretation_services: text(&d.interpretation_services),
        minimum_age: text(&d.minimum_age),
        maximum_age: text(&d.maximum_age),
        languages: d.languages.join(", "),
        required_documents: d.required_documents.join("\n"),
        category_ids: d.category_ids.clone(),
        location_ids: d.location_ids.clone(),
        phone: d
            .phones
            .iter()
            .map(|p| p.number.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        hours,
    })
}

fn locations(r: &Reader<'_>, service_id: &str) -> Result<Vec<Location>> {
    let mut stmt = r.conn().prepare_cached(
        "SELECT l.id, l.name, l.transportation, ad.address_1, ad.address_2, ad.city, ad.state_province,
                ad.postal_code, coalesce(l.organization_id, ''), l.description, ad.country
         FROM hsds_service_at_location sal
         JOIN hsds_location l ON l.id = sal.location_id AND l._deleted_at IS NULL
         LEFT JOIN hsds_address ad ON ad.id = (SELECT id FROM hsds_address WHERE location_id = l.id
                                                AND _deleted_at IS NULL ORDER BY address_type = 'physical' DESC LIMIT 1)
         WHERE sal.service_id = ?1 AND sal._deleted_at IS NULL ORDER BY sal.rowid",
    )?;
    let rows = stmt.query_map([service_id], |row| {
        let text = |i: usize| row.get::<_, Option<String>>(i);
        let city = text(5)?;
        let postal = text(7)?;
        let last = [city.clone(), text(6)?, postal.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let lines = [text(3)?, text(4)?, (!last.is_empty()).then_some(last)]
            .into_iter()
            .flatten()
            .collect();
        let edit = LocationDraft {
            organization_id: row.get(8)?,
            name: text(1)?.unwrap_or_default(),
            description: text(9)?.unwrap_or_default(),
            address_1: text(3)?.unwrap_or_default(),
            address_2: text(4)?.unwrap_or_default(),
            city: city.clone().unwrap_or_default(),
            state_province: text(6)?.unwrap_or_default(),
            postal_code: postal.clone().unwrap_or_default(),
            country: text(10)?.unwrap_or_default(),
            transportation: text(2)?.unwrap_or_default(),
            phone: String::new(),
        };
        Ok(Location {
            id: row.get(0)?,
            name: text(1)?,
            address_lines: lines,
            city,
            postal_code: postal,
            phones: Vec::new(),
            transportation: text(2)?,
            edit,
        })
    })?;
    let mut out: Vec<Location> = rows.collect::<std::result::Result<_, _>>()?;
    for l in &mut out {
        l.phones = strings(
            r,
            "SELECT number FROM hsds_phone WHERE location_id = ?1 AND _deleted_at IS NULL ORDER BY rowid",
            &l.id,
        )?
        .into_iter()
        .map(clean_phone)
        .collect();
        l.edit.phone = l.phones.first().cloned().unwrap_or_default();
    }
    Ok(out)
}
