-- Second onboarding review (C1b): a card pending its issuance is neither blocked nor unblocked (blocked, an
-- unblock made it usable without issuance), and an erasure closes it (CLOSED) instead of blocking it. Cards
-- blocked before this version while their application was not ISSUED are put right here: CLOSED when the
-- application is declined or abandoned (erasure abandons it), PENDING while it is approved, errored or referred.
UPDATE cards SET status = 'CLOSED'
    WHERE status = 'BLOCKED'
      AND application_ref IN (SELECT id FROM applications WHERE status IN ('DECLINED', 'ABANDONED'));
UPDATE cards SET status = 'PENDING'
    WHERE status = 'BLOCKED'
      AND application_ref IN (SELECT id FROM applications WHERE status IN ('APPROVED', 'ERRORED', 'REFERRED'));
