//! Recording several measures taken at one visit: all saved together, or none.

use caseload::{ErrorCode, measures, screening};

use crate::harness::{TestStore, add, count, err, fields_of};
use crate::screening::{bp, days_ago, phq9, value};

#[test]
fn record_many_saves_every_measure_of_a_visit_together() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "S-1", "Rosa", "Delgado", "1961-04-12");
    let saved = measures::record_many(
        &mut t.store,
        &p.id,
        &[
            phq9(&p, 15, 2),
            value(&p, "a1c", "9.1", 2),
            bp(&p, "150", "95", 2),
        ],
    )
    .unwrap();
    let shown: Vec<&str> = saved.iter().map(|m| m.display.as_str()).collect();
    assert_eq!(shown, ["15 (moderately severe)", "9.1 %", "150/95 mmHg"]);
    assert!(
        saved
            .iter()
            .all(|m| m.patient_id == p.id && m.taken_on == days_ago(2))
    );
    assert_eq!(count(&t.store, "measures"), 3);
    let listed = t
        .store
        .read(|r| screening::screen_all(r, "compass"))
        .unwrap();
    assert_eq!(listed.len(), 1);
}

#[test]
fn record_many_saves_nothing_when_one_measure_is_wrong() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "S-1", "Rosa", "Delgado", "1961-04-12");
    let audit = count(&t.store, "audit_log");
    let mut bad_item = phq9(&p, 15, 2);
    bad_item.items[2] = "4".into();
    let e = err(measures::record_many(
        &mut t.store,
        &p.id,
        &[bad_item, value(&p, "a1c", "9.1", 2), bp(&p, "150", "x", 2)],
    ));
    assert_eq!(
        fields_of(&e, ErrorCode::InvalidInput),
        ["phq9.item3", "bp.diastolic"]
    );
    assert!(
        e.to_string().contains("Diastolic BP \"x\" is not a number"),
        "{e}"
    );
    assert_eq!(count(&t.store, "measures"), 0);
    assert_eq!(count(&t.store, "audit_log"), audit);

    // Two of one kind are numbered, so the form can tell them apart.
    let e = err(measures::record_many(
        &mut t.store,
        &p.id,
        &[value(&p, "a1c", "9.1", 2), value(&p, "a1c", "30", 2)],
    ));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["measure2.value"]);
    let e = err(measures::record_many(&mut t.store, &p.id, &[]));
    assert_eq!(fields_of(&e, ErrorCode::InvalidInput), ["measures"]);
    let e = err(measures::record_many(
        &mut t.store,
        "no-such-id",
        &[value(&p, "a1c", "9", 2)],
    ));
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert_eq!(count(&t.store, "measures"), 0);
}

#[test]
fn record_many_raises_a_safety_flag_in_the_same_change() {
    let mut t = TestStore::new();
    let p = add(&mut t.store, "S-1", "Rosa", "Delgado", "1961-04-12");
    let mut risky = phq9(&p, 12, 0);
    risky.items[8] = "2".into();
    measures::record_many(
        &mut t.store,
        &p.id,
        &[risky, value(&p, "weight", "82.5", 0)],
    )
    .unwrap();
    assert_eq!(count(&t.store, "safety_flags"), 1);
    assert_eq!(count(&t.store, "measures"), 2);
}
