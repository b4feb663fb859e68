//! The plan as it is read: every live item of one patient's plan, goals with their
//! actions and the registry's judgement of their target, in the order a coordinator
//! reads them (open before closed, soonest due first).

use jiff::civil::Date;
use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

use super::target::{self, Comparator, Standing, Target};
use super::vocabulary::{
    Achievement, ActionStatus, ConcernKind, ConcernStatus, ExpressedBy, GoalLifecycle, Role,
};
use crate::catalogue::Quantity;
use crate::error::{Error, Result};
use crate::social_needs::NeedCategory;
use crate::store::Reader;

#[derive(Debug, Clone, Serialize)]
pub struct CarePlan {
    pub patient_id: String,
    /// How many changes the plan has had (0: nothing recorded yet).
    pub version: i64,
    pub updated_at: Option<String>,
    pub concerns: Vec<Concern>,
    pub goals: Vec<Goal>,
    pub barriers: Vec<Barrier>,
    pub notes: Vec<ProgressNote>,
    pub team: Vec<TeamMember>,
}

impl CarePlan {
    pub fn is_empty(&self) -> bool {
        self.concerns.is_empty()
            && self.goals.is_empty()
            && self.barriers.is_empty()
            && self.notes.is_empty()
            && self.team.is_empty()
    }

    /// Goals still being worked towards.
    pub fn open_goals(&self) -> impl Iterator<Item = &Goal> {
        self.goals.iter().filter(|g| g.lifecycle.is_open())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Concern {
    pub id: String,
    pub patient_id: String,
    pub kind: ConcernKindValue,
    pub text: String,
    pub sdoh: Option<NeedCategoryValue>,
    /// The social need this concern is tied to.
    pub need_id: Option<String>,
    pub status: ConcernStatusValue,
    pub noted_on: Date,
}

#[derive(Debug, Clone, Serialize)]
pub struct Goal {
    pub id: String,
    pub patient_id: String,
    pub concern_id: Option<String>,
    /// In the patient's words.
    pub text: String,
    pub target: Option<TargetValue>,
    /// The registry's latest value of the target's measure and whether it meets it.
    pub standing: Option<Standing>,
    /// This goal's target replaces the program's in the flags and charts.
    pub own_target: bool,
    pub due_on: Option<Date>,
    pub expressed_by: ExpressedByValue,
    pub lifecycle: GoalLifecycleValue,
    pub next_lifecycles: Vec<GoalLifecycleValue>,
    pub achievement: Option<AchievementValue>,
    pub start_on: Date,
    pub actions: Vec<PlanAction>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanAction {
    pub id: String,
    pub patient_id: String,
    pub goal_id: String,
    pub text: String,
    pub owner: RoleValue,
    pub due_on: Option<Date>,
    pub status: ActionStatusValue,
    pub next_statuses: Vec<ActionStatusValue>,
    pub completed_on: Option<Date>,
    /// Still to be done and its due date has come: days past due (0 = due today).
    pub overdue_days: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Barrier {
    pub id: String,
    pub patient_id: String,
    pub goal_id: Option<String>,
    pub text: String,
    pub noted_on: Date,
    pub resolved_on: Option<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgressNote {
    pub id: String,
    pub patient_id: String,
    pub goal_id: Option<String>,
    pub written_on: Date,
    pub text: String,
    pub author: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamMember {
    pub id: String,
    pub patient_id: String,
    pub name: String,
    pub role: RoleValue,
    pub phone: Option<String>,
    pub organisation: Option<String>,
}

/// A closed-list value as the plan carries it: the term and its label, so the UI,
/// the CLI and a kept version read the same words. Derefs to the term.
macro_rules! labelled {
    ($name:ident, $term:ty) => {
        #[derive(Debug, Clone, Copy, PartialEq, Serialize)]
        pub struct $name {
            pub value: $term,
            pub label: &'static str,
        }
        impl From<$term> for $name {
            fn from(value: $term) -> Self {
                $name {
                    value,
                    label: value.label(),
                }
            }
        }
        impl std::ops::Deref for $name {
            type Target = $term;
            fn deref(&self) -> &$term {
                &self.value
            }
        }
        impl PartialEq<$term> for $name {
            fn eq(&self, other: &$term) -> bool {
                self.value == *other
            }
        }
    };
}

labelled!(ConcernKindValue, ConcernKind);
labelled!(ConcernStatusValue, ConcernStatus);
labelled!(NeedCategoryValue, NeedCategory);
labelled!(GoalLifecycleValue, GoalLifecycle);
labelled!(AchievementValue, Achievement);
labelled!(ExpressedByValue, ExpressedBy);
labelled!(RoleValue, Role);
labelled!(ActionStatusValue, ActionStatus);

/// A goal's target as the plan carries it.
pub type TargetValue = Target;

fn date(text: Option<String>) -> Option<Date> {
    text.as_deref().and_then(crate::dates::parse)
}

fn term<T>(text: String, parse: fn(&str) -> Option<T>, what: &str) -> rusqlite::Result<T> {
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown {what} \"{text}\" in the care plan").into(),
        )
    })
}

const CONCERN: &str =
    "SELECT id, patient_id, kind, text, sdoh, need_id, status, noted_on FROM care_plan_concerns";

fn concern_row(row: &Row<'_>) -> rusqlite::Result<Concern> {
    Ok(Concern {
        id: row.get(0)?,
        patient_id: row.get(1)?,
        kind: term(row.get(2)?, ConcernKind::parse, "concern kind")?.into(),
        text: row.get(3)?,
        sdoh: row
            .get::<_, Option<String>>(4)?
            .and_then(|s| NeedCategory::parse(&s))
            .map(Into::into),
        need_id: row.get(5)?,
        status: term(row.get(6)?, ConcernStatus::parse, "concern status")?.into(),
        noted_on: date(row.get(7)?).unwrap_or_default(),
    })
}

const GOAL: &str =
    "SELECT id, patient_id, concern_id, text, measure, target_label, comparator, target_value,
    target_unit, due_on, expressed_by, lifecycle, achievement, start_on FROM care_plan_goals";

fn goal_row(row: &Row<'_>) -> rusqlite::Result<Goal> {
    let measure = row
        .get::<_, Option<String>>(4)?
        .and_then(|m| Quantity::ALL.iter().copied().find(|q| q.as_str() == m));
    let comparator = row
        .get::<_, Option<String>>(6)?
        .and_then(|c| Comparator::from_stored(&c));
    let target = match (comparator, row.get::<_, Option<f64>>(7)?) {
        (Some(comparator), Some(value)) => Some(match measure {
            Some(q) => Target::new(
                Some(q),
                q.label().to_owned(),
                comparator,
                value,
                q.unit().to_owned(),
            ),
            None => Target::new(
                None,
                row.get::<_, Option<String>>(5)?.unwrap_or_default(),
                comparator,
                value,
                row.get::<_, Option<String>>(8)?.unwrap_or_default(),
            ),
        }),
        _ => None,
    };
    let lifecycle = term(row.get(11)?, GoalLifecycle::parse, "goal status")?;
    let own_target = lifecycle.sets_target()
        && target.as_ref().is_some_and(|t| {
            t.comparator == Comparator::Below && t.measure.and_then(Quantity::target).is_some()
        });
    Ok(Goal {
        id: row.get(0)?,
        patient_id: row.get(1)?,
        concern_id: row.get(2)?,
        text: row.get(3)?,
        target,
        standing: None,
        own_target,
        due_on: date(row.get(9)?),
        expressed_by: term(row.get(10)?, ExpressedBy::parse, "goal author")?.into(),
        lifecycle: lifecycle.into(),
        next_lifecycles: lifecycle.next().into_iter().map(Into::into).collect(),
        achievement: row
            .get::<_, Option<String>>(12)?
            .and_then(|a| Achievement::parse(&a))
            .map(Into::into),
        start_on: date(row.get(13)?).unwrap_or_default(),
        actions: Vec::new(),
    })
}

const ACTION: &str = "SELECT id, patient_id, goal_id, text, owner, due_on, status, completed_on FROM care_plan_actions";

fn action_row(row: &Row<'_>, today: Date) -> rusqlite::Result<PlanAction> {
    let status = term(row.get(6)?, ActionStatus::parse, "action status")?;
    let due_on = date(row.get(5)?);
    Ok(PlanAction {
        id: row.get(0)?,
        patient_id: row.get(1)?,
        goal_id: row.get(2)?,
        text: row.get(3)?,
        owner: term(row.get(4)?, Role::parse, "role")?.into(),
        due_on,
        status: status.into(),
        next_statuses: status.next().into_iter().map(Into::into).collect(),
        completed_on: date(row.get(7)?),
        overdue_days: due_on
            .filter(|d| status.is_pending() && *d <= today)
            .map(|d| crate::dates::days_from(d, today)),
    })
}

const BARRIER: &str =
    "SELECT id, patient_id, goal_id, text, noted_on, resolved_on FROM care_plan_barriers";

fn barrier_row(row: &Row<'_>) -> rusqlite::Result<Barrier> {
    Ok(Barrier {
        id: row.get(0)?,
        patient_id: row.get(1)?,
        goal_id: row.get(2)?,
        text: row.get(3)?,
        noted_on: date(row.get(4)?).unwrap_or_default(),
        resolved_on: date(row.get(5)?),
    })
}

const NOTE: &str =
    "SELECT id, patient_id, goal_id, written_on, text, author, created_at FROM care_plan_notes";

fn note_row(row: &Row<'_>) -> rusqlite::Result<ProgressNote> {
    Ok(ProgressNote {
        id: row.get(0)?,
        patient_id: row.get(1)?,
        goal_id: row.get(2)?,
        written_on: date(row.get(3)?).unwrap_or_default(),
        text: row.get(4)?,
        author: row.get(5)?,
        recorded_at: row.get(6)?,
    })
}

const MEMBER: &str =
    "SELECT id, patient_id, name, role, phone, organisation FROM care_team_members";

fn member_row(row: &Row<'_>) -> rusqlite::Result<TeamMember> {
    Ok(TeamMember {
        id: row.get(0)?,
        patient_id: row.get(1)?,
        name: row.get(2)?,
        role: term(row.get(3)?, Role::parse, "role")?.into(),
        phone: row.get(4)?,
        organisation: row.get(5)?,
    })
}

fn one<T>(
    r: &Reader<'_>,
    select: &str,
    id: &str,
    what: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<T> {
    r.conn()
        .query_row(
            &format!("{select} WHERE id = ?1 AND deleted_at IS NULL"),
            [id],
            map,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No {what} has the id {id}.")))
}

fn many<T>(
    r: &Reader<'_>,
    select: &str,
    order: &str,
    patient_id: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = r.conn().prepare(&format!(
        "{select} WHERE patient_id = ?1 AND deleted_at IS NULL ORDER BY {order}"
    ))?;
    let rows = stmt.query_map([patient_id], map)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub fn concern(r: &Reader<'_>, id: &str) -> Result<Concern> {
    one(r, CONCERN, id, "concern", concern_row)
}

pub fn goal(r: &Reader<'_>, id: &str) -> Result<Goal> {
    let mut goal = one(r, GOAL, id, "goal", goal_row)?;
    complete_goal(r, &mut goal)?;
    let today = r.today();
    let mut stmt = r.conn().prepare(&format!(
        "{ACTION} WHERE goal_id = ?1 AND deleted_at IS NULL ORDER BY {ACTION_ORDER}"
    ))?;
    let rows = stmt.query_map([id], |row| action_row(row, today))?;
    goal.actions = rows.collect::<std::result::Result<_, _>>()?;
    Ok(goal)
}

pub fn action(r: &Reader<'_>, id: &str) -> Result<PlanAction> {
    let today = r.today();
    one(r, ACTION, id, "action", |row| action_row(row, today))
}

pub fn barrier(r: &Reader<'_>, id: &str) -> Result<Barrier> {
    one(r, BARRIER, id, "barrier", barrier_row)
}

pub fn note(r: &Reader<'_>, id: &str) -> Result<ProgressNote> {
    one(r, NOTE, id, "progress note", note_row)
}

pub fn member(r: &Reader<'_>, id: &str) -> Result<TeamMember> {
    one(r, MEMBER, id, "care team member", member_row)
}

fn complete_goal(r: &Reader<'_>, goal: &mut Goal) -> Result<()> {
    if let Some(t) = &goal.target {
        goal.standing = target::standing(r, &goal.patient_id, t)?;
    }
    Ok(())
}

/// Open actions first (pending before on hold), then by due date (none last).
const ACTION_ORDER: &str = "status IN ('completed', 'cancelled'), status = 'on-hold',
    due_on IS NULL, due_on, created_at";

/// One patient's plan on the reader's day.
pub fn plan(r: &Reader<'_>, patient_id: &str) -> Result<CarePlan> {
    crate::patients::get(r, patient_id)?;
    let today = r.today();
    let concerns = many(
        r,
        CONCERN,
        "status = 'resolved', noted_on, created_at",
        patient_id,
        concern_row,
    )?;
    let mut goals = many(
        r,
        GOAL,
        "lifecycle IN ('completed', 'cancelled'), due_on IS NULL, due_on, start_on, created_at",
        patient_id,
        goal_row,
    )?;
    let mut actions = many(r, ACTION, ACTION_ORDER, patient_id, |row| {
        action_row(row, today)
    })?;
    for goal in &mut goals {
        complete_goal(r, goal)?;
        let (mine, rest): (Vec<_>, Vec<_>) =
            actions.into_iter().partition(|a| a.goal_id == goal.id);
        goal.actions = mine;
        actions = rest;
    }
    let (version, updated_at) = r
        .conn()
        .query_row(
            "SELECT version, saved_at FROM care_plan_versions WHERE patient_id = ?1
             ORDER BY version DESC LIMIT 1",
            [patient_id],
            |row| Ok((row.get(0)?, Some(row.get(1)?))),
        )
        .optional()?
        .unwrap_or((0, None));
    Ok(CarePlan {
        patient_id: patient_id.to_owned(),
        version,
        updated_at,
        concerns,
        goals,
        barriers: many(
            r,
            BARRIER,
            "resolved_on IS NOT NULL, noted_on, created_at",
            patient_id,
            barrier_row,
        )?,
        notes: many(
            r,
            NOTE,
            "written_on DESC, created_at DESC",
            patient_id,
            note_row,
        )?,
        team: many(r, MEMBER, "created_at", patient_id, member_row)?,
    })
}

/// The patients (live ones) whose plan holds at least one item: whom a bulk export
/// writes a CarePlan for.
pub fn patients_with_plans(r: &Reader<'_>) -> Result<Vec<String>> {
    let mut stmt = r.conn().prepare(
        "SELECT DISTINCT v.patient_id FROM care_plan_versions v JOIN patients p ON p.id = v.patient_id
         WHERE p.deleted_at IS NULL ORDER BY v.patient_id",
    )?;
    let rows = stmt.query_map([], |row| row.get(0))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
