//! Today's lines from the cadence rules and the flag engine, "no contact" on the
//! review list and the caseload, the caseload's next-contact sort, and the timeline.

use super::*;

#[test]
fn contact_due_follows_the_cadence_and_the_chosen_date() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let day = today();
    activate(&mut t.store, &p, &days_before(day, 60).to_string());
    contact(
        &mut t.store,
        &p.id,
        &days_before(day, 20).to_string(),
        "reached",
    );
    // COMPASS, active: every 14 days → due 6 days ago (or the business day after, if
    // that was a weekend).
    let due = business_day(days_before(day, 6));
    let list = list_on(&t.store, day);
    assert_eq!(lines(&list, &p), [(ItemKind::ContactDue, due)]);
    let item = list.items.iter().find(|i| i.patient.id == p.id).unwrap();
    assert_eq!(item.overdue_days, caseload::dates::days_from(due, day));
    assert!(item.detail.contains("every 14 days"), "{}", item.detail);
    // Seven days before that it was not due yet.
    assert!(lines(&list_on(&t.store, days_before(day, 7)), &p).is_empty());

    // A reached contact today with a chosen next date moves it there.
    outreach::add(
        &mut t.store,
        &ContactDraft {
            patient_id: p.id.clone(),
            channel: "video".into(),
            outcome: "reached".into(),
            next_on: day.tomorrow().unwrap().to_string(),
            ..ContactDraft::default()
        },
    )
    .unwrap();
    assert!(lines(&list_on(&t.store, day), &p).is_empty());
    let tomorrow = day.tomorrow().unwrap();
    assert_eq!(
        lines(&list_on(&t.store, tomorrow), &p),
        [(ItemKind::ContactDue, tomorrow)]
    );
}

#[test]
fn three_unreached_days_ask_for_a_letter_then_thirty_days_for_unreachable() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let day = today();
    let episode = activate(&mut t.store, &p, &days_before(day, 90).to_string());
    contact(
        &mut t.store,
        &p.id,
        &days_before(day, 80).to_string(),
        "reached",
    );
    for n in [70, 69] {
        contact(
            &mut t.store,
            &p.id,
            &days_before(day, n).to_string(),
            "no-answer",
        );
    }
    // Two days: no letter yet; the next try is due the (business) day after the last.
    assert_eq!(
        lines(&list_on(&t.store, day), &p),
        [(ItemKind::ContactDue, business_day(days_before(day, 68)))]
    );
    contact(
        &mut t.store,
        &p.id,
        &days_before(day, 68).to_string(),
        "voicemail",
    );
    assert_eq!(
        lines(&list_on(&t.store, day), &p),
        [(ItemKind::SendLetter, days_before(day, 68))]
    );
    // The letter.
    outreach::add(
        &mut t.store,
        &ContactDraft {
            patient_id: p.id.clone(),
            at: format!("{} 09:00", days_before(day, 40)),
            channel: "letter".into(),
            ..ContactDraft::default()
        },
    )
    .unwrap();
    // 30 days after the letter: still waiting; 31: consider unreachable, for the episode.
    let letter = days_before(day, 40);
    assert!(lines(&list_on(&t.store, days_before(day, 10)), &p).is_empty());
    let list = list_on(&t.store, days_before(day, 9));
    assert_eq!(
        lines(&list, &p),
        [(ItemKind::ConsiderUnreachable, days_before(day, 9))]
    );
    let item = list.items.iter().find(|i| i.patient.id == p.id).unwrap();
    assert_eq!(item.subject_id.as_deref(), Some(episode.id.as_str()));
    assert!(item.detail.contains(&letter.to_string()), "{}", item.detail);
    // Nothing was disenrolled.
    let episodes = t.store.read(|r| enrollment::for_patient(r, &p.id)).unwrap();
    assert!(episodes[0].is_open);
    // A reached contact ends it all.
    contact(&mut t.store, &p.id, &day.to_string(), "reached");
    assert!(lines(&list_on(&t.store, day), &p).is_empty());
}

#[test]
fn the_worklist_shows_safety_flags_from_the_flag_engine_first() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let q = add(&mut t.store, "M2", "Bo", "Li", "1970-01-01");
    let day = today();
    activate(&mut t.store, &q, &days_before(day, 60).to_string());
    caseload::measures::record(
        &mut t.store,
        &caseload::measures::MeasureDraft {
            patient_id: p.id.clone(),
            kind: "phq9".into(),
            taken_on: day.to_string(),
            items: ["1", "1", "1", "1", "1", "1", "1", "1", "2"]
                .map(String::from)
                .to_vec(),
            ..caseload::measures::MeasureDraft::default()
        },
    )
    .unwrap();
    let list = list_on(&t.store, day);
    assert_eq!(list.items[0].kind, ItemKind::Safety);
    assert_eq!(list.items[0].patient.mrn, "M1");
    assert!(
        list.items[0].detail.contains("item 9 = 2"),
        "{}",
        list.items[0].detail
    );
    assert_eq!(list.items[1].kind, ItemKind::ContactDue);
    let counts: Vec<(ItemKind, usize)> = list.counts.iter().map(|c| (c.kind, c.count)).collect();
    assert!(counts.contains(&(ItemKind::Safety, 1)));
    assert!(counts.contains(&(ItemKind::ContactDue, 1)));
    // Soft-deleted patients leave the worklist.
    caseload::patients::remove(&mut t.store, &q.id, "entered in error").unwrap();
    assert_eq!(list_on(&t.store, day).items.len(), 1);
}

#[test]
fn no_contact_puts_a_patient_on_the_review_list_and_the_caseload_filter() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let q = add(&mut t.store, "M2", "Bo", "Li", "1970-01-01");
    let day = today();
    for who in [&p, &q] {
        activate(&mut t.store, who, &days_before(day, 90).to_string());
    }
    contact(
        &mut t.store,
        &p.id,
        &days_before(day, 31).to_string(),
        "reached",
    );
    contact(
        &mut t.store,
        &q.id,
        &days_before(day, 30).to_string(),
        "reached",
    );
    let review = t.store.read_on(day, caseload::review::list).unwrap();
    let on_list: Vec<&str> = review.rows.iter().map(|r| r.patient.mrn.as_str()).collect();
    assert_eq!(on_list, ["M1"], "31 days is more than 30; 30 is not");
    assert_eq!(
        review.rows[0].reasons[0].kind,
        caseload::review::ReasonKind::NoContact
    );
    let page = t
        .store
        .read(|r| {
            caseload::pages::caseload::list(
                r,
                &caseload::pages::CaseloadQuery {
                    flag: "no-contact".into(),
                    ..caseload::pages::CaseloadQuery::default()
                },
            )
        })
        .unwrap();
    assert_eq!(page.rows.len(), 1);
    assert_eq!(page.rows[0].patient.mrn, "M1");
    assert_eq!(page.rows[0].outreach.last_reached_days, Some(31));
}

#[test]
fn the_caseload_sorts_by_next_contact_due() {
    let mut t = TestStore::new();
    let day = today();
    let later = add(&mut t.store, "M1", "Ana", "Adams", "1970-01-01");
    let sooner = add(&mut t.store, "M2", "Bo", "Brown", "1970-01-01");
    let none = add(&mut t.store, "M3", "Cy", "Abel", "1970-01-01");
    for who in [&later, &sooner] {
        activate(&mut t.store, who, &days_before(day, 90).to_string());
    }
    contact(
        &mut t.store,
        &later.id,
        &days_before(day, 2).to_string(),
        "reached",
    );
    contact(
        &mut t.store,
        &sooner.id,
        &days_before(day, 20).to_string(),
        "reached",
    );
    let page = t
        .store
        .read(|r| {
            caseload::pages::caseload::list(
                r,
                &caseload::pages::CaseloadQuery {
                    sort: caseload::pages::CaseloadSort::NextDue,
                    ..caseload::pages::CaseloadQuery::default()
                },
            )
        })
        .unwrap();
    let order: Vec<&str> = page.rows.iter().map(|r| r.patient.mrn.as_str()).collect();
    assert_eq!(order, ["M2", "M1", "M3"]);
    // Due 6 days ago and in 12 days, or the Monday after when that is a weekend.
    let overdue = business_day(days_before(day, 6));
    assert_eq!(page.rows[0].outreach.next_due, Some(overdue));
    assert_eq!(
        page.rows[0].outreach.overdue_days,
        Some(caseload::dates::days_from(overdue, day))
    );
    assert_eq!(
        page.rows[1].outreach.next_due,
        Some(business_day(days_before(day, -12)))
    );
    assert_eq!(page.rows[2].outreach.next_due, None);
    let _ = none;
}

#[test]
fn the_timeline_puts_every_kind_of_record_in_date_order() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    activate(&mut t.store, &p, "2025-01-02");
    stay(&mut t.store, &p, "ed", "2025-02-01", "");
    contact(&mut t.store, &p.id, "2025-02-03", "reached");
    let entries = t
        .store
        .read(|r| caseload::pages::timeline::timeline(r, &p.id))
        .unwrap()
        .entries;
    let kinds: Vec<&str> = entries
        .iter()
        .map(|e| match e.kind {
            caseload::pages::TimelineKind::Contact => "contact",
            caseload::pages::TimelineKind::Transition => "transition",
            caseload::pages::TimelineKind::Enrollment => "enrollment",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["contact", "transition", "enrollment"]);
    assert!(
        entries[1].title.contains("ED visit at Riverside General"),
        "{}",
        entries[1].title
    );
}
