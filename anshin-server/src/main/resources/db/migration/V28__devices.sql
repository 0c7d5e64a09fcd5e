-- Device identification (issue 15, F3; docs/devices.md). Personal data under the privacy module:
-- no user agent, address, font list or GPU name is stored in clear. A device's signals are kept
-- only as keyed pseudonyms (HMAC tokens, key outside the database); its links to customers are
-- removed on erasure, and a device that was only the erased customer's goes entirely.

-- A recognised device: the latest pseudonymized signals it was matched on (profile: SIGNAL=token;…|fonts).
CREATE TABLE devices (
    device_id      VARCHAR(36)              NOT NULL PRIMARY KEY,
    first_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    observations   BIGINT                   NOT NULL,
    profile        VARCHAR(8000)            NOT NULL
);

-- Blocking keys: digests of combinations of stable signals' tokens. An observation is compared only
-- with the devices sharing one of its keys (the latest seen first), never with all devices.
CREATE TABLE device_blocking_keys (
    blocking_key   VARCHAR(32)              NOT NULL,
    device_id      VARCHAR(36)              NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    seen_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT device_blocking_keys_pk PRIMARY KEY (blocking_key, device_id)
);
CREATE INDEX device_blocking_keys_latest ON device_blocking_keys (blocking_key, seen_at);
CREATE INDEX device_blocking_keys_device ON device_blocking_keys (device_id);

-- One visit of the collector script. The reference is what the browser gets (never the device id);
-- address and user agent as keyed pseudonyms; automation markers as codes; Japan checks as flags.
CREATE TABLE device_observations (
    observation_id     VARCHAR(36)              NOT NULL PRIMARY KEY,
    device_id          VARCHAR(36)              NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    observed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    -- How alike the observation was to the device it was matched to, in thousandths (1000: a new device).
    similarity         INTEGER                  NOT NULL,
    address_pseudonym  VARCHAR(32),
    agent_pseudonym    VARCHAR(32),
    automation         VARCHAR(200)             NOT NULL,
    timezone_in_japan  BOOLEAN                  NOT NULL,
    speaks_japanese    BOOLEAN                  NOT NULL
);
CREATE INDEX device_observations_by_device ON device_observations (device_id, observed_at);
CREATE INDEX device_observations_by_time ON device_observations (observed_at);

-- Applications made from a device, as the onboarding module recorded them (idempotent on the reference).
CREATE TABLE device_applications (
    application_ref    VARCHAR(64)              NOT NULL,
    device_id          VARCHAR(36)              NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    applied_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The customer the application turned into, once linked: the row is made anonymous on their erasure.
    customer_id        VARCHAR(36),
    CONSTRAINT device_applications_pk PRIMARY KEY (application_ref, device_id)
);
CREATE INDEX device_applications_by_device ON device_applications (device_id, applied_at);

-- Which customers used a device: personal data, deleted on the customer's erasure.
CREATE TABLE device_customers (
    device_id          VARCHAR(36)              NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    customer_id        VARCHAR(36)              NOT NULL,
    linked_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    application_ref    VARCHAR(64),
    CONSTRAINT device_customers_pk PRIMARY KEY (device_id, customer_id)
);
CREATE INDEX device_customers_by_customer ON device_customers (customer_id);

-- Confirmed frauds that reached a device: an authorization made from it (kind DEVICE) or a fraud on a
-- card of a customer linked to it (LINKED_CARD).
CREATE TABLE device_frauds (
    device_id          VARCHAR(36)              NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    authorization_id   VARCHAR(128)             NOT NULL,
    kind               VARCHAR(16)              NOT NULL,
    occurred_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    known_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT device_frauds_pk PRIMARY KEY (device_id, authorization_id)
);
