//! Care plans: one living plan per patient — health concerns (medical, behavioural,
//! social with its Gravity SDOH category), goals in the patient's own words with an
//! optional measurable target, actions under each goal with an owner role and a due
//! date, barriers, dated progress notes and the care team.
//!
//! Every change is audited and, in the same transaction, the whole plan as it then
//! stood is kept as a numbered version (`versions.rs`), so an earlier plan reads
//! exactly as the coordinator saw it. A goal tied to a registry measure is judged from
//! the registry when read (`target.rs`), never typed twice; its "< X" target on PHQ-9,
//! HbA1c or BP is the patient's own target, which the flag engine uses instead of the
//! program's (`own_targets`).

mod actions;
mod concerns;
mod goals;
mod items;
mod notes;
mod read;
mod target;
mod team;
mod versions;
mod vocabulary;

pub use actions::{
    ActionDraft, ActionDue, add_action, due_actions, set_action_status, update_action,
};
pub use concerns::{ConcernDraft, add_concern, resolve_concern, update_concern};
pub use goals::{GoalDraft, GoalMove, add_goal, move_goal, update_goal};
pub use items::{Item, remove};
pub use notes::note_draft_key;
pub use notes::{BarrierDraft, NoteDraft, add_barrier, add_note, resolve_barrier};
pub use read::{
    Barrier, CarePlan, Concern, Goal, PlanAction, ProgressNote, TeamMember, action, barrier,
    concern, goal, member, note, patients_with_plans, plan,
};
pub use target::{Comparator, OwnTargets, Standing, Target, own_targets};
pub use team::{MemberDraft, add_member, update_member};
pub use versions::{Version, version, versions};
pub use vocabulary::{
    Achievement, ActionStatus, ConcernKind, ConcernStatus, ExpressedBy, GoalLifecycle, Role,
};

/// Keeps the plan as it stands inside a change under way as its next version (the
/// demo writes plans row by row and keeps them this way).
pub(crate) fn keep_version(
    w: &mut crate::store::Writer<'_>,
    patient_id: &str,
    change: &str,
) -> crate::Result<()> {
    versions::keep(w, patient_id, change)
}

/// The closed lists the care-plan forms choose from, served to the UI so it keeps no copy.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Vocabulary {
    pub concern_kinds: Vec<crate::terms::Term>,
    pub concern_statuses: Vec<crate::terms::Term>,
    pub sdoh_categories: Vec<crate::terms::Term>,
    pub lifecycles: Vec<crate::terms::Term>,
    pub achievements: Vec<crate::terms::Term>,
    pub expressed_by: Vec<crate::terms::Term>,
    pub roles: Vec<crate::terms::Term>,
    pub action_statuses: Vec<crate::terms::Term>,
    /// The registry measures a goal's target may be tied to.
    pub measures: Vec<crate::terms::Term>,
}

pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        concern_kinds: ConcernKind::described(),
        concern_statuses: ConcernStatus::described(),
        sdoh_categories: crate::social_needs::NeedCategory::described(),
        lifecycles: GoalLifecycle::described(),
        achievements: Achievement::described(),
        expressed_by: ExpressedBy::described(),
        roles: Role::described(),
        action_statuses: ActionStatus::described(),
        measures: crate::catalogue::Quantity::ALL
            .iter()
            .map(|q| crate::terms::Term {
                value: q.as_str(),
                label: q.label(),
            })
            .collect(),
    }
}
