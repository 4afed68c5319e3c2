-- The participant's own comments to a report (e.g. the final report to NAV), added before they
-- sign; they become part of the sealed report. Encrypted: they are the participant's own words.
CREATE TABLE addenda (
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    text         TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (document_id, version)
);
