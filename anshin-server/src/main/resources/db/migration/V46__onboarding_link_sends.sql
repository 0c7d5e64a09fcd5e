-- A setup link sent to the applicant on their own request ("send me a new link", docs/onboarding.md): one row
-- per try, with when the channel took it (null: not sent). Limits such requests per application whether a new
-- link was made or a live one sent again, and tells a link the applicant was sent from one they never got (a
-- renewal whose send failed, or a link only the partner holds, made by its status read).
CREATE TABLE application_link_sends (
    id             VARCHAR(36)              NOT NULL PRIMARY KEY,
    application_id VARCHAR(64)              NOT NULL REFERENCES applications (id),
    serial         INTEGER                  NOT NULL,
    asked_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX application_link_sends_application ON application_link_sends (application_id, asked_at);
