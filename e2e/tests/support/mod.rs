//! Drives the real Caseload window: starts tauri-driver (which starts WebKitWebDriver,
//! which starts the app) with the store in a temporary folder, and gives tests a few
//! patient helpers that wait for the UI instead of sleeping, the native save dialog
//! typed into with `xdotool`, and `pdftotext` to read a saved PDF.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tokio::process::{Child, Command};

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

const WAIT: Duration = Duration::from_secs(20);

/// One tauri-driver process; each [`Driver::launch`] opens a fresh app window.
///
/// tauri-driver runs in a process group of its own, and the whole group (tauri-driver,
/// WebKitWebDriver, the app) is killed when the `Driver` goes away, even on a panic:
/// a WebKitWebDriver left behind keeps its port and silently captures the next run.
pub struct Driver {
    child: Child,
    port: u16,
    app: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The group id is tauri-driver's pid (it leads its own group). Never signal a
        // group id of 0 or 1: those mean "our own group" and "everyone".
        if let Some(pid) = self
            .child
            .id()
            .and_then(|p| i32::try_from(p).ok())
            .filter(|p| *p > 1)
        {
            let _ = nix::sys::signal::killpg(
                nix::unistd::Pid::from_raw(pid),
                nix::sys::signal::Signal::SIGKILL,
            );
        }
    }
}

/// A TCP port nobody is listening on right now.
fn free_port() -> Result<u16, std::io::Error> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl Driver {
    /// Starts tauri-driver on free ports, with the app's store in `data_dir`. The app
    /// inherits tauri-driver's environment.
    pub async fn start(data_dir: &Path) -> Result<Driver, Box<dyn std::error::Error>> {
        Driver::start_with(data_dir, &[]).await
    }

    /// Like [`Driver::start`], with more environment for the app (a short automatic
    /// lock, for one).
    pub async fn start_with(
        data_dir: &Path,
        env: &[(&str, &str)],
    ) -> Result<Driver, Box<dyn std::error::Error>> {
        let port = free_port()?;
        let native_port = free_port()?;
        let app = PathBuf::from(std::env::var("CASELOAD_APP").map_err(
            |_| "CASELOAD_APP must name the built caseload-desktop binary (run `make e2e`)",
        )?);
        let driver = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
        let child = Command::new(driver)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .process_group(0)
            .env("CASELOAD_DATA_DIR", data_dir)
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()?;
        Ok(Driver { child, port, app })
    }

    /// Opens a new app window; retries while tauri-driver is still starting.
    pub async fn launch(&self) -> Result<Client, Box<dyn std::error::Error>> {
        step("launch the app");
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert("tauri:options".into(), json!({ "application": self.app }));
        let url = format!("http://127.0.0.1:{}", self.port);
        let mut last_error = String::new();
        for _ in 0..60 {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => return Ok(client),
                Err(e) => last_error = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        Err(format!("could not open the app through tauri-driver: {last_error}").into())
    }

    /// Ends tauri-driver, WebKitWebDriver and any app window they started.
    pub fn stop(self) {
        drop(self);
    }
}

/// Prints a step to stderr, so a failing or hanging run shows how far it got.
pub fn step(what: &str) {
    eprintln!("e2e step: {what}");
}

/// Runs a whole scenario with a hard limit: a WebDriver call that never answers
/// becomes a failure instead of a stuck CI job.
pub async fn within<F>(limit: Duration, scenario: F) -> TestResult
where
    F: std::future::Future<Output = TestResult>,
{
    match tokio::time::timeout(limit, scenario).await {
        Ok(result) => result,
        Err(_) => Err(format!(
            "scenario did not finish within {limit:?} (see the last e2e step above)"
        )
        .into()),
    }
}

pub async fn wait_for(client: &Client, css: &str) -> Result<Element, Box<dyn std::error::Error>> {
    step(&format!("wait for {css}"));
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .map_err(|e| format!("waiting for `{css}`: {e}").into())
}

/// Waits until the element's text contains `needle`, and returns that text.
pub async fn wait_for_text(
    client: &Client,
    css: &str,
    needle: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let deadline = tokio::time::Instant::now() + WAIT;
    let mut seen = String::new();
    while tokio::time::Instant::now() < deadline {
        if let Ok(element) = client.find(Locator::Css(css)).await {
            seen = element.text().await.unwrap_or_default();
            if seen.contains(needle) {
                return Ok(seen);
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("`{css}` never contained {needle:?}; last text: {seen:?}").into())
}

pub async fn type_into(client: &Client, css: &str, text: &str) -> TestResult {
    let field = wait_for(client, css).await?;
    field.clear().await?;
    // WebDriver's clear fires `change` but not `input`, and the UI keeps field state from
    // `input`: without this, a re-render before the first keystroke puts the old text
    // back (a remembered search "Brandt" became "Brandtdad").
    client
        .execute(
            "arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::to_value(&field)?],
        )
        .await?;
    field.send_keys(text).await?;
    Ok(())
}

/// Sets a field the way a person's typing would (an `input` event), for inputs such as
/// dates whose native pickers WebDriver cannot type into portably.
pub async fn set_value(client: &Client, css: &str, value: &str) -> TestResult {
    wait_for(client, css).await?;
    client
        .execute(
            "const el = document.querySelector(arguments[0]);
             el.value = arguments[1];
             el.dispatchEvent(new Event('input', { bubbles: true }));
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![json!(css), json!(value)],
        )
        .await?;
    Ok(())
}

/// Waits until nothing matches `css` (a dialog closed, a line left the list).
pub async fn wait_gone(client: &Client, css: &str) -> TestResult {
    step(&format!("wait until {css} is gone"));
    let deadline = tokio::time::Instant::now() + WAIT;
    while client.find(Locator::Css(css)).await.is_ok() {
        if tokio::time::Instant::now() > deadline {
            return Err(format!("`{css}` is still there").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

pub async fn click(client: &Client, css: &str) -> TestResult {
    step(&format!("click {css}"));
    wait_for(client, css).await?.click().await?;
    Ok(())
}

/// Saves a screenshot under `e2e-artifacts/` (kept by CI runs for a look afterwards).
pub async fn screenshot(client: &Client, name: &str) -> TestResult {
    // Let the last change paint before capturing it.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let png = client.screenshot().await?;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../e2e-artifacts");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join(format!("{name}.png")), png)?;
    Ok(())
}

/// Fills and submits the "New patient" form.
pub async fn register_patient(
    client: &Client,
    first: &str,
    last: &str,
    mrn: &str,
    dob: &str,
) -> TestResult {
    click(client, "#new-patient").await?;
    type_into(client, "#field-first_name", first).await?;
    type_into(client, "#field-last_name", last).await?;
    set_value(client, "#field-birth_date", dob).await?;
    type_into(client, "#field-mrn", mrn).await?;
    click(client, "#save-patient").await?;
    Ok(())
}

/// Waits for the GTK save dialog titled `title`, types `path` into its name field (which
/// takes a whole path) and presses Return, as a person would.
pub async fn save_dialog(title: &str, path: &Path) -> TestResult {
    step(&format!("wait for the dialog {title:?}"));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    let window = loop {
        let found = xdotool(&["search", "--onlyvisible", "--name", title])?;
        if let Some(id) = found.lines().next().filter(|l| !l.is_empty()) {
            break id.to_owned();
        }
        if tokio::time::Instant::now() > deadline {
            return Err(format!("the save dialog {title:?} never opened").into());
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    // Xvfb has no window manager to give the new window the focus.
    xdotool(&["windowfocus", "--sync", &window])?;
    // The name field starts with the offered name selected; give it a moment to take it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    xdotool(&["key", "--clearmodifiers", "ctrl+a"])?;
    xdotool(&["type", "--delay", "20", &path.display().to_string()])?;
    xdotool(&["key", "Return"])?;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !path.exists() {
        if tokio::time::Instant::now() > deadline {
            return Err(format!("nothing was saved at {}", path.display()).into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

/// Runs xdotool (Debian package `xdotool`, installed by `scripts/setup.sh --e2e`).
/// `search` exits 1 when nothing matches, which is an answer, not a failure.
pub fn xdotool(args: &[&str]) -> Result<String, Box<dyn std::error::Error>> {
    let out = std::process::Command::new("xdotool")
        .args(args)
        .output()
        .map_err(|e| format!("xdotool is needed to drive the save dialog ({e})"))?;
    if !out.status.success() && args.first() != Some(&"search") {
        return Err(format!(
            "xdotool {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The PDF's text, by poppler's `pdftotext`, an independent reader of what was written.
pub fn pdf_text(pdf: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .map_err(|e| format!("pdftotext (poppler-utils) is needed ({e})"))?;
    if !out.status.success() {
        return Err(format!("pdftotext failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The `caseload` CLI built beside the app (`cargo build -p caseload --bin caseload`),
/// or `CASELOAD_CLI`: tests prepare their stores with it as a coordinator would.
pub fn cli() -> PathBuf {
    std::env::var_os("CASELOAD_CLI").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/caseload"),
        PathBuf::from,
    )
}

/// Runs the CLI on the store in `dir` and returns what it printed (an id, for the
/// care plan's `add` commands); a failure stops the test with what it said.
pub fn run_cli(
    dir: &Path,
    passphrase: &str,
    args: &[&str],
) -> Result<String, Box<dyn std::error::Error>> {
    let out = std::process::Command::new(cli())
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("CASELOAD_PASSPHRASE", passphrase)
        .output()
        .map_err(|e| format!("could not run {} ({e}); build it first", cli().display()))?;
    if !out.status.success() {
        return Err(format!(
            "caseload {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}
