-- Staff's decision on a proposed limit reduction (ACCEPTED or REJECTED, status column of V26), and who
-- started each re-screening run (the job, or a staff member's "run now").
ALTER TABLE screening_proposals ADD COLUMN decided_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE screening_proposals ADD COLUMN decided_by VARCHAR(128);
ALTER TABLE screening_proposals ADD COLUMN decision_note VARCHAR(500);
-- The proposals still open, and the latest decisions, are what the staff page lists.
CREATE INDEX screening_proposals_status ON screening_proposals (status, proposed_at);
ALTER TABLE screening_runs ADD COLUMN started_by VARCHAR(128);
