-- Device ids, IP addresses and user agents of payments are kept as keyed pseudonyms (HMAC-SHA256 under the
-- payment pseudonym key, never in the database) and, when the card has a customer, sealed with that customer's
-- key (crypto-shredded with them). device_id, user_agent and ip_address are no longer written: the fraud
-- module's start-up conversion (PaymentDataConversion) pseudonymizes the rows that still hold clear values, in
-- batches, and clears those columns; it records here when it found none left.
ALTER TABLE authorizations ADD COLUMN device_key VARCHAR(64);
ALTER TABLE authorizations ADD COLUMN user_agent_key VARCHAR(64);
ALTER TABLE authorizations ADD COLUMN ip_key VARCHAR(64);
ALTER TABLE authorizations ADD COLUMN device_sealed TEXT;

CREATE TABLE payment_data_conversions (
    name           VARCHAR(64)              NOT NULL PRIMARY KEY,
    completed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    rows_converted BIGINT                   NOT NULL
);
