//! Reading schedule files: every kind of bad row with its line, column and reason;
//! ISO and US dates, AM/PM times, datetimes in one column; semicolons, a BOM, CRLF
//! and quoted line breaks; and the file-level errors (no file, an empty file, a
//! mapped column missing from the header or there twice).

use caseload::ErrorCode;
use caseload::schedule::{self, Mapping};

use super::*;
use crate::harness::{TestStore, err, fields_of};

/// A report's bad rows as (line, column, why).
fn bad(report: &ImportReport) -> Vec<(u64, Option<&str>, &str)> {
    report
        .bad_rows
        .iter()
        .map(|b| (b.line, b.column.as_deref(), b.why.as_str()))
        .collect()
}

#[test]
fn schedule_every_kind_of_bad_row_has_its_line_column_and_reason() {
    let mut t = TestStore::new();
    three_patients(&mut t.store);
    let o = appointments(&t.store);
    let report = preview(&t.store, &fixture("bad-rows.csv"), &o);
    let got = bad(&report);
    let expect: [(u64, Option<&str>, &str); 9] = [
        (3, Some("Date"), "the date is missing"),
        (4, Some("MRN"), "the MRN is missing"),
        (
            5,
            Some("Date"),
            "\"13/45/2026\" is not a date; use YYYY-MM-DD or MM/DD/YYYY",
        ),
        (
            6,
            Some("Date"),
            "\"2026-02-30\" is not a day on the calendar (February 2026 has 28 days)",
        ),
        (
            7,
            Some("Time"),
            "\"25:00\" is not a time; use HH:MM (24-hour) or h:mm AM/PM",
        ),
        (
            8,
            None,
            "this line has 4 values but the header has 7 (too few",
        ),
        (
            9,
            None,
            "this line has 8 values but the header has 7 (too many",
        ),
        (10, Some("MRN"), "text follows the closing quote"),
        // The quote opened on line 13 is never closed: line 14 went into its value.
        (
            13,
            Some("Dept"),
            "a value opens with a quote (\") that is never closed, so the lines 13–14",
        ),
    ];
    assert_eq!(got.len(), expect.len(), "{got:#?}");
    for (g, e) in got.iter().zip(&expect) {
        assert_eq!((g.0, g.1), (e.0, e.1), "{g:?}");
        assert!(
            g.2.starts_with(e.2),
            "line {}: {:?} should start {:?}",
            g.0,
            g.2,
            e.2
        );
    }
    // Lines 11–12 are one good row (a visit type with a line break); line 13 after it
    // is numbered as the file's own line 13.
    assert_eq!(report.rows, 11);
    assert_eq!(report.appointments, 2);
    assert_eq!(report.matched, 2);
    assert_eq!(
        report.days,
        [schedule::DayChange {
            day: day("2026-03-02"),
            added: 2,
            removed: 0,
            unchanged: 0
        }]
    );
}

#[test]
fn schedule_iso_and_us_dates_and_am_pm_times() {
    let mut t = TestStore::new();
    let [a1, a2, a3] = three_patients(&mut t.store);
    let o = appointments(&t.store);
    let report = apply_text(
        &mut t.store,
        "Date,Time,MRN,Patient,Provider,Visit Type,Dept\n\
         2026-03-02,9:05 AM,A1,,,,\n\
         3/2/2026,1:30pm,A2,,,,\n\
         03/02/2026,12:15 am,A3,,,,\n\
         2026-3-3,14:45:59,A1,,,,\n\
         03/03/2026,,A2,,,,\n\
         3/3/2026 0:00,,A3,,,,\n",
        &o,
    );
    assert!(report.bad_rows.is_empty(), "{:?}", report.bad_rows);
    assert_eq!(
        coming(&t.store, "2026-03-02"),
        [
            (Some("00:15".into()), a3.clone()),
            (Some("09:05".into()), a1.clone()),
            (Some("13:30".into()), a2.clone()),
        ]
    );
    // A date column's own midnight is not an appointment time: the time comes from
    // the Time column, which is empty on those rows; no time sorts last.
    assert_eq!(
        coming(&t.store, "2026-03-03"),
        [(Some("14:45".into()), a1), (None, a2), (None, a3)]
    );
}

#[test]
fn schedule_a_datetime_column_gives_both_date_and_time() {
    let mut t = TestStore::new();
    let [a1, a2, _] = three_patients(&mut t.store);
    let o = own(Mapping {
        date: "When".into(),
        time: Some("when".into()),
        mrn: "MRN".into(),
        ..Mapping::default()
    });
    apply_text(
        &mut t.store,
        "When,MRN\n2026-03-04 9:00 PM,A1\n3/4/2026 7:30 am,A2\n",
        &o,
    );
    assert_eq!(
        coming(&t.store, "2026-03-04"),
        [(Some("07:30".into()), a2), (Some("21:00".into()), a1)]
    );
    // With an offset the moment is converted to the laptop's time zone, as jiff sees it.
    let moment: jiff::Timestamp = "2026-03-05T12:00:00Z".parse().unwrap();
    let local = moment.to_zoned(jiff::tz::TimeZone::system());
    let report = apply_text(&mut t.store, "When,MRN\n2026-03-05T12:00:00Z,A3\n", &o);
    assert_eq!(report.days[0].day, local.date());
    let booked = coming(&t.store, &local.date().to_string());
    assert_eq!(
        booked[0].0.as_deref(),
        Some(local.strftime("%H:%M").to_string().as_str())
    );
}

#[test]
fn schedule_semicolons_bom_crlf_and_a_quoted_line_break() {
    let mut t = TestStore::new();
    let [a1, a2, a3] = three_patients(&mut t.store);
    let o = appointments(&t.store);
    let peeked = schedule::peek(&fixture("spreadsheet.csv"), 10).unwrap();
    assert_eq!(peeked.delimiter, ';');
    assert_eq!(
        peeked.headers[0], "Date",
        "the BOM is not part of the header"
    );
    assert_eq!(peeked.suggested.as_deref(), Some("appointments"));
    assert_eq!(peeked.rows[1][5], "BP check; bring cuff\r\nand log");
    let report = schedule::apply(
        &mut t.store,
        &fixture("spreadsheet.csv"),
        &ImportOptions {
            skip_bad_rows: true,
            ..o
        },
    )
    .unwrap();
    // The quoted value spans lines 3–4, so the bad date is on line 5.
    assert_eq!(
        bad(&report),
        [(
            5,
            Some("Date"),
            "\"02/30/2026\" is not a day on the calendar (February 2026 has 28 days)"
        )]
    );
    assert_eq!((report.rows, report.appointments), (4, 3));
    // Cy's "No Show" is imported, but he is not coming in.
    assert_eq!(
        coming(&t.store, "2026-03-02"),
        [(Some("09:05".into()), a1), (Some("13:30".into()), a2)]
    );
    let statuses: Vec<(String, Option<String>, bool)> = {
        let conn = t.store.sql_for_tests();
        let mut stmt = conn
            .prepare("SELECT patient_id, status, cancelled FROM appointments ORDER BY time")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(statuses[0], (a3, Some("No Show".into()), true));
}

#[test]
fn schedule_a_mapped_column_missing_from_the_header_is_refused_by_name() {
    let mut t = TestStore::new();
    three_patients(&mut t.store);
    let text = b"Date,Time,MRN,Patient,Provider,Dept\n2026-03-02,09:00,A1,,,\n";
    // The built-in preset may miss its optional Status column, not its Visit Type.
    let e = err(schedule::preview_bytes(
        &t.store,
        "x.csv",
        text,
        &appointments(&t.store),
    ));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        ["mapping.visit_type"]
    );
    assert_eq!(
        e.to_string(),
        "The column \"Visit Type\" (visit type) is not in this file's header: Date, Time, MRN, \
         Patient, Provider, Dept."
    );
    // A coordinator's own mapping means every column it names, Status included.
    let mine = own(Mapping {
        status: Some("Status".into()),
        ..appointments(&t.store).mapping
    });
    let e = err(schedule::preview_bytes(
        &t.store,
        "x.csv",
        b"Date,Time,MRN,Patient,Provider,Visit Type,Dept\n",
        &mine,
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["mapping.status"]);
    // A mapped column there twice cannot be read; an unmapped one twice is harmless.
    let e = err(schedule::preview_bytes(
        &t.store,
        "x.csv",
        b"Date,MRN,mrn,Note,Note\n2026-03-02,A1,A1,a,b\n",
        &own(Mapping {
            date: "Date".into(),
            mrn: "MRN".into(),
            ..Mapping::default()
        }),
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["mapping.mrn"]);
    assert!(e.to_string().contains("appears 2 times"), "{e}");
    let ok = schedule::preview_bytes(
        &t.store,
        "x.csv",
        b"Date,MRN,Note,Note\n2026-03-02,A1,a,b\n",
        &own(Mapping {
            date: "Date".into(),
            mrn: "MRN".into(),
            ..Mapping::default()
        }),
    )
    .unwrap();
    assert_eq!(ok.matched, 1);
}

#[test]
fn schedule_file_level_problems_are_errors_about_the_file() {
    let mut t = TestStore::new();
    let o = appointments(&t.store);
    let missing = t.tmp.path().join("nowhere.csv");
    let e = err(schedule::preview(&t.store, &missing, &o));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["file"]);
    assert!(e.to_string().contains("There is no file at"), "{e}");
    for empty in [&b""[..], b"\xEF\xBB\xBF", b"\r\n\r\n"] {
        let e = err(schedule::apply_bytes(&mut t.store, "empty.csv", empty, &o));
        assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["file"]);
        assert!(e.to_string().contains("empty.csv is empty"), "{e}");
    }
    let e = err(schedule::preview_bytes(
        &t.store,
        "latin1.csv",
        b"Date,Time,MRN,Patient,Provider,Visit Type,Dept\n2026-03-02,09:00,A1,Jos\xe9,,,\n",
        &o,
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["file"]);
    assert!(e.to_string().contains("not UTF-8 text"), "{e}");
    // A mapping without a date or an MRN column is refused before any file is read.
    let e = err(schedule::preview_bytes(
        &t.store,
        "x.csv",
        b"",
        &own(Mapping::default()),
    ));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        ["mapping.date", "mapping.mrn"]
    );
    assert_eq!(crate::harness::count(&t.store, "schedule_imports"), 0);
}
