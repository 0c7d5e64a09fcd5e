-- Issue 15 review (B1): a card issued on an application is PENDING (declined) until its issuance's last
-- step activates it, back to PENDING while staff decide an issuance that did not finish, and CLOSED when the
-- application is declined (card statuses: ACTIVE, BLOCKED, PENDING, CLOSED; the column is VARCHAR(16)).
-- Cards issued before this version were ACTIVE at once: those of applications not ISSUED are put right here.
UPDATE cards SET status = 'CLOSED'
    WHERE application_ref IN (SELECT id FROM applications WHERE status IN ('DECLINED', 'ABANDONED'));
UPDATE cards SET status = 'PENDING'
    WHERE status = 'ACTIVE'
      AND application_ref IN (SELECT id FROM applications WHERE status IN ('APPROVED', 'ERRORED', 'REFERRED'));
-- The screening accounts of closed cards, and of cards whose application is with staff (staff may approve
-- again, with other limits: the account is recorded again then), are withdrawn.
DELETE FROM screening_accounts
    WHERE card_token IN (SELECT c.token FROM cards c JOIN applications a ON a.id = c.application_ref
                         WHERE a.status IN ('DECLINED', 'ABANDONED', 'REFERRED'));
