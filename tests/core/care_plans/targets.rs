//! A goal tied to a registry measure is judged from the registry (never typed twice),
//! and the patient's own "below" target replaces the program's in the flag engine,
//! the registry overview and the visit line, saying so.

use caseload::care_plans::{self, GoalMove};
use caseload::flags::{self, FlagKind};
use caseload::{measures, pages};

use super::{activate, goal_with_target};
use crate::harness::{TestStore, add};
use crate::screening::{bp, days_ago, phq9, value};

#[test]
fn a_phq9_goal_reports_met_or_not_met_from_the_registry() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "T-1", "Rosa", "Delgado", "1961-04-12");
    let g = goal_with_target(&mut t.store, &p.id, "phq9", "<5");
    assert!(g.standing.is_none(), "nothing on record yet");

    measures::record(&mut t.store, &phq9(&p, 12, 30)).unwrap();
    let g = t.store.read(|r| care_plans::goal(r, &g.id)).unwrap();
    let s = g.standing.unwrap();
    assert_eq!((s.value, s.met), (12.0, false));
    assert_eq!(s.text, format!("12 on {}", days_ago(30)));

    // At the edge: 5 is not below 5; 4 is.
    measures::record(&mut t.store, &phq9(&p, 5, 10)).unwrap();
    let read = |t: &TestStore| {
        t.store
            .read(|r| care_plans::goal(r, &g.id))
            .unwrap()
            .standing
            .unwrap()
    };
    assert!(!read(&t).met);
    let m = measures::record(&mut t.store, &phq9(&p, 4, 2)).unwrap();
    assert!(read(&t).met);

    // Corrected or removed values are not read; an incomplete PHQ-9 is no score.
    measures::remove(&mut t.store, &m.id, "Entered on the wrong day").unwrap();
    assert_eq!(read(&t).value, 5.0);
    let mut incomplete = phq9(&p, 0, 1);
    incomplete.items[3] = String::new();
    measures::record(&mut t.store, &incomplete).unwrap();
    assert_eq!(read(&t).value, 5.0);

    // A past day's plan reads the registry as it was then.
    let then = t
        .store
        .read_on(caseload::dates::parse(&days_ago(20)).unwrap(), |r| {
            care_plans::goal(r, &g.id)
        })
        .unwrap();
    assert_eq!(then.standing.unwrap().value, 12.0);
}

#[test]
fn a_diastolic_target_reads_the_second_number_of_a_blood_pressure() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "T-1", "Rosa", "Delgado", "1961-04-12");
    measures::record(&mut t.store, &bp(&p, "150", "85", 3)).unwrap();
    let g = goal_with_target(&mut t.store, &p.id, "dbp", "<90");
    let s = g.standing.unwrap();
    assert_eq!((s.value, s.met), (85.0, true));
    assert_eq!(g.target.unwrap().text, "Diastolic BP < 90 mmHg");
}

fn a1c_flag(t: &TestStore, patient_id: &str) -> Option<String> {
    t.store
        .read(|r| flags::for_patient(r, patient_id))
        .unwrap()
        .flags
        .into_iter()
        .find(|f| f.kind == FlagKind::A1cAboveTarget)
        .map(|f| f.detail)
}

#[test]
fn the_patients_own_target_changes_the_flag_and_says_so() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "T-1", "Rosa", "Delgado", "1961-04-12");
    activate(&mut t.store, &p.id, &days_ago(60));
    measures::record(&mut t.store, &value(&p, "a1c", "7.8", 5)).unwrap();
    assert_eq!(a1c_flag(&t, &p.id), None, "7.8 is below COMPASS's 8");

    let g = goal_with_target(&mut t.store, &p.id, "a1c", "<7.5");
    assert!(g.own_target);
    let detail = a1c_flag(&t, &p.id).expect("7.8 is above the patient's own 7.5");
    assert!(detail.contains("own target below 7.5 %"), "{detail}");

    let overview = t
        .store
        .read(|r| pages::patient::overview(r, &p.id))
        .unwrap();
    assert_eq!(
        overview.targets.unwrap().a1c_below,
        7.5,
        "charts draw the own target"
    );
    assert_eq!(overview.own_targets.a1c_below, Some(7.5));
    assert_eq!(overview.own_targets.phq9_below, None);
    let visit = t
        .store
        .read(|r| pages::coming_in::visits(r, std::slice::from_ref(&p.id)))
        .unwrap();
    let a1c = visit[0].a1c.as_ref().unwrap();
    assert_eq!(a1c.target.as_deref(), Some("< 7.5 % (own)"));
    assert_eq!(a1c.at_target, Some(false));

    // A proposed goal is not yet agreed; a completed or cancelled one no longer applies.
    for (lifecycle, achievement) in [("on-hold", ""), ("cancelled", "")] {
        care_plans::move_goal(
            &mut t.store,
            &g.id,
            &GoalMove {
                lifecycle: lifecycle.into(),
                achievement: achievement.into(),
            },
        )
        .unwrap();
        let flagged = a1c_flag(&t, &p.id).is_some();
        assert_eq!(flagged, lifecycle == "on-hold", "{lifecycle}");
    }
    let proposed = care_plans::add_goal(
        &mut t.store,
        &care_plans::GoalDraft {
            patient_id: p.id.clone(),
            text: "Get my sugar down".into(),
            measure: "a1c".into(),
            target: "<7".into(),
            lifecycle: "proposed".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!proposed.own_target);
    assert_eq!(a1c_flag(&t, &p.id), None);
}

#[test]
fn only_below_targets_on_program_measures_replace_the_programs() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "T-1", "Rosa", "Delgado", "1961-04-12");
    activate(&mut t.store, &p.id, &days_ago(60));
    measures::record(&mut t.store, &value(&p, "a1c", "7.8", 5)).unwrap();
    let at_most = goal_with_target(&mut t.store, &p.id, "a1c", "<=7.5");
    let weight = goal_with_target(&mut t.store, &p.id, "weight", "<90");
    assert!(!at_most.own_target && !weight.own_target);
    assert_eq!(a1c_flag(&t, &p.id), None);
    let own = t.store.read(|r| care_plans::own_targets(r, None)).unwrap();
    assert!(!own.contains_key(&p.id));
}

#[test]
fn the_agenda_prints_the_patients_own_target_as_theirs() {
    use caseload::printouts::{PrintRequest, Printout};

    use crate::printouts::{flat, pdftotext, print};

    let mut t = TestStore::new();
    let p = add(&mut t.store, "T-1", "Rosa", "Delgado", "1961-04-12");
    activate(&mut t.store, &p.id, &days_ago(60));
    measures::record(&mut t.store, &value(&p, "a1c", "7.8", 40)).unwrap();
    measures::record(&mut t.store, &value(&p, "a1c", "7.9", 5)).unwrap();
    let agenda = |t: &TestStore| {
        let printed = print(
            &t.store,
            Printout::Agenda,
            PrintRequest {
                patient_id: Some(p.id.clone()),
                ..PrintRequest::default()
            },
        );
        flat(&pdftotext(&printed.bytes, None))
    };
    let before = agenda(&t);
    assert!(before.contains("target < 8 %"), "{before}");
    assert!(!before.contains("own"), "{before}");

    goal_with_target(&mut t.store, &p.id, "a1c", "<7.5");
    let after = agenda(&t);
    assert!(
        after.contains("target < 7.5 % (own)"),
        "latest values: {after}"
    );
    assert!(
        after.contains("own target < 7.5 %"),
        "the trend chart: {after}"
    );
}
