-- The voice of the customer (issue 17): departments, the topic -> department map staff edit, and the items with
-- their analysis. Other voice tables (imports, corrections, models, alerts, countermeasures) come in their own
-- migrations.

-- The issuer's departments that own topics and review them monthly. Names are the issuer's own data (not
-- product text), so they are kept here in both languages and staff may add departments.
CREATE TABLE voice_departments (
    code        VARCHAR(40)  PRIMARY KEY,
    name_ja     VARCHAR(100) NOT NULL,
    name_en     VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO voice_departments (code, name_ja, name_en, created_at) VALUES
    ('FRAUD_PREVENTION', '不正対策部', 'Fraud Prevention', CURRENT_TIMESTAMP),
    ('PRODUCTS', '商品企画部', 'Products and Pricing', CURRENT_TIMESTAMP),
    ('DIGITAL', 'デジタル推進部', 'Digital Channels', CURRENT_TIMESTAMP),
    ('LOYALTY', 'ポイント・提携部', 'Loyalty and Partnerships', CURRENT_TIMESTAMP),
    ('CONTACT_CENTER', 'お客様センター', 'Contact Center', CURRENT_TIMESTAMP),
    ('CARD_OPERATIONS', 'カード業務部', 'Card Operations', CURRENT_TIMESTAMP),
    ('CREDIT', '与信管理部', 'Credit Management', CURRENT_TIMESTAMP),
    ('BILLING', '債権管理部', 'Billing and Collections', CURRENT_TIMESTAMP),
    ('COMPLIANCE', 'コンプライアンス部', 'Privacy and Compliance', CURRENT_TIMESTAMP),
    ('STORES', '店舗営業部', 'Stores and Counters', CURRENT_TIMESTAMP);

-- Which department owns each topic (voice.analysis.Topic); one row per topic, edited by staff, every change audited.
CREATE TABLE voice_routes (
    topic       VARCHAR(30)  PRIMARY KEY,
    department  VARCHAR(40)  NOT NULL REFERENCES voice_departments (code),
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by  VARCHAR(100) NOT NULL
);

INSERT INTO voice_routes (topic, department, changed_at, changed_by) VALUES
    ('FRAUD_SECURITY', 'FRAUD_PREVENTION', CURRENT_TIMESTAMP, 'migration'),
    ('FEES_INTEREST', 'PRODUCTS', CURRENT_TIMESTAMP, 'migration'),
    ('WEB_APP', 'DIGITAL', CURRENT_TIMESTAMP, 'migration'),
    ('POINTS', 'LOYALTY', CURRENT_TIMESTAMP, 'migration'),
    ('CALL_CENTER', 'CONTACT_CENTER', CURRENT_TIMESTAMP, 'migration'),
    ('CARD_DELIVERY', 'CARD_OPERATIONS', CURRENT_TIMESTAMP, 'migration'),
    ('SCREENING_LIMITS', 'CREDIT', CURRENT_TIMESTAMP, 'migration'),
    ('BILLING_PAYMENT', 'BILLING', CURRENT_TIMESTAMP, 'migration'),
    ('PRIVACY', 'COMPLIANCE', CURRENT_TIMESTAMP, 'migration'),
    ('STORE_COUNTER', 'STORES', CURRENT_TIMESTAMP, 'migration');

-- One customer's voice. The original text is sealed through the privacy module (with the customer's key when the
-- customer is known, else with the month's key for unattributed voices) and cleared on erasure; staff see the
-- redacted text only. The analysis is the model's, or the staff's once corrected (corrected = TRUE).
CREATE TABLE voice_items (
    id              VARCHAR(36)   PRIMARY KEY,
    source          VARCHAR(20)   NOT NULL,   -- API, PORTAL, PUBLIC_FORM, STAFF, IMPORT
    submitted_by    VARCHAR(100)  NOT NULL,   -- the API client, staff member, 'portal' or 'public-form'
    voice_key       VARCHAR(100),             -- the submitter's idempotency key (voiceId, form token, CSV row key)
    channel         VARCHAR(20)   NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    customer_id     VARCHAR(36),
    seal_key        VARCHAR(40),              -- whose key sealed the original: the customer id, or 'month:YYYY-MM'
    original_text   VARCHAR(24000),           -- sealed; NULL once erased
    redacted_text   VARCHAR(4000)  NOT NULL,  -- '' once the customer is erased
    kind            VARCHAR(20)   NOT NULL,
    sentiment       VARCHAR(10)   NOT NULL,
    department      VARCHAR(40)   NOT NULL,
    model_version   VARCHAR(40)   NOT NULL,
    corrected       BOOLEAN       NOT NULL DEFAULT FALSE,
    import_id       VARCHAR(36),
    import_row      INTEGER,
    erased_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT voice_items_key UNIQUE (submitted_by, voice_key)
);

CREATE INDEX voice_items_received ON voice_items (received_at);
CREATE INDEX voice_items_department ON voice_items (department, received_at);
CREATE INDEX voice_items_customer ON voice_items (customer_id);

-- The item's topics, most likely first (topic_rank 0 routes the item). Counting "by topic" counts every topic an item has.
CREATE TABLE voice_item_topics (
    item_id     VARCHAR(36)  NOT NULL REFERENCES voice_items (id),
    topic       VARCHAR(30)  NOT NULL,
    topic_rank  INTEGER      NOT NULL,
    PRIMARY KEY (item_id, topic)
);

CREATE INDEX voice_item_topics_topic ON voice_item_topics (topic);

-- A staff member's correction of an item's analysis: kept and audited; the corrected labels (with the item's
-- redacted text) are training data for the next model. The item's own columns hold the latest labels.
CREATE TABLE voice_corrections (
    id               VARCHAR(36)  PRIMARY KEY,
    item_id          VARCHAR(36)  NOT NULL REFERENCES voice_items (id),
    corrected_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    corrected_by     VARCHAR(100) NOT NULL,
    kind_before      VARCHAR(20)  NOT NULL,
    kind_after       VARCHAR(20)  NOT NULL,
    topics_before    VARCHAR(400) NOT NULL,   -- comma-separated, most likely first
    topics_after     VARCHAR(400) NOT NULL,
    sentiment_before VARCHAR(10)  NOT NULL,
    sentiment_after  VARCHAR(10)  NOT NULL
);

CREATE INDEX voice_corrections_item ON voice_corrections (item_id);
CREATE INDEX voice_corrections_at ON voice_corrections (corrected_at);
