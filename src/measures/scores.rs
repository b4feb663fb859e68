//! Questionnaire scoring exactly as published (product.md, "Clinical facts to get right"):
//! PHQ-9 — nine items 0–3, total 0–27, bands 0–4 minimal, 5–9 mild, 10–14 moderate,
//! 15–19 moderately severe, 20–27 severe; GAD-7 — seven items 0–3, total 0–21, bands
//! 0–4, 5–9, 10–14, 15–21. Response is a drop of at least 50 % from the enrollment
//! baseline; remission is a PHQ-9 total below 5.

use super::Kind;

/// PHQ-9 total below this is remission.
pub const REMISSION_BELOW: f64 = 5.0;
/// A drop from baseline of at least this share is a response.
pub const RESPONSE_DROP: f64 = 0.5;

pub use crate::catalogue::Band;

/// The severity band of a complete questionnaire's total.
/// The cut points are the catalogue's (`crate::catalogue::questionnaire`).
pub fn band(kind: Kind, total: u8) -> Option<Band> {
    crate::catalogue::questionnaire::bands(kind)
        .iter()
        .find(|(from, to, _)| (*from..=*to).contains(&total))
        .map(|(_, _, band)| *band)
}

/// The total of a questionnaire, or `None` when any item is unanswered: an incomplete
/// questionnaire is kept but never scored.
pub fn total(items: &[Option<u8>]) -> Option<u8> {
    items.iter().try_fold(0u8, |sum, item| Some(sum + (*item)?))
}

/// PHQ-9 item 9 ("thoughts that you would be better off dead or of hurting yourself").
pub fn item9(items: &[Option<u8>]) -> Option<u8> {
    items.get(8).copied().flatten()
}

/// Change from `baseline` to `latest` in percent (negative = better); `None` when the
/// baseline is 0, where a relative change means nothing.
pub fn percent_change(baseline: f64, latest: f64) -> Option<f64> {
    (baseline > 0.0).then(|| (latest - baseline) / baseline * 100.0)
}

/// Response: the total dropped by at least 50 % of the baseline.
pub fn is_response(baseline: f64, latest: f64) -> bool {
    baseline > 0.0 && latest <= baseline * (1.0 - RESPONSE_DROP)
}

/// Remission: the total is below 5.
pub fn is_remission(latest: f64) -> bool {
    latest < REMISSION_BELOW
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phq9_bands_follow_the_published_cut_points() {
        let expect = [
            (0, Band::Minimal),
            (4, Band::Minimal),
            (5, Band::Mild),
            (9, Band::Mild),
            (10, Band::Moderate),
            (14, Band::Moderate),
            (15, Band::ModeratelySevere),
            (19, Band::ModeratelySevere),
            (20, Band::Severe),
            (27, Band::Severe),
        ];
        for (total, want) in expect {
            assert_eq!(band(Kind::Phq9, total), Some(want), "PHQ-9 {total}");
        }
        assert_eq!(band(Kind::Phq9, 28), None);
    }

    #[test]
    fn gad7_bands_have_no_moderately_severe() {
        let expect = [
            (4, Band::Minimal),
            (5, Band::Mild),
            (9, Band::Mild),
            (10, Band::Moderate),
            (14, Band::Moderate),
            (15, Band::Severe),
            (21, Band::Severe),
        ];
        for (total, want) in expect {
            assert_eq!(band(Kind::Gad7, total), Some(want), "GAD-7 {total}");
        }
        assert_eq!(band(Kind::Gad7, 22), None);
        assert_eq!(band(Kind::A1c, 5), None);
    }

    #[test]
    fn total_needs_every_item() {
        assert_eq!(total(&[Some(3); 9]), Some(27));
        assert_eq!(total(&[Some(0); 9]), Some(0));
        let mut missing = [Some(1); 9];
        missing[4] = None;
        assert_eq!(total(&missing), None);
    }

    #[test]
    fn item9_is_the_ninth_item() {
        let mut items = [Some(0); 9];
        items[8] = Some(2);
        assert_eq!(item9(&items), Some(2));
        items[8] = None;
        assert_eq!(item9(&items), None);
    }

    #[test]
    fn response_is_a_drop_of_at_least_half() {
        assert!(is_response(20.0, 10.0), "exactly 50 % is a response");
        assert!(!is_response(20.0, 11.0));
        assert!(is_response(15.0, 7.0), "53 %");
        assert!(!is_response(15.0, 8.0), "47 %");
        assert!(!is_response(0.0, 0.0));
    }

    #[test]
    fn remission_is_below_five() {
        assert!(is_remission(4.0));
        assert!(!is_remission(5.0));
    }

    #[test]
    fn percent_change_is_relative_to_baseline() {
        assert_eq!(percent_change(20.0, 10.0), Some(-50.0));
        assert_eq!(percent_change(10.0, 12.0), Some(20.0));
        assert_eq!(percent_change(0.0, 3.0), None);
    }
}
