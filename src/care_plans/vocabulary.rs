//! The care plan's closed lists and its two state machines: a goal's lifecycle (FHIR
//! Goal.lifecycleStatus) and an action's status (FHIR CarePlan.activity.detail.status).
//! Stored names are FHIR's codes, so the export writes them unchanged.

use crate::terms::terms;

terms!(
    /// What kind of health concern.
    ConcernKind, "kind of concern" {
        Medical = "medical", "Medical";
        Behavioural = "behavioural", "Behavioural";
        Social = "social", "Social";
    }
);

terms!(
    /// Whether a concern is still being worked on (FHIR Condition.clinicalStatus).
    ConcernStatus, "concern status" {
        Active = "active", "Active";
        Resolved = "resolved", "Resolved";
    }
);

terms!(
    /// FHIR Goal.lifecycleStatus (R4), without entered-in-error and rejected: a goal
    /// typed by mistake is removed with a reason, one the patient turned down is cancelled.
    GoalLifecycle, "goal status" {
        Proposed = "proposed", "Proposed";
        Planned = "planned", "Planned";
        Accepted = "accepted", "Accepted";
        Active = "active", "Active";
        OnHold = "on-hold", "On hold";
        Completed = "completed", "Completed";
        Cancelled = "cancelled", "Cancelled";
    }
);

terms!(
    /// FHIR Goal.achievementStatus (R4, goal-achievement value set).
    Achievement, "goal achievement" {
        InProgress = "in-progress", "In progress";
        Improving = "improving", "Improving";
        Worsening = "worsening", "Worsening";
        NoChange = "no-change", "No change";
        Achieved = "achieved", "Achieved";
        Sustaining = "sustaining", "Sustaining";
        NotAchieved = "not-achieved", "Not achieved";
        NoProgress = "no-progress", "No progress";
        NotAttainable = "not-attainable", "Not attainable";
    }
);

terms!(
    /// Who expressed a goal (FHIR Goal.expressedBy points at one of them).
    ExpressedBy, "who expressed the goal" {
        Patient = "patient", "Patient";
        Family = "family", "Family";
        Clinician = "clinician", "Clinician";
    }
);

terms!(
    /// A role on the care team: who owns an action, or what a team member does.
    /// `other` is for team members only (an action always has one of the first seven).
    Role, "role" {
        Coordinator = "coordinator", "Care coordinator";
        Pcp = "pcp", "PCP";
        Psychiatrist = "psychiatrist", "Psychiatrist";
        SocialWorker = "social-worker", "Social worker";
        Pharmacist = "pharmacist", "Pharmacist";
        Patient = "patient", "Patient";
        Family = "family", "Family";
        Other = "other", "Other";
    }
);

terms!(
    /// FHIR CarePlan.activity.detail.status (R4), the ones a coordinator uses.
    ActionStatus, "action status" {
        NotStarted = "not-started", "Not started";
        Scheduled = "scheduled", "Scheduled";
        InProgress = "in-progress", "In progress";
        OnHold = "on-hold", "On hold";
        Completed = "completed", "Completed";
        Cancelled = "cancelled", "Cancelled";
    }
);

impl GoalLifecycle {
    /// The moves a goal may make. Forward through the FHIR lifecycle, steps may be
    /// skipped (a goal agreed in the room is active at once); on hold and back; a
    /// completed goal may be taken up again (the patient relapsed); a cancelled goal
    /// stays cancelled — a new attempt is a new goal, so the history stays honest.
    pub fn allowed(self, to: GoalLifecycle) -> bool {
        use GoalLifecycle::*;
        matches!(
            (self, to),
            (Proposed, Planned | Accepted | Active | Cancelled)
                | (Planned, Accepted | Active | OnHold | Cancelled)
                | (Accepted, Active | OnHold | Cancelled)
                | (Active, OnHold | Completed | Cancelled)
                | (OnHold, Active | Cancelled)
                | (Completed, Active)
        )
    }

    pub fn next(self) -> Vec<GoalLifecycle> {
        Self::ALL
            .iter()
            .copied()
            .filter(|to| self.allowed(*to))
            .collect()
    }

    /// Still being worked towards: printed on the patient's plan and the agendas.
    pub fn is_open(self) -> bool {
        !matches!(self, GoalLifecycle::Completed | GoalLifecycle::Cancelled)
    }

    /// A target on a goal in this state is the patient's own target the flags use:
    /// agreed (planned, accepted, active, on hold), not merely proposed nor closed.
    pub fn sets_target(self) -> bool {
        self.is_open() && self != GoalLifecycle::Proposed
    }
}

impl Achievement {
    /// How a completed goal ended: the only achievement values a goal may be closed with.
    pub fn closes(self) -> bool {
        matches!(self, Achievement::Achieved | Achievement::NotAchieved)
    }
}

impl ActionStatus {
    /// The moves an action may make. Any open state to any other open state or to
    /// completed/cancelled; a completed action may be reopened (ticked by mistake, or
    /// it has to be done again); a cancelled one stays cancelled.
    pub fn allowed(self, to: ActionStatus) -> bool {
        use ActionStatus::*;
        if self == to {
            return false;
        }
        match self {
            NotStarted | Scheduled | InProgress | OnHold => to != NotStarted || self == OnHold,
            Completed => to == InProgress,
            Cancelled => false,
        }
    }

    pub fn next(self) -> Vec<ActionStatus> {
        Self::ALL
            .iter()
            .copied()
            .filter(|to| self.allowed(*to))
            .collect()
    }

    /// Still to be done and counted as due: not on hold, not finished.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            ActionStatus::NotStarted | ActionStatus::Scheduled | ActionStatus::InProgress
        )
    }

    /// Not finished (on hold included): what the plan lists as open.
    pub fn is_open(self) -> bool {
        !matches!(self, ActionStatus::Completed | ActionStatus::Cancelled)
    }
}

impl Role {
    /// An action's owner is one of the care team's roles, never "other".
    pub fn owns_actions(self) -> bool {
        self != Role::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_edge_of_the_goal_lifecycle() {
        use GoalLifecycle::*;
        let expected = [
            (Proposed, vec![Planned, Accepted, Active, Cancelled]),
            (Planned, vec![Accepted, Active, OnHold, Cancelled]),
            (Accepted, vec![Active, OnHold, Cancelled]),
            (Active, vec![OnHold, Completed, Cancelled]),
            (OnHold, vec![Active, Cancelled]),
            (Completed, vec![Active]),
            (Cancelled, vec![]),
        ];
        assert_eq!(expected.len(), GoalLifecycle::ALL.len());
        for (from, next) in expected {
            assert_eq!(from.next(), next, "from {from:?}");
            // And every pair not listed is refused.
            for to in GoalLifecycle::ALL {
                assert_eq!(from.allowed(*to), next.contains(to), "{from:?} → {to:?}");
            }
        }
    }

    #[test]
    fn every_edge_of_the_action_status() {
        use ActionStatus::*;
        let expected = [
            (
                NotStarted,
                vec![Scheduled, InProgress, OnHold, Completed, Cancelled],
            ),
            (Scheduled, vec![InProgress, OnHold, Completed, Cancelled]),
            (InProgress, vec![Scheduled, OnHold, Completed, Cancelled]),
            (
                OnHold,
                vec![NotStarted, Scheduled, InProgress, Completed, Cancelled],
            ),
            (Completed, vec![InProgress]),
            (Cancelled, vec![]),
        ];
        assert_eq!(expected.len(), ActionStatus::ALL.len());
        for (from, next) in expected {
            assert_eq!(from.next(), next, "from {from:?}");
        }
    }

    #[test]
    fn open_pending_and_target_setting_states() {
        assert!(GoalLifecycle::OnHold.is_open());
        assert!(!GoalLifecycle::Completed.is_open());
        assert!(!GoalLifecycle::Proposed.sets_target());
        assert!(GoalLifecycle::Planned.sets_target());
        assert!(!GoalLifecycle::Cancelled.sets_target());
        assert!(ActionStatus::OnHold.is_open());
        assert!(!ActionStatus::OnHold.is_pending());
        assert!(ActionStatus::Scheduled.is_pending());
        assert!(Achievement::Achieved.closes());
        assert!(!Achievement::Sustaining.closes());
        assert!(!Role::Other.owns_actions());
        assert_eq!(Role::parse("social worker"), Some(Role::SocialWorker));
        assert_eq!(Role::parse("PCP"), Some(Role::Pcp));
    }
}
