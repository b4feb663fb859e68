//! The questionnaires as published: item wordings (shortened, as the entry form shows
//! them), the answer scale, and the severity bands of the total.
//! PHQ-9 — nine items 0–3, total 0–27, bands 0–4 minimal, 5–9 mild, 10–14 moderate,
//! 15–19 moderately severe, 20–27 severe; GAD-7 — seven items 0–3, total 0–21, bands
//! 0–4, 5–9, 10–14, 15–21 (product.md, "Clinical facts to get right").

use serde::Serialize;

use super::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Band {
    Minimal,
    Mild,
    Moderate,
    ModeratelySevere,
    Severe,
}

impl Band {
    pub fn label(self) -> &'static str {
        match self {
            Band::Minimal => "minimal",
            Band::Mild => "mild",
            Band::Moderate => "moderate",
            Band::ModeratelySevere => "moderately severe",
            Band::Severe => "severe",
        }
    }
}

/// Each answer is scored 0–3 ("over the last 2 weeks, how often…").
pub const ANSWERS: [(u8, &str); 4] = [
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
];

const PHQ9_ITEMS: [&str; 9] = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself, or that you are a failure",
    "Trouble concentrating on things",
    "Moving or speaking slowly, or being fidgety or restless",
    "Thoughts of being better off dead, or of hurting yourself",
];

const GAD7_ITEMS: [&str; 7] = [
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid, as if something awful might happen",
];

const PHQ9_BANDS: [(u8, u8, Band); 5] = [
    (0, 4, Band::Minimal),
    (5, 9, Band::Mild),
    (10, 14, Band::Moderate),
    (15, 19, Band::ModeratelySevere),
    (20, 27, Band::Severe),
];

const GAD7_BANDS: [(u8, u8, Band); 4] = [
    (0, 4, Band::Minimal),
    (5, 9, Band::Mild),
    (10, 14, Band::Moderate),
    (15, 21, Band::Severe),
];

/// An item that must not go unasked. PHQ-9 item 9 asks about thoughts of self-harm: a
/// questionnaire saved without it is incomplete (unscored) like any other, but a blank
/// item 9 also hides the one answer that needs same-day follow-up, so it is said at
/// entry and stays on the patient and on Today until a PHQ-9 with it is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MustAnswer {
    /// The item's number as the form shows it (1 = the first).
    pub item: u8,
    /// What the patient shows while their latest questionnaire left it blank.
    pub label: &'static str,
    /// Said when a questionnaire is saved (or about to be) without it.
    pub warning: &'static str,
}

/// PHQ-9 item 9, "thoughts of being better off dead, or of hurting yourself".
pub const PHQ9_ITEM9: MustAnswer = MustAnswer {
    item: 9,
    label: "PHQ-9 item 9 not answered",
    warning: "PHQ-9 item 9 (thoughts of self-harm) was not answered. Ask it today; the \
              patient will show \"PHQ-9 item 9 not answered\" until a PHQ-9 with item 9 is \
              recorded.",
};

/// The item of `kind` that must not be left blank, if it has one.
pub fn must_answer(kind: Kind) -> Option<MustAnswer> {
    match kind {
        Kind::Phq9 => Some(PHQ9_ITEM9),
        _ => None,
    }
}

/// The warning for a questionnaire of `kind` saved with these item scores: its
/// must-answer item left blank. Nothing for a measured value or a full answer.
pub fn unanswered_warning(kind: Kind, items: &[Option<u8>]) -> Option<&'static str> {
    let must = must_answer(kind)?;
    // A list cut short leaves the item blank too.
    let answered = items
        .get(usize::from(must.item) - 1)
        .copied()
        .flatten()
        .is_some();
    (!answered).then_some(must.warning)
}

/// The item wordings of a questionnaire, `None` for a measured value.
pub fn items(kind: Kind) -> Option<&'static [&'static str]> {
    match kind {
        Kind::Phq9 => Some(&PHQ9_ITEMS),
        Kind::Gad7 => Some(&GAD7_ITEMS),
        _ => None,
    }
}

/// The bands of a questionnaire's total as (from, to inclusive, band); empty otherwise.
pub fn bands(kind: Kind) -> &'static [(u8, u8, Band)] {
    match kind {
        Kind::Phq9 => &PHQ9_BANDS,
        Kind::Gad7 => &GAD7_BANDS,
        _ => &[],
    }
}

/// The highest total a questionnaire can reach (3 points an item).
pub fn max_total(kind: Kind) -> Option<u8> {
    items(kind).map(|items| 3 * items.len() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_phq9_without_item_9_is_warned_about() {
        let mut scores = vec![Some(1); 9];
        assert_eq!(unanswered_warning(Kind::Phq9, &scores), None);
        scores[2] = None;
        assert_eq!(
            unanswered_warning(Kind::Phq9, &scores),
            None,
            "item 3 is not item 9"
        );
        scores[8] = None;
        assert_eq!(
            unanswered_warning(Kind::Phq9, &scores),
            Some(PHQ9_ITEM9.warning)
        );
        assert_eq!(
            unanswered_warning(Kind::Phq9, &[Some(1); 8]),
            Some(PHQ9_ITEM9.warning),
            "eight answers leave item 9 blank"
        );
        assert_eq!(unanswered_warning(Kind::Gad7, &[None; 7]), None);
        assert!(
            PHQ9_ITEM9
                .warning
                .contains(&format!("\"{}\"", PHQ9_ITEM9.label))
        );
        assert!(
            PHQ9_ITEM9.warning.starts_with(
                "PHQ-9 item 9 (thoughts of self-harm) was not answered. Ask it today;"
            )
        );
        assert_eq!(
            items(Kind::Phq9).map(<[_]>::len),
            Some(usize::from(PHQ9_ITEM9.item))
        );
    }
}
