-- Dates a document sets for what comes next (the next meeting, the next review of the plan), kept
-- outside the encrypted content so the counsellor's start page can list them. A kind and a date
-- only; they go with the document.
CREATE TABLE document_deadlines (
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    due_date     TEXT NOT NULL,
    PRIMARY KEY (document_id, kind)
);
