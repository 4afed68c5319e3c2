-- NAV's order (bestilling) or the Danish job centre's referral (henvisning) a case is opened on:
-- its reference, the service ordered and the period it covers. Older cases have none (empty/NULL).
ALTER TABLE cases ADD COLUMN order_reference TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN ordered_service TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN order_from TEXT;
ALTER TABLE cases ADD COLUMN order_to TEXT;
-- Compare-and-set for edits from pages and API: an edit names the version it was made from and
-- is refused (409) when someone saved in between.
ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- A participant moved to another programme (Primærprosessen §12): the case keeps its documents and
-- history; each move is kept here (and audited) with the programme it came from and went to.
CREATE TABLE case_transfers (
    id              TEXT PRIMARY KEY,
    case_id         TEXT NOT NULL REFERENCES cases (id),
    from_programme  TEXT NOT NULL,
    to_programme    TEXT NOT NULL,
    transfer_date   TEXT NOT NULL,
    recorded_by     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL
);
CREATE INDEX case_transfers_by_case ON case_transfers (case_id, transfer_date);
