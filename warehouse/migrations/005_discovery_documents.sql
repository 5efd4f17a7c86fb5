-- The feeds and sitemaps (root and child) a crawl read: one row per URL, so that the next crawl asks for
-- each conditionally (If-None-Match / If-Modified-Since from etag / last_modified) and, on 304, parses
-- the body it kept in the raw store (raw_key) instead of downloading it again; and so that the document
-- a crawl discovered its items from can be audited or parsed again offline.
CREATE TABLE discovery_documents (
    url              VARCHAR PRIMARY KEY,     -- as the sources file or the sitemap index names it
    source           VARCHAR NOT NULL,        -- the source that last fetched it
    kind             VARCHAR NOT NULL,        -- feed | sitemap
    final_url        VARCHAR NOT NULL,        -- after redirects; the base for relative links in the body
    http_status      INTEGER NOT NULL,        -- of the last download (200, ...), not of a 304
    content_type     VARCHAR,                 -- the whole header, charset included
    etag             VARCHAR,
    last_modified    VARCHAR,                 -- the header as sent, for If-Modified-Since
    raw_key          VARCHAR NOT NULL,        -- sha256 of the body in the raw store
    fetched_at       TIMESTAMPTZ NOT NULL,    -- when that body was downloaded (UTC)
    last_checked_at  TIMESTAMPTZ NOT NULL     -- the last request for it, 200 or 304 (UTC)
);
