-- Why inputs were rejected, most frequent first.
CREATE OR REPLACE VIEW reject_summary AS
SELECT stage, reason, count(*) AS inputs, min(origin) AS example
FROM rejects
GROUP BY ALL
ORDER BY inputs DESC, stage, reason;
