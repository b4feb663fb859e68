-- Care plans: one living plan per patient, made of concerns, goals in the patient's own
-- words, actions under the goals, barriers, progress notes and the care team. Every
-- item is soft-deleted (`deleted_at`, `delete_reason`) like every clinical record, and
-- after every change the whole plan is kept as a numbered version (`care_plan_versions`),
-- so an earlier plan reads exactly as it stood.

-- A health concern: medical, behavioural or social. A social one carries its HL7 Gravity
-- SDOH category and points at the patient's social need of that category.
CREATE TABLE care_plan_concerns (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    kind          TEXT NOT NULL CHECK (kind IN ('medical', 'behavioural', 'social')),
    text          TEXT NOT NULL,
    sdoh          TEXT,
    need_id       TEXT REFERENCES social_needs (id),
    status        TEXT NOT NULL CHECK (status IN ('active', 'resolved')),
    noted_on      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    delete_reason TEXT,
    CHECK ((kind = 'social') = (sdoh IS NOT NULL))
);
CREATE INDEX care_plan_concerns_patient ON care_plan_concerns (patient_id) WHERE deleted_at IS NULL;

-- A goal in the patient's words, with an optional measurable target: a catalogue
-- quantity (`measure`: phq9, a1c, sbp, ...) judged from the registry, or a number the
-- patient chose (`measure` NULL, `target_label` says what is counted).
CREATE TABLE care_plan_goals (
    id             TEXT PRIMARY KEY,
    patient_id     TEXT NOT NULL REFERENCES patients (id),
    concern_id     TEXT REFERENCES care_plan_concerns (id),
    text           TEXT NOT NULL,
    measure        TEXT,
    target_label   TEXT,
    comparator     TEXT CHECK (comparator IN ('<', '<=', '>', '>=')),
    target_value   REAL,
    target_unit    TEXT,
    due_on         TEXT,
    expressed_by   TEXT NOT NULL CHECK (expressed_by IN ('patient', 'family', 'clinician')),
    lifecycle      TEXT NOT NULL CHECK (lifecycle IN
                     ('proposed', 'planned', 'accepted', 'active', 'on-hold', 'completed', 'cancelled')),
    achievement    TEXT CHECK (achievement IN
                     ('in-progress', 'improving', 'worsening', 'no-change', 'achieved', 'sustaining',
                      'not-achieved', 'no-progress', 'not-attainable')),
    start_on       TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT,
    delete_reason  TEXT,
    CHECK ((comparator IS NULL) = (target_value IS NULL))
);
CREATE INDEX care_plan_goals_patient ON care_plan_goals (patient_id) WHERE deleted_at IS NULL;
-- The patient's own targets the flag engine reads for many patients at once.
CREATE INDEX care_plan_goals_measure ON care_plan_goals (measure, patient_id)
    WHERE deleted_at IS NULL AND measure IS NOT NULL;

-- What will be done towards a goal, by whom (a role, not a user of the app), by when.
CREATE TABLE care_plan_actions (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    goal_id       TEXT NOT NULL REFERENCES care_plan_goals (id),
    text          TEXT NOT NULL,
    owner         TEXT NOT NULL CHECK (owner IN
                    ('coordinator', 'pcp', 'psychiatrist', 'social-worker', 'pharmacist', 'patient', 'family')),
    due_on        TEXT,
    status        TEXT NOT NULL CHECK (status IN
                    ('not-started', 'scheduled', 'in-progress', 'on-hold', 'completed', 'cancelled')),
    completed_on  TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    delete_reason TEXT
);
CREATE INDEX care_plan_actions_goal ON care_plan_actions (goal_id) WHERE deleted_at IS NULL;
CREATE INDEX care_plan_actions_patient ON care_plan_actions (patient_id) WHERE deleted_at IS NULL;
-- Today's "care-plan actions due" and the visit's prep items: open actions by due date.
CREATE INDEX care_plan_actions_due ON care_plan_actions (due_on, owner)
    WHERE deleted_at IS NULL AND status IN ('not-started', 'scheduled', 'in-progress');

-- What stands in the way (no bus fare, night shifts), for the plan or one goal.
CREATE TABLE care_plan_barriers (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    goal_id       TEXT REFERENCES care_plan_goals (id),
    text          TEXT NOT NULL,
    noted_on      TEXT NOT NULL,
    resolved_on   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    delete_reason TEXT
);
CREATE INDEX care_plan_barriers_patient ON care_plan_barriers (patient_id) WHERE deleted_at IS NULL;

-- Dated progress notes on the plan or one goal.
CREATE TABLE care_plan_notes (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    goal_id       TEXT REFERENCES care_plan_goals (id),
    written_on    TEXT NOT NULL,
    text          TEXT NOT NULL,
    author        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    deleted_at    TEXT,
    delete_reason TEXT
);
CREATE INDEX care_plan_notes_patient ON care_plan_notes (patient_id, written_on) WHERE deleted_at IS NULL;

-- The people who help: a PCP, a daughter, a pharmacist (not users of the app).
CREATE TABLE care_team_members (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN
                    ('coordinator', 'pcp', 'psychiatrist', 'social-worker', 'pharmacist', 'patient', 'family', 'other')),
    phone         TEXT,
    organisation  TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    delete_reason TEXT
);
CREATE INDEX care_team_members_patient ON care_team_members (patient_id) WHERE deleted_at IS NULL;

-- The plan as it stood after each change (JSON: care_plans::CarePlan), numbered from 1
-- per patient, written in the same transaction as the change.
CREATE TABLE care_plan_versions (
    patient_id  TEXT NOT NULL REFERENCES patients (id),
    version     INTEGER NOT NULL,
    saved_at    TEXT NOT NULL,
    actor       TEXT NOT NULL,
    change      TEXT NOT NULL,
    plan        TEXT NOT NULL,
    PRIMARY KEY (patient_id, version)
) WITHOUT ROWID;
