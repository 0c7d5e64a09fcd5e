-- Deciding an application across servers (docs/onboarding.md, "Deciding once, across servers"). Before the
-- credit bureau is asked, the deciding server claims the application and each duplicate pseudonym it carries
-- (identity, phone, e-mail): one row per key, held until claimed_until. So the bureau is asked once per
-- application (an inquiry is recorded on the person's credit file), and one person's applications are decided
-- one at a time, each counting what the other was granted. A server that dies holding a claim lets it run out;
-- the recovery job then decides the application, and drops claims that ran out.
CREATE TABLE application_decision_claims (
    claim_key     VARCHAR(80)              NOT NULL PRIMARY KEY,
    claimant      VARCHAR(36)              NOT NULL,
    claimed_until TIMESTAMP WITH TIME ZONE NOT NULL
);
-- A declined application's leftovers (its card closed, its screening account withdrawn, the portal enrollment
-- revoked, the device's link taken back) are tidied by the decline, and by the recovery job when that failed:
-- tidied_at says it was done. Applications declined before this version are tidied once by the recovery job.
ALTER TABLE applications ADD COLUMN tidied_at TIMESTAMP WITH TIME ZONE;
