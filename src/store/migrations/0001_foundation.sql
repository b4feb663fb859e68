-- Foundation: patients, programs, enrollment episodes, the audit trail.
-- Conventions: keys are UUID v7 text; timestamps are RFC 3339 UTC text; dates are
-- YYYY-MM-DD text; clinical records are soft-deleted through deleted_at.

CREATE TABLE patients (
    id                          TEXT PRIMARY KEY,
    mrn                         TEXT NOT NULL,
    first_name                  TEXT NOT NULL,
    last_name                   TEXT NOT NULL,
    birth_date                  TEXT NOT NULL,
    sex                         TEXT NOT NULL DEFAULT 'unknown'
                                CHECK (sex IN ('female', 'male', 'other', 'unknown')),
    phone                       TEXT,
    address_line                TEXT,
    city                        TEXT,
    state                       TEXT,
    postal_code                 TEXT,
    preferred_language          TEXT,
    pcp_name                    TEXT,
    payer                       TEXT,
    emergency_contact_name      TEXT,
    emergency_contact_relation  TEXT,
    emergency_contact_phone     TEXT,
    note                        TEXT,
    -- Accent- and case-folded copies kept by the core for sorting and as-you-type search.
    sort_key                    TEXT NOT NULL,
    search_key                  TEXT NOT NULL,
    created_at                  TEXT NOT NULL,
    updated_at                  TEXT NOT NULL,
    last_activity_at            TEXT NOT NULL,
    deleted_at                  TEXT
);
-- An MRN names one living record; a soft-deleted record frees its MRN.
CREATE UNIQUE INDEX patients_mrn ON patients (mrn) WHERE deleted_at IS NULL;
CREATE INDEX patients_sort ON patients (sort_key) WHERE deleted_at IS NULL;
CREATE INDEX patients_activity ON patients (last_activity_at) WHERE deleted_at IS NULL;

CREATE TABLE programs (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- Eligibility criteria and targets are data (JSON), edited in Settings, never code.
    criteria    TEXT NOT NULL,
    targets     TEXT NOT NULL,
    builtin     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);

CREATE TABLE enrollments (
    id               TEXT PRIMARY KEY,
    patient_id       TEXT NOT NULL REFERENCES patients (id),
    program_id       TEXT NOT NULL REFERENCES programs (id),
    status           TEXT NOT NULL CHECK (status IN
                     ('referred', 'screening', 'active', 'graduated', 'relapse-watch', 'disenrolled')),
    referred_on      TEXT,
    screening_on     TEXT,
    active_on        TEXT,
    ended_on         TEXT,
    consent_on       TEXT,
    referral_source  TEXT,
    referred_by      TEXT,
    disenroll_reason TEXT CHECK (disenroll_reason IN
                     ('declined', 'unreachable', 'moved', 'deceased', 'other')),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
);
-- At most one open episode per patient and program, enforced by the store itself.
CREATE UNIQUE INDEX enrollments_one_open ON enrollments (patient_id, program_id)
    WHERE deleted_at IS NULL AND status NOT IN ('graduated', 'disenrolled');
CREATE INDEX enrollments_patient ON enrollments (patient_id, program_id);
CREATE INDEX enrollments_status ON enrollments (status, program_id) WHERE deleted_at IS NULL;

-- The episode's timeline: every status it went through, with the clinical date.
CREATE TABLE enrollment_events (
    id            TEXT PRIMARY KEY,
    enrollment_id TEXT NOT NULL REFERENCES enrollments (id),
    from_status   TEXT,
    to_status     TEXT NOT NULL,
    on_date       TEXT NOT NULL,
    reason        TEXT,
    note          TEXT,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX enrollment_events_enrollment ON enrollment_events (enrollment_id, on_date);

CREATE TABLE audit_log (
    id         TEXT PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    patient_id TEXT,
    action     TEXT NOT NULL,
    changes    TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX audit_log_patient ON audit_log (patient_id, at);
