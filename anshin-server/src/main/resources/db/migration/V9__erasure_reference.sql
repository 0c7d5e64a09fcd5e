-- Tombstones give a reason code (ErasureReason) and the reference of the request or decision behind
-- the erasure, instead of free text that could itself come to hold personal data.
ALTER TABLE erasure_tombstones ADD COLUMN reference VARCHAR(64);
