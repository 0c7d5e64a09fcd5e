-- Twelve roles written out, comma-separated, no longer fit in 128 characters (a client holding every role
-- was refused on insert once CREDIT_OFFICER and APPLICATION_INTAKE came): room for the roles to come.
ALTER TABLE api_clients ALTER COLUMN roles SET DATA TYPE VARCHAR(512);
ALTER TABLE staff_users ALTER COLUMN roles SET DATA TYPE VARCHAR(512);
