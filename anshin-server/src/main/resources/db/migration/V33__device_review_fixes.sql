-- Devices after review (issue 15; docs/devices.md): observation references bound to one application,
-- replayed references counted against the device, and frauds that remember whose card they were on so
-- that erasing that person reaches them. One script for H2 and PostgreSQL.

-- The application an observation's reference was claimed for (Devices.claim): the first one wins; the
-- reference is short-lived (anshin.devices.observation-lifetime) and bound to that application.
ALTER TABLE device_observations ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE device_observations ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;

-- Another application presenting a reference already claimed: a harvested reference replayed. Counted
-- against the device (reason REUSED_OBSERVATION); once per reference and application; kept as long as
-- observations are (anshin.devices.observation-retention).
CREATE TABLE device_observation_reuses (
    observation_id     VARCHAR(36)              NOT NULL,
    application_ref    VARCHAR(64)              NOT NULL,
    device_id          VARCHAR(36)              NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    attempted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT device_observation_reuses_pk PRIMARY KEY (observation_id, application_ref)
);
CREATE INDEX device_observation_reuses_by_device ON device_observation_reuses (device_id, attempted_at);
CREATE INDEX device_observation_reuses_by_time ON device_observation_reuses (attempted_at);

-- The customer whose card the fraud was on (when it was recorded): erasing them deletes their LINKED_CARD
-- frauds and takes the authorization out of their DEVICE ones. Rows recorded before are filled from the
-- cards.
ALTER TABLE device_frauds ADD COLUMN customer_id VARCHAR(36);
UPDATE device_frauds SET customer_id = (SELECT c.customer_id FROM authorizations a JOIN cards c ON c.token = a.card_token
    WHERE a.authorization_id = device_frauds.authorization_id);
CREATE INDEX device_frauds_by_customer ON device_frauds (customer_id);

-- A LINKED_CARD fraud counts against a device only from when the card's customer was linked to it (a fraud
-- reported as known before the link must not reach back to before it: point-in-time reputation).
UPDATE device_frauds SET known_at = (SELECT l.linked_at FROM device_customers l
        WHERE l.device_id = device_frauds.device_id AND l.customer_id = device_frauds.customer_id)
    WHERE kind = 'LINKED_CARD' AND EXISTS (SELECT 1 FROM device_customers l WHERE l.device_id = device_frauds.device_id
        AND l.customer_id = device_frauds.customer_id AND l.linked_at > device_frauds.known_at);
