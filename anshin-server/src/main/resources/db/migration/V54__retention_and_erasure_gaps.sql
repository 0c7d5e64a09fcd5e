-- Issue 16, erasure gaps and retention rules (docs/operations.md, "Retention").

-- A screening decision of an erased customer keeps its record (outcome, reasons, limits granted, when, by whom:
-- the Installment Sales Act's record of the decision) without the figures it rested on: those are overwritten
-- with zeros (and the bureau's with nothing) and this says when, so that nobody reads the zeros as figures.
ALTER TABLE screening_decisions ADD COLUMN figures_erased_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX screening_decisions_decided ON screening_decisions (decided_at);

-- A verification of an erased applicant keeps only the reference to the vendor's verification record (its id,
-- provider, status, outcome and times); its result, reasons, return address and language are cleared, and no
-- later result is taken in for it.
ALTER TABLE ekyc_verifications ADD COLUMN erased_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ekyc_verifications_started ON ekyc_verifications (started_at);

-- What the retention rules look for.
CREATE INDEX consent_ledger_recorded ON consent_ledger (recorded_at);
CREATE INDEX data_subject_requests_closed ON data_subject_requests (closed_at);
CREATE INDEX support_bookings_closed ON support_bookings (closed_at);
CREATE INDEX dispute_reports_submitted ON dispute_reports (submitted_at);
