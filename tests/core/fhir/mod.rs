//! The HL7 FHIR R4 export: one patient's Bundle, the caseload as Bulk Data NDJSON, and
//! both from the CLI. What is written is checked by an independent FHIR implementation
//! (`fhir.resources`, R4B models, through tests/support/fhir_validate.py), and what that
//! does not check — references resolving, stable ids, the codes — by the tests here.

mod bulk;
mod bundle;
mod cli;

use std::path::{Path, PathBuf};
use std::process::Command;

use caseload::Store;
use caseload::care_plans::{
    self, ActionDraft, BarrierDraft, ConcernDraft, GoalDraft, MemberDraft, NoteDraft,
};
use caseload::measures::{self, MeasureDraft};
use jiff::ToSpan;
use serde_json::Value;

use crate::harness::{self, today};

/// The patient's own words, accents and all.
pub const WALK: &str = "Caminar a la iglesia sin pararme, como José";

/// José's record: a social and a behavioural concern, a goal in his words with his
/// own number and one on PHQ-9, a PCP and his daughter on the team, two actions, a
/// progress note, a barrier, and measures of three kinds (PHQ-9 twice).
pub struct Jose {
    pub patient_id: String,
    pub mrn: &'static str,
    pub food: String,
    pub mood: String,
    pub walk: String,
    pub phq: String,
    pub pcp: String,
    pub daughter: String,
    pub pcp_action: String,
    pub coordinator_action: String,
    /// The measures each kind's latest Observation must carry, and the older PHQ-9.
    pub latest_phq9: String,
    pub older_phq9: String,
    pub bp: String,
    pub a1c: String,
}

pub fn days_ago(days: i64) -> String {
    (today() - days.days()).to_string()
}

pub fn days_ahead(days: i64) -> String {
    (today() + days.days()).to_string()
}

fn measure(store: &mut Store, draft: MeasureDraft) -> String {
    measures::record(store, &draft).unwrap().id
}

fn phq9(patient_id: &str, items: &str, on: &str) -> MeasureDraft {
    MeasureDraft {
        patient_id: patient_id.into(),
        kind: "phq9".into(),
        taken_on: on.into(),
        items: items.split(',').map(String::from).collect(),
        ..MeasureDraft::default()
    }
}

pub fn goal_draft(patient_id: &str, text: &str) -> GoalDraft {
    GoalDraft {
        patient_id: patient_id.into(),
        text: text.into(),
        ..GoalDraft::default()
    }
}

pub fn jose(store: &mut Store) -> Jose {
    let mrn = "MRN-4471";
    let mut draft = harness::draft(mrn, "José", "Núñez", "1958-06-14");
    draft.sex = "male".into();
    draft.phone = "(503) 555-0142".into();
    draft.preferred_language = "Spanish".into();
    draft.city = "Salem".into();
    draft.state = "OR".into();
    draft.pcp_name = "Dr. Helen Ortiz".into();
    draft.emergency_contact_name = "Lucía Núñez".into();
    draft.emergency_contact_relation = "Daughter".into();
    draft.emergency_contact_phone = "(503) 555-0177".into();
    let p = caseload::patients::add(store, &draft).unwrap().id;

    let older_phq9 = measure(store, phq9(&p, "3,3,2,2,2,2,1,1,0", &days_ago(60)));
    let latest_phq9 = measure(store, phq9(&p, "2,2,1,1,1,1,1,0,0", &days_ago(3)));
    let bp = measure(
        store,
        MeasureDraft {
            patient_id: p.clone(),
            kind: "bp".into(),
            taken_on: days_ago(3),
            systolic: "148".into(),
            diastolic: "92".into(),
            ..MeasureDraft::default()
        },
    );
    let a1c = measure(
        store,
        MeasureDraft {
            patient_id: p.clone(),
            kind: "a1c".into(),
            taken_on: days_ago(20),
            value: "8.4".into(),
            ..MeasureDraft::default()
        },
    );

    let concern = |store: &mut Store, kind: &str, sdoh: &str, text: &str| {
        care_plans::add_concern(
            store,
            &ConcernDraft {
                patient_id: p.clone(),
                kind: kind.into(),
                text: text.into(),
                sdoh: sdoh.into(),
                status: String::new(),
            },
        )
        .unwrap()
        .id
    };
    let food = concern(
        store,
        "",
        "food-insecurity",
        "Runs out of food before payday",
    );
    let mood = concern(store, "behavioural", "", "Low mood since his wife died");

    let walk = care_plans::add_goal(
        store,
        &GoalDraft {
            target: ">= 30".into(),
            target_label: "minutes walked a day".into(),
            target_unit: "min".into(),
            due: days_ahead(90),
            ..goal_draft(&p, WALK)
        },
    )
    .unwrap()
    .id;
    let phq = care_plans::add_goal(
        store,
        &GoalDraft {
            concern_id: mood.clone(),
            measure: "phq9".into(),
            target: "<5".into(),
            expressed_by: "family".into(),
            ..goal_draft(&p, "Sentirme como antes")
        },
    )
    .unwrap()
    .id;

    let member = |store: &mut Store, name: &str, role: &str, phone: &str, org: &str| {
        care_plans::add_member(
            store,
            &MemberDraft {
                patient_id: p.clone(),
                name: name.into(),
                role: role.into(),
                phone: phone.into(),
                organisation: org.into(),
            },
        )
        .unwrap()
        .id
    };
    let pcp = member(
        store,
        "Dr. Helen Ortiz",
        "pcp",
        "(503) 555-0100",
        "Eastside Clinic",
    );
    let daughter = member(store, "Lucía Núñez", "family", "(503) 555-0177", "");

    let action = |store: &mut Store, goal: &str, owner: &str, text: &str, due: &str| {
        care_plans::add_action(
            store,
            &ActionDraft {
                goal_id: goal.into(),
                text: text.into(),
                owner: owner.into(),
                due: due.into(),
                status: String::new(),
            },
        )
        .unwrap()
        .id
    };
    let pcp_action = action(
        store,
        &phq,
        "pcp",
        "Review the sertraline dose",
        &days_ahead(14),
    );
    let coordinator_action = action(store, &walk, "coordinator", "Find a walking group", "");

    care_plans::add_note(
        store,
        &NoteDraft {
            patient_id: p.clone(),
            goal_id: phq.clone(),
            written_on: String::new(),
            text: "Sleeping better; walked twice this week.".into(),
        },
    )
    .unwrap();
    care_plans::add_barrier(
        store,
        &BarrierDraft {
            patient_id: p.clone(),
            goal_id: String::new(),
            text: "No bus pass this month".into(),
        },
    )
    .unwrap();

    Jose {
        patient_id: p,
        mrn,
        food,
        mood,
        walk,
        phq,
        pcp,
        daughter,
        pcp_action,
        coordinator_action,
        latest_phq9,
        older_phq9,
        bp,
        a1c,
    }
}

/// The exported bundle, parsed.
pub fn bundle_of(store: &Store, patient_id: &str) -> Value {
    let exported = caseload::fhir::patient_bundle(store, patient_id).unwrap();
    serde_json::from_slice(&exported.bytes).unwrap()
}

/// The bundle's resources of one type.
pub fn of_type<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

/// The one resource of a type with an id.
pub fn by_id<'a>(bundle: &'a Value, kind: &str, id: &str) -> &'a Value {
    let found: Vec<&Value> = of_type(bundle, kind)
        .into_iter()
        .filter(|r| r["id"] == id)
        .collect();
    assert_eq!(found.len(), 1, "{kind} {id}");
    found[0]
}

/// Every `reference` anywhere inside a JSON value.
pub fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("reference", Value::String(r)) => out.push(r.clone()),
                    _ => references(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

/// The checker `make test` installs (scripts/setup.sh --e2e), run by `FHIR_PYTHON` or
/// ./.tools/pyenv/bin/python.
fn python() -> PathBuf {
    std::env::var_os("FHIR_PYTHON").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/pyenv/bin/python"),
        PathBuf::from,
    )
}

/// Runs tests/support/fhir_validate.py on files; returns whether they passed and what
/// it said.
pub fn validate(paths: &[PathBuf]) -> (bool, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/fhir_validate.py");
    let python = python();
    let out = Command::new(&python)
        .arg(script)
        .args(paths)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{} could not run ({e}); run scripts/setup.sh --e2e",
                python.display()
            )
        });
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !said.contains("ModuleNotFoundError"),
        "fhir.resources is missing; run scripts/setup.sh --e2e\n{said}"
    );
    (out.status.success(), said)
}

/// Asserts the files validate, and returns how many resources the checker read.
#[track_caller]
pub fn assert_valid(paths: &[PathBuf]) -> usize {
    let (ok, said) = validate(paths);
    assert!(ok, "the FHIR checker refused the export:\n{said}");
    said.lines()
        .last()
        .and_then(|l| l.strip_prefix("ok: "))
        .and_then(|l| l.strip_suffix(" resources"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in: {said}"))
}
