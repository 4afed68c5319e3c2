-- The database decides; the search index follows through an outbox. Every change that affects
-- what search shows writes a row here in the same transaction as the change itself; one indexer
-- applies the rows in order and keeps the last sequence number it applied in the index's own
-- commit data, so a crash, a full disk or a restart replays exactly what is missing. Rows name
-- what changed (a document, or every document of a case), never what it says.
CREATE TABLE index_outbox (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, even after applied rows are pruned
    organisation_id  TEXT NOT NULL,
    target_type      TEXT NOT NULL CHECK (target_type IN ('document', 'case')),
    target_id        TEXT NOT NULL
);

-- The outbox sequence number of the latest change to each document; the index keeps the stamp it
-- indexed, so the start-up check compares what the index holds with what the database says,
-- document by document (not only how many there are).
ALTER TABLE documents ADD COLUMN index_stamp INTEGER NOT NULL DEFAULT 0;

-- Case events can be corrected: voided with a reason (encrypted, it may name people) until a sweep
-- has acted on them. A voided event no longer starts any retention clock.
ALTER TABLE case_events ADD COLUMN voided_at TEXT;
ALTER TABLE case_events ADD COLUMN voided_by TEXT;
ALTER TABLE case_events ADD COLUMN void_reason TEXT;
-- Set when a sweep disposed of documents whose retention clock this event started.
ALTER TABLE case_events ADD COLUMN acted_on_at TEXT;

-- One active hold per target: a second leader placing the same hold at the same moment gets 409.
CREATE UNIQUE INDEX holds_one_active_per_target ON holds (organisation_id, target_type, target_id) WHERE lifted_at IS NULL;
