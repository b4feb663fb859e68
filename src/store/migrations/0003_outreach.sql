-- Outreach: every contact attempt, hospital and ED transitions, clinic settings, and
-- the drafts of forms not yet saved.

-- One contact attempt. `at` is the local date and time the coordinator means
-- ('YYYY-MM-DD HH:MM', sorts as text); `on_date` is its date, for the day rules.
-- A correction never overwrites (as measures): the old row is superseded and kept.
CREATE TABLE contacts (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    at            TEXT NOT NULL,
    on_date       TEXT NOT NULL,
    channel       TEXT NOT NULL CHECK (channel IN ('phone', 'text', 'letter', 'in-person',
                  'home-visit', 'video', 'hospital-visit', 'portal')),
    direction     TEXT NOT NULL CHECK (direction IN ('outbound', 'inbound')),
    with_whom     TEXT NOT NULL CHECK (with_whom IN ('patient', 'family', 'pcp',
                  'clinician', 'agency')),
    outcome       TEXT NOT NULL CHECK (outcome IN ('reached', 'voicemail', 'no-answer',
                  'wrong-number', 'declined', 'letter-sent')),
    minutes       INTEGER,
    topics        TEXT NOT NULL DEFAULT '[]',
    note          TEXT,
    next_on       TEXT,
    corrects      TEXT REFERENCES contacts (id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    superseded_at TEXT,
    deleted_at    TEXT,
    delete_reason TEXT
);
-- Covers what the cadence rules read of the contacts after a patient's last reach.
CREATE INDEX contacts_patient ON contacts (patient_id, at, outcome, with_whom, next_on)
    WHERE deleted_at IS NULL AND superseded_at IS NULL;

-- Per patient, the latest contact with the patient or their family and the latest one
-- that reached them: what the cadence rules, the "no contact" flag and the caseload's
-- columns start from. Kept by triggers in the same transaction as every change to
-- `contacts` (like measure_latest), so 10,000 patients' outreach state is one scan of
-- this table instead of 100,000 contacts. tests/core/outreach.rs compares it with a
-- full recomputation.
CREATE TABLE contact_latest (
    patient_id      TEXT PRIMARY KEY,
    last_at         TEXT NOT NULL,
    last_outcome    TEXT NOT NULL,
    last_next_on    TEXT,
    last_reached_at TEXT
) WITHOUT ROWID;

CREATE TRIGGER contact_latest_after_insert AFTER INSERT ON contacts
BEGIN
    DELETE FROM contact_latest WHERE patient_id = NEW.patient_id;
    INSERT INTO contact_latest (patient_id, last_at, last_outcome, last_next_on, last_reached_at)
        SELECT c.patient_id, c.at, c.outcome, c.next_on,
               (SELECT max(r.at) FROM contacts r
                WHERE r.patient_id = c.patient_id AND r.deleted_at IS NULL
                  AND r.superseded_at IS NULL AND r.with_whom IN ('patient', 'family')
                  AND r.outcome IN ('reached', 'declined'))
        FROM contacts c
        WHERE c.patient_id = NEW.patient_id AND c.deleted_at IS NULL
          AND c.superseded_at IS NULL AND c.with_whom IN ('patient', 'family')
        ORDER BY c.at DESC, c.created_at DESC LIMIT 1;
END;

CREATE TRIGGER contact_latest_after_update AFTER UPDATE ON contacts
BEGIN
    DELETE FROM contact_latest WHERE patient_id = OLD.patient_id;
    INSERT INTO contact_latest (patient_id, last_at, last_outcome, last_next_on, last_reached_at)
        SELECT c.patient_id, c.at, c.outcome, c.next_on,
               (SELECT max(r.at) FROM contacts r
                WHERE r.patient_id = c.patient_id AND r.deleted_at IS NULL
                  AND r.superseded_at IS NULL AND r.with_whom IN ('patient', 'family')
                  AND r.outcome IN ('reached', 'declined'))
        FROM contacts c
        WHERE c.patient_id = OLD.patient_id AND c.deleted_at IS NULL
          AND c.superseded_at IS NULL AND c.with_whom IN ('patient', 'family')
        ORDER BY c.at DESC, c.created_at DESC LIMIT 1;
END;

-- An ED visit or a stay (inpatient, observation, skilled nursing). Follow-up due dates
-- and readmissions are computed when read, from the dates and the settings of the day.
CREATE TABLE transitions (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    kind          TEXT NOT NULL CHECK (kind IN ('ed', 'inpatient', 'observation', 'snf')),
    facility      TEXT NOT NULL,
    admitted_on   TEXT NOT NULL,
    discharged_on TEXT,
    reason        TEXT,
    heard_from    TEXT CHECK (heard_from IN ('patient', 'family', 'hospital-notice',
                  'hie-alert', 'other')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    delete_reason TEXT
);
CREATE INDEX transitions_patient ON transitions (patient_id, admitted_on)
    WHERE deleted_at IS NULL;
CREATE INDEX transitions_discharged ON transitions (discharged_on)
    WHERE deleted_at IS NULL;

-- Clinic-wide settings (not per program): the holiday list, later the clinic name and
-- paper size. One JSON value per key.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The text of a form that has not been saved yet (a contact note being typed), kept
-- as it is typed so a crash, a lock or a closed window cannot lose it. Not a record:
-- saving the form deletes its draft in the same transaction.
CREATE TABLE drafts (
    key        TEXT PRIMARY KEY,
    patient_id TEXT REFERENCES patients (id),
    body       TEXT NOT NULL,
    saved_at   TEXT NOT NULL
);
