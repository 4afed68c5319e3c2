-- The complaint register (klageprotokoll): every complaint the organisation receives, from a
-- participant (linked to the case), from others (customers, partners, buyers: name and contact
-- encrypted under the "complaint" field key) or anonymous. The answer is due four weeks after the
-- received date (the business date), not after the day it was registered; a complaint lodged more
-- than 30 days after the service ended is flagged late, never refused. The one who handles it
-- records the answer (date and outcome); answer_date IS NULL means still open.
CREATE TABLE complaints (
    id                   TEXT PRIMARY KEY,
    organisation_id      TEXT NOT NULL REFERENCES organisations (id),
    complainant          TEXT NOT NULL CHECK (complainant IN ('participant', 'customer', 'partner', 'buyer', 'anonymous')),
    case_id              TEXT REFERENCES cases (id),
    document_id          TEXT,            -- the complaint form in the case, if any (no key: a shred removes it)
    complainant_name     TEXT,            -- encrypted; others than participants only
    complainant_contact  TEXT,            -- encrypted
    summary              TEXT,            -- encrypted; a short note of what happened
    received_date        TEXT NOT NULL,
    category             TEXT NOT NULL,
    service_ended_date   TEXT,
    handler_id           TEXT NOT NULL REFERENCES users (id),
    registered_by        TEXT NOT NULL,
    registered_at        TEXT NOT NULL,
    answer_date          TEXT,
    outcome              TEXT CHECK (outcome IN ('upheld', 'partly-upheld', 'not-upheld', 'withdrawn')),
    answered_by          TEXT,
    answer_document_id   TEXT,
    CHECK ((complainant = 'participant') = (case_id IS NOT NULL))
);
CREATE INDEX complaints_by_received ON complaints (organisation_id, received_date);
CREATE INDEX complaints_by_case ON complaints (case_id);
CREATE UNIQUE INDEX complaints_by_document ON complaints (document_id) WHERE document_id IS NOT NULL;

-- Complaint forms made before the register: each becomes one entry, received on the form's date,
-- handled by whoever wrote it, answered by the first answer letter of the case on or after it
-- (its outcome was only in the letter, so it stays unrecorded).
INSERT INTO complaints (id, organisation_id, complainant, case_id, document_id, received_date, category, handler_id,
                        registered_by, registered_at, answer_date, answered_by, answer_document_id)
SELECT lower(hex(randomblob(16))), d.organisation_id, 'participant', d.case_id, d.id, d.document_date, 'other', d.created_by,
       d.created_by, d.created_at,
       (SELECT a.document_date FROM documents a WHERE a.case_id = d.case_id AND a.document_type = 'complaint-answer'
            AND a.document_date >= d.document_date ORDER BY a.document_date, a.id LIMIT 1),
       (SELECT a.created_by FROM documents a WHERE a.case_id = d.case_id AND a.document_type = 'complaint-answer'
            AND a.document_date >= d.document_date ORDER BY a.document_date, a.id LIMIT 1),
       (SELECT a.id FROM documents a WHERE a.case_id = d.case_id AND a.document_type = 'complaint-answer'
            AND a.document_date >= d.document_date ORDER BY a.document_date, a.id LIMIT 1)
FROM documents d
WHERE d.document_type = 'complaint' AND EXISTS (SELECT 1 FROM users u WHERE u.id = d.created_by);
