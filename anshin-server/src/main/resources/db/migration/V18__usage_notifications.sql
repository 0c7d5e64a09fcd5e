-- Usage notifications (issue 4): the outbox of e-mail/push notices, one row per authorization of a
-- card that belongs to a customer, written in the same transaction as the authorization. Holds ids
-- and delivery state only: the content is built from the authorization when it is sent.
CREATE TABLE usage_notifications (
    id               VARCHAR(36)              NOT NULL PRIMARY KEY,
    authorization_id VARCHAR(64)              NOT NULL,
    card_token       VARCHAR(64)              NOT NULL,
    customer_id      VARCHAR(36)              NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Next tried at or after this (a dispatcher that claims the row pushes it out by its lease);
    -- null once sent or given up, so the due index holds only what is left to send.
    due_at           TIMESTAMP WITH TIME ZONE,
    attempts         INTEGER DEFAULT 0        NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE,
    gave_up_at       TIMESTAMP WITH TIME ZONE,
    -- A code (the sender's or the exception's class), never a message: no personal data here.
    last_error       VARCHAR(100),
    CONSTRAINT usage_notifications_authorization UNIQUE (authorization_id)
);
CREATE INDEX usage_notifications_due ON usage_notifications (due_at);
CREATE INDEX usage_notifications_customer ON usage_notifications (customer_id);
