-- Each server reads the erasures of the last minutes every few seconds (fraud's ErasuresElsewhere): by time.
CREATE INDEX erasure_tombstones_erased_at ON erasure_tombstones (erased_at);
