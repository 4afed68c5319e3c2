-- People and organisations managed from Mappe itself (first run, more organisations, staff).
--
-- The programmes an organisation runs, from the programmes of its country. An organisation with
-- no rows here (the demo organisations, organisations made before this version) runs all of them.
CREATE TABLE organisation_programmes (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    programme        TEXT NOT NULL,
    PRIMARY KEY (organisation_id, programme)
);

-- One-time links to set a password: for a new person (setup) or after a reset. Only the SHA-256 of
-- the token is stored, never the token, so a copy of the database opens no account. A token is
-- used once (used_at), ends at expires_at, and is replaced when a newer one is made for the person.
CREATE TABLE setup_tokens (
    token_hash       TEXT PRIMARY KEY,
    user_id          TEXT NOT NULL REFERENCES users (id),
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    purpose          TEXT NOT NULL CHECK (purpose IN ('setup', 'reset')),
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    expires_at       INTEGER NOT NULL,  -- epoch milliseconds
    used_at          TEXT
);
CREATE INDEX setup_tokens_by_user ON setup_tokens (user_id);
