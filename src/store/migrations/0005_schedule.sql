-- The clinic's appointment schedule, imported from the EHR's CSV exports, and the
-- column mappings (presets) coordinators saved for them.

-- One import of a schedule file: which file, which preset, which days it covered.
CREATE TABLE schedule_imports (
    id           TEXT PRIMARY KEY,
    file_name    TEXT NOT NULL,
    preset       TEXT,
    days         TEXT NOT NULL,          -- JSON array of 'YYYY-MM-DD' the file covers
    rows         INTEGER NOT NULL,
    matched      INTEGER NOT NULL,
    imported_at  TEXT NOT NULL
);

-- One appointment of one of the coordinator's patients (rows whose MRN matches no
-- patient are reported by the import and not kept). `day` and `time` are the clinic's
-- local date and time ('YYYY-MM-DD', 'HH:MM'). A newer export of a day replaces that
-- day's appointments: the old rows are marked `replaced_at` (kept, like every record),
-- so a cancellation disappears from "Coming in" without anything being erased.
-- `row_key` is a hash of the row's mapped values: an identical re-import changes nothing.
CREATE TABLE appointments (
    id           TEXT PRIMARY KEY,
    patient_id   TEXT NOT NULL REFERENCES patients (id),
    day          TEXT NOT NULL,
    time         TEXT,
    provider     TEXT,
    visit_type   TEXT,
    department   TEXT,
    status       TEXT,
    cancelled    INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    row_key      TEXT NOT NULL,
    import_id    TEXT NOT NULL REFERENCES schedule_imports (id),
    created_at   TEXT NOT NULL,
    replaced_at  TEXT,
    replaced_by  TEXT REFERENCES schedule_imports (id)
);
CREATE INDEX appointments_day ON appointments (day, time, patient_id)
    WHERE replaced_at IS NULL;
CREATE INDEX appointments_patient ON appointments (patient_id, day)
    WHERE replaced_at IS NULL;

-- A coordinator's own column mapping, saved under a name (the built-in presets
-- `synthea` and `appointments` live in code and cannot be overwritten).
CREATE TABLE schedule_presets (
    name         TEXT PRIMARY KEY,
    mapping      TEXT NOT NULL,          -- JSON: schedule::Mapping
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
