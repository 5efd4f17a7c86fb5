-- What a run's re-derivation of duplicates did (their article changed or went, so they were read again):
-- the input counts above are from the main pass, and without these a run that turned three duplicates
-- into articles read "loaded 0, duplicate 3" while the warehouse gained three articles.
ALTER TABLE runs ADD COLUMN rederived INTEGER DEFAULT 0;            -- duplicates read again
ALTER TABLE runs ADD COLUMN rederived_loaded INTEGER DEFAULT 0;     -- ... that are now the article
ALTER TABLE runs ADD COLUMN rederived_duplicate INTEGER DEFAULT 0;  -- ... still a duplicate, of another
ALTER TABLE runs ADD COLUMN rederived_rejected INTEGER DEFAULT 0;   -- ... rejected
