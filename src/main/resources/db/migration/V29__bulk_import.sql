-- Bulk import of an organisation's existing archive (mappe import, POST /api/imports).
-- A file already imported is known by a keyed hash of its content: HMAC-SHA256 under a key derived from the master key
-- for this purpose, over the organisation and the file's SHA-256. Without the key it cannot be checked against a list of
-- known files. The row stays when its document is destroyed later, so a re-import does not bring a destroyed document back.
CREATE TABLE imported_files (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    content_key     TEXT NOT NULL,
    document_id     TEXT NOT NULL,
    imported_at     TEXT NOT NULL,
    PRIMARY KEY (organisation_id, content_key)
);

-- Import jobs started over the API. The report names files as the case map did (file names may hold names of people),
-- so it is stored encrypted; the counts are not personal.
CREATE TABLE import_jobs (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    created_by      TEXT NOT NULL,
    status          TEXT NOT NULL,
    total           INTEGER NOT NULL,
    done            INTEGER NOT NULL DEFAULT 0,
    imported        INTEGER NOT NULL DEFAULT 0,
    skipped         INTEGER NOT NULL DEFAULT 0,
    failed          INTEGER NOT NULL DEFAULT 0,
    report          TEXT,
    created_at      TEXT NOT NULL,
    finished_at     TEXT
);
CREATE INDEX import_jobs_by_organisation ON import_jobs (organisation_id, created_at);
