-- See db/migration/V30__leases_and_index_consumers.sql.
CREATE TABLE leases (
    rowid       BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    expires_at  BIGINT NOT NULL
);

CREATE TABLE index_consumers (
    rowid        BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    node_id      TEXT PRIMARY KEY,
    applied_seq  BIGINT NOT NULL,
    seen_at      BIGINT NOT NULL
);
