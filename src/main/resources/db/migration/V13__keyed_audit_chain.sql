-- How each audit entry is chained to the one before it: 1 = SHA-256 without a key (every entry
-- written before this migration), 2 = HMAC-SHA256 under a key derived from the master key, so that
-- nobody without the key can remove an entry and recompute the chain. Keyed entries only ever
-- follow unkeyed ones; verification treats an unkeyed entry after a keyed one as forged.
ALTER TABLE audit_log ADD COLUMN scheme INTEGER NOT NULL DEFAULT 1 CHECK (scheme IN (1, 2));
