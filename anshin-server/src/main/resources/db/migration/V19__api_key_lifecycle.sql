-- API key lifecycle: every key issued through the API expires; rotation keeps the old key valid until
-- its overlap ends (expires_at moved forward, replaced_by names the new key); revocation disables it.
-- Keys the server registers at start have no expiry (they are replaced at the next start).
ALTER TABLE api_clients ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_clients ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_clients ADD COLUMN replaced_by VARCHAR(16);
ALTER TABLE api_clients ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
-- The revision of the change that last touched the row: each instance loads the rows changed since
-- the revision it saw last.
ALTER TABLE api_clients ADD COLUMN revision BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX api_clients_by_name ON api_clients (name);
CREATE INDEX api_clients_by_revision ON api_clients (revision);

-- Keys issued before keys could expire get the default lifetime from now on, rather than none.
UPDATE api_clients SET expires_at = CURRENT_TIMESTAMP + INTERVAL '90' DAY WHERE enabled = TRUE;

-- One counter every change of API keys bumps, in the change's transaction; every instance polls it
-- every second or so and reloads what changed, so a revoked key stops working everywhere within seconds.
CREATE TABLE api_client_revision (
    id       INTEGER NOT NULL PRIMARY KEY,
    revision BIGINT  NOT NULL
);
INSERT INTO api_client_revision (id, revision) VALUES (1, 1);
