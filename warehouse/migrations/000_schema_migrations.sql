-- Bookkeeping for the migration step itself: one row per applied migration file.
-- Applied (idempotently) before every other migration, so it has to be safe to run again.
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL,
    checksum    VARCHAR NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
