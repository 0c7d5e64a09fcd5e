-- A setup link opens only after a one-time code sent to the applicant's own contact through the issuer's
-- channel (docs/onboarding.md): a partner knows the answers to the link's check (it submitted them), not
-- the code. Per link: the code's keyed hash (never the code), until when it works, its wrong tries, and how
-- many codes the link sent. A link an applicant asked for again after it expired ("send me a new link")
-- is marked, so that such requests are limited per application.
ALTER TABLE application_links ADD COLUMN code_hash VARCHAR(64);
ALTER TABLE application_links ADD COLUMN code_expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE application_links ADD COLUMN code_failures INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE application_links ADD COLUMN codes_sent INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE application_links ADD COLUMN renewal BOOLEAN DEFAULT FALSE NOT NULL;
