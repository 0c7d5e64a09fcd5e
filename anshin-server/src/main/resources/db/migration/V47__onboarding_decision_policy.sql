-- The rules a decision's reasons were weighed under (ApplicationRiskPolicy.Version), so that the pages read what
-- referred as it was decided. NULL: decided before the fraud score (every fraud signal referred, the browser's
-- language was a note).
ALTER TABLE applications ADD COLUMN decision_policy VARCHAR(32);
