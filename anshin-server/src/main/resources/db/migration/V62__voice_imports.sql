-- CSV imports of call-center exports (issue 17): one row per file (by its SHA-256: the same file again is the same
-- import, nothing added), and the rows it refused with the field and reason (no row content: the report names the
-- row, the field and why, so it holds no customer's words).
CREATE TABLE voice_imports (
    id            VARCHAR(36)  PRIMARY KEY,
    file_sha256   CHAR(64)     NOT NULL,
    file_name     VARCHAR(255) NOT NULL,   -- as uploaded, cut to fit; staff name their exports by date and centre
    encoding      VARCHAR(20)  NOT NULL,   -- UTF_8 or WINDOWS_31J, as decoded (auto resolved)
    status        VARCHAR(20)  NOT NULL,   -- RUNNING, DONE, FAILED, INTERRUPTED
    rows_read     INTEGER      NOT NULL,
    accepted      INTEGER      NOT NULL,   -- new voices stored by this import
    already       INTEGER      NOT NULL,   -- rows whose voice was already stored (an overlapping export, a resume)
    refused       INTEGER      NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    started_by    VARCHAR(100) NOT NULL,
    CONSTRAINT voice_imports_file UNIQUE (file_sha256)
);

CREATE INDEX voice_imports_started ON voice_imports (started_at);

CREATE TABLE voice_import_errors (
    import_id     VARCHAR(36)  NOT NULL REFERENCES voice_imports (id),
    row_number    INTEGER      NOT NULL,   -- 1 = the first data row (the header is row 0)
    field         VARCHAR(40)  NOT NULL,   -- the column at fault, as the API names it (text, receivedAt…), or 'row'
    reason        VARCHAR(40)  NOT NULL,   -- VoiceRefused.Reason or a parsing reason (BAD_DATE, COLUMN_COUNT…)
    PRIMARY KEY (import_id, row_number)
);
