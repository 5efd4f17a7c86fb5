-- Documents recorded as duplicates whose article no longer holds their text: the article is gone (its
-- owner input became a reject or another article), or it repeated the body and the body has changed.
-- A duplicate recorded before migration 004 has no evidence (duplicate_by and content_hash are NULL):
-- it is re-read once its article has been replaced since it was judged, as its text may be gone with
-- that body (it was never re-read, and its text was lost without a word).
-- Every run re-derives these before it finishes, so outside a running ingest this view is empty.
CREATE OR REPLACE VIEW stale_duplicates AS
SELECT d.*
FROM documents d
LEFT JOIN articles a ON a.article_id = d.article_id
WHERE d.status = 'duplicate'
  AND (a.article_id IS NULL
       OR (d.duplicate_by = 'body' AND d.content_hash IS DISTINCT FROM a.content_hash)
       OR (d.duplicate_by IS NULL AND a.updated_at > d.updated_at));
