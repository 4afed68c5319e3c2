-- Retention done properly: holds, stored disposal lists with two-step approval and resumable
-- execution, anonymised statistical records, disposal certificates and policy versions.

-- A case that holds the organisation's own records (disposal certificates) rather than a
-- participant's documents: never listed as a case, never anonymised, never counted.
ALTER TABLE cases ADD COLUMN kind TEXT NOT NULL DEFAULT 'participant' CHECK (kind IN ('participant', 'records'));
-- Set when the participant's name and birth date were removed because nothing about them is kept any more.
ALTER TABLE participants ADD COLUMN anonymised_at TEXT;

-- A hold stops disposal of a case or one document until it is lifted (a complaint under
-- treatment, a dispute). The reason may name people, so it is encrypted (FieldCipher).
CREATE TABLE holds (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    target_type      TEXT NOT NULL CHECK (target_type IN ('case', 'document')),
    target_id        TEXT NOT NULL,
    reason           TEXT NOT NULL,
    placed_by        TEXT NOT NULL,
    placed_at        TEXT NOT NULL,
    lifted_by        TEXT,
    lifted_at        TEXT
);
CREATE INDEX holds_by_target ON holds (organisation_id, target_type, target_id);

-- Sweeps get the states of a two-step disposal and a certificate. SQLite changes a CHECK only by
-- rebuilding the table; migrations run with foreign keys off and are checked afterwards.
CREATE TABLE sweeps_new (
    id                       TEXT PRIMARY KEY,
    organisation_id          TEXT NOT NULL REFERENCES organisations (id),
    started_at               TEXT NOT NULL,
    finished_at              TEXT,
    started_by               TEXT NOT NULL,
    dry_run                  INTEGER NOT NULL,
    status                   TEXT NOT NULL CHECK (status IN ('running', 'awaiting-approval', 'finished', 'failed',
                                                             'rejected', 'superseded', 'interrupted')),
    due_count                INTEGER NOT NULL DEFAULT 0,
    done_count               INTEGER NOT NULL DEFAULT 0,
    evaluated_count          INTEGER NOT NULL DEFAULT 0,
    policy_sha256            TEXT,
    approved_by              TEXT,
    approved_at              TEXT,
    certificate_document_id  TEXT
);
INSERT INTO sweeps_new (id, organisation_id, started_at, finished_at, started_by, dry_run, status, due_count, done_count)
    SELECT id, organisation_id, started_at, finished_at, started_by, dry_run, status, due_count, done_count FROM sweeps;
DROP TABLE sweeps;
ALTER TABLE sweeps_new RENAME TO sweeps;
CREATE INDEX sweeps_by_org ON sweeps (organisation_id, started_at);

-- The disposal list (kassasjonsliste) of a sweep, one line per due document. Ids and rule names
-- only. outcome: awaiting-approval, pending (to be executed), shredded, anonymised, review, held,
-- not-due (no longer due when executed), already-gone, would-shred, would-anonymise (dry run), rejected.
CREATE TABLE sweep_items (
    sweep_id         TEXT NOT NULL REFERENCES sweeps (id),
    document_id      TEXT NOT NULL,
    document_type    TEXT NOT NULL,
    retention_class  TEXT NOT NULL,
    rule             TEXT NOT NULL,
    action           TEXT NOT NULL,
    due_date         TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    done_at          TEXT,
    PRIMARY KEY (sweep_id, document_id)
);
CREATE INDEX sweep_items_pending ON sweep_items (sweep_id, outcome);

-- The disposal log also keeps the case id (a random id, to anonymise a case once nothing about
-- it is kept), the programme and the document's year.
ALTER TABLE disposals ADD COLUMN case_id TEXT;
ALTER TABLE disposals ADD COLUMN programme TEXT;
ALTER TABLE disposals ADD COLUMN document_year INTEGER;

-- What survives anonymisation: a statistical record without any link to a person.
CREATE TABLE anonymised_documents (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    document_type    TEXT NOT NULL,
    programme        TEXT NOT NULL,
    document_year    INTEGER NOT NULL,
    anonymised_at    TEXT NOT NULL
);
CREATE INDEX anonymised_by_year ON anonymised_documents (organisation_id, document_year);

-- Every policy text that has been in force, so a change is noticed, audited and previewed.
CREATE TABLE policy_versions (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    sha256           TEXT NOT NULL,
    policy_text      TEXT NOT NULL,
    applied_at       TEXT NOT NULL,
    PRIMARY KEY (organisation_id, sha256)
);
