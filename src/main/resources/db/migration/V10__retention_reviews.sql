-- The leader's decision on a document whose rule says "review" (Noark: vurderes senere): keep it
-- until a new date (it is reviewed again then), or dispose of it at the next sweep.
CREATE TABLE retention_reviews (
    document_id  TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    decision     TEXT NOT NULL CHECK (decision IN ('keep-until', 'dispose')),
    due_date     TEXT NOT NULL,
    decided_by   TEXT NOT NULL,
    decided_at   TEXT NOT NULL
);
