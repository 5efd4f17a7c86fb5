-- How many times in a row a page's fetch has failed, so that a crawl waits longer before each new try
-- (a dead link listed in a feed was requested on every run, every hour): 1 for a first failure, one more
-- for each failed fetch after it; a successful fetch removes the reject, and with it the count.
-- NULL for rejects of other stages, and for fetch rejects written before this migration (counted as 1).
-- The time of the last failure is the row's rejected_at.
ALTER TABLE rejects ADD COLUMN failures INTEGER;
