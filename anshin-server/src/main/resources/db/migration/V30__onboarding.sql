-- Online card applications (issue 15; docs/onboarding.md). The applicant's personal data is in the
-- privacy module's vault (customers), never here: an application holds the customer id it registered,
-- the figures that are not vault fields (declared credit repayments, the limits asked for), keyed
-- pseudonyms for finding duplicates, and references to the other modules' records (device, eKYC
-- verification, screening, card token). A resume token is kept only as its SHA-256.
CREATE TABLE applications (
    id                       VARCHAR(64)              NOT NULL PRIMARY KEY,
    version                  INTEGER                  NOT NULL,
    status                   VARCHAR(24)              NOT NULL,
    channel                  VARCHAR(16)              NOT NULL,
    client                   VARCHAR(128),
    client_reference         VARCHAR(64),
    request_digest           VARCHAR(64),
    language                 VARCHAR(2)               NOT NULL,
    customer_id              VARCHAR(36),
    resume_hash              VARCHAR(64)              NOT NULL,
    steps_done               VARCHAR(100)             NOT NULL,
    annual_credit_repayments BIGINT,
    requested_revolving      BIGINT,
    requested_cash_advance   BIGINT,
    consent_at               TIMESTAMP WITH TIME ZONE,
    identity_key             VARCHAR(64),
    phone_key                VARCHAR(64),
    email_key                VARCHAR(64),
    device_observation       VARCHAR(36),
    device_id                VARCHAR(36),
    device_markers           VARCHAR(300),
    ekyc_verification_id     VARCHAR(128),
    ekyc_continue_url        VARCHAR(512),
    screening_id             VARCHAR(64),
    decision                 VARCHAR(16),
    reasons                  VARCHAR(2000),
    granted_revolving        BIGINT,
    granted_cash_advance     BIGINT,
    card_token               VARCHAR(64),
    card_revealed_at         TIMESTAMP WITH TIME ZONE,
    errored_step             VARCHAR(16),
    attempts                 INTEGER                  NOT NULL,
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_at             TIMESTAMP WITH TIME ZONE,
    decided_at               TIMESTAMP WITH TIME ZONE,
    issued_at                TIMESTAMP WITH TIME ZONE,
    CONSTRAINT applications_client_reference UNIQUE (client, client_reference)
);
CREATE INDEX applications_status ON applications (status, updated_at);
CREATE INDEX applications_identity ON applications (identity_key, submitted_at);
CREATE INDEX applications_phone ON applications (phone_key, submitted_at);
CREATE INDEX applications_email ON applications (email_key, submitted_at);
CREATE INDEX applications_device ON applications (device_id, submitted_at);
CREATE INDEX applications_customer ON applications (customer_id);
CREATE INDEX applications_ekyc ON applications (ekyc_verification_id);

-- Every move of an application (the transition table's rows as they happened): who, when, from, to.
-- A staff note is sealed with the applicant's own key (PersonalData.seal): shredded with them.
CREATE TABLE application_moves (
    application_id VARCHAR(64)              NOT NULL REFERENCES applications (id),
    version        INTEGER                  NOT NULL,
    action         VARCHAR(32)              NOT NULL,
    from_status    VARCHAR(24)              NOT NULL,
    to_status      VARCHAR(24)              NOT NULL,
    party          VARCHAR(16)              NOT NULL,
    actor          VARCHAR(128)             NOT NULL,
    moved_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    detail         VARCHAR(500),
    sealed_note    VARCHAR(4000),
    CONSTRAINT application_moves_pk PRIMARY KEY (application_id, version)
);

-- A virtual card issued on an application: at most one per application (idempotent issuance), and
-- its expiry (yyyy-MM). The security code is never stored: it is derived from the number and expiry.
ALTER TABLE cards ADD COLUMN application_ref VARCHAR(64);
ALTER TABLE cards ADD COLUMN expires VARCHAR(7);
CREATE UNIQUE INDEX cards_application_ref ON cards (application_ref);
