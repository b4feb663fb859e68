//! The UI keeps no measure vocabulary of its own: labels, units, item wordings and
//! ranges come from the core's catalogue (`measure_catalogue`), so a change there
//! reaches every screen. This fails if a screen starts carrying its own copy again.

use std::path::{Path, PathBuf};

/// Text that only the catalogue may say. Comments may mention them.
const CATALOGUE_WORDS: &[&str] = &[
    "mg/dL",
    "mmHg",
    "HbA1c",
    "PHQ-9",
    "GAD-7",
    "Little interest",
    "Feeling nervous",
    "Nearly every day",
    "moderately severe",
];

fn js_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            js_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "js") {
            out.push(path);
        }
    }
}

fn is_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("//") || t.starts_with("/*") || t.starts_with('*')
}

fn offences(ui: &Path) -> Vec<String> {
    let mut files = Vec::new();
    js_files(ui, &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if is_comment(line) {
                continue;
            }
            for word in CATALOGUE_WORDS {
                if line.contains(word) {
                    found.push(format!("{}:{}: \"{word}\"", file.display(), n + 1));
                }
            }
        }
    }
    found
}

#[test]
fn screens_take_measure_words_from_the_catalogue() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/js");
    let mut files = Vec::new();
    js_files(&ui, &mut files);
    assert!(files.len() > 20, "ui/js not found at {}", ui.display());
    let found = offences(&ui);
    assert!(
        found.is_empty(),
        "measure vocabulary outside the catalogue:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_copied_label_is_caught_and_a_comment_is_not() {
    let dir = std::env::temp_dir().join(format!("ui-vocabulary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    std::fs::write(
        dir.join("a.js"),
        "// PHQ-9 in a comment is fine\nconst UNITS = { ldl: 'mg/dL' };\n",
    )
    .unwrap_or_default();
    let found = offences(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with("a.js:2: \"mg/dL\""), "{found:?}");
}
