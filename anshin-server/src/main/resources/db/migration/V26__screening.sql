-- Screening that prevents over-indebtedness (issue 15, docs/screening.md). No name, address or other
-- clear-text personal data: the applicant is the caller's opaque application id, an issued account its
-- customer id and card token. Of the credit bureau's report only the three figures a decision uses are
-- kept (annual repayments due, other lenders' cash balances, whether a delinquency is on record).

-- One decision per application (the application id makes screen() idempotent), with every figure it
-- rests on, so that it can be explained and replayed.
CREATE TABLE screening_decisions (
    application_id         VARCHAR(64)              NOT NULL PRIMARY KEY,
    decided_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by             VARCHAR(128)             NOT NULL,
    outcome                VARCHAR(16)              NOT NULL,
    -- Reason codes in rule order, comma-separated; what a referral needs, likewise.
    reasons                VARCHAR(512)             NOT NULL,
    needed                 VARCHAR(128)             NOT NULL,
    -- The issuer's settings the policy ran with (limit step, minimum, conventional path).
    policy                 VARCHAR(128)             NOT NULL,
    annual_income          BIGINT                   NOT NULL,
    household_size         INTEGER                  NOT NULL,
    housing                VARCHAR(16)              NOT NULL,
    declared_repayments    BIGINT                   NOT NULL,
    income_proven          BOOLEAN                  NOT NULL,
    -- Null when the bureau did not answer (timeout or failure: the decision is then not an approval).
    bureau_repayments      BIGINT,
    bureau_other_cash      BIGINT,
    bureau_delinquent      BOOLEAN,
    repayments_used        BIGINT                   NOT NULL,
    living_costs           BIGINT                   NOT NULL,
    payment_capacity       BIGINT                   NOT NULL,
    max_revolving_limit    BIGINT                   NOT NULL,
    cash_advance_ceiling   BIGINT                   NOT NULL,
    -- This issuer's limits the customer already held (their share of both ceilings).
    existing_revolving     BIGINT                   NOT NULL,
    existing_cash_advance  BIGINT                   NOT NULL,
    cash_advance_room      BIGINT                   NOT NULL,
    -- The revolving limit the capacity allowed before the request capped it (compared with the minimum).
    revolving_capacity     BIGINT                   NOT NULL,
    conventional           BOOLEAN                  NOT NULL,
    requested_revolving    BIGINT                   NOT NULL,
    requested_cash_advance BIGINT                   NOT NULL,
    allowed_revolving      BIGINT                   NOT NULL,
    allowed_cash_advance   BIGINT                   NOT NULL,
    granted_revolving      BIGINT                   NOT NULL,
    granted_cash_advance   BIGINT                   NOT NULL
);

-- Issued accounts, re-screened every anshin.screening.rescreening.every: their limits and the
-- application whose declared figures they were granted on. Deleted with the customer's data on erasure.
CREATE TABLE screening_accounts (
    card_token          VARCHAR(64)              NOT NULL PRIMARY KEY,
    customer_id         VARCHAR(64)              NOT NULL,
    application_id      VARCHAR(64)              NOT NULL,
    revolving_limit     BIGINT                   NOT NULL,
    cash_advance_limit  BIGINT                   NOT NULL,
    issued_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    -- When it is due again; a re-screening claims the account by moving this on (one instance wins).
    next_review_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_reviewed_at    TIMESTAMP WITH TIME ZONE,
    -- One approval issues at most one card.
    CONSTRAINT screening_accounts_one_per_application UNIQUE (application_id),
    CONSTRAINT screening_accounts_application FOREIGN KEY (application_id) REFERENCES screening_decisions (application_id)
);
CREATE INDEX screening_accounts_due ON screening_accounts (next_review_at);
CREATE INDEX screening_accounts_customer ON screening_accounts (customer_id);

-- Runs of the re-screening job, with their progress (read by the staff page).
CREATE TABLE screening_runs (
    id             VARCHAR(36)              NOT NULL PRIMARY KEY,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE,
    accounts_due   INTEGER                  NOT NULL,
    accounts_done  INTEGER DEFAULT 0        NOT NULL,
    proposals      INTEGER DEFAULT 0        NOT NULL,
    failures       INTEGER DEFAULT 0        NOT NULL,
    -- Why accounts failed other than by the bureau's silence: each error's kind and count ("" for none).
    errors         VARCHAR(512) DEFAULT ''  NOT NULL
);
CREATE INDEX screening_runs_started ON screening_runs (started_at);

-- Proposed limit reductions: never applied here; staff decide. Deleted with the customer's data on erasure.
CREATE TABLE screening_proposals (
    id                    VARCHAR(36)              NOT NULL PRIMARY KEY,
    run_id                VARCHAR(36)              NOT NULL,
    card_token            VARCHAR(64)              NOT NULL,
    customer_id           VARCHAR(64)              NOT NULL,
    proposed_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    status                VARCHAR(16)              NOT NULL,
    reasons               VARCHAR(256)             NOT NULL,
    current_revolving     BIGINT                   NOT NULL,
    current_cash_advance  BIGINT                   NOT NULL,
    proposed_revolving    BIGINT                   NOT NULL,
    proposed_cash_advance BIGINT                   NOT NULL,
    bureau_repayments     BIGINT                   NOT NULL,
    bureau_other_cash     BIGINT                   NOT NULL,
    bureau_delinquent     BOOLEAN                  NOT NULL,
    payment_capacity      BIGINT                   NOT NULL,
    max_revolving_limit   BIGINT                   NOT NULL,
    cash_advance_room     BIGINT                   NOT NULL,
    utilization_percent   BIGINT                   NOT NULL,
    late_payments         INTEGER
);
CREATE INDEX screening_proposals_card ON screening_proposals (card_token, status);
CREATE INDEX screening_proposals_time ON screening_proposals (proposed_at);
