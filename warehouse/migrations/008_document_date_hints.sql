-- The locale and time zone a document's dates were read with, when the run or its source named them
-- (`wirehouse ingest --locale --tz`, a crawl source's `locale` / `timezone`), so that re-deriving the
-- document later (a stale duplicate, `wirehouse reprocess`) reads its dates the same way.
ALTER TABLE documents ADD COLUMN locale VARCHAR;
ALTER TABLE documents ADD COLUMN timezone VARCHAR;
