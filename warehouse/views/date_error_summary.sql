-- Why publication dates could not be read, grouped: the quoted values and dates inside each message are
-- replaced by '…' and other numbers by N, so "ambiguous day/month order in '11/08/2019'" and "... in
-- '03/04/2022'" are one row.
CREATE OR REPLACE VIEW date_error_summary AS
SELECT regexp_replace(
           regexp_replace(
               regexp_replace(published_error, '''[^'']*''', '''…''', 'g'),
               '\d{4}-\d{2}-\d{2}(T[0-9:]+Z?)?', '…', 'g'
           ),
           '\b\d+\b', 'N', 'g'  -- "neither 13 nor 14 can be a month" and "... 31 nor 31 ..." are one row
       ) AS reason,
       count(*) AS articles,
       min(published_text) AS example
FROM articles
WHERE published_error IS NOT NULL
GROUP BY ALL
ORDER BY articles DESC, reason;
