//! One patient's care plan as a FHIR R4 Bundle.

use std::collections::HashSet;

use caseload::care_plans::{self, GoalDraft, GoalMove, Item};
use caseload::{ErrorCode, fhir};
use serde_json::Value;

use super::{
    WALK, assert_valid, bundle_of, by_id, goal_draft, jose, of_type, references, validate,
};
use crate::harness::{TestStore, add, err};

const LOINC: &str = "http://loinc.org";
const UCUM: &str = "http://unitsofmeasure.org";
const GRAVITY: &str =
    "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";
const SNOMED: &str = "http://snomed.info/sct";

/// Writes the bundle to a file and runs the independent checker over it.
fn checked(store: &caseload::Store, patient_id: &str) -> (tempfile::TempDir, usize) {
    let exported = fhir::patient_bundle(store, patient_id).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(&exported.file_name);
    fhir::save(&path, &exported).unwrap();
    let read = assert_valid(&[path]);
    assert_eq!(read, exported.resources, "every resource was checked");
    (dir, read)
}

/// Every reference in the bundle names an entry's full URL; full URLs are unique and
/// are `urn:uuid:` + the resource's id.
#[track_caller]
fn assert_references_resolve(bundle: &Value) {
    let mut urls = HashSet::new();
    for entry in bundle["entry"].as_array().unwrap() {
        let url = entry["fullUrl"].as_str().unwrap();
        let id = entry["resource"]["id"].as_str().unwrap();
        assert_eq!(url, format!("urn:uuid:{id}"));
        assert!(urls.insert(url.to_owned()), "{url} is in the bundle twice");
    }
    let mut refs = Vec::new();
    references(bundle, &mut refs);
    assert!(refs.len() > 10, "{refs:?}");
    for r in refs {
        assert!(urls.contains(&r), "{r} resolves to no entry of the bundle");
    }
}

#[test]
fn the_bundle_validates_with_an_independent_fhir_implementation() {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    let (_dir, read) = checked(&t.store, &j.patient_id);
    // Patient, CarePlan, CareTeam, Practitioner, RelatedPerson, 2 Conditions, 2 Goals,
    // and 3 Observations (PHQ-9, HbA1c, BP).
    assert_eq!(read, 12);
    let bundle = bundle_of(&t.store, &j.patient_id);
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
}

#[test]
fn the_checker_does_catch_a_broken_bundle() {
    // The check above means something only if the checker fails bad files: a birth
    // date that is not a date, an element FHIR does not have, a status outside its
    // value set.
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    let exported = fhir::patient_bundle(&t.store, &j.patient_id).unwrap();
    let text = String::from_utf8(exported.bytes).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (from, to) in [
        (
            "\"birthDate\": \"1958-06-14\"",
            "\"birthDate\": \"1958-13-14\"",
        ),
        (
            "\"intent\": \"plan\"",
            "\"intent\": \"plan\", \"mood\": \"good\"",
        ),
        (
            "\"lifecycleStatus\": \"active\"",
            "\"lifecycleStatus\": \"going\"",
        ),
    ] {
        let broken = text.replacen(from, to, 1);
        assert_ne!(broken, text, "{from} is in the bundle");
        let path = dir.path().join("broken.json");
        std::fs::write(&path, broken).unwrap();
        let (ok, said) = validate(&[path]);
        assert!(!ok, "{to} passed: {said}");
    }
}

#[test]
fn every_reference_resolves_inside_the_bundle() {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    assert_references_resolve(&bundle_of(&t.store, &j.patient_id));
}

#[test]
fn ids_are_the_records_uuids_and_stay_the_same_across_exports() {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    let first = fhir::patient_bundle(&t.store, &j.patient_id).unwrap();
    let second = fhir::patient_bundle(&t.store, &j.patient_id).unwrap();
    assert_eq!(
        first.bytes, second.bytes,
        "an unchanged record exports the same"
    );

    let bundle: Value = serde_json::from_slice(&first.bytes).unwrap();
    assert_eq!(of_type(&bundle, "Patient")[0]["id"], j.patient_id.as_str());
    for id in [&j.food, &j.mood] {
        by_id(&bundle, "Condition", id);
    }
    for id in [&j.walk, &j.phq] {
        by_id(&bundle, "Goal", id);
    }
    by_id(&bundle, "Practitioner", &j.pcp);
    by_id(&bundle, "RelatedPerson", &j.daughter);
    for id in [&j.latest_phq9, &j.bp, &j.a1c] {
        by_id(&bundle, "Observation", id);
    }

    // The CarePlan's id comes from the patient's: valid, and not another record's.
    let plan_id = of_type(&bundle, "CarePlan")[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let valid = |id: &str| {
        (1..=64).contains(&id.len())
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    };
    assert!(valid(&plan_id), "{plan_id}");
    assert_ne!(plan_id, j.patient_id);
    for entry in bundle["entry"].as_array().unwrap() {
        assert!(valid(entry["resource"]["id"].as_str().unwrap()));
    }

    // A change to the plan keeps every id that was there.
    care_plans::add_goal(
        &mut t.store,
        &goal_draft(&j.patient_id, "Cook twice a week"),
    )
    .unwrap();
    let later = bundle_of(&t.store, &j.patient_id);
    assert_eq!(of_type(&later, "CarePlan")[0]["id"], plan_id.as_str());
    by_id(&later, "Goal", &j.walk);
    assert_eq!(of_type(&later, "Goal").len(), 3);
    let team_id = |b: &Value| of_type(b, "CareTeam")[0]["id"].clone();
    assert_eq!(team_id(&bundle), team_id(&later));
}

#[test]
fn the_goal_is_the_patients_own_words_with_accents_intact() {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    let exported = fhir::patient_bundle(&t.store, &j.patient_id).unwrap();
    let text = String::from_utf8(exported.bytes.clone()).unwrap();
    assert!(text.contains(WALK), "written as UTF-8, not escaped");
    let bundle: Value = serde_json::from_slice(&exported.bytes).unwrap();
    let goal = by_id(&bundle, "Goal", &j.walk);
    assert_eq!(goal["description"]["text"], WALK);
    assert_eq!(goal["lifecycleStatus"], "active");
    assert_eq!(
        goal["achievementStatus"]["coding"][0]["system"],
        "http://terminology.hl7.org/CodeSystem/goal-achievement"
    );
    assert_eq!(
        goal["achievementStatus"]["coding"][0]["code"],
        "in-progress"
    );
    // Expressed by the patient: a reference to the Patient.
    let patient_url = format!("urn:uuid:{}", j.patient_id);
    assert_eq!(goal["expressedBy"]["reference"], patient_url.as_str());
    assert_eq!(goal["subject"]["reference"], patient_url.as_str());
    // The other goal was his daughter's: the RelatedPerson on the team.
    let phq = by_id(&bundle, "Goal", &j.phq);
    assert_eq!(
        phq["expressedBy"]["reference"],
        format!("urn:uuid:{}", j.daughter).as_str()
    );
    assert_eq!(
        phq["addresses"][0]["reference"],
        format!("urn:uuid:{}", j.mood).as_str()
    );
    // The progress note tied to it travels with it.
    assert_eq!(
        phq["note"][0]["text"],
        "Sleeping better; walked twice this week."
    );
}

#[test]
fn a_phq9_target_is_loinc_coded_with_its_comparator_and_an_own_number_is_in_words() {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    let bundle = bundle_of(&t.store, &j.patient_id);

    let target = &by_id(&bundle, "Goal", &j.phq)["target"][0];
    assert_eq!(target["measure"]["coding"][0]["system"], LOINC);
    assert_eq!(target["measure"]["coding"][0]["code"], "44261-6");
    assert_eq!(target["detailQuantity"]["comparator"], "<");
    assert_eq!(target["detailQuantity"]["value"], 5);
    assert_eq!(target["detailQuantity"]["system"], UCUM);
    assert_eq!(target["detailQuantity"]["code"], "{score}");

    let own = &by_id(&bundle, "Goal", &j.walk)["target"][0];
    assert!(own["measure"].get("coding").is_none(), "{own}");
    assert_eq!(own["measure"]["text"], "minutes walked a day");
    assert_eq!(own["detailQuantity"]["comparator"], ">=");
    assert_eq!(own["detailQuantity"]["value"], 30);
    assert_eq!(own["detailQuantity"]["unit"], "min");
    assert!(own["detailQuantity"].get("system").is_none());
    assert_eq!(own["dueDate"], super::days_ahead(90).as_str());

    // HbA1c and blood pressure targets carry their UCUM units.
    let a1c = care_plans::add_goal(
        &mut t.store,
        &GoalDraft {
            measure: "a1c".into(),
            target: "< 7.5".into(),
            ..goal_draft(&j.patient_id, "Bring my sugar down")
        },
    )
    .unwrap();
    let sbp = care_plans::add_goal(
        &mut t.store,
        &GoalDraft {
            measure: "sbp".into(),
            target: "<=130".into(),
            ..goal_draft(&j.patient_id, "Lower pressure")
        },
    )
    .unwrap();
    let bundle = bundle_of(&t.store, &j.patient_id);
    let a1c = &by_id(&bundle, "Goal", &a1c.id)["target"][0];
    assert_eq!(a1c["measure"]["coding"][0]["code"], "4548-4");
    assert_eq!(a1c["detailQuantity"]["value"], 7.5);
    assert_eq!(a1c["detailQuantity"]["code"], "%");
    let sbp = &by_id(&bundle, "Goal", &sbp.id)["target"][0];
    assert_eq!(sbp["measure"]["coding"][0]["code"], "8480-6");
    assert_eq!(sbp["detailQuantity"]["comparator"], "<=");
    assert_eq!(sbp["detailQuantity"]["code"], "mm[Hg]");
}

#[test]
fn a_social_concern_carries_its_gravity_category() {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    let bundle = bundle_of(&t.store, &j.patient_id);
    let codes = |c: &Value| -> Vec<(String, String)> {
        c["category"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|cat| cat["coding"].as_array().unwrap().iter())
            .map(|c| {
                (
                    c["system"].as_str().unwrap().to_owned(),
                    c["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let concern = (
        "http://hl7.org/fhir/us/core/CodeSystem/condition-category".to_owned(),
        "health-concern".to_owned(),
    );
    let food = by_id(&bundle, "Condition", &j.food);
    let food_codes = codes(food);
    assert!(food_codes.contains(&concern), "{food_codes:?}");
    assert!(
        food_codes.contains(&(GRAVITY.to_owned(), "food-insecurity".to_owned())),
        "{food_codes:?}"
    );
    assert_eq!(food["code"]["text"], "Runs out of food before payday");
    assert_eq!(food["clinicalStatus"]["coding"][0]["code"], "active");
    assert_eq!(
        food["recordedDate"],
        crate::harness::today().to_string().as_str()
    );

    let mood = by_id(&bundle, "Condition", &j.mood);
    assert_eq!(codes(mood), vec![concern]);

    // A resolved concern is exported as resolved.
    care_plans::resolve_concern(&mut t.store, &j.food).unwrap();
    let bundle = bundle_of(&t.store, &j.patient_id);
    assert_eq!(
        by_id(&bundle, "Condition", &j.food)["clinicalStatus"]["coding"][0]["code"],
        "resolved"
    );
    // The plan addresses both.
    let plan = of_type(&bundle, "CarePlan")[0];
    assert_eq!(plan["addresses"].as_array().unwrap().len(), 2);
}

#[test]
fn actions_are_activities_with_status_performer_goal_and_due_date() {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    care_plans::set_action_status(&mut t.store, &j.pcp_action, "scheduled").unwrap();
    let bundle = bundle_of(&t.store, &j.patient_id);
    let plan = of_type(&bundle, "CarePlan")[0];
    assert_eq!(plan["status"], "active");
    assert_eq!(plan["intent"], "plan");
    assert_eq!(
        plan["subject"]["reference"],
        format!("urn:uuid:{}", j.patient_id).as_str()
    );
    assert_eq!(plan["period"]["start"], super::days_ago(0).as_str());
    let activities = plan["activity"].as_array().unwrap();
    assert_eq!(activities.len(), 2);
    let detail = |text: &str| {
        activities
            .iter()
            .map(|a| &a["detail"])
            .find(|d| d["description"] == text)
            .unwrap_or_else(|| panic!("no activity {text}"))
    };

    let pcp = detail("Review the sertraline dose");
    assert_eq!(pcp["kind"], "Task");
    assert_eq!(pcp["status"], "scheduled");
    assert_eq!(
        pcp["scheduledPeriod"]["end"],
        super::days_ahead(14).as_str()
    );
    assert_eq!(
        pcp["goal"][0]["reference"],
        format!("urn:uuid:{}", j.phq).as_str()
    );
    assert_eq!(
        pcp["performer"][0]["reference"],
        format!("urn:uuid:{}", j.pcp).as_str(),
        "the PCP on the team does it"
    );
    assert_eq!(pcp["performer"][0]["display"], "Dr. Helen Ortiz (PCP)");

    let coordinator = detail("Find a walking group");
    assert_eq!(coordinator["status"], "not-started");
    assert!(coordinator.get("scheduledPeriod").is_none());
    assert!(coordinator["performer"][0].get("reference").is_none());
    assert_eq!(coordinator["performer"][0]["display"], "Care coordinator");
    assert_eq!(
        coordinator["goal"][0]["reference"],
        format!("urn:uuid:{}", j.walk).as_str()
    );
    // Ids of actions are not resources of their own; the activity is the action.
    let _ = &j.coordinator_action;

    // The barrier not tied to a goal is the plan's note.
    assert_eq!(plan["note"][0]["text"], "Barrier: No bus pass this month");
}

#[test]
fn the_care_team_names_each_role_in_snomed_and_in_words() {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    let bundle = bundle_of(&t.store, &j.patient_id);
    let team = of_type(&bundle, "CareTeam")[0];
    assert_eq!(team["status"], "active");
    let plan = of_type(&bundle, "CarePlan")[0];
    assert_eq!(
        plan["careTeam"][0]["reference"],
        format!("urn:uuid:{}", team["id"].as_str().unwrap()).as_str()
    );
    let participants = team["participant"].as_array().unwrap();
    assert_eq!(participants.len(), 2);
    let pcp = &participants[0];
    assert_eq!(pcp["role"][0]["coding"][0]["system"], SNOMED);
    assert_eq!(pcp["role"][0]["coding"][0]["code"], "446050000");
    assert_eq!(pcp["role"][0]["text"], "PCP");
    assert_eq!(pcp["onBehalfOf"]["display"], "Eastside Clinic");
    let daughter = &participants[1];
    assert_eq!(daughter["role"][0]["text"], "Family");
    assert!(daughter.get("onBehalfOf").is_none(), "ctm-1");

    let practitioner = by_id(&bundle, "Practitioner", &j.pcp);
    assert_eq!(practitioner["name"][0]["text"], "Dr. Helen Ortiz");
    assert_eq!(practitioner["telecom"][0]["value"], "(503) 555-0100");
    let related = by_id(&bundle, "RelatedPerson", &j.daughter);
    assert_eq!(related["name"][0]["text"], "Lucía Núñez");
    assert_eq!(
        related["patient"]["reference"],
        format!("urn:uuid:{}", j.patient_id).as_str()
    );
}

#[test]
fn the_patient_is_identified_by_mrn_and_the_latest_value_of_each_measure_is_an_observation() {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    let bundle = bundle_of(&t.store, &j.patient_id);
    let patient = of_type(&bundle, "Patient")[0];
    assert_eq!(patient["identifier"][0]["value"], j.mrn);
    assert_eq!(patient["identifier"][0]["type"]["coding"][0]["code"], "MR");
    assert_eq!(patient["name"][0]["family"], "Núñez");
    assert_eq!(patient["name"][0]["given"][0], "José");
    assert_eq!(patient["gender"], "male");
    assert_eq!(patient["birthDate"], "1958-06-14");
    assert_eq!(
        patient["communication"][0]["language"]["coding"][0]["code"],
        "es"
    );
    assert_eq!(patient["contact"][0]["name"]["text"], "Lucía Núñez");

    let observations = of_type(&bundle, "Observation");
    assert_eq!(observations.len(), 3, "one per kind, the latest");
    assert!(
        observations
            .iter()
            .all(|o| o["id"] != j.older_phq9.as_str()),
        "the older PHQ-9 is not sent"
    );
    let phq = by_id(&bundle, "Observation", &j.latest_phq9);
    assert_eq!(phq["status"], "final");
    assert_eq!(phq["code"]["coding"][0]["code"], "44261-6");
    assert_eq!(phq["category"][0]["coding"][0]["code"], "survey");
    assert_eq!(phq["valueQuantity"]["value"], 9);
    assert_eq!(phq["effectiveDateTime"], super::days_ago(3).as_str());

    let bp = by_id(&bundle, "Observation", &j.bp);
    assert_eq!(bp["code"]["coding"][0]["code"], "85354-9");
    assert_eq!(bp["category"][0]["coding"][0]["code"], "vital-signs");
    assert!(
        bp.get("valueQuantity").is_none(),
        "a panel's values are its components"
    );
    let components: Vec<(&str, f64)> = bp["component"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"]["coding"][0]["code"].as_str().unwrap(),
                c["valueQuantity"]["value"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(components, vec![("8480-6", 148.0), ("8462-4", 92.0)]);
    assert_eq!(bp["component"][0]["valueQuantity"]["code"], "mm[Hg]");

    let a1c = by_id(&bundle, "Observation", &j.a1c);
    assert_eq!(a1c["category"][0]["coding"][0]["code"], "laboratory");
    assert_eq!(a1c["valueQuantity"]["value"], 8.4);
    assert_eq!(a1c["valueQuantity"]["unit"], "%");
}

#[test]
fn a_removed_goal_is_not_exported_and_leaves_no_dangling_reference() {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    care_plans::remove(
        &mut t.store,
        Item::Goal,
        &j.phq,
        "Entered on the wrong patient",
    )
    .unwrap();
    let bundle = bundle_of(&t.store, &j.patient_id);
    let goals: Vec<&Value> = of_type(&bundle, "Goal");
    assert_eq!(goals.len(), 1);
    assert_eq!(goals[0]["id"], j.walk.as_str());
    let plan = of_type(&bundle, "CarePlan")[0];
    assert_eq!(
        plan["activity"].as_array().unwrap().len(),
        1,
        "its action went with it"
    );
    let text = bundle.to_string();
    assert!(!text.contains(&j.phq));
    assert!(!text.contains("sertraline"));
    // Its progress note stays on the plan, as the plan's.
    assert!(
        plan["note"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["text"] == "Sleeping better; walked twice this week.")
    );
    assert_references_resolve(&bundle);
}

#[test]
fn the_plan_completes_when_every_goal_and_concern_is_closed() {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    for goal in [&j.walk, &j.phq] {
        care_plans::move_goal(
            &mut t.store,
            goal,
            &GoalMove {
                lifecycle: "cancelled".into(),
                achievement: String::new(),
            },
        )
        .unwrap();
    }
    let bundle = bundle_of(&t.store, &j.patient_id);
    assert_eq!(
        of_type(&bundle, "CarePlan")[0]["status"],
        "active",
        "its concerns are still active"
    );
    for concern in [&j.food, &j.mood] {
        care_plans::resolve_concern(&mut t.store, concern).unwrap();
    }
    let bundle = bundle_of(&t.store, &j.patient_id);
    assert_eq!(of_type(&bundle, "CarePlan")[0]["status"], "completed");
    assert_eq!(
        by_id(&bundle, "Goal", &j.walk)["lifecycleStatus"],
        "cancelled"
    );
    checked(&t.store, &j.patient_id);
}

#[test]
fn a_hostile_goal_stays_plain_data() {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    let hostile = "</div><script>alert(\"x\")</script> \\\" }, {\"resourceType\": \"Patient\"";
    let goal = care_plans::add_goal(&mut t.store, &goal_draft(&j.patient_id, hostile)).unwrap();
    let bundle = bundle_of(&t.store, &j.patient_id);
    assert_eq!(
        by_id(&bundle, "Goal", &goal.id)["description"]["text"],
        hostile
    );
    assert_eq!(
        of_type(&bundle, "Patient").len(),
        1,
        "no resource was injected"
    );
    checked(&t.store, &j.patient_id);
}

#[test]
fn the_file_is_named_by_the_patients_id_never_their_name() {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    let exported = fhir::patient_bundle(&t.store, &j.patient_id).unwrap();
    assert_eq!(
        exported.file_name,
        format!("careplan-{}.json", j.patient_id)
    );
    for phi in ["Núñez", "José", j.mrn, "1958"] {
        assert!(!exported.file_name.contains(phi), "{phi}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(&exported.file_name);
    fhir::save(&path, &exported).unwrap();
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the bundle holds PHI: owner-only");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn a_patient_without_a_plan_or_not_in_the_caseload_is_refused() {
    let mut t = TestStore::new();
    let ann = add(&mut t.store, "MRN-2", "Ann", "Lee", "1970-01-01");
    let e = err(fhir::patient_bundle(&t.store, &ann.id));
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert!(e.to_string().contains("No care plan"), "{e}");

    let j = jose(&mut t.store);
    caseload::patients::remove(&mut t.store, &j.patient_id, "Moved away").unwrap();
    let e = err(fhir::patient_bundle(&t.store, &j.patient_id));
    assert_eq!(e.code(), ErrorCode::NotFound);
}
