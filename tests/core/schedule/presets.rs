//! Column mappings: the built-in presets, a coordinator's saved ones (audited, never
//! under a built-in's name), the mapping step's peek, and the `synthea` preset against
//! the shared corpus's real `encounters.csv`.

use std::collections::HashMap;

use caseload::schedule::{self, Mapping};
use caseload::{Error, ErrorCode};

use super::*;
use crate::harness::{TestStore, count, err, fields_of};
use crate::resources::corpus;

fn clinic_mapping() -> Mapping {
    Mapping {
        date: "Appt Date".into(),
        time: Some("Appt Time".into()),
        mrn: "Chart #".into(),
        patient_name: Some(" ".into()),
        provider: Some("Resource".into()),
        ..Mapping::default()
    }
}

#[test]
fn schedule_saved_presets_round_trip_and_built_in_names_are_refused() {
    let mut t = TestStore::new();
    let names = |s: &Store| -> Vec<(String, bool)> {
        s.read(schedule::presets)
            .unwrap()
            .into_iter()
            .map(|p| (p.name, p.builtin))
            .collect()
    };
    assert_eq!(
        names(&t.store),
        [("synthea".into(), true), ("appointments".into(), true)]
    );
    let audit = count(&t.store, "audit_log");
    let saved = schedule::save_preset(&mut t.store, " clinic-b ", &clinic_mapping()).unwrap();
    assert_eq!(saved.name, "clinic-b");
    assert!(!saved.builtin);
    // Stored trimmed, an empty column as no column.
    let expected = Mapping {
        patient_name: None,
        ..clinic_mapping()
    };
    assert_eq!(saved.mapping, expected);
    schedule::save_preset(&mut t.store, "clinic-a", &expected).unwrap();
    assert_eq!(
        names(&t.store),
        [
            ("synthea".into(), true),
            ("appointments".into(), true),
            ("clinic-a".into(), false),
            ("clinic-b".into(), false)
        ]
    );
    let read = t.store.read(|r| schedule::preset(r, "clinic-b")).unwrap();
    assert_eq!(read, saved);
    assert_eq!(count(&t.store, "audit_log"), audit + 2);
    // Saving again under the name updates it; saving the same mapping writes nothing.
    let changed = Mapping {
        status: Some("Appt Status".into()),
        ..expected.clone()
    };
    let updated = schedule::save_preset(&mut t.store, "clinic-b", &changed).unwrap();
    assert_eq!(updated.mapping, changed);
    assert_eq!(count(&t.store, "schedule_presets"), 2);
    schedule::save_preset(&mut t.store, "clinic-b", &changed).unwrap();
    assert_eq!(count(&t.store, "audit_log"), audit + 3);
    let (action, changes): (String, String) = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT action, changes FROM audit_log WHERE entity = 'schedule_preset'
             ORDER BY rowid DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(action, "update");
    assert!(changes.contains("Appt Status"), "{changes}");
    // A built-in name (in any case) is refused with a field message; so is no date.
    let e = err(schedule::save_preset(&mut t.store, "Synthea", &expected));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["name"]);
    assert!(e.to_string().contains("is a built-in preset"), "{e}");
    let e = err(schedule::save_preset(
        &mut t.store,
        "",
        &Mapping {
            date: " ".into(),
            ..expected
        },
    ));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        ["name", "mapping.date"]
    );
    assert_eq!(count(&t.store, "audit_log"), audit + 3);
    // An unknown name lists the presets there are.
    match t.store.read(|r| schedule::preset(r, "clinic-z")) {
        Err(Error::NotFound(text)) => assert!(
            text.contains("synthea, appointments, clinic-a, clinic-b"),
            "{text}"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn schedule_a_saved_preset_reads_its_own_columns() {
    let mut t = TestStore::new();
    let [a1, _, _] = three_patients(&mut t.store);
    schedule::save_preset(&mut t.store, "clinic-a", &clinic_mapping()).unwrap();
    let o = options(&t.store, "clinic-a");
    let report = apply_text(
        &mut t.store,
        "Chart #,Appt Date,Appt Time,Resource,Extra\nA1,03/09/2026,2:15 PM,Dr. Mei Chen,x\n",
        &o,
    );
    assert_eq!(report.matched, 1);
    let booked = t
        .store
        .read(|r| schedule::for_day(r, day("2026-03-09")))
        .unwrap();
    assert_eq!(booked.len(), 1);
    assert_eq!(booked[0].patient_id, a1);
    assert_eq!(booked[0].time.as_deref(), Some("14:15"));
    assert_eq!(booked[0].provider.as_deref(), Some("Dr. Mei Chen"));
    let preset: Option<String> = t
        .store
        .sql_for_tests()
        .query_row("SELECT preset FROM schedule_imports", [], |r| r.get(0))
        .unwrap();
    assert_eq!(preset.as_deref(), Some("clinic-a"));
}

#[test]
fn schedule_the_synthea_preset_reads_the_corpus_encounters() {
    let mut t = TestStore::new();
    let path = corpus("synthea-ca-59").join("encounters.csv");
    let peeked = schedule::peek(&path, 3).unwrap();
    assert_eq!(peeked.suggested.as_deref(), Some("synthea"));
    assert_eq!(peeked.delimiter, ',');
    assert_eq!(&peeked.headers[..4], ["Id", "START", "STOP", "PATIENT"]);
    assert_eq!(peeked.rows.len(), 3);

    // The file's own rows per patient, counted independently of Caseload.
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let patient_col = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "PATIENT")
        .unwrap();
    let mut order: Vec<String> = Vec::new();
    let mut rows: HashMap<String, usize> = HashMap::new();
    let mut total = 0;
    for record in reader.records() {
        let id = record.unwrap()[patient_col].to_owned();
        if !rows.contains_key(&id) {
            order.push(id.clone());
        }
        *rows.entry(id).or_default() += 1;
        total += 1;
    }
    // Synthea's patient Id is the MRN (the corpus README): two of them are ours.
    let ours: Vec<(String, String)> = order[..2]
        .iter()
        .enumerate()
        .map(|(n, mrn)| {
            let p = add(
                &mut t.store,
                mrn,
                "Synthea",
                &format!("Patient{n}"),
                "1990-01-01",
            );
            (p.id, mrn.clone())
        })
        .collect();
    let o = options(&t.store, "synthea");
    let report = apply(&mut t.store, &path, &o);
    let mine = rows[&ours[0].1] + rows[&ours[1].1];
    assert!(report.bad_rows.is_empty(), "{:?}", report.bad_rows.first());
    assert_eq!((report.rows, report.appointments), (total, total));
    assert_eq!(report.matched, mine);
    assert_eq!(report.unmatched.len(), total - mine);
    assert!(
        report
            .unmatched
            .iter()
            .all(|u| u.mrn != ours[0].1 && u.mrn != ours[1].1 && u.time.is_some())
    );
    assert_eq!(count(&t.store, "patients"), 2, "nobody was created");
    for (id, mrn) in &ours {
        let booked: i64 = t
            .store
            .sql_for_tests()
            .query_row(
                "SELECT count(*) FROM appointments WHERE patient_id = ?1 AND replaced_at IS NULL",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(booked as usize, rows[mrn], "{mrn}");
    }
    // And again: nothing changes.
    assert!(!apply(&mut t.store, &path, &o).changed);
}
