-- A rule can be deleted: the deletion is one more change, the rule's last definition kept with it for
-- the history; the active set leaves the rule out. Its id may be used again by a new rule later.
ALTER TABLE rule_changes ADD COLUMN deleted BOOLEAN DEFAULT FALSE NOT NULL;
