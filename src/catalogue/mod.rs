//! The measure catalogue: the one place that says what Caseload measures — each kind's
//! label, unit, LOINC code, questionnaire items and bands, and the quantities (single
//! numbers) it carries with their entry ranges and the program targets that judge
//! them. Entry checks, program criteria and their editor, the flag rules, the CLI and
//! the UI (through the `measure_catalogue` command) all read it; nothing else keeps a
//! table of its own. Imports, FHIR export and printouts read it too.
//!
//! It depends on nothing else in the crate.

mod kind;
mod quantity;
pub mod questionnaire;

use serde::Serialize;

pub use kind::Kind;
pub use quantity::{Component, Quantity, TargetKey};
pub use questionnaire::{Band, MustAnswer};

/// The whole catalogue as the UI receives it.
#[derive(Debug, Clone, Serialize)]
pub struct Catalogue {
    pub kinds: Vec<KindEntry>,
    pub quantities: Vec<QuantityEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindEntry {
    pub kind: Kind,
    pub label: &'static str,
    pub unit: &'static str,
    pub loinc: &'static str,
    pub questionnaire: Option<QuestionnaireEntry>,
    pub bands: Vec<BandEntry>,
    /// The fixed chart axis of a questionnaire (0 to its highest total); measured
    /// values are scaled to their data.
    pub axis: Option<Axis>,
    pub quantities: Vec<Quantity>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireEntry {
    pub items: Vec<&'static str>,
    pub answers: Vec<Answer>,
    pub max_total: u8,
    /// The item the form warns about while it is blank (PHQ-9 item 9), with the warning.
    pub must_answer: Option<MustAnswer>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub value: u8,
    pub label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct BandEntry {
    pub from: u8,
    pub to: u8,
    pub band: Band,
    pub label: &'static str,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Axis {
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuantityEntry {
    pub quantity: Quantity,
    pub kind: Kind,
    pub label: &'static str,
    pub short_label: &'static str,
    pub unit: &'static str,
    pub range: (f64, f64),
    pub loinc: &'static str,
    pub component: Component,
    pub target: Option<TargetKey>,
    pub questionnaire: bool,
}

/// Everything in the catalogue, in display order.
pub fn describe() -> Catalogue {
    Catalogue {
        kinds: Kind::ALL.into_iter().map(kind_entry).collect(),
        quantities: Quantity::ALL
            .into_iter()
            .map(|q| QuantityEntry {
                quantity: q,
                kind: q.kind(),
                label: q.label(),
                short_label: q.short_label(),
                unit: q.unit(),
                range: q.range(),
                loinc: q.loinc(),
                component: q.component(),
                target: q.target(),
                questionnaire: q.kind().item_count().is_some(),
            })
            .collect(),
    }
}

fn kind_entry(kind: Kind) -> KindEntry {
    let max_total = questionnaire::max_total(kind);
    KindEntry {
        kind,
        label: kind.label(),
        unit: kind.unit(),
        loinc: kind.loinc(),
        questionnaire: questionnaire::items(kind)
            .zip(max_total)
            .map(|(items, max)| QuestionnaireEntry {
                items: items.to_vec(),
                answers: questionnaire::ANSWERS
                    .iter()
                    .map(|&(value, label)| Answer { value, label })
                    .collect(),
                max_total: max,
                must_answer: questionnaire::must_answer(kind),
            }),
        bands: questionnaire::bands(kind)
            .iter()
            .map(|&(from, to, band)| BandEntry {
                from,
                to,
                band,
                label: band.label(),
            })
            .collect(),
        axis: max_total.map(|max| Axis {
            min: 0.0,
            max: f64::from(max),
        }),
        quantities: kind.quantities().to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_cover_every_total_once_and_end_at_the_highest_total() {
        for kind in [Kind::Phq9, Kind::Gad7] {
            let max = questionnaire::max_total(kind).unwrap_or_default();
            let bands = questionnaire::bands(kind);
            let mut next = 0;
            for (from, to, _) in bands {
                assert_eq!(*from, next, "{kind:?} has a gap or overlap at {from}");
                next = to + 1;
            }
            assert_eq!(next - 1, max, "{kind:?}");
        }
        assert_eq!(questionnaire::max_total(Kind::Phq9), Some(27));
        assert_eq!(questionnaire::max_total(Kind::Gad7), Some(21));
    }

    #[test]
    fn the_served_catalogue_lists_every_kind_and_quantity_with_its_ranges() {
        let c = describe();
        assert_eq!(c.kinds.len(), Kind::ALL.len());
        assert_eq!(c.quantities.len(), Quantity::ALL.len());
        let json = serde_json::to_value(&c).unwrap_or_default();
        let bp = &json["kinds"][3];
        assert_eq!(bp["kind"], "bp");
        assert_eq!(bp["quantities"], serde_json::json!(["sbp", "dbp"]));
        let dbp = &json["quantities"][4];
        assert_eq!(dbp["quantity"], "dbp");
        assert_eq!(dbp["component"], "value2");
        assert_eq!(dbp["target"], "dbp_below");
        assert_eq!(dbp["range"], serde_json::json!([30.0, 160.0]));
        assert_eq!(
            json["kinds"][0]["questionnaire"]["items"][8],
            "Thoughts of being better off dead, or of hurting yourself"
        );
        assert_eq!(json["kinds"][0]["axis"]["max"], 27.0);
        let must = &json["kinds"][0]["questionnaire"]["must_answer"];
        assert_eq!(must["item"], 9);
        assert_eq!(must["label"], "PHQ-9 item 9 not answered");
        assert!(json["kinds"][1]["questionnaire"]["must_answer"].is_null());
        assert!(json["kinds"][2]["questionnaire"].is_null());
    }
}
