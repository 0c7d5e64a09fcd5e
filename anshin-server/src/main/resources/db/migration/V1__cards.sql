-- Card registry: only the keyed token, BIN and last four digits; never the PAN.
CREATE TABLE cards (
    token      VARCHAR(64)              NOT NULL PRIMARY KEY,
    bin        VARCHAR(6)               NOT NULL,
    last4      VARCHAR(4)               NOT NULL,
    status     VARCHAR(16)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
