//! Synthetic care plans for demo patients in treatment: the concerns a collaborative-care
//! patient brings (depression with diabetes or high blood pressure, now and then a
//! social need), goals in the patient's own words — in Spanish for Spanish speakers —
//! one of them tied to PHQ-9 or HbA1c, actions for the care team and the patient with
//! due dates around today (some past due, so Today and the huddle sheet show them), a
//! PCP on the care team, sometimes a barrier and a progress note.

use jiff::ToSpan;
use jiff::civil::Date;
use rand::Rng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand_chacha::ChaCha8Rng;
use rusqlite::params;

use crate::error::Result;
use crate::store::Writer;

const MOOD_GOALS_EN: &[&str] = &[
    "Feel like myself again",
    "Enjoy my Sunday dinners again",
    "Stop feeling so down every morning",
];
const MOOD_GOALS_ES: &[&str] = &["Sentirme como antes", "Tener ánimo para salir otra vez"];
const SUGAR_GOALS_EN: &[&str] = &[
    "Get my sugar down so I keep my feet",
    "Bring my sugar down before my daughter's wedding",
];
const SUGAR_GOALS_ES: &[&str] = &[
    "Bajar el azúcar para no necesitar insulina",
    "Controlar el azúcar para ver crecer a mis nietos",
];
const GOALS_EN: &[&str] = &[
    "Walk to church without stopping",
    "Play with my grandkids on the floor again",
    "Sleep through the night most nights",
    "Go back to my Tuesday card game",
    "Cook dinner at home four nights a week",
    "Take my pills every morning without missing",
    "Get back to work part time",
];
const GOALS_ES: &[&str] = &[
    "Caminar a la iglesia sin pararme",
    "Jugar con mis nietos otra vez",
    "Dormir toda la noche casi siempre",
    "Volver a cocinar para mi familia",
    "Tomar mis pastillas cada mañana sin falta",
    "Volver a trabajar medio tiempo",
];
/// (owner, what they will do).
const ACTIONS: &[(&str, &str)] = &[
    ("coordinator", "Call to check on the new medication"),
    ("coordinator", "Review PHQ-9 by phone"),
    ("coordinator", "Help book the eye exam"),
    ("pcp", "Review metformin dose"),
    ("pcp", "Order HbA1c"),
    ("psychiatrist", "Review antidepressant dose at case review"),
    ("pharmacist", "Set up a weekly pill box"),
    ("social-worker", "Apply for SNAP benefits together"),
    ("patient", "Walk 15 minutes after lunch"),
    ("patient", "Write down blood sugars before breakfast"),
    ("family", "Drive to the Thursday appointments"),
];
const BARRIERS: &[&str] = &[
    "No bus fare at the end of the month",
    "Works night shifts",
    "Knee pain on the stairs",
    "Worried about side effects",
];
const SDOH: &[(&str, &str)] = &[
    ("food-insecurity", "Runs out of food before payday"),
    ("transportation-insecurity", "No ride to appointments"),
    ("financial-insecurity", "Cannot afford the copays"),
];

/// Writes a plan for one patient in treatment and keeps it as version 1. Returns the
/// number of goals written.
pub(super) fn fill_patient(
    w: &mut Writer<'_>,
    rng: &mut ChaCha8Rng,
    patient_id: &str,
    spanish: bool,
    active_on: Date,
    today: Date,
) -> Result<usize> {
    let now = w.now_text();
    let noted = active_on.max(today - 200.days()).to_string();
    let concern =
        |kind: &str, text: &str, sdoh: Option<&str>, need: Option<&str>| -> Result<String> {
            let id = crate::ids::new_id();
            w.tx().execute(
                "INSERT INTO care_plan_concerns
               (id, patient_id, kind, text, sdoh, need_id, status, noted_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'active', ?7, ?8, ?8)",
                params![id, patient_id, kind, text, sdoh, need, noted, now],
            )?;
            Ok(id)
        };
    let depression = concern("behavioural", "Depression", None, None)?;
    // The registry says which: HbA1c is followed for patients with diabetes.
    let diabetic: bool = w.tx().query_row(
        "SELECT EXISTS (SELECT 1 FROM measures WHERE patient_id = ?1 AND kind = 'a1c')",
        [patient_id],
        |row| row.get(0),
    )?;
    let medical = if diabetic {
        "Type 2 diabetes"
    } else {
        "High blood pressure"
    };
    concern("medical", medical, None, None)?;
    if rng.random_bool(0.25) {
        let (category, text) = *SDOH.choose(rng).unwrap_or(&SDOH[0]);
        let need = crate::ids::new_id();
        w.tx().execute(
            "INSERT INTO social_needs (id, patient_id, category, status, note, identified_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'identified', NULL, ?4, ?5, ?5)",
            params![need, patient_id, category, noted, now],
        )?;
        concern("social", text, Some(category), Some(&need))?;
    }

    // The first goal carries the registry target the program follows, in words that
    // fit it; any others are the patient's own, without a number.
    let (measure, target) = if medical == "Type 2 diabetes" && rng.random_bool(0.5) {
        ("a1c", if rng.random_bool(0.5) { 7.5 } else { 8.0 })
    } else {
        ("phq9", 5.0)
    };
    let first = match (measure, spanish) {
        ("a1c", false) => SUGAR_GOALS_EN,
        ("a1c", true) => SUGAR_GOALS_ES,
        (_, false) => MOOD_GOALS_EN,
        (_, true) => MOOD_GOALS_ES,
    };
    let words = if spanish { GOALS_ES } else { GOALS_EN };
    let goals = rng.random_range(1..=3usize);
    let mut picked: Vec<&str> = first.choose(rng).copied().into_iter().collect();
    picked.extend(words.choose_multiple(rng, goals - 1).copied());
    // Actions are dealt from one shuffled list, so no action appears under two goals.
    let mut deck: Vec<(&str, &str)> = ACTIONS.to_vec();
    deck.shuffle(rng);
    for (n, text) in picked.into_iter().enumerate() {
        let (measure, target) = if n == 0 {
            (Some(measure), Some(target))
        } else {
            (None, None)
        };
        let goal = crate::ids::new_id();
        let due = today + rng.random_range(20..150).days();
        w.tx().execute(
            "INSERT INTO care_plan_goals (id, patient_id, concern_id, text, measure, comparator, target_value,
               due_on, expressed_by, lifecycle, achievement, start_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'patient', 'active', ?9, ?10, ?11, ?11)",
            params![
                goal,
                patient_id,
                (n == 0).then_some(&depression),
                text,
                measure,
                target.map(|_| "<"),
                target,
                due.to_string(),
                ["in-progress", "improving", "no-change"].choose(rng).copied(),
                noted,
                now
            ],
        )?;
        let how_many = rng.random_range(1..=3usize).min(deck.len());
        let dealt: Vec<(&str, &str)> = deck.drain(..how_many).collect();
        for (owner, what) in dealt {
            let due = today + rng.random_range(-12..30).days();
            let status = match rng.random_range(0..10) {
                0..2 if due < today => "completed",
                2 => "scheduled",
                3 => "in-progress",
                _ => "not-started",
            };
            w.tx().execute(
                "INSERT INTO care_plan_actions (id, patient_id, goal_id, text, owner, due_on, status,
                   completed_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![
                    crate::ids::new_id(),
                    patient_id,
                    goal,
                    what,
                    owner,
                    due.to_string(),
                    status,
                    (status == "completed").then(|| due.to_string()),
                    now
                ],
            )?;
        }
    }
    let pcp = ["Dr. Ana Ruiz", "Dr. Samuel Okafor", "Dr. Mei Chen"]
        .choose(rng)
        .copied()
        .unwrap_or("Dr. Ana Ruiz");
    w.tx().execute(
        "INSERT INTO care_team_members (id, patient_id, name, role, phone, organisation, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'pcp', '(555) 010-2200', 'Eastside Family Clinic', ?4, ?4)",
        params![crate::ids::new_id(), patient_id, pcp, now],
    )?;
    if rng.random_bool(0.3) {
        w.tx().execute(
            "INSERT INTO care_plan_barriers (id, patient_id, text, noted_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                crate::ids::new_id(),
                patient_id,
                BARRIERS.choose(rng).copied().unwrap_or(BARRIERS[0]),
                noted,
                now
            ],
        )?;
    }
    crate::care_plans::keep_version(w, patient_id, "Plan drawn up")?;
    Ok(goals)
}
