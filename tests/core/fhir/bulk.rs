//! The caseload as FHIR Bulk Data NDJSON.

use std::collections::{HashMap, HashSet};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use caseload::care_plans::{self, Item};
use caseload::measures::{self, MeasureDraft};
use caseload::{ErrorCode, fhir};
use serde_json::Value;

use super::{assert_valid, jose, references};
use crate::harness::{TestStore, add, err};

const FILES: [&str; 8] = [
    "Patient.ndjson",
    "CarePlan.ndjson",
    "CareTeam.ndjson",
    "Practitioner.ndjson",
    "RelatedPerson.ndjson",
    "Condition.ndjson",
    "Goal.ndjson",
    "Observation.ndjson",
];

/// Each file's resources, parsed line by line.
fn read(dir: &Path) -> HashMap<String, Vec<Value>> {
    FILES
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            let lines = text
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            ((*name).to_owned(), lines)
        })
        .collect()
}

/// José with a plan, Ann with a weight and no plan, and Bo, removed.
fn caseload() -> (TestStore, super::Jose, String, String) {
    let mut t = TestStore::new();
    let j = jose(&mut t.store);
    let ann = add(&mut t.store, "MRN-2", "Ann", "Lee", "1970-01-01").id;
    measures::record(
        &mut t.store,
        &MeasureDraft {
            patient_id: ann.clone(),
            kind: "weight".into(),
            taken_on: super::days_ago(1),
            value: "81.5".into(),
            ..MeasureDraft::default()
        },
    )
    .unwrap();
    let bo = add(&mut t.store, "MRN-3", "Bo", "Chen", "1965-02-02").id;
    care_plans::add_goal(
        &mut t.store,
        &super::goal_draft(&bo, "Sleep through the night"),
    )
    .unwrap();
    caseload::patients::remove(&mut t.store, &bo, "Added by mistake").unwrap();
    (t, j, ann, bo)
}

#[test]
fn bulk_writes_one_private_file_per_type_and_every_line_validates() {
    let (t, j, ann, bo) = caseload();
    let dir = tempfile::tempdir().unwrap();
    let summary = fhir::bulk(&t.store, dir.path()).unwrap();
    assert_eq!(summary.patients, 2, "the live patients");
    assert_eq!(summary.plans, 1);
    let names: Vec<&str> = summary.files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, FILES);

    // Exactly those files, owner-only, no temporary file left behind.
    let mut on_disk: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    on_disk.sort();
    let mut expected: Vec<String> = FILES.iter().map(|f| (*f).to_owned()).collect();
    expected.sort();
    assert_eq!(on_disk, expected);
    for name in FILES {
        let mode = std::fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "{name} holds PHI: owner-only");
    }

    let paths: Vec<_> = FILES.iter().map(|f| dir.path().join(f)).collect();
    let total: usize = summary.files.iter().map(|(_, n)| n).sum();
    assert_eq!(assert_valid(&paths), total);

    let files = read(dir.path());
    for (name, count) in &summary.files {
        assert_eq!(files[name].len(), *count, "{name}");
        let kind = name.trim_end_matches(".ndjson");
        assert!(
            files[name].iter().all(|r| r["resourceType"] == kind),
            "{name}"
        );
    }
    let patients: HashSet<&str> = files["Patient.ndjson"]
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        patients,
        HashSet::from([j.patient_id.as_str(), ann.as_str()]),
        "live patients, with or without a plan; never the removed one"
    );
    assert_eq!(files["CarePlan.ndjson"].len(), 1);
    assert_eq!(files["Goal.ndjson"].len(), 2, "José's; Bo's went with him");
    // José's three measure kinds and Ann's weight.
    assert_eq!(files["Observation.ndjson"].len(), 4);
    let all = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<String>();
    assert!(!all.contains(&bo), "nothing of a removed patient");
    assert!(!all.contains("Sleep through the night"));
}

#[test]
fn references_are_relative_and_name_a_resource_the_files_hold() {
    let (t, _, _, _) = caseload();
    let dir = tempfile::tempdir().unwrap();
    fhir::bulk(&t.store, dir.path()).unwrap();
    let files = read(dir.path());
    let held: HashSet<String> = files
        .values()
        .flatten()
        .map(|r| {
            format!(
                "{}/{}",
                r["resourceType"].as_str().unwrap(),
                r["id"].as_str().unwrap()
            )
        })
        .collect();
    let mut refs = Vec::new();
    for r in files.values().flatten() {
        references(r, &mut refs);
    }
    assert!(refs.len() > 10);
    for r in refs {
        assert!(!r.starts_with("urn:"), "{r}");
        assert!(held.contains(&r), "{r} is in no file");
    }
}

#[test]
fn a_second_export_replaces_the_first_whole() {
    let (mut t, j, _, _) = caseload();
    let dir = tempfile::tempdir().unwrap();
    fhir::bulk(&t.store, dir.path()).unwrap();
    care_plans::remove(&mut t.store, Item::Member, &j.daughter, "Moved abroad").unwrap();
    let summary = fhir::bulk(&t.store, dir.path()).unwrap();
    let related = summary
        .files
        .iter()
        .find(|(n, _)| n == "RelatedPerson.ndjson")
        .unwrap();
    assert_eq!(related.1, 0);
    assert_eq!(
        std::fs::read(dir.path().join("RelatedPerson.ndjson")).unwrap(),
        b"",
        "an empty type is written empty, so the first export's line is gone"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), FILES.len());
}

#[test]
fn bulk_refuses_a_folder_that_does_not_exist() {
    let (t, _, _, _) = caseload();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("not-yet");
    let e = err(fhir::bulk(&t.store, &missing));
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    assert!(e.to_string().contains("does not exist"), "{e}");
    assert!(!missing.exists(), "the export never creates folders");

    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").unwrap();
    let e = err(fhir::bulk(&t.store, &file));
    assert!(e.to_string().contains("not a folder"), "{e}");
}
