//! Handing a printout to the system's print path, leaving as little of it on disk as
//! possible. A printout holds protected health information, so:
//!
//! - with CUPS (`lp` on PATH) the PDF goes to `lp` through its stdin and never touches
//!   a file of ours (CUPS spools it under its own protection);
//! - otherwise it opens in the system's PDF viewer, which needs a file: it is written
//!   readable by its owner only into a private folder on the runtime tmpfs
//!   (`$XDG_RUNTIME_DIR/caseload-print`, in RAM, cleared at logout), and deleted once
//!   the viewer is done with it or after [`KEEP_AT_MOST`], whichever comes first (but
//!   not before [`KEEP_AT_LEAST`], see there). The folder is swept when the app starts
//!   and when it locks, for a file left behind by a crash.
//!
//! Nothing here logs: a job title or a file name could name what was printed.

use std::fs::{DirBuilder, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Serialize;

/// Where the printout went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum How {
    /// Queued on the default printer through CUPS.
    Printer,
    /// Opened in the PDF viewer, to print from its dialog.
    Viewer,
}

/// The viewer's copy is deleted after this long even if the viewer is still open: by
/// then it has read the file (a viewer keeps an open file readable after the unlink).
const KEEP_AT_MOST: Duration = Duration::from_secs(120);

/// Not deleted sooner than this, even when the launcher exits at once: `xdg-open` and
/// `open` often hand the file to a viewer that is already running and return before it
/// has read a byte.
const KEEP_AT_LEAST: Duration = Duration::from_secs(15);

const FOLDER: &str = "caseload-print";

/// What every job title and viewer file starts with; the sweep removes only these.
const PREFIX: &str = "caseload-";

/// Prints `pdf`: to the default printer through `lp` when CUPS is there, else in the
/// viewer. `document` says which printout it is ("huddle-sheet"); it names the job in
/// the print queue and the viewer's file, so it must never name a patient.
pub fn send(pdf: &[u8], document: &str) -> std::io::Result<How> {
    let title = format!("{PREFIX}{document}");
    if let Some(lp) = on_path("lp")
        && to_printer(&lp, pdf, &title).is_ok()
    {
        return Ok(How::Printer);
    }
    // No CUPS, or it refused the job (no default printer): the viewer's print dialog
    // lets the coordinator choose a printer instead.
    to_viewer(pdf, &title)?;
    Ok(How::Viewer)
}

/// Removes every printout left in the print folder (a crash between writing and
/// deleting). Quiet: there is nothing to do about a file that will not go.
pub fn sweep() {
    sweep_in(&folder());
}

/// Only a real folder (a link planted by that name in a shared temporary folder could
/// point at the coordinator's documents), and only printouts named as `to_viewer`
/// names them.
fn sweep_in(dir: &Path) {
    if !std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(PREFIX) && name.ends_with(".pdf");
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The first executable called `name` in `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// `lp -t <title>` with the PDF on its stdin: no file of ours at all.
fn to_printer(lp: &Path, pdf: &[u8], title: &str) -> std::io::Result<()> {
    let mut child = Command::new(lp)
        .args(["-t", title, "--"])
        .stdin(Stdio::piped())
        // lp prints the job id; neither stream is shown (or logged) anywhere.
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let written = match child.stdin.take() {
        // Dropping stdin closes it, which tells lp the document is complete.
        Some(mut stdin) => stdin.write_all(pdf),
        None => Err(std::io::Error::other("lp has no stdin")),
    };
    let status = child.wait()?;
    written?;
    match status.success() {
        true => Ok(()),
        false => Err(std::io::Error::other("lp refused the job")),
    }
}

/// The private folder on the runtime tmpfs (`$XDG_RUNTIME_DIR`, per user, in RAM), or
/// the OS temporary folder where there is none (macOS, a bare session).
fn folder() -> PathBuf {
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute() && dir.is_dir());
    runtime.unwrap_or_else(std::env::temp_dir).join(FOLDER)
}

/// The print folder, made 0700 and checked to be a real folder of ours: in a shared
/// temporary folder someone else could have put a folder or a link by that name first.
fn private_folder(dir: PathBuf) -> std::io::Result<PathBuf> {
    let mut builder = DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    match builder.create(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let meta = std::fs::symlink_metadata(&dir)?;
    if !meta.is_dir() {
        return Err(std::io::Error::other("the print folder is not a folder"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Fails on a folder someone else owns, which is the point.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(dir)
}

/// Writes the PDF (0600 from its first byte) and opens it in the viewer; a thread
/// deletes it when the launcher exits (not before [`KEEP_AT_LEAST`]) or after
/// [`KEEP_AT_MOST`].
fn to_viewer(pdf: &[u8], title: &str) -> std::io::Result<()> {
    let dir = private_folder(folder())?;
    // A new name each time that names the document, never the patient: a viewer shows
    // it and may remember it in its recent files.
    let path = dir.join(format!("{title}-{}.pdf", uuid::Uuid::now_v7().simple()));
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options.open(&path).and_then(|mut file| {
        file.write_all(pdf)?;
        file.sync_all()
    });
    let launched = written.and_then(|()| {
        Command::new(opener())
            .arg(&path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
    });
    let mut child = match launched.and_then(launcher_started) {
        Ok(child) => child,
        Err(e) => {
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
    };
    std::thread::spawn(move || {
        let started = Instant::now();
        while started.elapsed() < KEEP_AT_MOST {
            match child.try_wait() {
                Ok(None) => std::thread::sleep(Duration::from_millis(500)),
                // Exited (or cannot be watched): the viewer has what it needs once the
                // grace period is over.
                _ => {
                    std::thread::sleep(KEEP_AT_LEAST.saturating_sub(started.elapsed()));
                    break;
                }
            }
        }
        let _ = std::fs::remove_file(&path);
        // Reap the launcher if it exited after all; a viewer still open keeps running.
        let _ = child.try_wait();
    });
    Ok(())
}

/// How long the launcher is given to say it found no viewer at all.
const LAUNCH_CHECK: Duration = Duration::from_millis(1500);

/// The launcher, once it has not failed straight away: `xdg-open` with no PDF viewer
/// installed exits with an error at once, and the coordinator must hear that rather
/// than "opened in the viewer".
fn launcher_started(mut child: std::process::Child) -> std::io::Result<std::process::Child> {
    let started = Instant::now();
    while started.elapsed() < LAUNCH_CHECK {
        match child.try_wait()? {
            Some(status) if !status.success() => {
                return Err(std::io::Error::other("no PDF viewer opened the printout"));
            }
            Some(_) => break,
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    Ok(child)
}

fn opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder under the OS temporary folder, removed by the test.
    fn scratch() -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("caseload-print-test-{}", uuid::Uuid::now_v7()));
        assert!(std::fs::create_dir(&dir).is_ok());
        dir
    }

    #[test]
    fn a_program_on_path_is_found_and_a_missing_one_is_not() {
        assert!(on_path("sh").is_some());
        assert!(on_path("no-such-program-caseload").is_none());
    }

    #[cfg(unix)]
    fn script(dir: &Path, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join("lp");
        assert!(std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).is_ok());
        assert!(std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).is_ok());
        path
    }

    #[cfg(unix)]
    #[test]
    fn lp_gets_the_title_and_the_pdf_on_its_stdin() {
        let dir = scratch();
        // Records its arguments and what came on stdin, as `lp` would spool it.
        let lp = script(
            &dir,
            r#"echo "$@" > "$(dirname "$0")/args"; cat > "$(dirname "$0")/spooled""#,
        );
        assert!(to_printer(&lp, b"%PDF-1.7 test", "caseload-huddle-sheet").is_ok());
        let spooled = std::fs::read(dir.join("spooled")).unwrap_or_default();
        let args = std::fs::read_to_string(dir.join("args")).unwrap_or_default();
        let refused = script(&dir, "cat > /dev/null; exit 1");
        let failed = to_printer(&refused, b"%PDF-1.7 test", "caseload-huddle-sheet");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(spooled, b"%PDF-1.7 test");
        assert_eq!(args.trim(), "-t caseload-huddle-sheet --");
        assert!(failed.is_err(), "a refused job is not reported as printed");
    }

    #[cfg(unix)]
    #[test]
    fn the_print_folder_is_private_and_never_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let base = scratch();
        let made = private_folder(base.join(FOLDER));
        let mode = made
            .as_ref()
            .ok()
            .and_then(|d| d.metadata().ok())
            .map(|m| m.permissions().mode() & 0o777);
        let decoy = base.join("decoy");
        let planted = base.join("planted");
        assert!(std::fs::create_dir(&decoy).is_ok());
        assert!(std::os::unix::fs::symlink(&decoy, &planted).is_ok());
        let through_link = private_folder(planted);
        let _ = std::fs::remove_dir_all(&base);
        assert_eq!(mode, Some(0o700));
        assert!(
            through_link.is_err(),
            "a link planted by that name is refused"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_sweep_takes_printouts_only_and_never_follows_a_link() {
        let base = scratch();
        let folder = base.join(FOLDER);
        let elsewhere = base.join("documents");
        let writes = [
            std::fs::create_dir(&folder),
            std::fs::create_dir(&elsewhere),
            std::fs::write(folder.join("caseload-huddle-sheet-0192.pdf"), b"%PDF"),
            std::fs::write(folder.join("notes.txt"), b"keep"),
            std::fs::write(elsewhere.join("caseload-patient-summary-1.pdf"), b"%PDF"),
            std::os::unix::fs::symlink(&elsewhere, base.join("link")),
        ];
        assert!(writes.iter().all(Result::is_ok));
        sweep_in(&folder);
        sweep_in(&base.join("link"));
        let left = (
            folder.join("caseload-huddle-sheet-0192.pdf").exists(),
            folder.join("notes.txt").exists(),
            elsewhere.join("caseload-patient-summary-1.pdf").exists(),
        );
        let _ = std::fs::remove_dir_all(&base);
        assert_eq!(left, (false, true, true));
    }
}
