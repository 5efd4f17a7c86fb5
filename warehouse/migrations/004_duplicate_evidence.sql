-- What a document's own text was, and why it was judged a duplicate, so that a duplicate whose article
-- later changed or disappeared (its owner input was edited or became a reject) can be found and
-- re-derived instead of silently losing its text (view `stale_duplicates`).
ALTER TABLE documents ADD COLUMN content_hash VARCHAR;   -- hash of the cleaned body it produced; NULL for rejects
ALTER TABLE documents ADD COLUMN duplicate_by VARCHAR;   -- body | url, for status = 'duplicate'
