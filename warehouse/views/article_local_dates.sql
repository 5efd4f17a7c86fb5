-- Each article's publication time on the clock it was written for: the offset its text wrote, else the
-- time zone its run or source named (documents.timezone, `ingest --tz`, a source's `timezone`), else UTC.
-- A date without a time is stored as midnight of its day in that zone, so `published_local_day` is the
-- day the text wrote, whatever the zone; grouping `published_at` by UTC day would move it.
CREATE OR REPLACE VIEW article_local_dates AS
SELECT a.article_id,
       a.source,
       a.published_at,
       a.published_precision,
       CASE
           WHEN a.published_offset_minutes IS NOT NULL
               THEN timezone('UTC', a.published_at) + to_minutes(a.published_offset_minutes)
           WHEN z.name IS NOT NULL THEN timezone(z.name, a.published_at)
           ELSE timezone('UTC', a.published_at)
       END AS published_local,
       CAST(published_local AS DATE) AS published_local_day,
       CASE
           WHEN a.published_at IS NULL THEN NULL  -- no date, no zone it was written in
           WHEN a.published_offset_minutes IS NOT NULL
               THEN printf('%s%02d:%02d', CASE WHEN a.published_offset_minutes < 0 THEN '-' ELSE '+' END,
                           abs(a.published_offset_minutes) // 60, abs(a.published_offset_minutes) % 60)
           ELSE coalesce(z.name, 'UTC')
       END AS published_zone
FROM articles a
LEFT JOIN documents d ON d.document_id = a.document_id
-- a zone name DuckDB does not know reads as UTC rather than failing the whole query
LEFT JOIN (SELECT name FROM pg_timezone_names()) z ON z.name = d.timezone;
