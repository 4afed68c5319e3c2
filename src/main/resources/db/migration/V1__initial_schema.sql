-- Mappe metadata. The database and the encrypted blobs are the source of truth; the Lucene index
-- is derived from them. Personal data lives only in participants (name, birth date); document
-- content lives only in encrypted blobs, never here.

CREATE TABLE organisations (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    country   TEXT NOT NULL CHECK (country IN ('NO', 'DK')),
    language  TEXT NOT NULL CHECK (language IN ('nb', 'da')),
    policy    TEXT NOT NULL  -- retention policy file name, without .yaml
);

CREATE TABLE users (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    username         TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('counsellor', 'leader', 'office')),
    password_hash    TEXT NOT NULL,
    active           INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE participants (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    name             TEXT NOT NULL,
    birth_date       TEXT NOT NULL
);

-- One programme stay of one participant (a case, "tiltaksløp").
CREATE TABLE cases (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    participant_id   TEXT NOT NULL REFERENCES participants (id),
    programme        TEXT NOT NULL,
    counsellor_id    TEXT NOT NULL REFERENCES users (id),
    start_date       TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX cases_by_counsellor ON cases (organisation_id, counsellor_id);

-- Business events that start retention clocks, e.g. final-report-received.
CREATE TABLE case_events (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases (id),
    type         TEXT NOT NULL,
    event_date   TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX case_events_by_case ON case_events (case_id, type);

CREATE TABLE documents (
    id                TEXT PRIMARY KEY,
    organisation_id   TEXT NOT NULL REFERENCES organisations (id),
    case_id           TEXT NOT NULL REFERENCES cases (id),
    document_type     TEXT NOT NULL,
    template_id       TEXT NOT NULL,
    template_version  INTEGER NOT NULL,
    language          TEXT NOT NULL,
    access_level      INTEGER NOT NULL CHECK (access_level BETWEEN 1 AND 4),
    status            TEXT NOT NULL,
    document_date     TEXT NOT NULL,  -- the document's own business date
    created_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL
);
CREATE INDEX documents_by_case ON documents (case_id);
CREATE INDEX documents_by_type ON documents (organisation_id, document_type);

-- Every version stored once: an encrypted blob whose key is wrapped by the master key.
-- Deleting the row destroys the key, which is what makes a shred final.
CREATE TABLE document_versions (
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    blob_id      TEXT NOT NULL UNIQUE,
    wrapped_key  BLOB NOT NULL,
    sha256       TEXT NOT NULL,  -- of the plaintext
    size_bytes   INTEGER NOT NULL,
    media_type   TEXT NOT NULL,
    reason       TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (document_id, version)
);

-- Append-only; each entry carries the hash of the one before it.
CREATE TABLE audit_log (
    seq              INTEGER PRIMARY KEY,
    at               TEXT NOT NULL,
    organisation_id  TEXT,
    actor_id         TEXT,
    action           TEXT NOT NULL,
    target_type      TEXT,
    target_id        TEXT,
    detail           TEXT,
    prev_hash        TEXT NOT NULL,
    hash             TEXT NOT NULL
);

CREATE TABLE sweeps (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    started_by       TEXT NOT NULL,
    dry_run          INTEGER NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
    due_count        INTEGER NOT NULL DEFAULT 0,
    done_count       INTEGER NOT NULL DEFAULT 0
);

-- The disposal log (Noark 5 utfoertKassasjon): what went, under which rule, when and by whom.
-- No personal data: ids, types and rule names only.
CREATE TABLE disposals (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    sweep_id         TEXT NOT NULL REFERENCES sweeps (id),
    document_id      TEXT NOT NULL,
    document_type    TEXT NOT NULL,
    retention_class  TEXT NOT NULL,
    rule             TEXT NOT NULL,
    action           TEXT NOT NULL,
    disposed_at      TEXT NOT NULL,  -- kassertDato
    disposed_by      TEXT NOT NULL   -- kassertAv
);
CREATE INDEX disposals_by_org ON disposals (organisation_id, disposed_at);
