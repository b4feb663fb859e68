//! "My care plan" (the patient's copy, in their language and large print) and the care
//! plan's open goals and actions on the previsit agenda and the patient summary.

use std::os::unix::fs::PermissionsExt;

use caseload::care_plans::{self, ActionDraft, GoalDraft, GoalMove, MemberDraft};
use caseload::printouts::language::{self, capitalised};
use caseload::printouts::{PrintRequest, Printout};

use super::*;
use crate::cli_run::{caseload as run_cli, fails_with_one_line, ok};
use crate::harness::{PASSPHRASE, TestStore, draft};

fn day() -> Date {
    crate::harness::today()
}

fn days(n: i64) -> Date {
    day().checked_add(jiff::Span::new().days(n)).unwrap()
}

/// The clinic day's store with a plan for José Nuñez (MRN-100, who prefers Spanish)
/// and one for Zofia (MRN-101, no preferred language), a follow-up booked for José
/// ten days on, and every internal id that must never reach the patient's copy.
struct Plans {
    t: TestStore,
    jose: String,
    zofia: String,
    /// Everyone booked on the clinic day, José and Zofia first.
    booked: Vec<String>,
    /// Ids of the patients, goals, actions and team members.
    ids: Vec<String>,
}

const JOSE_WALK: &str = "Caminar a la iglesia sin pararme, como José";
const JOSE_SUGAR: &str = "Bajar el azúcar para ver crecer a mi nieta pequeña";
const JOSE_MOOD: &str = "Sentirme con ánimo otra vez";
const JOSE_CANCELLED: &str = "Volver a jugar dominó en el parque";
const JOSE_DOG: &str = "Dar un paseo pequeño con mi perro Ñandú después del almuerzo";
const JOSE_DAUGHTER: &str = "Mi hija me acompaña a caminar los domingos";
const JOSE_DONE: &str = "Comprar zapatos cómodos para caminar";
const COORDINATOR_CALLS: &str = "Buscar un programa de ejercicio para mayores";
const ZOFIA_GOAL: &str = "Sleep through the night most nights";
const ZOFIA_ACTION: &str = "Turn the phone off at ten";

fn goal(
    t: &mut TestStore,
    patient: &str,
    text: &str,
    measure: &str,
    target: &str,
    due: &str,
) -> String {
    care_plans::add_goal(
        &mut t.store,
        &GoalDraft {
            patient_id: patient.into(),
            text: text.into(),
            measure: measure.into(),
            target: target.into(),
            due: due.into(),
            ..GoalDraft::default()
        },
    )
    .unwrap()
    .id
}

fn action(t: &mut TestStore, goal: &str, owner: &str, text: &str, due: &str) -> String {
    care_plans::add_action(
        &mut t.store,
        &ActionDraft {
            goal_id: goal.into(),
            text: text.into(),
            owner: owner.into(),
            due: due.into(),
            ..ActionDraft::default()
        },
    )
    .unwrap()
    .id
}

fn member(t: &mut TestStore, patient: &str, name: &str, role: &str, phone: &str) -> String {
    care_plans::add_member(
        &mut t.store,
        &MemberDraft {
            patient_id: patient.into(),
            name: name.into(),
            role: role.into(),
            phone: phone.into(),
            organisation: String::new(),
        },
    )
    .unwrap()
    .id
}

fn plans() -> Plans {
    let (mut t, patients) = clinic_day(day());
    let (jose, zofia) = (patients[0].clone(), patients[1].clone());
    caseload::patients::update(
        &mut t.store,
        &jose,
        &caseload::patients::PatientDraft {
            preferred_language: "Spanish".into(),
            pcp_name: "Dra. Ana Ruiz".into(),
            ..draft("MRN-100", "José", "Nuñez", "1968-04-12")
        },
    )
    .unwrap();
    let mut ids = patients.clone();
    let walk = goal(&mut t, &jose, JOSE_WALK, "", "", "2027-03-01");
    let sugar = goal(&mut t, &jose, JOSE_SUGAR, "a1c", "<7.5", "");
    let mood = goal(&mut t, &jose, JOSE_MOOD, "phq9", "<5", "");
    let cancelled = goal(&mut t, &jose, JOSE_CANCELLED, "", "", "");
    ids.extend([walk.clone(), sugar.clone(), mood.clone(), cancelled.clone()]);
    ids.push(action(&mut t, &walk, "patient", JOSE_DOG, "2027-01-15"));
    ids.push(action(&mut t, &walk, "family", JOSE_DAUGHTER, ""));
    let overdue = days(-3).to_string();
    ids.push(action(
        &mut t,
        &walk,
        "coordinator",
        COORDINATOR_CALLS,
        &overdue,
    ));
    ids.push(action(&mut t, &sugar, "pcp", "Revisar mi A1c", ""));
    let done = action(&mut t, &mood, "patient", JOSE_DONE, "");
    care_plans::set_action_status(&mut t.store, &done, "completed").unwrap();
    ids.push(done);
    care_plans::move_goal(
        &mut t.store,
        &cancelled,
        &GoalMove {
            lifecycle: "cancelled".into(),
            achievement: String::new(),
        },
    )
    .unwrap();
    ids.push(member(
        &mut t,
        &jose,
        "Marta Gómez",
        "coordinator",
        "(555) 010-2233",
    ));

    let sleep = goal(&mut t, &zofia, ZOFIA_GOAL, "", "", "2027-03-01");
    ids.push(sleep.clone());
    ids.push(action(&mut t, &sleep, "patient", ZOFIA_ACTION, ""));
    ids.push(member(
        &mut t,
        &zofia,
        "Dr. Ana Ruiz",
        "pcp",
        "(555) 010-2000",
    ));

    // A follow-up for José ten days on (today's visit is not "the next one").
    import(
        &mut t.store,
        &format!(
            "Date,Time,MRN,Patient,Provider,Visit Type,Dept\n{},10:30,MRN-100,\"Nuñez, José\",Dra. Ana Ruiz,F/U 30,Family Medicine\n",
            days(10)
        ),
    );
    Plans {
        t,
        jose,
        zofia,
        booked: patients,
        ids,
    }
}

fn care_plan(store: &Store, patient: &str, language: Option<&str>) -> caseload::printouts::Printed {
    print(
        store,
        Printout::CarePlan,
        PrintRequest {
            patient_id: Some(patient.into()),
            language: language.map(str::to_owned),
            ..PrintRequest::default()
        },
    )
}

const SPANISH: [&str; 9] = [
    "Mi plan de cuidado",
    "Mis metas",
    "Lo que voy a hacer",
    "Lo que hará mi equipo de cuidado",
    "Quién me ayuda",
    "Mi próxima cita",
    "Mis preguntas",
    "Confidencial — contiene información de salud protegida",
    "Página 1 de",
];

const ENGLISH: [&str; 10] = [
    "My care plan",
    "My goals",
    "What I will do",
    "What my care team will do",
    "Who helps me",
    "My next appointment",
    "My questions",
    "Confidential",
    "Page 1 of",
    "Printed",
];

/// Nothing of the record's bookkeeping on the patient's copy.
#[track_caller]
fn nothing_internal(text: &str, ids: &[String]) {
    for id in ids {
        assert!(!text.contains(id.as_str()), "id {id} printed:\n{text}");
    }
    for word in [
        "lifecycle",
        "Lifecycle",
        "LOINC",
        "MRN",
        "Active",
        "active",
        "not started",
        "overdue",
        "flag",
        "4548-4",
        "44249-1",
        "✓",
        "✗",
    ] {
        assert!(!text.contains(word), "{word:?} printed:\n{text}");
    }
    // Dates are written out, and no value from the registry is printed (the latest
    // PHQ-9 and HbA1c of the fixture are 14 and 9.1, taken on ISO dates).
    assert!(!text.contains("9.1"), "{text}");
    for year in [day().year(), day().year() + 1] {
        assert!(!text.contains(&format!("{year}-")), "an ISO date:\n{text}");
    }
}

#[test]
fn my_care_plan_is_in_spanish_for_a_patient_who_prefers_spanish() {
    let p = plans();
    let printed = care_plan(&p.t.store, &p.jose, None);
    qpdf_ok(&printed.bytes);
    save_render(&printed.bytes, "my-care-plan-es.pdf");
    assert_eq!(printed.file_name, "my-care-plan-MRN-100.pdf");
    let text = pdftotext(&printed.bytes, None);
    let flat = flat(&text);
    for needle in SPANISH {
        assert!(flat.contains(needle), "{needle:?}:\n{text}");
    }
    for needle in [
        "José Nuñez",
        &format!("“{JOSE_WALK}”"),
        &format!("“{JOSE_SUGAR}”"),
        JOSE_DOG,
        &format!("Mi familia: {JOSE_DAUGHTER}"),
        &format!("Mi coordinador(a) de cuidado: {COORDINATOR_CALLS}"),
        "Mi médico: Revisar mi A1c",
        "Para el 1 de marzo de 2027",
        "Para el 15 de enero de 2027",
        "Mi número a alcanzar: mi A1c (azúcar en la sangre) menos de 7.5 %",
        "Mi número a alcanzar: mi puntaje de ánimo (PHQ-9) menos de 5",
        "Mi coordinador(a) de cuidado: Marta Gómez",
        "Teléfono: (555) 010-2233",
        "Mi médico: Dra. Ana Ruiz",
        "Mi clínica: Primary care clinic",
        "Con Dra. Ana Ruiz · Family Medicine",
        "Impreso el",
    ] {
        assert!(flat.contains(needle), "{needle:?}:\n{text}");
    }
    let next = capitalised(&language::ES.day_and_date(days(10)));
    assert!(
        flat.contains(&format!("{next}, a las 10:30")),
        "{next}:\n{text}"
    );
    // Closed goals and finished actions are not the patient's plan any more.
    assert!(
        !flat.contains(JOSE_CANCELLED) && !flat.contains(JOSE_DONE),
        "{text}"
    );
    for english in ENGLISH {
        assert!(!flat.contains(english), "English {english:?}:\n{text}");
    }
    for english in ["by ", "Phone", "With ", "goal"] {
        assert!(!flat.contains(english), "English {english:?}:\n{text}");
    }
    // The visit type is an EHR code, not for the patient.
    assert!(!flat.contains("F/U"), "{text}");
    nothing_internal(&text, &p.ids);
}

#[test]
fn my_care_plan_is_in_english_without_a_preferred_language() {
    let p = plans();
    let printed = care_plan(&p.t.store, &p.zofia, None);
    qpdf_ok(&printed.bytes);
    save_render(&printed.bytes, "my-care-plan-en.pdf");
    let text = pdftotext(&printed.bytes, None);
    let flat = flat(&text);
    for needle in ENGLISH.iter().chain(&[
        "Zofia Łódź-Wiśniewska",
        "“Sleep through the night most nights”",
        "By March 1, 2027",
        ZOFIA_ACTION,
        "My doctor: Dr. Ana Ruiz",
        "Phone: (555) 010-2000",
        "Confidential — contains protected health information",
    ]) {
        assert!(flat.contains(needle), "{needle:?}:\n{text}");
    }
    for spanish in SPANISH {
        assert!(!flat.contains(spanish), "Spanish {spanish:?}:\n{text}");
    }
    // Only today's visit is booked: the next one is left to be written in.
    assert!(
        flat.contains("Not booked yet. When it is, I write it here: Date Time With"),
        "{text}"
    );
    // One goal: no numbers to tie actions to goals.
    assert!(
        !flat.contains("for goal") && !flat.contains("1. “"),
        "{text}"
    );
    nothing_internal(&text, &p.ids);
}

#[test]
fn the_language_asked_for_beats_the_preferred_one() {
    let p = plans();
    let english = pdftotext(&care_plan(&p.t.store, &p.jose, Some("en")).bytes, None);
    assert!(
        english.contains("My goals") && !english.contains("Mis metas"),
        "{english}"
    );
    // The patient's own words stay as they said them.
    assert!(flat(&english).contains(JOSE_WALK), "{english}");
    assert!(flat(&english).contains("for goal 1"), "{english}");
    let spanish = pdftotext(
        &care_plan(&p.t.store, &p.zofia, Some("Español")).bytes,
        None,
    );
    assert!(
        spanish.contains("Mis metas") && !spanish.contains("My goals"),
        "{spanish}"
    );
    let refused = caseload::printouts::print(
        &p.t.store,
        Printout::CarePlan,
        &PrintRequest {
            patient_id: Some(p.jose.clone()),
            language: Some("fr".into()),
            ..PrintRequest::default()
        },
    )
    .unwrap_err();
    assert!(refused.to_string().contains("en, es"), "{refused}");
    let no_patient =
        caseload::printouts::print(&p.t.store, Printout::CarePlan, &PrintRequest::default())
            .unwrap_err();
    assert!(no_patient.to_string().contains("care plan"), "{no_patient}");
}

/// The words of a PDF with their boxes (`pdftotext -bbox`): text, top, bottom.
fn word_boxes(bytes: &[u8]) -> Vec<(String, f32, f32)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-bbox")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup.sh");
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |tag: &str, name: &str| -> f32 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .map(|w| {
            let (tag, rest) = w.split_once('>').unwrap();
            let text = rest.split('<').next().unwrap().to_owned();
            (text, attr(tag, "yMin"), attr(tag, "yMax"))
        })
        .collect()
}

/// The smallest type in the body of the pages (between the frame's header and footer),
/// in points: DejaVu Sans's box is 1.164 em tall (ascent 0.928, descent 0.236).
fn smallest_body_type(bytes: &[u8]) -> f32 {
    let (header, footer) = (80.0, 792.0 - 36.0 - 24.0);
    word_boxes(bytes)
        .into_iter()
        .filter(|(_, top, bottom)| *top >= header - 1.0 && *bottom <= footer)
        .map(|(_, top, bottom)| (bottom - top) / 1.164)
        .fold(f32::INFINITY, f32::min)
}

#[test]
fn my_care_plan_is_in_large_type_and_the_agenda_is_not() {
    let p = plans();
    for patient in [&p.jose, &p.zofia] {
        let printed = care_plan(&p.t.store, patient, None);
        let smallest = smallest_body_type(&printed.bytes);
        assert!(
            smallest >= 13.9,
            "body type {smallest} pt: large print is 14 pt"
        );
    }
    // The measure tells small type from large: the agenda's body is 9 pt.
    let agenda = print(
        &p.t.store,
        Printout::Agenda,
        PrintRequest {
            patient_id: Some(p.jose.clone()),
            ..PrintRequest::default()
        },
    );
    let smallest = smallest_body_type(&agenda.bytes);
    assert!(smallest < 10.0, "{smallest}");
}

#[test]
fn agenda_and_summary_show_the_open_plan_for_the_care_team() {
    let p = plans();
    let one = |kind| {
        let printed = print(
            &p.t.store,
            kind,
            PrintRequest {
                patient_id: Some(p.jose.clone()),
                ..PrintRequest::default()
            },
        );
        qpdf_ok(&printed.bytes);
        flat(&pdftotext(&printed.bytes, None))
    };
    let overdue = days(-3);
    for (kind, text) in [
        (Printout::Agenda, one(Printout::Agenda)),
        (Printout::Summary, one(Printout::Summary)),
    ] {
        for needle in [
            "Care plan",
            &format!("“{JOSE_WALK}”"),
            "due 2027-03-01",
            &format!("Patient: {JOSE_DOG} · due 2027-01-15"),
            &format!("Family: {JOSE_DAUGHTER}"),
            &format!("Care coordinator: {COORDINATOR_CALLS} · due {overdue} · overdue 3 days"),
            "HbA1c < 7.5 % · latest 9.1 % on",
            "✗ not met",
        ] {
            assert!(text.contains(needle), "{kind:?}: {needle:?}:\n{text}");
        }
        assert!(
            !text.contains(JOSE_CANCELLED),
            "{kind:?}: cancelled goal:\n{text}"
        );
        assert!(
            !text.contains(JOSE_DONE),
            "{kind:?}: completed action:\n{text}"
        );
        assert!(!text.contains("open care-plan goals"), "{kind:?}:\n{text}");
    }
    // The prep list keeps its overdue care-plan action too.
    assert!(one(Printout::Agenda).contains("Care-plan action overdue"));
    // A patient without a plan: one line, with the other empty sections.
    let printed = print(
        &p.t.store,
        Printout::Summary,
        PrintRequest {
            patient_id: Some(p.booked[2].clone()),
            ..PrintRequest::default()
        },
    );
    let text = flat(&pdftotext(&printed.bytes, None));
    assert!(text.contains("open care-plan goals."), "{text}");
    assert!(!text.contains("Care plan "), "{text}");
}

#[test]
fn print_careplan_from_the_shell_writes_a_private_pdf() {
    let p = plans();
    let dir = p.t.dir();
    let TestStore { store, tmp: _tmp } = p.t;
    drop(store);
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("plan.pdf");
    let path = file.to_str().unwrap();
    let said = ok(run_cli(
        &dir,
        PASSPHRASE,
        &["print", "careplan", "--mrn", "MRN-100", "--out", path],
    ));
    assert!(said.contains("Wrote my-care-plan-MRN-100"), "{said}");
    let bytes = std::fs::read(&file).unwrap();
    qpdf_ok(&bytes);
    assert!(pdftotext(&bytes, None).contains("Mis metas"));
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a printout holds PHI: owner-only");

    ok(run_cli(
        &dir,
        PASSPHRASE,
        &[
            "print",
            "careplan",
            "--mrn",
            "MRN-100",
            "--language",
            "en",
            "--out",
            path,
        ],
    ));
    let english = pdftotext(&std::fs::read(&file).unwrap(), None);
    assert!(
        english.contains("My goals") && !english.contains("Mis metas"),
        "{english}"
    );

    let line = fails_with_one_line(&run_cli(
        &dir,
        PASSPHRASE,
        &[
            "print",
            "careplan",
            "--out",
            out.path().join("x.pdf").to_str().unwrap(),
        ],
    ));
    assert!(line.contains("--mrn"), "{line}");
    let line = fails_with_one_line(&run_cli(
        &dir,
        PASSPHRASE,
        &[
            "print",
            "huddle",
            "--language",
            "es",
            "--out",
            out.path().join("y.pdf").to_str().unwrap(),
        ],
    ));
    assert!(line.contains("--language"), "{line}");
    let line = fails_with_one_line(&run_cli(
        &dir,
        PASSPHRASE,
        &[
            "print",
            "careplan",
            "--mrn",
            "MRN-100",
            "--language",
            "fr",
            "--out",
            out.path().join("z.pdf").to_str().unwrap(),
        ],
    ));
    assert!(line.contains("en, es"), "{line}");
    assert!(!out.path().join("x.pdf").exists() && !out.path().join("z.pdf").exists());
}
