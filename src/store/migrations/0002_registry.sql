-- Clinical registry: measures, safety flags, "discuss" marks, per-program follow-up
-- settings, and the weekly case review. Flags are computed from these rows when they
-- are read (src/flags); nothing here stores a flag that could go stale.

-- One measurement. Questionnaires keep their item scores; a questionnaire with an
-- unanswered item is saved with complete = 0 and value NULL and is never used for
-- bands, flags or screening. A correction writes a new row (corrects = the old id) and
-- marks the old one superseded; the old value stays readable.
CREATE TABLE measures (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    kind          TEXT NOT NULL CHECK (kind IN ('phq9', 'gad7', 'a1c', 'bp', 'ldl', 'weight')),
    taken_on      TEXT NOT NULL,
    -- Total score, HbA1c %, systolic mmHg, LDL mg/dL or weight kg.
    value         REAL,
    -- Diastolic mmHg for blood pressure; NULL otherwise.
    value2        REAL,
    -- Questionnaire item scores as a JSON array, null for an unanswered item.
    items         TEXT,
    complete      INTEGER NOT NULL DEFAULT 1,
    source        TEXT NOT NULL DEFAULT 'entered' CHECK (source IN ('entered', 'imported')),
    note          TEXT,
    corrects      TEXT REFERENCES measures (id),
    superseded_at TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
-- Current values per patient and measure, newest last: latest value, baseline and
-- trend are all range scans of this index.
CREATE INDEX measures_current ON measures (patient_id, kind, taken_on, value, value2)
    WHERE deleted_at IS NULL AND superseded_at IS NULL AND complete = 1;
CREATE INDEX measures_patient ON measures (patient_id, taken_on);

-- The latest current value of each measure per patient, kept by the triggers below in
-- the same transaction as every change to `measures` (whatever code made it). Flags are
-- still computed when read; this only spares them a scan of every value ever recorded
-- (the "needs attention" sort over 10,000 patients, docs/benchmarks.md).
-- tests/core/measures.rs checks it against a full recomputation.
CREATE TABLE measure_latest (
    patient_id TEXT NOT NULL,
    kind       TEXT NOT NULL,
    taken_on   TEXT NOT NULL,
    value      REAL NOT NULL,
    value2     REAL,
    PRIMARY KEY (patient_id, kind)
) WITHOUT ROWID;

CREATE TRIGGER measure_latest_after_insert AFTER INSERT ON measures
BEGIN
    DELETE FROM measure_latest WHERE patient_id = NEW.patient_id AND kind = NEW.kind;
    INSERT INTO measure_latest (patient_id, kind, taken_on, value, value2)
        SELECT patient_id, kind, taken_on, value, value2 FROM measures
        WHERE patient_id = NEW.patient_id AND kind = NEW.kind
          AND deleted_at IS NULL AND superseded_at IS NULL AND complete = 1
        ORDER BY taken_on DESC, value DESC LIMIT 1;
END;

CREATE TRIGGER measure_latest_after_update AFTER UPDATE ON measures
BEGIN
    DELETE FROM measure_latest WHERE patient_id = OLD.patient_id AND kind = OLD.kind;
    INSERT INTO measure_latest (patient_id, kind, taken_on, value, value2)
        SELECT patient_id, kind, taken_on, value, value2 FROM measures
        WHERE patient_id = OLD.patient_id AND kind = OLD.kind
          AND deleted_at IS NULL AND superseded_at IS NULL AND complete = 1
        ORDER BY taken_on DESC, value DESC LIMIT 1;
END;

-- PHQ-9 item 9 > 0: open from the moment the questionnaire is saved until a
-- coordinator acknowledges it with the action taken.
CREATE TABLE safety_flags (
    id              TEXT PRIMARY KEY,
    patient_id      TEXT NOT NULL REFERENCES patients (id),
    measure_id      TEXT NOT NULL REFERENCES measures (id),
    raised_on       TEXT NOT NULL,
    item9           INTEGER NOT NULL,
    raised_at       TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT,
    action_taken    TEXT
);
CREATE INDEX safety_flags_open ON safety_flags (patient_id) WHERE acknowledged_at IS NULL;
CREATE INDEX safety_flags_patient ON safety_flags (patient_id, raised_on);

-- "Discuss at the next case review", ticked by the coordinator; cleared by hand or
-- when the patient is discussed in a review session.
CREATE TABLE discuss_marks (
    id         TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    reason     TEXT,
    marked_on  TEXT NOT NULL,
    marked_by  TEXT NOT NULL,
    cleared_at TEXT,
    cleared_by TEXT
);
CREATE UNIQUE INDEX discuss_marks_open ON discuss_marks (patient_id) WHERE cleared_at IS NULL;

-- Per-program follow-up rules (baseline window, overdue intervals, weeks before "not
-- improving"), JSON like criteria and targets; '{}' means the published defaults.
ALTER TABLE programs ADD COLUMN follow_up TEXT NOT NULL DEFAULT '{}';

CREATE TABLE review_sessions (
    id         TEXT PRIMARY KEY,
    held_on    TEXT NOT NULL,
    note       TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX review_sessions_held ON review_sessions (held_on) WHERE deleted_at IS NULL;

CREATE TABLE review_attendees (
    id         TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES review_sessions (id),
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('psychiatrist', 'pcp', 'coordinator', 'other')),
    position   INTEGER NOT NULL
);
CREATE INDEX review_attendees_session ON review_attendees (session_id, position);

-- Patients discussed in a session, with the reasons they were on the list then.
CREATE TABLE review_discussed (
    session_id TEXT NOT NULL REFERENCES review_sessions (id),
    patient_id TEXT NOT NULL REFERENCES patients (id),
    reasons    TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (session_id, patient_id)
);

CREATE TABLE review_recommendations (
    id                TEXT PRIMARY KEY,
    session_id        TEXT NOT NULL REFERENCES review_sessions (id),
    patient_id        TEXT NOT NULL REFERENCES patients (id),
    category          TEXT NOT NULL CHECK (category IN
                      ('medication-change', 'dose-change', 'therapy-referral', 'other')),
    text              TEXT NOT NULL,
    follow_through    TEXT NOT NULL DEFAULT 'pending'
                      CHECK (follow_through IN ('pending', 'done', 'declined')),
    follow_through_on TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT
);
CREATE INDEX review_recommendations_patient ON review_recommendations (patient_id, created_at);
CREATE INDEX review_recommendations_open ON review_recommendations (follow_through)
    WHERE deleted_at IS NULL AND follow_through = 'pending';
