//! End-to-end: a care plan in the patient's words, from the patient page to Today and
//! back. A store prepared with the `caseload` CLI holds Esperanza, active in COMPASS
//! with a PHQ-9 of 9, and a plan already started (a social concern, a goal on her
//! HbA1c with actions for her PCP and herself, her care team). In the real window the
//! coordinator opens the Care plan tab, adds a concern, a goal in her words with a
//! PHQ-9 target "<5" (her own target from then on), and an action of their own due
//! today; Today lists it and "Mark done" settles it. Back on the tab (remembered), a
//! progress note survives Esc as a draft and is saved, the team and a barrier are
//! added, and an earlier version of the plan opens read only. Last, "Print my care
//! plan" and "Save FHIR bundle…" go through the native GTK save dialog (typed into
//! with `xdotool`), and the files are read back: a PDF with her goal in her words, a
//! FHIR Bundle with it too, both readable by their owner only.

mod support;

use std::path::Path;
use std::time::Duration;

use fantoccini::{Client, Locator};
use jiff::ToSpan;
use jiff::civil::Date;
use support::*;

const PASSPHRASE: &str = "juniper harbour cobalt 73";

const MRN: &str = "E2E-601";

/// The goal, in the patient's words.
const GOAL_WORDS: &str = "Caminar a la iglesia sin pararme";

/// The coordinator's own action under it, due today.
const ACTION: &str = "Llamar a Esperanza: ¿cómo van las caminatas?";

/// The CLI on the store in `dir`, with this test's passphrase.
fn caseload(dir: &Path, args: &[&str]) -> Result<String, Box<dyn std::error::Error>> {
    run_cli(dir, PASSPHRASE, args)
}

/// Esperanza, as a coordinator would have set her up from the command line, with the
/// part of her plan agreed at her last visit.
fn prepared_store(dir: &Path, today: Date) -> TestResult {
    let days = |n: i64| -> Result<String, Box<dyn std::error::Error>> {
        Ok(today.checked_add(n.days())?.to_string())
    };
    caseload(dir, &["init"])?;
    caseload(
        dir,
        &[
            "patients",
            "add",
            "--mrn",
            MRN,
            "--first",
            "Esperanza",
            "--last",
            "Muñoz",
            "--dob",
            "1957-09-14",
            "--sex",
            "female",
            "--language",
            "Spanish",
        ],
    )?;
    caseload(
        dir,
        &[
            "enroll",
            "--mrn",
            MRN,
            "--program",
            "compass",
            "--status",
            "active",
            "--date",
            &days(-70)?,
        ],
    )?;
    for (on, args) in [
        (days(-70)?, ["--phq9", "3,2,2,2,1,2,1,1,0"]),
        (days(-40)?, ["--phq9", "2,2,1,1,1,2,1,1,0"]),
        (days(-14)?, ["--phq9", "2,1,1,1,1,1,1,1,0"]),
        (days(-60)?, ["--a1c", "8.6"]),
        (days(-12)?, ["--a1c", "7.8"]),
    ] {
        let mut all = vec!["measures", "add", "--mrn", MRN, "--date", &on];
        all.extend(args);
        caseload(dir, &all)?;
    }
    let concern = caseload(
        dir,
        &[
            "careplan",
            "concern",
            "add",
            "--mrn",
            MRN,
            "--sdoh",
            "transportation-insecurity",
            "--text",
            "No car since March; the bus does not run on Sundays",
        ],
    )?;
    let goal = caseload(
        dir,
        &[
            "careplan",
            "goal",
            "add",
            "--mrn",
            MRN,
            "--text",
            "Bajar el azúcar para no necesitar insulina",
            "--measure",
            "a1c",
            "--target",
            "<7.5",
            "--due",
            &days(90)?,
            "--concern",
            &concern,
        ],
    )?;
    for (owner, text, due) in [
        (
            "pcp",
            "Review the metformin dose at the next visit",
            days(14)?,
        ),
        (
            "patient",
            "Check sugar before breakfast three days a week",
            String::new(),
        ),
    ] {
        caseload(
            dir,
            &[
                "careplan", "action", "add", "--mrn", MRN, "--goal", &goal, "--owner", owner,
                "--text", text, "--due", &due,
            ],
        )?;
    }
    caseload(
        dir,
        &[
            "careplan",
            "team",
            "add",
            "--mrn",
            MRN,
            "--name",
            "Dr. Amara Okafor",
            "--role",
            "pcp",
            "--phone",
            "(555) 201-4410",
            "--organisation",
            "Riverside Family Clinic",
        ],
    )?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the desktop app; run with `make e2e`"]
async fn a_care_plan_in_the_patients_words_reaches_today() -> TestResult {
    within(Duration::from_secs(300), care_plan()).await
}

async fn care_plan() -> TestResult {
    let today = caseload::dates::today();
    let data = tempfile::tempdir()?;
    prepared_store(data.path(), today)?;
    let driver = Driver::start(data.path()).await?;
    let app = driver.launch().await?;
    type_into(&app, "#passphrase", PASSPHRASE).await?;
    click(&app, "#unlock").await?;
    wait_for(&app, "#today").await?;

    step("open Esperanza; the page opens on Record");
    open_patient(&app).await?;
    wait_for(&app, "#tab-record[aria-selected=true]").await?;
    wait_for(&app, "#outreach").await?;

    step("the tabs answer the arrow keys");
    click(&app, "#tab-record").await?;
    app.active_element().await?.send_keys("\u{E014}").await?; // →
    wait_for(&app, "#tab-careplan[aria-selected=true]").await?;
    wait_for(&app, "#panel-careplan #careplan").await?;
    app.active_element().await?.send_keys("\u{E012}").await?; // ←
    wait_for(&app, "#tab-record[aria-selected=true]").await?;
    click(&app, "#tab-careplan").await?;
    let goals = wait_for_text(&app, "#cp-goals", "Bajar el azúcar").await?;
    assert!(goals.contains("latest 7.8 %"), "{goals}");
    assert!(goals.contains("not met"), "{goals}");

    step("a concern: the form says what is missing next to its field");
    click(&app, "#cp-add-concern").await?;
    click(&app, "#cp-concern-save").await?;
    wait_for(&app, "#cp-concern-kind-error").await?;
    wait_for(&app, "#cp-concern-text-error").await?;
    set_value(&app, "#cp-concern-kind", "behavioural").await?;
    type_into(
        &app,
        "#cp-concern-text",
        "Ánimo bajo desde que perdió el trabajo",
    )
    .await?;
    click(&app, "#cp-concern-save").await?;
    wait_gone(&app, "#cp-concern-dialog").await?;
    wait_for_text(
        &app,
        "#cp-concerns",
        "Ánimo bajo desde que perdió el trabajo",
    )
    .await?;

    step("a goal in her words with a PHQ-9 target; a bare number is refused on its field");
    click(&app, "#cp-add-goal").await?;
    type_into(&app, "#cp-goal-text", GOAL_WORDS).await?;
    set_value(&app, "#cp-goal-measure", "phq9").await?;
    type_into(&app, "#cp-goal-target", "5").await?;
    click(&app, "#cp-goal-save").await?;
    wait_for_text(&app, "#cp-goal-target-error", "comparison").await?;
    screenshot(&app, "80-careplan-goal-form").await?;
    type_into(&app, "#cp-goal-target", "<5").await?;
    click(&app, "#cp-goal-save").await?;
    wait_gone(&app, "#cp-goal-dialog").await?;
    let card = goal_card(&app, GOAL_WORDS).await?;
    let text = card.text().await?;
    assert!(text.contains(&format!("“{GOAL_WORDS}”")), "{text}");
    assert!(text.contains("latest 9"), "{text}");
    assert!(text.contains("not met"), "{text}");
    assert!(
        text.contains("own target — used for flags instead of the program’s"),
        "{text}"
    );

    step("an action for the coordinator, due today");
    card.find(Locator::Css(".cp-add-action"))
        .await?
        .click()
        .await?;
    type_into(&app, "#cp-action-text", ACTION).await?;
    set_value(&app, "#cp-action-owner", "coordinator").await?;
    set_value(&app, "#cp-action-due", &today.to_string()).await?;
    click(&app, "#cp-action-save").await?;
    wait_gone(&app, "#cp-action-dialog").await?;
    let card = goal_card(&app, GOAL_WORDS).await?;
    let text = card.text().await?;
    assert!(text.contains(ACTION), "{text}");
    assert!(text.contains("due today"), "{text}");
    screenshot(&app, "81-careplan-tab").await?;

    step("her own target reaches the registry");
    click(&app, "#tab-record").await?;
    wait_for_text(&app, "#stat-phq9", "own target < 5").await?;
    wait_for_text(
        &app,
        ".targets-from",
        "Targets from COMPASS; own targets from the care plan.",
    )
    .await?;
    // The change history names the plan's changes in words, the goal in hers.
    wait_for_text(
        &app,
        "#patient-history",
        &format!("Care plan: added a goal: “{GOAL_WORDS}”"),
    )
    .await?;
    let chart = wait_for(&app, "#chart-phq9 .target-note").await?;
    assert_eq!(chart.text().await?, "own target");
    app.execute(
        "document.querySelector('#registry').scrollIntoView()",
        vec![],
    )
    .await?;
    screenshot(&app, "82-registry-own-target").await?;
    // The tab chosen last is the one the next patient page opens on.
    click(&app, "#tab-careplan").await?;
    wait_for(&app, "#careplan").await?;

    step("Today lists the action; Mark done settles it");
    click(&app, "[data-nav=today]").await?;
    let line = ".work-item[data-kind=care-plan-action]";
    let shown = wait_for_text(&app, line, ACTION).await?;
    assert!(shown.contains("Care-plan action"), "{shown}");
    assert!(shown.contains(GOAL_WORDS), "{shown}");
    wait_for_text(&app, "#today-counts", "1 care-plan action").await?;
    screenshot(&app, "83-today-care-plan-action").await?;
    click(&app, &format!("{line} .work-action")).await?;
    wait_gone(&app, line).await?;
    wait_for_text(&app, "#today-notice", "Marked done").await?;

    step("back on the patient: the Care plan tab is remembered, the action is done");
    open_patient(&app).await?;
    wait_for(&app, "#tab-careplan[aria-selected=true]").await?;
    let card = goal_card(&app, GOAL_WORDS).await?;
    card.find(Locator::Css(".cp-action[data-status=completed]"))
        .await?;

    step("a progress note survives Esc as a draft, then is saved");
    click(&app, "#cp-add-note").await?;
    let note = "Caminó hasta la esquina sin parar; la próxima semana, hasta la panadería.";
    type_into(&app, "#cp-note-text", note).await?;
    wait_for_text(&app, "#cp-note-draft-status", "kept").await?;
    app.active_element().await?.send_keys("\u{E00C}").await?; // Esc
    wait_gone(&app, "#cp-note-dialog").await?;
    wait_for(&app, "#cp-note-draft").await?;
    app.execute(
        "document.querySelector('#cp-note-draft').scrollIntoView({ block: 'center' })",
        vec![],
    )
    .await?;
    screenshot(&app, "84-careplan-note-draft").await?;
    wait_for_text(&app, "#cp-note-draft", "la panadería").await?;

    step("Today offers the unsaved note back; it opens on the care plan");
    click(&app, "[data-nav=today]").await?;
    let offered = wait_for_text(&app, "#drafts", "care-plan progress note").await?;
    assert!(offered.contains("Muñoz, Esperanza"), "{offered}");
    // The note's opening words are cut to one line, which WebDriver's text leaves out.
    let opening = app
        .execute(
            "return document.querySelector('#drafts .draft-note').textContent",
            vec![],
        )
        .await?;
    assert!(
        opening.as_str().is_some_and(|t| t.contains("la panadería")),
        "{opening}"
    );
    screenshot(&app, "85-today-note-draft").await?;
    click(&app, "#drafts .draft-open").await?;
    wait_for(&app, "#tab-careplan[aria-selected=true]").await?;
    click(&app, "#cp-note-resume").await?;
    wait_for(&app, "#cp-note-restored").await?;
    let kept = app
        .execute(
            "return document.querySelector('#cp-note-text').value",
            vec![],
        )
        .await?;
    assert_eq!(kept, serde_json::json!(note));
    click(&app, "#cp-note-save").await?;
    wait_gone(&app, "#cp-note-dialog").await?;
    wait_for_text(&app, "#cp-notes", "la panadería").await?;
    wait_gone(&app, "#cp-note-draft").await?;

    step("the care team and a barrier");
    click(&app, "#cp-add-member").await?;
    type_into(&app, "#cp-member-name", "Lucía Muñoz").await?;
    set_value(&app, "#cp-member-role", "family").await?;
    type_into(&app, "#cp-member-phone", "(555) 318-2290").await?;
    click(&app, "#cp-member-save").await?;
    wait_gone(&app, "#cp-member-dialog").await?;
    wait_for_text(&app, "#cp-team", "Lucía Muñoz").await?;
    click(&app, "#cp-add-barrier").await?;
    type_into(&app, "#cp-barrier-text", "Le duele la rodilla en la cuesta").await?;
    click(&app, "#cp-barrier-save").await?;
    wait_gone(&app, "#cp-barrier-dialog").await?;
    wait_for_text(&app, "#cp-barriers", "rodilla").await?;
    screenshot(&app, "86-careplan-full").await?;

    step("History: an earlier version opens read only");
    click(&app, "#cp-history summary").await?;
    wait_for_text(&app, "#cp-versions", "Progress note added").await?;
    // The oldest version (the list is newest first): the plan's first concern, added
    // from the command line.
    let views = app
        .find_all(Locator::Css("#cp-versions .cp-version-view"))
        .await?;
    let oldest = views.last().ok_or("no earlier version to view")?.clone();
    oldest.click().await?;
    let old = wait_for_text(&app, "#cp-version-dialog", "version 1").await?;
    assert!(
        !old.contains(GOAL_WORDS),
        "version 1 came before that goal: {old}"
    );
    assert!(
        app.find(Locator::Css("#cp-version-dialog .cp-remove"))
            .await
            .is_err(),
        "an earlier version is read only"
    );
    screenshot(&app, "87-careplan-version").await?;
    app.active_element().await?.send_keys("\u{E00C}").await?;
    wait_gone(&app, "#cp-version-dialog").await?;

    step("the tab from its top, for the README");
    app.execute(
        "document.querySelector('.tabs').scrollIntoView({ block: 'start' })",
        vec![],
    )
    .await?;
    screenshot(&app, "88-careplan-tab-top").await?;

    let files = tempfile::tempdir()?;
    step("Print my care plan → Save PDF…: the native save dialog");
    let pdf = files.path().join("my-care-plan.pdf");
    click(&app, "#print-careplan .print-trigger").await?;
    click(&app, "#print-careplan .print-save").await?;
    save_dialog("Save my care plan", &pdf).await?;
    wait_for_text(&app, "#careplan-notice", "Saved the patient's care plan").await?;
    let bytes = std::fs::read(&pdf)?;
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    assert_owner_only(&pdf)?;
    // Large print wraps; the words are compared with the lines joined.
    let text = pdf_text(&pdf)?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(GOAL_WORDS), "the goal's words: {text}");

    step("Save FHIR bundle…: a Bundle with her goal in her words");
    let json = files.path().join("care-plan.json");
    click(&app, "#cp-fhir-save").await?;
    save_dialog("Save the care plan as a FHIR bundle", &json).await?;
    wait_for_text(&app, "#careplan-notice", "FHIR bundle").await?;
    assert_owner_only(&json)?;
    let bundle: serde_json::Value = serde_json::from_slice(&std::fs::read(&json)?)?;
    assert_eq!(bundle["resourceType"], "Bundle");
    let goals: Vec<&str> = bundle["entry"]
        .as_array()
        .ok_or("a Bundle has entries")?
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "Goal")
        .filter_map(|r| r["description"]["text"].as_str())
        .collect();
    assert!(goals.contains(&GOAL_WORDS), "the Goals: {goals:?}");
    screenshot(&app, "89-careplan-saved").await?;

    app.close().await?;
    driver.stop();
    Ok(())
}

/// Exported PHI is readable by its owner only.
fn assert_owner_only(path: &Path) -> TestResult {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode() & 0o777;
        assert_eq!(
            mode,
            0o600,
            "{} is readable by its owner only",
            path.display()
        );
    }
    Ok(())
}

/// Opens Esperanza from the caseload list.
async fn open_patient(app: &Client) -> TestResult {
    click(app, "[data-nav=caseload]").await?;
    wait_for_text(app, "#caseload-table tbody", "Muñoz, Esperanza").await?;
    click(app, "#caseload-table .patient-link").await?;
    wait_for_text(app, "#patient-name", "Muñoz").await?;
    Ok(())
}

/// The goal card whose words are `words`.
async fn goal_card(
    app: &Client,
    words: &str,
) -> Result<fantoccini::elements::Element, Box<dyn std::error::Error>> {
    wait_for_text(app, "#cp-goals", words).await?;
    for card in app.find_all(Locator::Css("#cp-goals .cp-goal")).await? {
        if card.text().await?.contains(words) {
            return Ok(card);
        }
    }
    Err(format!("no goal card reads {words:?}").into())
}
