-- Statistics that identify no one (F13).

-- Where a merchant is: the authorizations carry no merchant location, so staff keep this directory
-- (merchant id -> prefecture, JIS X 0401 code 01..47); a merchant not in it counts as UNKNOWN.
CREATE TABLE merchant_directory (
    merchant_id VARCHAR(64)              NOT NULL PRIMARY KEY,
    prefecture  VARCHAR(2)               NOT NULL,
    updated_by  VARCHAR(128)             NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The country a card was issued in, by BIN prefix (the longest prefix wins): reference data, not
-- personal data; a card whose BIN matches no prefix counts as UNKNOWN.
CREATE TABLE bin_countries (
    bin_prefix VARCHAR(8)               NOT NULL PRIMARY KEY,
    country    VARCHAR(2)               NOT NULL,
    updated_by VARCHAR(128)             NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Reports defined as data: the definition as strict JSON, kept as given once checked.
CREATE TABLE statistics_reports (
    id          VARCHAR(36)              NOT NULL PRIMARY KEY,
    request_id  VARCHAR(64)              NOT NULL UNIQUE,
    name        VARCHAR(200)             NOT NULL,
    definition  TEXT                     NOT NULL,
    created_by  VARCHAR(128)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The privacy budget per dataset and period (ε in thousandths). A release spends with one conditional
-- update per period (spent + cost <= total), so two servers can never overspend it together.
CREATE TABLE statistics_budgets (
    dataset          VARCHAR(32)              NOT NULL,
    period           VARCHAR(7)               NOT NULL,
    total_thousandths BIGINT                  NOT NULL,
    spent_thousandths BIGINT                  NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dataset, period),
    CONSTRAINT statistics_budget_not_overspent CHECK (spent_thousandths <= total_thousandths)
);

-- Every release with its parameters and the released table (noisy, thresholded values only).
CREATE TABLE statistics_releases (
    id           VARCHAR(36)              NOT NULL PRIMARY KEY,
    -- the idempotency key of the preview that made it: a retried preview spends no budget again
    request_id   VARCHAR(64)              NOT NULL UNIQUE,
    report_id    VARCHAR(36)              NOT NULL REFERENCES statistics_reports (id),
    status       VARCHAR(16)              NOT NULL,
    dataset      VARCHAR(32)              NOT NULL,
    periods      VARCHAR(400)             NOT NULL,
    parameters   TEXT                     NOT NULL,
    released     TEXT,
    created_by   VARCHAR(128)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    published_by VARCHAR(128),
    published_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX statistics_releases_report ON statistics_releases (report_id, created_at);
CREATE INDEX statistics_releases_status ON statistics_releases (status, published_at);
