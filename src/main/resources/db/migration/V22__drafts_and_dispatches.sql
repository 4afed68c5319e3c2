-- docs slice (issue 14): editing and deleting drafts, marking documents sent and received.

-- The field values a generated version was made from, so a draft can be edited in the same form.
-- Encrypted under a key derived from the version's own document key (MasterKey.versionFieldCipher):
-- shredding the version's key makes them unreadable with the content. NULL for older versions and uploads.
ALTER TABLE document_versions ADD COLUMN fields TEXT;

-- Drafts deleted before anyone signed them: no content, names or titles, only that one went and when.
-- Counted with the disposal log when deciding whether the keys files of backups must be rewritten.
CREATE TABLE deleted_drafts (
    document_id      TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    case_id          TEXT NOT NULL,
    document_type    TEXT NOT NULL,
    deleted_at       TEXT NOT NULL,
    deleted_by       TEXT NOT NULL
);

-- A document sent to NAV, the job centre, the participant or someone else: when and how, and
-- when it was received. Goes with the document when it is destroyed.
CREATE TABLE document_dispatches (
    id            TEXT PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    recipient     TEXT NOT NULL CHECK (recipient IN ('nav', 'jobcentre', 'participant', 'other')),
    method        TEXT NOT NULL CHECK (method IN ('post', 'digital-post', 'email', 'by-hand', 'nav-system')),
    sent_on       TEXT NOT NULL,
    received_on   TEXT,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
-- The same sending recorded twice (two clicks, two devices) is one row; the second gets 409.
CREATE UNIQUE INDEX document_dispatches_once ON document_dispatches (document_id, recipient, sent_on);
