-- Customer service finds a caller by a card's last four digits (with their date of birth).
CREATE INDEX cards_last4 ON cards (last4);

-- When a request was claimed for completion: only one completion runs at a time; a claim left
-- behind by an interrupted completion may be taken over once it is old.
ALTER TABLE data_subject_requests ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;
