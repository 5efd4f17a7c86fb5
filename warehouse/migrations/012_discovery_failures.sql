-- Child sitemaps (those a sitemap index lists) whose last fetch failed, so that a crawl waits out the
-- retry back-off of a failed page before it asks for one again: a dead child sitemap was asked for on
-- every run. A failed child sitemap is a warning of its source, not a reject (its source's other
-- sitemaps are read), so its failure is kept here; a fetch of it that succeeds removes its row. (A feed
-- or root sitemap that fails is a reject of its source, keyed by its URL: the back-off reads that.)
CREATE TABLE discovery_failures (
    url        VARCHAR PRIMARY KEY,     -- as the sitemap index names it
    source     VARCHAR NOT NULL,        -- the source that last asked for it
    reason     VARCHAR NOT NULL,        -- http_404, connection, read_timeout ...
    detail     VARCHAR NOT NULL,
    failures   INTEGER NOT NULL,        -- fetches of it in a row that failed
    failed_at  TIMESTAMPTZ NOT NULL     -- the last of them (UTC)
);
