-- Retention enforced (issue 16; docs/operations.md "Retention"): the daily job of the privacy module asks every
-- RetentionRule to sweep what has passed its period. One script for H2 and PostgreSQL.

-- Who runs the job now, across servers: the one row is claimed by an UPDATE that only succeeds when the lease
-- has run out (held_until at or before now), renewed after every batch and given back at the end of the run. A
-- server that dies while holding it lets it run out. last_started keeps servers whose clocks differ a little
-- from running the daily job twice (a scheduled run starts only when none started within min-interval).
CREATE TABLE retention_lease (
    job          VARCHAR(32)              NOT NULL PRIMARY KEY,
    holder       VARCHAR(36),
    held_until   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_started TIMESTAMP WITH TIME ZONE
);
INSERT INTO retention_lease (job, holder, held_until, last_started)
    VALUES ('retention', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00', NULL);

-- One row per run, and one per rule within it, updated after every batch: the status page reads them. Counts and
-- times only, never personal data.
CREATE TABLE retention_runs (
    id          VARCHAR(36)              NOT NULL PRIMARY KEY,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    started_by  VARCHAR(128)             NOT NULL,
    -- RUNNING, FINISHED, FAILED (a rule failed; the others ran), ABANDONED (its server stopped before the end)
    state       VARCHAR(16)              NOT NULL
);
CREATE INDEX retention_runs_started ON retention_runs (started_at);

CREATE TABLE retention_run_rules (
    run_id      VARCHAR(36)              NOT NULL REFERENCES retention_runs (id) ON DELETE CASCADE,
    rule        VARCHAR(64)              NOT NULL,
    entry       VARCHAR(64)              NOT NULL,
    period      VARCHAR(32)              NOT NULL,
    cutoff      TIMESTAMP WITH TIME ZONE NOT NULL,
    removed     BIGINT DEFAULT 0         NOT NULL,
    -- WAITING, RUNNING, FINISHED, CAPPED (stopped at max-per-run; the rest goes next time), FAILED
    state       VARCHAR(16)              NOT NULL,
    -- The exception's class when FAILED, never a message.
    error       VARCHAR(100),
    finished_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT retention_run_rules_pk PRIMARY KEY (run_id, rule)
);
