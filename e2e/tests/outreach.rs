//! End-to-end: a coordinator's morning on Today — a discharge follow-up from the
//! hospital stay to the reached call that settles it, three unreached calls that call
//! for a letter, and a contact note that survives the window being closed.

mod support;

use std::time::Duration;

use fantoccini::{Client, Locator};
use jiff::ToSpan;
use jiff::civil::Date;
use support::*;

const PASSPHRASE: &str = "orchid tractor lantern 42";

fn today() -> Date {
    caseload::dates::today()
}

fn days_ago(days: i64) -> String {
    (today() - days.days()).to_string()
}

/// Registers a patient and starts an active COMPASS episode 60 days ago; leaves the
/// patient page open.
async fn active_patient(app: &Client, first: &str, last: &str, mrn: &str) -> TestResult {
    click(app, "[data-nav=caseload]").await?;
    register_patient(app, first, last, mrn, "1961-04-12").await?;
    wait_for_text(app, "#patient-name", last).await?;
    click(app, "#enroll-button").await?;
    set_value(app, "#field-status", "active").await?;
    set_value(app, "#field-on", &days_ago(60)).await?;
    click(app, "#enroll-submit").await?;
    wait_for(
        app,
        ".episode[data-program=compass] .badge[data-status=active]",
    )
    .await?;
    Ok(())
}

/// Logs a phone contact from the open patient page.
async fn log_call(app: &Client, at: &str, outcome: &str) -> TestResult {
    click(app, "#log-contact").await?;
    wait_for(app, "#contact-form").await?;
    set_value(app, "#field-outcome", outcome).await?;
    set_value(app, "#field-channel", "phone").await?;
    set_value(app, "#field-at", at).await?;
    click(app, "#contact-submit").await?;
    wait_gone(app, "#contact-form").await
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the desktop app; run with `make e2e`"]
async fn discharge_follow_up_and_letter_steps_on_today() -> TestResult {
    within(Duration::from_secs(240), morning()).await
}

async fn morning() -> TestResult {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path()).await?;
    let app = driver.launch().await?;
    type_into(&app, "#new-passphrase", PASSPHRASE).await?;
    type_into(&app, "#confirm-passphrase", PASSPHRASE).await?;
    click(&app, "#create-store").await?;
    step("Today is the start screen");
    wait_for(&app, "#today").await?;
    wait_for(&app, "#worklist-empty").await?;

    step("a hospital stay, discharged 3 days ago");
    active_patient(&app, "Marisol", "Quintero", "E2E-401").await?;
    log_call(&app, &format!("{}T10:00", days_ago(10)), "reached").await?;
    click(&app, "#record-transition").await?;
    wait_for(&app, "#care-transition-form").await?;
    set_value(&app, "#field-kind", "inpatient").await?;
    type_into(&app, "#field-facility", "Riverside General").await?;
    set_value(&app, "#field-admitted_on", &days_ago(6)).await?;
    // A discharge before the admission is refused on its field.
    set_value(&app, "#field-discharged_on", &days_ago(7)).await?;
    click(&app, "#care-transition-submit").await?;
    wait_for_text(&app, "#field-discharged_on-error", "before the admission").await?;
    set_value(&app, "#field-discharged_on", &days_ago(3)).await?;
    type_into(&app, "#field-reason", "CHF exacerbation").await?;
    click(&app, "#care-transition-submit").await?;
    wait_gone(&app, "#care-transition-form").await?;
    wait_for_text(&app, "#transitions", "Riverside General").await?;
    let due = caseload::transitions::due_on(today() - 3.days(), 2, &[]);
    wait_for_text(&app, "#follow-up-due", &due.to_string()).await?;
    screenshot(&app, "40-patient-outreach-panel").await?;

    step("the follow-up is on Today with its due date");
    click(&app, "[data-nav=today]").await?;
    let line = wait_for_text(
        &app,
        "#worklist .work-item[data-kind=discharge-follow-up]",
        "Quintero",
    )
    .await?;
    assert!(line.contains(&due.to_string()), "{line}");
    screenshot(&app, "41-today-discharge-follow-up").await?;

    step("log a reached phone call from the worklist, keyboard only");
    use fantoccini::key::Key;
    let body = app.find(Locator::Css("body")).await?;
    body.send_keys("c").await?;
    wait_for(&app, "#contact-form").await?;
    set_value(&app, "#field-outcome", "reached").await?;
    type_into(&app, "#field-note", "Home since Friday; meds reconciled.").await?;
    click(&app, "#contact-submit").await?;
    wait_gone(&app, "#contact-form").await?;
    wait_gone(&app, "#worklist .work-item[data-kind=discharge-follow-up]").await?;

    step("three unreached calls on three days ask for a letter");
    active_patient(&app, "Tomasz", "Wojcik", "E2E-402").await?;
    for (days, outcome) in [(5, "no-answer"), (4, "voicemail"), (2, "no-answer")] {
        log_call(&app, &format!("{}T09:30", days_ago(days)), outcome).await?;
    }
    wait_for_text(&app, "#outreach-status", "letter").await?;
    click(&app, "[data-nav=today]").await?;
    let letter = wait_for_text(
        &app,
        "#worklist .work-item[data-kind=send-letter]",
        "Wojcik",
    )
    .await?;
    assert!(letter.contains("3 unreached"), "{letter}");
    screenshot(&app, "42-today-send-a-letter").await?;
    body.send_keys(&Key::Down.to_string()).await?;

    step("clinic holidays in Settings: a bad line is named, a good list is saved");
    click(&app, "[data-nav=settings]").await?;
    // The list is read from the store first; until then the field is disabled, and a
    // value set sooner would be replaced by the saved list.
    wait_for(&app, "#field-holidays:not([disabled])").await?;
    set_value(&app, "#field-holidays", "2026-12-25\nChristmas").await?;
    click(&app, "#holidays-save").await?;
    wait_for_text(&app, "#field-holidays-error", "Christmas").await?;
    set_value(&app, "#field-holidays", "2026-12-25\n2027-01-01").await?;
    click(&app, "#holidays-save").await?;
    wait_for_text(&app, "#holidays-notice", "2 holidays").await?;
    app.execute(
        "document.querySelector('#holidays').scrollIntoView({block: 'start'});",
        vec![],
    )
    .await?;
    screenshot(&app, "44-clinic-holidays").await?;
    app.close().await?;
    driver.stop();
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the desktop app; run with `make e2e`"]
async fn a_contact_note_survives_closing_the_window() -> TestResult {
    within(Duration::from_secs(180), draft_survives()).await
}

async fn draft_survives() -> TestResult {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path()).await?;
    let app = driver.launch().await?;
    type_into(&app, "#new-passphrase", PASSPHRASE).await?;
    type_into(&app, "#confirm-passphrase", PASSPHRASE).await?;
    click(&app, "#create-store").await?;
    wait_for(&app, "#today").await?;
    active_patient(&app, "Ifeoma", "Okonkwo", "E2E-403").await?;

    step("type a note and close the window without saving");
    click(&app, "#log-contact").await?;
    wait_for(&app, "#contact-form").await?;
    let note = "Sister visiting next week; wants to restart walking group.";
    type_into(&app, "#field-note", note).await?;
    // The draft is kept a moment after typing stops.
    tokio::time::sleep(Duration::from_millis(2000)).await;
    app.close().await?;

    step("start again and unlock: the draft is offered back");
    let app = driver.launch().await?;
    type_into(&app, "#passphrase", PASSPHRASE).await?;
    click(&app, "#unlock").await?;
    let offered = wait_for_text(&app, "#drafts", "Okonkwo").await?;
    assert!(offered.contains("Okonkwo"), "{offered}");
    screenshot(&app, "43-today-draft-offered").await?;
    click(&app, "#drafts .draft-open").await?;
    wait_for(&app, "#draft-restored").await?;
    let restored = app
        .execute("return document.querySelector('#field-note').value", vec![])
        .await?;
    assert_eq!(restored, serde_json::json!(note));
    set_value(&app, "#field-outcome", "reached").await?;
    click(&app, "#contact-submit").await?;
    wait_gone(&app, "#contact-form").await?;
    wait_gone(&app, "#drafts .draft-line").await?;
    app.close().await?;
    driver.stop();
    Ok(())
}
