-- Every rule change is a new row; the rule set version is the number of the latest change.
CREATE TABLE rule_changes (
    rule_set_version INTEGER                  NOT NULL PRIMARY KEY,
    rule_id          VARCHAR(64)              NOT NULL,
    rule_version     INTEGER                  NOT NULL,
    definition       TEXT                     NOT NULL,
    changed_by       VARCHAR(128)             NOT NULL,
    changed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (rule_id, rule_version)
);
