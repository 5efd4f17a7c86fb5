-- Every input and what became of it: loaded, duplicate or rejected, with the article or the reason.
-- A FULL JOIN because an input that could not even be read (a missing path) has a reject but no document.
CREATE OR REPLACE VIEW document_outcomes AS
SELECT coalesce(d.document_id, r.document_id) AS document_id,
       coalesce(d.origin, r.origin) AS origin,
       d.kind,
       coalesce(d.status, 'rejected') AS status,
       d.article_id,
       r.stage AS reject_stage,
       r.reason AS reject_reason,
       r.detail AS reject_detail,
       d.read_at,
       d.fetched_at
FROM documents d
FULL OUTER JOIN rejects r ON r.document_id = d.document_id;
