-- The dispute queue workbench: which analyst works a case (a staff username; null: nobody yet).
ALTER TABLE disputes ADD COLUMN assigned_to VARCHAR(128);
CREATE INDEX disputes_assigned ON disputes (assigned_to, status);

-- A report's reference number (受付番号), short enough to read over the phone: D-yymm-XXXX in an
-- alphabet without 0/O/1/I. Given when the report is filed (a collision retries with another);
-- reports filed before this column existed get theirs at the next start (DisputeReferences), since
-- H2 and PostgreSQL share no random function to do it here. Unique; NULLs are allowed by both until then.
ALTER TABLE dispute_reports ADD COLUMN reference VARCHAR(16);
CREATE UNIQUE INDEX dispute_reports_reference ON dispute_reports (reference);

-- The card's last four digits (as on the masked number staff see), so the queue can be filtered by
-- the card a caller names without reading the card registry per row.
ALTER TABLE disputes ADD COLUMN card_last4 VARCHAR(4);
UPDATE disputes SET card_last4 = (SELECT c.last4 FROM cards c WHERE c.token = disputes.card_token);
CREATE INDEX disputes_card_last4 ON disputes (card_last4);
