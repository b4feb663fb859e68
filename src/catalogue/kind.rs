//! What the registry records: the measure kinds, their units and LOINC codes, and the
//! quantities each one carries.

use serde::{Deserialize, Serialize};

use super::Quantity;

/// What was measured. Blood pressure is one measure with two numbers (systolic and
/// diastolic), as it is taken and as FHIR codes it (panel 85354-9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Phq9,
    Gad7,
    A1c,
    Bp,
    Ldl,
    Weight,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Phq9,
        Kind::Gad7,
        Kind::A1c,
        Kind::Bp,
        Kind::Ldl,
        Kind::Weight,
    ];

    /// The stored and serialised name (`measures.kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Phq9 => "phq9",
            Kind::Gad7 => "gad7",
            Kind::A1c => "a1c",
            Kind::Bp => "bp",
            Kind::Ldl => "ldl",
            Kind::Weight => "weight",
        }
    }

    /// A kind as stored (`measures.kind`): the exact name, no allocation, for the
    /// hot loops that read thousands of rows.
    pub fn from_stored(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// A kind as a person or a file writes it: "PHQ-9", "HbA1c", "blood pressure".
    pub fn parse(text: &str) -> Option<Kind> {
        let folded = text.trim().to_ascii_lowercase().replace(['-', ' '], "");
        Kind::ALL.into_iter().find(|k| {
            k.as_str() == folded || (folded == "hba1c" && *k == Kind::A1c) || {
                folded == "bloodpressure" && *k == Kind::Bp
            }
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Phq9 => "PHQ-9",
            Kind::Gad7 => "GAD-7",
            Kind::A1c => "HbA1c",
            Kind::Bp => "Blood pressure",
            Kind::Ldl => "LDL",
            Kind::Weight => "Weight",
        }
    }

    /// The unit as printed after a value ("" for questionnaire scores).
    pub fn unit(self) -> &'static str {
        match self {
            Kind::Phq9 | Kind::Gad7 => "",
            Kind::A1c => "%",
            Kind::Bp => "mmHg",
            Kind::Ldl => "mg/dL",
            Kind::Weight => "kg",
        }
    }

    /// LOINC code of the total / panel (product.md, "Clinical facts").
    pub fn loinc(self) -> &'static str {
        match self {
            Kind::Phq9 => "44261-6",
            Kind::Gad7 => "70274-6",
            Kind::A1c => "4548-4",
            Kind::Bp => "85354-9",
            Kind::Ldl => "13457-7",
            Kind::Weight => "29463-7",
        }
    }

    /// Number of items for a questionnaire; `None` for a measured value.
    pub fn item_count(self) -> Option<usize> {
        super::questionnaire::items(self).map(<[&str]>::len)
    }

    /// The numbers this measure records, in stored order (`value`, then `value2`).
    pub fn quantities(self) -> &'static [Quantity] {
        match self {
            Kind::Phq9 => &[Quantity::Phq9],
            Kind::Gad7 => &[Quantity::Gad7],
            Kind::A1c => &[Quantity::A1c],
            Kind::Bp => &[Quantity::Sbp, Quantity::Dbp],
            Kind::Ldl => &[Quantity::Ldl],
            Kind::Weight => &[Quantity::Weight],
        }
    }

    /// The plausible range a single-number measure is checked against on entry
    /// (`None` for questionnaires, scored from items, and blood pressure, two numbers).
    pub fn range(self) -> Option<(f64, f64)> {
        match self.quantities() {
            [one] if self.item_count().is_none() => Some(one.range()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_accept_common_spellings() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("PHQ-9"), Some(Kind::Phq9));
        assert_eq!(Kind::parse("HbA1c"), Some(Kind::A1c));
        assert_eq!(Kind::parse("blood pressure"), Some(Kind::Bp));
        assert_eq!(Kind::parse("glucose"), None);
        assert_eq!(Kind::from_stored("bp"), Some(Kind::Bp));
        assert_eq!(Kind::from_stored("BP"), None, "stored names are exact");
    }

    #[test]
    fn loinc_codes_are_the_published_ones() {
        assert_eq!(Kind::Phq9.loinc(), "44261-6");
        assert_eq!(Kind::Gad7.loinc(), "70274-6");
        assert_eq!(Kind::A1c.loinc(), "4548-4");
        assert_eq!(Kind::Bp.loinc(), "85354-9");
        assert_eq!(Kind::Ldl.loinc(), "13457-7");
        assert_eq!(Kind::Weight.loinc(), "29463-7");
        assert_eq!(Quantity::Sbp.loinc(), "8480-6");
        assert_eq!(Quantity::Dbp.loinc(), "8462-4");
    }

    #[test]
    fn every_quantity_belongs_to_the_kind_that_lists_it() {
        for q in Quantity::ALL {
            assert!(q.kind().quantities().contains(&q), "{q:?}");
        }
        let listed: usize = Kind::ALL.iter().map(|k| k.quantities().len()).sum();
        assert_eq!(listed, Quantity::ALL.len());
    }

    #[test]
    fn entry_ranges_are_the_published_ones() {
        assert_eq!(Kind::A1c.range(), Some((3.0, 20.0)));
        assert_eq!(Kind::Ldl.range(), Some((10.0, 500.0)));
        assert_eq!(Kind::Weight.range(), Some((20.0, 350.0)));
        assert_eq!(Kind::Phq9.range(), None);
        assert_eq!(Kind::Bp.range(), None);
        assert_eq!(Quantity::Sbp.range(), (60.0, 260.0));
        assert_eq!(Quantity::Dbp.range(), (30.0, 160.0));
        assert_eq!(Kind::Phq9.item_count(), Some(9));
        assert_eq!(Kind::Gad7.item_count(), Some(7));
    }
}
