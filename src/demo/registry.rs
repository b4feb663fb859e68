//! Synthetic registry values for a demo patient: about 20 measures over the months
//! around their episode — monthly PHQ-9s that improve for about half of patients and
//! stall for the rest, blood pressure, HbA1c for those with diabetes, some GAD-7, LDL
//! and weight, the odd incomplete questionnaire and item-9 safety flag — so every flag
//! and chart has something to show.

use crate::catalogue::Kind;
use jiff::ToSpan;
use jiff::civil::Date;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rusqlite::params;

use crate::error::Result;
use crate::store::Writer;

/// Writes the measures for one patient; returns how many.
pub(super) fn fill_patient(
    w: &Writer<'_>,
    rng: &mut ChaCha8Rng,
    patient_id: &str,
    active_on: Option<Date>,
    today: Date,
) -> Result<usize> {
    let start = match active_on {
        Some(on) => on - rng.random_range(0..21).days(),
        None => today - rng.random_range(30..600).days(),
    };
    let mut written = 0;
    let responder = rng.random_bool(0.55);
    let baseline = f64::from(rng.random_range(10..=22));
    // One patient in five dropped out of follow-up part-way: their measures go overdue.
    let dropped = rng.random_bool(0.2).then(|| rng.random_range(2..9));
    for (visit, on) in visits(rng, start, today, 10, dropped)
        .into_iter()
        .enumerate()
    {
        let weeks = (on - start).get_days() as f64 / 7.0;
        let improvement = if responder {
            (weeks / 12.0).min(1.0) * rng.random_range(0.5..0.9)
        } else {
            rng.random_range(-0.1..0.3)
        };
        let total = (baseline * (1.0 - improvement)).round().clamp(0.0, 24.0) as u8;
        let items = split_items(rng, total, 9);
        insert_questionnaire(w, rng, patient_id, Kind::Phq9.as_str(), on, items, today)?;
        written += 1;
        if visit % 3 == 0 && rng.random_bool(0.4) {
            let gad = (f64::from(total) * 0.7).round().min(21.0) as u8;
            let items = split_items(rng, gad, 7);
            insert_questionnaire(w, rng, patient_id, Kind::Gad7.as_str(), on, items, today)?;
            written += 1;
        }
    }

    let hypertensive = rng.random_bool(0.6);
    let mut sbp: f64 = if hypertensive {
        rng.random_range(138.0..175.0)
    } else {
        rng.random_range(112.0..138.0)
    };
    for on in visits(rng, start, today, 6, dropped.map(|d| d.min(6))) {
        let dbp: f64 = (sbp * rng.random_range(0.55..0.66)).round();
        insert_value(w, patient_id, Kind::Bp.as_str(), on, sbp.round(), Some(dbp))?;
        sbp -= rng.random_range(-3.0..7.0);
        written += 1;
    }

    if rng.random_bool(0.6) {
        let mut a1c: f64 = rng.random_range(7.2..11.5);
        for on in visits(rng, start, today, 3, dropped.map(|d| d.min(3))) {
            insert_value(
                w,
                patient_id,
                Kind::A1c.as_str(),
                on,
                (a1c * 10.0).round() / 10.0,
                None,
            )?;
            a1c -= rng.random_range(-0.2..0.6);
            written += 1;
        }
    }
    let ldl = f64::from(rng.random_range(70..190));
    insert_value(
        w,
        patient_id,
        Kind::Ldl.as_str(),
        start.min(today),
        ldl,
        None,
    )?;
    let kg = f64::from(rng.random_range(550..1300)) / 10.0;
    insert_value(
        w,
        patient_id,
        Kind::Weight.as_str(),
        start.min(today),
        kg,
        None,
    )?;
    Ok(written + 2)
}

/// Up to `count` visit dates from `start` to about today (the last within four weeks),
/// at least three weeks apart, oldest first; `dropped` keeps only the first visits.
fn visits(
    rng: &mut ChaCha8Rng,
    start: Date,
    today: Date,
    count: usize,
    dropped: Option<usize>,
) -> Vec<Date> {
    let span = (today - start).get_days().max(0);
    let gap = (span / count as i32).max(21);
    let mut dates: Vec<Date> = (0..count)
        .map(|k| today - (rng.random_range(0..25) + gap * k as i32).days())
        .filter(|d| *d >= start)
        .collect();
    dates.reverse();
    // The first visit is at the start: it gives the episode its baseline.
    if dates
        .first()
        .is_none_or(|first| (*first - start).get_days() >= 14)
        && start <= today
    {
        dates.insert(0, start);
    }
    if let Some(keep) = dropped {
        dates.truncate(keep);
    }
    dates
}

/// Spreads `total` over `count` items of 0–3, keeping item 9 at 0 (it is set apart).
fn split_items(rng: &mut ChaCha8Rng, total: u8, count: usize) -> Vec<Option<u8>> {
    let mut items = vec![0u8; count];
    let fillable = if count == 9 { 8 } else { count };
    let mut left = total.min(3 * fillable as u8);
    while left > 0 {
        let i = rng.random_range(0..fillable);
        if items[i] < 3 {
            items[i] += 1;
            left -= 1;
        }
    }
    items.into_iter().map(Some).collect()
}

fn insert_questionnaire(
    w: &Writer<'_>,
    rng: &mut ChaCha8Rng,
    patient_id: &str,
    kind: &str,
    on: Date,
    mut items: Vec<Option<u8>>,
    today: Date,
) -> Result<()> {
    let id = crate::ids::new_id();
    if kind == Kind::Phq9.as_str() && rng.random_bool(0.02) {
        items[8] = Some(rng.random_range(1..=2));
    }
    if rng.random_bool(0.03) {
        let i = rng.random_range(0..items.len());
        items[i] = None;
    }
    let total = crate::measures::scores::total(&items);
    let json = serde_json::to_string(&items).map_err(|e| crate::Error::Internal(e.to_string()))?;
    w.tx()
        .prepare_cached(
            "INSERT INTO measures (id, patient_id, kind, taken_on, value, items, complete,
                 source, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'imported', ?8, ?8)",
        )?
        .execute(params![
            id,
            patient_id,
            kind,
            on.to_string(),
            total.map(f64::from),
            json,
            total.is_some(),
            w.now_text()
        ])?;
    if let Some(item9) = crate::measures::scores::item9(&items).filter(|v| *v > 0)
        && kind == Kind::Phq9.as_str()
    {
        // Older flags were followed up; the last week's are still open.
        let handled = on < today - 7.days();
        w.tx()
            .prepare_cached(
                "INSERT INTO safety_flags (id, patient_id, measure_id, raised_on, item9, raised_at,
                     acknowledged_at, acknowledged_by, action_taken)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                crate::ids::new_id(),
                patient_id,
                id,
                on.to_string(),
                item9,
                w.now_text(),
                handled.then(|| w.now_text()),
                handled.then_some("demo"),
                handled.then_some("Called the same day; safety plan reviewed."),
            ])?;
    }
    Ok(())
}

fn insert_value(
    w: &Writer<'_>,
    patient_id: &str,
    kind: &str,
    on: Date,
    value: f64,
    value2: Option<f64>,
) -> Result<()> {
    w.tx()
        .prepare_cached(
            "INSERT INTO measures (id, patient_id, kind, taken_on, value, value2, complete,
                 source, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, 'imported', ?7, ?7)",
        )?
        .execute(params![
            crate::ids::new_id(),
            patient_id,
            kind,
            on.to_string(),
            value,
            value2,
            w.now_text()
        ])?;
    Ok(())
}
