-- ctrl state, schema version 2: what the rollout loop needs beyond version 1.
-- A block written by a verification with `onFailure: halt` keeps the version out of its
-- environment without rolling back the targets that run it.
ALTER TABLE version_blocks ADD COLUMN halt INTEGER NOT NULL DEFAULT 0;

-- The loop polls the jobs that are still in flight on every tick.
CREATE INDEX jobs_by_status ON jobs (status);
