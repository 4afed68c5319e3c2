-- Single sign-on with OpenID Connect, configured per organisation by its leader.

-- One identity provider per organisation. Nothing here is personal data; the client secret is
-- stored encrypted (a field key of its own, derived from the master key) and is never read back
-- through the API. role_mapping is JSON: claim value -> Mappe role code.
CREATE TABLE sign_in_providers (
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

-- Which Mappe user an account at the provider is. The key is an HMAC of issuer and subject under
-- a key derived from the master key, so the provider's identifier of a person is not stored.
CREATE TABLE sign_in_links (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    subject_key      TEXT NOT NULL,
    issuer           TEXT NOT NULL,
    user_id          TEXT NOT NULL REFERENCES users (id),
    created_at       TEXT NOT NULL,
    PRIMARY KEY (organisation_id, subject_key)
);
-- One account per user and provider: a second account cannot take over a linked user.
CREATE UNIQUE INDEX sign_in_links_by_user ON sign_in_links (organisation_id, issuer, user_id);

-- Sign-ins under way: between the redirect to the provider and its answer (at most ten minutes).
-- Found by a hash of the state; bound to the browser that started it by a hash of a cookie that
-- only that browser holds. Used once: the row is deleted when the answer arrives.
CREATE TABLE sign_in_flows (
    state_hash       TEXT PRIMARY KEY,
    browser_hash     TEXT NOT NULL,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    issuer           TEXT NOT NULL,
    nonce            TEXT NOT NULL,
    code_verifier    TEXT NOT NULL,
    redirect_uri     TEXT NOT NULL,
    expires_at       INTEGER NOT NULL  -- epoch milliseconds
);
CREATE INDEX sign_in_flows_by_expiry ON sign_in_flows (expires_at);
