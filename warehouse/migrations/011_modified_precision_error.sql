-- The modification date as fully as the publication date: how precise its text was, and why a text
-- that was found could not be read. Before this, an unreadable `modified_text` sat beside a NULL
-- `modified_at` with no reason, and a day-only modification could not be told from one at midnight.
-- NULL for articles loaded before this migration until they are read again (`wirehouse reprocess`).
ALTER TABLE articles ADD COLUMN modified_precision VARCHAR;  -- second, minute, hour, day, month, year
ALTER TABLE articles ADD COLUMN modified_error VARCHAR;      -- why modified_text could not be parsed
