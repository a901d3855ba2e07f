-- ctrl state, schema version 1. Covers every entity of DOMAIN.md section 1.
-- Conventions: instants are epoch milliseconds (INTEGER), booleans INTEGER 0/1, JSON as TEXT,
-- lowercase unqualified names, no SQLite-only column features beyond STRICT, so that the same
-- schema ports to PostgreSQL. Each statement ends with ';' at the end of a line (the migrator
-- and the build's code generator split there).
-- Declared objects keep their normalised document as canonical JSON in `spec`: apply compares it
-- to say created / updated / unchanged.

CREATE TABLE systems (
  name        TEXT    NOT NULL PRIMARY KEY,
  description TEXT,
  metadata    TEXT    NOT NULL,
  spec        TEXT    NOT NULL,
  source      TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE environments (
  name              TEXT    NOT NULL PRIMARY KEY,
  description       TEXT,
  systems           TEXT    NOT NULL,
  resource_selector TEXT,
  metadata          TEXT    NOT NULL,
  spec              TEXT    NOT NULL,
  source            TEXT,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
) STRICT;

CREATE TABLE job_agents (
  name       TEXT    NOT NULL PRIMARY KEY,
  kind       TEXT    NOT NULL,
  config     TEXT    NOT NULL,
  spec       TEXT    NOT NULL,
  source     TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE deployments (
  name              TEXT    NOT NULL PRIMARY KEY,
  description       TEXT,
  systems           TEXT    NOT NULL,
  resource_selector TEXT,
  agent             TEXT,
  agent_config      TEXT    NOT NULL,
  metadata          TEXT    NOT NULL,
  spec              TEXT    NOT NULL,
  source            TEXT,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
) STRICT;

CREATE TABLE resources (
  identifier TEXT    NOT NULL PRIMARY KEY,
  name       TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  version    TEXT    NOT NULL,
  metadata   TEXT    NOT NULL,
  config     TEXT    NOT NULL,
  spec       TEXT    NOT NULL,
  source     TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE policies (
  name        TEXT    NOT NULL PRIMARY KEY,
  description TEXT,
  selector    TEXT,
  priority    INTEGER NOT NULL,
  enabled     INTEGER NOT NULL,
  rules       TEXT    NOT NULL,
  spec        TEXT    NOT NULL,
  source      TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

-- Versions outlive their deployment's declaration (prune never deletes them), so `deployment`
-- is a name, not a foreign key.
CREATE TABLE versions (
  id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  deployment   TEXT    NOT NULL,
  tag          TEXT    NOT NULL,
  name         TEXT,
  status       TEXT    NOT NULL,
  metadata     TEXT    NOT NULL,
  config       TEXT    NOT NULL,
  agent_config TEXT    NOT NULL,
  message      TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (deployment, tag)
) STRICT;

CREATE INDEX versions_by_deployment ON versions (deployment, created_at);

-- Computed: deployment x environment x resource. A target that disappears keeps its row (and its
-- history) with removed_at set; it gets no new jobs.
CREATE TABLE release_targets (
  id                  INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  target_key          TEXT    NOT NULL UNIQUE,
  deployment          TEXT    NOT NULL,
  environment         TEXT    NOT NULL,
  resource            TEXT    NOT NULL,
  desired_version_id  INTEGER REFERENCES versions (id),
  desired_recorded_at INTEGER,
  created_at          INTEGER NOT NULL,
  removed_at          INTEGER
) STRICT;

CREATE INDEX release_targets_by_group ON release_targets (deployment, environment);

CREATE TABLE releases (
  id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  target_id  INTEGER NOT NULL REFERENCES release_targets (id),
  version_id INTEGER NOT NULL REFERENCES versions (id),
  variables  TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (target_id, version_id, variables)
) STRICT;

-- `dispatching` is 1 from the moment the job row is committed until the agent's external
-- reference is committed: a job found with dispatching = 1 and no external_id after a crash is
-- recovered through the agent's find(jobId), never dispatched again.
CREATE TABLE jobs (
  id           TEXT    NOT NULL PRIMARY KEY,
  release_id   INTEGER NOT NULL REFERENCES releases (id),
  target_id    INTEGER NOT NULL REFERENCES release_targets (id),
  agent        TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  status       TEXT    NOT NULL,
  dispatching  INTEGER NOT NULL,
  external_id  TEXT,
  message      TEXT,
  attempt      INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,
  started_at   INTEGER,
  completed_at INTEGER,
  updated_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX jobs_by_target ON jobs (target_id, created_at);
CREATE INDEX jobs_by_release ON jobs (release_id, created_at);

CREATE TABLE job_links (
  job_id TEXT NOT NULL REFERENCES jobs (id),
  name   TEXT NOT NULL,
  url    TEXT NOT NULL,
  PRIMARY KEY (job_id, name)
) STRICT;

-- One record per (version, environment, approver): their latest decision.
CREATE TABLE approvals (
  version_id  INTEGER NOT NULL REFERENCES versions (id),
  environment TEXT    NOT NULL,
  approver    TEXT    NOT NULL,
  decision    TEXT    NOT NULL,
  reason      TEXT,
  decided_at  INTEGER NOT NULL,
  PRIMARY KEY (version_id, environment, approver)
) STRICT;

CREATE TABLE verification_runs (
  id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  job_id       TEXT    NOT NULL UNIQUE REFERENCES jobs (id),
  status       TEXT    NOT NULL,
  on_failure   TEXT    NOT NULL,
  metrics      TEXT    NOT NULL,
  message      TEXT,
  started_at   INTEGER NOT NULL,
  completed_at INTEGER
) STRICT;

CREATE TABLE verification_measurements (
  id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  run_id      INTEGER NOT NULL REFERENCES verification_runs (id),
  metric      TEXT    NOT NULL,
  verdict     TEXT    NOT NULL,
  result      TEXT    NOT NULL,
  error       TEXT,
  measured_at INTEGER NOT NULL
) STRICT;

CREATE INDEX measurements_by_run ON verification_measurements (run_id, metric, measured_at);

CREATE TABLE version_blocks (
  id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  version_id  INTEGER NOT NULL REFERENCES versions (id),
  environment TEXT,
  reason      TEXT    NOT NULL,
  actor       TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  lifted_at   INTEGER,
  lifted_by   TEXT
) STRICT;

CREATE TABLE policy_skips (
  id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  policy      TEXT    NOT NULL,
  rule_number INTEGER NOT NULL,
  version_id  INTEGER NOT NULL REFERENCES versions (id),
  environment TEXT,
  resource    TEXT,
  reason      TEXT    NOT NULL,
  actor       TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER
) STRICT;

CREATE TABLE leases (
  name        TEXT    NOT NULL PRIMARY KEY,
  holder      TEXT    NOT NULL,
  acquired_at INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
) STRICT;

-- Append-only audit log with a SHA-256 hash chain (DOMAIN.md section 11). Never updated or deleted.
CREATE TABLE events (
  seq        INTEGER NOT NULL PRIMARY KEY,
  at         INTEGER NOT NULL,
  actor      TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  subject    TEXT    NOT NULL,
  detail     TEXT    NOT NULL,
  prev_hash  BLOB    NOT NULL,
  entry_hash BLOB    NOT NULL
) STRICT;

CREATE INDEX events_by_subject ON events (subject, seq);
