-- A card issued to replace another (a compromised card is blocked and replaced by a new virtual
-- number): at most one replacement per card, so a retried replacement finds the first.
ALTER TABLE cards ADD COLUMN replaces VARCHAR(64);
CREATE UNIQUE INDEX cards_replaces ON cards (replaces);

-- A cardholder's "I don't recognize this charge" report: their answers and certification, for one
-- or more transactions (one dispute case each). The fingerprint tells a retried submission from a
-- different one.
CREATE TABLE dispute_reports (
    report_id                  VARCHAR(36)              NOT NULL PRIMARY KEY,
    customer_id                VARCHAR(36)              NOT NULL,
    channel                    VARCHAR(16)              NOT NULL,
    card_in_hand               VARCHAR(8)               NOT NULL,
    family_could_explain       VARCHAR(8)               NOT NULL,
    subscription_could_explain VARCHAR(8)               NOT NULL,
    recognizes_merchant        VARCHAR(8)               NOT NULL,
    certified_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    request_fingerprint        VARCHAR(64)              NOT NULL,
    submitted_by               VARCHAR(128)             NOT NULL,
    submitted_at               TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX dispute_reports_customer ON dispute_reports (customer_id, submitted_at);

-- One case per disputed authorization (never two: the unique key answers a second report with the
-- first case). Status moves only along DisputeTransitions; version guards concurrent moves.
CREATE TABLE disputes (
    dispute_id               VARCHAR(36)              NOT NULL PRIMARY KEY,
    report_id                VARCHAR(36)              NOT NULL REFERENCES dispute_reports (report_id),
    authorization_id         VARCHAR(64)              NOT NULL REFERENCES authorizations (authorization_id),
    card_token               VARCHAR(64)              NOT NULL,
    customer_id              VARCHAR(36)              NOT NULL,
    terminal_id              VARCHAR(64)              NOT NULL,
    merchant_id              VARCHAR(64)              NOT NULL,
    occurred_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    amount_minor             BIGINT                   NOT NULL,
    currency                 VARCHAR(3)               NOT NULL,
    status                   VARCHAR(24)              NOT NULL,
    version                  INTEGER                  NOT NULL,
    assessment               VARCHAR(16),
    findings                 TEXT,
    review_due_at            TIMESTAMP WITH TIME ZONE,
    card_blocked_at          TIMESTAMP WITH TIME ZONE,
    replacement_card_token   VARCHAR(64),
    provisional_credit_minor BIGINT,
    credited_at              TIMESTAMP WITH TIME ZONE,
    network                  VARCHAR(16),
    reason_code              VARCHAR(8),
    filing_deadline          DATE,
    chargeback_reference     VARCHAR(64),
    chargeback_filed_at      TIMESTAMP WITH TIME ZONE,
    merchant_response_due    DATE,
    effects_pending          BOOLEAN                  NOT NULL,
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at               TIMESTAMP WITH TIME ZONE,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT disputes_one_per_authorization UNIQUE (authorization_id)
);
CREATE INDEX disputes_status_due ON disputes (status, review_due_at);
CREATE INDEX disputes_customer ON disputes (customer_id, created_at);
CREATE INDEX disputes_card ON disputes (card_token);
CREATE INDEX disputes_report ON disputes (report_id);
CREATE INDEX disputes_effects_pending ON disputes (effects_pending);
CREATE INDEX disputes_terminal ON disputes (terminal_id, occurred_at);
CREATE INDEX disputes_merchant ON disputes (merchant_id, occurred_at);

-- Every move of a case: who, what, from and to, and a note (never a card number or personal data).
CREATE TABLE dispute_events (
    dispute_id  VARCHAR(36)              NOT NULL REFERENCES disputes (dispute_id),
    seq         INTEGER                  NOT NULL,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    action      VARCHAR(32)              NOT NULL,
    from_status VARCHAR(24),
    to_status   VARCHAR(24)              NOT NULL,
    party       VARCHAR(16)              NOT NULL,
    actor       VARCHAR(128)             NOT NULL,
    note        VARCHAR(512),
    PRIMARY KEY (dispute_id, seq)
);

-- Terminals and merchants where reports of several cards converged (CompromiseDetector): what an
-- analyst reviews for a proactive block or notice of the other cards that used them.
CREATE TABLE compromise_flags (
    kind              VARCHAR(16)              NOT NULL,
    point_id          VARCHAR(64)              NOT NULL,
    compromised_since TIMESTAMP WITH TIME ZONE NOT NULL,
    reporting_cards   INTEGER                  NOT NULL,
    flagged_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (kind, point_id)
);
