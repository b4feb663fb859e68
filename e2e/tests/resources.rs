//! End-to-end: the community-resource directory with the corpus's real HSDS packages
//! in it. Search as you type finds a service; referring a patient to a service nobody
//! verified lately asks for a verification first; the referral's follow-up lands on
//! Today and leaves it once the patient connected.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use caseload::resources::hsds::{self, ImportChoices, Unwatched};
use fantoccini::Client;
use support::*;

const PASSPHRASE: &str = "orchid tractor lantern 42";

/// The shared corpus next to the repository (`../shared/corpus`), or `CASELOAD_CORPUS`.
fn corpus(name: &str) -> PathBuf {
    let root = std::env::var_os("CASELOAD_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
        PathBuf::from,
    );
    root.join(name)
}

/// A store holding one patient and both corpus packages (the 3.0 one without its four
/// rows whose foreign keys point nowhere upstream).
fn prepared_store(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut store = caseload::Store::create(dir, PASSPHRASE, caseload::programs::seed_builtin)?;
    caseload::patients::add(
        &mut store,
        &caseload::patients::PatientDraft {
            mrn: "E2E-901".into(),
            first_name: "Rosa".into(),
            last_name: "Villanueva".into(),
            birth_date: "1958-09-30".into(),
            ..Default::default()
        },
    )?;
    let skip = ImportChoices {
        skip_bad_rows: true,
        ..ImportChoices::default()
    };
    for package in ["hsds-1.1-sample", "hsds-3.0-examples"] {
        let path = corpus(package);
        assert!(
            path.is_dir(),
            "the corpus package {} is missing",
            path.display()
        );
        hsds::apply(&mut store, &path, &skip, &Unwatched)?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the desktop app; run with `make e2e`"]
async fn search_verify_refer_and_close_the_loop() -> TestResult {
    within(Duration::from_secs(240), referral_loop()).await
}

async fn referral_loop() -> TestResult {
    let data = tempfile::tempdir()?;
    prepared_store(data.path())?;
    let driver = Driver::start(data.path()).await?;
    let app = driver.launch().await?;
    type_into(&app, "#passphrase", PASSPHRASE).await?;
    click(&app, "#unlock").await?;
    wait_for(&app, "#today").await?;

    step("search as you type finds the corpus's helpline from a prefix");
    click(&app, "[data-nav=resources]").await?;
    type_into(&app, "#resource-search", "homel").await?;
    let hit = wait_for_text(
        &app,
        "#resource-results li.resource-hit",
        "Never Homeless Helpline",
    )
    .await?;
    assert!(hit.contains("Never Homeless Helpline"), "{hit}");
    // Nobody has verified the corpus's services here: the result says so at a glance.
    wait_for(&app, "#resource-results li.resource-hit .stale-badge").await?;
    screenshot(&app, "60-resources-search").await?;

    step("the service page shows it is stale");
    click(&app, "#resource-results li.resource-hit button").await?;
    wait_for_text(&app, "#resource-name", "Never Homeless Helpline").await?;
    wait_for(&app, "#resource-detail .stale-badge").await?;
    screenshot(&app, "61-resources-service-page").await?;

    step("referring to a stale service asks to verify first");
    click(&app, "#refer-patient").await?;
    wait_for(&app, "#referral-form").await?;
    wait_for_text(&app, "#stale-warning", "Check this service").await?;
    screenshot(&app, "62-refer-stale-service").await?;
    click(&app, "#stale-verify").await?;
    set_value(&app, "#verify-how", "phone").await?;
    type_into(&app, "#verify-by", "M. Lopez").await?;
    type_into(
        &app,
        "#verify-changes",
        "Hours confirmed; still first come, first served",
    )
    .await?;
    click(&app, "#verify-save").await?;
    wait_gone(&app, "#stale-warning").await?;

    step("refer Rosa, following up today");
    pick_patient(&app, "Villa", "Villanueva").await?;
    set_value(
        &app,
        "#referral-follow-up",
        &caseload::dates::today().to_string(),
    )
    .await?;
    app.find(fantoccini::Locator::Css("#referral-consent"))
        .await?
        .click()
        .await?;
    click(&app, "#referral-save").await?;
    wait_gone(&app, "#referral-form").await?;
    // The page counts the referral, and the verification took the badge away.
    wait_for_text(&app, "#resource-outcomes", "1").await?;
    wait_gone(&app, "#resource-detail .stale-badge").await?;

    step("the follow-up is on Today");
    click(&app, "[data-nav=today]").await?;
    let line = wait_for_text(
        &app,
        "#worklist .work-item[data-kind=referral-follow-up]",
        "Villanueva",
    )
    .await?;
    assert!(line.contains("Never Homeless Helpline"), "{line}");
    screenshot(&app, "63-today-referral-follow-up").await?;

    step("mark it connected: the line is gone");
    click(
        &app,
        "#worklist .work-item[data-kind=referral-follow-up] .action-update-referral",
    )
    .await?;
    wait_for(&app, "#referral-move-form").await?;
    set_value(&app, "#referral-status", "connected").await?;
    click(&app, "#referral-move-save").await?;
    wait_gone(&app, "#referral-move-form").await?;
    wait_gone(&app, "#worklist .work-item[data-kind=referral-follow-up]").await?;
    screenshot(&app, "64-today-referral-closed").await?;
    Ok(())
}

/// Types into the referral form's patient search and picks the patient named `last`.
async fn pick_patient(app: &Client, typed: &str, last: &str) -> TestResult {
    type_into(app, "#referral-patient", typed).await?;
    wait_for_text(app, ".patient-option", last).await?;
    click(app, ".patient-option").await
}
