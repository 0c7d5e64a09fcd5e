-- Tamper-evident audit log (ADR 0006): each entry carries the HMAC of its canonical encoding,
-- which covers the previous entry's hash, so entries cannot be altered, removed or reordered
-- without the key (kept outside the database) noticing.
CREATE TABLE audit_log (
    seq       BIGINT                   NOT NULL PRIMARY KEY,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    actor     VARCHAR(128)             NOT NULL,
    action    VARCHAR(128)             NOT NULL,
    resource  VARCHAR(256)             NOT NULL,
    purpose   VARCHAR(64),
    outcome   VARCHAR(8)               NOT NULL,
    origin    VARCHAR(64),
    detail    VARCHAR(512),
    prev_hash VARCHAR(64)              NOT NULL,
    hash      VARCHAR(64)              NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at);

-- The one row every append locks (SELECT ... FOR UPDATE), so appends from every instance are
-- serialized. It also holds the end of the chain (to notice a cut-off tail) and the retention
-- checkpoint: seq and hash of the last purged entry, where verification of what remains starts.
-- seal is the HMAC over these values; NULL only in this initial state.
CREATE TABLE audit_chain_head (
    id          INTEGER     NOT NULL PRIMARY KEY,
    last_seq    BIGINT      NOT NULL,
    last_hash   VARCHAR(64) NOT NULL,
    purged_seq  BIGINT      NOT NULL,
    purged_hash VARCHAR(64) NOT NULL,
    seal        VARCHAR(64)
);

INSERT INTO audit_chain_head (id, last_seq, last_hash, purged_seq, purged_hash, seal)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000',
        0, '0000000000000000000000000000000000000000000000000000000000000000', NULL);
