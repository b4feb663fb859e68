//! HSDS packages in: the corpus's 3.0 and 1.1 packages, every kind of bad row with its
//! file, line and column, re-imports that change nothing, conflicts with local edits,
//! spreadsheet-flavoured CSV, truncated files, and cancelling.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use caseload::ErrorCode;
use caseload::resources::hsds::{self, ImportChoices, Problem, Unwatched, Version, Watch};
use caseload::resources::{self, ServiceDraft};

use super::*;
use crate::harness::{TestStore, count, err};

/// The problems of a report that name `file`, as (line, column, message).
fn problems_in<'a>(
    problems: &'a [Problem],
    file: &str,
) -> Vec<(Option<u64>, Option<&'a str>, &'a str)> {
    problems
        .iter()
        .filter(|p| p.file == file)
        .map(|p| (p.line, p.column.as_deref(), p.message.as_str()))
        .collect()
}

#[test]
fn the_corpus_3_0_package_reports_its_four_broken_foreign_keys_and_imports_the_rest() {
    let mut t = TestStore::new();
    let path = corpus("hsds-3.0-examples");
    let report = preview(&t.store, &path);
    assert_eq!(report.version, Version::V3_0);
    // The upstream example's own rows point at ids it does not hold: location and
    // contact at organizations, contact at a service_at_location, taxonomy_term at a
    // taxonomy. Each is reported where it is, not a crash.
    let roots: Vec<_> = report
        .problems
        .iter()
        .filter(|p| {
            p.message
                .contains("neither in the package nor in the directory")
        })
        .map(|p| (p.file.as_str(), p.column.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        roots,
        [
            ("locations.csv", "organization_id"),
            ("contacts.csv", "organization_id"),
            ("contacts.csv", "service_at_location_id"),
            ("taxonomy_terms.csv", "taxonomy_id"),
        ],
        "{:#?}",
        report.problems
    );
    assert!(
        report.problems.iter().all(|p| p.line == Some(2)),
        "{:#?}",
        report.problems
    );
    // Rows that point at those rows fall with them, and say where the root is.
    let cascade = problems_in(&report.problems, "schedules.csv");
    assert_eq!(cascade.len(), 1);
    assert!(
        cascade[0]
            .2
            .contains("which is a bad row (locations.csv, line 2)"),
        "{cascade:?}"
    );
    assert!(report.bad_rows >= 4 && report.added > 0);
    // The dry run wrote nothing; the import refuses bad rows unless told to skip them.
    assert_eq!(live(&t.store, "service"), 0);
    let refused = err(hsds::apply(
        &mut t.store,
        &path,
        &ImportChoices::default(),
        &Unwatched,
    ));
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
    assert_eq!(live(&t.store, "organization"), 0);

    let imported = apply_skipping(&mut t.store, &path);
    assert!(imported.applied && imported.skipped_bad_rows);
    assert_eq!(imported.added, report.added);
    assert_eq!(live(&t.store, "service"), 1);
    assert_eq!(
        live(&t.store, "location"),
        0,
        "the broken location was left out"
    );
}

#[test]
fn the_corpus_1_1_package_imports_with_its_old_names() {
    let mut t = TestStore::new();
    let path = corpus("hsds-1.1-sample");
    let report = apply(&mut t.store, &path);
    assert_eq!(report.version, Version::V1_1);
    assert_eq!(report.bad_rows, 0, "{:#?}", report.problems);
    assert!(report.added > 40, "{}", report.added);
    // `url` became `website`; locations got the location_type 3.x requires.
    let website: Option<String> = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT website FROM hsds_organization WHERE website IS NOT NULL LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(website.is_some_and(|w| w.starts_with("http")));
    let untyped: i64 = t
        .store
        .sql_for_tests()
        .query_row(
            "SELECT count(*) FROM hsds_location WHERE location_type IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(untyped, 0);
    let found = t
        .store
        .read(|r| {
            resources::search(
                r,
                &resources::SearchQuery {
                    text: "homeless help".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert_eq!(found.services[0].name, "Never Homeless Helpline");
}

#[test]
fn importing_the_same_package_twice_changes_nothing() {
    let mut t = TestStore::new();
    let package = pantry();
    let first = apply(&mut t.store, package.path());
    assert_eq!((first.added, first.updated, first.unchanged), (7, 0, 0));
    let audit = count(&t.store, "audit_log");
    let again = preview(&t.store, package.path());
    assert_eq!(
        (
            again.added,
            again.updated,
            again.unchanged,
            again.conflicts.len()
        ),
        (0, 0, 7, 0)
    );
    let applied = apply(&mut t.store, package.path());
    assert_eq!((applied.added, applied.updated), (0, 0));
    assert_eq!(count(&t.store, "hsds_service"), 2);
    // A second import of the same rows writes no change to the log either (the run
    // itself is one line: who imported what, when).
    assert!(count(&t.store, "audit_log") <= audit + 1);
}

#[test]
fn a_changed_row_is_an_update_matched_by_its_id() {
    let mut t = TestStore::new();
    apply(&mut t.store, pantry().path());
    let renamed = pantry_with("Harbor Pantry and Kitchen", "Free groceries every week.");
    let report = apply(&mut t.store, renamed.path());
    assert_eq!((report.added, report.updated, report.unchanged), (0, 1, 6));
    let detail = t.store.read(|r| resources::detail(r, SVC)).unwrap();
    assert_eq!(detail.name, "Harbor Pantry and Kitchen");
    assert_eq!(count(&t.store, "hsds_service"), 2);
}

/// The service form's values for `SVC`, with a new description.
fn edit_description(store: &mut caseload::Store, text: &str) {
    let detail = store.read(|r| resources::detail(r, SVC)).unwrap();
    let draft = ServiceDraft {
        description: text.into(),
        ..detail.edit
    };
    resources::save_service(store, Some(SVC), &draft).unwrap();
}

#[test]
fn a_service_edited_here_is_a_conflict_the_coordinator_decides() {
    let mut t = TestStore::new();
    apply(&mut t.store, pantry().path());
    edit_description(&mut t.store, "Groceries on Tuesdays; bring a bag.");

    // The same package again: nothing new came in, so the local edit simply stays.
    let same = preview(&t.store, pantry().path());
    assert!(same.conflicts.is_empty(), "{:#?}", same.conflicts);

    // The upstream directory changed the description too: that is a conflict.
    let upstream = pantry_with("Harbor Food Pantry", "Groceries on Saturdays only.");
    let report = preview(&t.store, upstream.path());
    assert_eq!(report.conflicts.len(), 1, "{:#?}", report.conflicts);
    let conflict = &report.conflicts[0];
    assert_eq!(
        (conflict.table.as_str(), conflict.id.as_str()),
        ("service", SVC)
    );
    let field = conflict
        .fields
        .iter()
        .find(|f| f.field == "description")
        .unwrap();
    assert_eq!(
        field.here.as_deref(),
        Some("Groceries on Tuesdays; bring a bag.")
    );
    assert_eq!(
        field.incoming.as_deref(),
        Some("Groceries on Saturdays only.")
    );

    // Keep ours (the default) ...
    apply(&mut t.store, upstream.path());
    let kept = t.store.read(|r| resources::detail(r, SVC)).unwrap();
    assert_eq!(
        kept.description.as_deref(),
        Some("Groceries on Tuesdays; bring a bag.")
    );
    assert!(kept.edited_here);
    // ... still a conflict next time, until the coordinator takes the incoming one.
    let choices = ImportChoices {
        take_incoming: vec![SVC.into()],
        ..ImportChoices::default()
    };
    hsds::apply(&mut t.store, upstream.path(), &choices, &Unwatched).unwrap();
    let taken = t.store.read(|r| resources::detail(r, SVC)).unwrap();
    assert_eq!(
        taken.description.as_deref(),
        Some("Groceries on Saturdays only.")
    );
    assert!(!taken.edited_here);
}

/// A package whose services file is `services`, next to a valid organization.
fn with_services(services: &str) -> Package {
    Package::new()
        .table(
            "organization",
            "organizations.csv",
            &format!("id,name,description\n{ORG},Harbor Community Services,Food and shelter\n"),
        )
        .table("service", "services.csv", services)
}

#[test]
fn every_kind_of_bad_row_is_named_with_its_file_line_and_column() {
    let t = TestStore::new();
    let other = "99999999-9999-4999-8999-999999999999";
    let package = with_services(&format!(
        "id,organization_id,name,status,assured_date\n\
         {SVC},{ORG},Harbor Food Pantry,active,2026-01-05\n\
         {SVC2},{ORG},,active,\n\
         33333333-3333-4333-8333-333333333333,{other},Orphan Service,active,\n\
         33333333-3333-4333-8333-444444444444,{ORG},Bad Date Service,active,2026-13-45\n\
         {SVC},{ORG},Harbor Food Pantry again,active,\n"
    ))
    .table(
        "phone",
        "phones.csv",
        &format!(
            "id,service_id,number\n77777777-7777-4777-8777-777777777777,{SVC},call us maybe\n"
        ),
    );
    let report = preview(&t.store, package.path());
    let services = problems_in(&report.problems, "services.csv");
    let find = |line: u64| {
        services
            .iter()
            .find(|p| p.0 == Some(line))
            .unwrap_or_else(|| panic!("no problem on line {line}: {services:#?}"))
    };
    let missing = find(3);
    assert_eq!(missing.1, Some("name"));
    assert!(missing.2.contains("required"), "{missing:?}");
    let orphan = find(4);
    assert_eq!(orphan.1, Some("organization_id"));
    assert!(orphan.2.contains(other), "{orphan:?}");
    let date = find(5);
    assert_eq!(date.1, Some("assured_date"));
    assert!(date.2.contains("is not a date"), "{date:?}");
    let duplicate = find(6);
    assert_eq!(duplicate.1, Some("id"));
    assert!(duplicate.2.contains("first on line 2"), "{duplicate:?}");
    let phones = problems_in(&report.problems, "phones.csv");
    assert_eq!(phones.len(), 1);
    assert_eq!((phones[0].0, phones[0].1), (Some(2), Some("number")));
    assert!(phones[0].2.contains("is not a phone number"), "{phones:?}");
    assert_eq!(report.bad_rows, 5);
}

#[test]
fn bad_rows_stop_the_import_and_nothing_is_half_saved() {
    let mut t = TestStore::new();
    let package = with_services(&format!(
        "id,organization_id,name,status\n{SVC},{ORG},Harbor Food Pantry,active\n{SVC2},{ORG},,active\n"
    ));
    let before = count(&t.store, "audit_log");
    let refused = err(hsds::apply(
        &mut t.store,
        package.path(),
        &ImportChoices::default(),
        &Unwatched,
    ));
    assert_eq!(refused.code(), ErrorCode::InvalidInput);
    assert!(refused.to_string().contains("1 bad row"), "{refused}");
    assert_eq!(count(&t.store, "hsds_organization"), 0);
    assert_eq!(count(&t.store, "hsds_service"), 0);
    assert_eq!(count(&t.store, "audit_log"), before);
    // Chosen: the good rows go in, the bad one stays out.
    let report = apply_skipping(&mut t.store, package.path());
    assert_eq!((report.added, report.bad_rows), (2, 1));
    assert_eq!(live(&t.store, "service"), 1);
}

#[test]
fn a_spreadsheet_csv_with_a_bom_and_semicolons_reads_like_any_other() {
    let mut t = TestStore::new();
    let package = Package::new()
        .table(
            "organization",
            "organizations.csv",
            &format!("\u{feff}id;name;description\r\n{ORG};Harbor Community Services;Food, shelter and more\r\n"),
        )
        .table(
            "service",
            "services.csv",
            &format!("\u{feff}id;organization_id;name;status\r\n{SVC};{ORG};Café Comunitario, hot meals;active\r\n"),
        );
    let report = apply(&mut t.store, package.path());
    assert_eq!(
        (report.added, report.bad_rows),
        (2, 0),
        "{:#?}",
        report.problems
    );
    let detail = t.store.read(|r| resources::detail(r, SVC)).unwrap();
    assert_eq!(detail.name, "Café Comunitario, hot meals");
    assert_eq!(
        detail.organization.description.as_deref(),
        Some("Food, shelter and more")
    );
}

#[test]
fn a_truncated_file_names_the_cut_line() {
    let t = TestStore::new();
    let package = with_services(&format!(
        "id,organization_id,name,status,description\n{SVC},{ORG},Harbor Food Pantry,active,Weekly\n{SVC2},{ORG},Harbor Ut"
    ));
    let report = preview(&t.store, package.path());
    let problems = problems_in(&report.problems, "services.csv");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].0, Some(3));
    assert!(problems[0].2.contains("truncated"), "{problems:?}");
    assert_eq!((report.added, report.bad_rows), (2, 1));
}

#[test]
fn a_missing_file_or_descriptor_is_a_clear_message() {
    let t = TestStore::new();
    let empty = tempfile::TempDir::new().unwrap();
    let e = err(hsds::preview(&t.store, empty.path(), &Unwatched));
    assert!(e.to_string().contains("datapackage.json"), "{e}");
    let package = pantry();
    std::fs::remove_file(package.path().join("phones.csv")).unwrap();
    let report = preview(&t.store, package.path());
    let phones = problems_in(&report.problems, "phones.csv");
    assert_eq!(phones.len(), 1);
    assert_eq!(phones[0].0, None, "the whole file is at fault");
    assert!(phones[0].2.contains("could not be read"), "{phones:?}");
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let mut t = TestStore::new();
    let cancel = Arc::new(AtomicBool::new(true));
    let watch = Watch {
        cancel: cancel.clone(),
        on_progress: |_, _, _| {},
    };
    let e = err(hsds::apply(
        &mut t.store,
        pantry().path(),
        &ImportChoices::default(),
        &watch,
    ));
    assert_eq!(e.code(), ErrorCode::Cancelled);
    assert_eq!(count(&t.store, "hsds_organization"), 0);
    // The store is fine afterwards.
    apply(&mut t.store, pantry().path());
    assert_eq!(live(&t.store, "service"), 2);
}

#[test]
fn the_import_maps_assured_date_to_last_verified() {
    let mut t = TestStore::new();
    apply(&mut t.store, pantry().path());
    let detail = t.store.read(|r| resources::detail(r, SVC)).unwrap();
    assert_eq!(
        detail
            .verification
            .verified_on
            .map(|d| d.to_string())
            .as_deref(),
        Some("2026-01-05")
    );
    assert_eq!(detail.verification.by.as_deref(), Some("ana@example.org"));
    let never = t.store.read(|r| resources::detail(r, SVC2)).unwrap();
    assert!(never.verification.verified_on.is_none() && never.verification.stale);
}

#[test]
fn the_store_has_a_column_for_every_field_of_every_hsds_table() {
    // The migration spells the tables out; the descriptor is the standard's. They must
    // agree, or an import would drop a field without a word.
    let t = TestStore::new();
    for table in hsds::schema::tables() {
        let mut stmt = t
            .store
            .sql_for_tests()
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{}')",
                table.sql_table()
            ))
            .unwrap();
        let columns: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let fields: Vec<&str> = table.fields.iter().map(|f| f.name.as_str()).collect();
        let hsds_columns: Vec<&str> = columns
            .iter()
            .map(String::as_str)
            .filter(|c| !c.starts_with('_'))
            .collect();
        assert_eq!(hsds_columns, fields, "{}", table.name);
    }
    assert!(hsds::schema::tables().len() >= 22);
}
