-- What Anshin's device module knew of an authorization's device when it was scored (issue 15 F3):
-- automation, applications, customers, frauds on linked cards and the reason codes, as JSON.
-- Kept with the decision so that the feature state rebuilt from decisions computes the same features.
ALTER TABLE authorizations ADD COLUMN device_facts VARCHAR(2000);
