-- Several nodes on one database (PostgreSQL). A lease is a node's claim on a job that must run on one node at a time
-- (an organisation's retention sweep); it lasts until expires_at unless renewed, so a job of a node that died is taken over
-- by another once its lease runs out.
CREATE TABLE leases (
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,     -- the node's id (a random UUID kept in its data directory)
    expires_at  INTEGER NOT NULL   -- epoch milliseconds
);

-- Each node keeps a search index of its own, fed from the index outbox. A node notes here how far it has applied the
-- outbox; rows are pruned only once every node seen lately has them.
CREATE TABLE index_consumers (
    node_id      TEXT PRIMARY KEY,
    applied_seq  INTEGER NOT NULL,
    seen_at      INTEGER NOT NULL  -- epoch milliseconds
);
