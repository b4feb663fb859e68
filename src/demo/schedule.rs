//! The demo clinic's appointment schedule for today and the next six days: about 40
//! of the demo's patients on each weekday (none at weekends), booked with four
//! providers between 08:00 and 16:30, a few of them cancelled or no-shows. It goes in
//! as an `appointments` export built in memory, through the schedule importer, like
//! the file a coordinator saves from the EHR each morning.

use std::collections::HashSet;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use rand::seq::{IndexedRandom, index};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::{Error, Result};
use crate::schedule::{self, ImportOptions};
use crate::store::Store;

const PROVIDERS: &[&str] = &[
    "Dr. Ana Ruiz",
    "Dr. Samuel Okafor",
    "Dr. Mei Chen",
    "NP Laura Kim",
];
const VISIT_TYPES: &[&str] = &[
    "Follow-up",
    "Diabetes check",
    "Annual wellness",
    "BP check",
    "Medication review",
];
/// Quarter hours from 08:00 to 16:30.
const SLOTS: i32 = 35;
/// About this many patients are booked on a weekday, whatever the caseload's size.
const PER_DAY: usize = 40;

/// Books patients whose MRN starts with `mrn_prefix` on the days from `today` to
/// `today + 6`; returns how many appointments were added.
pub(super) fn fill(store: &mut Store, seed: u64, mrn_prefix: &str, today: Date) -> Result<usize> {
    // A stream of its own: the rest of a seed's demo stays what it was.
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7363_6865_6475_6c65);
    let patients: Vec<(String, String, String)> = store.read(|r| {
        let mut stmt = r.conn().prepare(
            "SELECT mrn, first_name, last_name FROM patients
             WHERE deleted_at IS NULL AND substr(mrn, 1, length(?1)) = ?1 ORDER BY mrn",
        )?;
        let rows = stmt.query_map([mrn_prefix], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })?;
    if patients.is_empty() {
        return Ok(0);
    }
    let mut csv = csv::Writer::from_writer(Vec::new());
    let header = [
        "Date",
        "Time",
        "MRN",
        "Patient",
        "Provider",
        "Visit Type",
        "Dept",
        "Status",
    ];
    csv.write_record(header).map_err(internal)?;
    for offset in 0..7 {
        let day = today + offset.days();
        if matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            continue;
        }
        let wanted = rng
            .random_range(PER_DAY - 4..=PER_DAY + 4)
            .min(patients.len());
        // Each provider's quarter hours are taken once; a 30-minute visit takes two.
        let mut taken: HashSet<(usize, i32)> = HashSet::new();
        for i in index::sample(&mut rng, patients.len(), wanted) {
            let (mrn, first, last) = &patients[i];
            let provider = rng.random_range(0..PROVIDERS.len());
            let long = rng.random_bool(0.3);
            let Some(slot) = (0..SLOTS * 2)
                .map(|_| rng.random_range(0..SLOTS))
                .find(|s| !taken.contains(&(provider, *s)))
            else {
                continue;
            };
            taken.insert((provider, slot));
            if long && slot + 1 < SLOTS {
                taken.insert((provider, slot + 1));
            }
            let minutes = 8 * 60 + slot * 15;
            let status = match rng.random_range(0..100) {
                0..4 => "Cancelled",
                4..6 => "No Show",
                _ => "Scheduled",
            };
            csv.write_record([
                day.strftime("%m/%d/%Y").to_string(),
                format!("{:02}:{:02}", minutes / 60, minutes % 60),
                mrn.clone(),
                format!("{last}, {first}"),
                PROVIDERS[provider].to_owned(),
                VISIT_TYPES
                    .choose(&mut rng)
                    .copied()
                    .unwrap_or("Follow-up")
                    .to_owned(),
                "Family Medicine".to_owned(),
                status.to_owned(),
            ])
            .map_err(internal)?;
        }
    }
    let bytes = csv.into_inner().map_err(|e| internal(e.into_error()))?;
    let preset = store.read(|r| schedule::preset(r, "appointments"))?;
    let options = ImportOptions {
        mapping: preset.mapping,
        preset: Some(preset.name),
        skip_bad_rows: false,
    };
    let file_name = format!("demo-schedule-{today}.csv");
    let report = schedule::apply_bytes(store, &file_name, &bytes, &options)?;
    Ok(report.days.iter().map(|d| d.added).sum())
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("the demo schedule could not be written: {e}"))
}
