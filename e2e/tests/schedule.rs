//! End-to-end: the clinic's schedule in, the huddle sheet out. A store prepared with
//! the `caseload` CLI holds three patients (one active in COMPASS with a PHQ-9 older
//! than 30 days); the real window imports an appointment export through the mapping
//! step and the dry run (one row matches nobody and is not imported, one is bad and is
//! left out), Coming in lists the three with their prep items, and the huddle sheet is
//! saved through the native GTK save dialog, which `xdotool` types a path into as a
//! person would.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::ToSpan;
use support::*;

const PASSPHRASE: &str = "heron quarry velvet 58";

/// The patients on the caseload (MRN, first, last, birth date); all are in the file.
const PATIENTS: [(&str, &str, &str, &str); 3] = [
    ("E2E-501", "Marisol", "Quintero", "1971-04-12"),
    ("E2E-502", "Desmond", "Achebe", "1958-11-03"),
    ("E2E-503", "Ingrid", "Solberg", "1966-02-27"),
];

/// The row of the file whose MRN matches nobody here.
const STRANGER: (&str, &str) = ("E2E-999", "Zelinski");

/// The CLI on the store in `dir`, with this test's passphrase.
fn caseload(dir: &Path, args: &[&str]) -> Result<String, Box<dyn std::error::Error>> {
    run_cli(dir, PASSPHRASE, args)
}

/// The store, as a coordinator would set it up from the command line: Marisol active in
/// COMPASS for ten weeks with her last PHQ-9 45 days ago, so the visit asks for a PHQ-9
/// at check-in.
fn prepared_store(dir: &Path, today: jiff::civil::Date) -> TestResult {
    caseload(dir, &["init"])?;
    for (mrn, first, last, dob) in PATIENTS {
        caseload(
            dir,
            &[
                "patients", "add", "--mrn", mrn, "--first", first, "--last", last, "--dob", dob,
            ],
        )?;
    }
    let activated = today.checked_sub(70.days())?.to_string();
    let phq9_on = today.checked_sub(45.days())?.to_string();
    caseload(
        dir,
        &[
            "enroll",
            "--mrn",
            "E2E-501",
            "--program",
            "compass",
            "--status",
            "active",
            "--date",
            &activated,
        ],
    )?;
    caseload(
        dir,
        &[
            "measures",
            "add",
            "--mrn",
            "E2E-501",
            "--date",
            &phq9_on,
            "--phq9",
            "2,2,2,1,1,1,2,1,0",
        ],
    )?;
    Ok(())
}

/// The EHR's export: today's appointments of the three, one of a stranger and a bad row.
fn schedule_file(dir: &Path, today: jiff::civil::Date) -> Result<PathBuf, std::io::Error> {
    let mut text = String::from("Date,Time,MRN,Patient,Provider,Visit Type,Dept\n");
    let times = ["09:00", "09:40", "10:20"];
    for ((mrn, first, last, _), time) in PATIENTS.iter().zip(times) {
        text.push_str(&format!(
            "{today},{time},{mrn},\"{last}, {first}\",Dr. Okafor,Follow-up,Internal Medicine\n"
        ));
    }
    text.push_str(&format!(
        "{today},11:00,{},\"{}, Tomasz\",Dr. Okafor,New patient,Internal Medicine\n",
        STRANGER.0, STRANGER.1
    ));
    // A row the EHR garbled: reported as bad, left out once the coordinator says so.
    text.push_str(
        "tomorrow-ish,11:30,E2E-502,\"Achebe, Desmond\",Dr. Okafor,Follow-up,Internal Medicine\n",
    );
    let path = dir.join("appointments.csv");
    std::fs::write(&path, text)?;
    Ok(path)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the desktop app; run with `make e2e`"]
async fn import_the_schedule_and_save_the_huddle_sheet() -> TestResult {
    within(Duration::from_secs(240), schedule_to_huddle_sheet()).await
}

async fn schedule_to_huddle_sheet() -> TestResult {
    let today = caseload::dates::today();
    let data = tempfile::tempdir()?;
    let files = tempfile::tempdir()?;
    prepared_store(data.path(), today)?;
    let csv = schedule_file(files.path(), today)?;
    let driver = Driver::start(data.path()).await?;
    let app = driver.launch().await?;
    type_into(&app, "#passphrase", PASSPHRASE).await?;
    click(&app, "#unlock").await?;
    wait_for(&app, "#today").await?;
    wait_for_text(&app, "#coming-in-empty", "import the schedule").await?;

    step("choose the file by typing its path");
    click(&app, "#schedule-import").await?;
    type_into(&app, "#schedule-path", &csv.display().to_string()).await?;
    click(&app, "#schedule-file-next").await?;

    step("the mapping step: preset appointments, the file's rows in the preview");
    wait_for(&app, "#schedule-preview").await?;
    set_value(&app, "#schedule-preset", "appointments").await?;
    wait_for_text(&app, "#schedule-preset-hint", "appointment report").await?;
    let preview = wait_for_text(&app, "#schedule-preview", "Quintero, Marisol").await?;
    assert!(preview.contains(STRANGER.0), "{preview}");
    // Every column of this file is mapped (it has no Status), each marked with its field.
    let marked = app
        .find_all(fantoccini::Locator::Css("#schedule-preview th.mapped"))
        .await?;
    assert_eq!(marked.len(), 7, "mapped columns");
    let header = wait_for_text(&app, "#schedule-preview thead", "Visit Type").await?;
    assert!(header.contains("Department / location"), "{header}");
    screenshot(&app, "70-schedule-mapping").await?;

    step("the dry run: one row matches nobody");
    click(&app, "#schedule-mapping-next").await?;
    let counts = wait_for_text(&app, "#schedule-counts", "1 matching nobody").await?;
    assert!(counts.contains("3 of patients on the caseload"), "{counts}");
    let unmatched = wait_for_text(&app, "#schedule-unmatched", STRANGER.0).await?;
    assert!(unmatched.contains(STRANGER.1), "{unmatched}");
    wait_for_text(&app, "#schedule-days", "3").await?;
    let bad = wait_for_text(&app, "#schedule-bad-rows", "tomorrow-ish").await?;
    assert!(bad.contains('6'), "the bad row's line: {bad}");
    screenshot(&app, "71-schedule-dry-run").await?;

    step("bad rows stop the import until they are left out");
    let confirm = wait_for(&app, "#schedule-import-confirm").await?;
    assert!(
        !confirm.is_enabled().await?,
        "Import waits for the bad rows' decision"
    );
    click(&app, "#schedule-skip-bad").await?;

    step("import: Coming in lists the three with their prep");
    click(&app, "#schedule-import-confirm").await?;
    wait_gone(&app, "#schedule-import-dialog").await?;
    let notice = wait_for_text(&app, "#coming-in-notice", "Imported appointments.csv").await?;
    assert!(notice.contains("1 bad row"), "{notice}");
    let list = wait_for_text(&app, "#coming-in-list", "PHQ-9 at check-in").await?;
    for (_, first, last, _) in PATIENTS {
        assert!(list.contains(&format!("{last}, {first}")), "{list}");
    }
    assert!(
        !list.contains(STRANGER.1),
        "the stranger is not coming in: {list}"
    );
    assert!(list.contains("COMPASS"), "{list}");
    screenshot(&app, "72-coming-in").await?;

    step("Huddle sheet → Save PDF…: the native save dialog");
    let pdf = files.path().join("huddle.pdf");
    click(&app, "#print-huddle .print-trigger").await?;
    click(&app, "#print-huddle .print-save").await?;
    save_dialog("Save the huddle sheet", &pdf).await?;
    wait_for_text(&app, "#coming-in-notice", "Saved the huddle sheet").await?;
    screenshot(&app, "73-huddle-saved").await?;

    step("the PDF names the three and not the stranger");
    let bytes = std::fs::read(&pdf)?;
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let text = pdf_text(&pdf)?;
    for (_, first, last, _) in PATIENTS {
        assert!(
            text.contains(&format!("{first} {last}")),
            "{last} missing: {text}"
        );
    }
    assert!(
        !text.contains(STRANGER.1),
        "the stranger is on the sheet: {text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&pdf)?.permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the PDF is readable by its owner only");
    }

    step("the patient page prints a summary and an agenda; Esc closes only the menu");
    click(&app, "#coming-in-list .visit .patient-link").await?;
    wait_for_text(&app, "#patient-name", "Quintero").await?;
    click(&app, "#print-summary .print-trigger").await?;
    wait_for(&app, "#print-summary .print-save").await?;
    screenshot(&app, "74-patient-print-menu").await?;
    app.active_element().await?.send_keys("\u{E00C}").await?;
    wait_gone(&app, "#print-summary [role=menu]").await?;
    wait_for(&app, "#patient-name").await?;

    step("Settings → Printouts: the clinic's name");
    click(&app, "[data-nav=settings]").await?;
    // The field is enabled once the saved settings have loaded into it.
    wait_for(&app, "#field-clinic_name:enabled").await?;
    type_into(&app, "#field-clinic_name", "Riverside Family Clinic").await?;
    click(&app, "#print-settings-save").await?;
    wait_for_text(&app, "#print-settings-notice", "Saved").await?;
    screenshot(&app, "75-settings-printouts").await?;

    step("the case review prints its agenda for the date shown");
    click(&app, "[data-nav=review]").await?;
    click(&app, "#print-review .print-trigger").await?;
    wait_for(&app, "#print-review .print-send").await?;
    screenshot(&app, "76-review-print-menu").await?;
    Ok(())
}
