//! Registering, editing, removing and finding patients.

use std::collections::BTreeMap;

use caseload::audit::FieldChange;
use caseload::pages::CaseloadQuery;
use caseload::patients::{self, PatientDraft};
use caseload::{ErrorCode, Store};

use crate::harness::{self, TestStore, add, counts, draft, err, fields_of};

fn full_draft() -> PatientDraft {
    PatientDraft {
        mrn: "  MRN-55120 ".into(),
        first_name: " Inés ".into(),
        last_name: "Rodríguez-Olmos".into(),
        birth_date: "03/14/1956".into(),
        sex: "F".into(),
        phone: "(555) 010-2233".into(),
        address_line: "12 Harbor Lane, Apt 4".into(),
        city: "Springfield".into(),
        state: "OR".into(),
        postal_code: "97477".into(),
        preferred_language: "Spanish".into(),
        pcp_name: "Dr. Amara Okafor".into(),
        payer: "Medicaid".into(),
        emergency_contact_name: "Lucía Rodríguez".into(),
        emergency_contact_relation: "Daughter".into(),
        emergency_contact_phone: "+1 555 010 9988".into(),
        note: "Prefers calls after 3pm.\nHard of hearing.".into(),
    }
}

/// The caseload list's total: what a coordinator sees.
fn total(store: &Store) -> u64 {
    store
        .read(|r| caseload::pages::caseload::list(r, &CaseloadQuery::default()))
        .unwrap()
        .total
}

/// The MRNs a search finds, sorted.
fn search(store: &Store, text: &str) -> Vec<String> {
    let page = store
        .read(|r| {
            caseload::pages::caseload::list(
                r,
                &CaseloadQuery {
                    text: text.into(),
                    ..CaseloadQuery::default()
                },
            )
        })
        .unwrap();
    assert_eq!(page.total, page.rows.len() as u64);
    let mut mrns: Vec<String> = page.rows.into_iter().map(|r| r.patient.mrn).collect();
    mrns.sort();
    mrns
}

#[test]
fn added_patient_reads_back_with_every_field() {
    let mut t = TestStore::new();
    let added = patients::add(&mut t.store, &full_draft()).unwrap();
    let p = t.store.read(|r| patients::get(r, &added.id)).unwrap();
    assert_eq!(p, added);

    assert_eq!(p.mrn, "MRN-55120");
    assert_eq!(p.first_name, "Inés");
    assert_eq!(p.last_name, "Rodríguez-Olmos");
    assert_eq!(p.birth_date, "1956-03-14");
    assert_eq!(p.sex, "female");
    assert_eq!(p.phone.as_deref(), Some("(555) 010-2233"));
    assert_eq!(p.address_line.as_deref(), Some("12 Harbor Lane, Apt 4"));
    assert_eq!(p.city.as_deref(), Some("Springfield"));
    assert_eq!(p.state.as_deref(), Some("OR"));
    assert_eq!(p.postal_code.as_deref(), Some("97477"));
    assert_eq!(p.preferred_language.as_deref(), Some("Spanish"));
    assert_eq!(p.pcp_name.as_deref(), Some("Dr. Amara Okafor"));
    assert_eq!(p.payer.as_deref(), Some("Medicaid"));
    assert_eq!(p.emergency_contact_name.as_deref(), Some("Lucía Rodríguez"));
    assert_eq!(p.emergency_contact_relation.as_deref(), Some("Daughter"));
    assert_eq!(
        p.emergency_contact_phone.as_deref(),
        Some("+1 555 010 9988")
    );
    assert_eq!(
        p.note.as_deref(),
        Some("Prefers calls after 3pm.\nHard of hearing.")
    );
    let birth = jiff::civil::date(1956, 3, 14);
    assert_eq!(p.age, caseload::dates::age_on(birth, harness::today()));
    assert_eq!(p.created_at, p.updated_at);

    let by_mrn = t
        .store
        .read(|r| patients::find_by_mrn(r, " MRN-55120"))
        .unwrap()
        .unwrap();
    assert_eq!(by_mrn.id, added.id);

    let history = t.store.read(|r| patients::history(r, &added.id)).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].action, "create");
    assert!(
        history[0]
            .changes
            .iter()
            .any(|c| c.field == "mrn" && c.to.as_deref() == Some("MRN-55120"))
    );
}

#[test]
fn optional_fields_left_empty_are_stored_as_absent() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "MRN-1", "Ana", "Lee", "1980-05-05");
    assert_eq!(p.sex, "unknown");
    assert_eq!(p.phone, None);
    assert_eq!(p.note, None);
    assert_eq!(p.emergency_contact_name, None);
}

/// Tries to add `form`, expects it refused on exactly `fields`, and checks nothing was saved.
#[track_caller]
fn assert_refused(t: &mut TestStore, form: &PatientDraft, fields: &[&str]) {
    let before = counts(&t.store);
    let listed = total(&t.store);
    let error = err(patients::add(&mut t.store, form));
    assert_eq!(
        fields_of(&error, ErrorCode::InvalidInput),
        fields,
        "{error}"
    );
    assert_eq!(counts(&t.store), before, "something was saved");
    assert_eq!(total(&t.store), listed);
}

#[test]
fn date_of_birth_in_the_future_is_refused_and_nothing_is_saved() {
    let mut t = TestStore::new();
    add(&mut t.store, "MRN-1", "Ana", "Lee", "1980-05-05");
    assert_refused(
        &mut t,
        &draft("MRN-2", "Bo", "Kim", &harness::tomorrow()),
        &["birth_date"],
    );
    // Born today is possible.
    add(
        &mut t.store,
        "MRN-3",
        "Baby",
        "Kim",
        &harness::today().to_string(),
    );
}

#[test]
fn date_of_birth_before_1900_is_refused_and_nothing_is_saved() {
    let mut t = TestStore::new();
    assert_refused(
        &mut t,
        &draft("MRN-2", "Bo", "Kim", "1899-12-31"),
        &["birth_date"],
    );
    assert_refused(
        &mut t,
        &draft("MRN-2", "Bo", "Kim", "31/12/1950"),
        &["birth_date"],
    );
    assert_refused(&mut t, &draft("MRN-2", "Bo", "Kim", ""), &["birth_date"]);
    add(&mut t.store, "MRN-2", "Bo", "Kim", "1900-01-01");
}

#[test]
fn empty_names_are_refused_and_nothing_is_saved() {
    let mut t = TestStore::new();
    assert_refused(
        &mut t,
        &draft("MRN-2", "   ", "", "1950-01-01"),
        &["first_name", "last_name"],
    );
    assert_refused(
        &mut t,
        &draft("MRN-2", "Bo", " \t ", "1950-01-01"),
        &["last_name"],
    );
}

/// The invisible characters that reorder or break the text around them.
const DIRECTION_CONTROLS: [char; 14] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{2028}', '\u{2029}',
];

#[test]
fn direction_controls_in_names_and_the_mrn_are_refused_naming_the_code_point() {
    let mut t = TestStore::new();
    for c in DIRECTION_CONTROLS {
        let inside = format!("Smith{c}txt.exe");
        assert_refused(
            &mut t,
            &draft("MRN-2", &inside, "Kim", "1950-01-01"),
            &["first_name"],
        );
        assert_refused(
            &mut t,
            &draft("MRN-2", "Bo", &inside, "1950-01-01"),
            &["last_name"],
        );
        assert_refused(
            &mut t,
            &draft(&format!("MRN{c}2"), "Bo", "Kim", "1950-01-01"),
            &["mrn"],
        );
        let form = PatientDraft {
            pcp_name: format!("Dr. {inside}"),
            emergency_contact_name: format!("Ana {inside}"),
            ..draft("MRN-2", "Bo", "Kim", "1950-01-01")
        };
        assert_refused(&mut t, &form, &["pcp_name", "emergency_contact_name"]);
    }
    let error = err(patients::add(
        &mut t.store,
        &draft("MRN-2", "Smith\u{202E}txt.exe", "Kim", "1950-01-01"),
    ));
    assert_eq!(
        error.fields()[0].message,
        "First name contains an invisible text-direction or line-separator character (U+202E); retype it."
    );
    let error = err(patients::add(
        &mut t.store,
        &draft("MRN\u{2028}2", "Bo", "Kim", "1950-01-01"),
    ));
    assert_eq!(
        error.fields()[0].message,
        "MRN contains an invisible text-direction or line-separator character (U+2028); retype it."
    );
}

#[test]
fn direction_controls_are_refused_when_a_patient_is_edited_too() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "MRN-1", "Ana", "Lee", "1980-05-05");
    let before = counts(&t.store);
    let mut form = p.to_draft();
    form.last_name = "Lee\u{2067}exe".into();
    let error = err(patients::update(&mut t.store, &p.id, &form));
    assert_eq!(fields_of(&error, ErrorCode::InvalidInput), ["last_name"]);
    assert!(error.to_string().contains("(U+2067)"), "{error}");
    assert_eq!(counts(&t.store), before);
    assert_eq!(t.store.read(|r| patients::get(r, &p.id)).unwrap(), p);
}

#[test]
fn names_in_every_script_are_welcome() {
    let mut t = TestStore::new();
    let names = [
        ("محمد", "عبد الله"),
        ("שרה", "לוי"),
        ("小明", "王"),
        ("Nguyễn", "Thị Minh Khai"),
        ("Zoë", "O'Brien-Smith"),
        // "José" typed with a combining acute accent.
        ("Jose\u{0301}", "Nun\u{0303}ez"),
        ("Ωμέγα", "Σμιρνόβα"),
        // Persian keeps the zero-width non-joiner inside words.
        ("میرزا\u{200C}ای", "Hosseini"),
    ];
    for (i, (first, last)) in names.iter().enumerate() {
        let p = add(&mut t.store, &format!("MRN-{i}"), first, last, "1970-01-01");
        assert_eq!(
            (p.first_name.as_str(), p.last_name.as_str()),
            (*first, *last)
        );
    }
    assert_eq!(total(&t.store), names.len() as u64);
}

#[test]
fn duplicate_mrn_is_refused_on_the_mrn_field_and_nothing_is_saved() {
    let mut t = TestStore::new();
    add(&mut t.store, "MRN-1", "Ana", "Lee", "1980-05-05");
    assert_refused(
        &mut t,
        &draft(" MRN-1 ", "Bo", "Kim", "1950-01-01"),
        &["mrn"],
    );
    // A duplicate MRN is reported together with the form's other problems.
    assert_refused(
        &mut t,
        &draft("MRN-1", "", "Kim", "1950-01-01"),
        &["mrn", "first_name"],
    );
}

#[test]
fn update_audits_exactly_the_changed_fields_with_old_and_new_values() {
    let mut t = TestStore::new();
    let p = patients::add(&mut t.store, &full_draft()).unwrap();
    let mut form = p.to_draft();
    form.phone = "555-010-7777".into();
    form.city = "Eugene".into();
    form.note = String::new();
    form.first_name = "  Inés  ".into(); // same value once trimmed: not a change
    let updated = patients::update(&mut t.store, &p.id, &form).unwrap();
    assert_eq!(updated.city.as_deref(), Some("Eugene"));
    assert_eq!(updated.note, None);
    assert_eq!(updated.created_at, p.created_at);

    let history = t.store.read(|r| patients::history(r, &p.id)).unwrap();
    assert_eq!(
        history
            .iter()
            .map(|h| h.action.as_str())
            .collect::<Vec<_>>(),
        ["update", "create"]
    );
    let changes: BTreeMap<&str, &FieldChange> = history[0]
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c))
        .collect();
    assert_eq!(
        changes.keys().copied().collect::<Vec<_>>(),
        ["city", "note", "phone"]
    );
    let pair = |field: &str| (changes[field].from.as_deref(), changes[field].to.as_deref());
    assert_eq!(
        pair("phone"),
        (Some("(555) 010-2233"), Some("555-010-7777"))
    );
    assert_eq!(pair("city"), (Some("Springfield"), Some("Eugene")));
    assert_eq!(
        pair("note"),
        (Some("Prefers calls after 3pm.\nHard of hearing."), None)
    );
    assert_eq!(history[0].entity, "patient");
    assert_eq!(history[0].actor, t.store.actor());
}

#[test]
fn renaming_a_patient_makes_them_findable_by_the_new_name_only() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "MRN-1", "Ana", "Lee", "1980-05-05");
    let mut form = p.to_draft();
    form.last_name = "Østergaard".into();
    patients::update(&mut t.store, &p.id, &form).unwrap();
    assert_eq!(search(&t.store, "ostergaard"), ["MRN-1"]);
    assert!(search(&t.store, "lee").is_empty());
}

#[test]
fn saving_an_unchanged_form_records_a_review_with_no_changes() {
    let mut t = TestStore::new();
    let p = patients::add(&mut t.store, &full_draft()).unwrap();
    patients::update(&mut t.store, &p.id, &p.to_draft()).unwrap();
    let history = t.store.read(|r| patients::history(r, &p.id)).unwrap();
    assert_eq!(history[0].action, "save-unchanged");
    assert!(history[0].changes.is_empty());
    assert_eq!(
        t.store.read(|r| patients::get(r, &p.id)).unwrap().mrn,
        p.mrn
    );
}

#[test]
fn editing_to_another_patients_mrn_is_refused_and_nothing_changes() {
    let mut t = TestStore::new();
    add(&mut t.store, "MRN-1", "Ana", "Lee", "1980-05-05");
    let bo = add(&mut t.store, "MRN-2", "Bo", "Kim", "1950-01-01");
    let before = counts(&t.store);
    let mut form = bo.to_draft();
    form.mrn = "MRN-1".into();
    form.phone = "555-010-1234".into();
    let error = err(patients::update(&mut t.store, &bo.id, &form));
    assert_eq!(fields_of(&error, ErrorCode::InvalidInput), ["mrn"]);
    assert_eq!(counts(&t.store), before);
    assert_eq!(t.store.read(|r| patients::get(r, &bo.id)).unwrap(), bo);
}

#[test]
fn updating_an_unknown_patient_is_not_found() {
    let mut t = TestStore::new();
    let error = err(patients::update(
        &mut t.store,
        "no-such-id",
        &draft("MRN-9", "A", "B", "1950-01-01"),
    ));
    assert_eq!(error.code(), ErrorCode::NotFound);
    assert_eq!(counts(&t.store).patients, 0);
}

#[test]
fn removed_patient_leaves_the_caseload_and_frees_the_mrn() {
    let mut t = TestStore::new();
    let ana = add(&mut t.store, "MRN-1", "Ana", "Lee", "1980-05-05");
    add(&mut t.store, "MRN-2", "Bo", "Kim", "1950-01-01");

    let error = err(patients::remove(&mut t.store, &ana.id, "   "));
    assert_eq!(fields_of(&error, ErrorCode::InvalidInput), ["reason"]);
    assert!(t.store.read(|r| patients::get(r, &ana.id)).is_ok());

    patients::remove(&mut t.store, &ana.id, "duplicate record").unwrap();
    assert_eq!(
        err(t.store.read(|r| patients::get(r, &ana.id))).code(),
        ErrorCode::NotFound
    );
    assert!(
        t.store
            .read(|r| patients::find_by_mrn(r, "MRN-1"))
            .unwrap()
            .is_none()
    );
    let page = t
        .store
        .read(|r| caseload::pages::caseload::list(r, &CaseloadQuery::default()))
        .unwrap();
    assert_eq!(page.total, 1);
    assert!(page.rows.iter().all(|r| r.id != ana.id));
    assert!(search(&t.store, "ana lee").is_empty());
    assert_eq!(
        err(patients::remove(&mut t.store, &ana.id, "again")).code(),
        ErrorCode::NotFound
    );

    // The record stays in the audit trail, with the reason.
    let trail = t
        .store
        .read(|r| caseload::audit::history_for_patient(r, &ana.id))
        .unwrap();
    assert_eq!(trail[0].action, "delete");
    assert_eq!(trail[0].changes[0].to.as_deref(), Some("duplicate record"));

    let again = add(&mut t.store, "MRN-1", "Ana", "Lee-Park", "1980-05-05");
    assert_ne!(again.id, ana.id);
    assert_eq!(
        t.store
            .read(|r| patients::require_by_mrn(r, "MRN-1"))
            .unwrap()
            .id,
        again.id
    );
}

/// A small caseload for search tests.
fn search_caseload() -> TestStore {
    let mut t = TestStore::new();
    for (mrn, first, last, dob) in [
        ("MRN-1001", "José", "Nuñez", "1956-03-14"),
        ("MRN-1002", "Jose", "Smith", "1970-11-02"),
        ("MRN-1003", "María", "Nunez", "1956-03-15"),
        ("MRN-2001", "Joseph", "Okafor", "1988-01-30"),
        ("A_1", "Under", "Score", "1990-02-02"),
        ("AB1", "Plain", "Letters", "1990-02-03"),
        ("50%OFF", "Percent", "Sign", "1991-04-04"),
    ] {
        add(&mut t.store, mrn, first, last, dob);
    }
    t
}

#[test]
fn search_ignores_accents_and_case() {
    let t = search_caseload();
    assert_eq!(search(&t.store, "jose nunez"), ["MRN-1001"]);
    assert_eq!(search(&t.store, "JOSÉ NUÑEZ"), ["MRN-1001"]);
    assert_eq!(search(&t.store, "nunez"), ["MRN-1001", "MRN-1003"]);
    assert_eq!(search(&t.store, "maria"), ["MRN-1003"]);
}

#[test]
fn search_finds_patients_by_mrn() {
    let t = search_caseload();
    assert_eq!(search(&t.store, "MRN-1002"), ["MRN-1002"]);
    assert_eq!(search(&t.store, "mrn-1002"), ["MRN-1002"]);
    assert_eq!(
        search(&t.store, "mrn-100"),
        ["MRN-1001", "MRN-1002", "MRN-1003"]
    );
}

#[test]
fn search_finds_patients_by_date_of_birth_in_iso_and_us_form() {
    let t = search_caseload();
    assert_eq!(search(&t.store, "1956-03-14"), ["MRN-1001"]);
    assert_eq!(search(&t.store, "03/14/1956"), ["MRN-1001"]);
    assert_eq!(search(&t.store, "1956-03"), ["MRN-1001", "MRN-1003"]);
}

#[test]
fn every_search_word_must_match() {
    let t = search_caseload();
    assert_eq!(
        search(&t.store, "jose"),
        ["MRN-1001", "MRN-1002", "MRN-2001"]
    );
    assert_eq!(search(&t.store, "jose smith"), ["MRN-1002"]);
    assert_eq!(search(&t.store, "Nuñez, María"), ["MRN-1003"]);
    assert_eq!(search(&t.store, "jose 1956-03-14"), ["MRN-1001"]);
    assert!(search(&t.store, "jose okafor smith").is_empty());
    // Only whitespace and commas: no filter at all.
    assert_eq!(search(&t.store, " , ").len(), 7);
}

#[test]
fn like_wildcards_typed_in_search_are_literal() {
    let t = search_caseload();
    assert_eq!(
        search(&t.store, "a_1"),
        ["A_1"],
        "_ must not match any character"
    );
    assert_eq!(
        search(&t.store, "%"),
        ["50%OFF"],
        "% must not match everything"
    );
    assert_eq!(search(&t.store, "50%"), ["50%OFF"]);
    assert!(search(&t.store, "j%z").is_empty());
    assert!(
        search(&t.store, "o_e").is_empty(),
        "o_e must not match \"jose\""
    );
    assert!(search(&t.store, "\\").is_empty());
}
