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

-- Staff folders (personalmappe): a staff member's welcome folder, employment agreement and
-- confidentiality declaration, in the leader's own cabinet. A case of kind 'staff' whose
-- "participant" row holds the staff member's name and birth date (encrypted like a participant's);
-- only the leader opens it. Leaving is the case event employment-ended, which starts the policy's
-- clocks (the confidentiality declaration is kept). The kind's CHECK needs a rebuild of the table.
CREATE TABLE cases_new (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    participant_id   TEXT NOT NULL REFERENCES participants (id),
    programme        TEXT NOT NULL,
    counsellor_id    TEXT NOT NULL REFERENCES users (id),
    start_date       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    kind             TEXT NOT NULL DEFAULT 'participant' CHECK (kind IN ('participant', 'records', 'staff')),
    order_reference  TEXT NOT NULL DEFAULT '',
    ordered_service  TEXT NOT NULL DEFAULT '',
    order_from       TEXT,
    order_to         TEXT,
    version          INTEGER NOT NULL DEFAULT 1
);
INSERT INTO cases_new (id, organisation_id, participant_id, programme, counsellor_id, start_date, created_at, kind,
                       order_reference, ordered_service, order_from, order_to, version)
    SELECT id, organisation_id, participant_id, programme, counsellor_id, start_date, created_at, kind,
           order_reference, ordered_service, order_from, order_to, version FROM cases;
DROP TABLE cases;
ALTER TABLE cases_new RENAME TO cases;
CREATE INDEX cases_by_counsellor ON cases (organisation_id, counsellor_id);
CREATE INDEX cases_by_kind ON cases (organisation_id, kind);
