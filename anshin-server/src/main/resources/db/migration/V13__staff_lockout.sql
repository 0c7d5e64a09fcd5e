-- Staff sign-in lockout (PCI DSS 8.3.4): failed password attempts in a row and the end of the lock.
ALTER TABLE staff_users ADD COLUMN failed_attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE staff_users ADD COLUMN locked_until TIMESTAMP WITH TIME ZONE;
