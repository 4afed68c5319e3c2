-- Two more roles: the programme department (every case, levels 1-3) and the management group
-- (every case and the leader-only cabinet, level 4). SQLite changes a CHECK only by rebuilding
-- the table; migrations run with foreign keys off and are checked afterwards.
CREATE TABLE users_new (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    username         TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('counsellor', 'leader', 'office', 'programme', 'management')),
    password_hash    TEXT NOT NULL,
    active           INTEGER NOT NULL DEFAULT 1
);
INSERT INTO users_new (id, organisation_id, username, display_name, role, password_hash, active)
    SELECT id, organisation_id, username, display_name, role, password_hash, active FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
