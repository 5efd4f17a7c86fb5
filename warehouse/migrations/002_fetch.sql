-- Fetched documents: how each page was obtained, for conditional GETs (ETag / Last-Modified), for
-- re-deriving articles from the stored raw body (raw_key) without touching the network, and for audits.
ALTER TABLE documents ADD COLUMN requested_url VARCHAR;
ALTER TABLE documents ADD COLUMN final_url VARCHAR;      -- after redirects
ALTER TABLE documents ADD COLUMN http_status INTEGER;
ALTER TABLE documents ADD COLUMN content_type VARCHAR;
ALTER TABLE documents ADD COLUMN etag VARCHAR;
ALTER TABLE documents ADD COLUMN last_modified VARCHAR;  -- the header as sent, for If-Modified-Since
ALTER TABLE documents ADD COLUMN raw_key VARCHAR;        -- sha256 of the raw body in the raw store
