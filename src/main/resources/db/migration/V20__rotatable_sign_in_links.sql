-- A single sign-on link is found by an HMAC of issuer and subject under a key derived from the
-- master key. Keeping the issuer and subject encrypted beside it lets a master key rotation
-- recompute that HMAC under the new key; links without it (made before this version) make a
-- rotation refuse rather than silently lose them.
ALTER TABLE sign_in_links ADD COLUMN subject TEXT;
