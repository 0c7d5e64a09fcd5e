-- Machine clients: the key itself is never stored, only its SHA-256 and its public prefix.
CREATE TABLE api_clients (
    key_id     VARCHAR(16)              NOT NULL PRIMARY KEY,
    name       VARCHAR(64)              NOT NULL,
    key_hash   VARCHAR(64)              NOT NULL,
    roles      VARCHAR(128)             NOT NULL,
    enabled    BOOLEAN                  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Staff who sign in to the console (bcrypt hashes).
CREATE TABLE staff_users (
    username      VARCHAR(64)              NOT NULL PRIMARY KEY,
    password_hash VARCHAR(100)             NOT NULL,
    roles         VARCHAR(128)             NOT NULL,
    enabled       BOOLEAN                  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
