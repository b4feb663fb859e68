//! The directory as coordinators use it: search as you type (prefixes, accents, case,
//! ranking, filters), staleness at exactly the limit and a day past it, "verified
//! today" and the verify queue, editing with field messages, and soft removal.

use caseload::ErrorCode;
use caseload::resources::{self, HoursDraft, SearchQuery, ServiceDraft, VerifyDraft};
use caseload::settings::{self, DirectorySettings};
use jiff::civil::date;

use super::*;
use crate::harness::{TestStore, err, fields_of};

fn find(store: &caseload::Store, query: SearchQuery) -> Vec<String> {
    store
        .read(|r| resources::search(r, &query))
        .unwrap()
        .services
        .into_iter()
        .map(|s| s.name)
        .collect()
}

fn text(t: &str) -> SearchQuery {
    SearchQuery {
        text: t.into(),
        ..SearchQuery::default()
    }
}

/// The starter category with `code`.
fn category(store: &caseload::Store, code: &str) -> String {
    store
        .read(resources::categories_list)
        .unwrap()
        .into_iter()
        .find(|c| c.code.as_deref() == Some(code))
        .map(|c| c.id)
        .unwrap()
}

/// The pantry package, with the pantry edited here: Spanish, Mon–Fri hours, the food
/// category; and a café added by hand.
fn directory() -> TestStore {
    let mut t = TestStore::new();
    apply(&mut t.store, pantry().path());
    let food = category(&t.store, "food");
    let detail = t.store.read(|r| resources::detail(r, SVC)).unwrap();
    let draft = ServiceDraft {
        languages: "English, Spanish".into(),
        category_ids: vec![food.clone()],
        hours: vec![HoursDraft {
            days: ["mo", "tu", "we", "th", "fr"].map(String::from).to_vec(),
            opens_at: "09:00".into(),
            closes_at: "17:00".into(),
        }],
        ..detail.edit
    };
    resources::save_service(&mut t.store, Some(SVC), &draft).unwrap();
    let cafe = ServiceDraft {
        organization_id: ORG.into(),
        name: "Café Comunitario".into(),
        description: "Hot meals on weekends; the pantry's kitchen.".into(),
        fees_description: "Pay what you can".into(),
        category_ids: vec![food],
        hours: vec![HoursDraft {
            days: vec!["sa".into(), "su".into()],
            opens_at: "11:00".into(),
            closes_at: "14:00".into(),
        }],
        ..ServiceDraft::default()
    };
    resources::save_service(&mut t.store, None, &cafe).unwrap();
    t
}

#[test]
fn search_matches_prefixes_of_every_word_without_case_or_accents() {
    let t = directory();
    assert_eq!(find(&t.store, text("caf")), ["Café Comunitario"]);
    assert_eq!(find(&t.store, text("CAFE")), ["Café Comunitario"]);
    assert_eq!(find(&t.store, text("comunitário")), ["Café Comunitario"]);
    assert_eq!(find(&t.store, text("harbor util")), ["Harbor Utility Help"]);
    // One letter is a prefix too; words match in any field (the address's city here).
    assert!(find(&t.store, text("h")).contains(&"Harbor Food Pantry".to_owned()));
    assert_eq!(find(&t.store, text("bayside")), ["Harbor Food Pantry"]);
    assert!(find(&t.store, text("zzzz")).is_empty());
    // Punctuation a coordinator types is not FTS5 syntax.
    assert_eq!(
        find(&t.store, text("\"pantry*) (")),
        ["Harbor Food Pantry", "Café Comunitario"]
    );
    assert!(
        find(&t.store, text("pantry OR kitchen")).is_empty(),
        "OR is a word to match, not an operator"
    );
}

#[test]
fn a_name_match_ranks_above_a_description_match() {
    let t = directory();
    // "pantry" is in the pantry's name and in the café's description.
    assert_eq!(
        find(&t.store, text("pantry")),
        ["Harbor Food Pantry", "Café Comunitario"]
    );
}

#[test]
fn filters_narrow_the_results() {
    let t = directory();
    let with = |f: fn(&mut SearchQuery)| {
        let mut q = SearchQuery::default();
        f(&mut q);
        find(&t.store, q)
    };
    assert_eq!(
        with(|q| q.category = "food".into()),
        ["Café Comunitario", "Harbor Food Pantry"]
    );
    assert_eq!(
        with(|q| q.language = "spanish".into()),
        ["Harbor Food Pantry"]
    );
    assert_eq!(with(|q| q.place = "941".into()), ["Harbor Food Pantry"]);
    assert_eq!(with(|q| q.place = "Bayside".into()), ["Harbor Food Pantry"]);
    assert_eq!(
        with(|q| q.open_on = "saturday".into()),
        ["Café Comunitario"]
    );
    assert_eq!(with(|q| q.open_on = "tu".into()), ["Harbor Food Pantry"]);
    assert_eq!(with(|q| q.cost = "free".into()), ["Harbor Food Pantry"]);
    assert_eq!(with(|q| q.cost = "sliding".into()), ["Harbor Utility Help"]);
    assert_eq!(
        with(|q| q.cost = "free-or-sliding".into()),
        ["Harbor Food Pantry", "Harbor Utility Help"]
    );
    // Text and filters together ("harbor" is in the café's organization's name too).
    let mut q = text("harbor");
    q.category = "food".into();
    assert_eq!(
        find(&t.store, q.clone()),
        ["Harbor Food Pantry", "Café Comunitario"]
    );
    q.open_on = "su".into();
    assert_eq!(find(&t.store, q), ["Café Comunitario"]);
}

#[test]
fn stale_after_exactly_the_limit_is_still_current_a_day_more_is_not() {
    let t = directory();
    // The pantry was verified on 2026-01-05 (its assured_date).
    let verified = date(2026, 1, 5);
    let on = |days: i64| verified.checked_add(jiff::Span::new().days(days)).unwrap();
    let stale_on = |day| {
        t.store
            .read_on(day, |r| resources::detail(r, SVC))
            .unwrap()
            .verification
    };
    let at_limit = stale_on(on(180));
    assert_eq!(at_limit.days_ago, Some(180));
    assert!(!at_limit.stale, "{}", at_limit.text);
    let past = stale_on(on(181));
    assert!(past.stale, "{}", past.text);
    assert!(past.text.contains("181 days ago"), "{}", past.text);
    // The verify queue and the stale filter agree with the badge.
    let queue = |day| {
        t.store
            .read_on(day, |r| resources::verify_queue(r, 50))
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect::<Vec<_>>()
    };
    assert!(!queue(on(180)).contains(&SVC.to_owned()));
    assert!(queue(on(181)).contains(&SVC.to_owned()));
    let stale_only = SearchQuery {
        stale_only: true,
        ..SearchQuery::default()
    };
    let stale_ids = |day| {
        t.store
            .read_on(day, |r| resources::search(r, &stale_only))
            .unwrap()
            .services
            .into_iter()
            .map(|h| h.id)
            .collect::<Vec<_>>()
    };
    assert!(!stale_ids(on(180)).contains(&SVC.to_owned()));
    assert!(stale_ids(on(181)).contains(&SVC.to_owned()));
}

#[test]
fn the_stale_limit_is_a_setting() {
    let mut t = directory();
    let day = date(2026, 1, 5)
        .checked_add(jiff::Span::new().days(100))
        .unwrap();
    let stale = |t: &TestStore| {
        t.store
            .read_on(day, |r| resources::detail(r, SVC))
            .unwrap()
            .verification
            .stale
    };
    assert!(!stale(&t));
    settings::set_directory(
        &mut t.store,
        DirectorySettings {
            stale_after_days: 90,
            referral_follow_up_days: 7,
        },
    )
    .unwrap();
    assert!(stale(&t));
    let e = err(settings::set_directory(
        &mut t.store,
        DirectorySettings {
            stale_after_days: 0,
            referral_follow_up_days: 7,
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["stale_after_days"]);
}

#[test]
fn verified_today_records_who_how_and_what_changed() {
    let mut t = directory();
    // The never-verified service leads the queue.
    let queue = t.store.read(|r| resources::verify_queue(r, 10)).unwrap();
    assert_eq!(queue[0].id, SVC2);
    resources::verify(
        &mut t.store,
        SVC2,
        &VerifyDraft {
            how: "website".into(),
            by: "M. Lopez".into(),
            changes: "New hours: Tue and Thu only".into(),
            ..VerifyDraft::default()
        },
    )
    .unwrap();
    let detail = t.store.read(|r| resources::detail(r, SVC2)).unwrap();
    assert_eq!(detail.verification.days_ago, Some(0));
    assert!(!detail.verification.stale);
    assert_eq!(
        detail.verification.text,
        "Verified today by M. Lopez (website)"
    );
    assert_eq!(detail.verifications.len(), 1);
    assert_eq!(
        detail.verifications[0].note.as_deref(),
        Some("New hours: Tue and Thu only")
    );
    assert!(
        detail.edited_here,
        "a verification is a local change an import must not undo silently"
    );
    let queue = t.store.read(|r| resources::verify_queue(r, 10)).unwrap();
    assert!(queue.iter().all(|h| h.id != SVC2));
    let e = err(resources::verify(
        &mut t.store,
        SVC2,
        &VerifyDraft {
            how: "carrier pigeon".into(),
            ..VerifyDraft::default()
        },
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["how"]);
}

#[test]
fn the_service_form_names_each_wrong_field_and_saves_nothing() {
    let mut t = directory();
    let before = crate::harness::count(&t.store, "hsds_service");
    let e = err(resources::save_service(
        &mut t.store,
        None,
        &ServiceDraft {
            organization_id: ORG.into(),
            name: " ".into(),
            url: "example.org".into(),
            email: "not-an-address".into(),
            phone: "(415) 555-0100; call us".into(),
            minimum_age: "30".into(),
            maximum_age: "12".into(),
            hours: vec![HoursDraft {
                days: vec!["mo".into()],
                opens_at: "17:00".into(),
                closes_at: "09:00".into(),
            }],
            ..ServiceDraft::default()
        },
    ));
    let fields = fields_of(&e, ErrorCode::InvalidInput);
    for field in ["name", "url", "email", "phone", "maximum_age", "hours.0"] {
        assert!(
            fields.contains(&field.to_owned()),
            "{field} missing from {fields:?}"
        );
    }
    assert_eq!(crate::harness::count(&t.store, "hsds_service"), before);
}

#[test]
fn saving_a_service_unchanged_keeps_it_as_it_was() {
    let mut t = directory();
    let before = t.store.read(|r| resources::detail(r, SVC)).unwrap();
    resources::save_service(&mut t.store, Some(SVC), &before.edit).unwrap();
    let after = t.store.read(|r| resources::detail(r, SVC)).unwrap();
    assert_eq!(after.edit.hours.len(), 1);
    assert_eq!(after.edit.hours[0].days, ["mo", "tu", "we", "th", "fr"]);
    assert_eq!(after.edit.hours[0].opens_at, "09:00");
    assert_eq!(after.phones.len(), before.phones.len());
    assert_eq!(after.languages, before.languages);
    assert_eq!(after.category_ids, before.category_ids);
    assert_eq!(after.location_ids, before.location_ids);
    assert_eq!(after.cost, before.cost);
}

#[test]
fn a_removed_service_leaves_search_but_its_record_stays() {
    let mut t = directory();
    let e = err(resources::remove(&mut t.store, "service", SVC, " "));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["reason"]);
    resources::remove(&mut t.store, "service", SVC, "Closed for good").unwrap();
    assert!(!find(&t.store, text("pantry")).contains(&"Harbor Food Pantry".to_owned()));
    let detail = t.store.read(|r| resources::detail(r, SVC)).unwrap();
    assert!(detail.deleted);
    assert_eq!(crate::harness::count(&t.store, "hsds_service"), 3);
    // An organization goes only once its services have.
    let e = err(resources::remove(
        &mut t.store,
        "organization",
        ORG,
        "Merged",
    ));
    assert_eq!(e.code(), ErrorCode::Conflict);
}

#[test]
fn coordinators_add_their_own_categories() {
    let mut t = directory();
    let own = resources::add_category(&mut t.store, "Diapers and baby supplies").unwrap();
    assert_eq!(own.services, 0);
    let again = err(resources::add_category(
        &mut t.store,
        "diapers and baby supplies",
    ));
    assert_eq!(again.code(), ErrorCode::InvalidInput);
    let all = t.store.read(resources::categories_list).unwrap();
    assert_eq!(all.len(), 12, "the 11 starter categories and ours");
    let food = all
        .iter()
        .find(|c| c.code.as_deref() == Some("food"))
        .unwrap();
    assert_eq!(food.services, 2);
}
