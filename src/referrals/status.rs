//! The referral status machine.

use crate::terms::terms;

terms!(
    /// Where a referral stands.
    ReferralStatus, "referral status" {
        Suggested = "suggested", "Suggested";
        Referred = "referred", "Referred";
        Contacted = "contacted", "Contacted";
        Connected = "connected", "Connected";
        CouldNotConnect = "could-not-connect", "Could not connect";
    }
);

terms!(
    /// Why a referral could not connect.
    CouldNotConnect, "reason a referral could not connect" {
        NoCapacity = "no-capacity", "No capacity";
        NotEligible = "not-eligible", "Not eligible";
        PatientDeclined = "patient-declined", "Patient declined";
        NoResponse = "no-response", "No response";
        Other = "other", "Other";
    }
);

terms!(
    /// How soon the patient needs the service.
    Urgency, "urgency" {
        Routine = "routine", "Routine";
        Soon = "soon", "Soon";
        Urgent = "urgent", "Urgent";
    }
);

impl ReferralStatus {
    /// Connected and could-not-connect close the loop.
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            ReferralStatus::Connected | ReferralStatus::CouldNotConnect
        )
    }
}

/// The moves the machine allows. Forward only; steps may be skipped (an agency may
/// confirm the patient connected without a "contacted" first), but a suggestion must
/// become a referral before it can connect, and a closed loop stays closed (a new
/// attempt is a new referral, so the agency's record stays honest).
pub fn allowed(from: ReferralStatus, to: ReferralStatus) -> bool {
    use ReferralStatus::*;
    matches!(
        (from, to),
        (Suggested, Referred)
            | (Suggested, CouldNotConnect)
            | (Referred, Contacted)
            | (Referred, Connected)
            | (Referred, CouldNotConnect)
            | (Contacted, Connected)
            | (Contacted, CouldNotConnect)
    )
}

pub fn next_statuses(from: ReferralStatus) -> Vec<ReferralStatus> {
    ReferralStatus::ALL
        .iter()
        .copied()
        .filter(|to| allowed(from, *to))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReferralStatus::*;

    #[test]
    fn every_edge_of_the_machine() {
        let expected = [
            (Suggested, vec![Referred, CouldNotConnect]),
            (Referred, vec![Contacted, Connected, CouldNotConnect]),
            (Contacted, vec![Connected, CouldNotConnect]),
            (Connected, vec![]),
            (CouldNotConnect, vec![]),
        ];
        for (from, tos) in expected {
            for to in ReferralStatus::ALL {
                assert_eq!(allowed(from, *to), tos.contains(to), "{from:?} → {to:?}");
            }
        }
    }

    #[test]
    fn closed_loops_are_not_open() {
        assert!(Contacted.is_open());
        assert!(!Connected.is_open());
        assert!(!CouldNotConnect.is_open());
    }
}
