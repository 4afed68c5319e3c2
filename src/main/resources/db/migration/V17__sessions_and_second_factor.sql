-- Sessions live in the database, so a restart does not log everyone out and several nodes share
-- them. Only a SHA-256 of the session token is stored (the CSRF token is an HMAC of the token, so
-- it is not stored at all); the id is a separate random value that the session list shows and
-- that ends one session, and it opens nothing by itself. The device is a browser family and an
-- operating system read from the User-Agent, never an IP address.
CREATE TABLE sessions (
    id               TEXT PRIMARY KEY,
    token_hash       TEXT NOT NULL UNIQUE,
    user_id          TEXT NOT NULL REFERENCES users (id),
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    created_at       INTEGER NOT NULL,  -- epoch milliseconds
    last_seen        INTEGER NOT NULL,  -- epoch milliseconds, recorded to the minute
    second_factor    INTEGER NOT NULL CHECK (second_factor IN (0, 1)),  -- 1: the second factor (or single sign-on) was passed
    browser          TEXT NOT NULL,
    system           TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_last_seen ON sessions (last_seen);

-- A user's TOTP authenticator (RFC 6238). The secret is encrypted with a key derived from the
-- master key for this purpose alone. last_step is the time step of the last code accepted: a code
-- of that step or an earlier one is refused, so each code works once. pending_secret is an
-- enrolment not yet confirmed with a code; confirming replaces the secret and the recovery codes.
CREATE TABLE second_factors (
    user_id          TEXT PRIMARY KEY REFERENCES users (id),
    secret           TEXT,
    enrolled_at      TEXT,
    last_step        INTEGER NOT NULL DEFAULT 0,
    pending_secret   TEXT,
    pending_since    TEXT
);

-- Ten single-use recovery codes per user, stored as an HMAC-SHA256 under a key derived from the
-- master key (the codes carry 50 random bits, so a slow hash adds nothing but the key keeps a
-- stolen database from being checked offline).
CREATE TABLE recovery_codes (
    user_id    TEXT NOT NULL REFERENCES users (id),
    code_hash  TEXT NOT NULL,
    used_at    TEXT,
    PRIMARY KEY (user_id, code_hash)
);
