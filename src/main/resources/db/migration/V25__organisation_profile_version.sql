-- Slice "leader": the organisation profile carries a version, so that of two leaders saving the
-- profile from the same version one wins and the other is told (409) instead of overwriting it.
ALTER TABLE organisation_profiles ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
