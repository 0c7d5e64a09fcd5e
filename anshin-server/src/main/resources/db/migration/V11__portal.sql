-- Cardholder portal. An enrollment is a one-time activation code for one customer, stored only as its
-- SHA-256; an account is the cardholder's sign-in: a bcrypt password hash and a TOTP secret encrypted
-- with a key outside the database. No personal value is kept here, only the customer's id.
CREATE TABLE portal_enrollments (
    id          VARCHAR(36)              NOT NULL PRIMARY KEY,
    customer_id VARCHAR(36)              NOT NULL REFERENCES customers (id),
    -- the caller's idempotency key: a retry with it answers the same enrollment and code
    request_id  VARCHAR(64)              NOT NULL UNIQUE,
    code_hash   VARCHAR(64)              NOT NULL UNIQUE,
    created_by  VARCHAR(128)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- set when the cardholder activates, or when a newer enrollment replaces this one
    used_at     TIMESTAMP WITH TIME ZONE,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX portal_enrollments_customer ON portal_enrollments (customer_id);

CREATE TABLE portal_accounts (
    id              VARCHAR(36)              NOT NULL PRIMARY KEY,
    customer_id     VARCHAR(36)              NOT NULL UNIQUE REFERENCES customers (id),
    -- chosen by the cardholder at activation; compared in lower case
    login_id        VARCHAR(64)              NOT NULL UNIQUE,
    password_hash   VARCHAR(100)             NOT NULL,
    -- AES-256-GCM (Tink), associated data = the account id
    totp_secret     VARCHAR(500)             NOT NULL,
    -- the last TOTP time step accepted: a code of that step or earlier is a replay
    totp_last_step  BIGINT                   NOT NULL,
    failed_attempts INTEGER                  NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE,
    enabled         BOOLEAN                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sign_in_at TIMESTAMP WITH TIME ZONE
);
