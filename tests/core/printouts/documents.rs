//! Each printout's content, paper and structure.

use caseload::pdf::Paper;
use caseload::printouts::{PrintRequest, Printout};

use super::*;

fn day() -> Date {
    crate::harness::today()
}

#[test]
fn huddle_sheet_prints_every_name_in_every_script_on_landscape_letter() {
    let (t, _) = clinic_day(day());
    let printed = print(&t.store, Printout::Huddle, PrintRequest::default());
    qpdf_ok(&printed.bytes);
    save_render(&printed.bytes, "huddle-sheet.pdf");
    let text = pdftotext(&printed.bytes, None);
    for (first, last) in NAMES {
        assert!(
            text.contains(first) && text.contains(last),
            "{first} {last} missing:\n{text}"
        );
    }
    for needle in [
        "Huddle sheet",
        "Primary care clinic",
        "Confidential — contains protected health information",
        "Page 1 of 1",
        "Provider / visit",
        "MRN-100",
        "Dr. Ana Ruiz",
        "09:00",
        "PHQ-9",
    ] {
        assert!(text.contains(needle), "{needle:?} missing:\n{text}");
    }
    let info = pdfinfo(&printed.bytes);
    assert!(info.contains("792 x 612 pts"), "landscape letter: {info}");
}

#[test]
fn huddle_sheet_follows_the_paper_setting_and_a_one_off_override() {
    let (mut t, _) = clinic_day(day());
    caseload::settings::set_printing(
        &mut t.store,
        caseload::settings::PrintSettings {
            clinic_name: "Clínica Familiar del Valle".into(),
            paper: Paper::A4,
        },
    )
    .unwrap();
    let a4 = print(&t.store, Printout::Huddle, PrintRequest::default());
    let info = pdfinfo(&a4.bytes);
    assert!(
        info.contains("841.89 x 595.276 pts") || info.contains("842 x 595"),
        "{info}"
    );
    assert!(pdftotext(&a4.bytes, None).contains("Clínica Familiar del Valle"));
    let letter = print(
        &t.store,
        Printout::Huddle,
        PrintRequest {
            paper: Some(Paper::Letter),
            ..PrintRequest::default()
        },
    );
    assert!(pdfinfo(&letter.bytes).contains("792 x 612 pts"));
}

#[test]
fn an_empty_day_says_so() {
    let (t, _) = clinic_day(day());
    let next_week = day().checked_add(jiff::Span::new().days(9)).unwrap();
    let printed = print(
        &t.store,
        Printout::Huddle,
        PrintRequest {
            date: Some(next_week),
            ..PrintRequest::default()
        },
    );
    qpdf_ok(&printed.bytes);
    let text = flat(&pdftotext(&printed.bytes, None));
    assert!(text.contains("No appointments on"), "{text}");
    assert!(!text.contains("Nuñez"));
}

#[test]
fn a_long_huddle_sheet_repeats_its_header_and_numbers_every_page() {
    let (mut t, _) = clinic_day(day());
    // 36 more patients booked the same day: the sheet runs over several pages.
    let mut csv = String::from("Date,Time,MRN,Patient,Provider,Visit Type,Dept\n");
    for i in 0..36 {
        let mrn = format!("X-{i:03}");
        add(
            &mut t.store,
            &mrn,
            "Patient",
            &format!("Number{i:03}"),
            "1970-01-01",
        );
        csv.push_str(&format!(
            "{},{:02}:{:02},{mrn},x,Dr. Mei Chen,Follow-up,FM\n",
            day(),
            13 + i / 12,
            (i % 12) * 5
        ));
    }
    import(&mut t.store, &csv);
    let printed = print(&t.store, Printout::Huddle, PrintRequest::default());
    qpdf_ok(&printed.bytes);
    let pages = pages_of(&pdfinfo(&printed.bytes));
    assert!(
        pages >= 3,
        "40 patients with room to write take several pages, got {pages}"
    );
    assert_eq!(printed.pages, pages);
    for n in 1..=pages {
        let text = pdftotext(&printed.bytes, Some((n, n)));
        assert!(
            text.contains(&format!("Page {n} of {pages}")),
            "page {n}:\n{text}"
        );
        assert!(
            text.contains("Provider / visit") && text.contains("Prep"),
            "header on page {n}"
        );
        assert!(text.contains("Confidential"), "footer on page {n}");
    }
    // Every patient is on the sheet exactly once: no row lost or split.
    let all = pdftotext(&printed.bytes, None);
    for i in 0..36 {
        assert_eq!(
            all.matches(&format!("Number{i:03}")).count(),
            1,
            "Number{i:03}"
        );
    }
}

#[test]
fn previsit_agendas_give_each_patient_their_own_page_with_prep_and_trends() {
    let (t, _) = clinic_day(day());
    let printed = print(&t.store, Printout::Agenda, PrintRequest::default());
    qpdf_ok(&printed.bytes);
    save_render(&printed.bytes, "previsit-agenda.pdf");
    let info = pdfinfo(&printed.bytes);
    assert!(info.contains("612 x 792 pts"), "portrait letter: {info}");
    let pages = pages_of(&info);
    assert!(pages >= NAMES.len(), "{pages}");
    // Page n starts patient n (in appointment order).
    let first = pdftotext(&printed.bytes, Some((1, 1)));
    assert!(first.contains("José Nuñez"), "{first}");
    assert!(first.contains("Prepare") && first.contains("Trend over the last 12 months"));
    assert!(
        first.contains("PHQ-9 at check-in"),
        "PHQ-9 taken 2 months ago is overdue: {first}"
    );
    let text = pdftotext(&printed.bytes, None);
    assert!(text.contains(&format!("Page 2 of {pages}")));
    for (first, last) in NAMES {
        assert!(text.contains(&format!("{first} {last}")), "{first} {last}");
    }
}

#[test]
fn patient_summary_and_one_patients_agenda() {
    let (t, ids) = clinic_day(day());
    let summary = print(
        &t.store,
        Printout::Summary,
        PrintRequest {
            patient_id: Some(ids[2].clone()),
            ..PrintRequest::default()
        },
    );
    qpdf_ok(&summary.bytes);
    save_render(&summary.bytes, "patient-summary.pdf");
    assert!(summary.pages <= 2, "a page or two, got {}", summary.pages);
    assert!(
        !summary.file_name.contains("Петрова"),
        "no name in the file name: {}",
        summary.file_name
    );
    let text = pdftotext(&summary.bytes, None);
    for needle in [
        "Patient summary",
        "Нина Петрова",
        "MRN-102",
        "COMPASS",
        "Programs",
        "148/92",
    ] {
        assert!(text.contains(needle), "{needle:?}:\n{text}");
    }
    let agenda = print(
        &t.store,
        Printout::Agenda,
        PrintRequest {
            patient_id: Some(ids[3].clone()),
            ..PrintRequest::default()
        },
    );
    let text = pdftotext(&agenda.bytes, None);
    assert!(text.contains("Nguyễn") && !text.contains("Nuñez"), "{text}");
    // One patient's agenda still shows the day's appointment (regression: it said
    // "None booked today").
    assert!(text.contains("12:45 · Dr. Ana Ruiz"), "{text}");
    assert!(!text.contains("None booked"), "{text}");
}

#[test]
fn summary_without_a_patient_is_refused_with_a_message() {
    let (t, _) = clinic_day(day());
    let err = caseload::printouts::print(&t.store, Printout::Summary, &PrintRequest::default())
        .unwrap_err();
    assert!(err.to_string().contains("Choose the patient"), "{err}");
}

#[test]
fn case_review_agenda_lists_who_is_not_improving_with_a_line_to_write_on() {
    // PHQ-9 18 → 14 after four months active: not improving, so on the review list.
    let (t, _) = clinic_day(day());
    let printed = print(&t.store, Printout::Review, PrintRequest::default());
    qpdf_ok(&printed.bytes);
    save_render(&printed.bytes, "case-review-agenda.pdf");
    let text = pdftotext(&printed.bytes, None);
    for needle in [
        "Case review agenda",
        "Attendees",
        "Consulting psychiatrist",
        "Not improving",
        "Psychiatrist's recommendation",
    ] {
        assert!(text.contains(needle), "{needle:?}:\n{text}");
    }
    for (first, last) in NAMES {
        assert!(
            text.contains(&format!("{first} {last}")),
            "{first} {last}:\n{text}"
        );
    }
    assert_eq!(
        text.matches("Psychiatrist's recommendation").count(),
        NAMES.len()
    );
}

#[test]
fn referral_slip_prints_where_to_go_in_large_print() {
    let (mut t, ids) = clinic_day(day());
    let package = crate::resources::pantry();
    crate::resources::apply(&mut t.store, package.dir.path());
    let referral = caseload::referrals::add(
        &mut t.store,
        &caseload::referrals::ReferralDraft {
            patient_id: ids[0].clone(),
            service_id: crate::resources::SVC.into(),
            need_category: "food-insecurity".into(),
            stale_reason: "Called them last week".into(),
            ..caseload::referrals::ReferralDraft::default()
        },
    )
    .unwrap();
    let printed = print(
        &t.store,
        Printout::Referral,
        PrintRequest {
            patient_id: Some(ids[0].clone()),
            ..PrintRequest::default()
        },
    );
    qpdf_ok(&printed.bytes);
    save_render(&printed.bytes, "referral-slip.pdf");
    let text = pdftotext(&printed.bytes, None);
    for needle in [
        "Your referral",
        "For José Nuñez",
        "Harbor Food Pantry",
        "(415) 555-0100",
        "12 Pier Rd",
        "What to bring",
    ] {
        assert!(text.contains(needle), "{needle:?}:\n{text}");
    }
    let by_id = print(
        &t.store,
        Printout::Referral,
        PrintRequest {
            referral_id: Some(referral.id),
            ..PrintRequest::default()
        },
    );
    assert!(pdftotext(&by_id.bytes, None).contains("Harbor Food Pantry"));
}
