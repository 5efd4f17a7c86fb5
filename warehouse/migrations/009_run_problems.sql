-- What a run could not use (a missing path, a failed crawl source, a stored page or file gone), one
-- line each: a run that finished with problems is `completed` like a clean one, and exits 3 on the
-- command line; without these lines SQL could not tell the two apart.
ALTER TABLE runs ADD COLUMN problems VARCHAR[] DEFAULT [];
