//! End-to-end: data safety in the real window. The app runs with a short automatic
//! lock (8 seconds, through the environment override; the setting's shortest is a
//! minute). A wrong passphrase is refused, the right one opens the store; the
//! coordinator opens a patient, starts a contact note and stops touching the laptop:
//! the app locks by itself, shows only the unlock form with nothing of the patient on
//! it, and unlocking returns to the same patient with the note's draft offered back.
//! Ctrl L locks too. In Settings, the Audit view lists the wrong passphrase, the
//! unlocks and the record opened, and "Verify audit trail" says the chain holds.

mod support;

use std::path::Path;
use std::time::Duration;

use support::*;

const PASSPHRASE: &str = "lantern meadow copper 58";
const MRN: &str = "E2E-801";
const IDLE_SECONDS: &str = "8";

fn caseload(dir: &Path, args: &[&str]) -> Result<String, Box<dyn std::error::Error>> {
    run_cli(dir, PASSPHRASE, args)
}

fn prepared_store(dir: &Path) -> TestResult {
    caseload(dir, &["init"])?;
    caseload(
        dir,
        &[
            "patients",
            "add",
            "--mrn",
            MRN,
            "--first",
            "Odalys",
            "--last",
            "Lockwood",
            "--dob",
            "1962-04-09",
        ],
    )?;
    Ok(())
}

/// Everything the window shows, as text.
async fn page_text(app: &fantoccini::Client) -> Result<String, Box<dyn std::error::Error>> {
    Ok(app
        .execute("return document.body.innerText", vec![])
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the desktop app; run with `make e2e`"]
async fn the_app_locks_itself_and_unlocking_returns_to_the_patient() -> TestResult {
    within(Duration::from_secs(240), auto_lock()).await
}

async fn auto_lock() -> TestResult {
    let data = tempfile::tempdir()?;
    prepared_store(data.path())?;
    let driver =
        Driver::start_with(data.path(), &[("CASELOAD_AUTO_LOCK_SECONDS", IDLE_SECONDS)]).await?;
    let app = driver.launch().await?;

    step("a wrong passphrase is refused; the right one opens the store");
    type_into(&app, "#passphrase", "not the passphrase at all 1").await?;
    click(&app, "#unlock").await?;
    wait_for_text(&app, "#unlock-form", "does not open").await?;
    set_value(&app, "#passphrase", "").await?;
    type_into(&app, "#passphrase", PASSPHRASE).await?;
    click(&app, "#unlock").await?;
    wait_for(&app, "#today").await?;

    step("the store had no backup: one is made after the unlock, beside the store");
    let backups = data.path().join("backups");
    let started = std::time::Instant::now();
    let made = loop {
        let found: Vec<_> = std::fs::read_dir(&backups)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        if let Some(name) = found
            .iter()
            .find(|n| n.starts_with("caseload-backup-") && n.ends_with(".db"))
        {
            break name.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no backup after unlocking: {found:?}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    step(&format!("backup {made}"));

    step("open the patient and start a contact note");
    click(&app, "[data-nav=caseload]").await?;
    wait_for_text(&app, "#caseload-table tbody", "Lockwood, Odalys").await?;
    click(&app, "#caseload-table .patient-link").await?;
    wait_for_text(&app, "#patient-name", "Lockwood").await?;
    click(&app, "#log-contact").await?;
    wait_for(&app, "#contact-form").await?;
    let note = "Asked about the walking group; call back after her daughter visits.";
    type_into(&app, "#field-note", note).await?;

    step("no input: the app locks by itself");
    // Still open well before the idle period ends.
    tokio::time::sleep(Duration::from_secs(4)).await;
    let early = page_text(&app).await?;
    assert!(early.contains("Lockwood"), "locked too early: {early}");
    // Then no WebDriver call while the lock reloads the page (a command caught by the
    // reload ends the WebDriver session as if the page had crashed).
    tokio::time::sleep(Duration::from_secs(8)).await;
    wait_for(&app, "#unlock-form").await?;
    let shown = page_text(&app).await?;
    for phi in ["Lockwood", "Odalys", MRN, "walking group"] {
        assert!(!shown.contains(phi), "{phi:?} still on screen: {shown}");
    }
    let html = app.source().await?;
    for phi in ["Lockwood", MRN, "walking group"] {
        assert!(!html.contains(phi), "{phi:?} still in the page: {html}");
    }
    screenshot(&app, "80-locked-by-itself").await?;

    step("unlocking returns to the patient, with the note's draft");
    type_into(&app, "#passphrase", PASSPHRASE).await?;
    click(&app, "#unlock").await?;
    wait_for_text(&app, "#patient-name", "Lockwood").await?;
    click(&app, "#log-contact").await?;
    wait_for(&app, "#draft-restored").await?;
    let restored = app
        .execute("return document.querySelector('#field-note').value", vec![])
        .await?;
    assert_eq!(restored, serde_json::json!(note));
    app.active_element().await?.send_keys("\u{E00C}").await?; // Esc keeps the draft
    wait_gone(&app, "#contact-form").await?;

    step("Ctrl L locks at once");
    app.active_element()
        .await?
        .send_keys("\u{E009}l\u{E000}")
        .await?;
    wait_for(&app, "#unlock-form").await?;
    type_into(&app, "#passphrase", PASSPHRASE).await?;
    click(&app, "#unlock").await?;
    wait_for_text(&app, "#patient-name", "Lockwood").await?;

    step("Settings: the backup made at unlock, and the audit trail");
    click(&app, "[data-nav=settings]").await?;
    let last = wait_for_text(&app, "#backup-status", "ago").await?;
    assert!(!last.contains("No backup"), "{last}");
    // Listed by when it was taken (the file name is for the folder, not the coordinator).
    wait_for_text(&app, "#backups-list", "Restore…").await?;
    app.execute(
        "document.querySelector('#backup-settings').scrollIntoView()",
        vec![],
    )
    .await?;
    screenshot(&app, "82-settings-backups").await?;
    let entries = wait_for_text(&app, "#audit-entries", "Opened a record").await?;
    assert!(entries.contains("Wrong passphrase"), "{entries}");
    assert!(entries.contains("Unlocked"), "{entries}");
    assert!(entries.contains("Lockwood"), "{entries}");
    assert!(entries.contains("Backed up"), "{entries}");
    click(&app, "#audit-verify").await?;
    let verified = wait_for_text(&app, "#audit-verified", "intact").await?;
    assert!(verified.contains("every link holds"), "{verified}");
    app.execute(
        "document.querySelector('#audit-trail').scrollIntoView()",
        vec![],
    )
    .await?;
    screenshot(&app, "81-settings-audit-trail").await?;

    app.close().await?;
    driver.stop();
    Ok(())
}
