//! The core crate never links the desktop stack: the CLI and the library must build
//! on a machine without GTK or WebKit, and a desktop-only dependency must not creep in.
//! Inside the core, capabilities never import a page and the measure catalogue imports
//! nothing (checked on the source text, below).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
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

// ---- layering inside the core ---------------------------------------------------------
//
// Capabilities (patients, enrollment, measures, flags, review, ...) never import a page:
// pages compose capabilities, not the other way round (src/pages/mod.rs). The measure
// catalogue depends on nothing else in the crate (src/catalogue/mod.rs). Both are
// checked on the source text. Whole-line comments (`//`, `//!`, `///`) are skipped: a
// doc comment may point at a page without depending on it. The CLI (src/bin/) is a
// front end like the desktop shell, so it may use pages.

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// A file's lines (numbered from 1) that are code, not whole-line comments.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
}

/// Every breach of the layering rules in the source tree at `src`, one message each.
/// Printouts (src/printouts/) sit above the pages they print and below the front ends
/// that call them; the PDF layout (src/pdf/) knows no domain: it may name the crate's
/// error type and nothing else.
fn layering_violations(src: &Path) -> Vec<String> {
    let pages = src.join("pages");
    let catalogue = src.join("catalogue");
    let front_ends = src.join("bin");
    let printouts = src.join("printouts");
    let pdf = src.join("pdf");
    let mut out = Vec::new();
    for path in rust_files(src) {
        let text = std::fs::read_to_string(&path).unwrap();
        let shown = path
            .strip_prefix(src)
            .unwrap_or(&path)
            .display()
            .to_string();
        let capability = !path.starts_with(&pages)
            && !path.starts_with(&front_ends)
            && !path.starts_with(&printouts);
        let in_catalogue = path.starts_with(&catalogue);
        let in_pdf = path.starts_with(&pdf);
        let below_printouts = !path.starts_with(&front_ends) && !path.starts_with(&printouts);
        for (n, line) in code_lines(&text) {
            if below_printouts && line.contains("crate::printouts") {
                out.push(format!(
                    "src/{shown}:{n} mentions `crate::printouts`, but only the front ends \
                     call the printouts\n    {}",
                    line.trim()
                ));
            }
            if in_pdf
                && line.contains("crate::")
                && line.replace("crate::error", "").contains("crate::")
            {
                out.push(format!(
                    "src/{shown}:{n} mentions the crate beyond its error type, but the PDF \
                     layout knows no domain\n    {}",
                    line.trim()
                ));
            }
            if capability {
                for needle in ["crate::pages", "pages::"] {
                    if line.contains(needle) {
                        out.push(format!(
                            "src/{shown}:{n} mentions `{needle}`, but only src/pages/ may: \
                             a capability never imports a page\n    {}",
                            line.trim()
                        ));
                        break;
                    }
                }
            }
            if in_catalogue && line.contains("crate::") {
                out.push(format!(
                    "src/{shown}:{n} mentions `crate::`, but the catalogue depends on no \
                     other module of the crate\n    {}",
                    line.trim()
                ));
            }
        }
    }
    out
}

fn core_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn capabilities_never_import_a_page_and_the_catalogue_imports_nothing() {
    let src = core_src();
    // The check really reads the tree: a moved folder must not make it pass vacuously.
    let files = rust_files(&src);
    for expected in [
        "pages/mod.rs",
        "catalogue/mod.rs",
        "patients/mod.rs",
        "lib.rs",
    ] {
        assert!(
            files.contains(&src.join(expected)),
            "src/{expected} is not where the layering check looks"
        );
    }
    let violations = layering_violations(&src);
    assert!(
        violations.is_empty(),
        "the core's layering is broken:\n{}",
        violations.join("\n")
    );
}

#[test]
fn layering_check_names_the_file_and_the_rule() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path();
    let write = |path: &str, text: &str| {
        let path = src.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("lib.rs", "pub mod pages;\npub mod catalogue;\n");
    write(
        "pages/caseload.rs",
        "use crate::patients;\nuse crate::pages::patient;\n",
    );
    write("bin/caseload/main.rs", "use caseload::pages::caseload;\n");
    write(
        "catalogue/kind.rs",
        "//! Not [`crate::measures`].\nuse super::Quantity;\n",
    );
    write("catalogue/quantity.rs", "\nuse crate::programs::Targets;\n");
    write(
        "patients/mod.rs",
        "//! The list is a page (`crate::pages::caseload`).\nfn f() {\n    let _ = pages::caseload::list;\n}\n",
    );
    write(
        "pdf/table.rs",
        "use crate::error::Result;\nuse crate::patients::Patient;\n",
    );
    write("pages/brief.rs", "use crate::printouts::print;\n");
    write(
        "printouts/huddle.rs",
        "use crate::pages::coming_in::ComingIn;\n",
    );
    let violations = layering_violations(src);
    assert_eq!(violations.len(), 4, "{violations:#?}");
    assert!(
        violations[0].starts_with("src/catalogue/quantity.rs:2 mentions `crate::`"),
        "{}",
        violations[0]
    );
    assert!(
        violations[1].starts_with("src/pages/brief.rs:1 mentions `crate::printouts`"),
        "{}",
        violations[1]
    );
    assert!(
        violations[2].starts_with("src/patients/mod.rs:3 mentions `pages::`"),
        "{}",
        violations[2]
    );
    assert!(
        violations[3].starts_with("src/pdf/table.rs:2 mentions the crate beyond its error type"),
        "{}",
        violations[3]
    );
}
