-- A decision notice is claimed for a while (claimed_until) and marked sent only once the channel took it: a
-- run that dies between the claim and the send leaves the notice owed again when the claim runs out (the
-- notice's id lets the channel drop a repeat). docs/onboarding.md.
ALTER TABLE application_decision_notices ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
