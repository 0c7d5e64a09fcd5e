-- PAN vault: the full card number, only encrypted (AES-256-GCM, key outside the database, bound to
-- the card's token). Everywhere else a card is its keyed token plus BIN and last four. A customer's
-- erasure deletes the vault rows of their cards in the same transaction.
CREATE TABLE pan_vault (
    token      VARCHAR(64)              NOT NULL PRIMARY KEY REFERENCES cards (token),
    ciphertext VARCHAR(256)             NOT NULL,
    stored_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The customer a card belongs to (the privacy module's opaque id; null for a card registered alone).
ALTER TABLE cards ADD COLUMN customer_id VARCHAR(36) REFERENCES customers (id);
CREATE INDEX cards_customer ON cards (customer_id);
