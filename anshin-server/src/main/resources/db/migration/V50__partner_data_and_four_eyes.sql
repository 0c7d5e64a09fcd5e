-- Data received from partners (APPI Art. 30: the recipient confirms where the data came from and keeps a
-- confirmation record, 確認記録, 3 years) and four-eyes approval of provisions (APPI Art. 27-29).

-- Partners that provide personal data to the issuer: who they are (the confirmation record names the
-- provider, its address and its representative), which kinds of items they may send, the published
-- purpose their data is received for, and the API client that sends for them (no other may).
CREATE TABLE partner_providers (
    id             VARCHAR(64)              NOT NULL PRIMARY KEY,
    name_ja        VARCHAR(200)             NOT NULL,
    name_en        VARCHAR(200)             NOT NULL,
    address        VARCHAR(300)             NOT NULL,
    representative VARCHAR(200)             NOT NULL,
    items          VARCHAR(200)             NOT NULL,
    purpose        VARCHAR(32)              NOT NULL,
    api_client     VARCHAR(128)             NOT NULL,
    registered_by  VARCHAR(128)             NOT NULL,
    registered_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One confirmation record per receipt: the provider as registered when the data came (name, address,
-- representative), how the provider obtained the data, when, the data subject (a customer id, never a
-- value), the kinds and number of items, and when it was received. Ids and words only; kept 3 years,
-- and while the data it is about is still held. It stays when the person is erased (a legal record,
-- as the provision records do); the data it is about goes.
CREATE TABLE confirmation_records (
    id                      VARCHAR(36)              NOT NULL PRIMARY KEY,
    provider_id             VARCHAR(64)              NOT NULL REFERENCES partner_providers (id),
    receipt_id              VARCHAR(64)              NOT NULL,
    provider_name_ja        VARCHAR(200)             NOT NULL,
    provider_name_en        VARCHAR(200)             NOT NULL,
    provider_address        VARCHAR(300)             NOT NULL,
    provider_representative VARCHAR(200)             NOT NULL,
    how_obtained            VARCHAR(32)              NOT NULL,
    ppc_filing_number       VARCHAR(64),
    obtained_on             DATE                     NOT NULL,
    received_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    customer_id             VARCHAR(36)              NOT NULL REFERENCES customers (id),
    items                   VARCHAR(200)             NOT NULL,
    item_count              INTEGER                  NOT NULL,
    purpose                 VARCHAR(32)              NOT NULL,
    recorded_by             VARCHAR(128)             NOT NULL,
    recorded_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT confirmation_records_receipt UNIQUE (provider_id, receipt_id)
);
CREATE INDEX confirmation_records_customer ON confirmation_records (customer_id, recorded_at);
CREATE INDEX confirmation_records_recorded_at ON confirmation_records (recorded_at);

-- The data received, sealed with the customer's own key (crypto-shredded with them), with the digest
-- of the receipt that a retry is compared with. Deleted when the customer is erased and after its own
-- retention period.
CREATE TABLE partner_receipts (
    record_id      VARCHAR(36)              NOT NULL PRIMARY KEY REFERENCES confirmation_records (id),
    customer_id    VARCHAR(36)              NOT NULL REFERENCES customers (id),
    request_digest VARCHAR(64)              NOT NULL,
    sealed_items   TEXT                     NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX partner_receipts_customer ON partner_receipts (customer_id);
CREATE INDEX partner_receipts_received_at ON partner_receipts (received_at);

-- A provision asked for and waiting for a second privacy officer's approval. Customer ids only, never
-- values; nothing leaves and no provision record is written before the approval. A request not
-- decided in time expires.
CREATE TABLE provision_requests (
    id             VARCHAR(36)              NOT NULL PRIMARY KEY,
    request_id     VARCHAR(64)              NOT NULL UNIQUE,
    request_digest VARCHAR(64)              NOT NULL,
    recipient_id   VARCHAR(64)              NOT NULL REFERENCES provision_recipients (id),
    customer_ids   TEXT                     NOT NULL,
    items          VARCHAR(500)             NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    requested_by   VARCHAR(128)             NOT NULL,
    requested_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by     VARCHAR(128),
    decided_at     TIMESTAMP WITH TIME ZONE,
    rejection      VARCHAR(32),
    provision_id   VARCHAR(36)
);
CREATE INDEX provision_requests_queue ON provision_requests (status, requested_at);
