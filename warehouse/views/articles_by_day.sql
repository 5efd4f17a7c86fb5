-- Articles per UTC publication day and source; undated articles are counted under NULL.
CREATE OR REPLACE VIEW articles_by_day AS
SELECT CAST(timezone('UTC', published_at) AS DATE) AS day, source, count(*) AS articles
FROM articles
GROUP BY ALL
ORDER BY day NULLS LAST, source;
