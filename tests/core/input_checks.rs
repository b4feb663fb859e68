//! Input refused rather than quietly changed: a `--limit` outside 1–500 (CLI and core),
//! and invisible text-direction characters in a name typed at the command line or for
//! a care-team member.

use caseload::resources::{self, SearchQuery};
use caseload::{ErrorCode, care_plans};
use tempfile::TempDir;

use crate::cli_run::{caseload, fails_with_one_line, ok};
use crate::harness::{PASSPHRASE, TestStore, add, count, data_dir, err, fields_of};

fn initialised() -> (TempDir, std::path::PathBuf) {
    let tmp = TempDir::new().unwrap();
    let dir = data_dir(&tmp);
    ok(caseload(&dir, PASSPHRASE, &["init"]));
    (tmp, dir)
}

/// The one line on stderr and the exit code of a command that must fail.
#[track_caller]
fn refused(dir: &std::path::Path, args: &[&str]) -> (String, i32) {
    let out = caseload(dir, PASSPHRASE, args);
    let line = fails_with_one_line(&out);
    (line, out.status.code().unwrap_or(-1))
}

#[test]
fn a_limit_outside_1_to_500_is_refused_as_invalid_input_on_every_list() {
    let (_tmp, dir) = initialised();
    ok(caseload(
        &dir,
        PASSPHRASE,
        &[
            "patients",
            "add",
            "--mrn",
            "L-1",
            "--first",
            "Ana",
            "--last",
            "Ruiz",
            "--dob",
            "1970-01-01",
        ],
    ));
    for (list, asked) in [
        (&["patients", "list"][..], "0"),
        (&["patients", "list"][..], "501"),
        (&["patients", "list"][..], "-3"),
        (&["resources", "search"][..], "0"),
        (&["resources", "search"][..], "501"),
        (&["resources", "queue"][..], "0"),
        (&["resources", "queue"][..], "5000"),
    ] {
        let args: Vec<&str> = list.iter().copied().chain(["--limit", asked]).collect();
        let (line, code) = refused(&dir, &args);
        assert_eq!(
            line,
            format!(
                "caseload: --limit must be between 1 and 500 (got {asked}). Nothing was listed."
            ),
            "{args:?}"
        );
        assert_eq!(code, 3, "{args:?}: the exit code of invalid input");
    }
    // The edges are fine.
    for asked in ["1", "500"] {
        let out = ok(caseload(
            &dir,
            PASSPHRASE,
            &["patients", "list", "--limit", asked, "--format", "csv"],
        ));
        assert!(out.contains("L-1"), "{out}");
        ok(caseload(
            &dir,
            PASSPHRASE,
            &["resources", "search", "--limit", asked],
        ));
        ok(caseload(
            &dir,
            PASSPHRASE,
            &["resources", "queue", "--limit", asked],
        ));
    }
}

#[test]
fn the_directory_refuses_a_page_size_it_would_have_cut_down() {
    let t = TestStore::new();
    for limit in [0, 501] {
        let query = SearchQuery {
            limit: Some(limit),
            ..SearchQuery::default()
        };
        let e = err(t.store.read(|r| resources::search(r, &query)));
        assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["limit"]);
        assert!(
            e.to_string().contains(&format!("(asked for {limit})")),
            "{e}"
        );
        let e = err(t.store.read(|r| resources::verify_queue(r, limit)));
        assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["limit"]);
    }
    // Not given is the default page.
    t.store
        .read(|r| resources::search(r, &SearchQuery::default()))
        .unwrap();
    t.store.read(|r| resources::verify_queue(r, 500)).unwrap();
}

#[test]
fn patients_add_refuses_a_right_to_left_override_in_a_name_and_saves_nothing() {
    let (_tmp, dir) = initialised();
    let (line, code) = refused(
        &dir,
        &[
            "patients",
            "add",
            "--mrn",
            "B-1",
            "--first",
            "Smith\u{202E}txt",
            "--last",
            "Ruiz",
            "--dob",
            "1970-01-01",
        ],
    );
    assert_eq!(
        line,
        "caseload: First name contains an invisible text-direction or line-separator \
         character (U+202E); retype it."
    );
    assert_eq!(code, 3);
    let (line, code) = refused(
        &dir,
        &[
            "patients",
            "add",
            "--mrn",
            "B\u{2066}1",
            "--first",
            "Ana",
            "--last",
            "Ruiz",
            "--dob",
            "1970-01-01",
        ],
    );
    assert!(
        line.contains("MRN contains") && line.contains("(U+2066)"),
        "{line}"
    );
    assert_eq!(code, 3);
    let store = caseload::Store::open(&dir, PASSPHRASE).unwrap();
    assert_eq!(count(&store, "patients"), 0, "nothing was saved");
}

#[test]
fn a_care_team_members_name_with_a_direction_control_is_refused() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "M1", "Ana", "Reyes", "1970-01-01");
    let draft = care_plans::MemberDraft {
        patient_id: p.id.clone(),
        name: "Dr. Lee\u{202B}".into(),
        role: "pcp".into(),
        ..care_plans::MemberDraft::default()
    };
    let e = err(care_plans::add_member(&mut t.store, &draft));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["name"]);
    assert!(e.to_string().contains("(U+202B)"), "{e}");
    let draft = care_plans::MemberDraft {
        name: "د. ليلى حداد".into(),
        ..draft
    };
    care_plans::add_member(&mut t.store, &draft).unwrap();
}
