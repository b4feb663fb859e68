//! A synthetic community-resource directory for demos and benchmarks: organizations in
//! a handful of cities, each with one or two locations and a few services from the
//! starter categories (food pantries, rental assistance, rides to appointments, ...),
//! with phones, weekly hours, languages, fees and verification dates spread over the
//! last 14 months — so some are stale, as in any real directory. It goes in through
//! the HSDS importer, like a package from a 211 line would.

use jiff::ToSpan;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::resources::hsds::{self, Package, Row, TableFile, Unwatched, Version, schema};
use crate::store::Store;

const CITIES: &[(&str, &str, &str)] = &[
    ("Oakland", "CA", "946"),
    ("Fresno", "CA", "937"),
    ("Sacramento", "CA", "958"),
    ("San José", "CA", "951"),
    ("Stockton", "CA", "952"),
    ("Modesto", "CA", "953"),
    ("Salinas", "CA", "939"),
    ("Bakersfield", "CA", "933"),
];
const STREETS: &[&str] = &[
    "Main St",
    "Broadway",
    "Mission Blvd",
    "Olive Ave",
    "Cedar St",
    "Fulton Ave",
    "Ventura Ave",
    "Alameda Ave",
    "Church St",
    "Pacific Ave",
    "Chávez Way",
    "Peña Ave",
];
const ORG_FIRST: &[&str] = &[
    "Eastside",
    "Valley",
    "Riverside",
    "Hope",
    "Unity",
    "Harvest",
    "Bridge",
    "Open Door",
    "Neighborhood",
    "Sunrise",
    "Mercy",
    "Promesa",
    "La Esperanza",
    "Golden State",
    "Oak Tree",
    "Lighthouse",
    "Family First",
    "Comunidad",
    "Cornerstone",
    "New Day",
];
const ORG_KIND: &[&str] = &[
    "Community Services",
    "Resource Center",
    "Family Services",
    "Outreach",
    "Alliance",
    "Network",
    "Coalition",
    "Health Partners",
    "Mutual Aid",
    "Foundation",
];

/// (category code, service names, description, eligibility)
const SERVICES: &[(&str, &[&str], &str, &str)] = &[
    (
        "food",
        &[
            "Emergency food pantry",
            "Senior meal delivery",
            "CalFresh application help",
            "Community fridge",
            "Diabetes-friendly food box",
        ],
        "Groceries and prepared meals for households that are short on food this month. Bring a bag; no appointment needed.",
        "Residents of the county; no income proof for the first visit.",
    ),
    (
        "housing",
        &[
            "Rental assistance",
            "Emergency shelter beds",
            "Eviction prevention",
            "Housing navigation",
            "Home repair for seniors",
        ],
        "Help to keep or find a home: one-time rent or deposit assistance, shelter referrals and a housing navigator.",
        "Low-income households at risk of losing housing; a notice from the landlord helps.",
    ),
    (
        "transportation",
        &[
            "Rides to medical appointments",
            "Bus pass program",
            "Volunteer driver program",
            "Paratransit sign-up",
        ],
        "Free or low-cost rides to clinic and pharmacy visits. Book two business days ahead.",
        "Adults with a medical appointment and no other way to get there.",
    ),
    (
        "utilities",
        &[
            "Utility bill assistance",
            "Weatherization program",
            "Shut-off prevention",
        ],
        "One-time help with gas, electric or water bills, and free home weatherization.",
        "Households at or below 200% of the federal poverty level.",
    ),
    (
        "medication-cost",
        &[
            "Prescription assistance",
            "Insulin cost help",
            "Pharmacy discount program",
        ],
        "Help paying for prescriptions: manufacturer programs, discount cards and a pharmacist who finds cheaper options.",
        "Uninsured or under-insured patients with a current prescription.",
    ),
    (
        "dental",
        &[
            "Community dental clinic",
            "Dentures for seniors",
            "Emergency dental care",
        ],
        "Cleanings, fillings, extractions and dentures on a sliding scale.",
        "All ages; Medi-Cal accepted.",
    ),
    (
        "behavioural-health",
        &[
            "Counseling for adults",
            "Depression support group",
            "Substance use treatment",
            "Peer support",
        ],
        "Individual counseling, groups and peer support for depression, anxiety and substance use.",
        "Adults 18 and over; no insurance needed.",
    ),
    (
        "crisis",
        &[
            "24-hour crisis line",
            "Mobile crisis team",
            "Domestic violence hotline",
        ],
        "Someone to talk to right now, day or night; the mobile team can come to the home.",
        "Anyone in crisis.",
    ),
    (
        "legal",
        &[
            "Free legal clinic",
            "Tenant rights help",
            "Immigration legal services",
            "Benefits appeals",
        ],
        "Free advice and representation for housing, benefits, immigration and family matters.",
        "Low-income residents; call for an intake appointment.",
    ),
    (
        "employment",
        &[
            "Job readiness workshop",
            "Resume help",
            "Job training for adults",
        ],
        "Workshops, one-on-one coaching and paid training programs.",
        "Adults looking for work.",
    ),
    (
        "childcare",
        &[
            "Subsidized child care",
            "After-school program",
            "Parenting classes",
        ],
        "Child care and after-school programs with fees based on income.",
        "Working parents or parents in school with children under 13.",
    ),
];
const FEES: &[&str] = &[
    "Free",
    "Free",
    "Free",
    "Sliding scale based on income",
    "No cost to patients",
    "$10 per visit",
    "",
    "",
];
const LANGUAGES: &[(&str, &str)] = &[
    ("Spanish", "es"),
    ("Vietnamese", "vi"),
    ("Chinese", "zh"),
    ("Tagalog", "tl"),
    ("Hmong", "hmn"),
    ("Punjabi", "pa"),
];
/// (byday, opens, closes)
const HOURS: &[(&str, &str, &str)] = &[
    ("MO,TU,WE,TH,FR", "09:00:00", "17:00:00"),
    ("MO,TU,WE,TH,FR", "08:30:00", "16:30:00"),
    ("TU,TH", "10:00:00", "14:00:00"),
    ("MO,WE,FR", "09:00:00", "12:00:00"),
    ("SA", "09:00:00", "12:00:00"),
];

/// A stable UUID for the n-th record of a kind in a seed's directory (re-running the
/// demo with the same seed updates the same records instead of adding copies).
fn id(seed: u64, kind: &str, n: usize) -> String {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        format!("caseload-demo:{seed}:{kind}:{n}").as_bytes(),
    )
    .to_string()
}

struct Builder {
    files: Vec<TableFile>,
}

impl Builder {
    fn new() -> Builder {
        Builder { files: Vec::new() }
    }

    /// Adds a row to `table` from (field, value) pairs.
    fn row(&mut self, table: &str, values: &[(&str, String)]) -> Result<()> {
        let index = match self.files.iter().position(|f| f.table.name == table) {
            Some(i) => i,
            None => {
                let t = schema::table(table)
                    .ok_or_else(|| Error::Internal(format!("no HSDS table {table}")))?;
                self.files.push(TableFile {
                    table: t,
                    file: t.file.clone(),
                    rows: Vec::new(),
                });
                self.files.len() - 1
            }
        };
        let file = &mut self.files[index];
        let mut row = vec![None; file.table.fields.len()];
        for (field, value) in values {
            let i = file
                .table
                .field(field)
                .ok_or_else(|| Error::Internal(format!("no field {table}.{field}")))?;
            row[i] = Some(value.clone());
        }
        let line = file.rows.len() as u64 + 2;
        file.rows.push(Row { line, values: row });
        Ok(())
    }
}

/// Adds (or refreshes) `count` synthetic services; returns how many went in.
pub fn fill(store: &mut Store, count: usize, seed: u64) -> Result<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6469_7265_6374_6f72);
    let (today, terms) = store.read(|r| {
        let terms = crate::resources::categories_list(r)?;
        Ok((r.today(), terms))
    })?;
    let term_of = |code: &str| {
        terms
            .iter()
            .find(|t| t.code.as_deref() == Some(code))
            .map(|t| t.id.clone())
    };
    let mut b = Builder::new();
    let (mut services, mut org_n, mut loc_n) = (0, 0, 0);
    while services < count {
        org_n += 1;
        let (city, state, zip) = *CITIES.choose(&mut rng).unwrap_or(&CITIES[0]);
        let org = id(seed, "organization", org_n);
        let org_name = format!(
            "{} {}{}",
            ORG_FIRST.choose(&mut rng).unwrap_or(&"Valley"),
            ORG_KIND.choose(&mut rng).unwrap_or(&"Services"),
            if org_n > ORG_FIRST.len() * ORG_KIND.len() {
                format!(" of {city}")
            } else {
                String::new()
            }
        );
        b.row(
            "organization",
            &[
                ("id", org.clone()),
                ("name", org_name.clone()),
                (
                    "description",
                    format!("{org_name} serves families in and around {city}."),
                ),
                ("website", format!("https://example.org/{org_n}")),
            ],
        )?;
        b.row(
            "phone",
            &[
                ("id", id(seed, "org-phone", org_n)),
                ("organization_id", org.clone()),
                (
                    "number",
                    format!(
                        "({zip}) {:03}-{:04}",
                        rng.random_range(200..999),
                        rng.random_range(0..10_000)
                    ),
                ),
                ("type", "voice".into()),
            ],
        )?;
        let mut locations = Vec::new();
        for _ in 0..rng.random_range(1..=2) {
            loc_n += 1;
            let loc = id(seed, "location", loc_n);
            let street = format!(
                "{} {}",
                rng.random_range(100..9999),
                STREETS.choose(&mut rng).unwrap_or(&"Main St")
            );
            b.row(
                "location",
                &[
                    ("id", loc.clone()),
                    ("location_type", "physical".into()),
                    ("organization_id", org.clone()),
                    ("name", format!("{org_name} — {street}")),
                ],
            )?;
            b.row(
                "address",
                &[
                    ("id", id(seed, "address", loc_n)),
                    ("location_id", loc.clone()),
                    ("address_1", street),
                    ("city", city.into()),
                    ("state_province", state.into()),
                    (
                        "postal_code",
                        format!("{zip}{:02}", rng.random_range(0..100)),
                    ),
                    ("country", "US".into()),
                    ("address_type", "physical".into()),
                ],
            )?;
            locations.push(loc);
        }
        for _ in 0..rng.random_range(1..=4) {
            if services >= count {
                break;
            }
            services += 1;
            let n = services;
            let (code, names, description, eligibility) =
                *SERVICES.choose(&mut rng).unwrap_or(&SERVICES[0]);
            let svc = id(seed, "service", n);
            let name = (*names.choose(&mut rng).unwrap_or(&names[0])).to_owned();
            // Verified over the last 14 months; one in ten never.
            let assured = (rng.random_range(0..10) > 0)
                .then(|| (today - rng.random_range(0..420).days()).to_string());
            let fees = (*FEES.choose(&mut rng).unwrap_or(&"")).to_owned();
            let mut fields = vec![
                ("id", svc.clone()),
                ("organization_id", org.clone()),
                ("name", name),
                ("description", format!("{description} Serving {city}.")),
                ("status", "active".into()),
                ("eligibility_description", eligibility.into()),
                (
                    "application_process",
                    "Call or walk in; bring photo ID and proof of address.".into(),
                ),
            ];
            if !fees.is_empty() {
                fields.push(("fees_description", fees));
            }
            if let Some(a) = assured {
                fields.push(("assured_date", a));
                fields.push(("assurer_email", "intake@example.org".into()));
            }
            b.row("service", &fields)?;
            let loc = locations.choose(&mut rng).cloned().unwrap_or_default();
            b.row(
                "service_at_location",
                &[
                    ("id", id(seed, "sal", n)),
                    ("service_id", svc.clone()),
                    ("location_id", loc),
                ],
            )?;
            let (byday, opens, closes) = *HOURS.choose(&mut rng).unwrap_or(&HOURS[0]);
            b.row(
                "schedule",
                &[
                    ("id", id(seed, "schedule", n)),
                    ("service_id", svc.clone()),
                    ("freq", "WEEKLY".into()),
                    ("byday", byday.into()),
                    ("opens_at", opens.into()),
                    ("closes_at", closes.into()),
                ],
            )?;
            b.row(
                "language",
                &[
                    ("id", id(seed, "lang-en", n)),
                    ("service_id", svc.clone()),
                    ("name", "English".into()),
                    ("code", "en".into()),
                ],
            )?;
            if rng.random_range(0..100) < 55 {
                let (lang, code) = *LANGUAGES.choose(&mut rng).unwrap_or(&LANGUAGES[0]);
                b.row(
                    "language",
                    &[
                        ("id", id(seed, "lang", n)),
                        ("service_id", svc.clone()),
                        ("name", lang.into()),
                        ("code", code.into()),
                    ],
                )?;
            }
            if rng.random_range(0..100) < 40 {
                b.row(
                    "required_document",
                    &[
                        ("id", id(seed, "doc", n)),
                        ("service_id", svc.clone()),
                        ("document", "Photo ID and proof of address".into()),
                    ],
                )?;
            }
            if let Some(term) = term_of(code) {
                b.row(
                    "attribute",
                    &[
                        ("id", id(seed, "attribute", n)),
                        ("link_id", svc),
                        ("taxonomy_term_id", term),
                        ("link_type", "category".into()),
                        ("link_entity", "service".into()),
                    ],
                )?;
            }
        }
    }
    let package = Package {
        version: Version::V3_0,
        files: b.files,
        notes: Vec::new(),
        problems: Vec::new(),
    };
    let choices = hsds::ImportChoices {
        skip_bad_rows: false,
        take_incoming: Vec::new(),
    };
    hsds::apply_package(
        store,
        package,
        &format!("demo directory (seed {seed})"),
        &choices,
        &Unwatched,
    )?;
    Ok(services)
}
