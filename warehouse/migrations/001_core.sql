-- Core warehouse: runs, raw documents, articles, authors, rejects.
-- Every timestamp is TIMESTAMPTZ in UTC; dates parsed from documents keep the original string and offset.

-- One row per flow run, with its counts and the Prefect flow-run id (NULL when Prefect was bypassed).
CREATE TABLE runs (
    run_id            VARCHAR PRIMARY KEY,
    flow_name         VARCHAR NOT NULL,
    flow_run_id       VARCHAR,
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    status            VARCHAR NOT NULL,          -- running | completed | failed
    inputs            VARCHAR[],                 -- the paths or sources the run was given
    seen              INTEGER NOT NULL DEFAULT 0,
    loaded            INTEGER NOT NULL DEFAULT 0, -- new articles
    updated           INTEGER NOT NULL DEFAULT 0, -- changed inputs whose article was replaced in place
    unchanged         INTEGER NOT NULL DEFAULT 0,
    duplicate         INTEGER NOT NULL DEFAULT 0,
    rejected          INTEGER NOT NULL DEFAULT 0,
    extractor_version VARCHAR NOT NULL
);

-- Local input files already read, so that an unchanged file is skipped by size and mtime before parsing.
-- A row is written in the same transaction as the last of the file's documents, so a run killed half-way
-- leaves the file unmarked and the next run finishes it.
CREATE TABLE input_files (
    path        VARCHAR PRIMARY KEY,
    size_bytes  BIGINT NOT NULL,
    mtime_ns    BIGINT NOT NULL,
    sha256      VARCHAR NOT NULL,
    documents   INTEGER NOT NULL,
    run_id      VARCHAR NOT NULL,
    read_at     TIMESTAMPTZ NOT NULL
);

-- One row per raw input: a file, one record of a JSON lines file, or one fetched page.
CREATE TABLE documents (
    document_id   VARCHAR PRIMARY KEY,           -- stable hash of origin
    origin        VARCHAR NOT NULL UNIQUE,       -- absolute path, path#L<n> for JSONL records, or URL
    kind          VARCHAR NOT NULL,              -- text | jsonl | html
    path          VARCHAR,
    record_no     INTEGER,
    url           VARCHAR,
    source        VARCHAR,
    size_bytes    BIGINT NOT NULL,
    sha256        VARCHAR NOT NULL,              -- hash of the raw bytes
    encoding      VARCHAR,
    read_at       TIMESTAMPTZ,                   -- when read from disk
    fetched_at    TIMESTAMPTZ,                   -- when fetched over HTTP
    status        VARCHAR NOT NULL,              -- loaded | duplicate | rejected
    article_id    VARCHAR,                       -- the article it became (loaded), or duplicates (duplicate)
    first_run_id  VARCHAR NOT NULL,
    last_run_id   VARCHAR NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE articles (
    article_id               VARCHAR PRIMARY KEY,  -- stable: hash of the URL, or of the document origin
    document_id              VARCHAR NOT NULL UNIQUE,
    source                   VARCHAR,
    url                      VARCHAR,
    canonical_url            VARCHAR,
    title                    VARCHAR,
    authors                  VARCHAR[] NOT NULL,
    published_at             TIMESTAMPTZ,           -- UTC instant
    published_offset_minutes INTEGER,               -- offset of the original text; NULL when it named none
    published_text           VARCHAR,               -- the date string exactly as found
    published_evidence       VARCHAR,               -- header, json-ld, meta, feed, url, text ...
    published_precision      VARCHAR,               -- second, minute, day, month
    published_error          VARCHAR,               -- why published_text could not be parsed
    modified_at              TIMESTAMPTZ,
    modified_offset_minutes  INTEGER,
    modified_text            VARCHAR,
    modified_evidence        VARCHAR,
    language                 VARCHAR,
    site_name                VARCHAR,
    section                  VARCHAR,
    tags                     VARCHAR[] NOT NULL,
    description              VARCHAR,
    lead_image_url           VARCHAR,
    is_truncated             BOOLEAN NOT NULL,
    paywalled                BOOLEAN NOT NULL,
    body                     VARCHAR NOT NULL,
    word_count               INTEGER NOT NULL,
    content_hash             VARCHAR NOT NULL,      -- hash of the normalised body: finds exact duplicates
    extractor_version        VARCHAR NOT NULL,
    run_id                   VARCHAR NOT NULL,
    ingested_at              TIMESTAMPTZ NOT NULL,  -- first loaded
    updated_at               TIMESTAMPTZ NOT NULL   -- last replaced in place
);
CREATE INDEX articles_content_hash ON articles (content_hash);

CREATE TABLE authors (
    author_id  VARCHAR PRIMARY KEY,   -- hash of the case-folded name
    name       VARCHAR NOT NULL
);

CREATE TABLE article_authors (
    article_id VARCHAR NOT NULL,
    author_id  VARCHAR NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, author_id)
);

-- Inputs that could not become an article: at most one current row per input.
CREATE TABLE rejects (
    document_id VARCHAR PRIMARY KEY,
    origin      VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,   -- read | decode | extract | dates | clean | load | fetch
    reason      VARCHAR NOT NULL,   -- short code, e.g. empty, binary, undecodable, no_body, missing_path
    detail      VARCHAR NOT NULL,   -- readable sentence
    run_id      VARCHAR NOT NULL,
    rejected_at TIMESTAMPTZ NOT NULL
);
