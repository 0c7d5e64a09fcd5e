-- PAN vault: the full card number, only encrypted (AES-256-GCM, key outside the database, bound to
-- the card's token). Everywhere else a card is its keyed token plus BIN and last four.
CREATE TABLE pan_vault (
    token      VARCHAR(64)              NOT NULL PRIMARY KEY REFERENCES cards (token),
    ciphertext VARCHAR(256)             NOT NULL,
    stored_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
