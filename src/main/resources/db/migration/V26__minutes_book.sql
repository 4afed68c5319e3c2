-- The organisation's minutes book (møtereferater / mødereferater): one case of kind 'minutes' per
-- organisation, created the first time minutes are written. It has no participant; its documents
-- are read by everyone at their level (1 or 2), whatever their role. The kind's CHECK needs a
-- rebuild of the table, as in V23 (migrations run with foreign keys off and are checked afterwards).
CREATE TABLE cases_new (
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
-- One minutes book (and one records case) per organisation, even when two first writers race.
CREATE UNIQUE INDEX cases_one_book_per_organisation ON cases (organisation_id, kind) WHERE kind IN ('records', 'minutes');
