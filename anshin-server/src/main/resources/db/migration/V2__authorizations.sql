-- One row per scored authorization: the request (tokenized) and the decision sent back. The row is
-- the idempotency record and the history replayed into the feature state at startup.
CREATE TABLE authorizations (
    authorization_id    VARCHAR(64)              NOT NULL PRIMARY KEY,
    request_fingerprint VARCHAR(64)              NOT NULL,
    card_token          VARCHAR(64)              NOT NULL,
    amount_minor        BIGINT                   NOT NULL,
    currency            VARCHAR(3)               NOT NULL,
    merchant_id         VARCHAR(64)              NOT NULL,
    mcc                 VARCHAR(4)               NOT NULL,
    terminal_id         VARCHAR(64)              NOT NULL,
    merchant_country    VARCHAR(2)               NOT NULL,
    pos_entry_mode      VARCHAR(16)              NOT NULL,
    card_present        BOOLEAN                  NOT NULL,
    occurred_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    device_id           VARCHAR(128),
    device_channel      VARCHAR(2),
    user_agent          VARCHAR(512),
    browser_language    VARCHAR(35),
    timezone_offset     INTEGER,
    screen_width        INTEGER,
    screen_height       INTEGER,
    ip_address          VARCHAR(45),
    decision            VARCHAR(8)               NOT NULL,
    score               DOUBLE PRECISION         NOT NULL,
    reasons             TEXT                     NOT NULL,
    model_version       VARCHAR(64)              NOT NULL,
    rule_set_version    INTEGER                  NOT NULL,
    shadow_scores       TEXT                     NOT NULL,
    latency_micros      BIGINT                   NOT NULL,
    processing_micros   BIGINT                   NOT NULL,
    decided_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX authorizations_occurred_at ON authorizations (occurred_at);
CREATE INDEX authorizations_decided_at ON authorizations (decided_at);

-- Confirmed outcomes, one per authorization and source (a chargeback may confirm a cardholder report).
CREATE TABLE fraud_labels (
    authorization_id VARCHAR(64)              NOT NULL REFERENCES authorizations (authorization_id),
    source           VARCHAR(16)              NOT NULL,
    fraud            BOOLEAN                  NOT NULL,
    reported_at      TIMESTAMP WITH TIME ZONE,
    known_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (authorization_id, source)
);
CREATE INDEX fraud_labels_known_at ON fraud_labels (known_at);
