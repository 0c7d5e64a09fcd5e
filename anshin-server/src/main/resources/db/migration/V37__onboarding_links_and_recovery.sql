-- Onboarding after review (docs/onboarding.md). An application is found by its resume token's hash on every
-- /apply request: indexed. The recovery job takes applications in the order it last looked at them, so a
-- few that never move do not hide the rest. A partner's setup link is single-use and expires; it attaches a
-- browser only after the applicant proved who they are (date of birth and the phone's last four digits),
-- with a count of failed tries. Only the link's SHA-256 is kept.
-- A partner's application was opened by a resume token derived from its id and given to the partner as its
-- setup link: that token opens nothing now (a marker no SHA-256 of a token can equal; unique per application).
UPDATE applications SET resume_hash = 'partner:' || id WHERE channel = 'PARTNER';
CREATE UNIQUE INDEX applications_resume ON applications (resume_hash);
ALTER TABLE applications ADD COLUMN polled_at TIMESTAMP WITH TIME ZONE;
CREATE TABLE application_links (
    token_hash     VARCHAR(64)              NOT NULL PRIMARY KEY,
    application_id VARCHAR(64)              NOT NULL REFERENCES applications (id),
    serial         INTEGER                  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at        TIMESTAMP WITH TIME ZONE,
    failures       INTEGER                  NOT NULL,
    CONSTRAINT application_links_serial UNIQUE (application_id, serial)
);
