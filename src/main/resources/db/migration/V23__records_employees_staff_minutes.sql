-- Slice "records" (issue 14).

-- Ordinary employees (ordinært ansatte / medarbejdere): a role that reads levels 1-2 and works no
-- cases. SQLite changes a CHECK only by rebuilding the table; migrations run with foreign keys off
-- and are checked afterwards.
CREATE TABLE users_new (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    username         TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('counsellor', 'leader', 'office', 'programme', 'management', 'employee')),
    password_hash    TEXT NOT NULL,
    active           INTEGER NOT NULL DEFAULT 1,
    username_index   TEXT
);
INSERT INTO users_new (id, organisation_id, username, display_name, role, password_hash, active, username_index)
    SELECT id, organisation_id, username, display_name, role, password_hash, active, username_index FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE UNIQUE INDEX users_by_username_index ON users (username_index);

-- A document made above its maker's own access level (a counsellor hands out the confidentiality
-- declaration and helps write a complaint on day one) is in their hand until it is signed: they
-- may read and sign it meanwhile. Cleared when someone at its level moves it to another level.
ALTER TABLE documents ADD COLUMN held_by TEXT;
