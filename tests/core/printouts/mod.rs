//! Printouts checked from outside, with the tools a reader of the PDF would use:
//! `pdftotext` for what it says (every name in every script, page numbers, headers on
//! every page), `pdfinfo` for the paper, `qpdf --check` for the file's structure.

mod care_plan;
mod cli;
mod documents;
mod layout;

use std::path::Path;
use std::process::Command;

use caseload::Store;
use caseload::enrollment::StartEnrollment;
use caseload::measures::MeasureDraft;
use caseload::printouts::{PrintRequest, Printout};
use caseload::schedule::{ImportOptions, Mapping};
use jiff::civil::Date;

use crate::harness::{TestStore, add};

/// The names the issue promises print correctly, one per script.
pub const NAMES: [(&str, &str); 4] = [
    ("José", "Nuñez"),
    ("Zofia", "Łódź-Wiśniewska"),
    ("Нина", "Петрова"),
    ("Thị Hồng", "Nguyễn"),
];

/// The text of a PDF (or of pages `first..=last`), laid out as on the page.
pub fn pdftotext(bytes: &[u8], pages: Option<(usize, usize)>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    let mut cmd = Command::new("pdftotext");
    cmd.arg("-layout");
    if let Some((first, last)) = pages {
        cmd.args(["-f", &first.to_string(), "-l", &last.to_string()]);
    }
    let out = cmd
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup.sh");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `pdfinfo`'s fields.
pub fn pdfinfo(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `qpdf --check` passes (structure, cross-reference table, streams).
#[track_caller]
pub fn qpdf_ok(bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("qpdf is installed by scripts/setup.sh");
    assert!(
        out.status.success(),
        "qpdf --check: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Whitespace collapsed, for finding text that wrapped across lines.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn pages_of(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap()
}

pub fn measure(store: &mut Store, patient_id: &str, kind: &str, on: Date, value: &str) {
    let mut draft = MeasureDraft {
        patient_id: patient_id.into(),
        kind: kind.into(),
        taken_on: on.to_string(),
        ..MeasureDraft::default()
    };
    match kind {
        "phq9" => {
            let total: u32 = value.parse().unwrap();
            // Spread the total over the first eight items; item 9 stays 0.
            let mut items = [0u32; 9];
            let mut left = total;
            for item in items.iter_mut().take(8) {
                let v = left.min(3);
                *item = v;
                left -= v;
            }
            draft.items = items.iter().map(u32::to_string).collect();
        }
        "bp" => {
            let (s, d) = value.split_once('/').unwrap();
            draft.systolic = s.into();
            draft.diastolic = d.into();
        }
        _ => draft.value = value.into(),
    }
    caseload::measures::record(store, &draft).unwrap();
}

/// A store with the four names enrolled in COMPASS, measured over the last months, and
/// booked on `day` through the schedule importer (preset `appointments`).
pub fn clinic_day(day: Date) -> (TestStore, Vec<String>) {
    let mut t = TestStore::new();
    let mut ids = Vec::new();
    let months_ago = |m: i64| day.checked_sub(jiff::Span::new().days(30 * m)).unwrap();
    let mut csv = String::from("Date,Time,MRN,Patient,Provider,Visit Type,Dept\n");
    for (i, (first, last)) in NAMES.iter().enumerate() {
        let mrn = format!("MRN-{}", 100 + i);
        let p = add(&mut t.store, &mrn, first, last, "1968-04-12");
        caseload::enrollment::start(
            &mut t.store,
            &StartEnrollment {
                patient_id: p.id.clone(),
                program: "compass".into(),
                status: "active".into(),
                on: months_ago(4).to_string(),
                ..StartEnrollment::default()
            },
        )
        .unwrap();
        measure(&mut t.store, &p.id, "phq9", months_ago(4), "18");
        measure(&mut t.store, &p.id, "phq9", months_ago(2), "14");
        measure(&mut t.store, &p.id, "a1c", months_ago(4), "9.1");
        measure(&mut t.store, &p.id, "bp", months_ago(1), "148/92");
        csv.push_str(&format!(
            "{},{}:{:02},{mrn},\"{last}, {first}\",Dr. Ana Ruiz,Follow-up,Family Medicine\n",
            day,
            9 + i,
            15 * (i % 4)
        ));
        ids.push(p.id);
    }
    import(&mut t.store, &csv);
    (t, ids)
}

pub fn import(store: &mut Store, csv: &str) {
    let options = ImportOptions {
        mapping: mapping_of(store, "appointments"),
        preset: Some("appointments".into()),
        skip_bad_rows: false,
    };
    let report =
        caseload::schedule::apply_bytes(store, "schedule.csv", csv.as_bytes(), &options).unwrap();
    assert!(report.bad_rows.is_empty(), "{:?}", report.bad_rows);
}

pub fn print(store: &Store, kind: Printout, request: PrintRequest) -> caseload::printouts::Printed {
    caseload::printouts::print(store, kind, &request).unwrap()
}

pub fn save_render(bytes: &[u8], name: &str) {
    // Kept for a person to look at (and for docs/screenshots): target/printouts/.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("printouts");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
}

pub fn mapping_of(store: &Store, preset: &str) -> Mapping {
    store
        .read(|r| caseload::schedule::preset(r, preset))
        .unwrap()
        .mapping
}
