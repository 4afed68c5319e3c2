-- Backups and master key rotation.
--
-- Backup directories this installation has written to (MAPPE_BACKUP_DIR and every `mappe backup
-- DIR`). Each holds a file `document-keys` with the wrapped keys of the documents that still
-- exist; backups themselves hold no document keys. After a shred the service rewrites that file in
-- every directory listed here, which is how a shred reaches every backup.
CREATE TABLE backup_targets (
    path           TEXT PRIMARY KEY,
    registered_at  TEXT NOT NULL
);

-- A master key rotation under way (at most one). Each step re-encrypts one table in batches, and
-- records in the same transaction how far it got, so a rotation killed half-way resumes where it
-- stopped. While this row exists neither the old nor the new key starts the service.
CREATE TABLE master_key_rotation (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    new_check_value   TEXT NOT NULL,
    started_at        TEXT NOT NULL,
    step              INTEGER NOT NULL,          -- index into the rotation's list of steps
    done_through      INTEGER NOT NULL DEFAULT 0  -- the last rowid (audit: entry number) of that step re-encrypted
);

-- Disposal certificates print the audit head they were issued at (entry and chain value). A key
-- rotation recomputes every chain value under the new key, so the printed value no longer appears
-- in the log: the rotation checks each certificate's head first and records here which value that
-- entry carries now. Verification then compares the certificate with that value. The rows cannot
-- hide a removed entry (the entry must still exist) nor an edited one (the keyed chain must hold).
CREATE TABLE audit_reanchors (
    source         TEXT PRIMARY KEY,  -- the certificate's document id
    entry          INTEGER NOT NULL,
    printed_value  TEXT NOT NULL,
    chain_value    TEXT NOT NULL
);
