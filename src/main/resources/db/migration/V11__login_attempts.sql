-- Password checks per username in the current lockout window. A check is counted here before the
-- password is hashed, so the limit holds however many requests arrive at once, and it survives a
-- restart. The key is an HMAC of the normalised username under a key derived from the master key,
-- never the username itself; unknown usernames are counted the same way.
CREATE TABLE login_attempts (
    username_key  TEXT PRIMARY KEY,
    checks        INTEGER NOT NULL CHECK (checks >= 1),
    window_ends   INTEGER NOT NULL  -- epoch milliseconds
);
CREATE INDEX login_attempts_by_window_end ON login_attempts (window_ends);
