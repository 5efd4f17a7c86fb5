-- Articles per publication day and source, the day as the text wrote it (see article_local_dates: the
-- written offset, else the run's or source's time zone, else UTC); undated articles under NULL.
CREATE OR REPLACE VIEW articles_by_day AS
SELECT published_local_day AS day, source, count(*) AS articles
FROM article_local_dates
GROUP BY ALL
ORDER BY day NULLS LAST, source;
