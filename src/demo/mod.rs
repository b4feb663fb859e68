//! Realistic synthetic caseloads for demos and benchmarks. The same seed always gives
//! the same patients and episodes (ChaCha8 is stable across platforms and versions);
//! only record keys and timestamps differ between runs.

mod care_plans;
mod directory;
mod names;
mod outreach;
mod registry;
mod schedule;

use jiff::ToSpan;
use jiff::civil::Date;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::params;

use crate::audit::{AuditEntry, FieldChange};
use crate::enrollment::EnrollmentStatus;
use crate::error::{Error, Result};
use crate::patients::{Sex, ValidPatient};
use crate::store::Store;

pub use directory::fill as fill_directory;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSummary {
    pub patients: usize,
    pub enrollments: usize,
    pub measures: usize,
    pub contacts: usize,
    pub transitions: usize,
    /// Appointments booked for today and the next six days.
    pub appointments: usize,
    /// Patients in treatment given a care plan.
    pub care_plans: usize,
}

/// Adds `count` synthetic patients (MRNs `DEMO-<seed>-<n>`) and their episodes, in one
/// transaction: either the whole demo caseload is there or none of it. Then the
/// clinic's schedule for the coming week is imported (a second transaction, through
/// the schedule importer, as an EHR export would be).
pub fn fill(store: &mut Store, count: usize, seed: u64) -> Result<DemoSummary> {
    fill_in_batches(store, count, seed, count, |_| Ok::<(), Error>(()))
}

/// [`fill`] in transactions of `batch` patients each (the last may be smaller), calling
/// `committed` with the number of patients added so far after each commit, so a crash
/// loses at most the batch being written. The patients are those of one [`fill`] of the
/// same seed and count, whatever the batch size: the random streams run on from one
/// batch to the next and the MRNs keep counting (`DEMO-<seed>-<n>`, unique within a
/// seed). Each batch has its own audit entry (`demo`, `seed-<seed>`: patients from the
/// count before it to the count after it). The schedule is imported once, at the end.
/// A `batch` of 0 counts as 1; `batch >= count` is one transaction, as [`fill`].
pub fn fill_in_batches<E: From<Error>>(
    store: &mut Store,
    count: usize,
    seed: u64,
    batch: usize,
    mut committed: impl FnMut(usize) -> std::result::Result<(), E>,
) -> std::result::Result<DemoSummary, E> {
    let batch = batch.max(1);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Outreach draws from a stream of its own, so the patients, episodes and measures
    // of a seed stay what they were before contacts were added to the demo.
    let mut outreach_rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6f75_7472_6561_6368);
    // Care plans too, for the same reason.
    let mut plan_rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6361_7265_706c_616e);
    let (today, programs) = store.read(|r| {
        let programs = ["compass", "teamcare"]
            .iter()
            .map(|code| {
                crate::programs::find(r, code)?
                    .ok_or_else(|| Error::Internal(format!("built-in program {code} is missing")))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((r.today(), programs))
    })?;

    let mut summary = DemoSummary {
        patients: 0,
        enrollments: 0,
        measures: 0,
        contacts: 0,
        transitions: 0,
        appointments: 0,
        care_plans: 0,
    };
    // At least one transaction, as before batches: a fill of 0 still leaves its entry.
    loop {
        let first = summary.patients + 1;
        let last = count.min(summary.patients + batch);
        summary = store.write(|w| {
            let mut summary = summary;
            let mut streams = Streams {
                main: &mut rng,
                outreach: &mut outreach_rng,
                plan: &mut plan_rng,
            };
            for n in first..=last {
                add_patient(w, &mut summary, &mut streams, seed, n, today, &programs)?;
            }
            w.audit(AuditEntry {
                entity: "demo",
                entity_id: format!("seed-{seed}"),
                patient_id: None,
                action: "fill".into(),
                changes: vec![FieldChange {
                    field: "patients".into(),
                    from: (first > 1).then(|| (first - 1).to_string()),
                    to: Some(last.max(first - 1).to_string()),
                }],
            })?;
            summary.patients = last.max(first - 1);
            Ok(summary)
        })?;
        committed(summary.patients)?;
        if summary.patients >= count {
            break;
        }
    }
    // Any demo patient may be booked, not only this seed's: the export stands for the
    // clinic's whole schedule of those days and replaces them, so booking only the new
    // seed's patients would empty the week of an earlier demo's.
    summary.appointments = schedule::fill(store, seed, "DEMO-", today)?;
    Ok(summary)
}

/// The fill's random streams (see [`fill_in_batches`]).
struct Streams<'a> {
    main: &'a mut ChaCha8Rng,
    outreach: &'a mut ChaCha8Rng,
    plan: &'a mut ChaCha8Rng,
}

/// Writes demo patient `n` of `seed` with its episodes, measures, contacts and care
/// plan, and counts them into `summary`.
fn add_patient(
    w: &mut crate::store::Writer<'_>,
    summary: &mut DemoSummary,
    streams: &mut Streams<'_>,
    seed: u64,
    n: usize,
    today: Date,
    programs: &[crate::programs::Program],
) -> Result<()> {
    let rng = &mut *streams.main;
    let patient = synthetic_patient(rng, seed, n, today);
    let patient_id = crate::patients::insert(w, &patient)?;
    // About 70 % of a coordinator's list is in a program; some have had two episodes.
    let episodes = match rng.random_range(0..100) {
        0..30 => 0,
        30..92 => 1,
        _ => 2,
    };
    let mut start = today - rng.random_range(20..700).days();
    let mut last_activity = today - rng.random_range(0..200).days();
    let mut active_on = None;
    let mut latest_episode = None;
    for episode in 0..episodes {
        let program = if rng.random_range(0..100) < 85 {
            &programs[0]
        } else {
            &programs[1]
        };
        let last = episode + 1 == episodes;
        let status = if last {
            pick_open_or_closed(rng)
        } else {
            EnrollmentStatus::Graduated
        };
        let (latest, activated) =
            insert_episode(w, &patient_id, &program.id, status, start, today, rng)?;
        latest_episode = Some(outreach::Episode {
            started: start.min(today),
            status,
            latest,
        });
        last_activity = latest;
        active_on = activated.or(active_on);
        summary.enrollments += 1;
        start += rng.random_range(120..300).days();
        if start > today - 30.days() {
            break;
        }
    }
    summary.measures += registry::fill_patient(w, rng, &patient_id, active_on, today)?;
    let (c, t) = outreach::fill_patient(w, streams.outreach, &patient_id, latest_episode, today)?;
    summary.contacts += c;
    summary.transitions += t;
    // Most patients in active treatment have a plan; a few have not had one drawn up yet.
    let in_treatment = latest_episode.is_some_and(|e| {
        matches!(
            e.status,
            EnrollmentStatus::Active | EnrollmentStatus::RelapseWatch
        )
    });
    if let Some(active_on) = active_on.filter(|_| in_treatment)
        && streams.plan.random_bool(0.7)
    {
        let spanish = patient.preferred_language.as_deref() == Some("Spanish");
        care_plans::fill_patient(w, streams.plan, &patient_id, spanish, active_on, today)?;
        summary.care_plans += 1;
    }
    // A caseload where everyone was "active today" would make the activity sort useless.
    w.tx().execute(
        "UPDATE patients SET last_activity_at = ?2 WHERE id = ?1",
        params![patient_id, format!("{last_activity}T12:00:00Z")],
    )?;
    Ok(())
}

fn synthetic_patient(rng: &mut ChaCha8Rng, seed: u64, n: usize, today: Date) -> ValidPatient {
    let sex = if rng.random_bool(0.55) {
        Sex::Female
    } else {
        Sex::Male
    };
    let first = match sex {
        Sex::Female => names::FEMALE.choose(rng),
        _ => names::MALE.choose(rng),
    };
    let age_days = rng.random_range(19 * 365..92 * 365);
    let birth_date = today - age_days.days();
    let (city, state, zip) = *names::CITIES
        .choose(rng)
        .unwrap_or(&("Springfield", "OR", "97477"));
    let language = if rng.random_range(0..100) < 78 {
        "English"
    } else {
        names::LANGUAGES.choose(rng).copied().unwrap_or("Spanish")
    };
    ValidPatient {
        mrn: format!("DEMO-{seed}-{n:05}"),
        first_name: first.copied().unwrap_or("Alex").to_owned(),
        last_name: names::LAST
            .choose(rng)
            .copied()
            .unwrap_or("Smith")
            .to_owned(),
        birth_date,
        sex,
        phone: Some(format!(
            "(555) {:03}-{:04}",
            rng.random_range(200..999),
            rng.random_range(0..10_000)
        )),
        address_line: Some(format!(
            "{} {}",
            rng.random_range(10..9999),
            names::STREETS.choose(rng).copied().unwrap_or("Main St")
        )),
        city: Some(city.to_owned()),
        state: Some(state.to_owned()),
        postal_code: Some(zip.to_owned()),
        preferred_language: Some(language.to_owned()),
        pcp_name: names::PCPS.choose(rng).map(|s| (*s).to_owned()),
        payer: names::PAYERS.choose(rng).map(|s| (*s).to_owned()),
        emergency_contact_name: Some(format!(
            "{} {}",
            names::FEMALE.choose(rng).copied().unwrap_or("Sam"),
            names::LAST.choose(rng).copied().unwrap_or("Lee")
        )),
        emergency_contact_relation: names::RELATIONS.choose(rng).map(|s| (*s).to_owned()),
        emergency_contact_phone: Some(format!(
            "(555) {:03}-{:04}",
            rng.random_range(200..999),
            rng.random_range(0..10_000)
        )),
        note: None,
    }
}

fn pick_open_or_closed(rng: &mut ChaCha8Rng) -> EnrollmentStatus {
    match rng.random_range(0..100) {
        0..8 => EnrollmentStatus::Referred,
        8..16 => EnrollmentStatus::Screening,
        16..70 => EnrollmentStatus::Active,
        70..78 => EnrollmentStatus::RelapseWatch,
        78..90 => EnrollmentStatus::Graduated,
        _ => EnrollmentStatus::Disenrolled,
    }
}

/// Writes an episode that walked the lifecycle up to `status`, with a plausible timeline;
/// returns the date of its latest step and the date it became active, if it did.
fn insert_episode(
    w: &mut crate::store::Writer<'_>,
    patient_id: &str,
    program_id: &str,
    status: EnrollmentStatus,
    referred: Date,
    today: Date,
    rng: &mut ChaCha8Rng,
) -> Result<(Date, Option<Date>)> {
    use EnrollmentStatus::*;
    let path: &[EnrollmentStatus] = match status {
        Referred => &[Referred],
        Screening => &[Referred, Screening],
        Active => &[Referred, Screening, Active],
        RelapseWatch => &[Referred, Screening, Active, RelapseWatch],
        Graduated => &[Referred, Screening, Active, Graduated],
        Disenrolled => &[Referred, Screening, Disenrolled],
    };
    let id = crate::ids::new_id();
    let now = w.now_text();
    let mut on = referred;
    let mut dates: Vec<(EnrollmentStatus, Date)> = Vec::new();
    for step in path {
        dates.push((*step, on.min(today)));
        let gap = if *step == Active {
            rng.random_range(60..200)
        } else {
            rng.random_range(3..21)
        };
        on += gap.days();
    }
    let date_of = |s: EnrollmentStatus| {
        dates
            .iter()
            .find(|(d, _)| *d == s)
            .map(|(_, on)| on.to_string())
    };
    let ended = date_of(Graduated).or_else(|| date_of(Disenrolled));
    let reason = (status == Disenrolled)
        .then(|| ["declined", "unreachable", "moved"][rng.random_range(0..3)]);
    w.tx().execute(
        "INSERT INTO enrollments (id, patient_id, program_id, status, referred_on, screening_on, active_on,
             ended_on, consent_on, referral_source, referred_by, disenroll_reason, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?9, ?10, ?11, ?12, ?12)",
        params![
            id,
            patient_id,
            program_id,
            status.as_str(),
            date_of(Referred),
            date_of(Screening),
            date_of(Active),
            ended,
            names::SOURCES.choose(rng).copied(),
            names::PCPS.choose(rng).copied(),
            reason,
            now
        ],
    )?;
    let mut from = None;
    for (step, on) in &dates {
        w.tx().execute(
            "INSERT INTO enrollment_events (id, enrollment_id, from_status, to_status, on_date, reason, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                crate::ids::new_id(),
                id,
                from.map(EnrollmentStatus::as_str),
                step.as_str(),
                on.to_string(),
                if *step == Disenrolled { reason } else { None },
                now
            ],
        )?;
        from = Some(*step);
    }
    let latest = dates.last().map_or(referred, |(_, on)| *on);
    let active_on = dates.iter().find(|(s, _)| *s == Active).map(|(_, on)| *on);
    Ok((latest, active_on))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSPHRASE: &str = "orchid tractor lantern 42";

    fn new_store() -> (tempfile::TempDir, Store) {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::create(tmp.path(), PASSPHRASE, crate::programs::seed_builtin).unwrap();
        (tmp, store)
    }

    /// MRN, names and birth date of every patient, by MRN.
    fn people(store: &Store) -> Vec<[String; 4]> {
        store
            .read(|r| {
                let mut rows = r.conn().prepare(
                    "SELECT mrn, first_name, last_name, birth_date FROM patients ORDER BY mrn",
                )?;
                let people = rows
                    .query_map([], |row| {
                        Ok([row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?])
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(people)
            })
            .unwrap()
    }

    fn demo_entries(store: &Store) -> Vec<String> {
        store
            .read(|r| {
                let mut rows = r
                    .conn()
                    .prepare("SELECT changes FROM audit_log WHERE entity = 'demo' ORDER BY seq")?;
                let entries = rows
                    .query_map([], |row| row.get(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()?;
                Ok(entries)
            })
            .unwrap()
    }

    #[test]
    fn batches_add_the_patients_of_one_fill_and_report_each_commit() {
        let (_one_tmp, mut one) = new_store();
        let (_batched_tmp, mut batched) = new_store();
        let whole = fill(&mut one, 23, 9).unwrap();
        let mut seen = Vec::new();
        let in_batches = fill_in_batches(&mut batched, 23, 9, 5, |n| {
            seen.push(n);
            Ok::<(), Error>(())
        })
        .unwrap();
        assert_eq!(seen, [5, 10, 15, 20, 23]);
        assert_eq!(in_batches, whole, "same seed, same caseload");
        let people = people(&batched);
        assert_eq!(people, self::people(&one));
        assert_eq!(people.len(), 23);
        assert_eq!(people[22][0], "DEMO-9-00023");
        assert_eq!(demo_entries(&one).len(), 1);
        assert_eq!(
            demo_entries(&batched).len(),
            5,
            "one audit entry per transaction"
        );
    }

    #[test]
    fn a_batch_at_least_as_large_as_the_fill_is_one_transaction() {
        let (_tmp, mut store) = new_store();
        let mut seen = Vec::new();
        fill_in_batches(&mut store, 7, 2, 7, |n| {
            seen.push(n);
            Ok::<(), Error>(())
        })
        .unwrap();
        fill_in_batches(&mut store, 0, 3, 0, |n| {
            seen.push(n);
            Ok::<(), Error>(())
        })
        .unwrap();
        assert_eq!(seen, [7, 0]);
        assert_eq!(demo_entries(&store).len(), 2);
    }

    #[test]
    fn a_failed_report_stops_the_fill_after_the_batch_it_reports() {
        let (_tmp, mut store) = new_store();
        let stopped = fill_in_batches(&mut store, 20, 4, 5, |n| {
            if n == 10 {
                Err(Error::Cancelled)
            } else {
                Ok(())
            }
        });
        assert!(matches!(stopped, Err(Error::Cancelled)));
        assert_eq!(people(&store).len(), 10, "the batches committed are kept");
    }
}
