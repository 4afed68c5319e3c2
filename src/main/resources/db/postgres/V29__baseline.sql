-- The schema of SQLite migrations V1 to V29 in one script, for a new PostgreSQL database.
-- Later migrations come in pairs: db/migration/Vn__x.sql for SQLite and db/postgres/Vn__x.sql here.
--
-- Written to behave as the SQLite schema does, with the service's SQL unchanged:
-- * INTEGER is BIGINT (SQLite's integers are 64-bit: epoch milliseconds live in them), BLOB is BYTEA;
--   times are ISO-8601 text as in SQLite, so they sort and compare the same way.
-- * Every table without an integer primary key has an explicit "rowid" column, numbered in insertion
--   order as SQLite's implicit one is: the key rotation, plaintext sweeps and sweep records page by it.
-- * Tables are created in the order of their references (SQLite accepts a reference to a table that
--   comes later; PostgreSQL does not).

CREATE TABLE organisations (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    country   TEXT NOT NULL CHECK (country IN ('NO', 'DK')),
    language  TEXT NOT NULL CHECK (language IN ('nb', 'da')),
    policy    TEXT NOT NULL  -- retention policy file name, without .yaml
, time_zone TEXT
);

CREATE TABLE participants (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    name             TEXT NOT NULL,
    birth_date       TEXT NOT NULL
, anonymised_at TEXT
);

CREATE TABLE audit_log (
    seq              BIGINT PRIMARY KEY,
    at               TEXT NOT NULL,
    organisation_id  TEXT,
    actor_id         TEXT,
    action           TEXT NOT NULL,
    target_type      TEXT,
    target_id        TEXT,
    detail           TEXT,
    prev_hash        TEXT NOT NULL,
    hash             TEXT NOT NULL
, scheme BIGINT NOT NULL DEFAULT 1 CHECK (scheme IN (1, 2))
);

CREATE TABLE organisation_profiles (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    organisation_id  TEXT PRIMARY KEY REFERENCES organisations (id),
    profile_json     TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL
, version BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE holds (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
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

CREATE TABLE sweeps (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id                       TEXT PRIMARY KEY,
    organisation_id          TEXT NOT NULL REFERENCES organisations (id),
    started_at               TEXT NOT NULL,
    finished_at              TEXT,
    started_by               TEXT NOT NULL,
    dry_run                  BIGINT NOT NULL,
    status                   TEXT NOT NULL CHECK (status IN ('running', 'awaiting-approval', 'finished', 'failed',
                                                             'rejected', 'superseded', 'interrupted')),
    due_count                BIGINT NOT NULL DEFAULT 0,
    done_count               BIGINT NOT NULL DEFAULT 0,
    evaluated_count          BIGINT NOT NULL DEFAULT 0,
    policy_sha256            TEXT,
    approved_by              TEXT,
    approved_at              TEXT,
    certificate_document_id  TEXT
);

CREATE TABLE sweep_items (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
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

CREATE TABLE anonymised_documents (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    document_type    TEXT NOT NULL,
    programme        TEXT NOT NULL,
    document_year    BIGINT NOT NULL,
    anonymised_at    TEXT NOT NULL
);

CREATE TABLE policy_versions (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    sha256           TEXT NOT NULL,
    policy_text      TEXT NOT NULL,
    applied_at       TEXT NOT NULL,
    PRIMARY KEY (organisation_id, sha256)
);

CREATE TABLE login_attempts (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    username_key  TEXT PRIMARY KEY,
    checks        BIGINT NOT NULL CHECK (checks >= 1),
    window_ends   BIGINT NOT NULL  -- epoch milliseconds
);

CREATE TABLE template_versions (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    template_id     TEXT NOT NULL,
    version         BIGINT NOT NULL,
    manifest_yaml   TEXT NOT NULL,
    xhtml_json      TEXT NOT NULL,  -- {"nb": "...", "da": "..."}
    uploaded_by     TEXT NOT NULL,
    uploaded_at     TEXT NOT NULL,
    PRIMARY KEY (organisation_id, template_id, version)
);

CREATE TABLE index_outbox (
    seq              BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,  -- never reused, even after applied rows are pruned
    organisation_id  TEXT NOT NULL,
    target_type      TEXT NOT NULL CHECK (target_type IN ('document', 'case')),
    target_id        TEXT NOT NULL
);

CREATE TABLE master_key_check (
    id           BIGINT PRIMARY KEY CHECK (id = 1),
    check_value  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);

CREATE TABLE organisation_programmes (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    programme        TEXT NOT NULL,
    PRIMARY KEY (organisation_id, programme)
);

CREATE TABLE sign_in_providers (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    organisation_id  TEXT PRIMARY KEY REFERENCES organisations (id),
    issuer           TEXT NOT NULL,
    client_id        TEXT NOT NULL,
    client_secret    TEXT,            -- FieldCipher ciphertext; NULL for a public client
    scopes           TEXT NOT NULL,   -- space-separated, always with openid
    role_claim       TEXT,            -- NULL: the role held in Mappe is kept (existing users only)
    role_mapping     TEXT NOT NULL,
    name_claim       TEXT NOT NULL,
    new_users        TEXT NOT NULL CHECK (new_users IN ('create', 'existing')),
    match_claim      TEXT,            -- a claim compared with existing usernames on first sign-in
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL
);

CREATE TABLE sign_in_flows (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    state_hash       TEXT PRIMARY KEY,
    browser_hash     TEXT NOT NULL,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    issuer           TEXT NOT NULL,
    nonce            TEXT NOT NULL,
    code_verifier    TEXT NOT NULL,
    redirect_uri     TEXT NOT NULL,
    expires_at       BIGINT NOT NULL  -- epoch milliseconds
);

CREATE TABLE backup_targets (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    path           TEXT PRIMARY KEY,
    registered_at  TEXT NOT NULL
);

CREATE TABLE master_key_rotation (
    id                BIGINT PRIMARY KEY CHECK (id = 1),
    new_check_value   TEXT NOT NULL,
    started_at        TEXT NOT NULL,
    step              BIGINT NOT NULL,          -- index into the rotation's list of steps
    done_through      BIGINT NOT NULL DEFAULT 0  -- the last rowid (audit: entry number) of that step re-encrypted
);

CREATE TABLE audit_reanchors (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    source         TEXT PRIMARY KEY,  -- the certificate's document id
    entry          BIGINT NOT NULL,
    printed_value  TEXT NOT NULL,
    chain_value    TEXT NOT NULL
);

CREATE TABLE deleted_drafts (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    document_id      TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    case_id          TEXT NOT NULL,
    document_type    TEXT NOT NULL,
    deleted_at       TEXT NOT NULL,
    deleted_by       TEXT NOT NULL
);

CREATE TABLE users (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    username         TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('counsellor', 'leader', 'office', 'programme', 'management', 'employee')),
    password_hash    TEXT NOT NULL,
    active           BIGINT NOT NULL DEFAULT 1,
    username_index   TEXT
);

CREATE TABLE cases (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    participant_id   TEXT NOT NULL REFERENCES participants (id),
    programme        TEXT NOT NULL,
    counsellor_id    TEXT NOT NULL REFERENCES users (id),
    start_date       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    kind             TEXT NOT NULL DEFAULT 'participant' CHECK (kind IN ('participant', 'records', 'staff', 'minutes')),
    order_reference  TEXT NOT NULL DEFAULT '',
    ordered_service  TEXT NOT NULL DEFAULT '',
    order_from       TEXT,
    order_to         TEXT,
    version          BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE imported_files (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    content_key     TEXT NOT NULL,
    document_id     TEXT NOT NULL,
    imported_at     TEXT NOT NULL,
    PRIMARY KEY (organisation_id, content_key)
);

CREATE TABLE import_jobs (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    created_by      TEXT NOT NULL,
    status          TEXT NOT NULL,
    total           BIGINT NOT NULL,
    done            BIGINT NOT NULL DEFAULT 0,
    imported        BIGINT NOT NULL DEFAULT 0,
    skipped         BIGINT NOT NULL DEFAULT 0,
    failed          BIGINT NOT NULL DEFAULT 0,
    report          TEXT,
    created_at      TEXT NOT NULL,
    finished_at     TEXT
);

CREATE TABLE case_events (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases (id),
    type         TEXT NOT NULL,
    event_date   TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
, voided_at TEXT, voided_by TEXT, void_reason TEXT, acted_on_at TEXT
);

CREATE TABLE documents (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id                TEXT PRIMARY KEY,
    organisation_id   TEXT NOT NULL REFERENCES organisations (id),
    case_id           TEXT NOT NULL REFERENCES cases (id),
    document_type     TEXT NOT NULL,
    template_id       TEXT NOT NULL,
    template_version  BIGINT NOT NULL,
    language          TEXT NOT NULL,
    access_level      BIGINT NOT NULL CHECK (access_level BETWEEN 1 AND 4),
    status            TEXT NOT NULL,
    document_date     TEXT NOT NULL,  -- the document's own business date
    created_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL
, index_stamp BIGINT NOT NULL DEFAULT 0, held_by TEXT
);

CREATE TABLE document_versions (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version      BIGINT NOT NULL,
    blob_id      TEXT NOT NULL UNIQUE,
    wrapped_key  BYTEA NOT NULL,
    sha256       TEXT NOT NULL,  -- of the plaintext
    size_bytes   BIGINT NOT NULL,
    media_type   TEXT NOT NULL,
    reason       TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL, source_blob_id TEXT, source_wrapped_key BYTEA, sealed BIGINT NOT NULL DEFAULT 0, text_blob_id TEXT, text_wrapped_key BYTEA, fields TEXT,
    PRIMARY KEY (document_id, version)
);

CREATE TABLE disposals (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
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
, case_id TEXT, programme TEXT, document_year BIGINT
);

CREATE TABLE signatures (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id             TEXT PRIMARY KEY,
    document_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version        BIGINT NOT NULL,        -- the version that was signed
    signer_role    TEXT NOT NULL CHECK (signer_role IN ('participant', 'counsellor', 'leader')),
    signer_name    TEXT NOT NULL,
    method         TEXT NOT NULL CHECK (method IN ('drawn', 'paper')),
    image          TEXT,                    -- encrypted PNG (base64) for drawn signatures
    recorded_by    TEXT NOT NULL,
    signed_at      TEXT NOT NULL,
    UNIQUE (document_id, version, signer_role)
);

CREATE TABLE addenda (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version      BIGINT NOT NULL,
    text         TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (document_id, version)
);

CREATE TABLE document_deadlines (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    due_date     TEXT NOT NULL,
    PRIMARY KEY (document_id, kind)
);

CREATE TABLE user_preferences (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    user_id   TEXT PRIMARY KEY REFERENCES users (id),
    language  TEXT NOT NULL CHECK (language IN ('nb', 'da'))
);

CREATE TABLE retention_reviews (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    document_id  TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    decision     TEXT NOT NULL CHECK (decision IN ('keep-until', 'dispose')),
    due_date     TEXT NOT NULL,
    decided_by   TEXT NOT NULL,
    decided_at   TEXT NOT NULL
);

CREATE TABLE setup_tokens (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    token_hash       TEXT PRIMARY KEY,
    user_id          TEXT NOT NULL REFERENCES users (id),
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    purpose          TEXT NOT NULL CHECK (purpose IN ('setup', 'reset')),
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    expires_at       BIGINT NOT NULL,  -- epoch milliseconds
    used_at          TEXT
);

CREATE TABLE sessions (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id               TEXT PRIMARY KEY,
    token_hash       TEXT NOT NULL UNIQUE,
    user_id          TEXT NOT NULL REFERENCES users (id),
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    created_at       BIGINT NOT NULL,  -- epoch milliseconds
    last_seen        BIGINT NOT NULL,  -- epoch milliseconds, recorded to the minute
    second_factor    BIGINT NOT NULL CHECK (second_factor IN (0, 1)),  -- 1: the second factor (or single sign-on) was passed
    browser          TEXT NOT NULL,
    system           TEXT NOT NULL
);

CREATE TABLE second_factors (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    user_id          TEXT PRIMARY KEY REFERENCES users (id),
    secret           TEXT,
    enrolled_at      TEXT,
    last_step        BIGINT NOT NULL DEFAULT 0,
    pending_secret   TEXT,
    pending_since    TEXT
);

CREATE TABLE recovery_codes (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    user_id    TEXT NOT NULL REFERENCES users (id),
    code_hash  TEXT NOT NULL,
    used_at    TEXT,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE sign_in_links (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    subject_key      TEXT NOT NULL,
    issuer           TEXT NOT NULL,
    user_id          TEXT NOT NULL REFERENCES users (id),
    created_at       TEXT NOT NULL, subject TEXT,
    PRIMARY KEY (organisation_id, subject_key)
);

CREATE TABLE case_transfers (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id              TEXT PRIMARY KEY,
    case_id         TEXT NOT NULL REFERENCES cases (id),
    from_programme  TEXT NOT NULL,
    to_programme    TEXT NOT NULL,
    transfer_date   TEXT NOT NULL,
    recorded_by     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL
);

CREATE TABLE document_dispatches (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id            TEXT PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    recipient     TEXT NOT NULL CHECK (recipient IN ('nav', 'jobcentre', 'participant', 'other')),
    method        TEXT NOT NULL CHECK (method IN ('post', 'digital-post', 'email', 'by-hand', 'nav-system')),
    sent_on       TEXT NOT NULL,
    received_on   TEXT,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);

CREATE TABLE complaints (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id                   TEXT PRIMARY KEY,
    organisation_id      TEXT NOT NULL REFERENCES organisations (id),
    complainant          TEXT NOT NULL CHECK (complainant IN ('participant', 'customer', 'partner', 'buyer', 'anonymous')),
    case_id              TEXT REFERENCES cases (id),
    document_id          TEXT,            -- the complaint form in the case, if any (no key: a shred removes it)
    complainant_name     TEXT,            -- encrypted; others than participants only
    complainant_contact  TEXT,            -- encrypted
    summary              TEXT,            -- encrypted; a short note of what happened
    received_date        TEXT NOT NULL,
    category             TEXT NOT NULL,
    service_ended_date   TEXT,
    handler_id           TEXT NOT NULL REFERENCES users (id),
    registered_by        TEXT NOT NULL,
    registered_at        TEXT NOT NULL,
    answer_date          TEXT,
    outcome              TEXT CHECK (outcome IN ('upheld', 'partly-upheld', 'not-upheld', 'withdrawn')),
    answered_by          TEXT,
    answer_document_id   TEXT,
    CHECK ((complainant = 'participant') = (case_id IS NOT NULL))
);

CREATE INDEX case_events_by_case ON case_events (case_id, type);

CREATE INDEX documents_by_case ON documents (case_id);

CREATE INDEX documents_by_type ON documents (organisation_id, document_type);

CREATE INDEX disposals_by_org ON disposals (organisation_id, disposed_at);

CREATE INDEX signatures_by_document ON signatures (document_id);

CREATE INDEX holds_by_target ON holds (organisation_id, target_type, target_id);

CREATE INDEX sweeps_by_org ON sweeps (organisation_id, started_at);

CREATE INDEX sweep_items_pending ON sweep_items (sweep_id, outcome);

CREATE INDEX anonymised_by_year ON anonymised_documents (organisation_id, document_year);

CREATE INDEX login_attempts_by_window_end ON login_attempts (window_ends);

CREATE UNIQUE INDEX holds_one_active_per_target ON holds (organisation_id, target_type, target_id) WHERE lifted_at IS NULL;

CREATE INDEX setup_tokens_by_user ON setup_tokens (user_id);

CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE INDEX sessions_by_last_seen ON sessions (last_seen);

CREATE UNIQUE INDEX sign_in_links_by_user ON sign_in_links (organisation_id, issuer, user_id);

CREATE INDEX sign_in_flows_by_expiry ON sign_in_flows (expires_at);

CREATE INDEX case_transfers_by_case ON case_transfers (case_id, transfer_date);

CREATE UNIQUE INDEX document_dispatches_once ON document_dispatches (document_id, recipient, sent_on);

CREATE UNIQUE INDEX users_by_username_index ON users (username_index);

CREATE INDEX complaints_by_received ON complaints (organisation_id, received_date);

CREATE INDEX complaints_by_case ON complaints (case_id);

CREATE UNIQUE INDEX complaints_by_document ON complaints (document_id) WHERE document_id IS NOT NULL;

CREATE INDEX cases_by_counsellor ON cases (organisation_id, counsellor_id);

CREATE INDEX cases_by_kind ON cases (organisation_id, kind);

CREATE UNIQUE INDEX cases_one_book_per_organisation ON cases (organisation_id, kind) WHERE kind IN ('records', 'minutes');

CREATE INDEX import_jobs_by_organisation ON import_jobs (organisation_id, created_at);
