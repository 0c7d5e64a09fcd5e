-- Third-party provision (APPI Art. 27, 29) and the person's own requests (Art. 33-35).

-- Consent to provision is given per recipient: the ledger's rows for THIRD_PARTY_PROVISION name one.
ALTER TABLE consent_ledger ADD COLUMN recipient VARCHAR(64);
CREATE INDEX consent_ledger_recipient ON consent_ledger (customer_id, recipient, seq);

-- Partners and group companies data may be provided to, with the items they may receive and the
-- public key (a Tink hybrid public keyset, JSON) every export to them is encrypted for.
CREATE TABLE provision_recipients (
    id             VARCHAR(64)              NOT NULL PRIMARY KEY,
    kind           VARCHAR(32)              NOT NULL,
    name_ja        VARCHAR(200)             NOT NULL,
    name_en        VARCHAR(200)             NOT NULL,
    country        VARCHAR(2)               NOT NULL,
    use_ja         VARCHAR(500)             NOT NULL,
    use_en         VARCHAR(500)             NOT NULL,
    fields         VARCHAR(500)             NOT NULL,
    public_keyset  TEXT                     NOT NULL,
    registered_by  VARCHAR(128)             NOT NULL,
    registered_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One export to one recipient. The export is encrypted for the recipient (only its private key opens
-- it) and deleted once it expires; the provision and its records stay for the records' retention.
CREATE TABLE provisions (
    id                VARCHAR(36)              NOT NULL PRIMARY KEY,
    request_id        VARCHAR(64)              NOT NULL UNIQUE,
    request_digest    VARCHAR(64)              NOT NULL,
    recipient_id      VARCHAR(64)              NOT NULL REFERENCES provision_recipients (id),
    items             VARCHAR(500)             NOT NULL,
    -- customer ids left out and why (customerId:DECISION,...): ids only, never values
    skipped           TEXT                     NOT NULL,
    provided_by       VARCHAR(128)             NOT NULL,
    provided_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    export_ciphertext TEXT,
    export_expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX provisions_provided_at ON provisions (provided_at);

-- Provision records (提供記録): recipient, data subject, items, consent basis, date. Kept 3 years.
CREATE TABLE provision_records (
    provision_id VARCHAR(36)              NOT NULL REFERENCES provisions (id),
    customer_id  VARCHAR(36)              NOT NULL REFERENCES customers (id),
    recipient_id VARCHAR(64)              NOT NULL,
    items        VARCHAR(500)             NOT NULL,
    consent_seq  BIGINT                   NOT NULL,
    provided_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (provision_id, customer_id)
);
CREATE INDEX provision_records_customer ON provision_records (customer_id, provided_at);
CREATE INDEX provision_records_provided_at ON provision_records (provided_at);

-- Disclosure, correction, stop of use and deletion requests, each with a deadline. Values (the
-- corrections asked for, the disclosed document) are sealed with the customer's own key, so they are
-- unreadable at rest and crypto-shredded with the customer.
CREATE TABLE data_subject_requests (
    id             VARCHAR(36)              NOT NULL PRIMARY KEY,
    request_id     VARCHAR(64)              NOT NULL UNIQUE,
    customer_id    VARCHAR(36)              NOT NULL REFERENCES customers (id),
    kind           VARCHAR(16)              NOT NULL,
    purpose        VARCHAR(32),
    recipient      VARCHAR(64),
    fields         VARCHAR(500),
    sealed_values  TEXT,
    channel        VARCHAR(16)              NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    received_by    VARCHAR(128)             NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    deadline       TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_by      VARCHAR(128),
    closed_at      TIMESTAMP WITH TIME ZONE,
    rejection      VARCHAR(32),
    sealed_result  TEXT
);
CREATE INDEX data_subject_requests_queue ON data_subject_requests (status, deadline);
CREATE INDEX data_subject_requests_customer ON data_subject_requests (customer_id, received_at);
