//! No patient's name or MRN lies around in plain text after a day's work, except in the
//! files the coordinator chose to save.
//!
//! A store of 1,000 demo patients goes through a day of `caseload` commands — patients
//! shown and their history read, measures and contacts recorded, the worklist and who is
//! coming in, every kind of printout, a care-plan bundle, the FHIR export, the audit
//! export, a backup, the audit check, and one wrong passphrase — each command with
//! `TMPDIR`, `HOME` and its working folder pointed at folders of this test. Then every
//! byte of the data folder (store, `-wal`, `-shm`, sidecars, `backups/`), that temporary
//! folder, that home, that working folder and every command's stderr is searched for
//! every patient's MRN and name: none may be there. Stdout is the coordinator's own
//! screen (`patients show` prints the name by design) and the saved folder holds what
//! they asked to be written; both are searched too, as the proof that the search finds
//! names where they are. The figure line (`plaintext search: …` on stderr, shown with
//! `--nocapture`) is the one docs/data-safety.md quotes.

#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use caseload::Store;

const PASSPHRASE: &str = "orchid tractor lantern 42";
const PATIENTS: usize = 1_000;
/// Needles shorter than this many bytes are left out. The store and its backup are
/// tens of megabytes of ciphertext, i.e. random bytes: a 4-byte needle turns up by
/// chance about once per 4 GiB per needle, so ~20 four-byte names over ~60 MB would
/// give a false hit in roughly one run in four; at 5 bytes it is one in several
/// hundred. Every patient is still covered by the MRN and by the full name.
const MIN_NEEDLE_BYTES: usize = 5;

/// The folders of one run.
struct Day {
    /// Holds the folders below; they go away with it.
    _root: tempfile::TempDir,
    data: PathBuf,
    tmp: PathBuf,
    home: PathBuf,
    work: PathBuf,
    saved: PathBuf,
    logs: PathBuf,
    commands: usize,
}

impl Day {
    fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        let folder = |name: &str| {
            let path = root.path().join(name);
            std::fs::create_dir(&path).unwrap();
            path
        };
        Day {
            data: root.path().join("data"),
            tmp: folder("tmp"),
            home: folder("home"),
            work: folder("work"),
            saved: folder("saved"),
            logs: folder("logs"),
            _root: root,
            commands: 0,
        }
    }

    /// Runs `caseload` with the day's folders; stdout and stderr go to the logs folder.
    /// Returns the exit code and stdout.
    fn try_run(&mut self, passphrase: &str, args: &[&str]) -> (Option<i32>, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_caseload"))
            .args(args)
            .current_dir(&self.work)
            .env("CASELOAD_DATA_DIR", &self.data)
            .env("CASELOAD_PASSPHRASE", passphrase)
            .env("TMPDIR", &self.tmp)
            .env("HOME", &self.home)
            .env_remove("XDG_DATA_HOME")
            .env_remove("XDG_CACHE_HOME")
            .env_remove("XDG_STATE_HOME")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("XDG_RUNTIME_DIR")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        self.commands += 1;
        let name = format!(
            "{:02}-{}",
            self.commands,
            args[..2.min(args.len())].join("-")
        );
        std::fs::write(self.logs.join(format!("{name}.stdout")), &out.stdout).unwrap();
        std::fs::write(self.logs.join(format!("{name}.stderr")), &out.stderr).unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    }

    #[track_caller]
    fn run(&mut self, args: &[&str]) -> String {
        let (code, stdout) = self.try_run(PASSPHRASE, args);
        assert_eq!(code, Some(0), "caseload {}", args.join(" "));
        stdout
    }

    fn saved(&self, name: &str) -> String {
        self.saved.join(name).to_string_lossy().into_owned()
    }
}

/// One patient as the store has them.
struct Seeded {
    mrn: String,
    first: String,
    last: String,
}

#[test]
fn no_name_or_mrn_in_plain_text_outside_what_the_coordinator_saved() {
    let started = Instant::now();
    let mut day = Day::new();
    let out = day.run(&["demo", "--patients", &PATIENTS.to_string(), "--seed", "7"]);
    assert!(out.contains("Added 1000 demo patients"), "{out}");

    // Read back who is in the store, and whom the day is about. The store stays open
    // here all day, as the desktop app would be: SQLite removes `-wal` and `-shm` when the
    // last connection closes, so this keeps them there to be searched.
    let open_all_day = Store::open(&day.data, PASSPHRASE).unwrap();
    let (patients, with_plan, coming_in) = {
        let sql = open_all_day.sql_for_tests();
        let mut rows = sql
            .prepare("SELECT mrn, first_name, last_name FROM patients ORDER BY mrn")
            .unwrap();
        let patients: Vec<Seeded> = rows
            .query_map([], |r| {
                Ok(Seeded {
                    mrn: r.get(0)?,
                    first: r.get(1)?,
                    last: r.get(2)?,
                })
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let with_plan: Vec<String> = sql
            .prepare(
                "SELECT mrn FROM patients p
                 WHERE EXISTS (SELECT 1 FROM care_plan_goals g WHERE g.patient_id = p.id)
                 ORDER BY mrn LIMIT 3",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let coming_in: Option<(String, String)> = sql
            .query_row(
                "SELECT a.day, p.mrn FROM appointments a JOIN patients p ON p.id = a.patient_id
                 WHERE a.replaced_at IS NULL AND a.cancelled = 0
                 ORDER BY a.day, a.time, p.mrn LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ok();
        (patients, with_plan, coming_in)
    };
    assert_eq!(patients.len(), PATIENTS);
    assert_eq!(with_plan.len(), 3, "demo patients with a care plan");
    let (visit_day, visiting) = coming_in.expect("the demo books appointments");

    // A coordinator's day.
    let others: Vec<&str> = patients
        .iter()
        .step_by(97)
        .map(|p| p.mrn.as_str())
        .collect();
    let (code, _) = day.try_run("orchid tractor lantern 24", &["worklist"]);
    assert_eq!(
        code,
        Some(7),
        "a wrong passphrase first thing in the morning"
    );
    day.run(&["worklist"]);
    day.run(&["today", "--date", &visit_day]);
    for mrn in others
        .iter()
        .copied()
        .chain(with_plan.iter().map(String::as_str))
    {
        day.run(&["patients", "show", "--mrn", mrn]);
        day.run(&["patients", "history", "--mrn", mrn]);
    }
    let searched = &patients[500];
    day.run(&[
        "patients",
        "list",
        "--search",
        &searched.last,
        "--limit",
        "50",
    ]);
    for mrn in &others[..4] {
        day.run(&[
            "measures",
            "add",
            "--mrn",
            mrn,
            "--phq9",
            "2,2,1,2,1,1,2,1,0",
            "--bp",
            "150/95",
        ]);
        day.run(&[
            "contacts",
            "add",
            "--mrn",
            mrn,
            "--channel",
            "phone",
            "--outcome",
            "reached",
            "--minutes",
            "15",
            "--topics",
            "symptoms,medication",
            "--note",
            "Sleeping better; PHQ-9 done by phone",
        ]);
        day.run(&["contacts", "list", "--mrn", mrn]);
    }
    let plan = &with_plan[0];
    day.run(&["careplan", "show", "--mrn", plan]);
    day.run(&["worklist", "--format", "csv"]);
    day.run(&["today", "--date", &visit_day, "--format", "json"]);
    day.run(&[
        "print",
        "huddle",
        "--date",
        &visit_day,
        "--out",
        &day.saved("huddle.pdf"),
    ]);
    day.run(&[
        "print",
        "agenda",
        "--date",
        &visit_day,
        "--out",
        &day.saved("agendas.pdf"),
    ]);
    day.run(&[
        "print",
        "agenda",
        "--date",
        &visit_day,
        "--mrn",
        &visiting,
        "--out",
        &day.saved("agenda-one.pdf"),
    ]);
    day.run(&["print", "review", "--out", &day.saved("review.pdf")]);
    day.run(&[
        "print",
        "summary",
        "--mrn",
        others[0],
        "--out",
        &day.saved("summary.pdf"),
    ]);
    day.run(&[
        "print",
        "careplan",
        "--mrn",
        plan,
        "--out",
        &day.saved("my-care-plan.pdf"),
    ]);
    day.run(&[
        "careplan",
        "export",
        "--mrn",
        plan,
        "--out",
        &day.saved("bundle.json"),
    ]);
    std::fs::create_dir(day.saved.join("fhir")).unwrap();
    day.run(&["export", "fhir", "--out", &day.saved("fhir")]);
    day.run(&["audit", "export", "--out", &day.saved("audit.csv")]);
    day.run(&["audit", "list", "--limit", "200"]);
    let backup = day.run(&["backup"]);
    assert!(backup.contains("Backed up to"), "{backup}");
    day.run(&["backups", "list"]);
    let verified = day.run(&["audit", "verify"]);
    assert!(verified.contains("intact"), "{verified}");

    // The needles: every MRN; every first and last name, each alone when it is long
    // enough (see MIN_NEEDLE_BYTES), as "First Last" and "Last, First"; and the forms
    // the search index keeps (lower-case ASCII: "nunez jose", "demo-7-00001").
    let mut needles: BTreeSet<String> = BTreeSet::new();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut add = |kind: &'static str, needle: String, needles: &mut BTreeSet<String>| {
        if needle.len() >= MIN_NEEDLE_BYTES && needles.insert(needle) {
            *kinds.entry(kind).or_default() += 1;
        }
    };
    for p in &patients {
        add("mrn", p.mrn.clone(), &mut needles);
        add("mrn, folded", fold(&p.mrn), &mut needles);
        add("name", p.first.clone(), &mut needles);
        add("name", p.last.clone(), &mut needles);
        add("name, folded", fold(&p.first), &mut needles);
        add("name, folded", fold(&p.last), &mut needles);
        add("full name", format!("{} {}", p.first, p.last), &mut needles);
        add(
            "full name",
            format!("{}, {}", p.last, p.first),
            &mut needles,
        );
        add(
            "full name, folded",
            format!("{} {}", fold(&p.last), fold(&p.first)),
            &mut needles,
        );
    }
    let finder = Finder::new(needles.iter().map(String::as_str));

    // Where nothing may be, place by place.
    let mut logs = Vec::new();
    walk(&day.logs, &mut logs);
    let (stderr_logs, stdout_logs): (Vec<PathBuf>, Vec<PathBuf>) = logs
        .into_iter()
        .partition(|p| p.extension().is_some_and(|e| e == "stderr"));
    let backups = day.data.join("backups");
    let mut data = Vec::new();
    walk(&day.data, &mut data);
    let (in_backups, data): (Vec<PathBuf>, Vec<PathBuf>) =
        data.into_iter().partition(|p| p.starts_with(&backups));
    assert!(
        data.iter().any(|f| f.ends_with("caseload.db")),
        "the store is searched"
    );
    assert!(
        data.iter().any(|f| f.ends_with("caseload.db-wal"))
            && data.iter().any(|f| f.ends_with("caseload.db-shm")),
        "the WAL and its index are searched"
    );
    assert!(!in_backups.is_empty(), "the backup is searched");
    let files_under = |folder: &Path| {
        let mut files = Vec::new();
        walk(folder, &mut files);
        files
    };
    let places = [
        ("data folder", data),
        ("backups", in_backups),
        ("TMPDIR", files_under(&day.tmp)),
        ("HOME", files_under(&day.home)),
        ("working folder", files_under(&day.work)),
        ("stderr logs", stderr_logs),
    ];
    let mut found = Found::default();
    let mut by_place = Vec::new();
    for (place, files) in &places {
        let here = finder.search_files(files);
        by_place.push(format!(
            "{place} {} files/{} bytes/{} hits",
            here.files,
            here.bytes,
            here.hits.len()
        ));
        found.files += here.files;
        found.bytes += here.bytes;
        found.hits.extend(here.hits);
    }
    let by_place = by_place.join(", ");

    drop(open_all_day);

    // Where names are, by the coordinator's choice: the search must find them there.
    let mut saved = Vec::new();
    walk(&day.saved, &mut saved);
    let in_saved = finder.search_files(&saved);
    let in_stdout = finder.search_files(&stdout_logs);

    let kinds_text = kinds
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect::<Vec<_>>()
        .join(", ");
    eprintln!(
        "plaintext search: {} patients, {} commands; {} needles ({kinds_text}; at least \
         {MIN_NEEDLE_BYTES} bytes); searched {} files, {} bytes ({by_place}): {} hits; \
         control: saved \
         folder {} files, {} bytes, {} hits ({} distinct needles); stdout {} files, {} hits; \
         {:.1} s",
        patients.len(),
        day.commands,
        needles.len(),
        found.files,
        found.bytes,
        found.hits.len(),
        in_saved.files,
        in_saved.bytes,
        in_saved.hits.len(),
        in_saved.distinct(),
        in_stdout.files,
        in_stdout.hits.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        found.hits.is_empty(),
        "patient data in plain text:\n{}",
        found
            .hits
            .iter()
            .take(20)
            .map(|h| format!("{} at byte {}: {:?}", h.file.display(), h.offset, h.needle))
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The saved folder proves the search: the FHIR export names every patient, and so
    // every last name in it is found (a PDF's text is compressed, so it need not be).
    let patient_file = day.saved.join("fhir").join("Patient.ndjson");
    assert!(
        in_saved
            .hits
            .iter()
            .any(|h| h.file == patient_file && h.needle == searched.mrn),
        "the search did not find {} in the FHIR export",
        searched.mrn
    );
    assert!(
        in_saved.hits.iter().any(|h| h.needle == searched.last),
        "the search did not find {} in the saved folder",
        searched.last
    );
    let saved_needles: BTreeSet<&str> = in_saved.hits.iter().map(|h| h.needle.as_str()).collect();
    let unfound: Vec<&str> = patients
        .iter()
        .map(|p| p.mrn.as_str())
        .filter(|mrn| !saved_needles.contains(mrn))
        .collect();
    assert!(
        unfound.is_empty(),
        "the FHIR export names every patient, but the search did not find {} MRNs there, \
         e.g. {:?}",
        unfound.len(),
        unfound.first()
    );
}

/// What the search found.
#[derive(Default)]
struct Found {
    files: usize,
    bytes: u64,
    hits: Vec<Hit>,
}

impl Found {
    fn distinct(&self) -> usize {
        self.hits
            .iter()
            .map(|h| h.needle.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }
}

struct Hit {
    file: PathBuf,
    offset: usize,
    needle: String,
}

/// Finds many needles in one pass over the bytes: the needles are indexed by their
/// first two bytes, so each position costs one table look-up (ciphertext almost never
/// matches a two-byte prefix) plus a comparison per needle with that prefix.
struct Finder {
    needles: Vec<Vec<u8>>,
    by_prefix: Vec<Vec<u32>>,
}

impl Finder {
    fn new<'a>(needles: impl Iterator<Item = &'a str>) -> Self {
        let needles: Vec<Vec<u8>> = needles.map(|n| n.as_bytes().to_vec()).collect();
        let mut by_prefix = vec![Vec::new(); 1 << 16];
        for (i, needle) in needles.iter().enumerate() {
            assert!(needle.len() >= 2);
            by_prefix[prefix(needle[0], needle[1])].push(u32::try_from(i).unwrap());
        }
        Finder { needles, by_prefix }
    }

    fn search_files(&self, files: &[PathBuf]) -> Found {
        let mut found = Found::default();
        for file in files {
            let bytes = std::fs::read(file).unwrap();
            found.files += 1;
            found.bytes += bytes.len() as u64;
            for window in 0..bytes.len().saturating_sub(1) {
                let candidates = &self.by_prefix[prefix(bytes[window], bytes[window + 1])];
                for &i in candidates {
                    let needle = &self.needles[i as usize];
                    if bytes[window..].starts_with(needle) {
                        found.hits.push(Hit {
                            file: file.clone(),
                            offset: window,
                            needle: String::from_utf8_lossy(needle).into_owned(),
                        });
                    }
                }
            }
        }
        found
    }
}

fn prefix(a: u8, b: u8) -> usize {
    (usize::from(a) << 8) | usize::from(b)
}

/// Every file under `folder`, however deep (symbolic links are not followed).
fn walk(folder: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries {
        let entry = entry.unwrap();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            walk(&entry.path(), files);
        } else if kind.is_file() {
            files.push(entry.path());
        }
    }
}

/// Lower-case ASCII, as the store's search index keeps names (`patients::fold`).
fn fold(text: &str) -> String {
    deunicode::deunicode(text)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
