-- A referred applicant is told the staff decision through the issuer's channel (notifications module,
-- CardholderNotices; docs/onboarding.md). One row per decided referral, written with the decision: the
-- notice owed, when it went out, and the last failure's code (never an address or a message text).
CREATE TABLE application_decision_notices (
    application_id VARCHAR(64)              NOT NULL PRIMARY KEY REFERENCES applications (id),
    outcome        VARCHAR(16)              NOT NULL,
    decided_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at        TIMESTAMP WITH TIME ZONE,
    attempts       INTEGER                  NOT NULL,
    last_failure   VARCHAR(64)
);
CREATE INDEX application_decision_notices_unsent ON application_decision_notices (sent_at, decided_at);
