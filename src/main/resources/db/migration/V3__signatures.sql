-- Signatures collected on a document version before it is sealed. The drawn image is personal
-- data: it is stored encrypted (FieldCipher) and goes with the document when it is shredded.
CREATE TABLE signatures (
    id             TEXT PRIMARY KEY,
    document_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version        INTEGER NOT NULL,        -- the version that was signed
    signer_role    TEXT NOT NULL CHECK (signer_role IN ('participant', 'counsellor', 'leader')),
    signer_name    TEXT NOT NULL,
    method         TEXT NOT NULL CHECK (method IN ('drawn', 'paper')),
    image          TEXT,                    -- encrypted PNG (base64) for drawn signatures
    recorded_by    TEXT NOT NULL,
    signed_at      TEXT NOT NULL,
    UNIQUE (document_id, version, signer_role)
);
CREATE INDEX signatures_by_document ON signatures (document_id);

-- A sealed version carries the organisation's PAdES seal and can never change.
ALTER TABLE document_versions ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
