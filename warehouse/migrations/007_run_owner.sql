-- Which process a run belongs to, so that the next run can tell a run that is still going from one whose
-- process was killed (kill -9, the out-of-memory killer, a stopped worker) and close it as failed, with
-- what it committed, instead of leaving it "running" with zero counts for ever.
ALTER TABLE runs ADD COLUMN host VARCHAR;          -- socket.gethostname() of the process
ALTER TABLE runs ADD COLUMN pid INTEGER;           -- its process id
ALTER TABLE runs ADD COLUMN pid_started BIGINT;    -- its start time in clock ticks (/proc), against pid reuse
