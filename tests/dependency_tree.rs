//! The core crate never links the desktop stack: the CLI and the library must build
//! on a machine without GTK or WebKit, and a desktop-only dependency must not creep in.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

/// Crate-name families of the desktop stack (`tauri`, `tauri-runtime-wry`, `gtk-sys`, ...).
const DESKTOP: &[&str] = &[
    "tauri",
    "wry",
    "tao",
    "gtk",
    "gdk",
    "webkit2gtk",
    "javascriptcore",
    "soup",
];

fn is_desktop(name: &str) -> bool {
    DESKTOP.iter().any(|family| {
        name == *family
            || name
                .strip_prefix(family)
                .is_some_and(|rest| rest.starts_with('-') || rest.starts_with('_'))
    })
}

#[test]
fn desktop_family_matching_is_by_crate_name() {
    assert!(is_desktop("tauri"));
    assert!(is_desktop("tauri-runtime-wry"));
    assert!(is_desktop("gtk-sys"));
    assert!(is_desktop("webkit2gtk"));
    assert!(!is_desktop("taowhatever"), "only whole name segments match");
    assert!(!is_desktop("rusqlite"));
}

#[test]
fn core_crate_does_not_depend_on_the_desktop_stack() {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree", "-p", "caseload", "-e", "normal", "--prefix", "none", "--target", "all",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    // The tree really was listed: the crate itself and its store are in it.
    assert_eq!(names.first(), Some(&"caseload"), "{stdout}");
    assert!(names.contains(&"rusqlite"), "{stdout}");

    let desktop: Vec<&&str> = names.iter().filter(|name| is_desktop(name)).collect();
    assert!(
        desktop.is_empty(),
        "the core depends on desktop crates: {desktop:?}"
    );
}
