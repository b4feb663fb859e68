-- Data safety: the audit trail becomes a hash chain (tamper-evident), and entries that
-- change no record (an unlock, a view, a print, an export, a backup) are kept too.
--
-- `seq` numbers the entries 1, 2, 3 … with no gaps; `prev_hash` is the previous entry's
-- `hash`; `hash` is SHA-256 over `prev_hash` and this entry's fields (src/audit/chain.rs).
-- Existing entries are chained in the order they were written by the migration's
-- finishing step, which runs in this migration's transaction.
ALTER TABLE audit_log ADD COLUMN seq INTEGER;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);
CREATE INDEX audit_log_action ON audit_log (action, at);
CREATE INDEX audit_log_at ON audit_log (at);

-- The chain's last link, kept apart from the entries: deleting the newest entries
-- leaves the head pointing past the end, which verification reports.
CREATE TABLE audit_head (
    only INTEGER PRIMARY KEY CHECK (only = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);

-- Today's "PHQ-9 item 9 not answered": the incomplete PHQ-9s are few, and this index
-- lets the worklist find them without reading every measure.
CREATE INDEX measures_phq9_incomplete ON measures (patient_id, taken_on)
    WHERE kind = 'phq9' AND complete = 0 AND deleted_at IS NULL AND superseded_at IS NULL;
