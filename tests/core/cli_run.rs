//! Running the `caseload` binary as a separate process, for the CLI tests.

use std::path::Path;
use std::process::{Command, Output, Stdio};

pub fn caseload(dir: &Path, passphrase: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(args)
        .env("CASELOAD_DATA_DIR", dir)
        .env("CASELOAD_PASSPHRASE", passphrase)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[track_caller]
pub fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}, stderr: {}",
        out.status,
        stderr(&out)
    );
    stdout(&out)
}

/// Asserts a failure with exactly one line on stderr, and returns that line.
#[track_caller]
pub fn fails_with_one_line(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "expected failure, stdout: {}",
        stdout(out)
    );
    let err = stderr(out);
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "stderr should be one line: {err:?}");
    lines[0].to_owned()
}
