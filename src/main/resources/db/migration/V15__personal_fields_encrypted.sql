-- Keys and personal data at rest.
--
-- The master key's check value (an HMAC of a fixed label under the key, never the key): a start
-- with another key is refused before anything is read or written.
CREATE TABLE master_key_check (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    check_value  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);

-- Personal fields are encrypted from now on (AES-GCM under keys derived from the master key):
-- participants.name and birth_date, users.username and display_name, signatures.signer_name and
-- organisation_profiles.profile_json. Rows written before are encrypted in place by the service on
-- its next start (it needs the key, which SQL has not), followed by VACUUM so no plaintext is left
-- in free pages. The UNIQUE constraint on users.username now holds ciphertext and no longer means
-- anything: uniqueness and login go through the keyed blind index of the normalised username
-- (HMAC-SHA256 under its own derived key), filled in by the same step.
ALTER TABLE users ADD COLUMN username_index TEXT;
CREATE UNIQUE INDEX users_by_username_index ON users (username_index);
