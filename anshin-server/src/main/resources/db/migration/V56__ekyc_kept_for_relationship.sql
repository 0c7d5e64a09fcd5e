-- Issue 16 (fixB): the identity verification record (確認記録) of a customer is kept 7 years from the END of the
-- relationship (Act on Prevention of Transfer of Criminal Proceeds, Art. 6), not from the verification's start as
-- V27/V54 and the first retention rule had it. customer_since marks the verifications of an application whose card
-- was issued: they are kept while the customer is held, and their 7 years count from the customer's erasure
-- (erased_at, V54). The others (declined, abandoned) still count from started_at (docs/ekyc.md, "Retention").
ALTER TABLE ekyc_verifications ADD COLUMN customer_since TIMESTAMP WITH TIME ZONE;
UPDATE ekyc_verifications SET customer_since = (
        SELECT COALESCE(a.issued_at, a.updated_at) FROM applications a
        WHERE a.id = ekyc_verifications.subject_reference AND a.status = 'ISSUED')
    WHERE subject_reference IN (SELECT id FROM applications WHERE status = 'ISSUED');
CREATE INDEX ekyc_verifications_erased ON ekyc_verifications (erased_at);
